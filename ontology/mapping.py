"""Claims -> RDF: the triples of one document's named graph and of an extraction run.

The layout (see the module docstring of ``alliance_graph.ontology.store`` and the README):

- the document node ``a ag:Document`` with Dublin Core metadata and ``ag:contentHash``;
- every actor the document's claims mention (``a ag:<Type>``, ``rdfs:label``,
  ``owl:sameAs wd:Q..`` when a QID is known);
- the plain edge ``<subject> ag:<relation> <object>`` (not for ``negated`` claims: a claim
  that X does *not* supply Y must not make the edge true);
- one ``ag:Claim`` node per claim (``rdf:subject``/``rdf:predicate``/``rdf:object`` plus
  qualifiers and PROV-O provenance).

Symmetric relations are stored once per unordered pair, subject and object ordered by label.
Literals are written in the canonical lexical form Oxigraph keeps, so what goes in is exactly
what comes out.
"""
from __future__ import annotations

import math
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Iterable, Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD

from alliance_graph.config import DEFAULT_BASE_IRI
from alliance_graph.errors import InputError
from alliance_graph.extract.records import (
    ACTOR_TYPES,
    RELATIONS,
    SYMMETRIC_RELATIONS,
    Claim,
    Document,
)
from alliance_graph.ontology.iris import (
    actor_iri,
    claim_iri,
    clean_text,
    document_iri,
    normalize_label,
    run_iri,
    web_iri,
)
from alliance_graph.ontology.terms import AG, WD

Triple = tuple[URIRef, URIRef, URIRef | Literal]

_QID = re.compile(r"^Q[1-9][0-9]*$")
_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


_PROPERTY_BY_NAME: dict[str, URIRef] = {name: getattr(AG, _camel(name)) for name in RELATIONS}
_NAME_BY_PROPERTY: dict[URIRef, str] = {prop: name for name, prop in _PROPERTY_BY_NAME.items()}


def relation_property(name: str) -> URIRef:
    """The ontology property of the JSON relation ``name``.

    Examples
    --------
    >>> relation_property("supplies_labor_to")
    rdflib.term.URIRef('https://w3id.org/alliance-graph/ontology#suppliesLaborTo')
    """
    try:
        return _PROPERTY_BY_NAME[name]
    except KeyError:
        raise InputError(
            f"Unknown relation {name!r}; known relations: {', '.join(RELATIONS)}."
        ) from None


def relation_name(prop: str | URIRef) -> str:
    """The JSON (snake_case) name of the ontology property ``prop``.

    Examples
    --------
    >>> relation_name("https://w3id.org/alliance-graph/ontology#meetsWith")
    'meets_with'
    """
    try:
        return _NAME_BY_PROPERTY[URIRef(prop)]
    except KeyError:
        raise ValueError(f"{prop} is not a relation of the alliance-graph ontology.") from None


def actor_class(actor_type: str | None) -> URIRef:
    """``ag:<Type>`` for a type of ``records.ACTOR_TYPES``; ``ag:Actor`` for anything else."""
    return getattr(AG, actor_type) if actor_type in ACTOR_TYPES else AG.Actor


@dataclass
class RunInfo:
    """One extraction run, recorded (``prov:Activity``) when it wrote at least one document."""

    id: str
    started: datetime
    ended: datetime | None = None
    tool_version: str = ""
    model_name: str | None = None
    model_version: str | None = None

    @classmethod
    def start(
        cls, tool_version: str, model_name: str | None = None, model_version: str | None = None
    ) -> "RunInfo":
        """A new run with a random UUID id, started now (UTC)."""
        return cls(
            id=str(uuid.uuid4()),
            started=datetime.now(timezone.utc),
            tool_version=tool_version,
            model_name=model_name,
            model_version=model_version,
        )


# ------------------------------------------------------------------ literals


def text_literal(value: str | None) -> Literal | None:
    """A plain string literal, cleaned of characters no RDF syntax can carry; None if empty."""
    cleaned = clean_text(value) if value else ""
    return Literal(cleaned) if cleaned else None


def decimal_literal(value: float) -> Literal | None:
    """``value`` as a canonical ``xsd:decimal`` (six decimals at most); None if not finite.

    Examples
    --------
    >>> str(decimal_literal(0.860)), str(decimal_literal(1.0))
    ('0.86', '1')
    """
    if value is None or isinstance(value, bool) or not math.isfinite(value):
        return None
    number = (Decimal(repr(round(float(value), 6))) + 0).normalize()
    return Literal(format(number, "f"), datatype=XSD.decimal)


def date_literal(value: str | None) -> Literal | None:
    """An ISO 8601 date as ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear``; None if unresolvable.

    Examples
    --------
    >>> [str(date_literal(v)) for v in ("2024-10-05T12:00", "2024-10", "2024")]
    ['2024-10-05', '2024-10', '2024']
    >>> date_literal("last week") is None
    True
    """
    if not value:
        return None
    value = value.strip()
    if match := _FULL_DATE.match(value):
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
        return Literal(day.isoformat(), datatype=XSD.date)
    if (match := _YEAR_MONTH.match(value)) and 1 <= int(match[2]) <= 12 and int(match[1]) > 0:
        return Literal(value, datatype=XSD.gYearMonth)
    if (match := _YEAR.match(value)) and int(match[1]) > 0:
        return Literal(value, datatype=XSD.gYear)
    return None


def datetime_literal(moment: datetime) -> Literal:
    """A UTC ``xsd:dateTime`` to the second (naive datetimes are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    text = moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return Literal(text, datatype=XSD.dateTime)


# ------------------------------------------------------------------ triples


def _canonical_order(claim: Claim) -> tuple[str, str, str | None, str | None, str | None, str | None, str | None, str | None]:
    """Subject/object (with their types, QIDs, roles) in stored order."""
    sides = [
        (normalize_label(claim.subject), claim.subject_type, claim.subject_qid, claim.subject_role),
        (normalize_label(claim.object), claim.object_type, claim.object_qid, claim.object_role),
    ]
    if claim.relation in SYMMETRIC_RELATIONS and sides[1][0] < sides[0][0]:
        sides.reverse()
    (subject, s_type, s_qid, s_role), (obj, o_type, o_qid, o_role) = sides
    return subject, obj, s_type, o_type, s_qid, o_qid, s_role, o_role


class _Actors:
    """The actors of one document: label, and every type and QID its claims gave it."""

    def __init__(self) -> None:
        self._seen: dict[URIRef, tuple[str, set[str], set[int]]] = {}

    def note(self, iri: URIRef, label: str, actor_type: str | None, qid: str | None) -> None:
        _, types, qids = self._seen.setdefault(iri, (label, set(), set()))
        if actor_type in ACTOR_TYPES:
            types.add(actor_type)
        if qid and _QID.match(qid.strip()):
            qids.add(int(qid.strip()[1:]))

    def triples(self) -> Iterator[Triple]:
        """One class and at most one QID per actor: when claims disagree, the first type in
        ``ACTOR_TYPES`` order and the lowest QID, whatever the order of the claims."""
        for iri, (label, types, qids) in self._seen.items():
            known = [t for t in ACTOR_TYPES if t in types]
            yield iri, RDF.type, actor_class(known[0] if known else None)
            yield iri, RDFS.label, Literal(label)
            if qids:
                yield iri, OWL.sameAs, WD[f"Q{min(qids)}"]


def document_node_triples(document: Document, content_hash: str, base: str) -> Iterator[Triple]:
    """The document node: ``a ag:Document`` with its Dublin Core metadata and content hash."""
    doc = URIRef(document_iri(document.source, base))
    yield doc, RDF.type, AG.Document
    yield doc, DCTERMS.identifier, Literal(clean_text(document.source))
    if title := text_literal(document.title):
        yield doc, DCTERMS.title, title
    if document.url and (url := web_iri(document.url)):
        yield doc, DCTERMS.source, URIRef(url)
    if outlet := text_literal(document.outlet):
        yield doc, DCTERMS.publisher, outlet
    if issued := date_literal(document.published):
        yield doc, DCTERMS.issued, issued
    yield doc, AG.contentHash, Literal(clean_text(content_hash))


def _claim_triples(claim: Claim, document: Document, run: RunInfo, base: str, actors: _Actors) -> Iterator[Triple]:
    """The plain edge and the ``ag:Claim`` node of one claim; its actors go to ``actors``."""
    prop = relation_property(claim.relation)
    subject, obj, s_type, o_type, s_qid, o_qid, s_role, o_role = _canonical_order(claim)
    if not subject or not obj:
        raise InputError(
            f"A claim in {document.source!r} has an empty subject or object: "
            f"{claim.subject!r} {claim.relation} {claim.object!r}."
        )
    s_iri, o_iri = URIRef(actor_iri(subject, base)), URIRef(actor_iri(obj, base))
    actors.note(s_iri, subject, s_type, s_qid)
    actors.note(o_iri, obj, o_type, o_qid)
    if claim.modality != "negated":
        yield s_iri, prop, o_iri

    node = URIRef(claim_iri(document.source, subject, claim.relation, obj,
                            claim.char_start, claim.char_end, base))
    yield node, RDF.type, AG.Claim
    yield node, RDF.subject, s_iri
    yield node, RDF.predicate, prop
    yield node, RDF.object, o_iri
    yield node, PROV.wasDerivedFrom, URIRef(document_iri(document.source, base))
    yield node, PROV.wasGeneratedBy, URIRef(run_iri(run.id, base))
    for predicate, text in (
        (AG.evidence, claim.evidence), (AG.modality, claim.modality),
        (AG.quantity, claim.quantity), (AG.resource, claim.resource),
        (AG.attributedTo, claim.attributed_to),
        (AG.subjectRole, s_role), (AG.objectRole, o_role),
    ):
        if (literal := text_literal(text)) is not None:
            yield node, predicate, literal
    for predicate, offset in ((AG.charStart, claim.char_start), (AG.charEnd, claim.char_end)):
        if offset is not None:
            yield node, predicate, Literal(str(int(offset)), datatype=XSD.integer)
    if (confidence := decimal_literal(claim.confidence)) is not None:
        yield node, AG.confidence, confidence
    if event_date := date_literal(claim.date):
        yield node, AG.eventDate, event_date


def unique_claims(claims: Iterable[Claim], document: Document, base: str = DEFAULT_BASE_IRI) -> list[Claim]:
    """Claims with distinct claim IRIs; of duplicates, the most confident (first on ties) wins."""
    best: dict[str, Claim] = {}
    for claim in claims:
        subject, obj, *_ = _canonical_order(claim)
        key = claim_iri(document.source, subject, claim.relation, obj,
                        claim.char_start, claim.char_end, base)
        kept = best.get(key)
        if kept is None or (claim.confidence or 0) > (kept.confidence or 0):
            best[key] = claim
    return list(best.values())


def document_triples(
    document: Document,
    claims: Iterable[Claim],
    content_hash: str,
    run: RunInfo,
    base: str = DEFAULT_BASE_IRI,
) -> set[Triple]:
    """Every triple of the named graph of ``document`` (see the module docstring)."""
    triples: set[Triple] = set(document_node_triples(document, content_hash, base))
    actors = _Actors()
    for claim in unique_claims(claims, document, base):
        triples.update(_claim_triples(claim, document, run, base, actors))
    triples.update(actors.triples())
    return triples


def document_graph(
    document: Document,
    claims: Iterable[Claim],
    content_hash: str,
    run: RunInfo,
    base: str = DEFAULT_BASE_IRI,
) -> Graph:
    """``document_triples`` as an rdflib ``Graph`` named by the document IRI."""
    graph = Graph(identifier=URIRef(document_iri(document.source, base)))
    for triple in document_triples(document, claims, content_hash, run, base):
        graph.add(triple)
    return graph


def run_triples(run: RunInfo, base: str = DEFAULT_BASE_IRI, used: Iterable[str] = ()) -> Iterator[Triple]:
    """The ``ag:ExtractionRun`` node; ``used`` are document sources it (re)wrote (``prov:used``)."""
    node = URIRef(run_iri(run.id, base))
    yield node, RDF.type, AG.ExtractionRun
    yield node, PROV.startedAtTime, datetime_literal(run.started)
    if run.ended is not None:
        yield node, PROV.endedAtTime, datetime_literal(run.ended)
    yield node, AG.toolVersion, text_literal(run.tool_version) or Literal("unknown")
    for predicate, text in ((AG.modelName, run.model_name), (AG.modelVersion, run.model_version)):
        if (literal := text_literal(text)) is not None:
            yield node, predicate, literal
    for source in used:
        yield node, PROV.used, URIRef(document_iri(source, base))
