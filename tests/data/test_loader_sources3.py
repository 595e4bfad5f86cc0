"""Rosstat tab4-zpl (format ``rosstat_wages_xlsx``) and the World Bank's latest-value CSV (``wdi_latest``) on
the real files of ``../shared/data/sources`` (figures quoted from their PROVENANCE.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from regint.data.loaders import detect_format, load_file
from regint.errors import LoaderError


def _v(obs, region: str, period: str) -> float:
    return float(obs.loc[(obs.region == region) & (obs.period == period), "value"].iloc[0])


def test_rosstat_wages_2018_2023(sources: Path) -> None:
    path = sources / "rosstat_wages_2018_2023" / "tab4-zpl_2023.xlsx"
    if not path.exists():
        pytest.skip("rosstat_wages_2018_2023 not in ../shared")
    assert detect_format(path) == "rosstat_wages_xlsx"
    obs = load_file(path).observations
    # PROVENANCE: RF 2022 65338.3, 2023 73709.3; Smolensk 41716.5, 48388.1; Pskov 38966, 44579.2; Bryansk
    # 40804.1, 47828.3; 2021 equals the Regions of Russia 2022 yearbook (RF 57244, Smolensk 36529)
    expect = {("RU", "2022"): 65338.3, ("RU", "2023"): 73709.3, ("RU-SMO", "2022"): 41716.5,
              ("RU-SMO", "2023"): 48388.1, ("RU-PSK", "2022"): 38966.0, ("RU-PSK", "2023"): 44579.2,
              ("RU-BRY", "2022"): 40804.1, ("RU-BRY", "2023"): 47828.3, ("RU", "2021"): 57244.0,
              ("RU-SMO", "2021"): 36529.0}
    assert {k: _v(obs, *k) for k in expect} == expect
    assert set(obs.unit) == {"RUB per month"} and set(obs.source) == {"rosstat_wages_2023"}
    assert obs.loc[obs.region == "RU-SMO", "location"].iloc[0] == "sheet с 2018 row 16, column 2"


def test_wdi_latest_value(sources: Path, tmp_path: Path) -> None:
    path = sources / "wdi_fcrf_2020" / "PA.NUS.FCRF.csv"
    if not path.exists():
        pytest.skip("wdi_fcrf_2020 not in ../shared")
    assert detect_format(path) == "wdi_latest"
    obs = load_file(path).observations
    # PROVENANCE: BLR,2.439575,2020 (BYN per USD); RUS,72.1049083333333,2020
    assert _v(obs, "BY", "2020") == 2.439575 and _v(obs, "RU", "2020") == pytest.approx(72.1049083333333)
    by = obs[obs.region == "BY"].iloc[0]
    assert (by.indicator, by.unit, by.currency, by.source) == ("fx_usd", "BYN per USD", "BYN", "wdi_fcrf_2020")
    bad = tmp_path / "x.csv"
    bad.write_text("economy,NY.GDP.MKTP.CD,NY.GDP.MKTP.CD:T\nBLR,1,2020\n", encoding="utf-8")
    with pytest.raises(LoaderError, match="series 'NY.GDP.MKTP.CD' has no unit regint knows"):
        load_file(bad)
