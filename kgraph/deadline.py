"""Work that may take long, run so that it can be given up: a deadline, and Ctrl-C that stops at once.

Oxigraph evaluates a query in native code that neither looks at signals nor has a time-out (Ctrl-C during a
long query over a store took 33 s to act), so the work runs in a daemon thread while the calling thread
waits: a time-out or KeyboardInterrupt reaches the caller at once and the thread is abandoned (the process
ends soon after; nothing it holds is written to).
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def within(seconds: float | None, work: Callable[[], T], on_timeout: Callable[[], BaseException]) -> T:
    """``work()``'s value, or its exception; ``on_timeout()`` is raised when it has not finished after
    ``seconds`` (None: no deadline). KeyboardInterrupt in the caller's thread is raised at once."""
    outcome: list[Any] = []
    context = contextvars.copy_context()  # the caller's settings (kgraph.network's policy) hold in the thread

    def run() -> None:
        try:
            outcome.append((True, context.run(work)))
        except BaseException as exc:  # handed to the caller's thread
            outcome.append((False, without_frames(exc)))

    worker = threading.Thread(target=run, name="kgraph-deadline", daemon=True)
    worker.start()
    worker.join(seconds)  # interruptible: Ctrl-C raises KeyboardInterrupt here
    if not outcome:
        raise on_timeout()
    ok, value = outcome[0]
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]


def without_frames(exc: BaseException) -> BaseException:
    """The exception and its causes without their tracebacks: the frames hold Oxigraph objects, which must be
    dropped on the thread that made them."""
    seen: set[int] = set()
    chain: BaseException | None = exc
    while chain is not None and id(chain) not in seen:
        seen.add(id(chain))
        chain.__traceback__ = None
        chain = chain.__cause__ or chain.__context__
    return exc
