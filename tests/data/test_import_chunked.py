"""A large tidy CSV imported block by block (issue 24): the same store, warnings and errors as the whole file.

The block size is made tiny (1–3 rows, or 10 rows for a 60-row file) so that small SYNTHETIC files cover every
case of the block-by-block path: a block with only skipped rows, a footnote mark, a decimal comma, a unit to
convert, a duplicate key split across blocks, an error in a late block. The peak memory of a 200 MB import is
measured by ``benchmarks/bench_import_memory.py``, not here.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import regint.data.store as store_module
from regint.data.loaders.template import TidyCsvStream
from regint.data.store import Store
from regint.errors import DataError, LoaderError

HEADER = "region;indicator;period;value;unit;currency;source;status;note"
#: SYNTHETIC rows: names and codes, comma decimals, a footnote mark, a placeholder, thousands of persons,
#: old roubles, a monetary row without currency, a period after the current year, an implausible wage.
ROWS = [
    "RU-SMO;wage_nominal;2015;25000.5;RUB per month;RUB;synthetic;official;",
    "Витебская область;wage_nominal;2015;580,53;BYN per month;BYN;synthetic;secondary;restated",
    "BY-VI;wage_nominal;2014;6500000;BYR per month;BYR;synthetic;official;",
    "RU-SMO;population;2016;949,3;thous. persons;;synthetic;official;",
    "RU-SMO;population;2017;…;persons;;synthetic;official;",
    "RU-SMO;population;2018;-;persons;;synthetic;official;",
    "BY-VI;exports_usd;2015;2976.3 1);mln USD;USD;synthetic;official;",
    "RU-SMO;grp;2015;250000;mln RUB;;synthetic;official;",
    "RU-SMO;wage_nominal;2099;30000;RUB per month;RUB;synthetic;estimate;",
    "BY-VI;wage_nominal;2016;5;BYN per month;BYN;synthetic;official;",
    "RU;wage_nominal;2015-03;33000;RUB per month;RUB;synthetic;;",
]


def _csv(path: Path, rows: list[str], comments: int = 1) -> Path:
    lines = [f"# SYNTHETIC test file, comment {i}" for i in range(comments)] + [HEADER, *rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(params=["duckdb", "postgresql"])
def target_factory(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "duckdb":
        yield lambda name: str(tmp_path / f"{name}.duckdb")
        return
    import psycopg

    admin = str(request.getfixturevalue("postgres_admin"))
    made: list[str] = []

    def make(name: str) -> str:
        db = f"regint_c_{name}_{len(made)}_{id(made) % 10000}"
        with psycopg.connect(admin, autocommit=True) as con:
            con.execute(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
            con.execute(f"CREATE DATABASE {db}")
        made.append(db)
        return admin.rsplit("/", 1)[0] + "/" + db

    yield make
    with psycopg.connect(admin, autocommit=True) as con:
        for db in made:
            con.execute(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


def _content(st: Store) -> tuple[pd.DataFrame, pd.DataFrame]:
    obs = st.query(all_vintages=True).drop(columns=["imported_at"]).reset_index(drop=True)
    log = st.imports().drop(columns=["imported_at"]).reset_index(drop=True)
    return obs, log


@pytest.mark.parametrize("chunk_rows", [1, 2, 3])
def test_blocks_give_the_store_of_the_whole_file(tmp_path: Path, target_factory, chunk_rows: int) -> None:
    first = _csv(tmp_path / "wages.csv", ROWS)
    changed = _csv(tmp_path / "wages_rev.csv", [r.replace("25000.5", "26000") .replace("949,3", "950,1")
                                                for r in ROWS], comments=2)
    whole = Store(target_factory("whole"), fill_default=False, on_wait=None)
    blocks = Store(target_factory("blocks"), fill_default=False, on_wait=None)
    reports = []
    for path in (first, changed):
        a = whole.import_file(path)
        b = blocks.import_file(path, chunk_rows=chunk_rows)
        assert (a.status, a.rows, a.import_id) == (b.status, b.rows, b.import_id) == ("imported", 9, b.import_id)
        assert a.warnings == b.warnings
        reports.append(b)
    obs_a, log_a = _content(whole)
    obs_b, log_b = _content(blocks)
    pd.testing.assert_frame_equal(obs_a, obs_b)
    pd.testing.assert_frame_equal(log_a, log_b)
    text = "\n".join(reports[0].warnings)
    # the checks of the whole file survive the blocks: skipped rows, marks, currency, plausibility
    assert "2 row(s) hold no figure" in text and "rows 7, 8" in text
    assert "footnote 1)" in text
    assert "1 monetary row(s) have no currency (rows 10)" in text
    assert "period 2099 is after the current year" in text
    assert "BY-VI wage_nominal 2016 = 5 BYN per month is outside the plausible range" in text
    conflicts = [w for w in reports[1].warnings if "the later vintage wins" in w]
    assert len(conflicts) == 2 and any("25000.5 in import #1 becomes 26000" in w for w in conflicts)
    # units were converted to the catalog's: thousands of persons and old roubles
    pop = obs_b[(obs_b["indicator"] == "population") & (obs_b["import_id"] == 1)]
    assert pop["value"].tolist() == [949300.0] and pop["unit"].tolist() == ["persons"]
    byr = obs_b[(obs_b["period"] == "2014") & (obs_b["import_id"] == 1)]
    assert byr["value"].tolist() == [650.0] and byr["currency"].tolist() == ["BYN"]
    again = blocks.import_file(first, chunk_rows=chunk_rows)
    assert again.status == "unchanged"
    whole.close()
    blocks.close()


def _big_rows(n: int) -> list[str]:
    return [f"RU-SMO;wage_nominal;{2000 + i // 12}-{i % 12 + 1:02d};{20000 + i};RUB per month;RUB;synthetic;"
            "official;" for i in range(n)]


def test_error_in_a_late_block_names_its_row_and_leaves_the_store(tmp_path: Path, target_factory) -> None:
    st = Store(target_factory("late"), fill_default=False, on_wait=None)
    st.import_file(_csv(tmp_path / "base.csv", ROWS))
    before = _content(st)
    rows = _big_rows(60)
    rows[52] = rows[52].replace(";official;", ";provisional;")  # file line 55: comment, header, 53rd row
    bad = _csv(tmp_path / "late.csv", rows)
    from regint.data.loaders import load_file

    with pytest.raises(LoaderError) as whole:
        load_file(bad)  # the whole-file loader gives the same message
    with pytest.raises(LoaderError) as caught:
        st.import_file(bad, chunk_rows=10)
    assert str(caught.value) == str(whole.value)
    assert "row 55" in str(caught.value) and "status" in str(caught.value)
    for got, want in zip(_content(st), before, strict=True):
        pd.testing.assert_frame_equal(got, want)
    st.close()


def test_duplicate_across_blocks_is_named_as_for_the_whole_file(tmp_path: Path, target_factory) -> None:
    st = Store(target_factory("dup"), fill_default=False, on_wait=None)
    rows = _big_rows(60)
    rows[47] = rows[3].replace("20003", "20999")  # the key of the 4th row again in the 48th (file line 50)
    bad = _csv(tmp_path / "dup.csv", rows)
    from regint.data.loaders import load_file

    with pytest.raises(LoaderError) as whole:
        load_file(bad)
    with pytest.raises(LoaderError) as caught:
        st.import_file(bad, chunk_rows=10)
    assert str(caught.value) == str(whole.value)
    assert "in rows 6 and 50" in str(caught.value)
    assert st.n_imports() == 0 and st.n_observations() == 0
    st.close()


def test_strict_refuses_in_blocks_and_leaves_the_store(tmp_path: Path, target_factory) -> None:
    st = Store(target_factory("strict"), fill_default=False, on_wait=None)
    with pytest.raises(DataError, match="refused by --strict"):
        st.import_file(_csv(tmp_path / "w.csv", ROWS), chunk_rows=2, strict=True)
    assert st.n_imports() == 0 and st.n_observations() == 0
    st.close()


def test_a_large_csv_goes_block_by_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    original = TidyCsvStream.blocks

    def counting(self: TidyCsvStream):
        for block, rows in original(self):
            seen.append(len(block))
            yield block, rows

    monkeypatch.setattr(store_module, "STREAM_MIN_BYTES", 100)
    monkeypatch.setattr(TidyCsvStream, "blocks", counting)
    monkeypatch.setattr("regint.data.loaders.template.DEFAULT_CHUNK_ROWS", 25)
    st = Store(tmp_path / "s.duckdb", fill_default=False, on_wait=None)
    report = st.import_file(_csv(tmp_path / "big.csv", _big_rows(60)))
    assert report.rows == 60 and seen == [25, 25, 10]
    assert st.n_observations() == 60
    st.close()
