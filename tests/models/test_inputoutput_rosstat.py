"""Rosstat symmetric input-output tables read from the real workbooks in ../shared (one read per sheet)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from regint.errors import LoaderError, ModelError
from regint.models.inputoutput import NationalIOData, aggregate, read_rosstat_symmetric, shipped_concordance

AGRI = "Продукция сельского хозяйства"


@pytest.fixture(scope="session")
def rosstat_dir(sources: Path) -> Path:
    return sources / "rosstat_io"


@pytest.fixture(scope="session")
def t2016(rosstat_dir: Path) -> NationalIOData:
    return read_rosstat_symmetric(rosstat_dir / "baz2016.xlsx", year=2016)


@pytest.fixture(scope="session")
def t2021(rosstat_dir: Path) -> NationalIOData:
    return read_rosstat_symmetric(rosstat_dir / "baz_tzv-2021.xlsx", year=2021)


@pytest.fixture(scope="session")
def t2021_dom(rosstat_dir: Path) -> NationalIOData:
    return read_rosstat_symmetric(rosstat_dir / "baz_tzv-2021.xlsx", year=2021, domestic=True)


def test_2016_verbatim_agriculture(t2016: NationalIOData) -> None:
    # ../shared/data/sources/rosstat_io/PROVENANCE.md: 2016 «Симм ТЗВ», row 110 P1 agriculture 5083032, row 109 B1g 2697512.
    assert t2016.labels.iloc[0].tolist() == ["01.1 + 01.2", AGRI]
    assert t2016.x.iloc[0] == 5083032
    assert t2016.value_added.iloc[0] == 2697512
    assert t2016.Z.shape == (98, 98) and t2016.year == 2016


def test_2021_verbatim_agriculture(t2021: NationalIOData, t2021_dom: NationalIOData) -> None:
    # PROVENANCE.md: 2021 «Симм ТЗВ» row 125 output agriculture 7642902, row 124 GVA 3789855.
    for t in (t2021, t2021_dom):
        assert t.names().iloc[0] == AGRI
        assert t.x.iloc[0] == 7642902
        assert t.value_added.iloc[0] == 3789855
        assert t.Z.shape == (113, 113)
    assert t2021.labels["code"].iloc[0] == "01.1 + 01.2 + 01.3 + 01.4 + 01.5"
    assert t2021.Z.iloc[0, 0] == 1427824 and t2021_dom.Z.iloc[0, 0] == 1330069


def test_2021_accounts_close(t2021: NationalIOData, t2021_dom: NationalIOData) -> None:
    # Total table: row sums of Z plus final demand = output + imports (within Rosstat's rounding).
    supply = t2021.x + t2021.imports
    use = t2021.Z.sum(axis=1) + t2021.final_demand.sum(axis=1)
    assert np.abs(use - supply).max() < 20
    # Domestic table: row sums = output.
    assert np.abs(t2021_dom.Z.sum(axis=1) + t2021_dom.final_demand.sum(axis=1) - t2021_dom.x).max() < 20
    assert t2021_dom.compensation is not None and t2021_dom.compensation.iloc[0] == 706653
    assert "imported products used" in t2021_dom.imports_meaning


def test_2021_domestic_multipliers(t2021_dom: NationalIOData) -> None:
    table = t2021_dom.to_iotable()
    m = table.output_multipliers
    assert ((m >= 1.0 - 1e-12) & (m < 5)).all()
    sections = aggregate(t2021_dom, shipped_concordance()).to_iotable()
    assert sections.labels == list("ABCDEFGHIJKLMNOPQRST")
    assert sections.x.sum() == pytest.approx(t2021_dom.x.sum())
    res = sections.multipliers()
    assert "C" in res.key_sectors
    assert (res.frame["output_type_ii"] >= res.frame["output"] - 1e-12).all()


def test_year_mismatch_is_named(rosstat_dir: Path) -> None:
    with pytest.raises(LoaderError, match=r"baz2016.xlsx, sheet 'Симм ТЗВ', row 1, column A: the title says 2016, not 2021"):
        read_rosstat_symmetric(rosstat_dir / "baz2016.xlsx", year=2021)


def test_missing_sheet_is_named(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "ТР"
    p = tmp_path / "other.xlsx"
    wb.save(p)
    with pytest.raises(LoaderError, match=r"other.xlsx: no sheet 'Симм отеч'"):
        read_rosstat_symmetric(p, domestic=True)


def test_negative_flows_raise_or_zero() -> None:
    import pandas as pd

    Z = pd.DataFrame([[10.0, -1.0], [5.0, 10.0]], index=["a", "b"], columns=["a", "b"])
    data = NationalIOData(Z=Z, x=pd.Series([100.0, 100.0], index=["a", "b"]),
                          value_added=pd.Series([50.0, 50.0], index=["a", "b"]),
                          final_demand=pd.DataFrame(index=["a", "b"]), primary_inputs=pd.DataFrame(),
                          labels=pd.DataFrame({"code": ["a", "b"], "name_ru": ["a", "b"]}))
    with pytest.raises(ModelError, match=r"1 negative intermediate flow\(s\), the first a → b"):
        data.to_iotable()
    t = data.to_iotable(negative="zero")
    assert t.A.iloc[0, 1] == 0 and "set to zero" in t.assumptions[-1]
