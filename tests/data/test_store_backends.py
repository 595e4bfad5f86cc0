"""The store's invariants on both backends (DuckDB file, PostgreSQL server), and concurrent importers.

The PostgreSQL cases run against a real server (``tests/data/conftest.py``) and skip with the reason where
there is none.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

from regint.data.schema import KEY, make_observations
from regint.data.store import Store
from regint.data.store_duckdb import DuckDBStore
from regint.errors import DataError


def _obs(value: float = 10000.0, period: str = "2015") -> pd.DataFrame:
    return make_observations([
        {"region": "RU-SMO", "indicator": "wage_nominal", "period": period, "value": value,
         "unit": "RUB per month", "currency": "RUB", "source": "user", "status": "official"},
        {"region": "BY-VI", "indicator": "wage_nominal", "period": period, "value": 580.53,
         "unit": "BYN per month", "currency": "BYN", "source": "user", "status": "official"},
    ])


@pytest.fixture(params=["duckdb", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "duckdb":
        return str(tmp_path / "s.duckdb")
    return str(request.getfixturevalue("postgres_url"))


def test_backend_is_chosen_by_the_target(target: str) -> None:
    with Store(target, fill_default=False) as st:
        assert st.backend == ("postgresql" if target.startswith("postgresql://") else "duckdb")
        assert st.schema_version() == 2


def test_vintages_as_of_and_idempotence(target: str) -> None:
    with Store(target, fill_default=False) as st:
        first = st.import_frame(_obs(10000.0), file_name="a.csv", checksum="c1", format="tidy")
        time.sleep(0.01)
        cut = st.imports()["imported_at"].iloc[0]
        second = st.import_frame(_obs(11000.0), file_name="a.csv", checksum="c2", format="tidy")
        again = st.import_frame(_obs(11000.0), file_name="a.csv", checksum="c2", format="tidy")
        assert (first.import_id, second.import_id, again.status) == (1, 2, "unchanged")
        assert st.query(["wage_nominal"], ["RU-SMO"])["value"].tolist() == [11000.0]
        assert st.query(["wage_nominal"], ["RU-SMO"], as_of=str(cut))["value"].tolist() == [10000.0]
        assert sorted(st.query(["wage_nominal"], ["RU-SMO"], all_vintages=True)["value"]) == [10000.0, 11000.0]
        assert st.n_imports() == 2 and st.n_observations() == 4
        # the later vintage wins and the conflict is listed in the report and in the import log
        assert any("10000 in import #1 becomes 11000" in w for w in second.warnings)
        log = st.imports()
        assert "becomes 11000" in log["warnings"].iloc[1] and log["n_warnings"].iloc[1] == 1
        assert log["imported_by"].iloc[0]  # who made it


def test_invalid_frame_changes_nothing_and_panel_prefers_official(target: str) -> None:
    with Store(target, fill_default=False) as st:
        st.import_frame(_obs(), file_name="ok", checksum="ok", format="tidy")
        with pytest.raises(DataError, match=r"duplicate key .*rows 1, 3"):
            st.import_frame(pd.concat([_obs(), _obs()]), file_name="bad", checksum="bad", format="tidy")
        assert (st.n_imports(), st.n_observations()) == (1, 2)
        st.import_frame(_obs(12000.0).assign(source="press_facts", status="secondary"), file_name="p", checksum="p",
                        format="tidy")
        panel = st.panel(["wage_nominal"], ["RU-SMO"])
        assert panel["value"].tolist() == [10000.0] and panel["source"].tolist() == ["user"]
        assert st.generation() == (2, 2)
        summary = st.indicator_summary()
        assert summary.set_index("indicator").loc["wage_nominal", "n"] == 4


IMPORTER = textwrap.dedent(
    """
    import sys, time
    from regint.data.store import Store
    target, path, go = sys.argv[1], sys.argv[2], float(sys.argv[3])
    time.sleep(max(0.0, go - time.time()))
    report = Store(target, fill_default=False, wait=60).import_file(path)
    print(report.status, report.import_id, flush=True)
    """
)


def _write_files(folder: Path, n: int) -> list[Path]:
    paths = []
    for k in range(n):
        rows = [f"RU-SMO;wage_nominal;{2000 + k}-{m:02d};{30000 + 100 * k + m};RUB per month;RUB;user;official"
                for m in range(1, 13)]
        path = folder / f"wages_{k}.csv"
        path.write_text("region;indicator;period;value;unit;currency;source;status\n" + "\n".join(rows) + "\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.slow
def test_four_importers_at_once_all_land(target: str, tmp_path: Path) -> None:
    """Four processes import four files into one store at the same moment (plus the first file once more):
    all four land, the log has four entries, nothing is duplicated."""
    with Store(target, fill_default=False) as st:
        st.import_frame(_obs(), file_name="before", checksum="before", format="tidy")
    files = _write_files(tmp_path, 4)
    go = time.time() + 4.0
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    procs = [subprocess.Popen([sys.executable, "-c", IMPORTER, target, str(p), str(go)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env) for p in [*files, files[0]]]
    results = [p.communicate(timeout=180) for p in procs]
    assert all(p.returncode == 0 for p in procs), [r[1][-500:] for r in results]
    statuses = sorted(r[0].split()[0] for r in results)
    assert statuses == ["imported"] * 4 + ["unchanged"]
    with Store(target, fill_default=False) as st:
        log = st.imports()
        assert len(log) == 5 and sorted(log["import_id"]) == [1, 2, 3, 4, 5]
        assert sorted(log["file_name"][1:]) == [p.name for p in files]
        assert not log["checksum"].duplicated().any()
        every = st.query(all_vintages=True)
        assert len(every) == 2 + 4 * 12 == st.n_observations()
        assert not every.duplicated([*KEY, "import_id"]).any()


def test_duckdb_store_holds_no_connection(tmp_path: Path) -> None:
    """Between operations another process may open the file for writing (the dashboard's case)."""
    path = tmp_path / "open.duckdb"
    st = Store(path, fill_default=False)
    assert isinstance(st, DuckDBStore)
    st.import_frame(_obs(), file_name="a", checksum="a", format="tidy")
    code = ("import sys; from regint.data.store import Store; "
            "s = Store(sys.argv[1], fill_default=False, wait=0); print(s.n_imports())")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "1"
    st.close()
