"""The ontology's terms as a ``DefinedNamespace``.

``alliance.ttl`` is the source of truth; ``tests/test_ontology.py`` keeps this list and the
file in sync. ``_fail = True`` turns a misspelt term into an ``AttributeError``.
"""
from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

from alliance_graph.config import ONTOLOGY_IRI


class AG(DefinedNamespace):
    """alliance-graph ontology terms."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI)

    Actor: URIRef
    Bloc: URIRef
    Claim: URIRef
    Document: URIRef
    ExtractionRun: URIRef
    Facility: URIRef
    Organization: URIRef
    PartialDate: URIRef
    Person: URIRef
    Place: URIRef
    Product: URIRef
    State: URIRef
    attacks: URIRef
    attributedTo: URIRef
    charEnd: URIRef
    charStart: URIRef
    confidence: URIRef
    contentHash: URIRef
    controls: URIRef
    cooperatesWith: URIRef
    deploysTroopsTo: URIRef
    eventDate: URIRef
    evidence: URIRef
    expressesSupportFor: URIRef
    grantsConcessionTo: URIRef
    helpsRebuild: URIRef
    investsIn: URIRef
    jsonName: URIRef
    locatedIn: URIRef
    meetsWith: URIRef
    modality: URIRef
    modelName: URIRef
    modelVersion: URIRef
    monitors: URIRef
    objectRole: URIRef
    produces: URIRef
    providesEconomicSupportTo: URIRef
    quantity: URIRef
    relation: URIRef
    represents: URIRef
    resource: URIRef
    sanctions: URIRef
    subjectRole: URIRef
    suppliesLaborTo: URIRef
    suppliesWeaponsTo: URIRef
    toolVersion: URIRef
    tradesWith: URIRef
    transfersTechnologyTo: URIRef


WD = Namespace("http://www.wikidata.org/entity/")
