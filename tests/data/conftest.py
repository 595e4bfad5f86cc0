"""A PostgreSQL server for the store tests: ``$REGINT_TEST_POSTGRES`` (an admin address, as ``.ci/run`` sets),
else a throw-away cluster started with the ``initdb``/``pg_ctl`` of a local PostgreSQL installation; the tests
that need it skip, with the reason, where neither is available. Each test gets a database of its own."""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_cluster(root: Path) -> tuple[str, list[str]]:
    """initdb + pg_ctl start in ``root`` (as the ``postgres`` account when running as root)."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("no PostgreSQL server: set REGINT_TEST_POSTGRES=postgresql://user@host:port/postgres or "
                    "install Debian's postgresql package (initdb and pg_ctl not found)")
    prefix: list[str] = []
    if os.geteuid() == 0:
        if not shutil.which("runuser"):
            pytest.skip("running as root without runuser: cannot start a PostgreSQL cluster")
        prefix = ["runuser", "-u", "postgres", "--"]
        shutil.chown(root, "postgres")
    data, port = root / "data", _free_port()
    run = subprocess.run([*prefix, initdb, "-D", str(data), "-A", "trust", "-U", "regint"], capture_output=True,
                         text=True)
    if run.returncode:
        pytest.skip(f"initdb failed: {run.stderr.strip()[:300]}")
    stop = [*prefix, pg_ctl, "-D", str(data), "-m", "fast", "stop"]
    run = subprocess.run([*prefix, pg_ctl, "-D", str(data), "-w", "-l", str(root / "log"), "-o",
                          f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
                         capture_output=True, text=True)
    if run.returncode:
        pytest.skip(f"pg_ctl start failed: {run.stderr.strip()[:300]}")
    return f"postgresql://regint@127.0.0.1:{port}/postgres", stop


@pytest.fixture(scope="session")
def postgres_admin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An address of a database on a running PostgreSQL server where this user may create databases."""
    psycopg = pytest.importorskip("psycopg", reason="the PostgreSQL store needs psycopg (pip install "
                                  "'regint[postgresql]')")
    url = os.environ.get("REGINT_TEST_POSTGRES")
    stop: list[str] | None = None
    root: Path | None = None
    if not url:
        # not under pytest's temp folder: the postgres account cannot enter root's private (0700) folders
        root = Path(tempfile.mkdtemp(prefix="regint-test-pg-"))
        root.chmod(0o755)
        url, stop = _start_cluster(root)
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as exc:
        pytest.skip(f"PostgreSQL at {url} does not answer: {exc}")
    yield url
    if stop:
        subprocess.run(stop, capture_output=True)
    if root is not None:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture()
def postgres_url(postgres_admin: str) -> Iterator[str]:
    """A new, empty database for one test (dropped afterwards)."""
    import psycopg

    name = f"regint_t_{secrets.token_hex(4)}"
    with psycopg.connect(postgres_admin, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    yield postgres_admin.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(postgres_admin, autocommit=True) as con:
        con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
