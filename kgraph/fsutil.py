"""Output files written whole or not at all: a temp file beside the target, fsync, rename over it.

Every file kgraph writes (RDF, exports, HTML views) goes through ``AtomicFile``, so an existing output is
either left as it was or fully replaced, never half-written, and gets the permissions a plain ``open()`` would
give it (0o666 less the umask): ``mkstemp`` alone makes 0600 files another user's triple store cannot read.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from types import TracebackType

from .errors import StoreError


def _umask() -> int:
    # no call reads the umask without setting it: set it back at once (kgraph writes from one thread)
    umask = os.umask(0)
    os.umask(umask)
    return umask


class AtomicFile:
    """A binary file that appears at ``path`` only on ``commit()``; ``discard()`` (or an exception inside
    ``with``) leaves any existing file untouched. Raises StoreError when the folder is missing or unwritable."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        folder = self.path.parent if str(self.path.parent) else Path(".")
        if not folder.is_dir():
            raise StoreError(f"{self.path}: folder {folder} does not exist")
        try:
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise StoreError(f"cannot write {self.path}: {exc.strerror or exc}") from exc
        self.handle = os.fdopen(fd, "wb")
        self._done = False

    def write(self, data: bytes) -> None:
        self.handle.write(data)

    def commit(self) -> None:
        """Flush to disk, give the file the umask's permissions and rename it over the target."""
        if self._done:
            return
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            os.chmod(self._tmp, 0o666 & ~_umask())
            os.replace(self._tmp, self.path)
        except BaseException:
            self.discard()
            raise
        self._done = True

    def discard(self) -> None:
        if self._done:
            return
        self._done = True
        self.handle.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._tmp)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically. OSError from writing is raised as StoreError."""
    try:
        with AtomicFile(path) as out:
            out.write(data)
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from exc
