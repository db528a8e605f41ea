"""The relation lexicon: predicate frames, theme classes and cue words, loaded from TOML.

The rules of extraction are data (``data/lexicon.toml``, shipped with the package); this
module only reads and indexes them. A user may pass another lexicon file.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from alliance_graph.errors import AllianceGraphError
from alliance_graph.extract.records import RELATIONS

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]


class LexiconError(AllianceGraphError):
    """The lexicon file is missing or malformed."""


@dataclass(frozen=True)
class FrameSpec:
    """One predicate family of the lexicon (see the comments in ``lexicon.toml``)."""

    name: str
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    agent_nouns: frozenset[str] = frozenset()
    object: str = "recipient"
    recipient_preps: tuple[str, ...] = ()
    theme_preps: tuple[str, ...] = ()
    source_preps: tuple[str, ...] = ()
    relation: str | None = None
    by_theme: dict[str, str] = field(default_factory=dict)
    inverse: bool = False
    group_agent: bool = False
    dobj_is_place: bool = False
    theme_required: tuple[str, ...] = ()
    light_verbs: frozenset[str] = frozenset()
    helpers: frozenset[str] = frozenset()
    blocked_object_roles: frozenset[str] = frozenset()
    object_roles: frozenset[str] = frozenset()
    direct_objects: bool = False
    # "blacklisted a refinery in India": the place where an unnamed target is is no target
    no_place_objects: bool = False
    # "launched a patrol mission", "fired one at X": what these verbs send off is no target
    projectile_verbs: frozenset[str] = frozenset()
    agent_roles: frozenset[str] = frozenset()
    agent_role_classes: frozenset[str] = frozenset()
    place_metonyms: bool = False
    whole_states_only: bool = False
    agent_types: frozenset[str] = frozenset()
    capital_objects: bool = False
    under_target: bool = False
    located_relation: str | None = None
    # "Washington hits Russian oil majors as Europe lists more tankers": these verbs are
    # figurative when the sentence speaks of sanctions (``figurative_context`` lemmas).
    figurative_verbs: frozenset[str] = frozenset()
    figurative_context: frozenset[str] = frozenset()
    # "cancelled its treaty with Japan": a noun predicate governed by these verbs says nothing.
    blocked_heads: frozenset[str] = frozenset()
    # "fought in Kursk": an "in"-phrase of these verbs says where, not whom
    locative_verbs: frozenset[str] = frozenset()
    # a modifier of the predicate noun that changes the relation: "trading partner"
    modifier_relations: dict[str, str] = field(default_factory=dict)
    # "a $25 billion agreement with X": a predicate noun with a price is a contract
    money_relation: str | None = None
    # "added X to its sanctions list": a verb of putting, into a list of this frame
    listing_verbs: frozenset[str] = frozenset()
    listing_nouns: frozenset[str] = frozenset()
    # words that make a list this frame's list besides its verbs and nouns ("designated")
    listing_words: frozenset[str] = frozenset()
    # "designated X as his successor": these verbs say nothing with an "as"-phrase
    no_as_verbs: frozenset[str] = frozenset()
    # "Russia and Iran have drawn closer", "Minsk moved closer to Beijing": a verb of
    # motion with one of ``closer_words`` is a rapprochement of its subjects (or with "to" Y)
    # "the EU's new listings include X", "among Britain's designations were X": a predicate
    # noun as subject of these verbs has their objects as its targets
    content_verbs: frozenset[str] = frozenset()
    # "monitoring military cooperation between X and Y", "tracking the dispatch of North
    # Korean workers": an event noun as the theme stands for the actors taking part in it
    event_objects: bool = False
    # "Ukrainian units were driven out of Kursk": the group of these classes that the verb
    # acts on is the claim's subject (they had attacked the place they are driven from)
    theme_agents: frozenset[str] = frozenset()
    closer_verbs: frozenset[str] = frozenset()
    closer_words: frozenset[str] = frozenset()
    # "the Council listed X": only a state, a bloc or a body acting for one (gazetteer
    # ``represents``) is an agent; "the report listed X" is no sanction
    state_agents: bool = False
    # "Gazprom and CNPC signed a memorandum": an agreement of these kinds between two
    # bodies that act for no state is commerce
    contract_nouns: frozenset[str] = frozenset()
    contract_relation: str | None = None
    # "delivered Russian crude to Indian refineries": goods that go to these buyers are sold
    buyer_roles: frozenset[str] = frozenset()
    buyer_relation: str | None = None
    strength: float = 0.8


@dataclass(frozen=True)
class Lexicon:
    """Indexed lexicon: frames by predicate lemma, theme classes by noun."""

    frames: dict[str, FrameSpec]
    verb_frames: dict[str, tuple[FrameSpec, ...]]
    noun_frames: dict[str, tuple[FrameSpec, ...]]
    agent_noun_frames: dict[str, tuple[FrameSpec, ...]]
    listing_frames: dict[str, tuple[FrameSpec, ...]]
    theme_classes: dict[str, str]  # noun (lemma or "compound head") -> class
    groups: dict[str, str]  # group class -> relation
    relation_types: dict[str, tuple[frozenset[str], frozenset[str]]]
    quantity_nouns: frozenset[str]
    partitive_nouns: frozenset[str]
    participation_nouns: frozenset[str]
    definite_nouns: dict[str, str]
    product_units: frozenset[str]
    activity_nouns: frozenset[str]
    site_nouns: frozenset[str]
    event_nouns: frozenset[str]
    location_preps: tuple[str, ...]
    private_groups: frozenset[str]
    generic_heads: frozenset[str]
    context_aliases: dict[str, str]
    title_words: frozenset[str]
    state_bodies: frozenset[str]
    qualifiers: dict[str, Any]
    # title words of people who hold no office: "opposition leader", "former president"
    not_in_office: frozenset[str] = frozenset()
    # common noun -> actor type of a name it describes: "the company Xiamen Limbach"
    name_kinds: dict[str, str] = field(default_factory=dict)
    company_suffixes: frozenset[str] = frozenset()  # case-sensitive: "Caravella LLC"

    def theme_class(self, *forms: str) -> str | None:
        """The class of the first form (lowercase lemma or phrase) that has one."""
        for form in forms:
            found = self.theme_classes.get(form.lower())
            if found:
                return found
        return None

    def words(self, key: str) -> frozenset[str]:
        """A cue-word list of the [qualifiers] table."""
        return frozenset(self.qualifiers.get(key, ()))

    def allows(self, relation: str, subject_type: str | None, object_type: str | None) -> bool:
        """Whether the two actor types may fill ``relation``."""
        subjects, objects = self.relation_types.get(relation, (frozenset(), frozenset()))
        return (not subjects or subject_type in subjects) and (not objects or object_type in objects)


def _frame(name: str, raw: dict[str, Any]) -> FrameSpec:
    def words(key: str) -> frozenset[str]:
        return frozenset(word.lower() for word in raw.get(key, ()))

    relations = [raw.get("relation"), raw.get("located_relation"), raw.get("money_relation"),
                 raw.get("contract_relation"), raw.get("buyer_relation"),
                 *raw.get("by_theme", {}).values(),
                 *raw.get("modifier_relations", {}).values()]
    for relation in relations:
        if relation is not None and relation not in RELATIONS:
            raise LexiconError(f"Lexicon frame {name!r}: unknown relation {relation!r}.")
    return FrameSpec(
        name=name, verbs=words("verbs"), nouns=words("nouns"), agent_nouns=words("agent_nouns"),
        object=raw.get("object", "recipient"),
        recipient_preps=tuple(raw.get("recipient_preps", ())),
        theme_preps=tuple(raw.get("theme_preps", ())),
        source_preps=tuple(raw.get("source_preps", ())),
        relation=raw.get("relation"), by_theme=dict(raw.get("by_theme", {})),
        inverse=bool(raw.get("inverse", False)), group_agent=bool(raw.get("group_agent", False)),
        dobj_is_place=bool(raw.get("dobj_is_place", False)),
        theme_required=tuple(raw.get("theme_required", ())),
        light_verbs=words("light_verbs"), helpers=words("helpers"),
        blocked_object_roles=words("blocked_object_roles"), object_roles=words("object_roles"),
        direct_objects=bool(raw.get("direct_objects", False)),
        no_place_objects=bool(raw.get("no_place_objects", False)),
        projectile_verbs=words("projectile_verbs"),
        agent_roles=words("agent_roles"), agent_role_classes=words("agent_role_classes"),
        place_metonyms=bool(raw.get("place_metonyms", False)),
        whole_states_only=bool(raw.get("whole_states_only", False)),
        agent_types=frozenset(raw.get("agent_types", ())),
        capital_objects=bool(raw.get("capital_objects", False)),
        under_target=bool(raw.get("under_target", False)),
        located_relation=raw.get("located_relation"),
        figurative_verbs=words("figurative_verbs"), figurative_context=words("figurative_context"),
        blocked_heads=words("blocked_heads"), locative_verbs=words("locative_verbs"),
        modifier_relations=dict(raw.get("modifier_relations", {})),
        money_relation=raw.get("money_relation"),
        listing_verbs=words("listing_verbs"), listing_nouns=words("listing_nouns"),
        listing_words=words("listing_words"), no_as_verbs=words("no_as_verbs"),
        content_verbs=words("content_verbs"), event_objects=bool(raw.get("event_objects", False)),
        theme_agents=words("theme_agents"), closer_verbs=words("closer_verbs"), closer_words=words("closer_words"),
        state_agents=bool(raw.get("state_agents", False)),
        contract_nouns=words("contract_nouns"), contract_relation=raw.get("contract_relation"),
        buyer_roles=words("buyer_roles"), buyer_relation=raw.get("buyer_relation"),
        strength=float(raw.get("strength", 0.8)),
    )


def parse_lexicon(data: dict[str, Any]) -> Lexicon:
    """Build a ``Lexicon`` from the parsed TOML tables."""
    try:
        frames = {name: _frame(name, raw) for name, raw in data["frames"].items()}
        verb_frames: dict[str, list[FrameSpec]] = {}
        noun_frames: dict[str, list[FrameSpec]] = {}
        agent_noun_frames: dict[str, list[FrameSpec]] = {}
        for spec in frames.values():
            for lemma in spec.verbs:
                verb_frames.setdefault(lemma, []).append(spec)
            for lemma in spec.nouns:
                noun_frames.setdefault(lemma, []).append(spec)
            for lemma in spec.agent_nouns:
                agent_noun_frames.setdefault(lemma, []).append(spec)
        theme_classes: dict[str, str] = {}
        for cls, nouns in data["themes"].items():
            for noun in nouns:
                theme_classes.setdefault(noun.lower(), cls)
        relation_types = {
            relation: (frozenset(sides.get("subject", ())), frozenset(sides.get("object", ())))
            for relation, sides in data.get("relations", {}).items()
        }
        nouns = data.get("nouns", {})
        titles = data.get("titles", {})
        return Lexicon(
            frames=frames,
            verb_frames={k: tuple(v) for k, v in verb_frames.items()},
            noun_frames={k: tuple(v) for k, v in noun_frames.items()},
            agent_noun_frames={k: tuple(v) for k, v in agent_noun_frames.items()},
            listing_frames={verb: tuple(spec for spec in frames.values() if verb in spec.listing_verbs)
                            for spec in frames.values() for verb in spec.listing_verbs},
            theme_classes=theme_classes,
            groups=dict(data.get("groups", {})),
            relation_types=relation_types,
            quantity_nouns=frozenset(nouns.get("quantity", ())),
            partitive_nouns=frozenset(nouns.get("partitive", ())),
            participation_nouns=frozenset(nouns.get("participation", ())),
            definite_nouns=dict(data.get("definite", {})),
            product_units=frozenset(nouns.get("product_units", ())),
            activity_nouns=frozenset(nouns.get("activity", ())) | frozenset(nouns.get("sites", ())),
            site_nouns=frozenset(nouns.get("sites", ())),
            event_nouns=frozenset(nouns.get("events", ())),
            location_preps=tuple(nouns.get("location_preps", ())),
            private_groups=frozenset(nouns.get("private_groups", ())),
            generic_heads=frozenset(nouns.get("generic_heads", ())),
            context_aliases={k.lower(): v for k, v in data.get("context_aliases", {}).items()},
            title_words=frozenset(word.lower() for word in titles.get("words", ())),
            state_bodies=frozenset(word.lower() for word in titles.get("state_bodies", ())),
            not_in_office=frozenset(word.lower() for word in titles.get("not_in_office", ())),
            qualifiers=dict(data.get("qualifiers", {})),
            name_kinds={noun.lower(): actor_type for actor_type, kind_nouns in data.get("name_kinds", {}).items()
                        if actor_type != "company_suffixes" for noun in kind_nouns},
            company_suffixes=frozenset(data.get("name_kinds", {}).get("company_suffixes", ())),
        )
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise LexiconError(f"Lexicon is malformed: {error!r}.") from None


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Load the shipped lexicon, or the TOML file at ``path``.

    Examples
    --------
    >>> lexicon = load_lexicon()
    >>> lexicon.theme_class("worker")
    'labor'
    >>> [spec.name for spec in lexicon.verb_frames["send"]]
    ['transfer']
    """
    try:
        if path is None:
            text = resources.files("alliance_graph.extract").joinpath("data/lexicon.toml").read_text("utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise LexiconError(f"Cannot read lexicon {path}: {error}.") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise LexiconError(f"Lexicon {path or 'lexicon.toml'} is not valid TOML: {error}.") from None
    return parse_lexicon(data)
