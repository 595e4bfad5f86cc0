"""Reader of CEPII GeoDist + WITS 2009 (../shared/data/sources/cepii_wits, see its PROVENANCE.md) and the 2009
cross-section gravity model for Russia-Belarus."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from regint.errors import LoaderError
from regint.models.gravity import border_effect, ppml, trade_potential
from regint.models.gravity_data import read_cepii_wits


@pytest.fixture(scope="module")
def wits(sources: Path) -> pd.DataFrame:
    folder = sources / "cepii_wits"
    if not (folder / "WITS_trade2009.csv").exists():
        pytest.skip(f"{folder} is absent")
    return read_cepii_wits(folder / "dist_cepii.csv", folder / "WITS_trade2009.csv")


def _pair(frame: pd.DataFrame, o: str, d: str) -> pd.Series:
    row = frame[(frame.exporter == o) & (frame.importer == d)]
    assert len(row) == 1
    return row.iloc[0]


def test_verbatim_values_from_provenance(wits: pd.DataFrame) -> None:
    # PROVENANCE.md: BLR Import from RUS 14894177.200, BLR Export to RUS 6299239.700 (thousand USD);
    # Russia reports no flow with BLR, so BLR->RUS comes from Belarus' own export report (mirror fallback)
    rus_blr = _pair(wits, "RUS", "BLR")
    assert rus_blr["trade"] == pytest.approx(14894177.2)
    assert rus_blr["trade_source"] == "importer"
    blr_rus = _pair(wits, "BLR", "RUS")
    assert blr_rus["trade"] == pytest.approx(6299239.7)
    assert blr_rus["trade_source"] == "exporter"
    # RUS;BLR;1;0;1;1;0;0;1;0;686.9657;686.9657;1495.438;994.2421
    assert rus_blr["contig"] == 1 and rus_blr["comlang_ethno"] == 1 and rus_blr["colony"] == 1
    assert rus_blr["dist"] == pytest.approx(686.9657)
    assert rus_blr["distw"] == pytest.approx(1495.438)


def test_frame_is_tidy(wits: pd.DataFrame) -> None:
    assert not wits.duplicated(["exporter", "importer"]).any()
    assert not (wits.exporter == wits.importer).any()
    assert "WLD" not in set(wits.exporter) | set(wits.importer)
    assert (wits.trade >= 0).all() and (wits.year == 2009).all()
    assert set(wits.trade_source) <= {"importer", "exporter", "none"}
    assert (wits.loc[wits.trade_source == "none", "trade"] == 0).all()


def test_russia_belarus_against_gravity(wits: pd.DataFrame) -> None:
    data = wits.assign(rus_blr=(wits.exporter.isin(["RUS", "BLR"]) & wits.importer.isin(["RUS", "BLR"]))
                       .astype(float))
    base = ppml(data, "trade ~ log_dist + contig + comlang_off + colony | exporter + importer")
    assert base.converged and base.coef["log_dist"] < 0
    rows = data.index[data.rus_blr == 1]
    tp = trade_potential(base, data, rows=rows, draws=50)
    assert (tp["ratio"] > 1).all()  # 2009: Russia-Belarus trade is several times its gravity prediction
    dummy = ppml(data, "trade ~ log_dist + contig + comlang_off + colony + rus_blr | exporter + importer")
    assert border_effect(dummy, "rus_blr").loc["rus_blr", "effect"] > 0


def test_loader_errors(tmp_path: Path) -> None:
    dist = tmp_path / "dist.csv"
    dist.write_text("iso_o;iso_d\nAAA;BBB\n")
    trade = tmp_path / "trade.csv"
    trade.write_text("ReporterISO3;PartnerISO3;Year;TradeFlowName;TradeValue in 1000 USD\nAAA;BBB;2009;Export;x\n")
    with pytest.raises(LoaderError, match=r"file dist.csv, row 1: missing columns \['contig'"):
        read_cepii_wits(dist, trade)
    with pytest.raises(LoaderError, match="file nope.csv: file not found"):
        read_cepii_wits(tmp_path / "nope.csv", trade)
    good = ";".join(["iso_o", "iso_d", "contig", "comlang_off", "comlang_ethno", "colony", "comcol", "curcol",
                     "col45", "smctry", "dist", "distcap", "distw", "distwces"])
    dist.write_text(good + "\nAAA;BBB;0;0;0;0;0;0;0;0;1;1;1;1\nBBB;AAA;0;0;0;0;0;0;0;0;1;1;1;1\n")
    with pytest.raises(LoaderError, match="row 2, column TradeValue in 1000 USD: non-numeric"):
        read_cepii_wits(dist, trade)
    trade.write_text("ReporterISO3;PartnerISO3;Year;TradeFlowName;TradeValue in 1000 USD\n"
                     "AAA;BBB;2009;Export;5\nBBB;WLD;2009;Import;9\nBBB;AAA;2009;Import;7\n")
    out = read_cepii_wits(dist, trade)
    assert out.set_index(["exporter", "importer"])["trade"].to_dict() == {("AAA", "BBB"): 7.0, ("BBB", "AAA"): 0.0}
    out = read_cepii_wits(dist, trade, prefer="exporter")
    assert out.set_index(["exporter", "importer"])["trade"][("AAA", "BBB")] == 5.0
    assert np.isclose(out["log_dist"], 0).all()
