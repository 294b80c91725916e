"""notebooks/explore.ipynb runs from top to bottom in a real Jupyter kernel (this venv's Python), so it cannot rot.
A failing cell fails the test with the cell's error."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
KERNEL = "kgraph-test-venv"


def install_kernel(folder: Path, monkeypatch: pytest.MonkeyPatch, python: str | Path, name: str = KERNEL) -> str:
    """A kernelspec for ``python`` in a private JUPYTER_PATH under ``folder``: the notebook runs against that
    Python's kgraph, not whatever `python3` kernel the machine has. Returns the kernel name."""
    spec = folder / "jupyter" / "kernels" / name
    spec.mkdir(parents=True)
    argv = [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": name, "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(folder / "jupyter"))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # jupyter_core's future default; silences its warning
    return name


@pytest.fixture
def venv_kernel(tmp_path, monkeypatch):
    """A kernel running the Python that runs the tests."""
    return install_kernel(tmp_path, monkeypatch, sys.executable)


def test_the_notebook_is_stored_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(cell.outputs == [] and cell.execution_count is None for cell in code)


def run_notebook(path: Path, kernel: str) -> nbformat.NotebookNode:
    """Execute the notebook at ``path`` in its own folder; raises CellExecutionError (with the cell and its
    traceback) if any cell fails."""
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook, kernel_name=kernel, timeout=300, resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    return notebook


def check_outputs(notebook: nbformat.NotebookNode) -> None:
    """What a reader should see: tables, a path with its sentences, `why`, one view, and no error or warning."""
    outputs = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    assert not [out for out in outputs if out.get("name") == "stderr"], "a cell printed warnings or errors"
    text = "".join(out.get("text", "") for out in outputs if out.output_type == "stream")
    assert any(line.split()[:3] == ["attackerLabel", "|", "relation"] for line in text.splitlines())  # a table
    lines = text.splitlines()
    assert any(re.fullmatch(r".+ --\w+--> .+", line) for line in lines)  # a path step ...
    assert any(line.startswith('    "') for line in lines)  # ... and the sentence behind it
    assert any(line.startswith("[asserted] ") for line in lines)  # `why`
    frames = [out["data"]["text/html"] for out in outputs if "text/html" in out.get("data", {})]
    assert len(frames) == 1 and frames[0].startswith('<iframe sandbox="allow-scripts"')
    assert "srcdoc=" in frames[0] and "&lt;html" in frames[0].lower()


def test_the_notebook_runs_outside_the_checkout(venv_kernel, tmp_path):
    """In a folder of its own (no seeds/ above it), as a user who installed kgraph runs it."""
    copy = tmp_path / "explore.ipynb"
    shutil.copy(NOTEBOOK, copy)
    check_outputs(run_notebook(copy, venv_kernel))
