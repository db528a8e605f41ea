"""Fuzzing the input readers: random and adversarial bytes never crash them (issue 7).

Whatever bytes a file holds, ``read_documents`` returns documents (possibly none) and reports
at most one problem line for it; what it keeps is safe for every later stage: valid UTF-8,
no carriage returns or control characters, one-line ids.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliance_graph.extract.readers import (clean_date, clean_label, clean_url, decode_bytes,
                                            normalize_text, read_documents)
from alliance_graph.extract.records import Document

SUFFIXES = (".txt", ".md", ".html", ".json", ".jsonl")
# Fragments that steer random bytes into the readers' interesting branches.
FRAGMENTS = [
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\r\n", b"\r", b"\n\n", b"\x92", b"\xc3",
    b"\xed\xa0\x80", b"<script>", b"</script>", b"<p>", b"</p>", b"<article>", b"<title>",
    b'<meta charset="koi8-r">', b'<meta property="og:url" content="javascript:x">', b"<!--",
    b'{"text": "', b'"}', b'{"id": ', b"[", b"]", b"{", b"}", b'"\\ud800"', b"\\u0000", b",",
    b"North Korea sent workers to Russia.", b" ", b"\t", b"\x1b[31m",
    "\u200b\u202e\u2066".encode(), b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", b"1" * 50,
]
adversarial_bytes = st.one_of(
    st.binary(max_size=3000),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.binary(max_size=16)), max_size=60)
    .map(b"".join),
)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")

FUZZ = settings(max_examples=400, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def assert_safe(document: Document) -> None:
    assert isinstance(document, Document)
    assert document.text.strip()
    document.text.encode("utf-8")  # strict: no lone surrogates
    assert "\r" not in document.text and not CONTROL.search(document.text.replace("\n", " ").replace("\t", " "))
    for label in (document.id, document.title, document.outlet, document.url, document.published):
        if label is not None:
            label.encode("utf-8")
            assert "\n" not in label and not CONTROL.search(label)


@pytest.mark.parametrize("suffix", SUFFIXES)
@FUZZ
@given(data=adversarial_bytes)
def test_readers_survive_any_bytes(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    problems: list[tuple[str, str]] = []
    documents = read_documents(path, lambda p, r: problems.append((p, r)),
                               lambda p, r: problems.append((p, r)))
    assert len(problems) <= 2  # at most one repair warning and one skip line per file
    for where, why in problems:
        assert where.startswith(str(path)) and why and "\n" not in why
    for document in documents:
        assert_safe(document)
    if not documents:
        assert problems, "a file that gave no document must say why"


@FUZZ
@given(data=adversarial_bytes)
def test_decode_bytes_gives_text_or_a_reason(data: bytes) -> None:
    try:
        text, warning = decode_bytes(data)
    except ValueError as exc:
        assert str(exc)
        return
    assert isinstance(text, str)
    assert warning is None or "UTF-8" in warning


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_normalize_text_keeps_offsets_of_universal_newlines(text: str) -> None:
    # One character in, one character out (except \r\n -> \n): offsets computed on the
    # result match the text Python's open() gives for the same file.
    universal = text.replace("\r\n", "\n").replace("\r", "\n")
    normalized = normalize_text(text)
    assert len(normalized) == len(universal)
    assert all(a == b or CONTROL.match(a) or a in "\ufffe\uffff" for a, b in zip(universal, normalized))
    normalized.encode("utf-8")


@settings(max_examples=400, deadline=None)
@given(value=st.one_of(st.text(), st.integers(), st.none(), st.lists(st.text())))
def test_metadata_cleaners_never_raise(value: object) -> None:
    label = clean_label(value)
    assert label is None or (label == label.strip() and "\n" not in label and len(label) <= 1000)
    url = clean_url(value)
    assert url is None or (url.startswith(("http://", "https://"))
                           and not set(url) & set(' <>"{}|\\^`\n'))
    iso = clean_date(value)
    assert iso is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso)
