"""The actor gazetteer: shipped data is valid and complete, lookups normalize, bad files are rejected."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from alliance_graph.errors import AllianceGraphError, GazetteerError
from alliance_graph.extract.gazetteer import Actor, Gazetteer, load_gazetteer, normalize_surface
from alliance_graph.extract.records import ACTOR_TYPES

UN_MEMBER_STATES = """
Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|Australia|Austria|
Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|
Bosnia and Herzegovina|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|
Cape Verde|Central African Republic|Chad|Chile|China|Colombia|Comoros|Costa Rica|Croatia|Cuba|Cyprus|
Czech Republic|Democratic Republic of the Congo|Denmark|Djibouti|Dominica|Dominican Republic|East Timor|
Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|
Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guinea-Bissau|Guyana|Haiti|Honduras|Hungary|
Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|Kenya|
Kiribati|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|
Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Marshall Islands|Mauritania|Mauritius|Mexico|Micronesia|
Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|New Zealand|
Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Norway|Oman|Pakistan|Palau|Panama|Papua New Guinea|
Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Republic of the Congo|Romania|Russia|Rwanda|
Saint Kitts and Nevis|Saint Lucia|Saint Vincent and the Grenadines|Samoa|San Marino|Sao Tome and Principe|
Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Solomon Islands|Somalia|
South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Tajikistan|
Tanzania|Thailand|Togo|Tonga|Trinidad and Tobago|Tunisia|Turkey|Turkmenistan|Tuvalu|Uganda|Ukraine|
United Arab Emirates|United Kingdom|United States|Uruguay|Uzbekistan|Vanuatu|Venezuela|Vietnam|Yemen|
Zambia|Zimbabwe
"""


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def write_jsonl(path: Path, entries: list[dict]) -> Path:
    path.write_text("".join(json.dumps(entry) + "\n" for entry in entries), encoding="utf-8")
    return path


def test_shipped_file_is_valid_and_cached(gazetteer: Gazetteer) -> None:
    assert len(gazetteer) > 600
    assert load_gazetteer() is gazetteer
    for actor in gazetteer.actors.values():
        assert actor.type in ACTOR_TYPES
        assert actor.qid is None or re.fullmatch(r"Q[1-9]\d*", actor.qid), actor
        if actor.demonyms:
            assert actor.type in {"State", "Bloc"}, actor.label
        for target in (actor.represents, actor.located_in):
            assert target is None or target in gazetteer.actors


def test_every_un_member_state_is_a_state(gazetteer: Gazetteer) -> None:
    names = [name.strip() for name in UN_MEMBER_STATES.split("|")]
    assert len(names) == 193
    for name in names:
        actor = gazetteer.lookup(name)
        assert actor is not None and actor.type == "State", name
    for name in ("Taiwan", "Kosovo", "Palestine", "Vatican"):
        assert gazetteer.lookup(name).type == "State"


@pytest.mark.parametrize(
    ("text", "label", "kind"),
    [
        ("the Kremlin", "Russia", "metonym"),
        ("Moscow", "Russia", "metonym"),
        ("Pyongyang’s", "North Korea", "metonym"),
        ("Beijing", "China", "metonym"),
        ("Kiev", "Ukraine", "metonym"),
        ("Brussels", "European Union", "metonym"),
        ("the White House", "United States", "metonym"),
        ("North Koreans", "North Korea", "demonym"),
        ("Russian", "Russia", "demonym"),
        ("Western", "the West", "demonym"),
        ("DPRK's", "North Korea", "alias"),
        ("U.S.", "United States", "alias"),
        ("Kim Jong-un", "Kim Jong Un", "label"),
        ("kim jong un", "Kim Jong Un", "label"),
        ("Zelenskyy", "Volodymyr Zelensky", "alias"),
        ("Erdogan", "Recep Tayyip Erdogan", "alias"),
        ("Erdoğan", "Recep Tayyip Erdogan", "alias"),
        ("Tô Lâm", "To Lam", "label"),
        ("Shahed-type drones", "Shahed drone", "alias"),
        ("Geran-2 drones", "Geran-2", "alias"),
        ("Alabuga plant", "Alabuga Special Economic Zone", "alias"),
        ("Russia's Tatarstan Republic", "Tatarstan", "alias"),
        ("the Far East", "Russian Far East", "alias"),
        ("NIS", "National Intelligence Service", "alias"),
        ("Rajin port", "Rajin", "alias"),
        ("Fordow", "Fordow", "label"),
        ("Natanz enrichment plant", "Natanz", "alias"),
        ("Moscow's so-called shadow fleet", "Russian shadow fleet", "alias"),
        ("China National Petroleum Corp", "China National Petroleum Corporation", "alias"),
        ("UN Panel of Experts on North Korea", "UN Panel of Experts", "alias"),
    ],
)
def test_lookup_normalizes_surface_forms(gazetteer: Gazetteer, text: str, label: str, kind: str) -> None:
    assert gazetteer.lookup(text).label == label
    assert gazetteer.kind_of(text) == kind


def test_unknown_text_is_none(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Kim") is None
    assert gazetteer.kind_of("workers") is None
    assert "Atlantis" not in gazetteer


def test_office_holders_carry_represents_and_titles(gazetteer: Gazetteer) -> None:
    lavrov = gazetteer.lookup("Lavrov")
    assert lavrov.represents == "Russia" and "Foreign Minister" in lavrov.titles
    assert gazetteer.lookup("Choe Son-hui").represents == "North Korea"
    assert gazetteer.actors["National Intelligence Service"].represents == "South Korea"
    assert gazetteer.actors["Alabuga Special Economic Zone"].located_in == "Tatarstan"


@pytest.mark.parametrize(
    ("name", "served"),
    [("Wang Wenbin", "China"), ("Janet Yellen", "United States"), ("Ali Akbar Ahmadian", "Iran"),
     ("Ihor Klymenko", "Ukraine"), ("Grant Shapps", "United Kingdom"), ("Park Jin", "South Korea"),
     ("Jang Chang Ha", "North Korea"), ("Dmitry Polyansky", "Russia"), ("Yasukazu Hamada", "Japan"),
     ("Roman Golovchenko", "Belarus"), ("Maros Sefcovic", "European Union")],
)
def test_recent_officials_of_the_domain_states(gazetteer: Gazetteer, name: str, served: str) -> None:
    actor = gazetteer.lookup(name)
    assert actor is not None and actor.type == "Person" and actor.represents == served


def test_ports_and_ships_of_the_arms_route_are_actors(gazetteer: Gazetteer) -> None:
    assert gazetteer.actors["Dunai"].located_in == "Primorsky Krai"
    assert gazetteer.lookup("Lady R").type == "Facility"
    assert gazetteer.lookup("Rason").label == "Rason" and gazetteer.lookup("Najin").label == "Rajin"


def test_normalize_surface_ignores_case_article_possessive_and_dashes() -> None:
    assert normalize_surface("The DPRK’s") == normalize_surface("dprk")
    assert normalize_surface("Shahed–136") == normalize_surface("shahed 136")
    assert normalize_surface("Côte d’Ivoire") == "cote d'ivoire"


def test_patterns_cover_every_surface_form(gazetteer: Gazetteer) -> None:
    patterns = gazetteer.patterns()
    for pattern in patterns:
        assert set(pattern) == {"label", "pattern", "id"}
        assert pattern["label"] == gazetteer.actors[pattern["id"]].type
        assert pattern["pattern"] and all("LOWER" in token for token in pattern["pattern"])
    ids = {pattern["id"] for pattern in patterns}
    assert ids == set(gazetteer.actors)
    kremlin = [p["pattern"] for p in patterns if p["id"] == "Russia"]
    assert [{"LOWER": "the"}, {"LOWER": "kremlin", "IS_LOWER": False}] in kremlin
    us = [p["pattern"] for p in patterns if p["id"] == "United States"]
    assert [{"LOWER": "us", "IS_UPPER": True}] in us  # so the pronoun "us" never matches
    kim = [p["pattern"] for p in patterns if p["id"] == "Kim Jong Un"]
    assert [{"LOWER": w, "IS_LOWER": False} for w in ("kim", "jong", "un")] in kim


def test_patterns_drive_a_real_span_ruler(gazetteer: Gazetteer) -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("span_ruler", config={"validate": True})
    ruler.add_patterns(gazetteer.patterns(tokenizer=nlp.tokenizer))
    doc = nlp(
        "Pyongyang sent Kim Jong-un to Turkey; let us eat turkey. Shaheds hit the U.S. embassy."
        " The Democratic People’s Republic of Korea agreed."
    )
    found = {(span.text, span.id_) for span in doc.spans["ruler"]}
    assert {("Pyongyang", "North Korea"), ("Kim Jong-un", "Kim Jong Un"), ("Turkey", "Turkey")} <= found
    assert {("Shaheds", "Shahed drone"), ("U.S.", "United States")} <= found
    assert ("Democratic People’s Republic of Korea", "North Korea") in found
    assert not any(text in {"turkey", "us"} for text, _ in found)


def test_no_entry_repeats_a_surface_form(gazetteer: Gazetteer) -> None:
    for actor in gazetteer.actors.values():
        forms = [form for form, _ in actor.surface_forms()]
        assert len(forms) == len(set(forms)), actor.label


def test_patterns_accept_a_custom_tokenizer() -> None:
    class Token:
        def __init__(self, text: str) -> None:
            self.text = text

    small = Gazetteer([Actor(label="Kursk", type="Place", aliases=("Kursk region",))])
    patterns = small.patterns(tokenizer=lambda text: [Token(word) for word in text.split()])
    assert {"label": "Place", "pattern": [{"LOWER": "kursk", "IS_LOWER": False}, {"LOWER": "region"}], "id": "Kursk"} in patterns


def test_alias_collision_names_both_entries(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "bad.jsonl", [
        {"label": "Congo A", "type": "State", "aliases": ["Congo"]},
        {"label": "Congo B", "type": "State", "metonyms": ["the congo"]},
    ])
    with pytest.raises(GazetteerError, match="Congo A.*Congo B|Congo B.*Congo A") as raised:
        load_gazetteer(path)
    assert isinstance(raised.value, AllianceGraphError)


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([{"label": "X", "type": "Country"}], "type 'Country'"),
        ([{"label": "X", "type": "State"}, {"label": "X", "type": "State"}], "duplicate label"),
        ([{"label": "X", "type": "Person", "represents": "Nowhere"}], "represents='Nowhere'"),
        ([{"label": "X", "type": "Place", "located_in": "Nowhere"}], "located_in='Nowhere'"),
        ([{"label": "X", "type": "State", "qid": "423"}], "qid"),
        ([{"label": "X", "type": "State", "aliases": "X1"}], "list of strings"),
        ([{"label": "X", "type": "State", "colour": "red"}], "unknown keys"),
    ],
)
def test_invalid_entries_are_rejected(tmp_path: Path, entries: list[dict], message: str) -> None:
    with pytest.raises(GazetteerError, match=re.escape(message)):
        load_gazetteer(write_jsonl(tmp_path / "bad.jsonl", entries))


def test_malformed_or_missing_file_is_a_user_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"label": "X", "type": "State"}\n{not json\n', encoding="utf-8")
    with pytest.raises(GazetteerError, match="line 2"):
        load_gazetteer(broken)
    with pytest.raises(GazetteerError, match="Cannot read"):
        load_gazetteer(tmp_path / "missing.jsonl")


def test_extra_file_extends_and_overrides_by_label(tmp_path: Path, gazetteer: Gazetteer) -> None:
    extra = write_jsonl(tmp_path / "mine.jsonl", [
        {"label": "North Korea", "aliases": ["Hermit Kingdom"]},
        {"label": "Russia", "metonyms": ["the Kremlin"], "replace": True},
        {"label": "Tumen River", "located_in": "North Korea"},
        {"label": "Rodong Sinmun", "type": "Organization", "represents": "North Korea"},
    ])
    merged = load_gazetteer(extra=[extra])
    assert merged.lookup("Hermit Kingdom").label == "North Korea"
    assert merged.lookup("DPRK").label == "North Korea"
    assert merged.lookup("Moscow") is None and merged.lookup("Kremlin").label == "Russia"
    assert merged.actors["Tumen River"].located_in == "North Korea"
    assert merged.lookup("Rodong Sinmun").type == "Organization"
    assert gazetteer.lookup("Moscow").label == "Russia"  # the cached default is untouched


def test_extra_file_new_entry_needs_a_type(tmp_path: Path) -> None:
    extra = write_jsonl(tmp_path / "mine.jsonl", [{"label": "Somewhere New"}])
    with pytest.raises(GazetteerError, match="type None"):
        load_gazetteer(extra=[extra])


def test_canonical_labels_use_the_ascii_press_spelling(gazetteer: Gazetteer) -> None:
    accented = [label for label in gazetteer.actors if not label.isascii()]
    assert accented == []
    # the written form with diacritics stays an alias of the same actor
    assert gazetteer.lookup("Tô Lâm").label == "To Lam"
    assert gazetteer.lookup("Viktor Orbán").label == "Viktor Orban"


def test_news_agencies_speak_for_no_state(gazetteer: Gazetteer) -> None:
    for name in ("KCNA", "TASS", "Xinhua", "Yonhap", "IRNA", "RIA Novosti"):
        actor = gazetteer.lookup(name)
        assert actor is not None and actor.type == "Organization", name
        assert actor.represents is None, name


def test_agencies_known_by_their_acronyms(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Ukraine's defence intelligence directorate").label == "HUR"
    assert gazetteer.lookup("Defence Intelligence of Ukraine").label == "HUR"
    assert gazetteer.actors["Kyrylo Budanov"].represents in ("Ukraine", "HUR")


def test_regions_and_their_capitals_are_separate_actors():
    gazetteer = load_gazetteer()
    for region, city in (("Krasnodar Krai", "Krasnodar"), ("Saratov region", "Saratov")):
        assert gazetteer.actors[region].located_in == "Russia"
        assert gazetteer.actors[city].located_in == region
    assert gazetteer.lookup("Krasnodar region").label == "Krasnodar Krai"
    assert gazetteer.lookup("Saratov Oblast").label == "Saratov region"
