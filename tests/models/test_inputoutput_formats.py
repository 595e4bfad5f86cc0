"""Generic CSV table format (docs/io-format.md), concordances and aggregation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from regint.errors import DataError, LoaderError
from regint.models.inputoutput import (
    aggregate,
    read_concordance,
    read_io_csv,
    shipped_concordance,
    write_io_csv,
)

CSV = """code,name,a,b,c,fd_household,fd_exports
a,Agriculture,10,20,5,30,35
b,Industry,15,40,10,80,55
c,Services,5,30,20,90,55
va,Gross value added,60,90,60,,
x,Output,100,200,150,,
compensation,Compensation,30,50,40,,
employment,Employment,10,8,12,,
"""


@pytest.fixture()
def small(tmp_path: Path) -> Path:
    p = tmp_path / "small.csv"
    p.write_text(CSV, encoding="utf-8")
    return p


def test_read_generic(small: Path) -> None:
    d = read_io_csv(small, unit="mln BYN")
    assert d.codes == ["a", "b", "c"]
    assert d.x.tolist() == [100, 200, 150]
    assert d.final_demand.columns.tolist() == ["household", "exports"]
    t = d.to_iotable()
    assert t.A.iloc[1, 1] == pytest.approx(0.2)
    assert t.employment_multipliers.notna().all()
    assert "small.csv" in t.assumptions[0]


def test_round_trip(small: Path, tmp_path: Path) -> None:
    d = read_io_csv(small)
    out = write_io_csv(d, tmp_path / "again.csv")
    e = read_io_csv(out)
    pd.testing.assert_frame_equal(d.Z, e.Z)
    pd.testing.assert_series_equal(d.x, e.x)
    pd.testing.assert_frame_equal(d.final_demand, e.final_demand)
    assert e.employment is not None and e.employment.tolist() == [10, 8, 12]


def test_non_square_is_named(tmp_path: Path) -> None:
    p = tmp_path / "bad.csv"
    p.write_text(CSV.replace("b,Industry", "z,Industry"), encoding="utf-8")
    with pytest.raises(LoaderError, match=r"bad.csv, row 3, column code: sector row 2 must be 'b'"):
        read_io_csv(p)


def test_text_cell_is_named(tmp_path: Path) -> None:
    p = tmp_path / "bad.csv"
    p.write_text(CSV.replace("15,40,10", "15,forty,10"), encoding="utf-8")
    with pytest.raises(LoaderError, match=r"row 3, column b: expected a number, found 'forty'"):
        read_io_csv(p)


def test_missing_output_row(tmp_path: Path) -> None:
    p = tmp_path / "bad.csv"
    p.write_text("\n".join(line for line in CSV.splitlines() if not line.startswith("x,")), encoding="utf-8")
    with pytest.raises(LoaderError, match="the required row 'x' is missing"):
        read_io_csv(p)


def test_aggregation_sums_flows(small: Path, tmp_path: Path) -> None:
    conc = tmp_path / "conc.csv"
    conc.write_text("code,group,group_name\na,G,Goods\nb,G,Goods\nc,S,Services\n", encoding="utf-8")
    d = aggregate(read_io_csv(small), read_concordance(conc))
    assert d.codes == ["G", "S"]
    np.testing.assert_allclose(d.Z.to_numpy(), [[85, 15], [35, 20]])
    assert d.x.tolist() == [300, 150]
    assert d.names().tolist() == ["Goods", "Services"]


def test_concordance_errors(small: Path, tmp_path: Path) -> None:
    conc = tmp_path / "conc.csv"
    conc.write_text("code,group\na,G\na,S\n", encoding="utf-8")
    with pytest.raises(LoaderError, match=r"conc.csv, row 3, column code: code 'a' appears more than once"):
        read_concordance(conc)
    conc.write_text("code,group\na,G\nb,G\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"does not map code\(s\) \['c'\]"):
        aggregate(read_io_csv(small), read_concordance(conc))


def test_shipped_concordance_sections() -> None:
    c = shipped_concordance()
    assert len(c) == 113
    assert sorted(c["group"].unique()) == list("ABCDEFGHIJKLMNOPQRST")
    assert c.set_index("code").loc["75", "group"] == "M"  # veterinary services belong to section M
    assert c.set_index("code").loc["33", "group"] == "C"  # repair and installation of machinery
