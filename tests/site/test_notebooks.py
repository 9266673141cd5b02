"""Every notebook, in both languages, runs top to bottom, offline, and is committed with
its outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "docs" / "notebooks").glob("*.ipynb"))


def test_one_notebook_per_lecture():
    """One Chinese notebook per lecture (each has its English one: test_languages.py)."""
    lectures = sorted(p.stem for p in (ROOT / "exercises").glob("l*.py"))
    prefixes = sorted(p.name.split("_")[0] for p in NOTEBOOKS if not p.name.endswith(".en.ipynb"))
    assert prefixes == sorted(name.split("_")[0] for name in lectures)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_committed_executed(path):
    """The site shows the committed outputs (mkdocs-jupyter runs with execute: false)."""
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code
    unrun = [i for i, cell in enumerate(code) if cell.execution_count is None]
    assert not unrun, f"{path.name}: code cells {unrun} have no output; run `python scripts/make_figures.py --notebooks`"
    errors = [o for cell in code for o in cell.outputs if o.output_type == "error"]
    assert not errors, f"{path.name}: committed with an error output"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes_offline(path, monkeypatch):
    """Run a copy in memory; any attempt to reach the network through a proxy-aware client fails."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.setenv(var, "http://127.0.0.1:9")  # discard port: nothing listens
    monkeypatch.setenv("NO_PROXY", "")
    monkeypatch.setenv("no_proxy", "")
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert any(o.output_type in ("display_data", "execute_result") for o in outputs)
