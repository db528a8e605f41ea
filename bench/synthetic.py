"""A synthetic news corpus of any size, for benchmarks and scale tests.

Articles are assembled from sentence templates modelled on the shapes found in real reporting
(reported speech, passives, nominalizations, hedges, negation, quantities, dates), filled with
actors drawn from the shipped gazetteer (labels, aliases, capital metonyms, demonyms) and with
invented names that only spaCy's NER can find. Most sentences are neutral filler, as in real
articles, so the corpus stresses the whole pipeline and not only the rules.

Generation is deterministic: document ``i`` of seed ``s`` is always the same text, whatever
``count`` is, so a 1,000-document corpus is the prefix of the 10,000-document one.

Usage::

    .venv/bin/python bench/synthetic.py OUT_DIR --docs 10000 [--seed 7] [--format txt|jsonl]
"""
from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Used when the gazetteer cannot be loaded (a broken checkout should still benchmark).
_FALLBACK_ACTORS: dict[str, list[dict]] = {
    "State": [
        {"label": "Russia", "demonyms": ["Russian"], "metonyms": ["Moscow", "the Kremlin"]},
        {"label": "North Korea", "aliases": ["DPRK"], "demonyms": ["North Korean"], "metonyms": ["Pyongyang"]},
        {"label": "China", "demonyms": ["Chinese"], "metonyms": ["Beijing"]},
        {"label": "Iran", "demonyms": ["Iranian"], "metonyms": ["Tehran"]},
        {"label": "Ukraine", "demonyms": ["Ukrainian"], "metonyms": ["Kyiv"]},
        {"label": "South Korea", "demonyms": ["South Korean"], "metonyms": ["Seoul"]},
    ],
    "Bloc": [{"label": "the West"}, {"label": "European Union", "aliases": ["EU"]}, {"label": "NATO"}],
    "Organization": [{"label": "National Intelligence Service"}, {"label": "Rosatom"}],
    "Person": [{"label": "Vladimir Putin"}, {"label": "Kim Jong Un"}, {"label": "Sergei Lavrov"},
               {"label": "Choe Son Hui"}, {"label": "Sergei Shoigu"}],
    "Place": [{"label": "Kursk"}, {"label": "Tatarstan"}, {"label": "Russian Far East"}],
    "Facility": [{"label": "Alabuga Special Economic Zone"}, {"label": "Vostochny Cosmodrome"}],
    "Product": [{"label": "Shahed drone"}, {"label": "KN-23"}],
}

# Names no gazetteer knows: spaCy's NER has to find them.
_INVENTED_PEOPLE = ["Anatoly Grekov", "Li Wenhao", "Pak Myong Chol", "Reza Karimi", "Olena Marchenko",
                    "Dmitri Volkov", "Han Song Il", "Zhang Lei", "Farid Tehrani", "Igor Belyaev"]
_INVENTED_ORGS = ["Severstal Logistics", "Zarya Engineering Bureau", "Korea Ryonbong General Corporation",
                  "Harbin Northern Trading Company", "Kaveh Aerospace Group", "Baikal Energy Holdings",
                  "Pacific Rail Consortium", "Tumen River Development Agency"]
_INVENTED_PLACES = ["Rason", "Vladivostok", "Khabarovsk", "Yelabuga", "Nakhodka", "Blagoveshchensk",
                    "Sinuiju", "Chongjin", "Bandar Abbas", "Izhevsk"]
_OUTLETS = ["Reuters", "Yonhap", "Kyodo News", "the Financial Times", "NK News", "Radio Free Asia",
            "the Kyiv Independent", "Nikkei Asia"]
_ATTRIBUTIONS = ["Japanese and Western media", "diplomatic sources", "South Korean lawmakers",
                 "Ukrainian military intelligence", "satellite imagery analysts", "a senior US official",
                 "the National Intelligence Service", "people familiar with the matter"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
_QUANTITIES = ["1,000", "2,500", "5,000", "12,000", "25,000", "hundreds of", "thousands of", "up to 8,000"]
_LABOR = ["workers", "laborers", "construction workers", "IT workers"]
_TROOPS = ["troops", "soldiers", "sappers", "military engineers", "servicemen"]
_WEAPONS = ["artillery shells", "ballistic missiles", "Shahed drones", "rocket launchers", "ammunition",
            "anti-aircraft missiles"]
_TECH = ["missile technology", "satellite know-how", "drone components", "nuclear submarine technology",
         "training for drone operators"]
_ECONOMIC = ["fuel", "food", "oil and grain", "hard currency", "fertilizer", "financial backing"]

# (relation, template). Slots: {S} subject, {O} object (actors of the types in _SLOT_TYPES),
# {Sd} subject demonym, {Od} object demonym, {Q} quantity, {D} date, {A} attribution,
# {R} a resource for the relation, {P} an invented place, {N} an invented person, {G} an invented org.
_TEMPLATES: list[tuple[str, str]] = [
    ("supplies_labor_to", "According to {A}, {S} has begun sending {Q} {R} to the {O}."),
    ("supplies_labor_to", "{Sd} {R} are reportedly being sent to {O} to ease a shortage of labor."),
    ("supplies_labor_to", "The arrival of {Q} {Sd} {R} in {O} was confirmed on {D}."),
    ("supplies_weapons_to", "{S} has supplied {O} with {Q} {R}, {A} said on {D}."),
    ("supplies_weapons_to", "{A} said {S} shipped {R} to {O} by rail across the border."),
    ("supplies_weapons_to", "{O} has received {R} from {S}, according to {A}."),
    ("deploys_troops_to", "{S} deployed {Q} {R} to {O} last autumn, {A} reported."),
    ("deploys_troops_to", "{Sd} {R} have been deployed to {O} to fight alongside local forces."),
    ("deploys_troops_to", "The deployment of {Sd} {R} to {O} marks a new stage of the war."),
    ("transfers_technology_to", "In return, {S} is transferring {R} to {O}, {A} believe."),
    ("transfers_technology_to", "{S} may share {R} with {O} in exchange for the support."),
    ("provides_economic_support_to", "{S} provides {O} with {R} and other goods."),
    ("provides_economic_support_to", "{S} has sent large quantities of {R} to {O} since {D}."),
    ("invests_in", "{Sd} firms have invested heavily in infrastructure projects in {O}."),
    ("invests_in", "{S} announced plans to invest in new ports and railways in {O}."),
    ("grants_concession_to", "{S} granted {O} a 49-year lease on farmland near {P}."),
    ("grants_concession_to", "{S} has offered {O} mining rights in the region."),
    ("trades_with", "{S} and {O} signed a new long-term gas contract on {D}."),
    ("trades_with", "Trade between {S} and {O} rose sharply last year, customs data show."),
    ("cooperates_with", "{S} and {O} have deepened their military cooperation, {A} said."),
    ("cooperates_with", "{S} signed a comprehensive strategic partnership treaty with {O}."),
    ("expresses_support_for", "{S} voiced full support for {O} during the talks."),
    ("expresses_support_for", "{S} said it stands firmly with {O} in its struggle."),
    ("meets_with", "{S} met with {O} in {P} on {D} to discuss the partnership."),
    ("meets_with", "{S} held talks with {O} during a two-day visit."),
    ("attacks", "{S} launched a drone strike on {O} on the night of {D}."),
    ("attacks", "{O} was hit by {Sd} missiles early on {D}, officials said."),
    ("helps_rebuild", "{Sd} {R} are helping to rebuild {O} after months of fighting."),
    ("helps_rebuild", "{S} will send engineers to help rebuild {O}, {A} said."),
    ("produces", "The {S} is currently producing around 2,000 {O} units per month."),
    ("produces", "{S} manufactures the {O} under license."),
    ("controls", "{S} regained control of {O} after weeks of fighting."),
    ("controls", "{O} has been under the control of {S} since {D}."),
    ("sanctions", "{S} imposed new sanctions on {O} over the arms transfers."),
    ("sanctions", "{S} is considering further sanctions against {O}, diplomats said."),
    ("monitors", "{S} closely monitors {O} and its weapons programs."),
    ("monitors", "{S} has been tracking shipments from {O} for months."),
    ("located_in", "The {S} lies in {O}, several hundred kilometers from the front."),
    ("represents", "{S}, speaking for {O}, rejected the accusations."),
    ("cooperates_with", "{S} does not cooperate with {O} on military matters, the ministry insisted."),
]

_SLOT_TYPES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "supplies_labor_to": (("State",), ("Facility", "State", "Place")),
    "supplies_weapons_to": (("State",), ("State",)),
    "deploys_troops_to": (("State",), ("State", "Place")),
    "transfers_technology_to": (("State", "Organization"), ("State",)),
    "provides_economic_support_to": (("State",), ("State",)),
    "invests_in": (("State",), ("Place", "State")),
    "grants_concession_to": (("State",), ("State", "Organization")),
    "trades_with": (("State",), ("State",)),
    "cooperates_with": (("State", "Organization"), ("State", "Bloc")),
    "expresses_support_for": (("Person", "State"), ("State",)),
    "meets_with": (("Person",), ("Person",)),
    "attacks": (("State",), ("Facility", "Place")),
    "helps_rebuild": (("State",), ("Place",)),
    "produces": (("Facility",), ("Product",)),
    "controls": (("State",), ("Place",)),
    "sanctions": (("Bloc", "State"), ("State", "Organization")),
    "monitors": (("Organization", "State"), ("State",)),
    "located_in": (("Facility", "Place"), ("Place", "State")),
    "represents": (("Person",), ("State",)),
}

_RESOURCES = {"supplies_labor_to": _LABOR, "deploys_troops_to": _TROOPS, "helps_rebuild": _TROOPS + _LABOR,
              "supplies_weapons_to": _WEAPONS, "transfers_technology_to": _TECH,
              "provides_economic_support_to": _ECONOMIC}

_FILLER: list[str] = [
    "Analysts say the arrangement reflects a broader shift in the region.",
    "The move has raised concern among neighbouring governments.",
    "Officials declined to comment on the details of the agreement.",
    "The exact terms of the deal have not been made public.",
    "Satellite imagery shows significant expansion of the site over the past year.",
    "The war has entered its fourth year with no end in sight.",
    "Prices of basic goods have risen sharply in recent months.",
    "Experts warn that the figures cannot be independently verified.",
    "The announcement came a day after a summit in {P}.",
    "{N}, a researcher at {G}, said the trend was likely to continue.",
    "Local residents described long queues at fuel stations in {P}.",
    "The report, published on {D}, drew on interviews with former officials.",
    "{G} did not respond to a request for comment.",
    "Shipping data show a steady rise in traffic through the port of {P}.",
    "Critics argue the policy will deepen the country's isolation.",
    "The ministry said the exercises were purely defensive in nature.",
    "It was not immediately clear how many people were affected.",
    "Construction of new dormitories began in the spring.",
    "{N} told {O_outlet} that the talks had been difficult but productive.",
    "The region suffered heavy destruction during the offensive.",
    "Economists expect growth to slow further next year.",
    "Negotiations are expected to resume after the holidays.",
    "The deal includes provisions for joint research and education.",
    "Observers noted that the ceremony was unusually low-key.",
]


@dataclass(frozen=True)
class SyntheticDocument:
    """One generated article: the same fields a reader produces."""

    id: str
    text: str
    title: str
    published: str

    @property
    def words(self) -> int:
        return len(self.text.split())

    def to_record(self) -> dict[str, str]:
        return {"id": self.id, "title": self.title, "published": self.published, "text": self.text}


def _actor_pools() -> dict[str, list[dict]]:
    """Actors by type from the shipped gazetteer, as plain dicts of their surface forms."""
    try:
        from alliance_graph.extract.gazetteer import load_gazetteer

        pools: dict[str, list[dict]] = {}
        for actor in load_gazetteer().actors.values():
            pools.setdefault(actor.type, []).append(
                {"label": actor.label, "aliases": list(actor.aliases),
                 "demonyms": list(actor.demonyms), "metonyms": list(actor.metonyms)})
    except Exception:  # a missing or broken gazetteer: benchmark with the fallback actors
        return _FALLBACK_ACTORS
    for kind, fallback in _FALLBACK_ACTORS.items():
        if not pools.get(kind):
            pools[kind] = fallback
    return pools


class CorpusGenerator:
    """Deterministic synthetic articles; ``document(i)`` is independent of every other one.

    Examples
    --------
    >>> generator = CorpusGenerator(seed=7)
    >>> generator.document(3).text == CorpusGenerator(seed=7).document(3).text
    True
    """

    def __init__(self, seed: int = 0, *, min_sentences: int = 6, max_sentences: int = 18) -> None:
        self.seed = seed
        self.min_sentences = min_sentences
        self.max_sentences = max_sentences
        self.pools = _actor_pools()

    def _surface(self, rng: random.Random, actor: dict, kind: str) -> str:
        # States act through their capitals and governments as often as by name.
        forms = [actor["label"]] * 3 + actor.get("aliases", [])
        if kind == "State":
            forms += actor.get("metonyms", [])
        return rng.choice(forms)

    def _demonym(self, rng: random.Random, actor: dict) -> str:
        demonyms = actor.get("demonyms") or []
        return rng.choice(demonyms) if demonyms else actor["label"] + "'s"

    def _pick(self, rng: random.Random, types: tuple[str, ...], avoid: str | None = None) -> tuple[dict, str]:
        candidates = [(actor, kind) for kind in types for actor in self.pools.get(kind, [])
                      if actor["label"] != avoid]
        return rng.choice(candidates)

    def _fill(self, rng: random.Random, template: str, relation: str | None) -> str:
        values = {
            "Q": rng.choice(_QUANTITIES),
            "D": f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}",
            "A": rng.choice(_ATTRIBUTIONS),
            "P": rng.choice(_INVENTED_PLACES),
            "N": rng.choice(_INVENTED_PEOPLE),
            "G": rng.choice(_INVENTED_ORGS),
            "O_outlet": rng.choice(_OUTLETS),
            "R": rng.choice(_RESOURCES.get(relation or "", _ECONOMIC)),
        }
        if relation is not None:
            subject_types, object_types = _SLOT_TYPES[relation]
            subject, subject_kind = self._pick(rng, subject_types)
            obj, object_kind = self._pick(rng, object_types, avoid=subject["label"])
            values.update(S=self._surface(rng, subject, subject_kind), O=self._surface(rng, obj, object_kind),
                          Sd=self._demonym(rng, subject), Od=self._demonym(rng, obj))
        text = template.format(**values)
        return text[0].upper() + text[1:]

    def document(self, index: int) -> SyntheticDocument:
        """The ``index``-th article of this seed."""
        rng = random.Random(self.seed * 1_000_003 + index)
        sentences: list[str] = []
        for _ in range(rng.randint(self.min_sentences, self.max_sentences)):
            if rng.random() < 0.4:
                relation, template = rng.choice(_TEMPLATES)
                sentences.append(self._fill(rng, template, relation))
            else:
                sentences.append(self._fill(rng, rng.choice(_FILLER), None))
        # Paragraphs of two to four sentences, like wire copy.
        paragraphs: list[str] = []
        while sentences:
            take = rng.randint(2, 4)
            paragraphs.append(" ".join(sentences[:take]))
            sentences = sentences[take:]
        title_relation, title_template = rng.choice(_TEMPLATES)
        title = self._fill(rng, title_template, title_relation).rstrip(".")
        published = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        return SyntheticDocument(id=f"synthetic-{self.seed}-{index:07d}.txt", text="\n\n".join(paragraphs),
                                 title=title, published=published)

    def documents(self, count: int, start: int = 0) -> Iterator[SyntheticDocument]:
        """Articles ``start`` .. ``start + count - 1``, generated lazily."""
        for index in range(start, start + count):
            yield self.document(index)


@dataclass(frozen=True)
class CorpusInfo:
    """What ``write_corpus`` wrote."""

    path: Path
    documents: int
    words: int


def write_corpus(out_dir: str | Path, count: int, *, seed: int = 0, fmt: str = "txt",
                 per_folder: int = 1000) -> CorpusInfo:
    """Write ``count`` articles under ``out_dir``: one .txt file each (in sub-folders of
    ``per_folder`` files), or JSON Lines files of ``per_folder`` records each (``fmt="jsonl"``).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    generator = CorpusGenerator(seed)
    words = 0
    handle = None
    try:
        for index, document in enumerate(generator.documents(count)):
            words += document.words
            shard = f"part-{index // per_folder:04d}"
            if fmt == "jsonl":
                if index % per_folder == 0:
                    if handle is not None:
                        handle.close()
                    handle = (out / f"{shard}.jsonl").open("w", encoding="utf-8")
                handle.write(json.dumps(document.to_record(), ensure_ascii=False) + "\n")
            else:
                folder = out / shard
                folder.mkdir(exist_ok=True)
                (folder / document.id).write_text(document.text + "\n", encoding="utf-8")
    finally:
        if handle is not None:
            handle.close()
    return CorpusInfo(path=out, documents=count, words=words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the corpus into")
    parser.add_argument("--docs", type=int, default=1000, help="number of articles (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", choices=("txt", "jsonl"), default="txt")
    args = parser.parse_args(argv)
    info = write_corpus(args.out, args.docs, seed=args.seed, fmt=args.format)
    print(f"wrote {info.documents} articles, {info.words} words, to {info.path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
