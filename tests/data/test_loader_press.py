"""Hand-transcribed press figures (format ``press_facts``).

Pinned figures are the rows' own values (press_facts*/facts*.csv with their URLs): F02 Smolensk–Belarus trade
2025 "more than 3.4 bn USD" (RIA, 06.03.2026); P02 Vitebsk oblast population on 1 January 2024 1,081,911
(Belstat via Minsk-Novosti); Q01 Belarus average wage 2024 2,271.9 BYN (bobr.by citing Belstat).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from regint.data.loaders import press
from regint.data.schema import validate_observations
from regint.errors import OptionError


@pytest.fixture()
def aux(fixtures: Path) -> Path:
    return fixtures / "auxiliary"


def _file(sources: Path, rel: str) -> Path:
    path = sources / rel
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path


def _row(obs: pd.DataFrame, location: str) -> pd.Series:
    hit = obs[obs["location"] == location]
    assert len(hit) == 1, location
    return hit.iloc[0]


# ------------------------------------------------------------------ small fixtures


def test_small_file(aux: Path) -> None:
    result = press.load(aux / "press_small.csv", source="press_facts")
    obs = validate_observations(result.observations)
    t01 = _row(obs, "T01")
    assert (t01.region, t01.indicator, t01.period, t01.value, t01.unit) == (
        "RU-SMO", "trade_partner_usd", "2025", 3400.0, "mln USD")
    assert "more than" in t01.note and "https://example.org/a" in t01.note and "× 1000" in t01.derived_from
    assert _row(obs, "T03[2]").region == "BY-VI" and _row(obs, "T03[1]").region == "BY"
    assert _row(obs, "T03[2]").indicator == "wage_nominal" and _row(obs, "T03[2]").period == "2023-09"
    t04 = _row(obs, "T04")
    assert t04.note.startswith("FLAGGED: CONFLICT") and t04.indicator == "press_grp_growth"
    t07 = _row(obs, "T07")
    assert (t07.indicator, t07.period, t07.value) == ("population_jan1", "2022", 1103.833)
    assert "on 1 January" in t07.note
    t08 = _row(obs, "T08")
    assert (t08.indicator, t08.currency, t08.value, t08.unit) == ("grp", "BYR", 12_524_900.0, "mln BYR")
    warnings = {str(w).split(": ", 1)[1].split(":")[0]: str(w) for w in result.warnings}
    assert "'Atlantis oblast' is not a known region" in warnings["T02"]
    assert "period 'sometime' not understood" in warnings["T05"]
    assert "unit labels has 2 items but value has 3" in warnings["T06"]
    assert set(obs["status"]) == {"secondary"}


def test_unknown_geo_warning_names_the_id(aux: Path) -> None:
    result = press.load(aux / "press_small.csv")
    text = [str(w) for w in result.warnings if "Atlantis" in str(w)]
    assert text == ["press_small.csv, row 3: T02: skipped, geo 'Atlantis oblast' is not a known region."]


def test_quotes_layout(aux: Path) -> None:
    obs = press.load(aux / "press_quotes_small.csv").observations
    assert set(obs["source"]) == {"press_facts3"}
    r01 = _row(obs, "R01")
    assert (r01.region, r01.indicator, r01.value, r01.unit) == ("RU-PSK", "trade_partner_rub", 10.0, "bln RUB")
    assert "about" in r01.note and "«около 10 миллиардов рублей»" in r01.note
    assert _row(obs, "R02[1]").period == "2022" and _row(obs, "R02[2]").period == "2021"
    assert _row(obs, "R02[1]").indicator == "press_trade_with_belarus_share"
    r03 = _row(obs, "R03")
    assert r03.period == "2023" and r03.note.startswith("FLAGGED: YEAR UNCERTAIN")


def test_source_option_is_checked(aux: Path) -> None:
    with pytest.raises(OptionError, match="source must be one of"):
        press.load(aux / "press_small.csv", source="press")


@pytest.mark.parametrize(("text", "period", "note"), [
    ("2013-01..2013-07", "2013-01/2013-07", None),
    ("2017-01..08", "2017-01/2017-08", None),
    ("2018-11..2019-01", "2018-11/2019-01", None),
    ("2024 (Jan-Dec)", "2024", "period as printed"),
    ("2024-01-01", "2024", "on 1 January"),
    ("2017-12-31", "2017-12", "on 2017-12-31"),
    ("2022-H1", "2022-01/2022-06", None),
    ("2020-Q1", "2020-Q1", None),
    ("2014-2015", "2014-01/2015-12", None),
    ("2021 census", "2021", "census"),
    ("2020 (prelim.)", "2020", "prelim."),
])
def test_parse_period(text: str, period: str, note: str | None) -> None:
    got, notes, guessed = press.parse_period(text)
    assert got == period and not guessed
    if note:
        assert any(note in n for n in notes)


def test_parse_period_guessed_year() -> None:
    assert press.parse_period("H1 (year not stated; probably 2022)")[::2] == ("2022-01/2022-06", True)
    assert press.parse_period("Jan-Jul (year not stated; probably 2018)")[::2] == ("2018-01/2018-07", True)


@pytest.mark.parametrize(("name", "code"), [
    ("Smolensk oblast", "RU-SMO"), ("Vitebsk oblast", "BY-VI"), ("Belarus", "BY"), ("Minsk city", "BY-HM"),
    ("Minsk obl.", "BY-MI"), ("Russia (CBR)", "RU"), ("Gomel", "BY-HO"), ("Смоленская область", "RU-SMO"),
])
def test_resolve_geo(name: str, code: str) -> None:
    assert press.resolve_geo(name) == code


# ------------------------------------------------------------------ the real files


def _ids(path: Path) -> set[str]:
    with open(path, encoding="utf-8") as fh:
        return {r["id"] for r in csv.DictReader(fh)}


@pytest.mark.parametrize("rel", ["press_facts/facts.csv", "press_facts2/facts2.csv", "press_facts3/facts.csv"])
def test_every_row_loaded_or_warned(sources: Path, rel: str) -> None:
    path = _file(sources, rel)
    assert press.sniff(path)
    result = press.load(path)
    validate_observations(result.observations)
    loaded = set(result.observations["location"].str.replace(r"\[\d+\]$", "", regex=True))
    warned = {str(w).split(": ")[1] for w in result.warnings}
    assert loaded | warned == _ids(path) and not loaded & warned


def test_set1(sources: Path) -> None:
    obs = press.load(_file(sources, "press_facts/facts.csv")).observations
    assert set(obs["source"]) == {"press_facts"}
    f02 = _row(obs, "F02")
    assert (f02.region, f02.indicator, f02.period, f02.value, f02.unit, f02.currency) == (
        "RU-SMO", "trade_partner_usd", "2025", 3400.0, "mln USD", "USD")
    assert not f02.note.startswith("FLAGGED") and "more than" in f02.note
    assert "https://ria.ru/20260306/anokhin-2079124442.html" in f02.note and f02.note.startswith("F02")
    assert _row(obs, "F01").period == "2013-01/2013-07"
    assert [_row(obs, f"F14[{i}]").region for i in range(1, 5)] == ["BY-VI", "BY-MA", "BY-HO", "BY-MI"]
    assert _row(obs, "F19").region == "BY-MA" and _row(obs, "F19").indicator == "trade_partner_usd"
    assert _row(obs, "F06").indicator == "press_cooperation_agreement"  # a pair of regions, not the partner country


def test_set2(sources: Path) -> None:
    result = press.load(_file(sources, "press_facts2/facts2.csv"))
    obs = result.observations
    p02 = _row(obs, "P02")
    assert (p02.region, p02.indicator, p02.period, p02.unit) == ("BY-VI", "population_jan1", "2024", "thous. persons")
    assert p02.value * 1000 == pytest.approx(1_081_911)
    assert "1081911 persons" in p02.derived_from and "on 1 January" in p02.note
    assert _row(obs, "P24").note.startswith("FLAGGED: UNVERIFIED")
    assert _row(obs, "P27[1]").note.startswith("FLAGGED: YEAR UNCERTAIN")
    assert _row(obs, "P30[3]").indicator == "imports_partner_usd" and _row(obs, "P30[3]").region == "RU"
    assert _row(obs, "P28[1]").region == "BY" and _row(obs, "P28[1]").indicator == "exports_partner_usd"
    assert _row(obs, "P38").value == 83.3 and _row(obs, "P38").indicator == "fx_usd"
    assert any("P31" in str(w) for w in result.warnings)


def test_set3(sources: Path) -> None:
    obs = press.load(_file(sources, "press_facts3/facts.csv")).observations
    q01 = _row(obs, "Q01")
    assert (q01.region, q01.indicator, q01.period, q01.value, q01.currency) == (
        "BY", "wage_nominal", "2024", 2271.9, "BYN")
    assert "2 271,9" in q01.note and "https://bobr.by/news/ispolkom/192402" in q01.note
    for flagged, reason in (("Q54", "CONFLICT"), ("Q62", "CONFLICT"), ("Q63", "YEAR UNCERTAIN"),
                            ("Q80", "AMBIGUOUS"), ("Q58", "YEAR UNCERTAIN")):
        note = _row(obs, flagged).note
        assert note.startswith("FLAGGED: ") and reason in note.split(".")[0], flagged
    assert _row(obs, "Q72").indicator == "trade_partner_rub" and _row(obs, "Q72").value == 295
    assert _row(obs, "Q74").value == 3500.0 and "almost" in _row(obs, "Q74").note
    assert _row(obs, "Q86").indicator == "fx_rub_100" and _row(obs, "Q86").period == "2020-01/2020-07"
    assert _row(obs, "Q57").value == 1023.0 and "rounded" in _row(obs, "Q57").note
    flagged = obs["note"].str.startswith("FLAGGED")
    assert flagged.sum() == 10 and not obs.loc[~flagged, "note"].str.contains("CONFLICT").any()


def test_ruxpert(sources: Path) -> None:
    path = _file(sources, "press_facts/fx_rub_usd_annual_ruxpert.csv")
    obs = press.load(path).observations
    assert len(obs) == 25 and set(obs["indicator"]) == {"fx_usd"} and set(obs["region"]) == {"RU"}
    assert _row(obs, "ruxpert 2015").value == 60.96 and "'60,96'" in _row(obs, "ruxpert 2015").note
