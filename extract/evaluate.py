"""Scoring extracted claims against hand-made gold claims (DESIGN.md, "Gold standard and scoring").

A predicted claim matches a gold claim when the source is the same, the relation is the same
(either direction for symmetric relations) and subject and object each equal the gold label or
one of its aliases, case-insensitively. Each gold claim is matched at most once; the matching is
a maximum bipartite matching, so the order of the predictions never changes the score.

Choices the design leaves open, made here and reported in every ``EvalReport``:

- **Which documents count.** Only documents that are both among the inputs and in the gold
  file are scored. Gold claims of a source that was not read are left out (so scoring one
  article against a corpus-wide gold file is meaningful), and predictions from a document the
  gold never annotated are left out (so unannotated extra articles do not count as errors).
  Both are counted in the report (``gold_sources_not_read``, ``predictions_unannotated``).
- **Distinct claims.** The gold has one line per distinct (source, subject, relation, object),
  so predictions are compared at the same grain: the same claim extracted from two sentences of
  one article is one prediction (``predictions_duplicate`` says how many were merged).
- **Negated claims** (modality ``negated``) state that something did *not* happen; the gold
  leaves them out, so they are not scored (``predictions_negated``).
- Names are compared after Unicode NFKC normalization, case folding, curly-apostrophe
  unification and whitespace collapsing: that is "case-insensitive equality" without the
  typographic accidents of scraped text.

The module imports nothing heavy: ``run_eval`` loads spaCy only when it is called.
"""
from __future__ import annotations

import os
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alliance_graph.errors import AllianceGraphError, InputError
from alliance_graph.extract.object_lines import parse_object_line
from alliance_graph.extract.records import RELATIONS, SYMMETRIC_RELATIONS, Claim, Document

PEERS: tuple[str, ...] = ("textacy",)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def normalize_name(name: str) -> str:
    """The comparison key of an actor name: case-, width- and apostrophe-insensitive.

    Examples
    --------
    >>> normalize_name("  Russia’s  Far East ") == normalize_name("russia's far east")
    True
    """
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES)
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class GoldClaim:
    """One hand-annotated claim: what a source says, with the accepted names of both actors."""

    source: str
    subject: str
    relation: str
    object: str
    subject_aliases: tuple[str, ...] = ()
    object_aliases: tuple[str, ...] = ()
    evidence: str | None = None
    line: int | None = None

    @property
    def subject_names(self) -> frozenset[str]:
        """Normalized label and aliases of the subject."""
        return frozenset(normalize_name(n) for n in (self.subject, *self.subject_aliases))

    @property
    def object_names(self) -> frozenset[str]:
        """Normalized label and aliases of the object."""
        return frozenset(normalize_name(n) for n in (self.object, *self.object_aliases))


@dataclass(frozen=True)
class Prediction:
    """A predicted claim reduced to what scoring needs, with every sentence that stated it."""

    source: str
    subject: str
    relation: str
    object: str
    evidence: tuple[str, ...] = ()
    modality: str | None = None

    @property
    def key(self) -> tuple[str, str, str, str]:
        """(source, subject, relation, object) normalized; symmetric pairs in one order."""
        subject, obj = normalize_name(self.subject), normalize_name(self.object)
        if self.relation in SYMMETRIC_RELATIONS and obj < subject:
            subject, obj = obj, subject
        return (self.source, subject, self.relation, obj)


@dataclass(frozen=True)
class Scores:
    """Counts and the precision, recall and F1 computed from them."""

    matched: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    """Everything one scoring run found: scores, and the errors behind them."""

    micro: Scores
    per_relation: dict[str, Scores]
    loose: Scores
    matches: list[tuple[Prediction, GoldClaim]]
    misses: list[GoldClaim]
    false_positives: list[Prediction]
    loose_misses: list[tuple[str, str, str]] = field(default_factory=list)
    loose_false_positives: list[tuple[str, str, str]] = field(default_factory=list)
    scored_sources: list[str] = field(default_factory=list)
    gold_sources_not_read: list[str] = field(default_factory=list)
    predictions_total: int = 0
    predictions_duplicate: int = 0
    predictions_negated: int = 0
    predictions_unannotated: int = 0

    def to_json(self) -> dict[str, Any]:
        """Scores as plain data (for ``--format json`` or a benchmark file)."""
        def pack(s: Scores) -> dict[str, Any]:
            return {"precision": round(s.precision, 4), "recall": round(s.recall, 4),
                    "f1": round(s.f1, 4), "matched": s.matched, "predicted": s.predicted,
                    "gold": s.gold}
        return {
            "micro": pack(self.micro),
            "loose": pack(self.loose),
            "per_relation": {rel: pack(s) for rel, s in self.per_relation.items()},
            "scored_sources": len(self.scored_sources),
            "gold_sources_not_read": self.gold_sources_not_read,
            "predictions_total": self.predictions_total,
            "predictions_duplicate": self.predictions_duplicate,
            "predictions_negated": self.predictions_negated,
            "predictions_unannotated": self.predictions_unannotated,
        }


# --------------------------------------------------------------------------- gold

def _string_list(value: object, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


def load_gold(path: str | os.PathLike[str]) -> list[GoldClaim]:
    """Read a gold JSON Lines file (one claim per line; blank lines ignored).

    Raises
    ------
    InputError
        If the file cannot be read, a line is not a JSON object, a required key
        (source, subject, relation, object) is missing or empty, or the relation is not
        one of DESIGN.md's relations.
    """
    gold_path = Path(path)
    try:
        text = gold_path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{gold_path}: gold file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{gold_path}: cannot read the gold file ({exc})") from None
    claims: list[GoldClaim] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{gold_path}:{lineno}"
        row = parse_object_line(line, where, InputError)
        for key in ("source", "subject", "relation", "object"):
            if not isinstance(row.get(key), str) or not row[key].strip():
                raise InputError(f"{where}: missing or empty {key!r}")
        if row["relation"] not in RELATIONS:
            raise InputError(f"{where}: unknown relation {row['relation']!r} "
                             f"(expected one of: {', '.join(RELATIONS)})")
        evidence = row.get("evidence")
        claims.append(GoldClaim(
            source=row["source"], subject=row["subject"], relation=row["relation"],
            object=row["object"],
            subject_aliases=_string_list(row.get("subject_aliases"), where, "subject_aliases"),
            object_aliases=_string_list(row.get("object_aliases"), where, "object_aliases"),
            evidence=evidence if isinstance(evidence, str) else None,
            line=lineno,
        ))
    return claims


# --------------------------------------------------------------------------- matching

def maximum_matching(edges: Mapping[int, Sequence[int]]) -> dict[int, int]:
    """A maximum bipartite matching (Kuhn's augmenting paths): left index -> right index.

    ``edges[left]`` lists the right vertices ``left`` may be matched to. The groups scored here
    are small (one source and one relation at a time), so the simple algorithm is plenty.

    Examples
    --------
    >>> maximum_matching({0: [0, 1], 1: [0]})  # a greedy 0->0 would leave 1 unmatched
    {0: 1, 1: 0}
    """
    owner: dict[int, int] = {}  # right -> left

    def augment(left: int, visited: set[int]) -> bool:
        for right in edges.get(left, ()):
            if right in visited:
                continue
            visited.add(right)
            if right not in owner or augment(owner[right], visited):
                owner[right] = left
                return True
        return False

    for left in sorted(edges):
        augment(left, set())
    return dict(sorted((left, right) for right, left in owner.items()))


def _as_prediction(item: Claim | Prediction | Mapping[str, Any]) -> Prediction:
    if isinstance(item, Prediction):
        return item
    if isinstance(item, Claim):
        return Prediction(item.source, item.subject, item.relation, item.object,
                          (item.evidence,) if item.evidence else (), item.modality)
    if isinstance(item, Mapping):
        missing = [k for k in ("source", "subject", "relation", "object") if not item.get(k)]
        if missing:
            raise InputError(f"prediction without {', '.join(missing)}: {dict(item)!r}")
        evidence = item.get("evidence")
        return Prediction(str(item["source"]), str(item["subject"]), str(item["relation"]),
                          str(item["object"]), (evidence,) if evidence else (),
                          item.get("modality"))
    raise TypeError(f"cannot score a {type(item).__name__} as a claim")


def _merge_duplicates(predictions: Iterable[Prediction]) -> tuple[list[Prediction], int]:
    merged: dict[tuple[str, str, str, str], Prediction] = {}
    duplicates = 0
    for pred in predictions:
        key = pred.key
        if key in merged:
            duplicates += 1
            first = merged[key]
            extra = tuple(e for e in pred.evidence if e not in first.evidence)
            merged[key] = Prediction(first.source, first.subject, first.relation, first.object,
                                     first.evidence + extra, first.modality)
        else:
            merged[key] = pred
    return list(merged.values()), duplicates


def _names_match(pred: Prediction, gold: GoldClaim) -> bool:
    subject, obj = normalize_name(pred.subject), normalize_name(pred.object)
    if subject in gold.subject_names and obj in gold.object_names:
        return True
    return (gold.relation in SYMMETRIC_RELATIONS
            and subject in gold.object_names and obj in gold.subject_names)


def _match_groups(preds: Sequence[Prediction], golds: Sequence[GoldClaim],
                  group: Callable[[Any], Hashable],
                  compatible: Callable[[Prediction, GoldClaim], bool]) -> dict[int, int]:
    """Maximum matching, computed separately per group (a prediction matches only inside its
    group); returns prediction index -> gold index."""
    gold_by_group: dict[Hashable, list[int]] = defaultdict(list)
    for j, gold in enumerate(golds):
        gold_by_group[group(gold)].append(j)
    edges_by_group: dict[Hashable, dict[int, list[int]]] = defaultdict(dict)
    for i, pred in enumerate(preds):
        candidates = [j for j in gold_by_group.get(group(pred), ()) if compatible(pred, golds[j])]
        if candidates:
            edges_by_group[group(pred)][i] = candidates
    result: dict[int, int] = {}
    for edges in edges_by_group.values():
        result.update(maximum_matching(edges))
    return result


def _loose_score(preds: Sequence[Prediction], golds: Sequence[GoldClaim]
                 ) -> tuple[Scores, list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    """Actor pairs only: relation and direction ignored, each unordered pair counted once."""
    pred_pairs: dict[tuple[str, frozenset[str]], tuple[str, str, str]] = {}
    for pred in preds:
        key = (pred.source, frozenset((normalize_name(pred.subject), normalize_name(pred.object))))
        pred_pairs.setdefault(key, (pred.source, pred.subject, pred.object))
    # Gold pairs by canonical labels; the aliases of every line of a pair are pooled.
    gold_pairs: dict[tuple[str, frozenset[str]], list[Any]] = {}
    for gold in golds:
        key = (gold.source, frozenset((gold.subject, gold.object)))
        entry = gold_pairs.setdefault(key, [gold.source, gold.subject, gold.object,
                                            set(), set()])
        same_order = entry[1] == gold.subject
        entry[3 if same_order else 4].update(gold.subject_names)
        entry[4 if same_order else 3].update(gold.object_names)
    pred_list = list(pred_pairs.values())
    gold_list = list(gold_pairs.values())
    by_source: dict[str, list[int]] = defaultdict(list)
    for j, entry in enumerate(gold_list):
        by_source[entry[0]].append(j)
    edges: dict[int, list[int]] = {}
    for i, (source, subject, obj) in enumerate(pred_list):
        s, o = normalize_name(subject), normalize_name(obj)
        candidates = [j for j in by_source.get(source, ())
                      if (s in gold_list[j][3] and o in gold_list[j][4])
                      or (s in gold_list[j][4] and o in gold_list[j][3])]
        if candidates:
            edges[i] = candidates
    matching = maximum_matching(edges)
    matched_gold = set(matching.values())
    misses = [tuple(gold_list[j][:3]) for j in range(len(gold_list)) if j not in matched_gold]
    false_positives = [pred_list[i] for i in range(len(pred_list)) if i not in matching]
    scores = Scores(matched=len(matching), predicted=len(pred_list), gold=len(gold_list))
    return scores, misses, false_positives  # type: ignore[return-value]


def score(predictions: Iterable[Claim | Prediction | Mapping[str, Any]],
          gold: Sequence[GoldClaim], *, sources: Iterable[str] | None = None) -> EvalReport:
    """Score predicted claims against gold claims as DESIGN.md specifies.

    Parameters
    ----------
    predictions
        ``Claim`` records or their JSON dicts (the JSON Lines contract).
    gold
        Gold claims, from ``load_gold``.
    sources
        The ids of the documents that were read. Gold claims of other sources are not
        scored. ``None`` means every gold source was read.

    Returns
    -------
    EvalReport
        Micro and per-relation scores, the loose actor-pair score, and the errors.

    Examples
    --------
    >>> gold = [GoldClaim("a.txt", "North Korea", "supplies_labor_to", "Russia",
    ...                   subject_aliases=("Pyongyang",))]
    >>> report = score([{"source": "a.txt", "subject": "pyongyang",
    ...                  "relation": "supplies_labor_to", "object": "Russia"}], gold)
    >>> (report.micro.precision, report.micro.recall)
    (1.0, 1.0)
    """
    gold = list(gold)
    gold_sources = {g.source for g in gold}
    read = set(sources) if sources is not None else set(gold_sources)
    scored_sources = gold_sources & read
    golds = [g for g in gold if g.source in scored_sources]

    raw = [_as_prediction(p) for p in predictions]
    negated = sum(1 for p in raw if p.modality == "negated")
    unannotated = sum(1 for p in raw if p.modality != "negated" and p.source not in scored_sources)
    kept = [p for p in raw if p.modality != "negated" and p.source in scored_sources]
    preds, duplicates = _merge_duplicates(kept)

    matching = _match_groups(preds, golds, group=lambda c: (c.source, c.relation),
                             compatible=_names_match)
    matched_gold = set(matching.values())

    per_relation: dict[str, Scores] = {}
    for relation in RELATIONS:
        n_pred = sum(1 for p in preds if p.relation == relation)
        n_gold = sum(1 for g in golds if g.relation == relation)
        if n_pred or n_gold:
            n_match = sum(1 for i in matching if preds[i].relation == relation)
            per_relation[relation] = Scores(n_match, n_pred, n_gold)
    unknown = sorted({p.relation for p in preds} - set(RELATIONS))
    for relation in unknown:  # an extractor bug worth seeing, not hiding
        per_relation[relation] = Scores(0, sum(1 for p in preds if p.relation == relation), 0)

    loose, loose_misses, loose_fps = _loose_score(preds, golds)
    return EvalReport(
        micro=Scores(len(matching), len(preds), len(golds)),
        per_relation=per_relation,
        loose=loose,
        matches=[(preds[i], golds[j]) for i, j in sorted(matching.items())],
        misses=[g for j, g in enumerate(golds) if j not in matched_gold],
        false_positives=[p for i, p in enumerate(preds) if i not in matching],
        loose_misses=loose_misses,
        loose_false_positives=loose_fps,
        scored_sources=sorted(scored_sources),
        gold_sources_not_read=sorted(gold_sources - read),
        predictions_total=len(raw),
        predictions_duplicate=duplicates,
        predictions_negated=negated,
        predictions_unannotated=unannotated,
    )


# --------------------------------------------------------------------------- reporting

def _pct(value: float, denominator: int) -> str:
    return f"{value:.3f}" if denominator else "  -  "


def _score_row(name: str, s: Scores) -> list[str]:
    return [name, _pct(s.precision, s.predicted), _pct(s.recall, s.gold),
            _pct(s.f1, s.predicted + s.gold), str(s.matched), str(s.predicted), str(s.gold)]


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(header) + " |",
                 "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    def fmt(row: Sequence[str]) -> str:
        return "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                         for i, (c, w) in enumerate(zip(row, widths)))
    return "\n".join([fmt(header), "  ".join("-" * w for w in widths), *map(fmt, rows)])


_SCORE_HEADER = ("", "precision", "recall", "F1", "matched", "predicted", "gold")


def _short(text: str | None, limit: int = 220) -> str:
    if not text:
        return "(no evidence)"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_errors(report: EvalReport) -> str:
    """Every miss and false positive, grouped by source, with its evidence sentence."""
    lines: list[str] = []
    misses: dict[str, list[GoldClaim]] = defaultdict(list)
    for g in report.misses:
        misses[g.source].append(g)
    fps: dict[str, list[Prediction]] = defaultdict(list)
    for p in report.false_positives:
        fps[p.source].append(p)
    for source in sorted(set(misses) | set(fps)):
        lines.append(f"== {source}")
        for g in misses[source]:
            lines.append(f"  MISS  {g.subject} --{g.relation}--> {g.object}")
            lines.append(f"        {_short(g.evidence)}")
        for p in fps[source]:
            lines.append(f"  FALSE {p.subject} --{p.relation}--> {p.object}")
            for sentence in p.evidence[:2] or (None,):
                lines.append(f"        {_short(sentence)}")
    return "\n".join(lines) if lines else "No errors."


def _notes(report: EvalReport) -> list[str]:
    notes = [f"{len(report.scored_sources)} document(s) scored; "
             f"{report.predictions_total} claim(s) predicted, of which "
             f"{report.predictions_duplicate} repeated an earlier claim of the same document, "
             f"{report.predictions_negated} negated and {report.predictions_unannotated} from "
             "documents without gold (none of these scored)."]
    if report.gold_sources_not_read:
        notes.append(f"{len(report.gold_sources_not_read)} gold source(s) were not among the "
                     "inputs and were not scored: "
                     + ", ".join(report.gold_sources_not_read[:5])
                     + (" …" if len(report.gold_sources_not_read) > 5 else ""))
    return notes


def format_report(report: EvalReport, show_errors: bool = False, *, markdown: bool = False) -> str:
    """A readable report: micro scores, the loose actor-pair score, per-relation scores,
    and with ``show_errors`` every miss and false positive with its evidence."""
    parts = [
        _table(_SCORE_HEADER, [_score_row("labeled (micro)", report.micro),
                               _score_row("actor pairs (loose)", report.loose)], markdown),
        "",
        _table(("relation", *_SCORE_HEADER[1:]),
               [_score_row(rel, s) for rel, s in report.per_relation.items()], markdown),
        "",
        *_notes(report),
    ]
    if show_errors:
        parts += ["", format_errors(report)]
    return "\n".join(parts)


def format_side_by_side(reports: Mapping[str, EvalReport], *, markdown: bool = False) -> str:
    """Several systems on the same gold: overall scores, then F1 (P/R) per relation."""
    names = list(reports)
    overall_rows = []
    for name, rep in reports.items():
        overall_rows.append(_score_row(f"{name}: labeled", rep.micro))
        overall_rows.append(_score_row(f"{name}: actor pairs", rep.loose))
    relations = [r for r in RELATIONS if any(r in rep.per_relation for rep in reports.values())]
    relation_rows = []
    for rel in relations:
        row = [rel]
        gold_count = 0
        for name in names:
            s = reports[name].per_relation.get(rel, Scores(0, 0, 0))
            gold_count = max(gold_count, s.gold)
            row.append(f"{_pct(s.f1, s.predicted + s.gold)} "
                       f"({_pct(s.precision, s.predicted).strip()}/{_pct(s.recall, s.gold).strip()})")
        row.append(str(gold_count))
        relation_rows.append(row)
    header = ("relation", *[f"{n} F1 (P/R)" for n in names], "gold")
    return "\n".join([_table(_SCORE_HEADER, overall_rows, markdown), "",
                      _table(header, relation_rows, markdown)])


# --------------------------------------------------------------------------- running

@dataclass
class EvalResult:
    """One ``alliance-graph eval`` run: our report, the peer's (if asked), and the run."""

    ours: EvalReport
    peer: EvalReport | None
    peer_name: str | None
    documents: int
    skipped: list[tuple[str, str]]
    seconds: float
    show_errors: bool = False

    @property
    def reports(self) -> dict[str, EvalReport]:
        named = {"alliance-graph": self.ours}
        if self.peer is not None and self.peer_name:
            named[f"{self.peer_name} peer"] = self.peer
        return named

    @property
    def text(self) -> str:
        """The plain-text report the CLI prints."""
        return self.format()

    def format(self, *, markdown: bool = False) -> str:
        """The text the CLI prints."""
        parts = [f"{self.documents} document(s) read, {len(self.skipped)} skipped, "
                 f"{self.seconds:.1f} s."]
        for path, reason in self.skipped:
            parts.append(f"  skipped {path}: {reason}")
        parts += ["", "alliance-graph", "", format_report(self.ours, self.show_errors,
                                                         markdown=markdown)]
        if self.peer is not None:
            parts += ["", f"{self.peer_name} peer", "",
                      format_report(self.peer, False, markdown=markdown),
                      "", "Side by side", "",
                      format_side_by_side(self.reports, markdown=markdown)]
        return "\n".join(parts)


def run_eval(gold_path: str | os.PathLike[str], inputs: Sequence[str | os.PathLike[str]], *,
             model: str | None = None, show_errors: bool = False,
             peer: str | None = None, nlp: Any = None,
             gazetteers: Sequence[str | os.PathLike[str]] = ()) -> EvalResult:
    """Read ``inputs``, extract claims with our pipeline (and the peer), score against gold.

    ``nlp`` is an already loaded pipeline of ours (tests pass one); by default ``model`` is
    loaded, with the extra ``gazetteers`` files. The peer parses with a plain
    ``spacy.load(model)``.

    Raises
    ------
    AllianceGraphError
        For an unknown peer, an unreadable gold file, missing inputs, or a model that
        cannot be loaded.
    """
    from alliance_graph.config import DEFAULT_MODEL
    from alliance_graph.extract.readers import iter_documents

    if peer is not None and peer not in PEERS:
        raise AllianceGraphError(f"Unknown peer {peer!r}; available: {', '.join(PEERS)}.")
    started = time.perf_counter()
    gold = load_gold(gold_path)
    skipped: list[tuple[str, str]] = []
    documents: list[Document] = list(
        iter_documents(inputs, on_skip=lambda path, reason: skipped.append((path, reason))))
    sources = {doc.id for doc in documents}

    from alliance_graph.extract import extract_claims, load_pipeline

    if nlp is None:
        nlp = load_pipeline(model or DEFAULT_MODEL,
                            gazetteer_paths=[Path(path) for path in gazetteers] or None)
    ours = [claim for _doc, claims in extract_claims(nlp, documents) for claim in claims]
    peer_report = None
    if peer == "textacy":
        from alliance_graph.extract.peer import peer_claims

        peer_predictions = [claim for _doc, claims in peer_claims(documents, model=model)
                            for claim in claims]
        peer_report = score(peer_predictions, gold, sources=sources)
    return EvalResult(ours=score(ours, gold, sources=sources), peer=peer_report,
                      peer_name=peer, documents=len(documents), skipped=skipped,
                      seconds=time.perf_counter() - started, show_errors=show_errors)
