"""Input readers: files and folders -> ``Document`` records.

Every problem with one file is reported through ``on_skip(path, reason)`` and the file is
skipped; only a path that does not exist is refused (``InputError``), because that is a
mistake in the command rather than in the data.
"""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from alliance_graph.config import ARTICLE_SUFFIXES
from alliance_graph.errors import InputError
from alliance_graph.extract.records import Document

SkipHandler = Callable[[str, str], None]

# A file above this size is still read (long reports exist) but never held twice.
MAX_FILE_BYTES = 512 * 1024 * 1024
_BINARY_SNIFF = 8192
_HTML_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "iframe", "svg", "template", "button", "menu")
_TEXT_BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote")


def _ignore(path: str, reason: str) -> None:  # default skip handler
    pass


def iter_article_paths(inputs: Iterable[str | os.PathLike[str]],
                       on_skip: SkipHandler = _ignore) -> Iterator[Path]:
    """Yield every article file under ``inputs`` (files as given, folders recursively).

    Symlinked folders are followed once: a symlink loop is reported and not walked twice.
    Raises ``InputError`` for a path that does not exist.
    """
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{path}: no such file or directory")
        if path.is_file():
            yield path
            continue
        seen: set[str] = set()
        for root, dirs, files in os.walk(path, followlinks=True, onerror=None):
            real = os.path.realpath(root)
            if real in seen:
                on_skip(root, "symlink loop: folder already visited")
                dirs[:] = []
                continue
            seen.add(real)
            dirs.sort()
            for name in sorted(files):
                if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                    yield Path(root) / name


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode article bytes; return (text, warning or None).

    BOMs pick UTF-8/UTF-16/UTF-32; otherwise UTF-8, falling back to Windows-1252 (the usual
    encoding of mislabelled scraped pages) with a warning rather than losing the article.
    Raises ``ValueError`` for binary content.
    """
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError as exc:
                raise ValueError(f"invalid {encoding} after its byte-order mark") from exc
    if b"\x00" in data[:_BINARY_SNIFF]:
        raise ValueError("binary content (NUL bytes), not a text article")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        return text, f"invalid UTF-8 at byte {exc.start}; read as Windows-1252"


def _looks_binary(text: str) -> bool:
    sample = text[:_BINARY_SNIFF]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(sample) > 0.05


def normalize_text(text: str) -> str:
    """Unify line endings; the offsets of every claim refer to this text."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def html_to_article(html: str) -> tuple[str, dict[str, str]]:
    """Readable text of an article page (title and paragraphs) and its metadata."""
    from bs4 import BeautifulSoup  # only HTML inputs need it

    soup = BeautifulSoup(html, "html.parser")
    meta: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = (tag.get("property") or tag.get("name") or "").lower()
        value = tag.get("content")
        if not value:
            continue
        if key in ("og:url",):
            meta.setdefault("url", value)
        elif key in ("article:published_time", "date", "pubdate", "dc.date", "dcterms.date"):
            meta.setdefault("published", value[:10])
        elif key in ("og:site_name",):
            meta.setdefault("outlet", value)
        elif key in ("og:title",):
            meta.setdefault("title", value)
    canonical = soup.find("link", rel="canonical")
    if canonical is not None and canonical.get("href"):
        meta.setdefault("url", canonical["href"])
    if soup.title and soup.title.string:
        meta.setdefault("title", soup.title.string.strip())
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
    if title and (not blocks or blocks[0] != title):
        blocks.insert(0, title)
    body = blocks[1:] if title else blocks
    if not any(b.strip() for b in body):
        return "", meta
    return "\n".join(blocks), meta


def _markdown_title(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            match = re.match(r"#+\s+(.*)", line.strip())
            return match.group(1).strip() if match else None
    return None


def _record_to_document(record: object, fallback_id: str, path: Path) -> Document:
    if not isinstance(record, dict):
        raise ValueError("record is not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("record has no 'text'")

    def opt(key: str) -> str | None:
        value = record.get(key)
        return str(value) if value not in (None, "") else None

    published = opt("published")
    return Document(
        id=opt("id") or opt("url") or fallback_id,
        text=normalize_text(text),
        path=str(path),
        title=opt("title"),
        url=opt("url"),
        published=published[:10] if published else None,
        outlet=opt("outlet"),
    )


def read_documents(path: Path, on_skip: SkipHandler = _ignore) -> list[Document]:
    """Read one article file into zero or more documents (JSON Lines may hold many)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            on_skip(str(path), f"file is {size / 1e6:.0f} MB, above the {MAX_FILE_BYTES // 10**6} MB limit")
            return []
        data = path.read_bytes()
    except FileNotFoundError:
        on_skip(str(path), "file disappeared before it could be read")
        return []
    except OSError as exc:
        on_skip(str(path), f"cannot read: {exc.strerror or exc}")
        return []
    if not data.strip():
        on_skip(str(path), "empty file")
        return []
    try:
        text, warning = decode_bytes(data)
    except ValueError as exc:
        on_skip(str(path), str(exc))
        return []
    if _looks_binary(text):
        on_skip(str(path), "binary content, not a text article")
        return []
    if warning:
        on_skip(str(path), warning + " (article kept)")
    suffix = path.suffix.lower()
    name = path.name
    if suffix in (".json", ".jsonl"):
        return _read_records(path, text, on_skip)
    if suffix in (".html", ".htm"):
        body, meta = html_to_article(text)
        if not body.strip():
            on_skip(str(path), "HTML page has no article text")
            return []
        return [Document(id=meta.get("url") or name, text=body, path=str(path),
                         title=meta.get("title"), url=meta.get("url"),
                         published=meta.get("published"), outlet=meta.get("outlet"))]
    text = normalize_text(text)
    if not text.strip():
        on_skip(str(path), "no text")
        return []
    title = _markdown_title(text) if suffix == ".md" else None
    return [Document(id=name, text=text, path=str(path), title=title)]


def _read_records(path: Path, text: str, on_skip: SkipHandler) -> list[Document]:
    name = path.name
    records: list[tuple[object, str]] = []
    stripped = text.lstrip()
    if path.suffix.lower() == ".json" or stripped.startswith("["):
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            on_skip(str(path), f"JSON does not parse (line {exc.lineno}: {exc.msg})")
            return []
        items = parsed if isinstance(parsed, list) else [parsed]
        records = [(item, name if len(items) == 1 else f"{name}#{i + 1}")
                   for i, item in enumerate(items)]
    else:
        for lineno, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append((json.loads(line), f"{name}#{lineno}"))
            except json.JSONDecodeError as exc:
                on_skip(f"{path}:{lineno}", f"JSON does not parse ({exc.msg})")
        if len(records) == 1:
            records = [(records[0][0], name)]
    documents = []
    for record, fallback in records:
        try:
            documents.append(_record_to_document(record, fallback, path))
        except ValueError as exc:
            where = fallback.split("#")[-1] if "#" in fallback else ""
            on_skip(f"{path}{':' + where if where else ''}", str(exc))
    return documents


def iter_documents(inputs: Iterable[str | os.PathLike[str]],
                   on_skip: SkipHandler = _ignore) -> Iterator[Document]:
    """Yield every document under ``inputs``, reporting skipped files through ``on_skip``."""
    for path in iter_article_paths(inputs, on_skip):
        yield from read_documents(path, on_skip)


def content_hash(document: Document) -> str:
    """A stable hash of what extraction sees: text plus metadata."""
    digest = hashlib.sha256()
    for part in (document.id, document.title, document.url, document.published,
                 document.outlet, document.text):
        digest.update((part or "").encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()
