"""A real Virtuoso 7 server for tests (Debian's `virtuoso-opensource`): `virtuoso-t` in the foreground on
127.0.0.1, two free ports (SQL and HTTP) and a folder with a virtuoso.ini of its own; killed when done.

Anonymous SPARQL may write (the SPARQL user gets the SPARQL_UPDATE role, as an admin would grant it), so that
``/sparql-graph-crud`` takes Graph Store Protocol requests; ``/sparql-graph-crud-auth`` and ``/sparql-auth``
want HTTP Digest as user dba with ``PASSWORD``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from oxigraph_server import LocalServer, free_port

PASSWORD = "dba"  # Virtuoso's default password of dba in a new database
_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}/vsp
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


def virtuoso_missing() -> str | None:
    """Why Virtuoso cannot run here, or None."""
    for tool in ("virtuoso-t", "isql-vt"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian: apt-get install virtuoso-opensource; make system-deps)"
    return None


class VirtuosoServer(LocalServer):
    """``with VirtuosoServer(folder) as server: server.url`` -> ``http://127.0.0.1:PORT`` (preset virtuoso)."""

    def __init__(self, folder: str | Path) -> None:
        super().__init__()
        self.folder = Path(folder)
        self.sql_port = self.http_port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def probe(self) -> str:
        return f"{self.url}/sparql?query=ASK%7B%7D"

    def start(self, ready_within: float = 60.0) -> VirtuosoServer:
        for _ in range(3):  # another process may take a free port between picking and binding it
            shutil.rmtree(self.folder, ignore_errors=True)
            (self.folder / "vsp").mkdir(parents=True)
            self.sql_port, self.http_port = free_port(), free_port()
            ini = _INI.format(dir=self.folder, sql_port=self.sql_port, http_port=self.http_port)
            (self.folder / "virtuoso.ini").write_text(ini, encoding="utf-8")
            log = (self.folder / "stdout.log").open("wb")
            self.process = subprocess.Popen(
                ["virtuoso-t", "-f", "-c", "virtuoso.ini"], cwd=self.folder, stdout=log, stderr=subprocess.STDOUT
            )
            log.close()
            if self._wait_ready(ready_within):
                self.sql('GRANT SPARQL_UPDATE TO "SPARQL";')
                return self
            self.stop()
        raise RuntimeError(f"virtuoso-t did not start: {self._log()}")

    def sql(self, statement: str) -> str:
        done = subprocess.run(
            ["isql-vt", str(self.sql_port), "dba", PASSWORD, f"exec={statement}"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql {statement!r} failed: {done.stdout}{done.stderr}")
        return done.stdout

    def _log(self) -> str:
        path = self.folder / "stdout.log"
        return path.read_text("utf-8", "replace")[-500:] if path.is_file() else ""
