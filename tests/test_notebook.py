"""The walkthrough notebook runs top to bottom on the bundled examples."""
from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "walkthrough.ipynb"


@pytest.mark.slow
def test_walkthrough_runs_top_to_bottom(examples_dir):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(examples_dir.parent)}})
    client.execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code"
               for output in cell.get("outputs", [])]
    assert not [output for output in outputs if output.output_type == "error"]
    html = [output["data"]["text/html"] for output in outputs
            if output.output_type in ("display_data", "execute_result")
            and "text/html" in output.get("data", {})]
    assert any("<table>" in item and "supplies_weapons_to" in item for item in html)
    assert any("<iframe srcdoc=" in item for item in html)
    assert any("image/png" in output.get("data", {}) for output in outputs)
