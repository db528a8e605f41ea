"""Minting stable, safe IRIs for actors, documents, claims and runs.

Every IRI lives under a user-settable base IRI (``--base-iri``; default
``alliance_graph.config.DEFAULT_BASE_IRI``):

- actor     ``{base}actor/{encoded label}``
- document  ``{base}doc/{encoded source}`` (also the name of the document's named graph)
- claim     ``{base}claim/{sha1 of source, subject, relation, object, char_start, char_end}``
- run       ``{base}run/{run id}``
- runs      ``{base}graph/runs`` (the named graph holding the extraction runs)

Encoding percent-encodes (UTF-8, upper-case hex) every character outside RFC 3986's
*unreserved* set ``A-Z a-z 0-9 - . _ ~``, so the result is plain ASCII, valid in every RDF
syntax, and injective: "A/B" -> ``A%2FB``, "A_B" -> ``A_B``, "A B" -> ``A%20B``, "%" -> ``%25``.
Labels made only of dots are encoded entirely ("." -> ``%2E``) so that no IRI ends in a
``.``/``..`` path segment that resolvers would collapse.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from urllib.parse import quote

from alliance_graph.config import DEFAULT_BASE_IRI
from alliance_graph.errors import InputError

# Characters XML 1.0 cannot carry at all (not even as character references) and lone
# surrogates, which UTF-8 cannot encode: a literal holding them would break RDF/XML or
# the store, so text is cleaned of them before it becomes RDF.
_UNREPRESENTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_WHITESPACE_RUN = re.compile(r"\s+")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def clean_text(text: str) -> str:
    """Remove the characters no RDF syntax can carry (C0 controls but tab/LF/CR, U+FFFE/F, surrogates).

    Examples
    --------
    >>> clean_text("a\\x00b\\tc")
    'ab\\tc'
    """
    return _UNREPRESENTABLE.sub("", text)


def normalize_label(label: str) -> str:
    """The form of an actor label that is stored and minted: cleaned, NFC, single spaces.

    Examples
    --------
    >>> normalize_label("  North\\nKorea ")
    'North Korea'
    """
    return _WHITESPACE_RUN.sub(" ", unicodedata.normalize("NFC", clean_text(label))).strip()


def encode_segment(value: str) -> str:
    """Percent-encode ``value`` into one IRI path segment (injective, ASCII only).

    Examples
    --------
    >>> [encode_segment(v) for v in ("A/B", "A_B", "A B", "..")]
    ['A%2FB', 'A_B', 'A%20B', '%2E%2E']
    """
    encoded = quote(value, safe="-_~", encoding="utf-8", errors="strict")
    # quote() leaves "." alone; a segment that is only dots would be a path dot-segment.
    if encoded.strip(".") == "":
        encoded = encoded.replace(".", "%2E")
    return encoded


def check_base_iri(base_iri: str) -> str:
    """Return ``base_iri`` if it is an absolute IRI ending in ``/`` or ``#``, else raise InputError."""
    from pyoxigraph import NamedNode

    if not base_iri.endswith(("/", "#")) or not _SCHEME.match(base_iri):
        raise InputError(
            f"Base IRI {base_iri!r} must be an absolute IRI ending in '/' or '#' "
            f"(for example {DEFAULT_BASE_IRI!r})."
        )
    try:
        NamedNode(base_iri)
    except ValueError as error:
        raise InputError(f"Base IRI {base_iri!r} is not a valid IRI: {error}.") from None
    return base_iri


def actor_iri(label: str, base: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of the actor with canonical ``label`` (normalized first).

    Raises ``ValueError`` for a label that is empty after normalization.

    Examples
    --------
    >>> actor_iri("North Korea")
    'https://w3id.org/alliance-graph/id/actor/North%20Korea'
    """
    normalized = normalize_label(label)
    if not normalized:
        raise ValueError(f"Actor label {label!r} is empty after normalization.")
    return f"{base}actor/{encode_segment(normalized)}"


def document_iri(source: str, base: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of the document (and of its named graph) with claim ``source``.

    Examples
    --------
    >>> document_iri("002_041e4ccb77a6069d.txt")
    'https://w3id.org/alliance-graph/id/doc/002_041e4ccb77a6069d.txt'
    """
    return f"{base}doc/{encode_segment(clean_text(source))}"


def claim_iri(
    source: str,
    subject: str,
    relation: str,
    obj: str,
    char_start: int | None,
    char_end: int | None,
    base: str = DEFAULT_BASE_IRI,
) -> str:
    """A stable claim IRI: the SHA-1 of its identifying fields, so re-builds mint the same IRI.

    The fields are hashed as a JSON array (not joined with "|"), so labels containing the
    separator cannot collide. Callers pass symmetric pairs in canonical order.
    """
    key = json.dumps(
        [clean_text(source), normalize_label(subject), relation, normalize_label(obj),
         char_start, char_end],
        ensure_ascii=False,
    )
    return f"{base}claim/{hashlib.sha1(key.encode('utf-8')).hexdigest()}"


def run_iri(run_id: str, base: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of the extraction run ``run_id`` (a UUID or timestamp)."""
    return f"{base}run/{encode_segment(clean_text(run_id))}"


def runs_graph_iri(base: str = DEFAULT_BASE_IRI) -> str:
    """The named graph that holds every extraction run."""
    return f"{base}graph/runs"


def web_iri(url: str) -> str | None:
    """``url`` as a valid IRI (unsafe characters percent-encoded), or None if it has no scheme.

    Examples
    --------
    >>> web_iri("https://example.org/a b?q=<1>")
    'https://example.org/a%20b?q=%3C1%3E'
    >>> web_iri("not a url") is None
    True
    """
    from pyoxigraph import NamedNode

    url = clean_text(url).strip()
    if not _SCHEME.match(url):
        return None
    # A "%" that does not start an escape is itself escaped; then everything that is not
    # a reserved or unreserved ASCII character is encoded.
    url = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", url)
    iri = quote(url, safe="!#$%&'()*+,/:;=?@[]~-._")
    try:
        NamedNode(iri)
    except ValueError:
        return None
    return iri
