"""A throwaway PostgreSQL server for the tests, started from the installed server binaries.

The server runs from a fresh data directory under a temporary folder, listens only on
the loopback address at a free port (plus a unix socket in a folder it owns), trusts
local connections (nothing leaves the machine) and is stopped and removed at the end.
``initdb`` refuses to run as root, so when the tests run as root (as in CI) the
server's processes run as an unprivileged user (``nobody``) that owns the folder.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

INSTALL_HINT = (
    "No PostgreSQL server was found (looked for initdb in $SECRESPONDER_PG_BIN, "
    "/usr/lib/postgresql/*/bin and on PATH); install it with "
    "`sudo apt-get install postgresql` (Debian/Ubuntu) and run the tests again."
)
UNPRIVILEGED_USER = "nobody"
SUPERUSER = "pgadmin"
START_TIMEOUT_S = 60
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

    def _run(self, args: list[str], *, timeout: float = START_TIMEOUT_S) -> None:
        kwargs: dict[str, object] = {}
        if self._run_as is not None:
            uid, gid = self._run_as
            kwargs.update(user=uid, group=gid, extra_groups=[])
        # HOME and the locale are the server's own; nothing of the caller's leaks in.
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8",
               "HOME": str(self.base)}
        result = subprocess.run(
            args, cwd=self.base, env=env, capture_output=True, text=True, timeout=timeout,
            check=False, **kwargs,  # type: ignore[arg-type]
        )
        if result.returncode != 0:
            log = ""
            if self.log_file.exists():
                log = self.log_file.read_text(errors="replace")[-2000:]
            raise ServerUnavailable(
                f"{args[0]} failed ({result.returncode}): {result.stderr.strip()[-2000:]} {log}"
            )

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
        options = (
            f"-c listen_addresses=127.0.0.1 -c unix_socket_directories={self.socket_dir} "
            "-c max_connections=60 -c shared_buffers=32MB"
        )
        if not durable:  # a test server: durability off, so creating databases is quick
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        for _attempt in range(5):
            self.port = free_port()
            try:
                self._run([
                    str(self.bindir / "pg_ctl"), "-D", str(self.data_dir), "-l",
                    str(self.log_file), "-w", "-t", str(START_TIMEOUT_S),
                    "-o", f"-p {self.port} {options}", "start",
                ], timeout=START_TIMEOUT_S + 10)
                return
            except ServerUnavailable as exc:
                # Another process took the port between probing and binding: try another.
                if "already in use" not in str(exc) and "could not bind" not in str(exc):
                    raise
        raise ServerUnavailable("PostgreSQL could not find a free loopback port to listen on.")

    def stop(self) -> None:
        """Stop the server (if running) and remove its folder."""
        try:
            if (self.data_dir / "postmaster.pid").exists():
                self._run([str(self.bindir / "pg_ctl"), "-D", str(self.data_dir),
                           "-m", "immediate", "-w", "stop"])
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


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

