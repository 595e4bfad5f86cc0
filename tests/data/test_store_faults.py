"""Faults: a full disk, a read-only store, a store from a newer regint, a damaged file, a busy store; and the
migration of a store from before schema versions. Each gives a clear error and loses nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from regint.data.schema import make_observations
from regint.data.store import Store
from regint.data.store_schema import SCHEMA_VERSION
from regint.data.store_wait import backoff_delays, store_wait
from regint.errors import StoreError


def _obs(n: int = 2, value: float = 10000.0) -> pd.DataFrame:
    return make_observations(pd.DataFrame({
        "region": "RU-SMO", "indicator": "wage_nominal", "period": [f"{1000 + i}" for i in range(n)],
        "value": value, "unit": "RUB per month", "currency": "RUB", "source": "user", "status": "official"}))


def _mount_tmpfs(where: Path, size: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    where.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True).returncode == 0


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 6 MB tmpfs (needs root and mount; skipped otherwise)."""
    where = tmp_path / "small"
    if not _mount_tmpfs(where, "6m"):
        pytest.skip("mounting a small tmpfs needs root and mount(8)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def test_disk_full_during_import_loses_nothing(small_disk: Path) -> None:
    path = small_disk / "store.duckdb"
    with Store(path, fill_default=False) as st:
        st.import_frame(_obs(), file_name="small", checksum="small", format="tidy")
        rng = np.random.default_rng(0)
        n = 400_000  # random text does not compress: far more than the 6 MB disk holds
        big = make_observations(pd.DataFrame({
            "region": "RU-SMO", "indicator": "wage_nominal", "period": [f"{1000 + i % 900}" for i in range(n)],
            "value": rng.random(n) * 1e4 + 1e4, "unit": "RUB per month", "currency": "RUB",
            "source": [f"s{i // 900}" for i in range(n)], "status": "official",
            "note": [rng.bytes(24).hex() for _ in range(n)]}))
        with pytest.raises(StoreError, match=r"(disk .* is full|No space left).*(unchanged|rolled back)"):
            st.import_frame(big, file_name="big.csv", checksum="big", format="tidy")
    subprocess.run(["rm", "-f", *map(str, small_disk.glob("*.wal")), *map(str, small_disk.glob("*.tmp"))])
    with Store(path, fill_default=False, read_only=True) as st:
        assert (st.n_imports(), st.n_observations()) == (1, 2)


def test_read_only_store_reads_and_refuses_writes(tmp_path: Path) -> None:
    where = tmp_path / "ro"
    path = where / "store.duckdb"
    if os.geteuid() == 0:
        if not _mount_tmpfs(where, "20m"):
            pytest.skip("as root a read-only file needs a read-only mount (mount(8) unavailable)")
    else:
        where.mkdir()
    try:
        with Store(path, fill_default=False) as st:
            st.import_frame(_obs(), file_name="a", checksum="a", format="tidy")
        if os.geteuid() == 0:
            subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
        else:
            path.chmod(0o444)
            where.chmod(0o555)
        with Store(path, fill_default=False) as st:  # opening for reading works
            assert st.n_observations() == 2
            with pytest.raises(StoreError, match=r"cannot be written.*read-only.*Nothing was changed.*Fix:"):
                st.import_frame(_obs(value=11000.0), file_name="b", checksum="b", format="tidy")
            assert st.n_imports() == 1
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", "-l", str(where)], capture_output=True)
        else:
            where.chmod(0o755)


def test_newer_schema_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    with Store(path, fill_default=False) as st:
        st.import_frame(_obs(), file_name="a", checksum="a", format="tidy")
    con = duckdb.connect(str(path))
    con.execute("UPDATE regint_meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 3)])
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"newer regint \(schema version 5; .* up to 2\)\. Nothing .*Fix: upgrade"):
        Store(path, fill_default=False)
    with pytest.raises(StoreError, match="newer regint"):
        Store(path, fill_default=False, read_only=True)
    assert path.read_bytes() == before


def test_damaged_store_file_is_named_and_left_alone(tmp_path: Path) -> None:
    good = tmp_path / "good.duckdb"
    with Store(good, fill_default=False) as st:
        st.import_frame(_obs(), file_name="a", checksum="a", format="tidy")
    for name, damage in (("garbage", lambda b: os.urandom(len(b))), ("truncated", lambda b: b[:9000])):
        path = tmp_path / f"{name}.duckdb"
        path.write_bytes(damage(good.read_bytes()))
        before = path.read_bytes()
        with pytest.raises(StoreError, match=r"damaged or not a regint store.*Nothing was changed.*Fix: restore"):
            Store(path, fill_default=False).n_imports()
        assert path.read_bytes() == before


def test_store_of_schema_version_1_is_migrated(tmp_path: Path) -> None:
    """A store written before schema versions (the DDL of regint 0.1) gains the version-2 columns, keeps its data."""
    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE imports (import_id INTEGER PRIMARY KEY, file_name VARCHAR, checksum VARCHAR, "
                "format VARCHAR, imported_at TIMESTAMP, n_rows INTEGER, n_warnings INTEGER, vintage VARCHAR, "
                "note VARCHAR)")
    con.execute("CREATE TABLE observations (import_id INTEGER, region VARCHAR, indicator VARCHAR, period VARCHAR, "
                "value DOUBLE, unit VARCHAR, currency VARCHAR, price_basis VARCHAR, source VARCHAR, status VARCHAR, "
                "vintage VARCHAR, note VARCHAR, file VARCHAR, location VARCHAR, derived_from VARCHAR)")
    con.execute("INSERT INTO imports VALUES (1, 'old.csv', 'old', 'tidy', now(), 1, 0, '2020-01-01', '')")
    con.execute("INSERT INTO observations VALUES (1, 'RU-SMO', 'wage_nominal', '2015', 25000, 'RUB per month', "
                "'RUB', '', 'user', 'official', '2020-01-01', '', '', '', '')")
    con.close()
    with Store(path, fill_default=False, read_only=True) as st:
        assert st.schema_version() == 1 and st.n_observations() == 1  # readable before migrating
    with Store(path, fill_default=False) as st:
        assert st.schema_version() == SCHEMA_VERSION
        st.import_frame(_obs(), file_name="new", checksum="new", format="tidy")
        log = st.imports()
        assert list(log["file_name"]) == ["old.csv", "new"]
        assert {"imported_by", "warnings"} <= set(log.columns)
        assert st.panel(["wage_nominal"], ["RU-SMO"], (2015, 2015))["value"].tolist() == [25000.0]


HOLDER = textwrap.dedent(
    """
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
    con.close()
    """
)


def _hold(path: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(seconds)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    return proc


def test_writer_waits_for_a_busy_store_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "busy.duckdb"
    Store(path, fill_default=False).close()
    holder = _hold(path, 2.0)
    started = time.monotonic()
    with Store(path, fill_default=False, wait=30) as st:
        report = st.import_frame(_obs(), file_name="a", checksum="a", format="tidy")
    assert report.status == "imported" and time.monotonic() - started > 0.5
    assert "is busy" in capsys.readouterr().err
    holder.wait(timeout=30)


def test_writer_gives_up_after_wait_with_the_lock_message(tmp_path: Path) -> None:
    path = tmp_path / "busy.duckdb"
    Store(path, fill_default=False).close()
    holder = _hold(path, 20.0)
    try:
        with pytest.raises(StoreError, match=r"Conflicting lock.*Fix: close other programs.*\(waited 0\.5 s\)"):
            Store(path, fill_default=False, wait=0.5, on_wait=None).import_frame(
                _obs(), file_name="a", checksum="a", format="tidy")
    finally:
        holder.kill()
        holder.wait()
    with Store(path, fill_default=False) as st:
        assert st.n_imports() == 0


def test_wait_setting_and_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REGINT_STORE_WAIT", raising=False)
    assert store_wait() == 30.0
    monkeypatch.setenv("REGINT_STORE_WAIT", "2.5")
    assert store_wait() == 2.5 and store_wait(7) == 7.0
    monkeypatch.setenv("REGINT_STORE_WAIT", "soon")
    with pytest.raises(StoreError, match="REGINT_STORE_WAIT must be a number"):
        store_wait()
    delays = backoff_delays(30.0, seed=1)
    assert sum(delays) == pytest.approx(30.0) and max(delays) <= 1.2
    assert delays[0] < delays[1] < delays[2]  # exponential at first
    assert backoff_delays(0.0) == []
