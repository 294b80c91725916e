"""kgraph as a user gets it: the wheel built from this checkout, installed into a fresh venv, run from a folder
that is not the checkout. Ontologies, shapes, saved queries, view assets and the notebook's sample article must
all come from the installed package.

Offline: the wheel is built with this venv's setuptools (no build isolation); the new venv gets only the wheel,
and finds the dependencies through a .pth file naming this venv's site-packages. A directory named in a .pth
file is added to sys.path without its own .pth files being run, so the checkout's editable install (a .pth hook
in that folder) stays out: ``kgraph.__file__`` proves the import comes from the new venv.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from test_notebook import NOTEBOOK, check_outputs, install_kernel, run_notebook

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = """Russia attacks Ukraine again

Russian forces attacked Ukraine on Monday. NATO condemned the attack. Poland said it would support Ukraine.
"""

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, f"{args}: exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(bin folder of a fresh venv with the kgraph wheel installed, environment to run it in)."""
    tmp = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    # built from a copy of what the wheel is made of: setuptools leaves build/ behind in the source folder, and a
    # stale build/ would carry deleted modules into the next wheel
    source = tmp / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "kgraph", source / "kgraph", ignore=shutil.ignore_patterns("__pycache__"))
    wheels = tmp / "wheels"
    pip = [sys.executable, "-m", "pip"]
    run(*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", wheels, source, cwd=tmp, env=env)
    (wheel,) = wheels.glob("kgraph-*.whl")
    venv = tmp / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp, env=env)
    python = venv / "bin" / "python"
    site = Path(
        run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp, env=env).stdout.strip()
    )
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    run(*pip, "--python", python, "install", "--no-deps", "--no-index", wheel, cwd=tmp, env=env)
    return venv / "bin", env


def test_kgraph_is_imported_from_the_new_venv(installed, tmp_path):
    bin_dir, env = installed
    where = run(bin_dir / "python", "-c", "import kgraph; print(kgraph.__file__)", cwd=tmp_path, env=env).stdout
    assert Path(where.strip()).is_relative_to(bin_dir.parent), where
    assert not Path(where.strip()).is_relative_to(ROOT)


def test_the_readme_commands_run_outside_the_checkout(installed, tmp_path):
    bin_dir, env = installed
    kgraph = bin_dir / "kgraph"
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    run(kgraph, "build", "article.txt", "-o", "graph.ttl", "-o", "graph.trig", cwd=tmp_path, env=env)
    assert (tmp_path / "graph.trig").stat().st_size > 0
    rows = run(kgraph, "query", "--data", "graph.trig", "--saved", "who-attacked-whom", cwd=tmp_path, env=env)
    assert "Russia" in rows.stdout and "Ukraine" in rows.stdout
    run(kgraph, "view", "--data", "graph.trig", "-o", "graph.html", cwd=tmp_path, env=env)
    assert "<html" in (tmp_path / "graph.html").read_text(encoding="utf-8").lower()
    run(kgraph, "validate", "--data", "graph.trig", cwd=tmp_path, env=env)


def test_the_notebook_runs_on_the_installed_wheel(installed, tmp_path, monkeypatch):
    bin_dir, _ = installed
    kernel = install_kernel(tmp_path, monkeypatch, bin_dir / "python", "kgraph-wheel")
    monkeypatch.delenv("PYTHONPATH", raising=False)
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    shutil.copy(NOTEBOOK, folder / "explore.ipynb")
    check_outputs(run_notebook(folder / "explore.ipynb", kernel))
