"""Rosstat wage extraction (``rosstat_wages_json``) and KEP annual national figures (``rosstat_kep``).

References: rosstat_wages_2024_2025/PROVENANCE.md (verbatim values from tab4-zpl_2025.xlsx as extracted);
rosstat_kep/PROVENANCE.md (FXUSD_rub is the end-of-year rate: 56.26 on 31.12.2014). The CPI figures are
Rosstat's December-on-December indices (1999 136.5 %, 2014 111.4 %, 2015 112.9 %).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from regint.data.loaders import rosstat_extra
from regint.errors import LoaderError


@pytest.fixture()
def aux(fixtures: Path) -> Path:
    return fixtures / "auxiliary"


def _value(obs, region: str, indicator: str, period: str) -> float:
    hit = obs[(obs["region"] == region) & (obs["indicator"] == indicator) & (obs["period"] == period)]
    assert len(hit) == 1, (region, indicator, period)
    return float(hit["value"].iloc[0])


def test_wages_real_file(sources: Path) -> None:
    path = sources / "rosstat_wages_2024_2025" / "rosstat-wages.json"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    assert rosstat_extra.sniff_wages(path)
    result = rosstat_extra.load_wages(path)
    obs = result.observations
    assert result.warnings == ()  # every one of the 85 names resolves
    assert obs.groupby("period").size().to_dict() == {"2024": 85, "2025": 85}
    assert _value(obs, "RU-SMO", "wage_nominal", "2024") == 60415.1
    assert _value(obs, "RU-SMO", "wage_nominal", "2025") == 68467.9
    assert _value(obs, "RU-PSK", "wage_nominal", "2024") == 54985.6
    assert _value(obs, "RU-BRY", "wage_nominal", "2025") == 65803.0
    assert _value(obs, "RU-YEV", "wage_nominal", "2024") == 78794.7
    assert obs[obs["period"] == "2025"]["note"].str.startswith("preliminary").all()
    assert not obs[obs["period"] == "2024"]["note"].str.contains("preliminary").any()
    assert set(obs["status"]) == {"secondary"} and set(obs["source"]) == {"rosstat_wages_2024"}


def test_wages_unknown_name_is_warned(aux: Path) -> None:
    result = rosstat_extra.load_wages(aux / "wages_small.json")
    assert _value(result.observations, "RU-SPE", "wage_nominal", "2024") == 110473.4
    assert len(result.observations) == 3
    assert "'Атлантида' (2024)" in str(result.warnings[0])


def test_kep_real_file(sources: Path) -> None:
    path = sources / "rosstat_kep" / "dfa.csv"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    assert rosstat_extra.sniff_kep(path)
    assert not rosstat_extra.sniff_kep(sources / "rosstat_kep" / "dfq.csv")
    result = rosstat_extra.load_kep(path)
    obs = result.observations
    assert _value(obs, "RU", "fx_usd_eop", "2014") == 56.26
    assert _value(obs, "RU", "fx_usd_eop", "2000") == 28.16
    assert "fx_usd" not in set(obs["indicator"])
    assert _value(obs, "RU", "cpi", "1999") == 136.5
    assert _value(obs, "RU", "cpi", "2015") == 112.9
    assert _value(obs, "RU", "wage_nominal", "2015") == 34030.0
    assert _value(obs, "RU", "gdp_bln_rub", "2017") == 92037.0
    assert _value(obs, "RU", "exports_usd", "2017") == pytest.approx(353500.0)
    assert _value(obs, "RU", "imports_usd", "2000") == pytest.approx(44900.0)
    assert "unemployment_rate" not in set(obs["indicator"])
    assert "UNEMPL_mln" in str(result.warnings[0])
    assert set(obs["period"].astype(int)) == set(range(1999, 2018))


def test_kep_quarterly_is_refused(aux: Path) -> None:
    with pytest.raises(LoaderError, match=r"kep_quarterly.csv, row 1: this is a quarterly or monthly KEP file"):
        rosstat_extra.load_kep(aux / "kep_quarterly.csv")
