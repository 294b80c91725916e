"""A real Oxigraph server for tests: `oxigraph serve` (the `oxigraph` PyPI package) on 127.0.0.1, a free port
and a folder of its own; union default graph on, so SPARQL sees every pushed article graph like a local store.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any


def oxigraph_binary() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the oxigraph server is not installed: pip install oxigraph")
    return found


def free_port() -> int:
    """A port nothing listens on right now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalServer:
    """A server process of a test's own on 127.0.0.1: ready when ``probe`` answers 200; terminated (killed if
    it will not end) when done."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None

    def probe(self) -> str:
        raise NotImplementedError

    def start(self) -> LocalServer:
        raise NotImplementedError

    def _wait_ready(self, within: float) -> bool:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(self.probe(), timeout=2) as response:
                    if response.status == 200:
                        return True
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.05)
        return False

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stderr is not None:
            self.process.stderr.close()
        self.process = None

    def __enter__(self) -> Any:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class OxigraphServer(LocalServer):
    """``with OxigraphServer(folder) as server: server.url`` -> ``http://127.0.0.1:PORT`` (store at /store,
    queries at /query)."""

    def __init__(self, location: str | Path, *, union_default_graph: bool = True) -> None:
        super().__init__()
        self.location = Path(location)
        self.union_default_graph = union_default_graph
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def probe(self) -> str:
        return f"{self.url}/query?query=ASK%7B%7D"

    def start(self, ready_within: float = 20.0) -> OxigraphServer:
        for _ in range(3):  # another process may take the free port between picking and binding it
            self.port = free_port()
            command = [oxigraph_binary(), "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"]
            if self.union_default_graph:
                command.append("--union-default-graph")
            self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            if self._wait_ready(ready_within):
                return self
            self.stop()
        raise RuntimeError(f"oxigraph serve did not start: {self._stderr()}")

    def _stderr(self) -> str:
        if self.process is None or self.process.stderr is None or self.process.poll() is None:
            return ""
        return self.process.stderr.read().decode("utf-8", "replace").strip()
