"""A naive peer for the evaluation: textacy's subject-verb-object triples mapped to claims.

What it is meant to show is what our frame rules are worth over the obvious baseline, so the
baseline is given every fair advantage and nothing of ours that goes beyond SVO triples:

- the same spaCy model's parse (a plain ``spacy.load(model)``, none of our components);
- ``textacy.extract.subject_verb_object_triples`` as is;
- each end mapped to actors: the noun phrase around each subject/object head (its spaCy noun
  chunk, else the token run textacy gives) looked up in *our* gazetteer, whole or its longest
  known tail ending at the head ("Foreign Minister Sergei Lavrov"); failing that, the
  spaCy entity (PERSON, ORG, GPE, NORP, FAC) the head belongs to, else the entities that
  modify it ("North Korean workers"), each looked up in the gazetteer or kept under its own
  text (as our extractor keeps unknown entities);
  conjuncts ("China and North Korea") give one actor each;
- the verb lemma mapped through *our* relation lexicon (``data/lexicon.toml``): its frames in
  lexicon order, the relation fixed by the frame or chosen by the theme class of the verb's
  direct object or ``with``-phrase ("supplies Russia with drones" -> weapons); passive triples
  (textacy gives the ``by``-agent as object) and ``inverse`` frames ("buy X from Y") are
  turned around; the lexicon's actor-type constraints filter impossible pairs;
- a negated verb ("did not send") gives a ``negated`` claim, as ours do.

What it does not do, by construction: prepositional recipients ("sends drones *to Russia*"),
nominalizations, appositions and titles (``represents``, ``located_in``), demonym groups,
coreference. Those are the constructions our rules exist for.

textacy is an optional dependency (``pip install 'alliance-graph[peer]'``).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from alliance_graph.errors import AllianceGraphError, ModelError
from alliance_graph.extract.records import Claim, Document

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Span, Token

    from alliance_graph.extract.gazetteer import Gazetteer
    from alliance_graph.extract.lexicon import FrameSpec, Lexicon

# spaCy entity labels that name an actor, with the actor types they may stand for.
ENTITY_TYPES: dict[str, tuple[str, ...]] = {
    "PERSON": ("Person",),
    "ORG": ("Organization",),
    "GPE": ("State", "Place"),
    "NORP": ("State",),
    "FAC": ("Facility",),
}


class PeerUnavailableError(AllianceGraphError):
    """The optional textacy dependency of the peer is not installed."""


def _textacy_triples() -> Any:
    try:
        from textacy.extract import subject_verb_object_triples
    except ImportError as exc:
        raise PeerUnavailableError(
            "The textacy peer needs the optional dependency textacy: "
            "pip install 'alliance-graph[peer]' (or pip install 'textacy>=0.13,<0.14')."
        ) from exc
    return subject_verb_object_triples


def load_peer_pipeline(model: str | None = None) -> Language:
    """The plain spaCy pipeline the peer parses with (no alliance-graph components)."""
    import spacy

    from alliance_graph.config import DEFAULT_MODEL

    name = model or DEFAULT_MODEL
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(f"Cannot load the spaCy model {name!r} for the peer: {exc}") from None


class _Actor(tuple):  # (label, candidate types)
    __slots__ = ()

    @property
    def label(self) -> str:
        return self[0]

    @property
    def types(self) -> tuple[str, ...]:
        return self[1]


def _phrase(token: Token) -> Span:
    """The noun chunk a head token belongs to, or the token alone."""
    doc = token.doc
    for chunk in doc.noun_chunks if doc.has_annotation("DEP") else ():
        if chunk.start <= token.i < chunk.end:
            return chunk
    return doc[token.i: token.i + 1]


def _known_actor(span: Span, head: Token, gazetteer: Gazetteer) -> Any:
    """The gazetteer actor the whole phrase names, else its longest known tail ending at the
    head: titles and modifiers come first in English ("North Korean Foreign Minister Choe
    Son Hui")."""
    doc = span.doc
    for start, end in [(span.start, span.end), *((i, head.i + 1) for i in range(span.start, head.i + 1))]:
        actor = gazetteer.lookup(doc[start:end].text)
        if actor is not None:
            return actor
    return None


def _actors_of(tokens: Sequence[Token], gazetteer: Gazetteer) -> list[_Actor]:
    """Actors named by one end of a triple (several when the end is a coordination)."""
    if not tokens:
        return []
    doc = tokens[0].doc
    compounds = {t.i for t in tokens if t.dep_ == "compound"}
    heads = [t for t in tokens if t.i not in compounds] or list(tokens)
    found: list[_Actor] = []
    for head in heads:
        phrase = _phrase(head)
        start = min([phrase.start, *(t.i for t in tokens if t.head == head and t.i in compounds)])
        end = max(phrase.end, head.i + 1)
        span = doc[start:end]
        actor = _known_actor(span, head, gazetteer)
        if actor is not None:
            found.append(_Actor((actor.label, (actor.type,))))
            continue
        entities = [ent for ent in span.ents if ent.label_ in ENTITY_TYPES]
        # The entity that is the head ("Putin" in "Russian President Vladimir Putin") names
        # the actor; only a head outside every entity ("North Korean workers") takes the
        # entities that modify it.
        heading = [ent for ent in entities if ent.start <= head.i < ent.end]
        for ent in heading or entities:
            known = gazetteer.lookup(ent.text)
            if known is not None:
                found.append(_Actor((known.label, (known.type,))))
            else:
                found.append(_Actor((ent.text, ENTITY_TYPES[ent.label_])))
    return list(dict.fromkeys(found))


def _theme_class(verb: Token, object_tokens: Sequence[Token], spec: FrameSpec,
                 lexicon: Lexicon) -> str | None:
    """The theme class of the verb's direct object or of its theme-preposition phrase."""
    candidates: list[Token] = list(object_tokens)
    for child in verb.children:
        if child.dep_ == "dobj":
            candidates.append(child)
        elif child.dep_ == "prep" and child.lower_ in spec.theme_preps:
            candidates += [grand for grand in child.children if grand.dep_ == "pobj"]
    candidates += [conj for token in candidates for conj in token.conjuncts]
    for token in candidates:
        compounds = [t for t in token.lefts if t.dep_ == "compound"]
        compound = " ".join(t.lemma_.lower() for t in compounds)
        written = token.doc[compounds[0].i: token.i + 1].text.lower() if compounds else token.lower_
        forms = [written, f"{compound} {token.lemma_.lower()}".strip(), token.lemma_.lower(),
                 token.lower_]
        found = lexicon.theme_class(*forms)
        if found:
            return found
    return None


def _relation(spec: FrameSpec, theme: str | None) -> str | None:
    if spec.group_agent or spec.helpers:
        return None  # these frames need a demonym group or a governing helper verb: not SVO
    if spec.theme_required and theme not in spec.theme_required:
        return None
    if theme is not None and theme in spec.by_theme:
        return spec.by_theme[theme]
    return spec.relation


def _allowed(lexicon: Lexicon, relation: str, subject: _Actor, obj: _Actor) -> bool:
    return any(lexicon.allows(relation, s, o) for s in subject.types for o in obj.types)


def triples_to_claims(doc: Any, document: Document, gazetteer: Gazetteer, lexicon: Lexicon,
                      offset: int = 0) -> list[Claim]:
    """The peer's claims for one parsed text (``offset``: where it starts in the document)."""
    svo = _textacy_triples()
    claims: list[Claim] = []
    for subject_tokens, verb_tokens, object_tokens in svo(doc):
        main = [t for t in verb_tokens if t.dep_ not in ("aux", "auxpass", "neg")]
        if not main:
            continue
        verb = main[-1]
        specs = lexicon.verb_frames.get(verb.lemma_.lower(), ())
        if not specs:
            continue
        subjects = _actors_of(subject_tokens, gazetteer)
        objects = _actors_of(object_tokens, gazetteer)
        if not subjects or not objects:
            continue
        passive = any(t.dep_ == "auxpass" for t in verb_tokens) or any(
            t.dep_ == "nsubjpass" for t in subject_tokens)
        negated = any(t.dep_ == "neg" for t in verb_tokens)
        sentence = verb.sent
        for spec in specs:
            relation = _relation(spec, _theme_class(verb, object_tokens, spec, lexicon))
            if relation is None:
                continue
            agents, patients = (objects, subjects) if passive else (subjects, objects)
            if spec.inverse:
                agents, patients = patients, agents
            pairs = [(a, p) for a in agents for p in patients
                     if a.label != p.label and _allowed(lexicon, relation, a, p)]
            if not pairs:
                continue  # try the verb's next frame ("hold" talks vs. "hold" territory)
            for agent, patient in pairs:
                claims.append(Claim(
                    subject=agent.label, relation=relation, object=patient.label,
                    source=document.source, subject_type=agent.types[0],
                    object_type=patient.types[0], evidence=sentence.text,
                    char_start=offset + sentence.start_char, char_end=offset + sentence.end_char,
                    confidence=spec.strength, modality="negated" if negated else "asserted",
                ))
            break
    return claims


def _paragraphs(text: str) -> Iterator[tuple[str, int]]:
    """Non-empty paragraphs (lines) with their offsets: keeps every text under spaCy's limit."""
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            yield line, offset
        offset += len(line) + 1


def peer_claims(documents: Iterable[Document], *, model: str | None = None,
                nlp: Language | None = None, gazetteer: Gazetteer | None = None,
                lexicon: Lexicon | None = None, batch_size: int = 32
                ) -> Iterator[tuple[Document, list[Claim]]]:
    """Run the textacy SVO peer over ``documents``; yields (document, claims) in order.

    Raises
    ------
    PeerUnavailableError
        If textacy is not installed.
    ModelError
        If the spaCy model cannot be loaded.

    Examples
    --------
    >>> from alliance_graph.extract.records import Document
    >>> [(c.subject, c.relation, c.object) for _, claims in peer_claims(
    ...     [Document("d", "Iran supplies Russia with drones.")]) for c in claims]
    [('Iran', 'supplies_weapons_to', 'Russia')]
    """
    _textacy_triples()  # fail early and clearly when textacy is missing
    from alliance_graph.extract.gazetteer import load_gazetteer
    from alliance_graph.extract.lexicon import load_lexicon

    nlp = nlp if nlp is not None else load_peer_pipeline(model)
    gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
    lexicon = lexicon if lexicon is not None else load_lexicon()
    for document in documents:
        pieces = list(_paragraphs(document.text))
        claims: list[Claim] = []
        for doc, offset in nlp.pipe(pieces, as_tuples=True, batch_size=batch_size):
            claims += triples_to_claims(doc, document, gazetteer, lexicon, offset)
        yield document, claims
