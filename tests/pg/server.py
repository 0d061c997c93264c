"""A throwaway PostgreSQL server for the tests, started from the installed server binaries.

The server runs from a fresh data directory under a temporary folder, listens only on
the loopback address at a free port (plus a unix socket in a folder it owns), trusts
local connections (nothing leaves the machine) and is stopped and removed at the end.
``initdb`` refuses to run as root, so when the tests run as root (as in CI) the
server's processes run as an unprivileged user (``nobody``) that owns the folder. The
server is a child of the test process and is stopped by the kernel if that process dies,
so an interrupted or killed run leaves no server behind (Linux; the suite runs there).
"""

from __future__ import annotations

import ctypes
import glob
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

INSTALL_HINT = (
    "No PostgreSQL server was found (looked for initdb in $SECRESPONDER_PG_BIN, "
    "/usr/lib/postgresql/*/bin and on PATH); install it with "
    "`sudo apt-get install postgresql` (Debian/Ubuntu) and run the tests again."
)
UNPRIVILEGED_USER = "nobody"
SUPERUSER = "pgadmin"
START_TIMEOUT_S = 60
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
# Members of this role must log in with a password (scram over TCP), to test libpq's
# password file; every other role is trusted.
PASSWORD_GROUP = "password_users"


class ServerUnavailable(RuntimeError):
    """The server binaries are missing or the server would not start."""


def find_bindir() -> Path:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``; newest version first."""
    candidates: list[Path] = []
    explicit = os.environ.get("SECRESPONDER_PG_BIN")
    if explicit:
        candidates.append(Path(explicit))

    def version_key(path: str) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", path))

    for found in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version_key, reverse=True):
        candidates.append(Path(found))
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for folder in candidates:
        if all((folder / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return folder
    raise ServerUnavailable(INSTALL_HINT)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class ThrowawayServer:
    """One running server; ``url(db)`` names a database on it as the superuser."""

    bindir: Path
    base: Path
    port: int = 0
    _run_as: tuple[int, int] | None = field(default=None, repr=False)
    _process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def data_dir(self) -> Path:
        return self.base / "data"

    @property
    def socket_dir(self) -> Path:
        return self.base / "socket"

    @property
    def log_file(self) -> Path:
        return self.base / "server.log"

    def url(self, database: str = "postgres", *, user: str = SUPERUSER, query: str = "") -> str:
        tail = f"?{query}" if query else ""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}{tail}"

    # --- life cycle -----------------------------------------------------------------

    @classmethod
    def start(cls, *, durable: bool = False) -> ThrowawayServer:
        """Start a server; ``durable`` keeps PostgreSQL's own fsync settings (benchmarks)."""
        bindir = find_bindir()
        base = Path(tempfile.mkdtemp(prefix="secresponder-pg-"))
        server = cls(bindir=bindir, base=base, _run_as=_unprivileged_ids())
        try:
            server._init()
            server._launch(durable=durable)
        except BaseException:
            server.stop()
            raise
        return server

    def _process_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {
            "cwd": self.base,
            # HOME and the locale are the server's own; nothing of the caller's leaks in.
            "env": {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8",
                    "HOME": str(self.base)},
        }
        if self._run_as is not None:
            uid, gid = self._run_as
            options.update(user=uid, group=gid, extra_groups=[])
        return options

    def _run(self, args: list[str], *, timeout: float = START_TIMEOUT_S) -> None:
        result = subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                                check=False, **self._process_options())
        if result.returncode != 0:
            raise ServerUnavailable(
                f"{args[0]} failed ({result.returncode}): {result.stderr.strip()[-2000:]} "
                f"{self._log_tail()}"
            )

    def _log_tail(self) -> str:
        if not self.log_file.exists():
            return ""
        return self.log_file.read_text(errors="replace")[-2000:]

    def _init(self) -> None:
        self.socket_dir.mkdir()
        if self._run_as is not None:
            uid, gid = self._run_as
            for path in (self.base, self.socket_dir):
                os.chown(path, uid, gid)
        self._run([
            str(self.bindir / "initdb"), "-D", str(self.data_dir), "-U", SUPERUSER,
            "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
        ])
        # Password roles must prove it over TCP (to test libpq's password file); the rest
        # are trusted, and only from this machine.
        (self.data_dir / "pg_hba.conf").write_text(
            "local all all trust\n"
            f"host all +{PASSWORD_GROUP} 127.0.0.1/32 scram-sha-256\n"
            "host all all 127.0.0.1/32 trust\n"
        )

    def _launch(self, *, durable: bool) -> None:
        settings = [
            "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.socket_dir}",
            "-c", "max_connections=60", "-c", "shared_buffers=32MB",
        ]
        if not durable:  # a test server: durability off, so creating databases is quick
            settings += ["-c", "fsync=off", "-c", "synchronous_commit=off",
                         "-c", "full_page_writes=off"]
        for _attempt in range(5):
            self.port = free_port()
            # The server is this process's own child, not a daemon: if the tests are killed,
            # the kernel stops it (see _stop_with_parent) instead of leaving it running.
            with self.log_file.open("ab") as log:
                self._process = subprocess.Popen(
                    [str(self.bindir / "postgres"), "-D", str(self.data_dir),
                     "-p", str(self.port), *settings],
                    stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                    preexec_fn=_stop_with_parent, **self._process_options(),
                )
            if self._wait_ready():
                return
            # Another process took the port between probing and binding: try another.
            if "could not bind" not in self._log_tail() and "in use" not in self._log_tail():
                raise ServerUnavailable(f"PostgreSQL did not start: {self._log_tail()}")
        raise ServerUnavailable("PostgreSQL could not find a free loopback port to listen on.")

    def _wait_ready(self) -> bool:
        """True once the server accepts connections; False if it exited first."""
        assert self._process is not None
        deadline = time.monotonic() + START_TIMEOUT_S
        pid_file = self.data_dir / "postmaster.pid"
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                return False
            try:
                # The file's last line says "ready" once connections are accepted.
                if pid_file.read_text().splitlines()[-1].strip() == "ready":
                    return True
            except (OSError, IndexError):
                pass
            time.sleep(0.05)
        raise ServerUnavailable(f"PostgreSQL did not become ready within {START_TIMEOUT_S} s.")

    def stop(self) -> None:
        """Stop the server (if running) and remove its folder."""
        try:
            if self._process is not None and self._process.poll() is None:
                self._process.send_signal(signal.SIGQUIT)  # immediate: the data goes anyway
                try:
                    self._process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.wait()
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


def _stop_with_parent() -> None:
    """In the server's process, before it starts: stop when the process that started it dies.

    Runs after the switch to the unprivileged user (which would clear the setting).
    """
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGQUIT)


def _unprivileged_ids() -> tuple[int, int] | None:
    """(uid, gid) to run the server as when we are root; None when we are not."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(UNPRIVILEGED_USER)
    except KeyError:
        raise ServerUnavailable(
            f"The tests run as root and there is no {UNPRIVILEGED_USER!r} user to run "
            "PostgreSQL as (initdb refuses root)."
        ) from None
    return entry.pw_uid, entry.pw_gid

