"""The Rosstat input-output tables that ship with regint (``regint.models.inputoutput.shipped_table``), read WITHOUT ../shared.

The shipped files (``regint/data/shipped/io/``, generic CSV format, docs/io-format.md) are written by
``regint.data.build.build_default`` from the Rosstat workbooks; ``tests/data/test_shipped.py`` checks that a rebuild
reproduces them byte for byte. Here the published figures must come back from the shipped files alone.
"""

from __future__ import annotations

import numpy as np
import pytest

from regint.errors import DataError
from regint.models.inputoutput import aggregate, shipped_concordance
from regint.models.inputoutput import shipped_table as io_table
from regint.models.inputoutput import shipped_tables as io_tables

AGRI = "Продукция сельского хозяйства"


@pytest.fixture(autouse=True)
def _no_shared(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """As on a machine without ../shared: REGINT_SHARED names a folder that does not exist."""
    monkeypatch.setenv("REGINT_SHARED", str(tmp_path / "absent"))


def test_manifest_lists_six_tables() -> None:
    m = io_tables()
    assert [(r.year, r.domestic) for r in m.itertuples()] == [(2011, False), (2011, True), (2016, False),
                                                              (2016, True), (2021, False), (2021, True)]
    assert set(m["source"]) == {"rosstat_io"} and set(m["unit"]) == {"mln RUB"}
    assert m.set_index("year")["classification"].to_dict() == {2011: "ОКПД (2007)", 2016: "ОКПД (2007)",
                                                                2021: "ОКПД 2"}
    assert m["sectors"].tolist() == [126, 126, 98, 98, 113, 113]


@pytest.mark.parametrize("domestic", [False, True])
def test_2021_published_figures(domestic: bool) -> None:
    # ../shared/data/sources/rosstat_io/PROVENANCE.md: 2021 «Симм ТЗВ» row 125 output of agriculture 7642902,
    # row 124 GVA 3789855 (the same in «Симм отеч»); Z agri→agri 1427824 (total) and 1330069 (domestic).
    t = io_table(2021, domestic=domestic)
    assert t.year == 2021 and t.domestic is domestic and t.unit == "mln RUB"
    assert t.Z.shape == (113, 113)
    assert t.names().iloc[0] == AGRI
    assert t.labels["code"].iloc[0] == "01.1 + 01.2 + 01.3 + 01.4 + 01.5"
    assert t.x.iloc[0] == 7642902 and t.value_added.iloc[0] == 3789855
    assert t.Z.iloc[0, 0] == (1330069 if domestic else 1427824)
    assert t.compensation is not None and t.compensation.iloc[0] == 706653
    assert "rosstat_io: baz_tzv-2021.xlsx" in t.source
    assert ("imported products used" if domestic else "imports (cif)") in t.imports_meaning
    assert "Rosstat symmetric input-output table 2021" in t.notes[0]


@pytest.mark.parametrize("domestic", [False, True])
def test_2016_published_figures(domestic: bool) -> None:
    # PROVENANCE.md: 2016 «Симм ТЗВ», row 110 P1 agriculture 5083032, row 109 B1g 2697512.
    t = io_table(2016, domestic=domestic)
    assert t.labels.iloc[0].tolist() == ["01.1 + 01.2", AGRI]
    assert t.x.iloc[0] == 5083032 and t.value_added.iloc[0] == 2697512
    assert t.Z.shape == (98, 98)


def test_2011_keeps_the_negative_flows_of_the_domestic_table() -> None:
    # «Симм отеч» 2011 (product-technology assumption) has 8 negative cells; the shipped file keeps them as published.
    t = io_table(2011, domestic=True)
    assert t.Z.shape == (126, 126) and int((t.Z.to_numpy() < 0).sum()) == 8
    assert "set to zero" in t.to_iotable(negative="zero").assumptions[-1]


def test_2021_domestic_accounts_close_and_aggregate() -> None:
    t = io_table(2021, domestic=True)
    assert np.abs(t.Z.sum(axis=1) + t.final_demand.sum(axis=1) - t.x).max() < 20
    sections = aggregate(t, shipped_concordance()).to_iotable()
    assert sections.labels == list("ABCDEFGHIJKLMNOPQRST")
    assert sections.x.sum() == pytest.approx(t.x.sum())
    assert "C" in sections.multipliers().key_sectors


def test_unknown_table_lists_the_available_ones() -> None:
    with pytest.raises(DataError, match=r"no shipped input-output table for 2015 \(domestic\); available: "
                                        r"2011 total, 2011 domestic, 2016 total, 2016 domestic, 2021 total, "
                                        r"2021 domestic"):
        io_table(2015)
