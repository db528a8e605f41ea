"""A fast stand-in for spaCy's ``EntityRuler`` on the gazetteer's token patterns.

The gazetteer yields thousands of token patterns (one per surface form and spelling variant).
spaCy's token ``Matcher`` tries every pattern at every token, which made the actor ruler cost
more than the whole statistical pipeline (62 % of extraction time on the benchmark corpus).
Each gazetteer pattern is a fixed token sequence matched on ``LOWER`` plus case checks
(``IS_UPPER``, ``IS_LOWER``), so a ``PhraseMatcher`` on ``LOWER`` (one hash lookup per token)
finds the same candidates; the case checks then run on those few candidates only. Entities are
set exactly as ``EntityRuler(overwrite_ents=True)`` sets them (longest match first, earlier
start on ties, existing overlapping entities replaced), so the output is identical -- except
for one rule of our own: a match followed by another capitalized proper noun ("Iran Air",
"Gazprom Neft") is the start of a longer unknown name and is left to spaCy's NER.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

# Token-pattern keys this ruler understands; a pattern with any other key needs the real
# EntityRuler (see ``supports``).
_KEYS = frozenset({"LOWER", "IS_UPPER", "IS_LOWER"})
CaseChecks = tuple[tuple[Any, Any], ...]  # per token: (IS_UPPER, IS_LOWER), None = no check


def supports(patterns: Sequence[dict[str, Any]]) -> bool:
    """Whether every pattern is a fixed LOWER sequence with optional case checks."""
    return all(isinstance(p.get("pattern"), list) and p["pattern"]
               and all(isinstance(t, dict) and "LOWER" in t and set(t) <= _KEYS for t in p["pattern"])
               for p in patterns)


def _breaks_line(token: Token) -> bool:
    return token.is_space or "\n" in token.whitespace_


class PhraseEntityRuler:
    """Sets ``doc.ents`` from gazetteer patterns (``label`` = actor type, ``id`` = canonical
    label, stored as the entity's ``ent_id_``), like ``EntityRuler(overwrite_ents=True)``."""

    def __init__(self, nlp: Language, name: str, patterns: Sequence[dict[str, Any]],
                 name_words: frozenset[str] = frozenset()) -> None:
        if not supports(patterns):
            raise ValueError("PhraseEntityRuler takes only LOWER/IS_UPPER/IS_LOWER token patterns")
        self.name = name
        # Capitalized words that may follow a gazetteer name without making a longer name of
        # it ("Russian President", "Iran Monday"); any other proper noun after the name makes
        # one ("Iran Air", "Gazprom Neft"), which is left to spaCy's NER.
        self.name_words = name_words
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._entity: dict[int, tuple[str, str]] = {}
        self._checks: dict[tuple[int, tuple[str, ...]], list[CaseChecks]] = {}
        phrases: dict[str, dict[tuple[str, ...], Doc]] = {}
        for pattern in patterns:
            key_name = f"{pattern['label']}||{pattern['id']}"
            key = nlp.vocab.strings.add(key_name)
            self._entity[key] = (pattern["label"], pattern["id"])
            words = tuple(token["LOWER"] for token in pattern["pattern"])
            checks = tuple((token.get("IS_UPPER"), token.get("IS_LOWER")) for token in pattern["pattern"])
            self._checks.setdefault((key, words), []).append(checks)
            phrases.setdefault(key_name, {}).setdefault(words, Doc(nlp.vocab, words=list(words)))
        for key_name, docs in phrases.items():
            self.matcher.add(key_name, list(docs.values()))

    @staticmethod
    def _passes(tokens: Span, checks: CaseChecks) -> bool:
        for token, (is_upper, is_lower) in zip(tokens, checks):
            if is_upper is not None and token.is_upper != is_upper:
                return False
            if is_lower is not None and token.is_lower != is_lower:
                return False
        return True

    def _starts_longer_name(self, doc: Doc, match: tuple[int, int, int],
                            found: set[tuple[int, int, int]]) -> bool:
        """Whether the match is only the first words of an unknown name: "Iran Air"."""
        _key, start, end = match
        if end >= len(doc) or not self.name_words:
            return False
        following = doc[end]
        if not (following.is_title and following.is_alpha and following.pos_ == "PROPN"):
            return False
        if following.lower_ in self.name_words or any(s == end for _k, s, _e in found):
            return False
        if _breaks_line(doc[end - 1]):
            return False
        # A Title Case headline capitalizes every word: no evidence of a longer name there.
        line_start, line_end = start, end
        while line_start > max(0, start - 40) and not _breaks_line(doc[line_start - 1]):
            line_start -= 1
        while line_end < min(len(doc), end + 40) and not _breaks_line(doc[line_end]):
            line_end += 1
        return sum(t.is_lower and t.is_alpha and len(t) > 3 for t in doc[line_start:line_end]) >= 2

    def __call__(self, doc: Doc) -> Doc:
        found: set[tuple[int, int, int]] = set()
        for key, start, end in self.matcher(doc):
            tokens = doc[start:end]
            candidates = self._checks.get((key, tuple(token.lower_ for token in tokens)), ())
            if any(self._passes(tokens, checks) for checks in candidates):
                found.add((key, start, end))
        found = {match for match in found if not self._starts_longer_name(doc, match, found)}
        # EntityRuler.match / set_annotations with overwrite_ents=True, step for step.
        matches = sorted(found, key=lambda match: (match[2] - match[1], -match[1]), reverse=True)
        entities = list(doc.ents)
        new_entities: list[Span] = []
        seen_tokens: set[int] = set()
        for key, start, end in matches:
            if start not in seen_tokens and end - 1 not in seen_tokens:
                label, actor = self._entity[key]
                new_entities.append(Span(doc, start, end, label=label, span_id=actor))
                entities = [e for e in entities if not (e.start < end and e.end > start)]
                seen_tokens.update(range(start, end))
        doc.ents = entities + new_entities
        return doc
