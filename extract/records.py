"""The records that cross stage boundaries: ``Document`` in, ``Claim`` out.

``Claim.to_json()`` is the JSON Lines contract of DESIGN.md; its keys and their order are
relied on from outside, so change them only with the contract.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ACTOR_TYPES: tuple[str, ...] = (
    "State", "Bloc", "Organization", "Person", "Place", "Facility", "Product",
)

RELATIONS: tuple[str, ...] = (
    "supplies_labor_to", "supplies_weapons_to", "deploys_troops_to",
    "transfers_technology_to", "provides_economic_support_to", "invests_in",
    "grants_concession_to", "trades_with", "cooperates_with", "expresses_support_for",
    "meets_with", "attacks", "helps_rebuild", "produces", "controls", "sanctions",
    "monitors", "located_in", "represents",
)

SYMMETRIC_RELATIONS: frozenset[str] = frozenset({"trades_with", "cooperates_with", "meets_with"})

# Ordered from strongest to weakest; "strongest modality" of an edge is the first present.
MODALITIES: tuple[str, ...] = ("asserted", "reported", "planned", "possible", "negated")

CONTRACT_KEYS: tuple[str, ...] = (
    "subject", "subject_type", "relation", "object", "object_type", "source", "evidence",
    "char_start", "char_end", "confidence", "modality", "quantity", "resource", "date",
    "attributed_to",
)


@dataclass(frozen=True)
class Document:
    """One article: its text and the metadata that travels with every claim from it."""

    id: str
    text: str
    path: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date
    outlet: str | None = None

    @property
    def source(self) -> str:
        """The claim ``source``: the record id, else the URL, else the file name."""
        return self.id


@dataclass(frozen=True)
class Claim:
    """What one sentence of one document says about two actors."""

    subject: str
    relation: str
    object: str
    source: str
    subject_type: str | None = None
    object_type: str | None = None
    evidence: str | None = None
    char_start: int | None = None
    char_end: int | None = None
    confidence: float | None = None
    modality: str | None = "asserted"
    quantity: str | None = None
    resource: str | None = None
    date: str | None = None
    attributed_to: str | None = None
    # Not part of the JSON contract: identifiers that help the store (Wikidata QIDs, roles).
    subject_qid: str | None = field(default=None, compare=False)
    object_qid: str | None = field(default=None, compare=False)
    subject_role: str | None = field(default=None, compare=False)
    object_role: str | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        """The JSON Lines contract: exactly ``CONTRACT_KEYS``, in that order."""
        data = asdict(self)
        return {key: data[key] for key in CONTRACT_KEYS}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Claim":
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})

    @property
    def key(self) -> tuple[str, str, str, str]:
        """(source, subject, relation, object), with symmetric pairs in a canonical order."""
        subject, obj = self.subject, self.object
        if self.relation in SYMMETRIC_RELATIONS and obj < subject:
            subject, obj = obj, subject
        return (self.source, subject, self.relation, obj)
