"""Freshness and comparability of the findings: which year each analysis compares, per side, and how old it is.

A finding compares the two sides of the pair in the same year — the latest year both have. When that year is
more than :data:`DATED_AFTER` years before the report date, the finding is *dated*: the report marks it and shows
the latest one-sided figures beside it. :func:`freshness` lists, for each analysis of the study, the latest year
used on the Russian side, on the Belarusian side and the common year compared; the summary opens with it.

The years are read from the study's results and its panel (the same computation the sections and the scenario
baseline use); nothing here computes an analysis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from regint.report.collect import Results

#: A finding whose common year is more than this many years before the report date is marked dated.
DATED_AFTER = 3

#: The analyses of the freshness table, in the order of the report, with their names.
ANALYSES: dict[str, tuple[str, str]] = {
    "wages_ppp": ("Оплата труда (по паритету покупательной способности)", "Wages (at purchasing power parity)"),
    "wages_usd": ("Оплата труда (по рыночному курсу, в долларах США)", "Wages (at market rates, in US dollars)"),
    "trade": ("Внешняя торговля товарами", "Foreign trade in goods"),
    "rer": ("Реальный курс рубля", "Real exchange rate"),
    "price_level": ("Уровень цен (ППС к курсу)", "Price level (PPP over the exchange rate)"),
    "index": ("Сводный индекс интеграции пар", "Integration index of the pairs"),
    "io": ("Модель «затраты – выпуск»", "Input-output model"),
    "gravity": ("Гравитационная модель торговли", "Gravity model of trade"),
    "convergence": ("Конвергенция регионов России", "Convergence of the Russian regions"),
    "scenarios": ("Базовый год сценариев", "Base year of the scenarios"),
}


@dataclass(frozen=True)
class FreshnessRow:
    """How current one analysis is.

    Attributes
    ----------
    analysis : str
        Key of :data:`ANALYSES`.
    ru, by : int or None
        Latest year of the data used on the Russian and the Belarusian side (``None``: that side has none).
    common : int or None
        The year in which the analysis compares the two sides (``None``: no comparison is possible).
    one_sided : bool
        The analysis covers one side only (by design, e.g. convergence of the Russian regions).
    """

    analysis: str
    ru: int | None
    by: int | None
    common: int | None
    one_sided: bool = False

    def dated(self, report_date: dt.date) -> bool:
        """``True`` when the year compared is more than :data:`DATED_AFTER` years before ``report_date``."""
        year = self.common if self.common is not None else max((y for y in (self.ru, self.by) if y is not None),
                                                               default=None)
        return year is not None and is_dated(year, report_date)


def is_dated(year: int, report_date: dt.date) -> bool:
    """A year more than :data:`DATED_AFTER` years before ``report_date`` (2022 is dated in a report of 2026)."""
    return int(year) < report_date.year - DATED_AFTER


def annual_years(panel: pd.DataFrame, indicator: str | Sequence[str], region: str) -> list[int]:
    """Sorted years with an annual value of ``indicator`` (any of several) for ``region``."""
    names = [indicator] if isinstance(indicator, str) else list(indicator)
    sub = panel[panel["indicator"].isin(names) & (panel["region"] == region) & panel["value"].notna()
                & panel["period"].astype(str).str.fullmatch(r"\d{4}")]
    return sorted({int(p) for p in sub["period"]})


def latest(years: Sequence[int]) -> int | None:
    return int(years[-1]) if len(years) else None


def latest_common(*year_lists: Sequence[int]) -> int | None:
    """The latest year present in every list (``None`` when they share none)."""
    if not year_lists:
        return None
    common = set(year_lists[0])
    for ys in year_lists[1:]:
        common &= set(ys)
    return max(common) if common else None


def _country(region: str) -> str:
    return region.split("-")[0]


def freshness(res: Results, facts: dict[str, Any]) -> list[FreshnessRow]:
    """The freshness of every analysis the study produced (see the module docstring)."""
    panel = res.panel
    a, b = res.pair
    ca, cb = _country(a), _country(b)
    rows: list[FreshnessRow] = []
    w_a, w_b = annual_years(panel, "wage_nominal", a), annual_years(panel, "wage_nominal", b)
    rows.append(FreshnessRow("wages_ppp", latest(w_a), latest(w_b), facts.get("wage_ppp_year")))
    if "wage_ratio_year" in facts:
        fx_a, fx_b = annual_years(panel, "fx_usd", ca), annual_years(panel, "fx_usd", cb)
        rows.append(FreshnessRow("wages_usd", latest(sorted(set(w_a) & set(fx_a))),
                                 latest(sorted(set(w_b) & set(fx_b))), int(facts["wage_ratio_year"])))
    t_a, t_b = annual_years(panel, "exports_usd", a), annual_years(panel, "exports_usd", b)
    if t_a or t_b:
        rows.append(FreshnessRow("trade", latest(t_a), latest(t_b), latest_common(t_a, t_b)))
    if "rer_year" in facts:
        cpi_a = annual_years(panel, ("cpi", "inflation"), a) or annual_years(panel, ("cpi", "inflation"), ca)
        cpi_b = annual_years(panel, ("cpi", "inflation"), b) or annual_years(panel, ("cpi", "inflation"), cb)
        rows.append(FreshnessRow("rer", latest(cpi_a), latest(cpi_b), int(facts["rer_year"])))
    if "price_level_gap_year" in facts:
        rows.append(FreshnessRow("price_level", latest(annual_years(panel, "ppp", ca)),
                                 latest(annual_years(panel, "ppp", cb)), int(facts["price_level_gap_year"])))
    if "index_year" in facts:
        y = int(facts["index_year"])
        rows.append(FreshnessRow("index", y, y, y))
    if "io_year" in facts:
        rows.append(FreshnessRow("io", int(facts["io_year"]), None, None, one_sided=True))
    if "gravity_year" in facts:
        y = int(facts["gravity_year"])
        rows.append(FreshnessRow("gravity", y, y, y))
    if "beta_last" in facts:
        rows.append(FreshnessRow("convergence", int(facts["beta_last"]), None, None, one_sided=True))
    sb = res.scenarios.value
    if sb is not None and sb.runs:
        y0 = int(sb.runs[0].result.years[0])
        rows.append(FreshnessRow("scenarios", y0, y0, y0))
    return rows


def freshness_frame(rows: Sequence[FreshnessRow], lang: str, report_date: dt.date) -> pd.DataFrame:
    """The freshness table of the summary in ``lang``: analysis, latest year per side, year compared, status."""
    from regint.report import fmt
    from regint.report import labels as L

    def yr(v: int | None) -> str:
        return fmt.year(v) if v is not None else fmt.GAP

    ru = lang == "ru"
    cols = (["Анализ", "Российская сторона", "Белорусская сторона", "Год сопоставления", "Актуальность"] if ru else
            ["Analysis", "Russian side", "Belarusian side", "Year compared", "Status"])
    out = []
    for r in rows:
        if r.one_sided:
            status = "только одна сторона" if ru else "one side only"
        elif r.common is None:
            status = "сопоставление невозможно" if ru else "no comparison possible"
        elif r.dated(report_date):
            status = "устаревшие данные" if ru else "dated"
        else:
            status = "актуально" if ru else "current"
        out.append(dict(zip(cols, [L.pick(ANALYSES[r.analysis], lang), yr(r.ru), yr(r.by), yr(r.common),
                                   status], strict=True)))
    return pd.DataFrame(out, columns=cols)
