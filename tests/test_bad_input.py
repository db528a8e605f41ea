"""Bad input never costs the analyst the run (issue 7).

Each case: the file is skipped with ONE warning line naming it and the reason, or the run is
refused with a clear error and a non-zero exit; no traceback reaches the user (``--debug``
shows it); a run that skipped files says how many; exit 0 only when outputs were written.
Reader-level tests run without the spaCy model; CLI tests go through Typer's runner and a
real subprocess of the installed ``alliance-graph`` script.
"""
from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import threading
import zipfile
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from alliance_graph.errors import InputError
from alliance_graph.extract.readers import (decode_bytes, iter_article_paths, iter_documents,
                                            read_documents)

GOOD_ARTICLE = (
    "North Korea has sent thousands of workers to the Alabuga Special Economic Zone in "
    "Russia, according to South Korea's National Intelligence Service.\n\n"
    "Russia supplied fuel and food to North Korea in exchange for artillery shells.\n"
)
SCRIPT = Path(sys.executable).with_name("alliance-graph")


# --- generated bad files -------------------------------------------------------------


def png_bytes() -> bytes:
    """A real 1x1 PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def zip_bytes() -> bytes:
    """A real zip archive holding an article (what a mislabelled download looks like)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("article.txt", GOOD_ARTICLE * 20)
    return buffer.getvalue()


SCRIPT_ONLY_HTML = """<!doctype html><html><head><title>Loading…</title>
<style>body { color: red } p::after { content: "North Korea sent troops to Russia." }</style>
<script>document.write("<p>North Korea sent troops to Russia.</p>")</script>
<script type="application/ld+json">{"headline": "North Korea sends troops"}</script>
</head><body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<noscript>Please enable JavaScript.</noscript><div id="app"></div>
<footer><p>© 2024 Example News</p></footer></body></html>"""

# Every bad-file case: name -> (bytes, words the one-line reason must contain)
BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty file"),
    "blank.md": (b"  \n\r\n\t \n", "only whitespace"),
    "photo.txt": (png_bytes(), "PNG image"),
    "download.html": (zip_bytes(), "zip archive"),
    "scripts.html": (SCRIPT_ONLY_HTML.encode(), "no article text"),
    "broken.json": (b'{"text": "North Korea sent troops", "title": ', "JSON does not parse"),
    "notext.jsonl": (b'{"title": "a"}\n{"body": "North Korea sent troops."}\n', "no 'text'"),
}


def write_bad_files(folder: Path) -> dict[Path, str]:
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, (data, reason) in BAD_FILES.items():
        (folder / name).write_bytes(data)
        expected[folder / name] = reason
    return expected


def collect(inputs, **kwargs) -> tuple[list, list[tuple[str, str]], list[tuple[str, str]]]:
    skipped: list[tuple[str, str]] = []
    warned: list[tuple[str, str]] = []
    documents = list(iter_documents(inputs, lambda p, r: skipped.append((p, r)),
                                    lambda p, r: warned.append((p, r)), **kwargs))
    return documents, skipped, warned


# --- reader level: each case is reported once, with its reason --------------------------


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_is_skipped_once_with_its_reason(tmp_path: Path, name: str) -> None:
    data, reason = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    skipped: list[tuple[str, str]] = []
    assert read_documents(path, lambda p, r: skipped.append((p, r))) == []
    assert len(skipped) == 1, skipped
    where, why = skipped[0]
    assert where.startswith(str(path)) and reason in why
    assert "\n" not in why


def test_binary_file_given_explicitly_is_skipped_not_read(tmp_path: Path) -> None:
    (tmp_path / "chart.png").write_bytes(png_bytes())
    (tmp_path / "archive.zip").write_bytes(zip_bytes())
    documents, skipped, _ = collect([tmp_path / "chart.png", tmp_path / "archive.zip"])
    assert documents == []
    assert [Path(p).name for p, _ in skipped] == ["chart.png", "archive.zip"]
    assert "PNG" in skipped[0][1] and "zip" in skipped[1][1]


def test_invalid_utf8_is_kept_with_a_warning_not_counted_as_skipped(tmp_path: Path) -> None:
    # A UTF-8 page with one Windows-1252 apostrophe: the article must survive, with the
    # other non-ASCII characters intact (no mojibake of the whole file).
    path = tmp_path / "scraped.txt"
    path.write_bytes("Russia\x92s allies — North Korea and Iran — met in Kyiv’s shadow."
                     .encode("utf-8").replace(b"\xc2\x92", b"\x92"))
    documents, skipped, warned = collect([path])
    assert skipped == []
    assert len(warned) == 1 and "not valid UTF-8" in warned[0][1]
    assert documents[0].text == "Russia’s allies — North Korea and Iran — met in Kyiv’s shadow."


def test_utf16_with_bom_and_crlf_reads_like_universal_newlines(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(GOOD_ARTICLE.replace("\n", "\r\n").encode("utf-16"))
    (document,), skipped, warned = collect([path])
    assert skipped == warned == []
    assert document.text == GOOD_ARTICLE
    assert document.text == path.open(encoding="utf-16").read()


def test_utf16_without_bom_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "utf16le.txt"
    path.write_bytes(GOOD_ARTICLE.encode("utf-16-le"))
    (document,), skipped, _ = collect([path])
    assert skipped == [] and document.text == GOOD_ARTICLE


def test_windows_line_endings_give_the_text_python_reads(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(GOOD_ARTICLE.replace("\n", "\r\n").encode())
    (document,), _, _ = collect([path])
    assert "\r" not in document.text
    assert document.text == path.read_text(encoding="utf-8")  # universal newlines


def test_html_article_drops_scripts_styles_and_unsafe_urls(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        '<html><head><title>Troops</title><meta property="og:url" content="javascript:alert(1)">'
        '<meta name="date" content="yesterday"><script>var x = "</p>not text";</script></head>'
        "<body><article><p>North Korea sent troops to Russia.</p><style>p{}</style>"
        "<p>Ukraine attacked the <b>Alabuga</b> plant.</p></article></body></html>",
        encoding="utf-8")
    (document,), skipped, _ = collect([path])
    assert skipped == []
    assert document.text == "Troops\nNorth Korea sent troops to Russia.\nUkraine attacked the Alabuga plant."
    assert document.url is None and document.id == "page.html" and document.published is None


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    path = tmp_path / "ru.html"
    path.write_bytes('<html><head><meta charset="windows-1251"></head><body><p>Россия и КНДР.</p>'
                     "</body></html>".encode("cp1251"))
    (document,), skipped, warned = collect([path])
    assert document.text == "Россия и КНДР." and skipped == warned == []


def test_json_records_partly_bad_give_one_line_for_the_file(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": "a", "text": "North Korea sent troops to Russia."}), "{not json",
             json.dumps({"id": "b", "title": "no text"}), json.dumps([1, 2]),
             json.dumps({"id": "c", "text": "Iran supplied drones to Russia."}), ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    documents, skipped, _ = collect([path])
    assert [d.id for d in documents] == ["a", "c"]
    assert len(skipped) == 1
    where, why = skipped[0]
    assert where == f"{path} (3 of 5 records)"
    assert "line 2: JSON does not parse" in why and "line 3: record has no 'text'" in why
    assert "line 4: record is not a JSON object" in why


@pytest.mark.parametrize("payload", [
    "[" * 100_000,                          # nesting deeper than the recursion limit
    '{"text": ' + "1" * 5000 + "}",         # an integer above Python's digit limit
    '{"text": "\\ud800 lone surrogate"}',  # not encodable as UTF-8
    '{"text": "a\\u0000b", "id": "x\\ny\\u202e"}',
])
def test_hostile_json_never_raises(tmp_path: Path, payload: str) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(payload, encoding="utf-8")
    documents, skipped, _ = collect([path])
    for document in documents:  # whatever is kept can be written as UTF-8 and as one line id
        document.text.encode("utf-8")
        assert "\n" not in document.id and "\u202e" not in document.id
    assert documents or skipped


def test_json_id_url_and_date_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"text": "Russia and China signed a gas contract.",
                                "url": "javascript:alert(document.cookie)",
                                "published": "2024-02-30", "title": "A\n\n  title\u200b"}),
                    encoding="utf-8")
    (document,), _, _ = collect([path])
    assert document.id == "one.json" and document.url is None
    assert document.published is None and document.title == "A title"


def test_duplicate_document_ids_are_skipped_not_left_to_overwrite(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(f"{folder}: {GOOD_ARTICLE}", encoding="utf-8")
    documents, skipped, _ = collect([tmp_path])
    assert [d.path for d in documents] == [str(tmp_path / "a" / "same.txt")]
    assert len(skipped) == 1 and "already read from" in skipped[0][1]


def test_missing_path_is_refused() -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        list(iter_article_paths(["/nonexistent/corpus"]))


def test_symlink_loops_are_reported_and_not_walked(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "a.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (corpus / "sub" / "back").symlink_to(corpus, target_is_directory=True)
    (corpus / "self.txt").symlink_to(corpus / "self.txt")
    (corpus / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    documents, skipped, _ = collect([corpus])
    assert [Path(d.path).name for d in documents] == ["a.txt"]
    reasons = {Path(p).name: r for p, r in skipped}
    assert "symlink loop" in reasons["back"]
    assert "symbolic link loop" in reasons["self.txt"]
    assert "broken symbolic link" in reasons["dangling.txt"]
    with pytest.raises(InputError, match="symbolic link loop"):
        list(iter_article_paths([corpus / "self.txt"]))


def test_file_disappearing_mid_run_is_skipped(tmp_path: Path) -> None:
    for name in ("1.txt", "2.txt", "3.txt"):
        (tmp_path / name).write_text(GOOD_ARTICLE, encoding="utf-8")
    skipped: list[tuple[str, str]] = []
    seen = []
    for document in iter_documents([tmp_path], lambda p, r: skipped.append((p, r))):
        seen.append(Path(document.path).name)
        if len(seen) == 1:
            (tmp_path / "2.txt").unlink()  # deleted after the walk listed it
    assert seen == ["1.txt", "3.txt"]
    assert skipped == [(str(tmp_path / "2.txt"), "file disappeared before it could be read")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_in_a_folder_does_not_hang_the_run(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "real.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    result: list = []
    worker = threading.Thread(target=lambda: result.append(collect([tmp_path])), daemon=True)
    worker.start()
    worker.join(10)
    assert result, "reading a folder with a named pipe hung"
    documents, skipped, _ = result[0]
    assert [Path(d.path).name for d in documents] == ["real.txt"]
    assert skipped == [(str(tmp_path / "pipe.txt"), "not a regular file")]


def test_decode_bytes_refuses_binary_and_bad_bom() -> None:
    with pytest.raises(ValueError, match="NUL"):
        decode_bytes(b"\x00\x01\x02\x03garbage\x00\x00\x07\x00")
    with pytest.raises(ValueError, match="byte-order mark"):
        decode_bytes(b"\xff\xfe\x00\xd8")  # UTF-16 BOM then a lone high surrogate


# --- through the CLI (Typer's runner) ---------------------------------------------------


def cli(*args: str) -> tuple[int, str, str]:
    from alliance_graph.cli import app

    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_missing_path_is_refused_without_traceback(tmp_path: Path) -> None:
    code, _, err = cli("build", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "no such file or directory" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()  # refused before anything was written


def test_cli_folder_without_articles_is_refused(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "notes.docx").write_bytes(zip_bytes())
    code, _, err = cli("build", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"))
    assert code == 2 and "no articles found" in err and "Traceback" not in err


def test_cli_only_bad_files_exits_non_zero_with_one_line_each(tmp_path: Path) -> None:
    expected = write_bad_files(tmp_path / "corpus")
    code, _, err = cli("build", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"))
    assert code == 2, err
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == len(expected), err
    for path, reason in expected.items():
        assert any(str(path) in line and reason in line for line in warnings), (path, err)
    assert f"no article could be read ({len(expected)} skipped" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out" / "claims.jsonl").exists()


def test_cli_markup_in_a_file_name_is_printed_not_interpreted(tmp_path: Path) -> None:
    # rich would raise MarkupError on "[/x]" inside the error handler: a traceback.
    code, _, err = cli("build", str(tmp_path / "[/x] [bold]"), "--out", str(tmp_path / "out"))
    assert code == 2 and "[/x] [bold]" in err and "Traceback" not in err


def test_cli_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (tmp_path / "out").write_text("a file where the output folder should be", encoding="utf-8")
    code, _, err = cli("build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"))
    assert code != 0 and "Error" in err and "Traceback" not in err
    assert "Internal error" not in err


def test_cli_bad_files_next_to_good_ones_are_counted_and_run_succeeds(tmp_path: Path) -> None:
    expected = write_bad_files(tmp_path / "corpus")
    (tmp_path / "corpus" / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (tmp_path / "corpus" / "crlf.txt").write_bytes(
        GOOD_ARTICLE.replace("Russia", "Moscow").replace("\n", "\r\n").encode("utf-16"))
    code, _, err = cli("build", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"),
                       "--no-html")
    assert code == 0, err
    assert f"{len(expected)} skipped" in err
    assert sum(line.startswith("warning:") for line in err.splitlines()) == len(expected)
    assert (tmp_path / "out" / "claims.jsonl").exists() and (tmp_path / "out" / "graph.ttl").exists()


def test_cli_extract_offsets_hold_for_crlf_and_utf16(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(GOOD_ARTICLE.replace("\n", "\r\n").encode("utf-16"))
    code, out, err = cli("extract", str(path))
    assert code == 0, err
    claims = [json.loads(line) for line in out.splitlines()]
    assert claims, "the article's claims were lost"
    text = path.open(encoding="utf-16").read()  # what a user's Python reads
    for claim in claims:
        assert text[claim["char_start"]:claim["char_end"]] == claim["evidence"]


# --- through a real subprocess of the installed script ----------------------------------


def run_script(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    assert SCRIPT.exists(), f"{SCRIPT} is not installed (pip install -e .)"
    return subprocess.run([str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "COLUMNS": "200"})


def test_script_mixed_corpus_skips_bad_files_and_exits_zero(tmp_path: Path) -> None:
    expected = write_bad_files(tmp_path / "corpus")
    (tmp_path / "corpus" / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (tmp_path / "corpus" / "loop").symlink_to(tmp_path / "corpus", target_is_directory=True)
    done = run_script("build", "corpus", "--out", "out", "--no-html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"{len(expected) + 1} skipped" in done.stderr  # the symlink loop is one more
    assert "Traceback" not in done.stderr + done.stdout
    assert (tmp_path / "out" / "claims.jsonl").stat().st_size > 0


def test_script_refusals_have_no_traceback_but_debug_shows_it(tmp_path: Path) -> None:
    write_bad_files(tmp_path / "corpus")
    plain = run_script("build", "corpus", "--out", "out", cwd=tmp_path)
    assert plain.returncode == 2
    assert "Traceback" not in plain.stderr and "no article could be read" in plain.stderr
    missing = run_script("build", "missing", cwd=tmp_path)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert "missing: no such file or directory" in missing.stderr
    debug = run_script("--debug", "build", "missing", cwd=tmp_path)
    assert debug.returncode == 2 and "Traceback" in debug.stderr


# --- a 50 MB article: read once, cut into chunks under spaCy's max_length, memory bounded ------

SPACY_MAX_LENGTH = 1_000_000  # spacy.Language.max_length's default
LONG_PARAGRAPHS = [
    "North Korea has sent thousands of workers to the Alabuga Special Economic Zone.",
    "Iran supplied drones to Russia last year, officials said.",
    "China invested in ports in the Russian Far East.",
]


def write_long_article(path: Path, megabytes: float, crlf: bool = False) -> list[str]:
    """Real paragraphs spread over ``megabytes`` of blank-line padding (cheap for spaCy,
    so the test measures reading, chunking and offsets, not tagging speed)."""
    newline = "\r\n" if crlf else "\n"
    pad = (newline + " " * 98) * int(megabytes * 1e6 / 100 / (len(LONG_PARAGRAPHS) * 3))
    with path.open("w", encoding="utf-8", newline="") as handle:
        for _ in range(3):
            for paragraph in LONG_PARAGRAPHS:
                handle.write(paragraph + newline + newline + pad)
        handle.write("Belarus deployed troops to Ukraine." + newline)
    return LONG_PARAGRAPHS + ["Belarus deployed troops to Ukraine."]


def peak_rss_mb(code: str, *args: str) -> tuple[float, str]:
    """Run ``code`` in a fresh interpreter; its peak RSS in MB and its stdout."""
    wrapper = ("import resource, subprocess, sys\n"
               "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
               "assert done.returncode == 0, done.stderr\n"
               "sys.stdout.write(done.stdout)\n"
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n")
    done = subprocess.run([sys.executable, "-c", wrapper, *([sys.executable, "-c", code] if code else []),
                           *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    *output, peak = done.stdout.splitlines()
    return float(peak), "\n".join(output)


@pytest.mark.slow
def test_50mb_article_is_read_and_chunked_under_spacys_limit_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    write_long_article(path, 50, crlf=True)
    assert path.stat().st_size > 50e6
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from alliance_graph.config import CHUNK_CHARS\n"
        "from alliance_graph.extract.readers import read_documents\n"
        "from alliance_graph.extract import split_text\n"
        "started = time.perf_counter()\n"
        "(document,) = read_documents(Path(sys.argv[1]))\n"
        "position = 0\n"
        "for offset, chunk in split_text(document.text):\n"
        "    assert offset == position and 0 < len(chunk) <= CHUNK_CHARS, (offset, len(chunk))\n"
        "    position += len(chunk)\n"
        "assert position == len(document.text) and '\\r' not in document.text\n"
        "print(time.perf_counter() - started)\n"
    )
    peak, seconds = peak_rss_mb(code, str(path))
    assert float(seconds) < 30
    from alliance_graph.config import CHUNK_CHARS

    assert CHUNK_CHARS < SPACY_MAX_LENGTH
    # bytes + decoded text + chunks: a few copies of the file, never the tens of GB that
    # spaCy would need for one 50 MB Doc (and it refuses texts above max_length anyway)
    assert peak < 400, f"reading and chunking a 50 MB article peaked at {peak:.0f} MB"


@pytest.mark.slow
def test_article_longer_than_spacys_max_length_is_extracted_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    paragraphs = write_long_article(path, 3.5, crlf=True)
    baseline, _ = peak_rss_mb("", str(SCRIPT), "extract", str(write_tiny(tmp_path)))
    peak, output = peak_rss_mb("", str(SCRIPT), "extract", str(path))
    claims = [json.loads(line) for line in output.splitlines()]
    text = path.open(encoding="utf-8").read()  # universal newlines, as the offsets promise
    assert len(text) > 3 * SPACY_MAX_LENGTH
    for claim in claims:
        assert text[claim["char_start"]:claim["char_end"]] == claim["evidence"]
    found = {claim["evidence"].strip() for claim in claims}
    assert paragraphs[-1] in found, "the claims after the last chunk boundary were lost"
    assert {p for p in paragraphs if p in found} >= {paragraphs[0], paragraphs[-1]}
    assert max(claim["char_start"] for claim in claims) > 3 * SPACY_MAX_LENGTH
    assert peak - baseline < 300, f"peak RSS {peak:.0f} MB vs {baseline:.0f} MB for a tiny file"


def write_tiny(folder: Path) -> Path:
    path = folder / "tiny.txt"
    path.write_text("Russia and China met in Beijing.\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["spaces", "one_token", "one_line_prose", "blank_lines"])
def test_chunking_is_linear_on_pathological_long_texts(kind: str) -> None:
    import time

    from alliance_graph.config import CHUNK_CHARS
    from alliance_graph.extract import split_text

    size = 10_000_000
    text = {"spaces": " " * size, "one_token": "x" * size,
            "one_line_prose": ("Iran supplied drones to Russia, officials said. " * (size // 48)),
            "blank_lines": "\n" * size}[kind]
    started = time.perf_counter()
    chunks = split_text(text)
    elapsed = time.perf_counter() - started
    assert "".join(chunk for _, chunk in chunks) == text
    assert all(0 < len(chunk) <= CHUNK_CHARS for _, chunk in chunks)
    assert elapsed < 3, f"cutting 10 MB of {kind} took {elapsed:.1f} s"


def test_build_survives_files_deleted_while_it_runs(tmp_path: Path) -> None:
    from alliance_graph.pipeline import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index in range(12):
        (corpus / f"{index:02d}.txt").write_text(f"Article {index}. {GOOD_ARTICLE}", encoding="utf-8")
    doomed = [corpus / f"{index:02d}.txt" for index in range(6, 12)]

    def delete_the_rest(done: int, claims: int) -> None:
        for path in doomed:
            path.unlink(missing_ok=True)

    summary = build([corpus], tmp_path / "out", batch_size=1, jobs=1, html=False,
                    on_progress=delete_the_rest)
    vanished = [path for path, reason in summary.skipped if "disappeared" in reason]
    assert vanished, "every file was read before the first batch was stored"
    assert summary.documents_read + len(vanished) == 12
    assert (tmp_path / "out" / "claims.jsonl").exists()


@pytest.mark.parametrize("start", ["MZ Ventures", "RIFF between", "BZh"])
def test_text_starting_like_a_file_signature_is_still_an_article(tmp_path: Path, start: str) -> None:
    path = tmp_path / "headline.txt"
    path.write_text(f"{start} and Russia: North Korea sent troops to Kursk.\n", encoding="utf-8")
    (document,), skipped, _ = collect([path])
    assert skipped == [] and document.text.startswith(start)


def test_markdown_articles_are_read_as_plain_prose(tmp_path):
    from alliance_graph.extract.readers import iter_documents

    article = tmp_path / "note.md"
    article.write_text("# Drones for Moscow\n\n> **Iran** shipped [Shahed drones](https://example.org) "
                       "to *Russia*, officials said.\n\n- `Geran-2` is the Russian name\n",
                       encoding="utf-8")
    (document,) = iter_documents([article])
    assert document.title == "Drones for Moscow"
    assert document.text.startswith("Drones for Moscow\n\nIran shipped Shahed drones to Russia,")
    assert "Geran-2 is the Russian name" in document.text
    for markup in ("**", "](", "`", "> ", "# "):
        assert markup not in document.text
