"""Output files are written to a temporary sibling and renamed into place, so a killed run
never leaves a half-written ``claims.jsonl``, ``graph.ttl`` or ``graph.html`` behind.

The temporary file is named ``.<name>.<pid>.<random>.tmp``: a run killed with SIGKILL cannot
remove its own, so the next write of the same file removes those whose process is gone.
"""
from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or a platform without signal 0: leave it
    return True


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Delete temporary files of ``target`` left by killed processes; return them."""
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.(\d+)\.[^.]+\.tmp$")
    removed = []
    with contextlib.suppress(OSError):
        for sibling in target.parent.iterdir():
            match = pattern.match(sibling.name)
            if match and not _process_alive(int(match.group(1))):
                with contextlib.suppress(OSError):
                    sibling.unlink()
                    removed.append(sibling)
    return removed


def _fsync_directory(directory: Path) -> None:
    # The rename is durable only once the directory entry is on disk (POSIX; not on Windows).
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], mode: str = "w",
                  encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file next to ``path``; on success fsync it and rename it over ``path``.

    If the block raises, the temporary file is removed and ``path`` keeps its old content.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "claims.jsonl"
    >>> with atomic_writer(target) as handle:
    ...     _ = handle.write("{}\\n")
    >>> target.read_text()
    '{}\\n'
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp",
                                    dir=target.parent)
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding,
                       newline=None if "b" in mode else "\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            # mkstemp creates 0600; an output replaced in place keeps the mode it had.
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, target)
        _fsync_directory(target.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
