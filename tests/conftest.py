"""Shared fixtures: one spaCy pipeline per test session, and the bundled examples."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline with alliance-graph's components, loaded once."""
    from alliance_graph.extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The bundled example articles (several input formats)."""
    return REPO_ROOT / "examples"


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's chromium, installed by .ci/run; browser tests skip without it."""
    if CHROMIUM is None:
        pytest.skip("Debian chromium is not installed (apt-get install chromium); .ci/run installs it")
    return CHROMIUM


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where tests leave files worth looking at (screenshots)."""
    path = REPO_ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path
