"""Input readers: files and folders -> ``Document`` records.

Analysts feed the tool scraped pages of every kind, so a bad file must never cost them the run:
every problem with one file is reported through ``on_skip(path, reason)`` (one call per file)
and the file is skipped. A file that is kept after a repair (bytes that are not UTF-8) is
reported through ``on_warning(path, message)``. Only an input path that cannot be used at all
(does not exist, a broken symlink or a symlink loop) is refused with ``InputError``, because
that is a mistake in the command rather than in the data.

Offsets of claims refer to ``Document.text``: for plain-text files this is the decoded file
with universal newlines (``\\r\\n`` and ``\\r`` become ``\\n``, as Python's ``open()`` reads
it) and control characters replaced one-for-one by spaces, so the offsets still line up.
"""
from __future__ import annotations

import codecs
import errno
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlsplit

from alliance_graph.config import ARTICLE_SUFFIXES
from alliance_graph.errors import InputError
from alliance_graph.extract.records import Document

SkipHandler = Callable[[str, str], None]

# A file above this size is skipped: no article is that long, and reading it would hold
# several copies of it in memory.
MAX_FILE_BYTES = 512 * 1024 * 1024
# Metadata (titles, ids, outlets) longer than this is cut: it is a label, not an article.
MAX_META_CHARS = 1000
_BINARY_SNIFF = 8192
_HTML_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "iframe", "svg", "template", "button", "menu", "object", "embed", "canvas")
_TEXT_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote")
_MAGIC = ((b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
          (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"), (b"%PDF-", "a PDF document"),
          (b"PK\x03\x04", "a zip archive"), (b"PK\x05\x06", "a zip archive"),
          (b"\x1f\x8b", "a gzip archive"),
          (b"\xfd7zXZ\x00", "an xz archive"), (b"7z\xbc\xaf\x27\x1c", "a 7-zip archive"),
          (b"\x7fELF", "an executable"), (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
          (b"SQLite format 3\x00", "an SQLite database"))
# (Only signatures no article can start with: "MZ", "BZh" or "RIFF" could begin a headline;
# such files are caught by their NUL bytes instead.)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""",
                           re.IGNORECASE)
# C0 controls (except tab and newlines), DEL, lone surrogates (only JSON can produce them) and
# the two non-characters: none of them belongs in an article, several break RDF/XML or UTF-8
# output. Each is replaced by ONE character so offsets into the text stay valid.
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# Invisible characters that can disguise a label (bidi overrides, zero-width space, BOM).
# Removed from metadata only (titles, ids), never from the text, whose offsets must hold.
_INVISIBLE_IN_LABELS = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
# Characters that are not allowed in an IRI; a URL from metadata becomes a document IRI.
_IRI_SAFE = "".join(chr(c) for c in range(33, 127) if chr(c) not in '<>"{}|\\^`')


def _ignore(path: str, reason: str) -> None:  # default skip handler
    pass


def check_inputs(inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Raise ``InputError`` for the first input path that does not exist (following
    symlinks), is a broken symlink or a symlink loop; called before anything is written."""
    for raw in inputs:
        _refuse_unusable_input(Path(raw))


def _refuse_unusable_input(path: Path) -> None:
    try:
        os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(f"{path}: broken symbolic link (its target does not exist)") from None
        raise InputError(f"{path}: no such file or directory") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{path}: symbolic link loop") from None
        raise InputError(f"{path}: cannot be used: {exc.strerror or exc}") from None
    except ValueError as exc:  # e.g. an embedded NUL byte in the name
        raise InputError(f"{path!r}: not a valid path ({exc})") from None


def _is_within(inner: str, outer: str) -> bool:
    return inner == outer or inner.startswith(outer.rstrip(os.sep) + os.sep)


def iter_article_paths(inputs: Iterable[str | os.PathLike[str]],
                       on_skip: SkipHandler = _ignore) -> Iterator[Path]:
    """Yield every article file under ``inputs`` (files as given, folders recursively).

    Folders are walked in sorted order; hidden files and folders are left out; symlinked
    folders are followed, but a symlink loop is reported and not walked, and a folder or
    file reachable twice is read once. Raises ``InputError`` for a path that does not exist.
    """
    inputs = list(inputs)
    check_inputs(inputs)
    seen_dirs: set[str] = set()
    seen_files: set[tuple[int, int]] = set()

    def first_time(path: Path) -> bool:
        try:
            info = os.stat(path)
        except OSError:
            return True  # read_documents reports why it cannot be read
        key = (info.st_dev, info.st_ino)
        if key in seen_files:
            return False
        seen_files.add(key)
        return True

    def listing_failed(error: OSError) -> None:
        on_skip(str(error.filename or "?"), f"cannot list folder: {error.strerror or error}")

    for raw in inputs:
        path = Path(raw)
        if not path.is_dir():
            if first_time(path):
                yield path
            continue
        top_real = os.path.realpath(path)
        if top_real in seen_dirs:
            continue
        seen_dirs.add(top_real)
        for root, dirs, files in os.walk(path, followlinks=True, onerror=listing_failed):
            root_real = os.path.realpath(root)
            kept = []
            for name in sorted(dirs):
                if name.startswith("."):
                    continue
                real = os.path.realpath(os.path.join(root, name))
                if _is_within(root_real, real):
                    on_skip(os.path.join(root, name), "symlink loop (points back to a folder "
                            "it is inside); not followed")
                elif real not in seen_dirs:
                    seen_dirs.add(real)
                    kept.append(name)
            dirs[:] = kept
            for name in sorted(files):
                if name.startswith(".") or not name.lower().endswith(ARTICLE_SUFFIXES):
                    continue
                candidate = Path(root) / name
                if first_time(candidate):
                    yield candidate


def _sniff_binary(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes sit in every other position (ASCII-ish text)."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


_CP1252_OF_BYTE = {chr(0xDC00 + b): bytes([b]).decode("cp1252", errors="replace")
                   for b in range(0x80, 0x100)}


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """Decode article bytes; return (text, warning or None).

    A byte-order mark picks UTF-8/UTF-16/UTF-32; UTF-16 without one is recognised by its NUL
    bytes; otherwise UTF-8, then the charset the page declares (``declared``). Bytes that are
    still not valid UTF-8 are read one by one as Windows-1252 (the usual encoding of
    mislabelled scraped pages), so one stray byte costs one character, not the article.
    Raises ``ValueError`` for binary content.

    Examples
    --------
    >>> decode_bytes("Kyiv".encode("utf-16"))
    ('Kyiv', None)
    >>> decode_bytes(b"caf\\xe9 \\xe2\\x80\\x94 ok")
    ('café — ok', '1 byte(s) are not valid UTF-8; read them as Windows-1252')
    """
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError as exc:
                raise ValueError(f"not valid {encoding} after its byte-order mark "
                                 f"(byte {exc.start})") from None
    kind = _sniff_binary(data)
    if kind:
        raise ValueError(f"binary file ({kind}), not a text article")
    sample = data[:_BINARY_SNIFF]
    if b"\x00" in sample:
        encoding = _utf16_without_bom(sample)
        if encoding is None:
            raise ValueError("binary content (NUL bytes), not a text article")
        try:
            return data.decode(encoding), None
        except UnicodeDecodeError:
            raise ValueError("binary content (NUL bytes), not a text article") from None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    if declared and declared not in ("utf-8", "ascii"):
        try:
            return data.decode(declared), None
        except (UnicodeDecodeError, LookupError):
            pass
    text = data.decode("utf-8", errors="surrogateescape")
    text, count = _ESCAPED_BYTE.subn(lambda match: _CP1252_OF_BYTE[match.group()], text)
    return text, f"{count} byte(s) are not valid UTF-8; read them as Windows-1252"


def _looks_binary(text: str) -> bool:
    sample = text[:_BINARY_SNIFF]
    if not sample:
        return False
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f")
                   or ch in "\x7f\ufffd")
    return controls / len(sample) > 0.05


def _replace_unsafe(match: re.Match[str]) -> str:
    return "\ufffd" if "\ud800" <= match.group() <= "\udfff" else " "


def normalize_text(text: str) -> str:
    """Universal newlines and no control characters; the offsets of every claim refer to this.

    Examples
    --------
    >>> normalize_text("a\\r\\nb\\rc\\x00d")
    'a\\nb\\nc d'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE_CHARS.sub(_replace_unsafe, text)


def clean_label(value: object) -> str | None:
    """Metadata as a one-line label: no control or invisible characters, bounded length."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = _INVISIBLE_IN_LABELS.sub("", normalize_text(str(value)))
    text = " ".join(text.split())[:MAX_META_CHARS]
    return text or None


def clean_url(value: object) -> str | None:
    """An absolute http(s) URL usable as an IRI, else None (``javascript:`` and friends)."""
    text = clean_label(value)
    if not text:
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(text, safe=_IRI_SAFE)


def clean_date(value: object) -> str | None:
    """The ISO 8601 date at the start of ``value`` (``2024-11-05T10:00Z`` -> ``2024-11-05``)."""
    text = clean_label(value)
    if not text or not re.match(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        return None


def html_to_article(html: str) -> tuple[str, dict[str, str]]:
    """Readable text of an article page (title and paragraphs) and its metadata.

    Scripts, styles, navigation and forms are dropped; a page with nothing but those has no
    article and gives ``""``.
    """
    from bs4 import BeautifulSoup  # only HTML inputs need it

    soup = BeautifulSoup(html, "html.parser")
    meta: dict[str, str] = {}

    def keep(key: str, value: str | None) -> None:
        if value and key not in meta:
            meta[key] = value

    for tag in soup.find_all("meta"):
        key = str(tag.get("property") or tag.get("name") or "").lower()
        value = tag.get("content")
        if not value or not isinstance(value, str):
            continue
        if key == "og:url":
            keep("url", clean_url(value))
        elif key in ("article:published_time", "date", "pubdate", "dc.date", "dcterms.date"):
            keep("published", clean_date(value))
        elif key == "og:site_name":
            keep("outlet", clean_label(value))
        elif key == "og:title":
            keep("title", clean_label(value))
    canonical = soup.find("link", rel="canonical")
    if canonical is not None and canonical.get("href"):
        keep("url", clean_url(canonical["href"]))
    if soup.title and soup.title.string:
        keep("title", clean_label(soup.title.string))
    for tag in soup.find_all(_HTML_DROP):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    blocks: list[str] = []
    for tag in root.find_all(_TEXT_BLOCKS):
        # Nested blocks (a <p> inside an <li>) are taken once, by the innermost.
        if tag.find(_TEXT_BLOCKS):
            continue
        text = " ".join(tag.get_text(" ", strip=True).split())
        if text:
            blocks.append(text)
    if not blocks:
        text = " ".join(root.get_text(" ", strip=True).split())
        if text:
            blocks.append(text)
    title = meta.get("title")
    if title and blocks and blocks[0] == title:
        blocks.pop(0)
    if not blocks:
        return "", meta
    if title:
        blocks.insert(0, title)
    return normalize_text("\n".join(blocks)), meta


_MD_LINE_RULES = (
    (re.compile(r"^\s{0,3}(?:```|~~~).*$"), ""),                    # code fences
    (re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$"), ""),                  # horizontal rules
    (re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$"), ""),              # reference definitions
    (re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$"), r"\1"),         # ATX headings
    (re.compile(r"^\s{0,3}(?:>\s?)+"), ""),                           # block quotes
    (re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+"), ""),                 # list markers
)
_MD_INLINE_RULES = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),                  # images -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),                    # links -> link text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),                   # reference links
    (re.compile(r"`([^`]*)`"), r"\1"),                                # inline code
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),            # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)"), r"\1"),     # *emphasis*
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),       # _emphasis_
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),                            # inline HTML tags
)


def markdown_to_text(text: str) -> str:
    r"""Plain prose of a Markdown article: markup removed, so evidence reads like the article.

    Claim offsets index this text, not the Markdown source.

    >>> markdown_to_text("# Title\n\n**Iran** sent [drones](https://x.org) to *Russia*.")
    'Title\n\nIran sent drones to Russia.'
    """
    lines = []
    for line in text.split("\n"):
        for pattern, replacement in _MD_LINE_RULES:
            line = pattern.sub(replacement, line)
        for pattern, replacement in _MD_INLINE_RULES:
            line = pattern.sub(replacement, line)
        lines.append(line)
    return "\n".join(lines)


def _markdown_title(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            match = re.match(r"#+\s+(.*)", line.strip())
            return clean_label(match.group(1)) if match else None
    return None


def _record_to_document(record: object, fallback_id: str, path: Path) -> Document:
    if not isinstance(record, dict):
        raise ValueError("record is not a JSON object")
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError("record has no 'text'")
    text = normalize_text(text)
    if not text.strip():
        raise ValueError("record's 'text' is empty")
    url = clean_url(record.get("url"))
    return Document(
        id=clean_label(record.get("id")) or url or fallback_id,
        text=text,
        path=str(path),
        title=clean_label(record.get("title")),
        url=url,
        published=clean_date(record.get("published")),
        outlet=clean_label(record.get("outlet")),
    )


def _read_bytes(path: Path, on_skip: SkipHandler) -> bytes | None:
    """The file's bytes, or None after reporting why they cannot be had."""
    try:
        # O_NONBLOCK: a FIFO or device in a folder must not hang the run; fstat tells them apart.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        on_skip(str(path), "broken symbolic link" if os.path.islink(path)
                else "file disappeared before it could be read")
        return None
    except OSError as exc:
        on_skip(str(path), "symbolic link loop" if exc.errno == errno.ELOOP
                else f"cannot read: {exc.strerror or exc}")
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                on_skip(str(path), "not a regular file")
                return None
            if info.st_size > MAX_FILE_BYTES:
                on_skip(str(path), f"file is {info.st_size / 1e6:.0f} MB, above the "
                        f"{MAX_FILE_BYTES // 10**6} MB limit for one article file")
                return None
            return handle.read()
    except OSError as exc:
        on_skip(str(path), f"cannot read: {exc.strerror or exc}")
        return None


def read_documents(path: Path, on_skip: SkipHandler = _ignore,
                   on_warning: SkipHandler = _ignore) -> list[Document]:
    """Read one article file into zero or more documents (JSON Lines may hold many).

    Never raises for a bad file: it is reported through ``on_skip`` and gives ``[]``.
    """
    path = Path(path)
    data = _read_bytes(path, on_skip)
    if data is None:
        return []
    if not data.strip():
        on_skip(str(path), "empty file" if not data else "file has only whitespace")
        return []
    suffix = path.suffix.lower()
    is_html = suffix in (".html", ".htm")
    try:
        text, warning = decode_bytes(data, _declared_charset(data) if is_html else None)
    except ValueError as exc:
        on_skip(str(path), str(exc))
        return []
    del data  # a long article is not held twice
    if _looks_binary(text):
        on_skip(str(path), "binary content (control characters), not a text article")
        return []
    if not text.strip():
        on_skip(str(path), "file has only whitespace")
        return []
    if warning:
        on_warning(str(path), warning)
    if suffix in (".json", ".jsonl"):
        return _read_records(path, text, on_skip)
    if is_html:
        body, meta = html_to_article(text)
        if not body.strip():
            on_skip(str(path), "HTML page has no article text (only scripts, styles, "
                    "navigation or markup)")
            return []
        return [Document(id=meta.get("url") or path.name, text=body, path=str(path),
                         title=meta.get("title"), url=meta.get("url"),
                         published=meta.get("published"), outlet=meta.get("outlet"))]
    text = normalize_text(text)
    if not text.strip():  # e.g. nothing but control characters
        on_skip(str(path), "no text (only whitespace and control characters)")
        return []
    title = None
    if suffix == ".md":
        title = _markdown_title(text)
        text = markdown_to_text(text)
        if not text.strip():
            on_skip(str(path), "Markdown file has no text (only markup)")
            return []
    return [Document(id=path.name, text=text, path=str(path), title=title)]


def _parse_records(path: Path, text: str) -> tuple[list[tuple[object, str, str]], list[str], int]:
    """(record, fallback id, where) of each parsed record, the problems, and the record count."""
    name = path.name
    if path.suffix.lower() == ".json" or text.lstrip().startswith("["):
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            return [], [f"JSON does not parse (line {exc.lineno}, column {exc.colno}: {exc.msg})"], 1
        except (ValueError, RecursionError) as exc:  # huge integers, absurd nesting
            return [], [f"JSON cannot be read ({type(exc).__name__})"], 1
        items = parsed if isinstance(parsed, list) else [parsed]
        if len(items) == 1:
            return [(items[0], name, "record 1")], [], 1
        return ([(item, f"{name}#{i}", f"record {i}") for i, item in enumerate(items, 1)], [],
                len(items))
    records: list[tuple[object, str, str]] = []
    problems: list[str] = []
    total = 0
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        total += 1
        try:
            records.append((json.loads(line), f"{name}#{lineno}", f"line {lineno}"))
        except json.JSONDecodeError as exc:
            problems.append(f"line {lineno}: JSON does not parse ({exc.msg})")
        except (ValueError, RecursionError) as exc:
            problems.append(f"line {lineno}: JSON cannot be read ({type(exc).__name__})")
    if total == 1 and records:
        records = [(records[0][0], name, records[0][2])]
    return records, problems, total


def _read_records(path: Path, text: str, on_skip: SkipHandler) -> list[Document]:
    records, problems, total = _parse_records(path, text)
    documents = []
    for record, fallback, where in records:
        try:
            documents.append(_record_to_document(record, fallback, path))
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
    if not problems and not documents:
        problems.append("no records")
    if problems:  # one warning line per file, however many of its records were bad
        shown = "; ".join(problems[:3])
        if len(problems) > 3:
            shown += f"; and {len(problems) - 3} more"
        if documents:
            on_skip(f"{path} ({len(problems)} of {total} records)", shown)
        else:
            on_skip(str(path), f"no usable record: {shown}")
    return documents


def iter_documents(inputs: Iterable[str | os.PathLike[str]],
                   on_skip: SkipHandler = _ignore,
                   on_warning: SkipHandler = _ignore) -> Iterator[Document]:
    """Yield every document under ``inputs``, reporting skipped files through ``on_skip``.

    Document ids must be unique (claims are keyed by them): a second document with an id
    already read is skipped, otherwise two files would keep replacing each other's claims.
    """
    first_path: dict[str, str] = {}
    for path in iter_article_paths(inputs, on_skip):
        duplicates: list[str] = []
        for document in read_documents(path, on_skip, on_warning):
            if document.id in first_path:
                duplicates.append(document.id)
                continue
            first_path[document.id] = str(path)
            yield document
        if duplicates:
            shown = ", ".join(repr(d) for d in duplicates[:3])
            more = f" and {len(duplicates) - 3} more" if len(duplicates) > 3 else ""
            on_skip(str(path), f"document id {shown}{more} already read from "
                    f"{first_path[duplicates[0]]}; ids must be unique (rename the file or "
                    "give the record an 'id')")


def content_hash(document: Document) -> str:
    """A stable hash of what extraction sees: text plus metadata."""
    digest = hashlib.sha256()
    for part in (document.id, document.title, document.url, document.published,
                 document.outlet, document.text):
        digest.update((part or "").encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()
