"""Load the pipeline and stream documents through it: ``Document`` in, ``Claim`` records out."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from alliance_graph.config import CHUNK_CHARS, DEFAULT_BATCH_SIZE, DEFAULT_MODEL
from alliance_graph.errors import ModelError
from alliance_graph.extract.claims import dedupe
from alliance_graph.extract.records import Claim, Document

if TYPE_CHECKING:
    from spacy.language import Language


def load_pipeline(model: str = DEFAULT_MODEL, *,
                  gazetteer_paths: list[Path] | None = None) -> Language:
    """Load the spaCy model ``model`` (never downloads) and add alliance-graph's components.

    Parameters
    ----------
    model
        An installed spaCy pipeline package name or a path to one.
    gazetteer_paths
        Extra gazetteer JSONL files merged into the shipped gazetteer.

    Raises
    ------
    ModelError
        When the model is not installed or has no parser.
    """
    import spacy

    import alliance_graph.extract.components  # noqa: F401  (registers the factories)

    try:
        nlp = spacy.load(model)
    except OSError:
        if Path(model).exists():
            raise ModelError(f"{model} is not a spaCy pipeline (no config.cfg/meta.json there).") from None
        raise ModelError(
            f"spaCy model {model!r} is not installed. Install it with "
            f"`pip install {model.replace('_', '-')}`, or pass --model with an installed pipeline "
            "(alliance-graph never downloads models itself)."
        ) from None
    if "parser" not in nlp.pipe_names:
        raise ModelError(f"spaCy model {model!r} has no dependency parser; extraction needs one.")
    paths = [str(path) for path in gazetteer_paths or ()]
    nlp.add_pipe("alliance_sentences", before="parser")
    anchor = {"before": "ner"} if "ner" in nlp.pipe_names else {"last": True}
    nlp.add_pipe("alliance_actors", config={"gazetteer_paths": paths}, **anchor)
    nlp.add_pipe("alliance_claims", config={"gazetteer_paths": paths}, last=True)
    return nlp


# Where a chunk may end, best first. The greedy "(?s:.*)" prefix makes match() find the LAST
# occurrence by scanning back from the window's end, without listing every match (a window of
# 100,000 spaces would otherwise build 100,000 match objects per cut).
_LAST_CUT = tuple(re.compile(r"(?s:.*)(" + pattern + ")")
                  for pattern in (r"\n\s*\n", r"\n", r"[.!?][\"'”’)]?\s", r"\s"))


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut ``text`` into (offset, chunk) pieces below ``limit`` characters.

    Cuts fall at a paragraph break when there is one, else at a sentence end, else at a
    space, so no sentence is split unless it alone exceeds the limit.

    Examples
    --------
    >>> split_text("One.\\n\\nTwo.", limit=8)
    [(0, 'One.\\n\\n'), (6, 'Two.')]
    """
    if len(text) <= limit:
        return [(0, text)]
    chunks: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = -1
        for pattern in _LAST_CUT:
            match = pattern.match(window)
            if match and match.end(1) > limit // 4:
                cut = match.end(1)
                break
        if cut <= 0:
            cut = limit
        chunks.append((start, text[start:start + cut]))
        start += cut
    chunks.append((start, text[start:]))
    return chunks


# spaCy's tokenizer splits a run of punctuation ("=====", "!!!!") one character at a time,
# in quadratic time: a 10,000-character run takes ~40 s. No word, name or URL is this long,
# so such runs are masked with dashes (one token, linear) of the same length: offsets hold.
MAX_TOKEN_CHARS = 200
_LONG_TOKEN = re.compile(r"\S{%d,}" % (MAX_TOKEN_CHARS + 1))


def tame_long_tokens(text: str) -> str:
    """``text`` with every run of more than ``MAX_TOKEN_CHARS`` non-space characters masked.

    Examples
    --------
    >>> tame_long_tokens("a " + "=" * 300 + " b") == "a " + "-" * 300 + " b"
    True
    """
    return _LONG_TOKEN.sub(lambda match: "-" * len(match.group()), text)


def _shift(claim: dict, offset: int, text: str | None = None) -> Claim:
    data = dict(claim)
    if offset:
        data["char_start"] = (data.get("char_start") or 0) + offset
        data["char_end"] = (data.get("char_end") or 0) + offset
    if text is not None and data.get("char_start") is not None and data.get("char_end") is not None:
        # Evidence from the document itself, not the Doc (which may hold masked long tokens).
        data["evidence"] = text[data["char_start"]:data["char_end"]]
    return Claim(**data)


def extract_claims(nlp: Language, documents: Iterable[Document], *,
                   batch_size: int = DEFAULT_BATCH_SIZE, n_process: int = 1,
                   chunk_chars: int = CHUNK_CHARS) -> Iterator[tuple[Document, list[Claim]]]:
    """Stream ``(document, claims)`` pairs, in input order.

    Each document travels with its Docs through ``nlp.pipe(as_tuples=True)``; texts longer
    than ``chunk_chars`` are split at paragraph/sentence boundaries and the claims' offsets
    shifted back into the document's coordinates. Claims are deduplicated per document:
    one per (subject, relation, object), keeping the best.
    """
    documents = iter(documents)
    pending: dict[int, tuple[Document, int, list[Claim]]] = {}
    order: list[int] = []

    def inputs() -> Iterator[tuple[object, tuple[int, int, int]]]:
        for number, document in enumerate(documents):
            chunks = split_text(document.text, chunk_chars) if document.text else [(0, "")]
            pending[number] = (document, len(chunks), [])
            order.append(number)
            for offset, chunk in chunks:
                doc = nlp.make_doc(tame_long_tokens(chunk))
                doc._.source = document.source
                doc._.published = document.published
                yield doc, (number, offset, len(chunks))

    for doc, (number, offset, _count) in nlp.pipe(inputs(), as_tuples=True,
                                                  batch_size=batch_size, n_process=n_process):
        document, remaining, claims = pending[number]
        claims.extend(_shift(claim, offset, document.text) for claim in doc._.claims or ())
        pending[number] = (document, remaining - 1, claims)
        # Documents finish in input order because nlp.pipe preserves order.
        while order and pending[order[0]][1] == 0:
            done = order.pop(0)
            finished, _, found = pending.pop(done)
            yield finished, dedupe(found)
    while order:
        done = order.pop(0)
        finished, _, found = pending.pop(done)
        yield finished, dedupe(found)


def claims_for_text(nlp: Language, text: str, *, published: str | None = None,
                    source: str = "<text>") -> list[Claim]:
    """The claims of one piece of text (a convenience for notebooks and tests).

    Examples
    --------
    >>> nlp = load_pipeline()  # doctest: +SKIP
    >>> [(c.subject, c.relation, c.object) for c in claims_for_text(nlp, "Iran sent drones to Russia.")]  # doctest: +SKIP
    [('Iran', 'supplies_weapons_to', 'Russia')]
    """
    document = Document(id=source, text=text, published=published)
    return next(extract_claims(nlp, [document]))[1]
