"""spaCy pipeline components of alliance-graph: thin wrappers around the pure functions.

- ``alliance_sentences`` (before the parser): a line break always ends a sentence, so
  headlines and list items do not run into the next paragraph.
- ``alliance_actors`` (before ``ner``): an EntityRuler fed with the gazetteer patterns; the
  entity ``id`` is the canonical label, the entity label the actor type.
- ``alliance_claims`` (last): resolves actor mentions (``doc._.actor_mentions``) and reads
  claims off the parse (``doc._.claims``, dicts of ``Claim`` fields, relative to the Doc).

Per-document metadata travels on the Doc: ``doc._.source`` and ``doc._.published``.
Extension values are plain dicts/strings so Docs survive ``n_process > 1``.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from alliance_graph.extract.actors import find_mentions
from alliance_graph.extract.claims import claim_to_dict, doc_claims
from alliance_graph.extract.gazetteer import Gazetteer, load_gazetteer
from alliance_graph.extract.lexicon import Lexicon, load_lexicon

for _name, _default in (("source", None), ("published", None), ("actor_mentions", None), ("claims", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


# A news dateline: "SEOUL/MOSCOW, June 17 - " or "KYIV (Reuters) — " at a paragraph start.
_DATELINE = re.compile(
    r"(?m)^[A-Z][A-Z.'\- ]{2,}(?:/[A-Z][A-Z.'\- ]+)*"
    r"(?:\s*\([^)\n]{1,40}\)|,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}){0,2}\s*[-\u2013\u2014]{1,2}\s+")


@Language.component("alliance_sentences")
def mark_line_breaks(doc: Doc) -> Doc:
    """A token after a newline starts a sentence, and so does the text after a dateline
    (the parser keeps preset boundaries), so headlines and datelines do not become subjects;
    a word in lower case never starts one."""
    text = doc.text
    datelines = [match.end() for match in _DATELINE.finditer(text)]
    if "\n" not in text and not datelines:
        return doc
    after_break = False
    starts: dict[int, Token] = {}
    for token in doc:  # one pass: creating Token objects is the costly part
        if after_break:
            token.is_sent_start = True
        elif token.i > 0 and token.text[:1].islower():
            # news sentences do not start in lower case; once a boundary is preset the
            # parser otherwise splits "Russia | and | Iran signed ..." after a headline
            token.is_sent_start = False
        after_break = "\n" in token.text_with_ws
        starts[token.idx] = token
    for end in datelines:
        token = starts.get(end)
        if token is not None and token.i > 0:
            token.is_sent_start = True
    return doc


@Language.factory("alliance_actors", default_config={"gazetteer_paths": []})
def make_actor_ruler(nlp: Language, name: str, gazetteer_paths: list[str]) -> Any:
    """An EntityRuler with one pattern per gazetteer surface form."""
    from spacy.pipeline import EntityRuler

    from alliance_graph.extract.phrase_ruler import PhraseEntityRuler, supports

    gazetteer = _gazetteer(gazetteer_paths)
    patterns = gazetteer.patterns(nlp.tokenizer)
    if supports(patterns):
        # Same entities as the EntityRuler below, ~200x faster (phrase_ruler.py says why).
        lexicon = load_lexicon()
        followers = lexicon.words("name_followers") | lexicon.title_words
        return PhraseEntityRuler(nlp, name, patterns, name_words=frozenset(followers))
    ruler = EntityRuler(nlp, name=name, overwrite_ents=True, phrase_matcher_attr=None)
    ruler.add_patterns(patterns)
    return ruler


class ClaimReader:
    """Stores actor mentions and claims on each Doc."""

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        mentions = find_mentions(doc, self.gazetteer, self.lexicon)
        doc._.actor_mentions = [mention.to_dict() for mention in mentions]
        source = doc._.source or "<text>"
        claims = doc_claims(doc, mentions, self.gazetteer, self.lexicon, source, doc._.published)
        doc._.claims = [claim_to_dict(claim) for claim in claims]
        return doc


@Language.factory("alliance_claims", default_config={"gazetteer_paths": [], "lexicon_path": None})
def make_claim_reader(nlp: Language, name: str, gazetteer_paths: list[str],
                      lexicon_path: str | None) -> ClaimReader:
    return ClaimReader(_gazetteer(gazetteer_paths), load_lexicon(lexicon_path))


def _gazetteer(paths: list[str]) -> Gazetteer:
    return load_gazetteer(extra=[Path(p) for p in paths]) if paths else load_gazetteer()
