"""Every docstring example in the package runs and gives what it shows."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

# The stage folders are mapped into the package by setuptools (package-dir), so each is
# walked from its own __path__.
PACKAGES = ("alliance_graph", "alliance_graph.extract", "alliance_graph.ontology", "alliance_graph.graph")
MODULES = sorted({
    info.name
    for package in PACKAGES
    for info in pkgutil.iter_modules(importlib.import_module(package).__path__, package + ".")
    if not info.ispkg and not info.name.endswith("__main__")
} | set(PACKAGES))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
