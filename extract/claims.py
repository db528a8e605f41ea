"""From frame findings to ``Claim`` records: qualifiers, confidence, deduplication.

Pure functions; the ``alliance_claims`` component calls :func:`doc_claims` on each Doc.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from alliance_graph.extract import qualifiers
from alliance_graph.extract.actors import Mention, mention_index, sentence_of
from alliance_graph.extract.calibration import calibrated_strength
from alliance_graph.extract.frames import Context, Finding, find_frames
from alliance_graph.extract.records import SYMMETRIC_RELATIONS, Claim
from alliance_graph.extract.structure import structural_findings

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from alliance_graph.extract.gazetteer import Gazetteer
    from alliance_graph.extract.lexicon import Lexicon


# Relations whose claims name what is supplied (resource) and how much (quantity).
_RESOURCE_RELATIONS = frozenset({
    "supplies_labor_to", "supplies_weapons_to", "deploys_troops_to", "transfers_technology_to",
    "provides_economic_support_to", "invests_in", "grants_concession_to", "produces",
})


def doc_claims(doc: Doc, mentions: list[Mention], gazetteer: Gazetteer, lexicon: Lexicon,
               source: str, published: str | None) -> list[Claim]:
    """Every claim of one parsed Doc (offsets relative to the Doc's text), deduplicated."""
    ctx = Context(doc, mention_index(mentions), mentions, lexicon, gazetteer)
    findings = find_frames(doc, ctx) + structural_findings(ctx)
    claims = [claim for finding in _with_state_acts(findings, ctx)
              if (claim := _to_claim(finding, ctx, source, published)) is not None]
    return dedupe(claims)


def _with_state_acts(findings: list[Finding], ctx: Context) -> list[Finding]:
    """Each finding, and for an act only states perform done by one of their bodies ("OFAC
    designated Rosneft") the same act by the state the body serves: both are true, and
    analysts ask it both ways ("which agency?", "which country?")."""
    state_acts = ctx.lexicon.words("state_act_relations")
    out = []
    for finding in findings:
        out.append(finding)
        subject = finding.subject.mention
        if finding.relation in state_acts and subject.type == "Organization":
            state = _represented_state(subject, ctx.gazetteer)
            if state is not None:
                out.append(replace(finding, subject=replace(finding.subject, mention=state)))
    return out


def _to_claim(finding: Finding, ctx: Context, source: str, published: str | None) -> Claim | None:
    subject, obj = finding.subject.mention, finding.object.mention
    relation = finding.relation
    if subject.type == "Person" and not ctx.lexicon.allows(relation, "Person", obj.type):
        # "Kim Jong Un has sent troops to Russia": a leader acts for the state he represents
        subject = _represented_state(subject, ctx.gazetteer) or subject
    if subject.type == "Organization" and finding.subject.role and (
            finding.subject.group in ("troops", "weapons") or finding.subject.role in ("forces", "units")):
        # "the General Staff said its forces had hit ...": a body's forces are its state's
        subject = _represented_state(subject, ctx.gazetteer) or subject
    if relation == "cooperates_with":
        # "he and Lavrov signed a cooperation agreement": officials bind the states they serve
        subject = _represented_state(subject, ctx.gazetteer) or subject if subject.type == "Person" else subject
        obj = _represented_state(obj, ctx.gazetteer) or obj if obj.type == "Person" else obj
        if subject.type == "Person" and obj.type == "Person":
            return None
    if obj.type == "Place" and relation not in ("located_in", "controls") \
            and obj.label.split()[-1].lower() in ctx.lexicon.words("water_words"):
        return None  # "attacked a tanker in the Red Sea": the sea is where, not whom
    if subject.label == obj.label:
        return None
    if relation in ("deploys_troops_to", "supplies_labor_to") and _inside(obj.label, subject.label, ctx.gazetteer):
        return None  # "Russian forces are fighting in the Kursk region": at home, not sent abroad
    if not ctx.lexicon.allows(relation, subject.type, obj.type):
        return None
    if relation in ("meets_with", "cooperates_with") and _speaks_for(subject, obj, gazetteer=ctx.gazetteer):
        return None  # "North Korea met Kim Jong Un" is a misread, not a meeting
    doc = ctx.doc
    pred = doc[finding.predicate_i]
    sent = sentence_of(pred)
    structural = relation in ("located_in", "represents")
    if structural:
        modality, attributed = "asserted", None
    elif qualifiers.is_prescriptive(pred, ctx) or qualifiers.is_open_question(pred, ctx):
        return None
    else:
        modality, _cue = qualifiers.modality(pred, ctx)
        attributed = qualifiers.attribution(pred, ctx)
    themes = [doc[i] for i in finding.theme_is] if relation in _RESOURCE_RELATIONS else []
    if not themes and finding.subject.role and relation in ("supplies_labor_to", "deploys_troops_to"):
        themes = [doc[finding.subject.token_i]] if doc[finding.subject.token_i].pos_ == "NOUN" else []
    date_ent = None if structural else qualifiers.date_entity(pred, ctx)
    iso = qualifiers.resolve_date(date_ent.text, published) if date_ent is not None else None
    weight = float(ctx.lexicon.qualifiers.get("weights", {}).get(modality, 1.0))
    certainty = min(subject.certainty, obj.certainty)
    # The rule's strength as measured on development gold for this kind of claim
    # (calibration.py), so that a higher confidence does mean a likelier right claim.
    strength = calibrated_strength(relation, subject.type, obj.type, finding.strength)
    confidence = round(max(0.05, min(1.0, strength * certainty * weight)), 2)
    start, end, evidence = _trimmed(sent)
    return Claim(
        subject=subject.label, relation=relation, object=obj.label, source=source,
        subject_type=subject.type, object_type=obj.type,
        evidence=evidence, char_start=start, char_end=end,
        confidence=confidence, modality=modality,
        quantity=qualifiers.quantity(themes, ctx) if themes else None,
        resource=qualifiers.resource(themes, ctx) if themes else None,
        date=iso, attributed_to=attributed,
        subject_qid=subject.qid, object_qid=obj.qid,
        subject_role=finding.subject.role, object_role=finding.object.role,
    )


def _represented_state(actor_mention: Mention, gazetteer: Gazetteer | None) -> Mention | None:
    """The state or bloc a person or body acts for, following the gazetteer's ``represents``
    chain a few steps (an office -> its ministry -> its state); None when it leads nowhere."""
    actor = gazetteer.actors.get(actor_mention.label) if gazetteer is not None else None
    for _step in range(3):
        if actor is None or not actor.represents:
            return None
        actor = gazetteer.actors.get(actor.represents)  # type: ignore[union-attr]
        if actor is not None and actor.type in ("State", "Bloc"):
            return Mention(actor_mention.start, actor_mention.end, actor.label, actor.type, "alias",
                           actor.qid, None, actor_mention.text)
    return None


def _inside(place: str, state: str, gazetteer: Gazetteer | None) -> bool:
    """Whether the gazetteer's containment chain leads from ``place`` to ``state``."""
    seen: set[str] = set()
    while gazetteer is not None and place not in seen:
        seen.add(place)
        actor = gazetteer.actors.get(place)
        if actor is None or not actor.located_in:
            return False
        if actor.located_in == state:
            return True
        place = actor.located_in
    return False


def _speaks_for(left: Mention, right: Mention, gazetteer: Gazetteer | None) -> bool:
    """Whether one side is a person the gazetteer knows to represent the other."""
    if gazetteer is None:
        return False
    for person, other in ((left, right), (right, left)):
        actor = gazetteer.actors.get(person.label) if person.type == "Person" else None
        if actor is not None and actor.represents == other.label:
            return True
    return False


def _trimmed(sent: Any) -> tuple[int, int, str]:
    """The sentence without surrounding whitespace, and its offsets (Doc.text is O(n))."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    evidence = text.strip()
    return start, start + len(evidence), evidence


def _key(claim: Claim) -> tuple[str, str, str]:
    subject, obj = claim.subject, claim.object
    if claim.relation in SYMMETRIC_RELATIONS and obj < subject:
        subject, obj = obj, subject
    return (subject, claim.relation, obj)


def _rank(claim: Claim) -> tuple[int, float]:
    # A fact asserted somewhere in the article beats the same fact only denied elsewhere.
    return (0 if claim.modality == "negated" else 1, claim.confidence or 0.0)


def dedupe(claims: Iterable[Claim]) -> list[Claim]:
    """One claim per (subject, relation, object) — symmetric pairs in either order —
    keeping the best (non-negated first, then highest confidence); first-seen order."""
    best: dict[tuple[str, str, str], Claim] = {}
    for claim in claims:
        key = _key(claim)
        if key not in best or _rank(claim) > _rank(best[key]):
            best[key] = claim
    return list(best.values())


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """Every field of a claim, msgpack-safe (for ``doc._.claims`` across processes).

    The fields are all strings and numbers, so a shallow copy does; ``dataclasses.asdict``
    deep-copies each value and cost 4 % of extraction time.
    """
    return dict(vars(claim))
