"""What keeps a store whole while it is written: the writers' lock, and the snapshot a large write can go back to.

- ``WriterLock``: kgraph's own lock file in the store folder (``flock``), held by every kgraph writer for as long
  as its Store is open, so only one of them writes, restores or waits at a time (Oxigraph's RocksDB lock is let
  go while a failed write is put back, and is not enough for that).
- The snapshot: before a write too large for one Oxigraph transaction (whose memory grows with the write), the
  folder gets a snapshot (Oxigraph's backup: a RocksDB checkpoint of hard links, taken in milliseconds) in
  ``SNAPSHOT``; the write then goes in bounded pieces, and the snapshot is dropped once all of it is on disk. A
  write that fails is undone by putting the snapshot back; one that was killed, by the next writer before it
  opens the store. Readers that find a snapshot read it: they see the store as it was before, never half a write.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from pathlib import Path

from ..errors import StoreLockedError

SNAPSHOT = "kgraph-undo"  # a complete checkpoint: RocksDB builds it as SNAPSHOT.tmp and renames it when done
WRITER_LOCK = "kgraph-writer.lock"
_DROPPED = SNAPSHOT + ".dropped"  # renamed first, so the snapshot is gone at once; its files are removed after
_KEEP = {SNAPSHOT, _DROPPED, SNAPSHOT + ".tmp", WRITER_LOCK, "LOCK"}  # what putting the snapshot back leaves
_POLL = 0.2  # seconds between a waiting writer's tries


def locked_message(path: Path | None, wait: float) -> str:
    if wait:
        return f"store {path} is still locked by another writer after {wait:g} s; try again later or wait longer"
    return (
        f"store {path} is locked by another writer (a build, a remove, an Oxigraph server); wait for it to "
        "finish, or pass --wait SECONDS"
    )


def pause(deadline: float) -> bool:
    """Sleep a little before trying a lock again; False when the deadline (time.monotonic) has passed."""
    left = deadline - time.monotonic()
    if left <= 0:
        return False
    time.sleep(min(_POLL, left))
    return True


class WriterLock:
    """kgraph's writer lock on a store folder (created when missing), tried until ``deadline``."""

    def __init__(self, path: Path, deadline: float, wait: float) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self._file = open(path / WRITER_LOCK, "a+b")  # noqa: SIM115 (held until release)
        while True:
            try:
                fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if not pause(deadline):
                    self._file.close()
                    raise StoreLockedError(locked_message(path, wait)) from None

    def release(self) -> None:
        self._file.close()  # closing the file lets the lock go


def snapshot_path(path: Path) -> Path:
    return path / SNAPSHOT


def pending(path: Path) -> bool:
    """A snapshot is there: a large write is under way, or was killed and is to be undone."""
    return (path / SNAPSHOT / "CURRENT").is_file()


def clear_leftovers(path: Path) -> None:
    """Remove a half-made snapshot (a kill while it was taken) and the files of a dropped one."""
    for name in (SNAPSHOT + ".tmp", _DROPPED):
        shutil.rmtree(path / name, ignore_errors=True)


def drop(path: Path) -> None:
    """The write is complete: the snapshot goes (readers open the store itself from now on)."""
    os.replace(path / SNAPSHOT, path / _DROPPED)
    shutil.rmtree(path / _DROPPED, ignore_errors=True)


def restore(path: Path) -> None:
    """Put the snapshot back as the store; the caller holds the writer lock and has no database open on the
    folder. Safe to repeat after a kill half-way: the snapshot is dropped only when its files are all back."""
    snapshot = path / SNAPSHOT
    for entry in path.iterdir():
        if entry.name not in _KEEP:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    for entry in snapshot.iterdir():
        os.link(entry, path / entry.name)  # the snapshot's files are immutable: linking is enough
    drop(path)
