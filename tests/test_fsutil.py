"""Output files: written atomically and with the permissions the umask gives a plain open()."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner
from conftest import SEED_ARTICLE

from kgraph.cli import main
from kgraph.errors import StoreError
from kgraph.export import export
from kgraph.fsutil import AtomicFile, atomic_write_bytes
from kgraph.render import write_view


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("suffix", [".ttl", ".trig", ".nq", ".nt", ".jsonld"])
def test_build_outputs_honour_the_umask(tmp_path, umask_022, suffix):
    out = tmp_path / f"x{suffix}"
    result = CliRunner().invoke(main, ["build", str(SEED_ARTICLE), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert mode(out) == 0o644


def test_every_writer_honours_the_umask(tmp_path, seed_dataset):
    old = os.umask(0o027)
    try:
        atomic_write_bytes(tmp_path / "a.bin", b"x")
        export(seed_dataset, tmp_path / "g.csv")
        write_view(seed_dataset, tmp_path / "g.html")
    finally:
        os.umask(old)
    assert {mode(tmp_path / n) for n in ("a.bin", "g.csv", "g.html")} == {0o640}


def test_an_aborted_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), AtomicFile(target) as out:
        out.write(b"new")
        raise RuntimeError
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]  # no temp file left behind


def test_a_missing_folder_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        atomic_write_bytes(tmp_path / "nope" / "x.ttl", b"")
