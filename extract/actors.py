"""Actor mentions: find them in a parsed Doc and resolve each to a canonical actor.

Pure functions over spaCy ``Doc`` objects; the pipeline component only stores the result.
A mention comes from (in this order of trust) a gazetteer match of the ``alliance_actors``
ruler, a spaCy entity (unknown actors keep their normalized name and a mapped type), a
surname of a person named earlier in the document, a definite description ("the plant" ->
the last Facility) or a personal pronoun ("she" -> the last Person).
"""
from __future__ import annotations

import re
import threading
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from alliance_graph.extract.gazetteer import Actor, Gazetteer
    from alliance_graph.extract.lexicon import Lexicon

# spaCy entity labels -> actor types for entities the gazetteer does not know.
NER_TYPES: dict[str, str] = {
    "PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place",
    "FAC": "Facility", "PRODUCT": "Product",
}
FACILITY_HEADS = {"plant", "factory", "zone", "base", "complex", "facility", "shipyard",
                   "airfield", "airbase", "port", "refinery", "works", "site", "center", "centre",
                   "terminal", "airport", "spaceport", "cosmodrome", "depot", "arsenal", "dockyard"}
_PLACE_HEADS = {"region", "oblast", "province", "republic", "krai", "district", "city"}
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_PERSONAL_PRONOUNS = {"he", "she", "him", "his", "her", "hers"}
# Certainty of the actor behind a mention, by how it was found.
CERTAINTY: dict[str, float] = {
    "label": 1.0, "alias": 1.0, "metonym": 0.95, "demonym": 0.9, "ner": 0.8,
    "surname": 0.9, "definite": 0.75, "pronoun": 0.7,
}


@dataclass(frozen=True)
class Mention:
    """A stretch of tokens that names one actor."""

    start: int  # token index, inclusive
    end: int  # token index, exclusive
    label: str
    type: str
    kind: str  # label | alias | metonym | demonym | ner | surname | definite | pronoun
    qid: str | None = None
    role: str | None = None  # "workers" in "North Korean workers"
    text: str = ""

    @property
    def certainty(self) -> float:
        return CERTAINTY.get(self.kind, 0.7)

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))  # scalar fields: no deep copy needed


# spaCy's Token.sent re-checks the whole Doc on every call (quadratic on long articles);
# the sentences of the Doc being processed are kept here instead: one Doc per thread, so
# threaded workers (dask) never read another Doc's sentences.
_LOCAL = threading.local()


def _sentences(doc: Doc) -> tuple[list[int], list[Span]]:
    cached = getattr(_LOCAL, "sentences", None)
    if cached is None or cached[0] is not doc:
        spans = list(doc.sents)
        cached = (doc, [span.start for span in spans], spans)
        _LOCAL.sentences = cached
    return cached[1], cached[2]


def sentence_of(token: Token) -> Span:
    """The sentence of ``token``, in O(log n) after one pass over the Doc."""
    starts, spans = _sentences(token.doc)
    return spans[bisect_right(starts, token.i) - 1]


def doc_sentences(doc: Doc) -> list[Span]:
    """The sentences of ``doc``, from the same one pass as ``sentence_of``."""
    return _sentences(doc)[1]


def sentence_index(token: Token) -> int:
    """The number of the sentence of ``token`` in its Doc."""
    starts, _spans = _sentences(token.doc)
    return bisect_right(starts, token.i) - 1


def normalize_label(text: str) -> str:
    """The canonical label of an actor the gazetteer does not know.

    Unknown actors are merged across documents by this label only.

    Examples
    --------
    >>> normalize_label("the Ministry of Defense’s ")
    'Ministry of Defense'
    >>> normalize_label("Kestrel Trading Ltd.,")
    'Kestrel Trading Ltd.'
    """
    label = " ".join(text.translate(_APOSTROPHES).split())
    label = re.sub(r"^(the|The|THE)\s+", "", label)
    stripped = re.sub(r"'s?$", "", label).strip(" ,.;:\"'()[]-\u2022\u00b7\u25aa*")  # list bullets
    if _ABBREVIATED_SUFFIX.search(label.rstrip(" ,;:")):
        stripped += "."  # "Tianyu Shipping Management Co.": the dot is part of the name
    return stripped


# Company suffixes written as abbreviations keep their dot ("Kestrel Trading Ltd.").
_ABBREVIATED_SUFFIX = re.compile(r"\b(Co|Ltd|Inc|Corp)\.$")


# Portfolio words of a title: NER takes "Defence" in "Defence Minister Andrei Belousov" for a body.
_PORTFOLIO_WORDS = frozenset({
    "foreign", "defense", "defence", "interior", "finance", "justice", "economy", "trade", "energy",
    "affairs", "home", "security", "intelligence", "commerce", "industry", "prime", "vice", "deputy",
    "cabinet", "chief",  # "Chief Cabinet Secretary Yoshimasa Hayashi"
    # portfolios of ministers: "Strategic Industries Minister", "minister of Emergency Situations"
    "strategic", "industries", "digital", "transformation", "emergency", "emergencies",
    "situations", "economic", "development", "health", "education", "culture", "agriculture",
    "transport", "infrastructure", "natural", "resources", "unification", "veterans",
    "reintegration", "internal", "external", "relations", "information", "communications",
    "science", "technology", "labour", "labor", "social", "policy", "environment", "ecology",
    "communities", "territories", "regional", "youth", "sports", "tourism", "public", "and",
})


def _title_fragment(span: Span, lexicon: Lexicon) -> bool:
    """Whether an entity is only the portfolio part of a title: "Defence" before "Minister",
    "Foreign Affairs" after "vice-minister of"."""
    if not all(t.lower_ in _PORTFOLIO_WORDS for t in span):
        return False
    doc = span.doc
    following = doc[span.end] if span.end < len(doc) else None
    if following is not None and following.lower_ in lexicon.title_words:
        return True
    return span.start >= 2 and doc[span.start - 1].lower_ == "of" \
        and doc[span.start - 2].lower_ in lexicon.title_words | {"ministry"}


# Words of a form of address that NER takes for a name ("Ranking Member Reed", "Brigadier
# General Ghalandari of the IRGC").
_ADDRESS_WORDS = frozenset({"ranking", "member", "members", "senator", "congressman",
                            "congresswoman", "chairman", "madam", "honorable", "hon", "hon."})


def _only_a_title(span: Span, lexicon: Lexicon) -> bool:
    """Whether an unknown entity is a title or rank with no name, written before the name:
    "Brigadier General" (Seyed ...), "Ranking" (Member Reed). "The General Staff said" is a
    body."""
    following = span.doc[span.end] if span.end < len(span.doc) else None
    if following is None or not following.text[:1].isupper():
        return False
    return all(not t.is_alpha or t.lower_ in lexicon.title_words or t.lower_ in _HONORIFICS
               or t.lower_ in _PORTFOLIO_WORDS or t.lower_ in _ADDRESS_WORDS for t in span)


def _strip_titles(span: Span, lexicon: Lexicon) -> Span:
    """'President Vladimir Putin' -> 'Vladimir Putin' (titles are not part of a name)."""
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in lexicon.title_words | _HONORIFICS:
        start += 1
    return span.doc[start:span.end]


# Honorifics and ranks written before a name ("Maj Gen Pat Ryder", "Comrade Choe Son Hui").
_HONORIFICS = frozenset({
    "foreign", "defense", "defence", "prime", "vice", "deputy", "mr", "mrs", "ms", "dr",
    "mr.", "mrs.", "ms.", "dr.", "gen.", "lt.", "col.", "sen.", "rep.", "rep", "sen",
    "gen", "maj", "maj.", "lt", "col", "brig", "brig.", "adm", "adm.", "capt", "capt.",
    "sgt", "sgt.", "cpt", "cmdr", "cdr", "major", "brigadier", "lieutenant", "captain",
    "rear", "comrade", "comrades", "sir", "dame",
})


_SEA_AND_COMPASS = frozenset({"pacific", "atlantic", "arctic", "baltic", "caspian", "mediterranean",
                              "northern", "southern", "eastern", "western", "far", "north", "south",
                              "east", "west", "indian"})
_SETTLEMENT_HEADS = {"village", "town", "city", "region", "district", "settlement", "province",
                     "port", "island", "oblast", "hamlet", "municipality"}


def _described_kind(span: Span, lexicon: Lexicon) -> str | None:
    """The actor type the text gives a name: "the company Xiamen Limbach", "the Eventin, a
    tanker", "Keremet Bank, a Kyrgyz lender" (NER's label for such names is often wrong)."""
    if span[-1].text in lexicon.company_suffixes:
        return "Organization"  # "Marlin Shipping LLC", whatever NER thought it was
    root = span.root
    doc = span.doc
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        nouns.append(root.head)
    if span.start > 0 and doc[span.start - 1].pos_ == "NOUN":
        nouns.append(doc[span.start - 1])  # "the tanker Eventin", "the insurer Ingosstrakh"
    for noun in nouns:
        found = lexicon.name_kinds.get(noun.lemma_.lower())
        if found is not None:
            return found
    if span.label_ != "PERSON" and len(span) > 1 and all(t.text[:1].isupper() or t.text == "-" for t in span) \
            and any(noun.lower_ in lexicon.title_words - _GROUP_TITLES for noun in nouns):
        return "Person"  # "the US ambassador in Pretoria, Reuben Brigety": NER took him for a place
    return None


# Title words that also name bodies or ranks of many: "the General Staff", "officials".
_GROUP_TITLES = frozenset({"staff", "general", "official", "leader", "chief", "head", "representative"})


def _unknown_type(span: Span, lexicon: Lexicon | None = None) -> str | None:
    actor_type = NER_TYPES.get(span.label_)
    described = _described_kind(span, lexicon) if lexicon is not None and span.label_ in (
        *NER_TYPES, "NORP", "WORK_OF_ART", "EVENT") else None
    if described is not None:
        return described
    head = span.root.lower_
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in _SETTLEMENT_HEADS:
        return "Place"  # "the village of Novohrodivka", whatever NER thought it was
    if root.dep_ == "appos" and root.head.lemma_.lower() in _SETTLEMENT_HEADS:
        return "Place"
    if actor_type == "Organization" and head in FACILITY_HEADS:
        return "Facility"
    if actor_type in ("Organization", "Person", "Product") and (
            root.dep_ == "compound" or (root.dep_ == "amod" and root.pos_ == "PROPN")) \
            and root.head.lemma_.lower() in FACILITY_HEADS:
        return "Facility"  # "the Kremniy El microelectronics plant"
    if actor_type in ("Organization", "Place") and head in _PLACE_HEADS and span.label_ != "ORG":
        return "Place"
    return actor_type


# Nouns of events: a name in front of one names the event, not an actor ("the Freedom Edge
# exercise", "the Vostok drills").
_EVENT_HEADS = frozenset({"exercise", "drill", "wargame", "maneuver", "manoeuvre", "games"})


def _names_event(span: Span) -> bool:
    """Whether an unknown name only modifies an event noun: "their Freedom Edge exercise"."""
    root = span.root
    return root.dep_ in ("compound", "amod", "nmod") and root.head.i >= span.end \
        and (root.head.lemma_.lower() in _EVENT_HEADS or root.head.lower_ in _EVENT_HEADS)


def _plausible_name(span: Span) -> bool:
    """Reject entity spans that are clearly not names (lowercase words, bare numbers)."""
    text = span.text.strip()
    if len(text) < 2 or not any(char.isupper() for char in text):
        return False
    if all(not char.isalpha() for char in text):
        return False
    if any(token.is_space or token.text in ("|", "[", "]", "!", "http") for token in span):
        return False
    return True


_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}$")


def _clock_zone(span: Span) -> bool:
    """A time zone after a clock time, as live blogs stamp their entries ("16:50 GMT")."""
    return span.start > 0 and _CLOCK.match(span.doc[span.start - 1].text) is not None \
        and len(span[0].text) <= 4 and span[0].text.isupper()


def _headline_words(span: Span, actor_type: str | None) -> bool:
    """Capitalized words of a headline NER took for a person ("Minister Holds Talks with"):
    a person's name is never a plural proper noun."""
    return actor_type == "Person" and any(t.tag_ == "NNPS" for t in span)


def _role_of(span: Span) -> str | None:
    """The group noun a demonym modifies: 'workers' in 'North Korean workers'."""
    root = span.root
    if root.dep_ in ("amod", "compound", "nmod", "npadvmod") and root.head.pos_ in ("NOUN", "PROPN"):
        if root.head.i >= span.end:
            return root.head.lower_
    return None


def _coordinated_names(ent: Span) -> list[Span]:
    """NER sometimes joins two names: "Iran Air and Gazprom Neft" is two organizations.

    Split at "and" only when the second name is a conjunct of the first name's head, so
    "Institute for Defence and Security Studies" stays one name.
    """
    if ent.ent_id_ or len(ent) < 3:
        return [ent]
    for token in ent[1:-1]:
        if token.lower_ != "and" or token.dep_ != "cc":
            continue
        left, right = ent.doc[ent.start:token.i], ent.doc[token.i + 1:ent.end]
        if right.root.dep_ == "conj" and right.root.head.i == left.root.i \
                and left[0].text[:1].isupper() and right[0].text[:1].isupper():
            return [type(ent)(ent.doc, left.start, left.end, label=ent.label_),
                    *_coordinated_names(type(ent)(ent.doc, right.start, right.end, label=ent.label_))]
    return [ent]


def find_mentions(doc: Doc, gazetteer: Gazetteer, lexicon: Lexicon) -> list[Mention]:
    """Every actor mention of ``doc``, in text order, resolved to canonical actors."""
    mentions: list[Mention] = []
    persons: list[Mention] = []  # full names seen so far, for surnames
    for ent in (part for entity in doc.ents for part in _coordinated_names(entity)):
        mention = _resolve_entity(ent, gazetteer, lexicon, persons)
        if mention is None:
            continue
        mentions.append(mention)
        if mention.type == "Person":
            persons.append(mention)
    mentions = _context_aliases(doc, mentions, gazetteer, lexicon)
    # a name in front of a facility noun beats NER's guess about part of it ("Kremniy El plant")
    known = {i for m in mentions if m.kind != "ner" for i in range(m.start, m.end)}
    covered_now = {i for m in mentions for i in range(m.start, m.end)}
    facilities = _named_facilities(doc, known) + _place_named_facilities(doc, mentions) \
        + _named_settlements(doc, covered_now) + _named_companies(doc, covered_now, lexicon) \
        + _named_vessels(doc, covered_now)
    facilities = _longest_first(facilities)
    taken = {i for m in facilities for i in range(m.start, m.end)}
    mentions = [_named_after(doc, m) for m in mentions if not taken & set(range(m.start, m.end))] + facilities
    mentions = _place_led_companies(doc, mentions)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    surnames = _surnames(doc, persons, covered)
    mentions += surnames
    covered |= {m.start for m in surnames}
    mentions += _anaphora(doc, mentions, covered, lexicon, gazetteer)
    mentions.sort(key=lambda m: m.start)
    return mentions


def _longest_first(mentions: list[Mention]) -> list[Mention]:
    """Overlapping candidates, longest kept: "the Beihai terminal" is found both as a name
    before a facility noun ("Beihai") and as a town's facility ("Beihai terminal")."""
    kept: list[Mention] = []
    used: set[int] = set()
    for mention in sorted(mentions, key=lambda m: (m.start - m.end, m.start)):
        if not used & set(range(mention.start, mention.end)):
            kept.append(mention)
            used |= set(range(mention.start, mention.end))
    return sorted(kept, key=lambda m: m.start)


def _resolve_entity(ent: Span, gazetteer: Gazetteer, lexicon: Lexicon,
                    persons: list[Mention]) -> Mention | None:
    actor = gazetteer.actors.get(ent.ent_id_) if ent.ent_id_ else None
    if actor is None and (ent.label_ in NER_TYPES or ent.label_ == "NORP"):
        actor = gazetteer.lookup(ent.text)
        if actor is None and ent.label_ == "PERSON":
            actor = gazetteer.lookup(_strip_titles(ent, lexicon).text)
    if actor is not None:
        kind = gazetteer.kind_of(ent.text) or "alias"
        role = _role_of(ent) if kind == "demonym" else None
        return Mention(ent.start, ent.end, actor.label, actor.type, kind, actor.qid, role, ent.text)
    actor_type = _unknown_type(ent, lexicon)
    if not _plausible_name(ent) or _title_fragment(ent, lexicon) or _only_a_title(ent, lexicon) \
            or _names_event(ent) \
            or _clock_zone(ent) or _headline_words(ent, actor_type):
        return None
    span = _strip_titles(ent, lexicon) if actor_type in ("Person", None) or len(ent) == 1 else ent
    label = normalize_label(span.text)
    if not label:
        return None
    if actor_type == "Person" or len(label.split()) == 1:
        # NER often mislabels a lone surname ("Choe" as a PRODUCT): a person named earlier wins
        for earlier in reversed(persons):
            parts = earlier.label.split()
            # "Putin" for Vladimir Putin; "Kim" or "Choe" for Korean names (family name first)
            if earlier.label != label and len(label.split()) == 1 and len(parts) > 1 \
                    and label in (parts[0], parts[-1]):
                return Mention(span.start, span.end, earlier.label, "Person", "surname",
                               earlier.qid, None, span.text)
    if actor_type is None:
        return None
    return Mention(span.start, span.end, label, actor_type, "ner", None, None, span.text)


def _context_aliases(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer,
                     lexicon: Lexicon) -> list[Mention]:
    """'the North' is North Korea once the article has named North Korea (and so on)."""
    found: list[Mention] = []
    replaced: set[int] = set()
    for token in doc[1:]:
        target = lexicon.context_aliases.get(token.lower_)
        if target is None or not token.text[:1].isupper() or doc[token.i - 1].lower_ != "the":
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].text[:1].isupper():
            continue  # "the North Atlantic", "the South China Sea"
        actor = gazetteer.actors.get(target)
        if actor is None or not any(m.label == target and m.start < token.i for m in mentions):
            continue
        found.append(Mention(token.i, token.i + 1, actor.label, actor.type, "alias", actor.qid,
                             None, token.text))
        replaced.add(token.i)
    kept = [m for m in mentions if not any(m.start <= i < m.end for i in replaced)]
    return sorted(kept + found, key=lambda m: m.start)


def _named_facilities(doc: Doc, covered: set[int]) -> list[Mention]:
    """Proper names NER missed in front of a facility noun: 'the Kupol plant'."""
    found: list[Mention] = []
    for token in doc:
        # a plural names no one facility ("Russia's Pacific ports"; lists are _listed_facilities)
        if token.lemma_.lower() not in FACILITY_HEADS or token.pos_ != "NOUN" or token.tag_ == "NNS":
            continue
        names = [c for c in token.children if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"
                 and c.i < token.i and c.i not in covered]
        if not names or all(c.lower_ in _SEA_AND_COMPASS for c in names):
            continue  # "Russia's main Pacific port" says where, it is no name
        start = min(t.i for c in names for t in c.subtree)
        end = max(c.i for c in names) + 1
        span = doc[start:end]
        if any(t.i in covered or not (t.text[:1].isupper() or t.text == "-") for t in span):
            continue
        label = normalize_label(span.text)
        if label and len(label) > 2:
            found.append(Mention(start, end, label, "Facility", "ner", None, None, span.text))
    return found


def _named_companies(doc: Doc, covered: set[int], lexicon: Lexicon) -> list[Mention]:
    """Capitalized names with a company suffix NER missed: "Caravella LLC", "Sun Ship Ltd"."""
    found: list[Mention] = []
    for token in doc:
        if token.text not in lexicon.company_suffixes or token.i == 0 or token.i in covered:
            continue
        start = token.i
        while start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].pos_ in ("PROPN", "NOUN", "ADJ") \
                and doc[start - 1].i not in covered \
                and (not doc[start - 1].is_sent_start or doc[start - 1].pos_ in ("PROPN", "NOUN")):
            start -= 1  # a sentence may open with the name ("Vostok Maritime Line LLC, a ...")
            if doc[start].is_sent_start:
                break
        if start == token.i:
            continue
        span = doc[start:token.i + 1]
        found.append(Mention(span.start, span.end, normalize_label(span.text), "Organization", "ner",
                             None, None, span.text))
    return found


_VESSEL_NOUNS = frozenset({"vessel", "vessels", "tanker", "tankers", "ship", "ships", "freighter",
                           "freighters"})


def _named_vessels(doc: Doc, covered: set[int]) -> list[Mention]:
    """Ship names NER missed after a vessel noun, as designation releases write them: "the
    vessels MAIA-1 and LADY MARIA", "the cargo ship ANGARA"."""
    found: list[Mention] = []
    for token in doc[:-1]:
        if token.lower_ not in _VESSEL_NOUNS:
            continue
        i = token.i + 1
        while i < len(doc):
            start = i
            while i < len(doc) and i in covered:
                i += 1  # a ship the gazetteer knows, in the list
            if i == start:
                while i < len(doc) and i not in covered and (
                        doc[i].text.isupper() or doc[i].text == "-"
                        or (doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper())):
                    i += 1
                if i > start and doc[start].text != "-" and any(c.isalpha() for c in doc[start:i].text):
                    span = doc[start:i]
                    # "LADY MARIA" -> "Lady Maria"; short parts ("IV", "R") stay as written
                    label = " ".join(w.title() if len(w) > 3 and w.isupper() else w
                                     for w in normalize_label(span.text).split())
                    found.append(Mention(start, i, label, "Facility", "ner", None, None, span.text))
            if i < len(doc) and i > start and doc[i].lower_ in (",", "and") and i + 1 < len(doc) \
                    and (doc[i + 1].text.isupper() or doc[i + 1].lower_ == "and"):
                i += 1 + (doc[i + 1].lower_ == "and")
                continue
            break
    return found


def _place_led_companies(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'Shandong Yulong Petrochemical': NER splits a company named after its province into a
    place and a company; a one-word place written right before a company name is part of it
    (the parser's reading of such runs of proper nouns is no guide)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    merged: list[Mention] = []
    skip: set[int] = set()
    for place, company in zip(ordered, ordered[1:]):
        if place.type == "Place" and place.kind in ("ner", "label") and company.type == "Organization" \
                and company.kind == "ner" and company.start == place.end and place.end - place.start == 1:
            text = doc[place.start:company.end].text
            merged.append(Mention(place.start, company.end, normalize_label(text), "Organization", "ner",
                                  None, None, text))
            skip |= {id(place), id(company)}
    if not merged:
        return mentions
    return [m for m in mentions if id(m) not in skip] + merged


def _named_after(doc: Doc, mention: Mention) -> Mention:
    """'the port of Vostochny' is a port named Vostochny, not the gazetteer's Vostochny
    Cosmodrome: a known facility's short name after a settlement noun and "of" is a new actor."""
    if mention.type != "Facility" or mention.kind not in ("alias", "label"):
        return mention
    root = doc[mention.end - 1]
    if root.dep_ != "pobj" or root.head.lower_ != "of" or root.head.i != mention.start - 1:
        return mention
    kind = root.head.head
    if kind.lemma_.lower() not in _SETTLEMENT_HEADS or kind.lemma_.lower() in mention.label.lower():
        return mention
    text = doc[mention.start:mention.end].text
    actor_type = "Facility" if kind.lemma_.lower() in FACILITY_HEADS else "Place"
    return Mention(mention.start, mention.end, normalize_label(text), actor_type, "ner", None, None, text)


def _named_settlements(doc: Doc, covered: set[int]) -> list[Mention]:
    """Proper names NER missed after a settlement noun: "the town of Sudzha"."""
    found: list[Mention] = []
    for token in doc[:-1]:
        # cheap string checks first: this runs on every token of every article
        if doc[token.i + 1].lower_ != "of" or token.lower_ not in _SETTLEMENT_HEADS or token.pos_ != "NOUN":
            continue
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for name in prep.children:
                span = doc[min(t.i for t in name.subtree if t.dep_ == "compound" or t is name):name.i + 1]
                if name.dep_ == "pobj" and name.pos_ == "PROPN" and not covered & set(range(span.start, span.end)) \
                        and all(t.text[:1].isupper() or t.text == "-" for t in span):
                    found.append(Mention(span.start, span.end, normalize_label(span.text), "Place", "ner",
                                         None, None, span.text))
    return found


def _place_named_facilities(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A facility named after its town is the facility: "the Saratov oil refinery" is struck,
    not Saratov (capitals standing for their state are left alone: "a Moscow plant")."""
    found = _listed_facilities(doc, mentions)
    listed = {m.start for m in found}
    for mention in mentions:
        if mention.type != "Place" or mention.kind not in ("label", "alias", "ner") or mention.start in listed \
                or mention.text.lower() in _SEA_AND_COMPASS:
            continue  # "Russia's main Pacific port" says where the port is, it names none
        last = doc[mention.end - 1]
        heads = [t for t in doc[mention.end:min(len(doc), mention.end + 4)]
                 if t.pos_ == "NOUN" and t.tag_ != "NNS" and t.lemma_.lower() in FACILITY_HEADS and last.dep_ in ("compound", "nmod")
                 and t.i in {a.i for a in last.ancestors}]
        if not heads:
            continue
        head = heads[0]
        between = doc[mention.end:head.i]
        if any(t.pos_ not in ("NOUN", "ADJ", "PUNCT") or not t.is_lower for t in between if t.text != "-"):
            continue
        span = doc[mention.start:head.i + 1]
        found.append(Mention(span.start, span.end, normalize_label(span.text), "Facility", "ner",
                             None, None, span.text))
    return found


def _listed_facilities(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'the Ryazan, Volgograd and Saratov refineries': one facility per town listed in front of
    a plural facility noun (read off the surface: the parser mangles such lists)."""
    # NER may take one town of the list for a person ("the Saratov and Afipsky refineries")
    places = {m.end - 1: m for m in mentions if (m.type == "Place" and m.kind in ("label", "alias"))
              or (m.kind == "ner" and m.type not in ("State", "Bloc"))}
    if not places:
        return []
    found: list[Mention] = []
    for head in doc:
        if head.tag_ != "NNS" or head.lemma_.lower() not in FACILITY_HEADS or head.i - 1 not in places:
            continue
        listed: list[Mention] = []
        i = head.i - 1
        while i >= 0:
            if i in places:
                listed.append(places[i])
                i = places[i].start - 1
            elif doc[i].text == "," or doc[i].lower_ == "and":
                i -= 1
            else:
                break
        if len(listed) < 2 or not any(m.type == "Place" for m in listed):
            continue
        for place in listed:
            label = normalize_label(f"{place.text} {head.lemma_.lower()}")
            found.append(Mention(place.start, place.end, label, "Facility", "ner", None, None, place.text))
    return found


def _surnames(doc: Doc, persons: list[Mention], covered: set[int]) -> list[Mention]:
    """A lone capitalized name word that is part of a person named earlier ("Choe", "Lavrov")."""
    found: list[Mention] = []
    for token in doc:
        if token.i in covered or token.pos_ != "PROPN" or not token.text[:1].isupper() or len(token.text) < 3:
            continue
        if token.ent_type_ and token.ent_type_ not in ("PERSON", "NORP", "ORG", "GPE"):
            continue
        for person in reversed(persons):
            parts = person.label.split()
            if len(parts) > 1 and person.start < token.i and token.text in (parts[0], parts[-1]):
                found.append(Mention(token.i, token.i + 1, person.label, "Person", "surname",
                                     person.qid, None, token.text))
                break
    return found


def _anaphora(doc: Doc, mentions: list[Mention], covered: set[int],
              lexicon: Lexicon, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Definite descriptions and personal pronouns that point back to a known actor."""
    found: list[Mention] = []
    for token in doc:
        if token.i in covered:
            continue
        lower = token.lower_
        if token.pos_ == "PRON" and lower in _PERSONAL_PRONOUNS:
            target = _sentence_subject_person(token, mentions) or _last_of_type(mentions, "Person", token.i, doc)
            if target is not None:
                found.append(Mention(token.i, token.i + 1, target.label, target.type, "pronoun",
                                     target.qid, None, token.text))
            continue
        wanted = lexicon.definite_nouns.get(token.lemma_.lower())
        if wanted is None or token.pos_ != "NOUN" or token.tag_ in ("NNS", "NNPS"):
            continue
        determiners = [c.lower_ for c in token.children if c.dep_ == "det"]
        modifiers = [c for c in token.children if (c.dep_ in ("compound", "amod", "poss", "nmod", "appos")
                                                    and c.lower_ not in _BACK_POINTERS)
                     or (c.dep_ == "prep" and c.lower_ == "of" and any(o.pos_ == "PROPN" for o in c.children))]
        if determiners[:1] not in (["the"], ["this"], ["that"]) or modifiers:
            continue
        head = token.lemma_.lower()
        if wanted == "State":
            # "Hayashi said the government would respond": the state the speaker serves
            target = _speaker_state(token, mentions, lexicon, gazetteer) if gazetteer is not None else None
            if target is not None:
                found.append(Mention(token.i, token.i + 1, target.label, target.type, "definite",
                                     target.qid, None, token.text))
            continue
        skip = _REGION_WORDS if head in _SETTLEMENT_WORDS else frozenset()
        # "the ministry's spokesman": the last body named a ministry, before any organization
        target = _last_of_type(mentions, wanted, token.i, doc, skip_words=skip, named=head)
        if target is None and head in lexicon.words("named_definites"):
            target = _last_of_type(mentions, wanted, token.i, doc, window_sents=20, named=head)
        elif target is None:
            target = _last_of_type(mentions, wanted, token.i, doc, skip_words=skip)
        if target is not None:
            found.append(Mention(token.i, token.i + 1, target.label, target.type, "definite",
                                 target.qid, None, token.text))
    return found


# Adjectives that only point back (translated press: "the mentioned company", "the said
# service"): they do not make the description a new actor the way "the Russian company" does.
_BACK_POINTERS = frozenset({"mentioned", "said", "aforementioned", "above-mentioned", "abovementioned",
                            "same"})


def _speaker_state(token: Token, mentions: list[Mention], lexicon: Lexicon,
                   gazetteer: Gazetteer) -> Actor | None:
    """The state behind "the government" when it is the subject of what a speaker reports:
    "Japan's Hayashi said the government would act" -> Japan; "Lammy said the government was
    sanctioning tankers" -> the United Kingdom. Anything else stays unresolved: "the
    government" as an object, or with no speaker of a known state, names nobody sure."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    index = mention_index(mentions)
    verb = token.head
    speech = lexicon.words("report_verbs")
    for _step in range(4):  # said -> ccomp; told ... and said -> conj
        if verb.lemma_.lower() in speech:
            for child in verb.children:
                mention = index.get(child.i)
                if child.dep_ == "nsubj" and mention is not None and mention.kind not in ("demonym", "definite"):
                    return _state_served(mention, gazetteer)
        if verb.dep_ not in ("ccomp", "conj", "xcomp", "advcl", "parataxis") or verb.head is verb:
            return None
        verb = verb.head
    return None


def _state_served(mention: Mention, gazetteer: Gazetteer) -> Actor | None:
    """The state an actor is or acts for, following ``represents`` (a minister -> a ministry
    -> its state)."""
    actor = gazetteer.actors.get(mention.label)
    for _step in range(3):
        if actor is None or actor.type == "State":
            return actor
        actor = gazetteer.actors.get(actor.represents) if actor.represents else None
    return None


_SETTLEMENT_WORDS = frozenset({"city", "town", "village"})
_REGION_WORDS = frozenset({"region", "oblast", "province", "krai", "republic", "district", "territory"})


def _sentence_subject_person(pronoun: Token, mentions: list[Mention]) -> Mention | None:
    """'Orban met Putin in Moscow, angering his partners': the subject before the pronoun."""
    sent = sentence_of(pronoun)
    for mention in mentions:
        root = pronoun.doc[mention.end - 1]
        if mention.type == "Person" and sent.start <= mention.start < pronoun.i \
                and root.dep_ in ("nsubj", "nsubjpass") and mention.kind != "pronoun":
            return mention
    return None


def _last_of_type(mentions: list[Mention], actor_type: str, before: int, doc: Doc,
                  window_sents: int = 4, skip_words: frozenset[str] = frozenset(),
                  named: str | None = None) -> Mention | None:
    """The closest earlier mention of ``actor_type`` within a few sentences.

    ``skip_words``: mentions named with one of these words (or followed by one) do not count:
    "the town" does not point back to "the Donetsk region". ``named``: only mentions with
    this word in their text or label ("the ministry" -> "Iran's Foreign Ministry").
    """
    here = sentence_index(doc[before])
    floor = _sentences(doc)[0][max(0, here - window_sents)]
    for mention in sorted(mentions, key=lambda m: m.start, reverse=True):
        if mention.start < before and mention.start >= floor and mention.type == actor_type \
                and mention.kind not in ("demonym", "pronoun", "metonym", "definite"):
            words = {w.lower() for w in mention.text.split()}
            if mention.end < len(doc):
                words.add(doc[mention.end].lower_)
            if skip_words and words & skip_words:
                continue
            if named is not None and named not in words and named not in mention.label.lower().split():
                continue
            return mention
    return None


def mention_from_dict(data: dict[str, Any]) -> Mention:
    """A mention back from ``doc._.actor_mentions``."""
    return Mention(**data)


def mention_index(mentions: list[Mention]) -> dict[int, Mention]:
    """Token index -> the mention covering it."""
    index: dict[int, Mention] = {}
    for mention in mentions:
        for i in range(mention.start, mention.end):
            index.setdefault(i, mention)
    return index
