"""Store sharing: readers open the store read-only while a writer (another process) holds it; a second writer
fails with one line, or waits for the lock with --wait."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.errors import StoreError
from kgraph.store import Store

SEEDS = str(Path(__file__).resolve().parent.parent / "seeds")
ARTICLE = "nato-russia-drone-incursions"

# Opens the store for writing (the lock), says so, and holds it until its stdin closes.
HOLDER = textwrap.dedent(
    """
    import sys
    from kgraph.store import Store

    with Store(sys.argv[1]) as store:
        print(len(store), flush=True)
        sys.stdin.read()
    """
)


@pytest.fixture
def store_dir(tmp_path, seed_dataset):
    with Store(tmp_path / "kb") as store:
        store.add_dataset(seed_dataset)
    return tmp_path / "kb"


@pytest.fixture
def holder(store_dir):
    """A second process holding the store open for writing; ``holder.release()`` lets it exit."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store_dir)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdin is not None
    assert int(process.stdout.readline()) > 0  # it has the store open

    def release() -> None:
        if process.stdin and not process.stdin.closed:
            process.stdin.close()

    process.release = release  # type: ignore[attr-defined]
    yield process
    release()
    process.wait(timeout=30)


def test_readers_read_while_another_process_writes(store_dir, holder):
    runner = CliRunner()
    count = runner.invoke(main, ["query", "--store", str(store_dir), "SELECT (COUNT(*) AS ?n) { ?a a kg:Article }"])
    assert count.exit_code == 0, count.output
    assert count.stdout.splitlines() == ["n", "-", "1", "(1 row)"]
    stats = runner.invoke(main, ["stats", "--store", str(store_dir)])
    assert stats.exit_code == 0, stats.output
    assert "Traceback" not in stats.output and "locked" not in stats.output
    listing = runner.invoke(main, ["articles", "--store", str(store_dir)])
    assert listing.exit_code == 0 and ARTICLE in listing.stdout
    with Store(store_dir, create=False, reader=True) as first, Store(store_dir, create=False, reader=True) as second:
        assert first.read_only and second.read_only
        assert len(first) == len(second) > 0


def test_a_reader_sees_the_store_as_it_was_when_it_opened(store_dir):
    with Store(store_dir, create=False) as writer:
        reader = Store(store_dir, create=False, reader=True)
        before = len(reader)
        assert writer.remove(ARTICLE)
        assert len(reader) == before  # its snapshot
        reader.close()
    with Store(store_dir, create=False, reader=True) as later:
        assert len(later) == 0


def test_a_second_writer_fails_with_one_line(store_dir, holder):
    result = CliRunner().invoke(main, ["remove", ARTICLE, "--store", str(store_dir)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: store {store_dir} is locked by another writer (a build, a remove, an Oxigraph server); wait for "
        "it to finish, or pass --wait SECONDS\n"
    )
    waited = CliRunner().invoke(main, ["remove", ARTICLE, "--store", str(store_dir), "--wait", "0.5"])
    assert waited.exit_code == 1
    assert waited.stderr == (
        f"Error: store {store_dir} is still locked by another writer after 0.5 s; try again later or wait longer\n"
    )
    build = CliRunner().invoke(main, ["build", SEEDS, "--store", str(store_dir), "-q"])
    assert build.exit_code == 1 and "is locked by another writer" in build.stderr


def test_a_writer_with_wait_goes_on_once_the_holder_exits(store_dir, holder):
    threading.Timer(1.0, holder.release).start()  # the holder exits while remove waits
    result = CliRunner().invoke(main, ["remove", ARTICLE, "--store", str(store_dir), "--wait", "120"])
    assert result.exit_code == 0, result.output
    assert f"removed {ARTICLE}" in result.stderr
    assert holder.wait(timeout=30) == 0
    with Store(store_dir, create=False, reader=True) as store:
        assert store.graphs() == []


def test_build_with_wait_goes_on_once_the_holder_exits(tmp_path, store_dir, holder):
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "border.txt").write_text("Border\nBelarus threatened Lithuania.\n", encoding="utf-8")
    threading.Timer(1.0, holder.release).start()
    result = CliRunner().invoke(main, ["build", str(articles), "--store", str(store_dir), "--wait", "120", "-q"])
    assert result.exit_code == 0, result.output
    with Store(store_dir, create=False, reader=True) as store:
        assert len(store.graphs()) == 2


@pytest.mark.parametrize("value", ["0", "-1", "nan", "soon"])
def test_wait_must_be_a_positive_number(store_dir, value):
    result = CliRunner().invoke(main, ["remove", ARTICLE, "--store", str(store_dir), "--wait", value])
    assert result.exit_code == 2
    assert "Invalid value for '--wait'" in result.stderr


def test_library_writer_waits_or_says_locked(store_dir):
    with Store(store_dir, create=False), pytest.raises(StoreError, match="locked by another writer"):
        Store(store_dir, create=False)
