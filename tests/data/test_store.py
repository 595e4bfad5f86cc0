"""The store: append-only vintages, one transaction per import, idempotent re-imports, kill-safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

from regint.data.schema import make_observations
from regint.data.store import Store
from regint.errors import DataError


def _obs(value: float = 100.0, region: str = "RU-SMO", period: str = "2015") -> pd.DataFrame:
    return make_observations([
        {"region": region, "indicator": "wage_nominal", "period": period, "value": value, "unit": "RUB",
         "currency": "RUB", "source": "user", "status": "official"},
        {"region": "BY-VI", "indicator": "wage_nominal", "period": period, "value": 580.53, "unit": "BYN",
         "currency": "BYN", "source": "user", "status": "official"},
    ])


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    st = Store(tmp_path / "s.duckdb", fill_default=False)
    yield st
    st.close()


def test_reimport_adds_vintage_and_as_of_returns_old(store: Store) -> None:
    first = store.import_frame(_obs(100.0), file_name="a.csv", checksum="c1", format="tidy")
    time.sleep(0.01)
    cut = store.imports()["imported_at"].iloc[0]
    second = store.import_frame(_obs(110.0), file_name="a.csv", checksum="c2", format="tidy")
    assert (first.import_id, second.import_id) == (1, 2)
    latest = store.query(["wage_nominal"], ["RU-SMO"])
    assert latest["value"].tolist() == [110.0]
    old = store.query(["wage_nominal"], ["RU-SMO"], as_of=str(cut))
    assert old["value"].tolist() == [100.0]
    both = store.query(["wage_nominal"], ["RU-SMO"], all_vintages=True)
    assert sorted(both["value"]) == [100.0, 110.0]


def test_same_file_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    _obs().drop(columns=["file", "location", "derived_from", "vintage", "price_basis"]).to_csv(path, index=False)
    store.import_frame(_obs(), file_name="w.csv", checksum="same", format="tidy")
    before = store.n_observations()
    report = store.import_frame(_obs(), file_name="w.csv", checksum="same", format="tidy")
    assert report.status == "unchanged"
    assert store.n_observations() == before
    assert store.n_imports() == 1


def test_invalid_frame_leaves_store_as_it_was(store: Store) -> None:
    store.import_frame(_obs(), file_name="ok.csv", checksum="ok", format="tidy")
    bad = pd.concat([_obs(), _obs()])  # duplicate keys
    with pytest.raises(DataError, match=r"duplicate key .*rows 1, 3"):
        store.import_frame(bad, file_name="bad.csv", checksum="bad", format="tidy")
    assert store.n_imports() == 1
    assert store.n_observations() == 2


def test_panel_prefers_official_over_secondary(store: Store) -> None:
    official = _obs(100.0)
    press = _obs(120.0).assign(source="press_facts", status="secondary")
    store.import_frame(official, file_name="o", checksum="o", format="tidy")
    store.import_frame(press, file_name="p", checksum="p", format="tidy")
    panel = store.panel(["wage_nominal"], ["RU-SMO"])
    assert panel["value"].tolist() == [100.0]
    assert panel["source"].tolist() == ["user"]


KILLER = textwrap.dedent(
    """
    import sys, time
    import pandas as pd
    from regint.data.store import Store
    from regint.data.schema import make_observations
    st = Store(sys.argv[1], fill_default=False)
    n = 200_000
    frame = make_observations(pd.DataFrame({
        "region": ["RU-SMO"] * n, "indicator": ["x"] * n, "period": [f"{1900 + i % 100}" for i in range(n)],
        "value": range(n), "unit": "u", "source": [f"s{i // 100}" for i in range(n)], "status": "official"}))
    with st.connection(write=True) as con:
        con.execute("BEGIN TRANSACTION")
        con.execute("INSERT INTO imports (import_id, file_name, checksum) VALUES (99, 'big', 'k')")
        con.register("f", frame)
        con.execute("INSERT INTO observations SELECT 99, * FROM f")
        print("inside", flush=True)
        time.sleep(60)
    """
)


def test_killed_import_leaves_store_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "k.duckdb"
    with Store(path, fill_default=False) as st:
        st.import_frame(_obs(), file_name="ok", checksum="ok", format="tidy")
    proc = subprocess.Popen([sys.executable, "-c", KILLER, str(path)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ})
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "inside"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    with Store(path, fill_default=False) as st:
        assert st.n_imports() == 1
        assert st.n_observations() == 2


BAD = sorted(p for p in (Path(__file__).parents[1] / "fixtures" / "bad").iterdir()
             if p.is_file() and p.suffix != ".md" and not p.name.startswith("make_"))


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_bad_file_import_is_all_or_nothing(path: Path, tmp_path: Path) -> None:
    """Every bad file either imports (with warnings) or fails with a RegintError; a failure changes nothing."""
    from regint.errors import RegintError

    with Store(tmp_path / "b.duckdb", fill_default=False) as st:
        st.import_frame(_obs(), file_name="ok", checksum="ok", format="tidy")
        before = (st.n_imports(), st.n_observations())
        try:
            report = st.import_file(path)
        except RegintError as exc:
            assert str(exc)  # a message that says what and where
            after = (st.n_imports(), st.n_observations())
            assert after == before
        else:
            assert report.status == "imported" and report.rows > 0
            assert st.n_imports() == before[0] + 1
