"""Output files written whole or not at all: a temp file beside the target, fsync, rename over it.

Every file kgraph writes (RDF, exports, HTML views) goes through ``AtomicFile``, so an existing output is
either left as it was or fully replaced, never half-written, and gets the permissions a plain ``open()`` would
give it (0o666 less the umask): ``mkstemp`` alone makes 0600 files another user's triple store cannot read.

The temp file is named ``.NAME.PID.XXXXXXXX.tmp`` after the process writing it: a failed write removes it, and
one left by a killed process (SIGKILL, a power cut) is removed by the next write of the same output once no
process of that id runs. An output that is a device or a pipe (``-o /dev/null``) is written to directly: the
device is never replaced by a file.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import stat
import tempfile
from pathlib import Path
from types import TracebackType

from .errors import StoreError


def _umask() -> int:
    # no call reads the umask without setting it: set it back at once (kgraph writes from one thread)
    umask = os.umask(0)
    os.umask(umask)
    return umask


def os_reason(exc: OSError) -> str:
    """What an OSError means to the user, in a few words (a full disk said as such)."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full (no space left on device)"
    if exc.errno == errno.EFBIG:
        return "file too large (a file-size limit was reached)"
    return str(exc.strerror or exc)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def clean_stale_temp_files(path: Path) -> list[Path]:
    """Remove the temp files that processes no longer running left beside ``path``; returns them."""
    removed = []
    folder = path.parent if str(path.parent) else Path(".")
    for tmp in folder.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = tmp.name[len(path.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                tmp.unlink()
                removed.append(tmp)
    return removed


def _special(path: Path) -> bool:
    """A device, pipe or socket: written in place, never replaced."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


class AtomicFile:
    """A binary file that appears at ``path`` only on ``commit()``; ``discard()`` (or an exception inside
    ``with``) leaves any existing file untouched. Raises StoreError when the folder is missing or unwritable.
    A device or pipe at ``path`` is written directly (no temp file)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        folder = self.path.parent if str(self.path.parent) else Path(".")
        self._tmp: str | None = None
        self._done = False
        if _special(self.path):
            try:
                self.handle = open(self.path, "wb")  # noqa: SIM115 (closed by commit/discard)
            except OSError as exc:
                raise StoreError(f"cannot write {self.path}: {os_reason(exc)}") from exc
            return
        if not folder.is_dir():
            raise StoreError(f"{self.path}: folder {folder} does not exist")
        clean_stale_temp_files(self.path)
        try:
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise StoreError(f"cannot write {self.path}: {os_reason(exc)}") from exc
        self.handle = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        self.handle.write(data)

    def commit(self) -> None:
        """Flush to disk, give the file the umask's permissions and rename it over the target."""
        if self._done:
            return
        try:
            self.handle.flush()
            if self._tmp is None:  # a device or pipe
                self.handle.close()
            else:
                os.fsync(self.handle.fileno())
                self.handle.close()
                os.chmod(self._tmp, 0o666 & ~_umask())
                os.replace(self._tmp, self.path)
        except BaseException:
            self.discard()
            raise
        self._done = True

    def discard(self) -> None:
        """Drop the temp file. Closing may fail again (the disk still full): the file is removed all the same."""
        if self._done:
            return
        self._done = True
        try:
            self.handle.close()
        except OSError:
            pass
        finally:
            if self._tmp is not None:
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
        raise StoreError(f"cannot write {path}: {os_reason(exc)}") from exc
