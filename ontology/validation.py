"""Checking the store: SHACL conformance (pySHACL + shapes.ttl) and vocabulary coverage.

Two checks, both over the union of all named graphs:

- SHACL: ``shapes.ttl`` with ``alliance.ttl`` mixed in as the ontology graph, so that
  ``sh:targetClass ag:Actor`` and ``sh:class ag:Actor`` reach ``ag:State`` and the other
  subclasses.
- vocabulary: every predicate and every class (object of ``rdf:type``) is declared by
  ``alliance.ttl`` or belongs to rdf, rdfs, owl, xsd, PROV-O or Dublin Core terms.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, XSD

if TYPE_CHECKING:
    from alliance_graph.ontology.store import ClaimStore

ALLOWED_NAMESPACES: tuple[str, ...] = (str(RDF), str(RDFS), str(OWL), str(XSD), str(PROV), str(DCTERMS))


def _packaged_graph(name: str) -> Graph:
    data = resources.files("alliance_graph.ontology").joinpath(name).read_text(encoding="utf-8")
    return Graph().parse(data=data, format="turtle")


def ontology_graph() -> Graph:
    """The ontology (``alliance.ttl``) as an rdflib Graph."""
    return _packaged_graph("alliance.ttl")


def shapes_graph() -> Graph:
    """The SHACL shapes (``shapes.ttl``) as an rdflib Graph."""
    return _packaged_graph("shapes.ttl")


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node at fault, the property path, the message, the severity."""

    focus: str
    path: str | None
    message: str
    severity: str


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate_graph`; ``conforms`` only if both checks pass."""

    conforms: bool
    triples: int
    violations: list[Violation] = field(default_factory=list)
    undeclared_terms: list[str] = field(default_factory=list)

    def summary(self, limit: int = 20) -> str:
        """A human-readable report: a verdict line, then up to ``limit`` problems."""
        if self.conforms:
            return f"Conforms: {self.triples} triples satisfy shapes.ttl and use only declared terms."
        lines = [
            f"Does not conform: {len(self.violations)} SHACL violation(s), "
            f"{len(self.undeclared_terms)} undeclared term(s) in {self.triples} triples."
        ]
        for violation in self.violations[:limit]:
            path = f" {violation.path}" if violation.path else ""
            lines.append(f"  [{violation.severity}] <{violation.focus}>{path}: {violation.message}")
        if len(self.violations) > limit:
            lines.append(f"  ... and {len(self.violations) - limit} more violation(s)")
        for term in self.undeclared_terms[:limit]:
            lines.append(f"  [Undeclared] <{term}> is not declared by the ontology")
        return "\n".join(lines)


def undeclared_terms(data: Graph, ontology: Graph | None = None) -> list[str]:
    """Predicates and classes of ``data`` that neither the ontology nor a reused vocabulary declares.

    Examples
    --------
    >>> from rdflib import Graph, URIRef
    >>> g = Graph()
    >>> _ = g.add((URIRef("http://e/a"), URIRef("http://e/madeUp"), URIRef("http://e/b")))
    >>> undeclared_terms(g)
    ['http://e/madeUp']
    """
    ontology = ontology if ontology is not None else ontology_graph()
    declared = {str(s) for s in ontology.subjects() if isinstance(s, URIRef)}
    used = {str(p) for p in data.predicates()} | {
        str(o) for o in data.objects(None, RDF.type) if isinstance(o, URIRef)
    }
    return sorted(t for t in used if t not in declared and not t.startswith(ALLOWED_NAMESPACES))


def validate_graph(data: Graph) -> ValidationReport:
    """Validate ``data`` against ``shapes.ttl`` (with the ontology) and the vocabulary check."""
    import pyshacl

    ontology = ontology_graph()
    conforms, results, _text = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(),
        ont_graph=ontology,
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
        meta_shacl=False,
        advanced=False,
    )
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        severity = results.value(result, SH.resultSeverity)
        violations.append(Violation(
            focus=str(results.value(result, SH.focusNode)),
            path=str(path) if isinstance(path, URIRef) else None,
            message=str(message) if message is not None else "constraint violated",
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        ))
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    undeclared = undeclared_terms(data, ontology)
    return ValidationReport(
        conforms=bool(conforms) and not undeclared,
        triples=len(data),
        violations=violations,
        undeclared_terms=undeclared,
    )


def store_union_graph(store: "ClaimStore") -> Graph:
    """The union of all the store's graphs as an in-memory rdflib Graph."""
    from alliance_graph.ontology.exports import serialize_store

    return Graph().parse(data=serialize_store(store, "ntriples"), format="nt")


def validate_store(store: "ClaimStore") -> ValidationReport:
    """Validate the union of all named graphs of ``store`` (see :func:`validate_graph`)."""
    return validate_graph(store_union_graph(store))
