"""Section 1 of the report, the situation: profiles of the two regions, wages and trade charts, preconditions,
convergence and the integration index.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from regint.report import charts as C
from regint.report import fmt, i18n
from regint.report import labels as L
from regint.report.checks import plausible
from regint.report.collect import Results
from regint.report.facts import observed_years
from regint.report.sections.common import Section, names_for_codes, short_name, source_names, tr
from regint.report.tables import ReportTable


def profile(res: Results, lang: str, sec: Section) -> None:
    prof = res.profile.value
    if prof is None:
        sec.add_missing(tr(lang, "Профили регионов", "Regional profiles"), res.profile)
        return
    show = [res.pair[0], res.pair[1], "RU", "BY"]
    rows = []
    for ind, sub in prof.groupby("indicator", sort=False):
        row: dict[str, object] = {i18n.label("indicator", lang): L.indicator_name(str(ind), lang),
                                  i18n.label("unit", lang): L.indicator_unit(str(ind), lang)}
        unit = L.indicator_unit(str(ind), lang)
        for reg in show:
            r = sub[sub["region"] == reg].dropna(subset=["value"])
            value = float(r["value"].iloc[0]) if len(r) else np.nan
            level = reg if "-" not in reg else "region"
            if len(r) and not plausible(unit, value, level):
                sec.missing.append((tr(lang, f"{L.indicator_name(str(ind), lang)}, {i18n.region(reg, lang)}, "
                                              f"{fmt.year(r['year'].iloc[0])} г.",
                                        f"{L.indicator_name(str(ind), lang)}, {i18n.region(reg, lang)}, "
                                        f"{fmt.year(r['year'].iloc[0])}"),
                                    tr(lang, f"значение {fmt.number(value, lang)} не соответствует единице «{unit}» "
                                             f"(ошибка кратности в источнике: {source_names([str(r['source'].iloc[0])], lang)}); "
                                             "в таблице не показано",
                                       f"the value {fmt.number(value, lang)} does not fit the unit '{unit}' (a "
                                       f"multiple wrong at the source: {source_names([str(r['source'].iloc[0])], lang)}); not "
                                       "shown in the table")))
                value, r = np.nan, r.iloc[0:0]
            row[i18n.region(reg, lang)] = value
            row[f"{i18n.label('year', lang)} ({short_name(reg, lang)})"] = fmt.year(r["year"].iloc[0]) if len(r) else fmt.GAP
        rows.append(row)
    frame = pd.DataFrame(rows)
    sec.tables["profile"] = ReportTable(
        "profile", tr(lang, "Профили регионов: последние опубликованные значения", "Regional profiles: latest published values"),
        frame, units=tr(lang, "по строкам; денежные показатели — в национальной валюте в текущих ценах",
                        "by row; money in national currency at current prices"),
        source=source_names(set(prof["source"].dropna()) - {""}, lang), years=tr(lang, "последний год с данными (указан)",
                                                                   "latest year with data (shown)"),
        note=tr(lang, "«—» — нет данных (пропуск не заполняется)", "'—' = no data (gaps are not filled)"))

def wages_chart(res: Results, lang: str, sec: Section) -> None:
    w = res.wages_usd.value
    if w is None or w.dropna(how="all").empty:
        sec.add_missing(tr(lang, "Зарплаты в долларах США", "Wages in US dollars"), res.wages_usd)
        return
    w = w.dropna(how="all").dropna(axis=1, how="all")
    w = w.loc[:, [c for c in w.columns if c >= 2000]]
    series = tuple(C.Series(i18n.region(str(r), lang), list(w.columns), w.loc[r].tolist())
                   for r in w.index if w.loc[r].notna().sum() >= 1)
    spec = C.ChartSpec("wages_usd", "line", tr(lang, "Среднемесячная зарплата, долл. США", "Average monthly wage, USD"),
                       xlabel=tr(lang, "год", "year"), ylabel=tr(lang, "долл. США в месяц", "USD per month"),
                       series=series)
    years = f"{min(w.columns)}–{max(w.columns)}"
    note = tr(lang, f"Пересчёт по среднегодовым официальным курсам (ЦБ РФ, НБРБ, Всемирный банк); разрывы линий — "
                    f"годы без курса или зарплаты. Источник: Росстат, Белстат. Годы: {years}.",
              f"Converted at annual average official rates (Bank of Russia, NBRB, World Bank); breaks in the lines are "
              f"years without a rate or a wage. Source: Rosstat, Belstat. Years: {years}.")
    sec.figures["wages_usd"] = C.render(spec, lang, note)

def trade_chart(res: Results, lang: str, sec: Section) -> None:
    t = res.trade_usd.value
    if t is None:
        sec.add_missing(tr(lang, "Внешняя торговля", "Foreign trade"), res.trade_usd)
        return
    series = []
    for ind, (ru, en) in (("exports_usd", ("экспорт", "exports")), ("imports_usd", ("импорт", "imports"))):
        tab = t.get(ind)
        if tab is None:
            continue
        for reg in res.pair:
            if reg in tab.index and tab.loc[reg].notna().any():
                s = _broken_at_break(tab.loc[reg].dropna(), ind, reg)
                series.append(C.Series(f"{i18n.region(reg, lang)}: {tr(lang, ru, en)}", list(s.index), s.tolist()))
    if not series:
        return
    spec = C.ChartSpec("trade", "line", tr(lang, "Внешняя торговля товарами", "Foreign trade in goods"),
                       xlabel=tr(lang, "год", "year"), ylabel=tr(lang, "млн долл. США", "mln USD"), series=tuple(series))
    note = tr(lang, "Росстат (регионы России; данные 1-ТС), Белстат. Торговля с Беларусью в рядах Росстата "
                    "отсутствует в 2009–2011 гг. и включена с 2012 г. (разрыв ряда): линии российских регионов прерваны на его границах.",
              "Rosstat (Regions of Russia; 1-TS data), Belstat. Rosstat's regional series exclude trade with Belarus "
              "in 2009–2011 and include it from 2012 (a break in the series): the Russian lines are broken at its edges.")
    sec.figures["trade"] = C.render(spec, lang, note)

def _broken_at_break(series: pd.Series, indicator: str, region: str) -> pd.Series:
    """The series with a gap before the first year of a comparable definition (the line is drawn broken at a
    coverage break, so a change of definition is never shown as a rise)."""
    from regint.data.harmonise import series_breaks

    hits = series_breaks(indicator, [region])
    if hits.empty or series.empty:
        return series
    hits = hits[(hits["kind"] == "coverage") & (hits["start"].astype(str) != "")]
    edges = sorted({int(str(v)[:4]) for v in hits["start"]} | {int(str(v)[:4]) + 1 for v in hits["end"] if str(v)})
    edges = [y for y in edges if min(series.index) < y <= max(series.index)]
    if not edges:
        return series
    gaps = pd.Series(np.nan, index=[y - 0.5 for y in edges])
    return pd.concat([series, gaps]).sort_index()

def preconditions(res: Results, lang: str, sec: Section) -> None:
    pre = res.preconditions.value
    if pre is None:
        sec.add_missing(tr(lang, "Показатели предпосылок", "Preconditions indicators"), res.preconditions)
        return
    t = pre.table
    rows = []
    for r in t.itertuples():
        names = L.PRECONDITIONS.get(r.indicator, (r.indicator, r.indicator, ""))
        regions = " – ".join(i18n.region(x.split(" ")[0], lang) for x in str(r.regions).split(" vs "))
        row = {i18n.label("indicator", lang): names[0] if lang == "ru" else names[1],
               i18n.label("region", lang): regions,
               # a year (the year a gap closes on trend) is written as a year, never as "2 022,668"
               i18n.label("value", lang): (str(round(float(r.value))) if str(r.indicator).endswith("_year")
                                           and pd.notna(r.value) else float(r.value)),
               i18n.label("years", lang): str(r.years).replace("-", "–")}
        row[i18n.label("meaning", lang)] = names[2] if lang == "ru" else str(r.meaning)
        rows.append(row)
    sources = {s.strip() for d in t["data_used"] for s in
               str(d).replace("(", ",").replace(")", ",").replace(";", ",").replace(":", ",").split(",")}
    sec.tables["preconditions"] = ReportTable(
        "preconditions", tr(lang, "Показатели предпосылок интеграции: пара и регионы сравнения",
                            "Indicators of the preconditions: the pair and the comparators"),
        pd.DataFrame(rows), units=tr(lang, "по строкам", "by row"), source=source_names(sources, lang),
        years=tr(lang, "по строкам", "by row"), digits={i18n.label("value", lang): 3},
        note=tr(lang, "Денежные величины сопоставлены в долларах США по среднегодовым официальным курсам",
                "Money compared in US dollars at annual average official rates"))
    nc = pre.not_computed_frame()
    if len(nc):
        nc = nc.drop_duplicates("indicator")
        frame = pd.DataFrame({
            i18n.label("indicator", lang): [_nc_name(i, lang) for i in nc["indicator"]],
            tr(lang, "Почему не рассчитано", "Why not computed"): [
                _nc_reason(i, r, lang) for i, r in zip(nc["indicator"], nc["reason"], strict=True)]})
        sec.tables["not_computed"] = ReportTable(
            "not_computed", tr(lang, "Показатели, которые нельзя рассчитать по имеющимся данным",
                               "Indicators the available data do not allow"), frame.drop_duplicates(),
            source=tr(lang, "расчёт показателей предпосылок", "computation of the preconditions"))

def _regions_text(regions: str, lang: str) -> str:
    """``"RU-SMO vs BY-VI]"`` → «Смоленская область – Витебская область»."""
    codes = [c.strip(" ]") for c in regions.replace(" – ", " vs ").split(" vs ") if c.strip(" ]")]
    return " – ".join(i18n.region(c, lang) for c in codes)

def _nc_name(indicator: str, lang: str) -> str:
    """The name of an indicator not computed with its regions (``code [RU-SMO vs BY-VI]`` → names)."""
    code, _, regions = indicator.partition(" [")
    name = L.pick(L.NOT_COMPUTED_NAMES.get(code.strip(), (code, code)), lang)
    return f"{name}: {_regions_text(regions, lang)}" if regions else name

def _nc_reason(indicator: str, reason: str, lang: str) -> str:
    """The reason an indicator is not computed, in ``lang`` (without the codes of its regions)."""
    code = indicator.partition(" [")[0].strip()
    return (L.NOT_COMPUTED_RU if lang == "ru" else L.NOT_COMPUTED_EN).get(code, names_for_codes(reason, lang))

def convergence(res: Results, lang: str, sec: Section) -> None:
    c = res.convergence.value
    if c is None:
        sec.add_missing(tr(lang, "Конвергенция регионов", "Convergence of the regions"), res.convergence)
        return
    disp = c.sigma.dispersion
    col = [x for x in disp.columns if x not in ("n",)][0]
    spec = C.ChartSpec("sigma", "line", tr(lang, "σ-конвергенция: дисперсия логарифма ВРП на душу по регионам России",
                                           "Sigma convergence: dispersion of log GRP per capita, Russian regions"),
                       xlabel=tr(lang, "год", "year"), ylabel=tr(lang, "ст. откл. логарифма", "sd of log"),
                       series=(C.Series(tr(lang, "регионы России", "Russian regions"), list(disp.index),
                                        disp[col].tolist()),))
    note = tr(lang, f"{c.n_regions} субъектов РФ, {c.first_year}–{c.last_year}. Источник: Росстат (ВРП по "
                    "субъектам). Белорусские области в расчёт не входят: ряда ВРП по ним нет.",
              f"{c.n_regions} Russian subjects, {c.first_year}–{c.last_year}. Source: Rosstat (GRP by subject). The "
              "Belarusian oblasts are not included: there is no GRP series for them.")
    sec.figures["sigma"] = C.render(spec, lang, note)

def index(res: Results, lang: str, sec: Section) -> None:
    idx = res.index.value
    if idx is None:
        sec.add_missing(tr(lang, "Индекс интеграции", "Integration index"), res.index)
        return
    y0, y1 = observed_years(idx)
    y0 = max(y0, 2000)
    scores = idx.scores.unstack("pair")
    scores = scores.loc[(scores.index >= y0) & (scores.index <= y1)]
    iv = idx.uncertainty.intervals if idx.uncertainty is not None else None
    series = []
    for pair in scores.columns:
        lo = hi = None
        if iv is not None:
            sub = iv.xs(pair, level=0).reindex(scores.index)
            lo, hi = sub["p05_score"].tolist(), sub["p95_score"].tolist()
        series.append(C.Series(i18n.pair_label(pair, lang), list(scores.index), scores[pair].tolist(), lo, hi))
    n = res.sizes.index
    spec = C.ChartSpec("index", "line", tr(lang, "Индекс интеграции приграничных пар (0–100)",
                                           "Integration index of the border pairs (0–100)"),
                       xlabel=tr(lang, "год", "year"), ylabel=tr(lang, "баллы", "points"), series=tuple(series))
    note = tr(lang, f"Полоса — 5–95-й процентили Монте-Карло (N = {n}: импутация, нормировка, агрегирование, веса). "
                    f"Годы: {y0}–{y1}; после последнего года наблюдений значения не показаны. Источник: расчёт сводного индекса.",
              f"Band: 5th–95th percentile of the Monte Carlo (N = {n}: imputation, normalisation, aggregation, weights). "
              f"Years: {y0}–{y1}; years after the last observation are not shown. Source: composite index computation.")
    sec.figures["index"] = C.render(spec, lang, note)
    last = scores.loc[y1]
    central = last.rank(ascending=False)
    rows = []
    for pair, val in last.sort_values(ascending=False).items():
        r = {i18n.label("pair", lang): i18n.pair_label(str(pair), lang), tr(lang, "Балл", "Score"): float(val),
             tr(lang, "Место", "Rank"): int(central[pair])}
        if iv is not None and (pair, y1) in iv.index:
            r[tr(lang, "5-й проц.", "5th pct")] = float(iv.loc[(pair, y1), "p05_score"])
            r[tr(lang, "95-й проц.", "95th pct")] = float(iv.loc[(pair, y1), "p95_score"])
            r[tr(lang, "Место: медиана Монте-Карло", "Rank: Monte Carlo median")] = float(iv.loc[(pair, y1), "median_rank"])
        rows.append(r)
    sec.tables["index"] = ReportTable("index", tr(lang, f"Индекс интеграции в {y1} г.", f"Integration index in {y1}"),
                                      pd.DataFrame(rows), units=tr(lang, "баллы 0–100", "points 0–100"),
                                      source=tr(lang, "расчёт сводного индекса по Руководству ОЭСР/ОИЦ ЕК (2008)",
                                                "composite index computed by the OECD/JRC Handbook (2008)"),
                                      years=str(y1), digits={})
    if idx.dropped:
        sec.missing.append((tr(lang, "Показатели индекса без данных", "Index indicators without data"),
                            ", ".join(idx.dropped)))
