"""RDF store -> networkx, and the questions an analyst asks of the graph.

``to_networkx`` reads the store with two SPARQL queries (claims with their documents, and
actors) over every named graph, and folds claims into one edge per (subject, relation,
object). Nodes are keyed by the actor's canonical label, so ordinary networkx calls read
naturally: ``nx.shortest_path(g.to_undirected(), "North Korea", "Kursk")``.

Every query function takes the graph first, networkx style, and names actors the way a
person would type them (case-insensitive labels, aliases or Wikidata QIDs; see
``resolve_actor``).
"""
from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from alliance_graph.errors import AllianceGraphError, UnknownActorError
from alliance_graph.extract.records import ACTOR_TYPES, MODALITIES, RELATIONS, SYMMETRIC_RELATIONS
from alliance_graph.config import DEFAULT_BASE_IRI
from alliance_graph.ontology.terms import AG

__all__ = [
    "DEFAULT_MODALITIES", "SUPPLY_RELATIONS", "GraphDiff", "Link", "claim_date", "diff", "ego",
    "links", "neighbors", "parse_date", "paths", "read_neighborhood", "relation_label",
    "resolve_actor",
    "resolve_relation", "subgraph", "to_networkx", "who", "who_supplies",
]

# A denial ("did not send troops") is data, but not an edge an analyst wants drawn by default.
DEFAULT_MODALITIES: tuple[str, ...] = tuple(m for m in MODALITIES if m != "negated")

SUPPLY_RELATIONS: tuple[str, ...] = (
    "supplies_weapons_to", "supplies_labor_to", "deploys_troops_to",
    "transfers_technology_to", "provides_economic_support_to",
)

_MODALITY_RANK = {name: rank for rank, name in enumerate(MODALITIES)}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


# The ontology's ag:jsonName annotations say the same thing; deriving the map from RELATIONS
# spares a query per graph build (tests/test_ontology.py keeps the two in sync).
_RELATION_BY_IRI: dict[str, str] = {str(AG[_camel(name)]): name for name in RELATIONS}
_TYPE_BY_IRI: dict[str, str] = {str(AG[name]): name for name in ACTOR_TYPES}
_WIKIDATA = "http://www.wikidata.org/entity/"

_PREFIXES = """\
PREFIX ag: <https://w3id.org/alliance-graph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

CLAIMS_QUERY = _PREFIXES + """\
SELECT ?claim ?s ?p ?o ?evidence ?charStart ?charEnd ?confidence ?modality ?quantity ?resource
       ?eventDate ?attributedTo ?doc ?source ?url ?title ?publisher ?issued
WHERE {
  GRAPH ?g {
    #FOCUS
    ?claim a ag:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    OPTIONAL { ?claim ag:evidence ?evidence }
    OPTIONAL { ?claim ag:charStart ?charStart }
    OPTIONAL { ?claim ag:charEnd ?charEnd }
    OPTIONAL { ?claim ag:confidence ?confidence }
    OPTIONAL { ?claim ag:modality ?modality }
    OPTIONAL { ?claim ag:quantity ?quantity }
    OPTIONAL { ?claim ag:resource ?resource }
    OPTIONAL { ?claim ag:eventDate ?eventDate }
    OPTIONAL { ?claim ag:attributedTo ?attributedTo }
    OPTIONAL {
      ?claim prov:wasDerivedFrom ?doc .
      OPTIONAL { ?doc dcterms:identifier ?source }
      OPTIONAL { ?doc dcterms:source ?url }
      OPTIONAL { ?doc dcterms:title ?title }
      OPTIONAL { ?doc dcterms:publisher ?publisher }
      OPTIONAL { ?doc dcterms:issued ?issued }
    }
  }
}
"""

ACTORS_QUERY = _PREFIXES + """\
SELECT DISTINCT ?actor ?type ?label ?sameAs ?alias
WHERE {
  GRAPH ?g {
    ?actor a ?type .
    FILTER(?type IN (ag:Actor, ag:State, ag:Bloc, ag:Organization, ag:Person, ag:Place,
                     ag:Facility, ag:Product))
    OPTIONAL { ?actor rdfs:label ?label }
    OPTIONAL { ?actor owl:sameAs ?sameAs }
    OPTIONAL { ?actor skos:altLabel ?alias }
  }
}
"""


@dataclass(frozen=True)
class Link:
    """One edge of the graph as an analyst reads it: who does what to whom, and on what grounds.

    ``claims`` are dicts with the JSON Lines contract keys plus ``url``, ``title``,
    ``publisher`` and ``published`` of the source document.
    """

    subject: str
    relation: str
    object: str
    sources: tuple[str, ...]
    confidence: float | None
    modality: str | None
    claims: tuple[dict[str, Any], ...] = field(repr=False, compare=False)

    @property
    def source_count(self) -> int:
        """Corroboration: the number of distinct documents that make this claim."""
        return len(self.sources)

    @property
    def evidence(self) -> list[str]:
        """The distinct evidence sentences, strongest claim first."""
        seen: dict[str, None] = {}
        for claim in self.claims:
            if claim.get("evidence"):
                seen.setdefault(claim["evidence"], None)
        return list(seen)

    def to_dict(self, *, with_claims: bool = True) -> dict[str, Any]:
        """A JSON-ready dict (``--format json``)."""
        data: dict[str, Any] = {
            "subject": self.subject, "relation": self.relation, "object": self.object,
            "sources": list(self.sources), "source_count": self.source_count,
            "confidence": self.confidence, "modality": self.modality,
        }
        if with_claims:
            data["claims"] = [dict(claim) for claim in self.claims]
        return data


@dataclass(frozen=True)
class GraphDiff:
    """How the graph changed over a period (see ``diff``)."""

    start: date
    end: date
    added: list[Link]
    removed: list[Link]
    kept: list[Link]


# ---------------------------------------------------------------------------- reading the store


def _rows(store: Any, query: str) -> Iterator[dict[str, str | None]]:
    """Run a SELECT; each solution as {variable: lexical value or None}.

    A ClaimStore is asked through pyoxigraph directly (4x faster than through rdflib's
    result objects on large stores); any other rdflib Graph/Dataset through rdflib.
    """
    native = getattr(store, "oxigraph", None)
    if native is not None:
        solutions = native.query(query, use_default_graph_as_union=True)
        names = [variable.value for variable in solutions.variables]
        for solution in solutions:
            yield {name: (None if term is None else term.value)
                   for name, term in zip(names, solution)}
        return
    target = getattr(store, "dataset", store)
    if not hasattr(target, "query"):
        raise TypeError(f"to_networkx needs a ClaimStore or an rdflib graph, not {type(store)!r}")
    result = target.query(query)
    names = [str(variable) for variable in result.vars]
    for row in result:
        yield {name: (None if term is None else str(term)) for name, term in zip(names, row)}


def _number(text: str | None, kind: type) -> Any:
    if text is None:
        return None
    try:
        return kind(text)
    except (TypeError, ValueError):
        return None


def parse_date(value: str | date | None) -> date | None:
    """``"2024"``, ``"2024-10"``, ``"2024-10-23"`` or ``"2024-10-23T10:00Z"`` -> a date.

    A year alone means 1 January, a month alone its first day. Unparseable text gives None.
    """
    if value is None or isinstance(value, date):
        return value
    match = re.match(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", str(value))
    if not match:
        return None
    year, month, day = match.group(1), match.group(2) or "1", match.group(3) or "1"
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _date_option(value: str | date | None, name: str) -> date | None:
    parsed = parse_date(value)
    if value is not None and parsed is None:
        raise AllianceGraphError(f"{name}: {value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    return parsed


def claim_date(claim: dict[str, Any]) -> date | None:
    """When a claim applies: its own event date, else its document's publication date."""
    return parse_date(claim.get("date")) or parse_date(claim.get("published"))


def resolve_relation(name: str) -> str:
    """A relation as typed by a user ("supplies weapons to", "suppliesWeaponsTo") -> its JSON name.

    Examples
    --------
    >>> resolve_relation("Supplies weapons to")
    'supplies_weapons_to'
    """
    key = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", name.strip())
    key = re.sub(r"[\s\-]+", "_", key).lower()
    if key in RELATIONS:
        return key
    close = difflib.get_close_matches(key, RELATIONS, n=3, cutoff=0.6)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise AllianceGraphError(f"Unknown relation: {name!r}.{hint} Relations: {', '.join(RELATIONS)}")


def relation_label(relation: str) -> str:
    """``"supplies_weapons_to"`` -> ``"supplies weapons to"``."""
    return relation.replace("_", " ")


def _check_types(actor_types: Iterable[str] | None) -> set[str] | None:
    if actor_types is None:
        return None
    wanted = set()
    by_lower = {name.lower(): name for name in ACTOR_TYPES}
    for name in actor_types:
        if name.lower() not in by_lower:
            raise AllianceGraphError(
                f"Unknown actor type: {name!r}. Types: {', '.join(ACTOR_TYPES)}")
        wanted.add(by_lower[name.lower()])
    return wanted


def _check_modalities(modalities: Iterable[str] | None) -> set[str]:
    if modalities is None:
        return set(DEFAULT_MODALITIES)
    wanted = {m.lower() for m in modalities}
    unknown = wanted - set(MODALITIES)
    if unknown:
        raise AllianceGraphError(
            f"Unknown modality: {', '.join(sorted(unknown))}. Modalities: {', '.join(MODALITIES)}")
    return wanted


def _read_actors(store: Any) -> dict[str, dict[str, Any]]:
    actors: dict[str, dict[str, Any]] = {}
    for row in _rows(store, ACTORS_QUERY):
        iri = row["actor"]
        actor = actors.setdefault(iri, {"iri": iri, "label": None, "type": None, "qid": None,
                                        "aliases": set()})
        actor["type"] = actor["type"] or _TYPE_BY_IRI.get(row["type"])
        if row["label"] is not None and actor["label"] is None:
            actor["label"] = row["label"]
        same_as = row["sameAs"]
        if same_as and same_as.startswith(_WIKIDATA):
            actor["qid"] = same_as[len(_WIKIDATA):]
        if row["alias"] is not None:
            actor["aliases"].add(row["alias"])
    return actors


def _claim_rank(claim: dict[str, Any]) -> tuple[Any, ...]:
    """Strongest first: modality, then confidence; then a stable order."""
    return (_MODALITY_RANK.get(claim["modality"], 99), -(claim["confidence"] or 0.0),
            claim["source"] or "", claim["char_start"] or 0, claim["evidence"] or "")


@dataclass
class _Edge:
    """The claims of one (subject, relation, object) as they are read, optionally capped."""

    claims: list[dict[str, Any]] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    count: int = 0
    confidence: float | None = None

    def add(self, claim: dict[str, Any], cap: int | None) -> None:
        self.count += 1
        if claim["source"]:
            self.sources.add(sys.intern(claim["source"]))  # one string per document, not per claim
        if claim["confidence"] is not None:
            self.confidence = max(self.confidence or 0.0, claim["confidence"])
        self.claims.append(claim)
        if cap is not None and len(self.claims) >= 2 * cap:  # trim now and then, not per claim
            self.claims = self.strongest(cap)

    def strongest(self, cap: int | None) -> list[dict[str, Any]]:
        ranked = sorted(self.claims, key=_claim_rank)
        return ranked if cap is None else ranked[:cap]


def _claims_query(focus: Iterable[str] | None) -> str:
    """CLAIMS_QUERY, restricted to claims whose subject or object is one of ``focus`` (IRIs).

    The restriction comes first in the graph pattern so Oxigraph starts from the actor's
    index entries instead of scanning every claim (a neighbourhood of one actor in a store
    of a million triples is answered in milliseconds, not seconds).
    """
    if focus is None:
        return CLAIMS_QUERY.replace("    #FOCUS\n", "")
    values = " ".join(f"<{iri}>" for iri in sorted(focus))
    clause = (f"{{ VALUES ?s {{ {values} }} ?claim rdf:subject ?s }} UNION "
              f"{{ VALUES ?o {{ {values} }} ?claim rdf:object ?o }}")
    return CLAIMS_QUERY.replace("#FOCUS", clause)


def _node_key(graph: nx.MultiDiGraph, iri: str, actor: dict[str, Any]) -> str:
    """The node key of an actor: its label, unless another actor of ``graph`` has it
    already ("Georgia" the state and the person), then the label with the type."""
    label = actor["label"] or _fallback_label(iri)
    if label in graph and graph.nodes[label]["iri"] != iri:
        return f"{label} ({actor['type'] or iri})"
    return label


def _actor_index(actors: dict[str, dict[str, Any]]) -> tuple[nx.MultiDiGraph, dict[str, str]]:
    """Every actor of the store as a node (no edges), to resolve names before reading claims."""
    index = nx.MultiDiGraph()
    iri_of: dict[str, str] = {}
    for iri, actor in sorted(actors.items()):
        key = _node_key(index, iri, actor)
        index.add_node(key, label=key, iri=iri, qid=actor["qid"], aliases=sorted(actor["aliases"]))
        iri_of[key] = iri
    return index, iri_of


# ------------------------------------------------------------ reading around actors, natively
#
# SPARQL with a dozen OPTIONALs makes Oxigraph hash-join every claim field of the store even
# when a handful of claims touch the actor; index lookups read just those claims.

_FIELD_BY_PREDICATE: dict[str, str] = {
    str(RDF.subject): "s", str(RDF.predicate): "p", str(RDF.object): "o",
    str(PROV.wasDerivedFrom): "doc",
    **{str(AG[name]): name for name in ("evidence", "charStart", "charEnd", "confidence",
                                         "modality", "quantity", "resource", "eventDate",
                                         "attributedTo")},
}
_DOCUMENT_FIELDS: dict[str, str] = {
    str(DCTERMS.identifier): "source", str(DCTERMS.source): "url", str(DCTERMS.title): "title",
    str(DCTERMS.publisher): "publisher", str(DCTERMS.issued): "issued",
}
_ROW_KEYS = ("claim", *_FIELD_BY_PREDICATE.values(), *_DOCUMENT_FIELDS.values())


def _native_focus_rows(native: Any, focus: Iterable[str],
                       relations: set[str] | None = None) -> Iterator[dict[str, str | None]]:
    """The rows CLAIMS_QUERY gives for the claims touching ``focus``, by index lookups;
    with ``relations`` (JSON names), only claims of those relations are read in full."""
    import pyoxigraph as ox

    rdf_type, claim_class = str(RDF.type), str(AG.Claim)
    rdf_predicate = ox.NamedNode(str(RDF.predicate))
    wanted = None if relations is None else {
        iri for iri, name in _RELATION_BY_IRI.items() if name in relations}
    documents: dict[tuple[str, str], dict[str, str]] = {}
    seen: set[tuple[str, str]] = set()
    for iri in sorted(focus):
        actor = ox.NamedNode(iri)
        for position in (RDF.subject, RDF.object):
            for link in native.quads_for_pattern(None, ox.NamedNode(str(position)), actor, None):
                claim, graph = link.subject, link.graph_name
                if (claim.value, str(graph)) in seen:
                    continue
                seen.add((claim.value, str(graph)))
                if wanted is not None and not any(
                        q.object.value in wanted
                        for q in native.quads_for_pattern(claim, rdf_predicate, None, graph)):
                    continue
                row: dict[str, str | None] = dict.fromkeys(_ROW_KEYS)
                row["claim"] = claim.value
                is_claim = False
                for quad in native.quads_for_pattern(claim, None, None, graph):
                    predicate = quad.predicate.value
                    if predicate == rdf_type:
                        is_claim = is_claim or quad.object.value == claim_class
                    elif predicate in _FIELD_BY_PREDICATE and row[_FIELD_BY_PREDICATE[predicate]] is None:
                        row[_FIELD_BY_PREDICATE[predicate]] = quad.object.value
                if not is_claim or None in (row["s"], row["p"], row["o"]):
                    continue
                if row["doc"] is not None:
                    key = (row["doc"], str(graph))
                    if key not in documents:
                        documents[key] = {
                            _DOCUMENT_FIELDS[q.predicate.value]: q.object.value
                            for q in native.quads_for_pattern(ox.NamedNode(row["doc"]), None, None, graph)
                            if q.predicate.value in _DOCUMENT_FIELDS}
                    row.update(documents[key])
                yield row


def _native_actors(native: Any, iris: Iterable[str]) -> dict[str, dict[str, Any]]:
    """What ``_read_actors`` gives, for ``iris`` only, by index lookups.

    An actor is described again in every document that names it; the first description
    of each kind is enough (aliases are gathered from all of them).
    """
    import pyoxigraph as ox

    def values(node: Any, predicate: Any) -> Iterator[str]:
        for quad in native.quads_for_pattern(node, ox.NamedNode(str(predicate)), None, None):
            yield quad.object.value

    actors: dict[str, dict[str, Any]] = {}
    for iri in iris:
        node = ox.NamedNode(iri)
        types = (_TYPE_BY_IRI[v] for v in values(node, RDF.type) if v in _TYPE_BY_IRI)
        actor_type = next(types, None)
        if actor_type is None:
            continue
        if actor_type == "Actor":  # a specific class may come from another document
            actor_type = next((t for t in types if t != "Actor"), actor_type)
        qid = next((v[len(_WIKIDATA):] for v in values(node, OWL.sameAs) if v.startswith(_WIKIDATA)), None)
        actors[iri] = {"iri": iri, "label": next(values(node, RDFS.label), None), "type": actor_type,
                       "qid": qid, "aliases": set(values(node, SKOS.altLabel))}
    return actors


def _is_actor(native: Any, iri: str) -> bool:
    """Whether the store types ``iri`` as an actor (its first type statement is enough)."""
    import pyoxigraph as ox

    types = native.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(str(RDF.type)), None, None)
    return any(quad.object.value in _TYPE_BY_IRI for quad in types)


def _native_lookup(native: Any, base: str, name: str) -> str | None:
    """The IRI of the actor ``name`` labels, is an alias of, or is the QID of; else None.

    Exact spellings only (and the gazetteer's canonical label); anything looser falls back
    to reading every actor, which also finds suggestions for a typo.
    """
    import pyoxigraph as ox

    from alliance_graph.ontology.iris import actor_iri

    for candidate in filter(None, (name, _gazetteer_label(name))):
        try:
            iri = actor_iri(candidate, base)
        except ValueError:
            continue
        if _is_actor(native, iri):
            return iri
    lookups: list[tuple[Any, Any]] = [(RDFS.label, ox.Literal(name)), (SKOS.altLabel, ox.Literal(name))]
    if re.fullmatch(r"Q\d+", name):
        lookups.append((OWL.sameAs, ox.NamedNode(_WIKIDATA + name)))
    for predicate, value in lookups:
        for quad in native.quads_for_pattern(None, ox.NamedNode(str(predicate)), value, None):
            if isinstance(quad.subject, ox.NamedNode) and _is_actor(native, quad.subject.value):
                return quad.subject.value
    return None


def _fallback_label(iri: str) -> str:
    tail = re.split(r"[/#]", iri.rstrip("/#"))[-1]
    return tail.replace("_", " ").replace("-", " ") or iri


def to_networkx(store: Any, *, relations: Iterable[str] | None = None,
                actor_types: Iterable[str] | None = None, min_sources: int = 1,
                modalities: Iterable[str] | None = None, since: str | date | None = None,
                until: str | date | None = None, min_confidence: float = 0.0,
                actors: Iterable[str] | None = None,
                max_claims_per_edge: int | None = None) -> nx.MultiDiGraph:
    """Read the claim store into a MultiDiGraph: one edge per (subject, relation, object).

    Parameters
    ----------
    store
        A ``ClaimStore`` or any rdflib ``Graph``/``Dataset`` laid out by the mapping
        (claims in named graphs).
    relations
        Keep only these relations (JSON names; "supplies weapons to" is accepted too).
    actor_types
        Keep only edges whose two actors are of these types (``State``, ``Person``...).
    min_sources
        Keep only edges claimed by at least this many distinct documents.
    modalities
        Claims of these modalities count; default: every modality except ``negated``.
    since, until
        Keep only claims dated in this closed range (the claim's own date, else its
        document's publication date); claims with no date are left out when a range is given.
    min_confidence
        Leave out claims the extractor trusts less than this.
    actors
        Keep only edges with at least one end among these actors (names as
        ``resolve_actor`` takes them). The filter runs inside the store, so asking about
        one actor does not read the whole graph. Raises ``UnknownActorError`` for a name
        the store does not know.
    max_claims_per_edge
        Keep only this many claims per edge, the strongest (``claim_count`` still counts
        them all): what a picture of a large store needs, in memory that does not grow
        with the number of documents repeating an edge.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by canonical label with ``label``, ``type``, ``qid``, ``iri`` and
        ``aliases``; edges keyed by relation with ``relation``, ``claims`` (best first),
        ``sources`` (distinct, sorted), ``source_count``, ``confidence`` (the best),
        ``modality`` (the strongest, in ``records.MODALITIES`` order), ``symmetric`` and
        ``claim_count``.

    Examples
    --------
    >>> from rdflib import Dataset
    >>> g = to_networkx(Dataset())
    >>> g.number_of_nodes(), g.number_of_edges()
    (0, 0)
    """
    wanted_relations = ({resolve_relation(r) for r in relations}
                        if relations is not None else None)
    wanted_types = _check_types(actor_types)
    wanted_modalities = _check_modalities(modalities)
    start, end = _date_option(since, "since"), _date_option(until, "until")

    if max_claims_per_edge is not None and max_claims_per_edge < 1:
        raise AllianceGraphError(f"max_claims_per_edge must be at least 1, not {max_claims_per_edge}")
    native = getattr(store, "oxigraph", None)
    focus: set[str] | None = None
    known: dict[str, dict[str, Any]] | None = None
    if actors is not None:
        focus = set()
        base = (store.stored_base_iri() or DEFAULT_BASE_IRI) if native is not None else ""
        for name in actors:
            iri = _native_lookup(native, base, name) if native is not None else None
            if iri is None:
                if known is None:
                    known = _read_actors(store)
                    index, iri_of = _actor_index(known)
                iri = iri_of[resolve_actor(index, name)]
            focus.add(iri)
    if focus is None:
        rows: Iterable[dict[str, str | None]] = _rows(store, _claims_query(None))
        known = _read_actors(store)
    elif native is not None:
        rows = _native_focus_rows(native, focus, wanted_relations)
    else:
        rows = _rows(store, _claims_query(focus))
    grouped: dict[tuple[str, str, str], _Edge] = {}
    seen_claims: set[str] = set()
    for row in rows:
        if focus is not None:
            # a claim between two focus actors matches both branches of the UNION
            if row["claim"] in seen_claims:
                continue
            seen_claims.add(row["claim"])
        relation = _RELATION_BY_IRI.get(row["p"])
        if relation is None or (wanted_relations is not None and relation not in wanted_relations):
            continue
        claim = {
            "subject": None, "subject_type": None, "relation": relation, "object": None,
            "object_type": None, "source": row["source"] or row["doc"],
            "evidence": row["evidence"], "char_start": _number(row["charStart"], int),
            "char_end": _number(row["charEnd"], int),
            "confidence": _number(row["confidence"], float),
            "modality": (row["modality"] or "asserted").lower(), "quantity": row["quantity"],
            "resource": row["resource"], "date": row["eventDate"],
            "attributed_to": row["attributedTo"], "url": row["url"], "title": row["title"],
            "publisher": row["publisher"], "published": row["issued"],
        }
        if claim["modality"] not in wanted_modalities:
            continue
        if (claim["confidence"] or 0.0) < min_confidence:
            continue
        if start is not None or end is not None:
            when = claim_date(claim)
            if when is None or (start and when < start) or (end and when > end):
                continue
        edge = grouped.get((row["s"], relation, row["o"]))
        if edge is None:
            edge = grouped[row["s"], relation, row["o"]] = _Edge()
        edge.add(claim, max_claims_per_edge)

    if focus is not None:  # only the actors at the ends of the edges read
        endpoints = {iri for subject, _, obj in grouped for iri in (subject, obj)}
        known = (_native_actors(native, endpoints) if native is not None
                 else {iri: actor for iri, actor in (known or _read_actors(store)).items()
                       if iri in endpoints})
    assert known is not None
    graph = nx.MultiDiGraph()
    node_of: dict[str, str] = {}

    def node_for(iri: str) -> str | None:
        if iri in node_of:
            return node_of[iri]
        actor = known.get(iri) or {"iri": iri, "label": None, "type": None, "qid": None,
                                    "aliases": set()}
        if wanted_types is not None and actor["type"] not in wanted_types:
            return None
        label = actor["label"] or _fallback_label(iri)
        key = node_of[iri] = _node_key(graph, iri, actor)
        if key not in graph:
            graph.add_node(key, label=label, type=actor["type"], qid=actor["qid"], iri=iri,
                           aliases=sorted(actor["aliases"]))
        return key

    for (subject_iri, relation, object_iri), edge in sorted(grouped.items()):
        sources = sorted(edge.sources)
        if len(sources) < min_sources:
            continue
        subject, obj = node_for(subject_iri), node_for(object_iri)
        if subject is None or obj is None:
            continue
        claims = edge.strongest(max_claims_per_edge)
        for claim in claims:
            claim.update(subject=graph.nodes[subject]["label"], object=graph.nodes[obj]["label"],
                         subject_type=graph.nodes[subject]["type"],
                         object_type=graph.nodes[obj]["type"])
        graph.add_edge(
            subject, obj, key=relation, relation=relation, claims=claims, sources=sources,
            source_count=len(sources), confidence=edge.confidence, modality=claims[0]["modality"],
            symmetric=relation in SYMMETRIC_RELATIONS, claim_count=edge.count)
    return graph


# ---------------------------------------------------------------------------- actors


def _normal(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def _gazetteer_label(name: str) -> str | None:
    """The canonical label the shipped gazetteer gives ``name`` ("DPRK" -> "North Korea")."""
    from alliance_graph.extract.gazetteer import load_gazetteer

    try:
        actor = load_gazetteer().lookup(name)
    except AllianceGraphError:  # a broken gazetteer must not break querying
        return None
    return actor.label if actor is not None else None


def resolve_actor(graph: nx.MultiDiGraph, name: str) -> str:
    """The node an analyst means by ``name``: a label, alias or Wikidata QID, in any case.

    Aliases come from the node's ``aliases`` and from the shipped gazetteer ("DPRK",
    "Pyongyang" -> North Korea), a node's own label winning over a gazetteer alias.

    Raises
    ------
    alliance_graph.errors.UnknownActorError
        When nothing matches; ``suggestions`` holds up to three close labels.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("North Korea", label="North Korea", qid="Q423", aliases=["DPRK"])
    >>> resolve_actor(g, "dprk"), resolve_actor(g, "Q423"), resolve_actor(g, "Pyongyang")
    ('North Korea', 'North Korea', 'North Korea')
    >>> resolve_actor(g, "North Corea")
    Traceback (most recent call last):
    ...
    alliance_graph.errors.UnknownActorError: Unknown actor: 'North Corea'. Did you mean: North Korea?
    """
    if name in graph:
        return name
    wanted = _normal(name)
    names: dict[str, str] = {}
    for node, data in graph.nodes(data=True):
        for candidate in (node, data.get("label"), data.get("qid"), *(data.get("aliases") or ())):
            if candidate:
                names.setdefault(_normal(candidate), node)
    if wanted in names:
        return names[wanted]
    known = _gazetteer_label(name)
    if known is not None and _normal(known) in names:
        return names[_normal(known)]
    close = difflib.get_close_matches(wanted, list(names), n=6, cutoff=0.6)
    contained = [key for key in names if len(wanted) >= 3 and wanted in key]
    suggestions: list[str] = []
    for key in contained + close:
        if names[key] not in suggestions:
            suggestions.append(names[key])
    raise UnknownActorError(name, suggestions[:3])


# ---------------------------------------------------------------------------- questions


def _link(graph: nx.MultiDiGraph, subject: str, obj: str, relation: str) -> Link:
    data = graph.edges[subject, obj, relation]
    return Link(subject=subject, relation=relation, object=obj, sources=tuple(data["sources"]),
                confidence=data.get("confidence"), modality=data.get("modality"),
                claims=tuple(data["claims"]))


def _strongest_first(found: Iterable[Link]) -> list[Link]:
    return sorted(found, key=lambda link: (-link.source_count, -(link.confidence or 0.0),
                                           link.subject, link.relation, link.object))


def links(graph: nx.MultiDiGraph) -> list[Link]:
    """Every edge of the graph as a ``Link``, the best corroborated first.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("A", "B", key="attacks", sources=["s1"], claims=[])
    'attacks'
    >>> [(l.subject, l.relation, l.object) for l in links(g)]
    [('A', 'attacks', 'B')]
    """
    return _strongest_first(_link(graph, u, v, k) for u, v, k in graph.edges(keys=True))


def neighbors(graph: nx.MultiDiGraph, actor: str, relation: str | None = None,
              direction: str = "both") -> list[Link]:
    """The edges between ``actor`` and its neighbours, the best corroborated first.

    Parameters
    ----------
    actor
        A label, alias or QID (see ``resolve_actor``).
    relation
        Only this relation (default: all).
    direction
        ``"out"`` (actor is the subject), ``"in"`` (actor is the object) or ``"both"``.
        Symmetric relations (``meets_with``...) count in both directions.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("North Korea", "Russia", key="supplies_weapons_to", sources=["a"], claims=[])
    'supplies_weapons_to'
    >>> [l.object for l in neighbors(g, "north korea", direction="out")]
    ['Russia']
    >>> neighbors(g, "North Korea", direction="in")
    []
    """
    if direction not in ("out", "in", "both"):
        raise AllianceGraphError(f"direction must be 'out', 'in' or 'both', not {direction!r}")
    node = resolve_actor(graph, actor)
    wanted = resolve_relation(relation) if relation else None
    found: list[Link] = []
    for subject, obj, key in graph.out_edges(node, keys=True):
        if wanted in (None, key) and (direction != "in" or key in SYMMETRIC_RELATIONS):
            found.append(_link(graph, subject, obj, key))
    for subject, obj, key in graph.in_edges(node, keys=True):
        if subject == obj:
            continue  # a self-loop was already seen as an out-edge
        if wanted in (None, key) and (direction != "out" or key in SYMMETRIC_RELATIONS):
            found.append(_link(graph, subject, obj, key))
    return _strongest_first(found)


def who(graph: nx.MultiDiGraph, relation: str, actor: str) -> list[Link]:
    """Who does ``relation`` to ``actor``: "who supplies weapons to Russia".

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("North Korea", "Russia", key="supplies_weapons_to", sources=["a"], claims=[])
    'supplies_weapons_to'
    >>> [l.subject for l in who(g, "supplies weapons to", "Russia")]
    ['North Korea']
    """
    return neighbors(graph, actor, relation=relation, direction="in")


def who_supplies(graph: nx.MultiDiGraph, actor: str) -> list[Link]:
    """Who sends ``actor`` weapons, workers, troops, technology or economic support.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("Iran", "Russia", key="supplies_weapons_to", sources=["a"], claims=[])
    'supplies_weapons_to'
    >>> g.add_edge("North Korea", "Russia", key="supplies_labor_to", sources=["b"], claims=[])
    'supplies_labor_to'
    >>> sorted(l.subject for l in who_supplies(g, "Russia"))
    ['Iran', 'North Korea']
    """
    found = neighbors(graph, actor, direction="in")
    return [link for link in found if link.relation in SUPPLY_RELATIONS]


def paths(graph: nx.MultiDiGraph, source: str, target: str, max_hops: int = 3, *,
          limit: int | None = 100) -> list[list[Link]]:
    """Every simple path between two actors up to ``max_hops`` edges, ignoring direction.

    Each hop is a ``Link`` in its real direction, with its claims as evidence; two actors
    joined by two relations give two paths. Shortest and best corroborated paths come first.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("North Korea", "Alabuga", key="supplies_labor_to", sources=["a"], claims=[])
    'supplies_labor_to'
    >>> g.add_edge("Alabuga", "Tatarstan", key="located_in", sources=["b"], claims=[])
    'located_in'
    >>> [[hop.relation for hop in p] for p in paths(g, "North Korea", "Tatarstan")]
    [['supplies_labor_to', 'located_in']]
    """
    if max_hops < 1:
        raise AllianceGraphError(f"max_hops must be at least 1, not {max_hops}")
    start, end = resolve_actor(graph, source), resolve_actor(graph, target)
    if start == end:
        return []
    undirected = nx.MultiGraph()
    undirected.add_nodes_from(graph)
    for u, v, key in graph.edges(keys=True):
        if u != v:
            undirected.add_edge(u, v, key=(u, v, key))
    found: list[list[Link]] = []
    for edge_path in nx.all_simple_edge_paths(undirected, start, end, cutoff=max_hops):
        found.append([_link(graph, *edge_key) for _, _, edge_key in edge_path])
    found.sort(key=lambda p: (len(p), -sum(hop.source_count for hop in p),
                              [(hop.subject, hop.relation, hop.object) for hop in p]))
    return found[:limit] if limit is not None else found


def ego(graph: nx.MultiDiGraph, actor: str, radius: int = 1) -> nx.MultiDiGraph:
    """The actor and everything within ``radius`` edges of it (either direction), as a copy.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("A", "B", "attacks"), ("B", "C", "attacks"), ("C", "D", "attacks")])
    >>> sorted(ego(g, "B"))
    ['A', 'B', 'C']
    """
    node = resolve_actor(graph, actor)
    return nx.ego_graph(graph, node, radius=radius, undirected=True).copy()


def read_neighborhood(store: Any, actor: str, radius: int = 1, **filters: Any) -> nx.MultiDiGraph:
    """``ego(to_networkx(store, **filters), actor, radius)``, reading only the claims it needs.

    Each step asks the store for the claims touching the actors found so far (``radius + 1``
    queries in all), so an actor's neighbourhood in a large store costs what the
    neighbourhood holds, not what the store holds.

    Examples
    --------
    >>> from rdflib import Dataset
    >>> read_neighborhood(Dataset(), "Russia")
    Traceback (most recent call last):
    ...
    alliance_graph.errors.UnknownActorError: Unknown actor: 'Russia'.
    """
    if radius < 1:
        raise AllianceGraphError(f"radius must be at least 1, not {radius}")
    within: list[str] = [actor]
    for _ in range(radius):
        within = list(ego(to_networkx(store, actors=within, **filters), actor, radius))
    graph = to_networkx(store, actors=within, **filters)
    return ego(graph, actor, radius)


def diff(graph: nx.MultiDiGraph, start: str | date, end: str | date) -> GraphDiff:
    """How the graph changed between two dates, by the dates of the claims.

    An edge is *added* when its first dated claim falls in ``(start, end]``; *removed* when it
    was claimed on or before ``start`` and not again up to ``end``; *kept* when claimed both
    before and during the period. Claims without a date (none of their own, no publication
    date) are not counted.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("A", "B", key="attacks", sources=["s1"], claims=[{"date": "2023-05-01"}])
    'attacks'
    >>> g.add_edge("C", "B", key="attacks", sources=["s2"], claims=[{"date": "2024-02-10"}])
    'attacks'
    >>> change = diff(g, "2023-12-31", "2024-12-31")
    >>> [l.subject for l in change.added], [l.subject for l in change.removed]
    (['C'], ['A'])
    """
    first, last = _date_option(start, "start"), _date_option(end, "end")
    if first is None or last is None:
        raise AllianceGraphError("diff needs a start and an end date")
    if last < first:
        raise AllianceGraphError(f"end {last} is before start {first}")
    added, removed, kept = [], [], []
    for link in links(graph):
        dates = [d for d in (claim_date(c) for c in link.claims) if d is not None]
        before = any(d <= first for d in dates)
        during = any(first < d <= last for d in dates)
        if during and not before:
            added.append(link)
        elif before and not during:
            removed.append(link)
        elif before and during:
            kept.append(link)
    return GraphDiff(start=first, end=last, added=added, removed=removed, kept=kept)


def subgraph(graph: nx.MultiDiGraph, *, actor: str | None = None, radius: int = 1,
             relations: Sequence[str] | None = None, min_sources: int = 1) -> nx.MultiDiGraph:
    """A view for rendering: an actor's neighbourhood, some relations, well corroborated edges.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_edge("A", "B", key="attacks", sources=["s1", "s2"], claims=[])
    'attacks'
    >>> g.add_edge("B", "C", key="produces", sources=["s1"], claims=[])
    'produces'
    >>> sorted(subgraph(g, min_sources=2))
    ['A', 'B']
    """
    view = ego(graph, actor, radius) if actor else graph.copy()
    wanted = {resolve_relation(r) for r in relations} if relations else None
    drop = [(u, v, k) for u, v, k, data in view.edges(keys=True, data=True)
            if (wanted is not None and k not in wanted)
            or len(data.get("sources", ())) < min_sources]
    view.remove_edges_from(drop)
    keep_alone = {resolve_actor(graph, actor)} if actor else set()
    view.remove_nodes_from([n for n in list(view) if view.degree(n) == 0 and n not in keep_alone])
    return view
