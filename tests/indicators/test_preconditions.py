"""Preconditions on a small hand-made observation frame (real data come later from the store)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from regint.errors import DataError
from regint.indicators.preconditions import COLUMNS, preconditions, prepare_panel


def test_byr_is_converted_to_byn(hand_panel):
    prepared = prepare_panel(hand_panel.copy())
    vi = prepared[(prepared.region == "BY-VI") & (prepared.indicator == "wage_nominal")].set_index("year")
    assert vi.loc[2015, "value"] == pytest.approx(620.0)
    assert vi.loc[2016, "value"] == pytest.approx(680.0)
    assert set(vi["currency"]) == {"BYN"}


def test_wage_gap_in_usd_for_the_pair(hand_panel):
    res = preconditions(hand_panel.copy())
    assert tuple(res.table.columns) == COLUMNS
    row = res.table[(res.table.indicator == "wage_ratio_usd") & (res.table.regions == "RU-SMO vs BY-VI")].iloc[0]
    assert row.value == pytest.approx((26000 / 58.35) / (750 / 1.9319))
    assert row.years == "2012-2017"
    assert "Smolensk oblast" in row.meaning and "USD" in row.meaning
    assert "wage_nominal (belstat, rosstat)" in row.data_used and "fx_usd (cbr, nbrb)" in row.data_used
    assert any("BYR" in n for n in res.notes)


def test_mixed_denominations_give_the_same_usd_wage(hand_panel):
    # a wage reported in BYR while the rate of the same year is already in BYN: /10000 makes them consistent
    panel = hand_panel.copy()
    i = panel.index[(panel.region == "BY") & (panel.indicator == "fx_usd") & (panel.period == "2015")][0]
    panel.loc[i, ["value", "currency"]] = [1.5926, "BYN"]
    a = preconditions(hand_panel.copy()).table
    b = preconditions(panel).table
    sel = (a.indicator == "wage_ratio_usd") & (a.regions == "RU-SMO vs BY-VI")
    assert a[sel].value.iloc[0] == pytest.approx(b[sel].value.iloc[0])


def test_other_indicators_and_reasons(hand_panel):
    res = preconditions(hand_panel.copy())
    names = set(res.table.indicator)
    assert {"real_exchange_rate", "exports_cis_share", "industrial_production_index_concordance",
            "wage_sigma_sd_log"} <= names
    cis = res.table[res.table.indicator == "exports_cis_share"].iloc[0]
    assert cis.value == pytest.approx(240 / 450)
    rer = res.table[res.table.indicator == "real_exchange_rate"].iloc[0]
    # RUB per BYN x CPI_BY / CPI_RU, first year = 100, hand-computed from the frame
    fx = hand_panel[hand_panel.indicator == "fx_usd"].pivot(index="period", columns="region", values="value")
    nominal = fx["RU"].to_numpy() / (fx["BY"].to_numpy() / np.array([1e4] * 4 + [1] * 2))
    p_ru = np.cumprod([1.066, 1.065, 1.114, 1.129, 1.054, 1.025])
    p_by = np.cumprod([1.218, 1.165, 1.162, 1.120, 1.106, 1.046])
    q = nominal * p_by / p_ru
    assert rer.value == pytest.approx(100 * q[-1] / q[0])
    skipped = dict(res.not_computed)
    assert skipped["balassa_rca"] == "no product-level trade for the pair: RCA not computable"
    assert "rer_adf_pvalue" in skipped and "at least 10" in skipped["rer_adf_pvalue"]
    assert any(k.startswith("grp_per_capita_ratio_usd") for k in skipped)
    assert "krugman_specialisation" in skipped
    assert "Not computed" in res.summary()
    assert list(res.not_computed_frame().columns) == ["indicator", "reason"]


def test_empty_or_wrong_panel(hand_panel):
    res = preconditions(hand_panel.copy().iloc[0:0])
    assert res.table.empty and len(res.not_computed) > 5
    with pytest.raises(DataError, match="lacks column"):
        preconditions(pd.DataFrame({"region": ["RU"]}))


# ------------------------------------------------------------------------------------------------ Russian texts
def test_russian_wage_sentence_with_decimal_comma(hand_panel):
    res = preconditions(hand_panel.copy(), lang="ru")
    row = res.table[(res.table.indicator == "wage_ratio_usd") & (res.table.regions == "RU-SMO vs BY-VI")].iloc[0]
    # 26 000 RUB / 58.35 = 446 USD against 750 BYN / 1.9319 = 388 USD in 2017; 2012: 611 / 516 = 1.18
    assert "2017\u00a0г." in row.meaning and "446\u00a0долл." in row.meaning  # kept on one line
    assert row.meaning.replace("\u00a0", " ") == ("В 2017 г. средняя начисленная заработная плата в Смоленской области составляла 446 "
                           "долл. США в месяц против 388 долл. в Витебской области: в 1,15 раза больше "
                           "(в 2012 г. — в 1,18 раза).")
    # the other columns do not depend on the language
    en = preconditions(hand_panel.copy()).table
    pd.testing.assert_frame_equal(res.table.drop(columns="meaning"), en.drop(columns="meaning"))


def test_russian_texts_are_russian_in_every_row(hand_panel):
    res = preconditions(hand_panel.copy(), lang="ru")
    cyrillic = r"[А-Яа-яЁё]"
    assert len(res.table) == len(preconditions(hand_panel.copy()).table) > 5
    assert res.table["meaning"].str.contains(cyrillic).all()
    reasons = res.not_computed_frame()["reason"]
    assert reasons.str.contains(cyrillic).all(), reasons[~reasons.str.contains(cyrillic)].tolist()
    assert all(pd.Series(res.notes).str.contains(cyrillic))
    # numbers in the prose use the decimal comma, region names are declined
    sigma = res.table.loc[res.table.indicator == "wage_sigma_sd_log", "meaning"].iloc[0]
    assert "0,071" in sigma and "0.071" not in sigma
    skipped = dict(res.not_computed)
    assert skipped["rer_adf_pvalue"].replace("\u00a0", " ") == ("тест Дики — Фуллера для реального курса не проведён (наблюдений: 6; "
                                         "для теста нужно не менее 10)")
    assert skipped["exports_cis_share [BY-VI]"] == "нет данных об экспорте (exports_usd) по Витебской области"


def test_english_texts_unchanged(hand_panel):
    res = preconditions(hand_panel.copy(), lang="en")
    row = res.table[(res.table.indicator == "wage_ratio_usd") & (res.table.regions == "RU-SMO vs BY-VI")].iloc[0]
    assert row.meaning == ("In 2017 the average monthly wage in Smolensk oblast was 446 USD against 388 USD in "
                           "Vitebsk oblast: a ratio of 1.15 (it was 1.18 in 2012).")
    rer = res.table[res.table.indicator == "real_exchange_rate"].iloc[0]
    assert "(RUB per BYN x CPI BY / CPI RU, 2012 = 100)" in rer.meaning
    assert dict(res.not_computed)["rer_adf_pvalue"] == ("ADF on the real exchange rate: 6 observations; the test "
                                                        "needs at least 10")
    assert res.table.equals(preconditions(hand_panel.copy()).table)


def test_unknown_language(hand_panel):
    from regint.errors import OptionError

    with pytest.raises(OptionError, match=r"lang must be one of \{'en', 'ru'\}; got 'de'"):
        preconditions(hand_panel.copy(), lang="de")  # type: ignore[arg-type]


@pytest.mark.parametrize(("reason", "russian"), [
    ("4 common period(s); a trend needs 3", "общих лет: 4; для тренда нужно не менее 3"),
    ("rho = 1.02 is outside (0, 1): deviations do not decay monotonically",
     "ρ = 1,02 вне интервала (0; 1): отклонения не затухают монотонно"),
    ("the series is constant", "ряд не меняется"),
    ("something new", "something new"),
])
def test_reasons_of_other_modules_are_translated(reason, russian):
    from regint.indicators._preconditions_text import translate_reason

    assert translate_reason(reason) == russian


def test_reasons_of_other_modules_match_the_patterns():
    # the English reasons are written in prices/convergence/cycles: a changed wording must not slip into Russian
    from regint.indicators import convergence, cycles, prices
    from regint.indicators._preconditions_text import translate_reason

    short = pd.Series([1.0, 1.1, 1.2], index=[2010, 2011, 2012])
    reasons = [prices.half_life(short).reason, prices.adf(short).reason,
               convergence.pair_gap(short.iloc[:2], short.iloc[:2] * 2).reason,
               cycles.synchronisation(short.iloc[:2], short.iloc[:2]).reason]
    for reason in reasons:
        assert reason and translate_reason(reason) != reason, reason


def test_region_cases_for_other_regions():
    from regint._i18n_names import derive_ru_cases
    from regint.indicators._preconditions_text import Region, Regions

    assert Region("RU-KLU").render("ru").prep == "Калужской области"
    assert Region("RU-KDA").render("ru").gen == "Краснодарского края"
    assert Regions(("RU-SMO", "BY-HM")).render("ru") == "Смоленской области и Минску"
    assert derive_ru_cases("Республика Карелия") == ("Республика Карелия",) * 4


def test_cis_share_starts_after_the_coverage_break():
    # Rosstat's regional trade leaves Belarus out until 2011 (breaks.csv): a CIS share across 2012 would show the
    # change of definition as a rise, so the share is computed from 2012 on
    from regint.indicators.preconditions import comparable_from

    assert comparable_from("exports_cis_usd", "RU-SMO") == 2012
    assert comparable_from("exports_cis_usd", "BY-VI") == 0
