"""National Bank of Belarus rates transcribed by hand (format ``nbrb_fx``).

Reference: the NBRB releases as republished (URLs in the file); 2019 weighted FX-market average USD 2.0887,
100 RUB 3.2303; January–May 2020 official arithmetic average USD 2.3282 (nbrb_fx_pages/PROVENANCE.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from regint.data.loaders import nbrb
from regint.data.schema import PERIOD_RE
from regint.errors import LoaderError


@pytest.fixture()
def aux(fixtures: Path) -> Path:
    return fixtures / "auxiliary"


def _value(obs, indicator: str, period: str) -> float:
    hit = obs[(obs["indicator"] == indicator) & (obs["period"] == period)]
    assert len(hit) == 1, (indicator, period, hit)
    return float(hit["value"].iloc[0])


def test_small_file(aux: Path) -> None:
    result = nbrb.load(aux / "nbrb_small.csv")
    obs = result.observations
    assert _value(obs, "fx_usd", "2019") == 2.0887
    assert _value(obs, "fx_rub_100", "2020-01/2020-05") == 3.3553
    assert _value(obs, "fx_usd", "2020-03") == 2.407
    assert not ((obs["indicator"] == "fx_rub_100") & (obs["period"] == "2020-03")).any()  # empty cell: no value
    assert set(obs["region"]) == {"BY"} and set(obs["currency"]) == {"BYN"}
    assert set(obs["status"]) == {"secondary"} and set(obs["source"]) == {"nbrb_fx"}
    note = obs[obs["period"] == "2019"]["note"].iloc[0]
    assert "weighted average exchange rate (FX market)" in note and "not the official average" in note
    assert "https://example.org/nbrb-2019" in note
    text = " ".join(str(w) for w in result.warnings)
    assert "2023-12-21" in text and "spot" in text and "byn_per_eur" in text


def test_duplicate_period_is_an_error(aux: Path) -> None:
    with pytest.raises(LoaderError, match=r"duplicate key .*BY, fx_usd, 2019-01, nbrb_fx"):
        nbrb.load(aux / "nbrb_duplicate.csv")


def test_bad_period(aux: Path) -> None:
    with pytest.raises(LoaderError, match=r"row 2, column period: '2019-Q5' is not a period"):
        nbrb.load(aux / "nbrb_bad_period.csv")


@pytest.mark.parametrize(("text", "period"), [
    ("2019", "2019"), ("2019-03", "2019-03"), ("2020-01..05", "2020-01/2020-05"), ("2023-12-21", None),
    ("2020-05..01", None),
])
def test_parse_period(text: str, period: str | None) -> None:
    assert nbrb.parse_period(text) == period


def test_real_file(sources: Path) -> None:
    path = sources / "nbrb_fx_pages" / "nbrb_rates_transcribed.csv"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    assert nbrb.sniff(path)
    result = nbrb.load(path)
    obs = result.observations
    assert _value(obs, "fx_usd", "2019") == 2.0887
    assert _value(obs, "fx_rub_100", "2019") == 3.2303
    assert _value(obs, "fx_usd", "2020-01/2020-05") == 2.3282
    assert _value(obs, "fx_usd", "2021-01/2021-10") == 2.5453
    assert "GEOMETRIC" in obs[obs["period"] == "2021-01/2021-10"]["note"].iloc[0]
    assert obs["period"].str.match(PERIOD_RE).all()
    assert len(obs[obs["period"].str.fullmatch(r"\d{4}")]) == 2  # only 2019 is a full year
    skipped = str(result.warnings[0])
    assert all(d in skipped for d in ("2023-12-21", "2025-12-31", "2025-09-15"))
