"""The report's content in one language: tables and figures of each section, built from the results.

:func:`build_document` returns the context of the templates: facts (formatted by the templates' filters),
:class:`~regint.report.tables.ReportTable` and :class:`~regint.report.charts.Figure` objects per section, the
rules evaluated, and the list of what could not be produced with the reason.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from regint.models.inputoutput import notes as io_notes
from regint.report import charts as C
from regint.report import fmt, i18n
from regint.report import labels as L
from regint.report.checks import plausible, used_sources
from regint.report.collect import Results
from regint.report.facts import extract_facts, observed_years
from regint.report.freshness import DATED_AFTER, freshness, freshness_frame, is_dated
from regint.report.rules import apply_rules, prepare_facts, rules_frame
from regint.report.tables import ReportTable
from regint.study.outcome import Outcome


@dataclass
class Section:
    """Tables, figures and missing parts of one section."""

    tables: dict[str, ReportTable] = field(default_factory=dict)
    figures: dict[str, C.Figure] = field(default_factory=dict)
    missing: list[tuple[str, str]] = field(default_factory=list)

    def add_missing(self, what: str, outcome: Outcome[Any]) -> None:
        self.missing.append((what, outcome.reason or ""))


def _t(lang: str, ru: str, en: str) -> str:
    return ru if lang == "ru" else en


def _src(ids: list[str] | set[str], lang: str = "en") -> str:
    """The catalog names of source ids (ids not in the catalog are left out: they are not sources)."""
    from regint.data.catalogs import sources

    cat = sources().set_index("id")
    names = [_FILE_NOTE.sub("", str(cat.at[i, f"name_{lang}"])) for i in sorted(set(ids)) if i in cat.index]
    return "; ".join(dict.fromkeys(names))


#: A file name in parentheses inside a source's name («(sp_1.1.xlsx)»): the workbook's contents sheet keeps it.
_FILE_NOTE = re.compile(r"\s*\((?:[^()]*\s)?[\w.-]+\.(?:xlsx|xls|csv|json)\)")
_CODE = re.compile(r"\b(?:RU|BY)(?:-[A-Z]{2,3})?\b(?=[:'’ ]|s\b|$)")


def _indicator_word(code: str, lang: str) -> str:
    """An indicator code in a text → its catalog name with a lower-case first letter, or the code when unknown."""
    name = L.indicator_name(code, lang)
    if name == code:
        return code
    return name if name[:2].isupper() else name[0].lower() + name[1:]


def names_for_codes(text: str, lang: str) -> str:
    """Region codes in a text written by an analysis («RU-SMO: …») replaced by the regions' names; file names
    in parentheses dropped."""
    from regint.data.catalogs import sources

    ids = set(sources()["id"].astype(str))
    text = re.sub(r"\b((?:RU|BY)-[A-Z]{2,3})\b", lambda m: i18n.region(m.group(1), lang), text)
    text = re.sub(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\bgrp\b",
                  lambda m: _src([m.group(0)], lang) if m.group(0) in ids else _indicator_word(m.group(0), lang), text)
    text = re.sub(r";?\s*(?:файл|file) [\w.-]+\.xlsx", "", text)
    return _FILE_NOTE.sub("", text)


def _short(code: str, lang: str) -> str:
    """The first word of a region's name («Смоленская», "Smolensk") for narrow headers."""
    return i18n.region(code, lang).split(" ")[0]


# ----------------------------------------------------------------------------------------------------- section 1
def _profile(res: Results, lang: str, sec: Section) -> None:
    prof = res.profile.value
    if prof is None:
        sec.add_missing(_t(lang, "Профили регионов", "Regional profiles"), res.profile)
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
                sec.missing.append((_t(lang, f"{L.indicator_name(str(ind), lang)}, {i18n.region(reg, lang)}, "
                                              f"{fmt.year(r['year'].iloc[0])} г.",
                                        f"{L.indicator_name(str(ind), lang)}, {i18n.region(reg, lang)}, "
                                        f"{fmt.year(r['year'].iloc[0])}"),
                                    _t(lang, f"значение {fmt.number(value, lang)} не соответствует единице «{unit}» "
                                             f"(ошибка кратности в источнике: {_src([str(r['source'].iloc[0])], lang)}); "
                                             "в таблице не показано",
                                       f"the value {fmt.number(value, lang)} does not fit the unit '{unit}' (a "
                                       f"multiple wrong at the source: {_src([str(r['source'].iloc[0])], lang)}); not "
                                       "shown in the table")))
                value, r = np.nan, r.iloc[0:0]
            row[i18n.region(reg, lang)] = value
            row[f"{i18n.label('year', lang)} ({_short(reg, lang)})"] = fmt.year(r["year"].iloc[0]) if len(r) else fmt.GAP
        rows.append(row)
    frame = pd.DataFrame(rows)
    sec.tables["profile"] = ReportTable(
        "profile", _t(lang, "Профили регионов: последние опубликованные значения", "Regional profiles: latest published values"),
        frame, units=_t(lang, "по строкам; денежные показатели — в национальной валюте в текущих ценах",
                        "by row; money in national currency at current prices"),
        source=_src(set(prof["source"].dropna()) - {""}, lang), years=_t(lang, "последний год с данными (указан)",
                                                                   "latest year with data (shown)"),
        note=_t(lang, "«—» — нет данных (пропуск не заполняется)", "'—' = no data (gaps are not filled)"))


def _wages_chart(res: Results, lang: str, sec: Section) -> None:
    w = res.wages_usd.value
    if w is None or w.dropna(how="all").empty:
        sec.add_missing(_t(lang, "Зарплаты в долларах США", "Wages in US dollars"), res.wages_usd)
        return
    w = w.dropna(how="all").dropna(axis=1, how="all")
    w = w.loc[:, [c for c in w.columns if c >= 2000]]
    series = tuple(C.Series(i18n.region(str(r), lang), list(w.columns), w.loc[r].tolist())
                   for r in w.index if w.loc[r].notna().sum() >= 1)
    spec = C.ChartSpec("wages_usd", "line", _t(lang, "Среднемесячная зарплата, долл. США", "Average monthly wage, USD"),
                       xlabel=_t(lang, "год", "year"), ylabel=_t(lang, "долл. США в месяц", "USD per month"),
                       series=series)
    years = f"{min(w.columns)}–{max(w.columns)}"
    note = _t(lang, f"Пересчёт по среднегодовым официальным курсам (ЦБ РФ, НБРБ, Всемирный банк); разрывы линий — "
                    f"годы без курса или зарплаты. Источник: Росстат, Белстат. Годы: {years}.",
              f"Converted at annual average official rates (Bank of Russia, NBRB, World Bank); breaks in the lines are "
              f"years without a rate or a wage. Source: Rosstat, Belstat. Years: {years}.")
    sec.figures["wages_usd"] = C.render(spec, lang, note)


def _trade_chart(res: Results, lang: str, sec: Section) -> None:
    t = res.trade_usd.value
    if t is None:
        sec.add_missing(_t(lang, "Внешняя торговля", "Foreign trade"), res.trade_usd)
        return
    series = []
    for ind, (ru, en) in (("exports_usd", ("экспорт", "exports")), ("imports_usd", ("импорт", "imports"))):
        tab = t.get(ind)
        if tab is None:
            continue
        for reg in res.pair:
            if reg in tab.index and tab.loc[reg].notna().any():
                s = _broken_at_break(tab.loc[reg].dropna(), ind, reg)
                series.append(C.Series(f"{i18n.region(reg, lang)}: {_t(lang, ru, en)}", list(s.index), s.tolist()))
    if not series:
        return
    spec = C.ChartSpec("trade", "line", _t(lang, "Внешняя торговля товарами", "Foreign trade in goods"),
                       xlabel=_t(lang, "год", "year"), ylabel=_t(lang, "млн долл. США", "mln USD"), series=tuple(series))
    note = _t(lang, "Росстат (регионы России; данные 1-ТС), Белстат. Торговля с Беларусью в рядах Росстата "
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


def _preconditions(res: Results, lang: str, sec: Section) -> None:
    pre = res.preconditions.value
    if pre is None:
        sec.add_missing(_t(lang, "Показатели предпосылок", "Preconditions indicators"), res.preconditions)
        return
    t = pre.table
    rows = []
    for r in t.itertuples():
        names = L.PRECONDITIONS.get(r.indicator, (r.indicator, r.indicator, ""))
        regions = " – ".join(i18n.region(x.split(" ")[0], lang) for x in str(r.regions).split(" vs "))
        row = {i18n.label("indicator", lang): names[0] if lang == "ru" else names[1],
               i18n.label("region", lang): regions, i18n.label("value", lang): float(r.value),
               i18n.label("years", lang): str(r.years).replace("-", "–")}
        row[i18n.label("meaning", lang)] = names[2] if lang == "ru" else str(r.meaning)
        rows.append(row)
    sources = {s.strip() for d in t["data_used"] for s in
               str(d).replace("(", ",").replace(")", ",").replace(";", ",").replace(":", ",").split(",")}
    sec.tables["preconditions"] = ReportTable(
        "preconditions", _t(lang, "Показатели предпосылок интеграции: пара и регионы сравнения",
                            "Indicators of the preconditions: the pair and the comparators"),
        pd.DataFrame(rows), units=_t(lang, "по строкам", "by row"), source=_src(sources, lang),
        years=_t(lang, "по строкам", "by row"), digits={i18n.label("value", lang): 3},
        note=_t(lang, "Денежные величины сопоставлены в долларах США по среднегодовым официальным курсам",
                "Money compared in US dollars at annual average official rates"))
    nc = pre.not_computed_frame()
    if len(nc):
        nc = nc.drop_duplicates("indicator")
        frame = pd.DataFrame({
            i18n.label("indicator", lang): [_nc_name(i, lang) for i in nc["indicator"]],
            _t(lang, "Почему не рассчитано", "Why not computed"): [
                _nc_reason(i, r, lang) for i, r in zip(nc["indicator"], nc["reason"], strict=True)]})
        sec.tables["not_computed"] = ReportTable(
            "not_computed", _t(lang, "Показатели, которые нельзя рассчитать по имеющимся данным",
                               "Indicators the available data do not allow"), frame.drop_duplicates(),
            source=_t(lang, "расчёт показателей предпосылок", "computation of the preconditions"))


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


def _convergence(res: Results, lang: str, sec: Section) -> None:
    c = res.convergence.value
    if c is None:
        sec.add_missing(_t(lang, "Конвергенция регионов", "Convergence of the regions"), res.convergence)
        return
    disp = c.sigma.dispersion
    col = [x for x in disp.columns if x not in ("n",)][0]
    spec = C.ChartSpec("sigma", "line", _t(lang, "σ-конвергенция: дисперсия логарифма ВРП на душу по регионам России",
                                           "Sigma convergence: dispersion of log GRP per capita, Russian regions"),
                       xlabel=_t(lang, "год", "year"), ylabel=_t(lang, "ст. откл. логарифма", "sd of log"),
                       series=(C.Series(_t(lang, "регионы России", "Russian regions"), list(disp.index),
                                        disp[col].tolist()),))
    note = _t(lang, f"{c.n_regions} субъектов РФ, {c.first_year}–{c.last_year}. Источник: Росстат (ВРП по "
                    "субъектам). Белорусские области в расчёт не входят: ряда ВРП по ним нет.",
              f"{c.n_regions} Russian subjects, {c.first_year}–{c.last_year}. Source: Rosstat (GRP by subject). The "
              "Belarusian oblasts are not included: there is no GRP series for them.")
    sec.figures["sigma"] = C.render(spec, lang, note)


def _index(res: Results, lang: str, sec: Section) -> None:
    idx = res.index.value
    if idx is None:
        sec.add_missing(_t(lang, "Индекс интеграции", "Integration index"), res.index)
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
    spec = C.ChartSpec("index", "line", _t(lang, "Индекс интеграции приграничных пар (0–100)",
                                           "Integration index of the border pairs (0–100)"),
                       xlabel=_t(lang, "год", "year"), ylabel=_t(lang, "баллы", "points"), series=tuple(series))
    note = _t(lang, f"Полоса — 5–95-й процентили Монте-Карло (N = {n}: импутация, нормировка, агрегирование, веса). "
                    f"Годы: {y0}–{y1}; после последнего года наблюдений значения не показаны. Источник: расчёт сводного индекса.",
              f"Band: 5th–95th percentile of the Monte Carlo (N = {n}: imputation, normalisation, aggregation, weights). "
              f"Years: {y0}–{y1}; years after the last observation are not shown. Source: composite index computation.")
    sec.figures["index"] = C.render(spec, lang, note)
    last = scores.loc[y1]
    central = last.rank(ascending=False)
    rows = []
    for pair, val in last.sort_values(ascending=False).items():
        r = {i18n.label("pair", lang): i18n.pair_label(str(pair), lang), _t(lang, "Балл", "Score"): float(val),
             _t(lang, "Место", "Rank"): int(central[pair])}
        if iv is not None and (pair, y1) in iv.index:
            r[_t(lang, "5-й проц.", "5th pct")] = float(iv.loc[(pair, y1), "p05_score"])
            r[_t(lang, "95-й проц.", "95th pct")] = float(iv.loc[(pair, y1), "p95_score"])
            r[_t(lang, "Место: медиана Монте-Карло", "Rank: Monte Carlo median")] = float(iv.loc[(pair, y1), "median_rank"])
        rows.append(r)
    sec.tables["index"] = ReportTable("index", _t(lang, f"Индекс интеграции в {y1} г.", f"Integration index in {y1}"),
                                      pd.DataFrame(rows), units=_t(lang, "баллы 0–100", "points 0–100"),
                                      source=_t(lang, "расчёт сводного индекса по Руководству ОЭСР/ОИЦ ЕК (2008)",
                                                "composite index computed by the OECD/JRC Handbook (2008)"),
                                      years=str(y1), digits={})
    if idx.dropped:
        sec.missing.append((_t(lang, "Показатели индекса без данных", "Index indicators without data"),
                            ", ".join(idx.dropped)))


# ----------------------------------------------------------------------------------------------------- section 2
def _io(res: Results, lang: str, sec: Section) -> None:
    io = res.io.value
    if io is None:
        sec.add_missing(_t(lang, "Модель «затраты – выпуск»", "Input-output model"), res.io)
        return
    a, b = res.pair
    fr = io.multipliers[a]
    frame = pd.DataFrame({
        i18n.label("sector", lang): fr.index,
        i18n.label("name", lang): [io.names.get(s, s)[:60] for s in fr.index],
        _t(lang, "Мультипликатор выпуска (тип I)", "Output multiplier (type I)"): fr["output"].to_numpy(),
        _t(lang, "Тип II", "Type II"): fr["output_type_ii"].to_numpy(),
        _t(lang, "Обратные связи", "Backward linkage"): fr["backward"].to_numpy(),
        _t(lang, "Прямые связи", "Forward linkage"): fr["forward"].to_numpy(),
        _t(lang, "Ключевая", "Key"): fr["key_sector"].to_numpy(dtype=bool),
    }).sort_values(_t(lang, "Мультипликатор выпуска (тип I)", "Output multiplier (type I)"), ascending=False)
    sec.tables["io_multipliers"] = ReportTable(
        "io_multipliers", _t(lang, f"Мультипликаторы и межотраслевые связи: {i18n.region(a, lang)}",
                             f"Multipliers and linkages: {i18n.region(a, lang)}"), frame,
        units=_t(lang, "руб. выпуска на 1 руб. конечного спроса; индексы Расмуссена", "RUB of output per RUB of "
                 "final demand; Rasmussen indices"),
        source=_t(lang, f"Росстат, симметричная таблица «затраты – выпуск» {io.year} г. (отечественная продукция), "
                  "регионализация FLQ (δ = 0,3)", f"Rosstat symmetric input-output table {io.year} (domestic products), "
                  "FLQ regionalisation (δ = 0.3)"), years=str(io.year), digits={})
    rows = []
    for reg in (a, b):
        tot = io.impacts[reg].sum()
        rows.append({i18n.label("region", lang): i18n.region(reg, lang),
                     _t(lang, "Шок спроса", "Demand shock"): io.shock,
                     _t(lang, "Выпуск", "Output"): float(tot["output"]),
                     _t(lang, "Добавленная стоимость", "Value added"): float(tot.get("gva", np.nan)),
                     _t(lang, "Занятость", "Jobs"): np.nan})
    sec.tables["io_impact"] = ReportTable(
        "io_impact", _t(lang, f"Эффект +1 млрд руб. конечного спроса на продукцию раздела {io.shock_sector}",
                        f"Effect of +1 bn RUB of final demand for section {io.shock_sector}"), pd.DataFrame(rows),
        units=_t(lang, "млн руб.", "mln RUB"), source=_t(lang, "расчёт по модели «затраты – выпуск»", "input-output model"),
        years=str(io.year), note=_t(lang, "Занятость не рассчитана: нет занятости по отраслям; для Витебской "
                                    "области использована технология российской таблицы (белорусской таблицы нет)",
                                    "Jobs not computed: no employment by sector; for the Belarusian region the "
                                    "Russian table's technology stands in (no Belarusian table)"))
    sec.tables["io_assumptions"] = ReportTable(
        "io_assumptions", _t(lang, "Допущения модели «затраты – выпуск»", "Assumptions of the input-output model"),
        pd.DataFrame({_t(lang, "Допущение", "Assumption"): [names_for_codes(io_notes.text(x, lang), lang)
                                                             for x in io.assumptions]}),
        note=_t(lang, "формулировки модели «затраты – выпуск»", "as stated by the input-output model"))


def _benefits(res: Results, lang: str, sec: Section) -> None:
    from regint.scenarios.accounts import DISCOUNT_SOURCE_RU

    sb = res.scenarios.value
    if sb is None:
        sec.add_missing(_t(lang, "Выгоды и издержки по сценариям", "Benefits and costs by scenario"), res.scenarios)
        return
    items = {"benefit_pv": ("Выгоды (прирост ВДС), приведённые", "Benefits (GVA gain), present value"),
             "cost_pv": ("Бюджетные затраты, приведённые", "Budget costs, present value"),
             "npv": ("Чистая приведённая стоимость", "Net present value"),
             "bcr": ("Отношение выгод к затратам", "Benefit–cost ratio"),
             "benefit_sum": ("Выгоды, сумма без дисконтирования", "Benefits, undiscounted sum"),
             "cost_sum": ("Затраты, сумма без дисконтирования", "Costs, undiscounted sum")}
    cur = {"RUB": _t(lang, "млн руб.", "mln RUB"), "BYN": _t(lang, "млн бел. руб.", "mln BYN"),
           "USD": _t(lang, "млн долл. США", "mln USD"), "": _t(lang, "раз", "times")}
    rows = []
    for run in sb.runs:
        if not run.spec.levers or run.accounts.empty:
            continue
        for _, r in run.accounts.iterrows():
            rows.append({_t(lang, "Сценарий", "Scenario"): run.spec.title(lang),
                         _t(lang, "Сторона", "Side"): i18n.region(str(r["region"]), lang),
                         _t(lang, "Статья", "Item"): L.pick(items[str(r["item"])], lang),
                         i18n.label("unit", lang): cur[str(r["currency"])],
                         _t(lang, "Медиана", "Median"): float(r["value"]), _t(lang, "5-й проц.", "5th pct"): float(r["p5"]),
                         _t(lang, "95-й проц.", "95th pct"): float(r["p95"]),
                         _t(lang, "Центральный расчёт", "Central run"): float(r["central"])})
    first, last = sb.runs[0].result.years[0], sb.runs[0].result.years[-1]
    base = sb.first_measure_year - 1
    rate = fmt.percent(sb.discount_rate, lang, 0)
    rates: dict[str, float] = next((r.accounts.attrs.get("rates", {}) for r in sb.runs if not r.accounts.empty), {})
    fx_note = _t(lang, f"Курсы базового года: {fmt.number(rates.get('RUB'), lang, 2)} руб. и "
                       f"{fmt.number(rates.get('BYN'), lang, 4)} бел. руб. за 1 долл. США (статус и источник — в "
                       "таблице базовых значений; курс белорусского рубля — оценка, если в данных нет курса НБРБ).",
                 f"Base-year rates: {fmt.number(rates.get('RUB'), lang, 2)} RUB and {fmt.number(rates.get('BYN'), lang, 4)} "
                 "BYN per USD (status and source in the baseline table; the BYN rate is an estimate where the data "
                 "lack the NBRB rate).")
    sec.tables["benefits"] = ReportTable(
        "benefits", _t(lang, "Выгоды и издержки каждой стороны в её валюте: приведённая стоимость и отношение выгод к "
                             "затратам (к инерционному пути)",
                       "Benefits and costs of each side in its own currency: present value and benefit–cost ratio "
                       "(against the inertial path)"),
        pd.DataFrame(rows), units=_t(lang, "по строкам", "by row"),
        source=_t(lang, f"модель сценариев regint, Монте-Карло {sb.draws} розыгрышей; ставка дисконтирования {rate} "
                        f"(реальная), приведение к {base} г.: {DISCOUNT_SOURCE_RU}",
                  f"regint scenario model, Monte Carlo {sb.draws} draws; discount rate {rate} (real), discounted to "
                  f"{base}: {sb.discount_source}"), years=f"{first}–{last}",
        note=_t(lang, "Выгода стороны — прирост валовой добавленной стоимости её региона против инерционного пути того "
                      "же розыгрыша; затраты — бюджетные расходы стороны: собственные меры и её доля общих мер. ",
                "A side's benefit is the additional gross value added of its region against the inertial path of the "
                "same draw; its cost is its budget outlay: its own measures and its share of the shared ones. ")
        + fx_note, digits={}, cited=())
    from regint.scenarios.accounts import NOT_MODELLED

    not_mod = {"tariff revenue forgone": ("Выпадающие таможенные пошлины", "нет: Россия и Беларусь не взимают пошлин "
                                          "на товары друг друга (таможенный союз ЕАЭС); меры снижают только "
                                          "нетарифные издержки"),
               "adjustment of regulated prices": ("Пересмотр регулируемых цен", "не моделируется: в сценарной модели нет "
                                                  "блока регулируемых цен"),
               "workers leaving": ("Отток работников", "не моделируется: мера по мобильности сокращает разрыв в "
                                   "зарплатах, миграционные потоки не прогнозируются")}
    sec.tables["costs_beyond_budget"] = ReportTable(
        "costs_beyond", _t(lang, "Издержки сверх бюджета", "Costs beyond the budget"),
        pd.DataFrame([{_t(lang, "Статья", "Item"): not_mod[k][0] if lang == "ru" else k.capitalize(),
                       _t(lang, "В расчёте", "In the figures"): not_mod[k][1] if lang == "ru" else v}
                      for k, v in NOT_MODELLED]),
        note=_t(lang, "Статьи, которых нет в модели, не входят в приведённые выше величины.",
                "Items the model lacks are not in the figures above."))
    ref = next((r for r in sb.runs if r.spec.levers and not r.split.empty), None)
    if ref is not None:
        series = []
        for side, region in (("ru", sb.runs[0].result.baseline.regions[0]), ("by", sb.runs[0].result.baseline.regions[1])):
            sub = ref.split[ref.split["side"] == side]
            series.append(C.Series(i18n.region(region, lang), sub["share_ru"].tolist(), sub["npv_usd"].tolist(),
                                   sub["p5"].tolist(), sub["p95"].tolist()))
        spec = C.ChartSpec("scen_split", "line", _t(lang, f"ЧПС сторон в зависимости от доли России в общих затратах "
                                                          f"({ref.spec.title(lang)})",
                                                    f"Each side's NPV against Russia's share of the shared costs "
                                                    f"({ref.spec.title(lang)})"),
                           xlabel=_t(lang, "доля российской стороны в затратах на общие меры", "Russian share of the "
                                     "cost of the shared measures"),
                           ylabel=_t(lang, "ЧПС, млн долл. США", "NPV, mln USD"), series=tuple(series), hline=0.0)
        sec.figures["scen_split"] = C.render(spec, lang, _t(
            lang, f"Медиана и 5–95 % по {sb.draws} розыгрышам; ставка {rate}. Распределение общих затрат — предмет "
                  "переговоров: рост доли одной стороны на Δ снижает её ЧПС и повышает ЧПС другой на одну и ту же "
                  "величину.",
            f"Median and 5–95% over {sb.draws} draws; rate {rate}. The split of shared costs is negotiable: raising one "
            "side's share by Δ lowers its NPV and raises the other's by the same amount."))


def _unit(unit: str, lang: str) -> str:
    """Units of the scenario accounts in the report's language (``mln USD, sum 2025–2045``)."""
    if lang == "en":
        return unit
    return (unit.replace("mln USD", "млн долл. США").replace("mln RUB", "млн руб.").replace(", sum", ", сумма за")
            .replace("jobs in", "рабочих мест в").replace("jobs", "рабочих мест"))


# ----------------------------------------------------------------------------------------------------- section 3
def _scenarios(res: Results, lang: str, sec: Section) -> None:
    sb = res.scenarios.value
    if sb is None:
        sec.add_missing(_t(lang, "Сценарии", "Scenarios"), res.scenarios)
        return
    _register(sb, lang, sec)
    _mechanism(sb, lang, sec)
    rows = []
    for run in sb.runs:
        for _, r in run.targets.iterrows():
            without = r.get("without_measures")
            rows.append({_t(lang, "Сценарий", "Scenario"): run.spec.title(lang),
                         _t(lang, "Цель", "Target"): _target_words(str(r["target"]), int(r.get("hold", 3)), lang),
                         _t(lang, "Год (центральный расчёт)", "Year (central run)"): fmt.year(r["central_year"]),
                         _t(lang, "Год (медиана)", "Year (median)"): fmt.year(r["median_year"]),
                         _t(lang, "Вероятность к концу горизонта", "Probability by the horizon"): fmt.percent(
                             r["p_by_horizon"], lang, 0),
                         _t(lang, "Без новых мер", "Without new measures"): (
                             _t(lang, f"достигается в {fmt.year(without)} г. — не результат мер",
                                f"reached in {fmt.year(without)} — not a result of the measures")
                             if pd.notna(without) else _t(lang, "не достигается", "not reached"))})
    years = sb.runs[0].result.years
    note = _t(lang, "Цель считается достигнутой, если условие выполняется не менее трёх лет подряд (в пределах "
                    "горизонта); «—» — цель не достигается в горизонте. Уровни целей выбраны так, что инерционный "
                    "расчёт их не достигает; цель, достигаемая без новых мер, результатом мер не считается.",
              "A target is reached when the condition holds for at least three consecutive years within the horizon; "
              "'—' = not reached within the horizon. The target levels lie where the inertial run does not reach "
              "them; a target met without new measures is not counted as their result.")
    if sb.met_without_measures:
        note += _t(lang, f" Достигаются без новых мер: {', '.join(sb.met_without_measures)}.",
                   f" Met without new measures: {', '.join(sb.met_without_measures)}.")
    sec.tables["targets"] = ReportTable(
        "targets", _t(lang, "Когда сценарии достигают целей", "When the scenarios reach their targets"), pd.DataFrame(rows),
        source=_t(lang, f"regint.scenarios, Монте-Карло {sb.draws} розыгрышей", f"regint.scenarios, Monte Carlo {sb.draws} "
                  "draws"), years=f"{years[0]}–{years[-1]}", note=note)
    _gap_findings(sb, lang, sec)
    for outcome in ("score", "wage_gap", "price_gap"):
        series = []
        for run in sb.runs:
            q = run.result.quantiles(outcome)
            series.append(C.Series(run.spec.title(lang), [int(y) for y in q.index], q["p50"].tolist(),
                                   q["p5"].tolist(), q["p95"].tolist()))
        name = L.pick(L.OUTCOMES[outcome], lang)
        target = next((t for t in sb.runs[0].result.targets if t.startswith(outcome)), None)
        level = None
        if target is not None:
            from regint.scenarios import parse_target

            pt = parse_target(target)
            level = None if pt.relative else pt.value
        spec = C.ChartSpec(f"scen_{outcome}", "line", _t(lang, f"Сценарии: {name} (медиана и 5–95 %), {years[0]}–"
                                                               f"{years[-1]}",
                                                        f"Scenarios: {name} (median and 5–95%), {years[0]}–{years[-1]}"),
                           xlabel=_t(lang, "год", "year"), ylabel=name, series=tuple(series), hline=level)
        note = _t(lang, f"regint.scenarios; {sb.draws} розыгрышей Монте-Карло; весь путь от базового {sb.base_year} г. до "
                        f"конца горизонта; горизонтальная линия — уровень цели. Параметры и базовые значения — в рабочей "
                        "книге.",
                  f"regint.scenarios; {sb.draws} Monte Carlo draws; the whole path from the base year {sb.base_year} to "
                  "the horizon; the horizontal line is the target level. Parameters and baseline values in the workbook.")
        sec.figures[f"scen_{outcome}"] = C.render(spec, lang, note)
    _fastest(sb, lang, sec)
    _multipliers(sb, lang, sec)
    bl = sb.baseline if lang == "en" else _baseline_ru(sb.baseline)
    if not sb.baseline.empty and "note" in sb.baseline.columns:
        notes = sb.baseline["note"].fillna("").astype(str)
        bl = bl.assign(**{_t(lang, "Примечание", "note"): (notes.map(_carry_note_ru) if lang == "ru" else notes).to_numpy()})
    sec.tables["baseline"] = ReportTable(
        "scenario_baseline", _t(lang, f"Базовые значения сценариев ({sb.base_year} г.) и их происхождение",
                                f"Baseline of the scenarios ({sb.base_year}) and where each value comes from"),
        bl, source=_t(lang, "хранилище regint и помеченные оценки baseline.toml", "regint store and labelled fallbacks of baseline.toml"),
        note=_t(lang, f"Базовый год — последний год, за который обе стороны имеют данные о средней зарплате; «Год» — год "
                      f"самих данных. Более ранние уровни доводятся до базового года по правилу: уровни — с инерционным "
                      f"темпом роста своей величины, соотношения (уровни цен, курсы, занятость на 1 млн долл.) — без "
                      f"изменений; так перенесённые значения получают статус «производные». Новые меры начинаются не "
                      f"ранее {sb.first_measure_year} г. Источники приведены так, как они записаны в хранилище и в "
                      "baseline.toml.",
                f"The base year is the latest year in which both sides have the average wage; 'year' is the year of the "
                f"data. Older levels are carried to the base year by a rule: levels at the inertial growth rate of their "
                f"quantity, ratios (price levels, exchange rates, jobs per mln USD) unchanged; values so carried are "
                f"'derived'. New measures start no earlier than {sb.first_measure_year}."),
        cited=("source", "Источник"))
    if not sb.pair_trade.empty:
        pt = sb.pair_trade
        lab = {"A: Russian region's trade with the partner country": _t(
                   lang, "А: торговля российского региона со страной-партнёром", "A: Russian region's trade with the partner country"),
               "B: partner region's trade with Russia": _t(lang, "Б: торговля региона-партнёра с Россией",
                                                           "B: partner region's trade with Russia")}
        el = {"low": _t(lang, "низкая", "low"), "central": _t(lang, "центральная", "central"), "high": _t(lang, "высокая", "high")}
        sec.tables["pair_trade"] = ReportTable(
            "pair_trade", _t(lang, "Оценка торговли пары: гравитационное распределение", "The pair's trade estimated by "
                                   "gravity allocation"),
            pd.DataFrame({_t(lang, "Оценка", "Estimate"): pt["estimate"].map(lab),
                          _t(lang, "Эластичность по расстоянию", "Distance elasticity"): pt["elasticity"].map(el),
                          "δ": pt["distance_elasticity"].astype(float),
                          _t(lang, "Доля региона-партнёра", "Share of the partner region"): pt["share"].astype(float),
                          _t(lang, "Торговля пары, млн долл. США", "Pair trade, mln USD"): pt["pair_trade"].astype(float)}),
            units=_t(lang, "доля; млн долл. США", "share; mln USD"),
            source=_t(lang, "модель сценариев regint: распределение торговли по гравитационной модели; эластичность — "
                            "собственная оценка PPML (раздел 5.1)",
                      "regint scenario model: trade allocated by gravity; elasticity from the project's own PPML "
                      "estimate (section 5.1)"),
            note=_t(lang, "Статус — оценка. Торговля российского региона со всей страной-партнёром распределена между её "
                          "регионами пропорционально размеру (фонд оплаты труда как замена ВРП) и обратно расстоянию; "
                          "разброс оценок А и Б и диапазон эластичности входят в Монте-Карло. Собственная оценка "
                          "торговли пары, заданная пользователем в файле сценария, заменяет расчётную.",
                    "Status: estimate. The Russian region's trade with the whole partner country is allocated across its "
                    "regions by size (wage bill in place of GRP) and inverse distance; the spread of estimates A and B and "
                    "the elasticity range enter the Monte Carlo. A user's own figure of the pair's trade, given in the "
                    "scenario file, replaces it."),
            digits={"δ": 2})


def _carry_note_ru(note: str) -> str:
    """The carry-forward note of a baseline value (:func:`regint.scenarios.baseline.carry_forward`) in Russian."""
    out = re.sub(r"carried from (\d{4}) to (\d{4}) at ([-+]?[\d.]+)% a year \(\w+\)",
                 lambda m: f"перенесено с {m[1]} на {m[2]} г. с инерционным темпом {m[3].replace('.', ',')} % в год", note)
    out = re.sub(r"(\d{4}) value kept unchanged in (\d{4}) \(a ratio\)",
                 r"значение \1 г. сохранено в \2 г. (соотношение)", out)
    out = re.sub(r"(\d{4}) value kept unchanged in (\d{4}) \(no rate \w+\)",
                 r"значение \1 г. сохранено в \2 г. (нет темпа роста)", out)
    return re.sub(r"dated: (\d+) years older than the base year", r"устарело: на \1 лет старше базового года", out)


_STATUS_WORDS = {"in_force": ("действует", "in force"), "agreed": ("согласована, не реализована", "agreed, not implemented"),
                 "proposed": ("предлагается", "proposed")}


def _target_words(target: str, hold: int, lang: str) -> str:
    """A target in words with the years it must hold."""
    text = L.target_text(target.split(" for ")[0], lang)
    return text + _t(lang, f", не менее {hold} лет подряд", f", held {hold} years running")


def _register(sb: Any, lang: str, sec: Section) -> None:
    """The register of measures: status, act and its date, and the source of the status."""
    reg = getattr(sb, "register", None)
    if reg is None or reg.empty:
        return
    order = {"in_force": 0, "agreed": 1, "proposed": 2}
    reg = reg.sort_values("status", key=lambda c: c.map(order), kind="stable")
    sec.tables["register"] = ReportTable(
        "measures_register", _t(lang, "Реестр мер: действующие, согласованные и предлагаемые",
                                "Register of measures: in force, agreed and proposed"),
        pd.DataFrame({_t(lang, "Мера", "Measure"): reg[f"name_{lang}"] if f"name_{lang}" in reg else reg["id"],
                      _t(lang, "Статус", "Status"): [L.pick(_STATUS_WORDS[str(x)], lang) for x in reg["status"]],
                      _t(lang, "Акт", "Act"): reg["act_ru" if lang == "ru" and "act_ru" in reg else "act"].replace("", "—"),
                      _t(lang, "Дата акта", "Date of the act"): reg["act_date"].replace("", "—"),
                      _t(lang, "Источник статуса", "Source of the status"): reg["status_source"]}),
        source=_t(lang, "каталог мер regint (акт, дата и источник у каждой меры)",
                         "regint catalogue of measures (act, date and source of each)"),
        note=_t(lang, "Действующие меры входят в базовый (инерционный) сценарий: их эффект уже отражён в уровнях базового "
                      "года, поэтому они не предлагаются и не выбираются при поиске быстрейшего пути.",
                "Measures in force are part of the baseline (inertial) scenario: their effect is in the base-year levels, "
                "so they are never proposed nor chosen by the fastest path."),
        cited=(_t(lang, "Акт", "Act"), _t(lang, "Источник статуса", "Source of the status")))


_CHAIN_WORDS = {
    "trade_cost": ("снижает издержки взаимной торговли на {e} % стоимости товара; торговля пары растёт с эластичностью "
                   "θ, новые продажи за вычетом переключённых с других рынков (доля d) увеличивают выпуск и ВДС через "
                   "мультипликаторы «затраты – выпуск»; разрыв в уровне цен сокращается на долю φ снижения издержек",
                   "cuts the cost of mutual trade by {e}% of the value of goods; the pair's trade grows with the elasticity "
                   "θ, new sales net of those diverted from other markets (share d) raise output and GVA through the "
                   "input-output multipliers; the price gap narrows by a share φ of the cut"),
    "investment": ("добавляет {e} млн руб. инвестиционного спроса в год в регионах; спрос через мультипликаторы "
                   "увеличивает выпуск и ВДС (эффект мощностей не учитывается)",
                   "adds {e} mln RUB a year of investment demand in the regions; through the multipliers it raises output "
                   "and GVA (capacity effects not modelled)"),
    "productivity": ("повышает уровень ВРП на {e} %; зарплаты следуют за ВРП с эластичностью ε",
                     "raises the level of GRP by {e}%; wages follow GRP with the elasticity ε"),
    "labour": ("сокращает разрыв в зарплатах на {e} % сверх действующих равных прав",
               "closes {e}% of the wage gap beyond the equal rights in force"),
}


_MECH_NAMES = {
    "theta": ("θ — эластичность торговли по издержкам (σ − 1)", "θ — trade elasticity (σ − 1)"),
    "diversion": ("d — доля новых продаж, переключённых с других рынков", "d — share of new sales diverted from other "
                  "markets"),
    "export_share_ru": ("доля российского экспорта в торговле пары", "Russian exports' share of the pair's trade"),
    "pair_trade_share": ("доля пары в торговле российского региона со страной-партнёром",
                         "the pair's share of the Russian region's trade with the partner country"),
    "wage_passthrough": ("ε — эластичность зарплат по ВРП", "ε — elasticity of wages to GRP"),
    "price_passthrough": ("φ — доля снижения издержек, переходящая в разрыв цен", "φ — share of the cost cut passed to "
                          "the price gap"),
    "trade_growth": ("инерционный рост торговли пары в год", "inertial growth of the pair's trade a year"),
}


def _mechanism(sb: Any, lang: str, sec: Section) -> None:
    """Each proposed lever's chain in words with its effect range and source, and the chain's mechanism parameters."""
    lv = sb.levers
    if lv.empty:
        return
    rows = []
    for _, r in lv[lv["status"] != "in_force"].iterrows():
        k = 100.0 if r["mechanism"] in ("trade_cost", "productivity", "labour") else 1.0  # fractions → per cent
        e = f"{fmt.number(r['effect_low'] * k, lang)}–{fmt.number(r['effect_high'] * k, lang)}"
        rows.append({_t(lang, "Мера", "Measure"): r[f"name_{lang}"], _t(lang, "Статус", "Status"): L.pick(
                        _STATUS_WORDS[str(r["status"])], lang),
                     _t(lang, "Как действует", "How it works"): L.pick(_CHAIN_WORDS[str(r["mechanism"])], lang).format(e=e),
                     _t(lang, "Статус оценки", "Status of the estimate"): L.status_text(str(r["effect_status"]), lang),
                     i18n.label("source", lang): r["effect_source"]})
    sec.tables["mechanism"] = ReportTable(
        "scenario_mechanism", _t(lang, "Механизм каждой меры: от издержек к торговле, выпуску и разрывам",
                                 "How each measure works: from trade costs to trade, output and the gaps"),
        pd.DataFrame(rows), source=_t(lang, "каталог мер regint (акт, дата и источник у каждой меры)",
                         "regint catalogue of measures (act, date and source of each)"),
        note=_t(lang, "Диапазоны (низкое–высокое) входят в Монте-Карло; «допущение» означает, что опубликованной оценки для "
                      "пары нет.",
                "The ranges (low–high) enter the Monte Carlo; 'assumption' means there is no published estimate for the "
                "pair."), cited=(i18n.label("source", lang),))
    mech = getattr(sb, "mechanism", pd.DataFrame())
    if not mech.empty:
        sec.tables["mechanism_parameters"] = ReportTable(
            "mechanism_parameters", _t(lang, "Параметры механизма и их источники", "Mechanism parameters and their sources"),
            pd.DataFrame({_t(lang, "Параметр", "Parameter"): [L.pick(_MECH_NAMES.get(str(n), (str(n), str(n))), lang)
                                                              for n in mech["name"]],
                          _t(lang, "Низкое", "Low"): mech["low"].astype(float),
                          _t(lang, "Центральное", "Central"): mech["central"].astype(float),
                          _t(lang, "Высокое", "High"): mech["high"].astype(float),
                          _t(lang, "Статус", "Status"): [L.status_text(str(x), lang) for x in mech["status"]],
                          i18n.label("source", lang): mech["source"]}),
            source=_t(lang, "параметры модели сценариев regint (источник у каждого) и расчёты доклада",
                         "regint scenario model parameters (each with its source) and the report's own estimates"),
            cited=(i18n.label("source", lang),),
            digits={_t(lang, "Низкое", "Low"): 3, _t(lang, "Центральное", "Central"): 3, _t(lang, "Высокое", "High"): 3})


def _gap_findings(sb: Any, lang: str, sec: Section) -> None:
    """Gaps of the central runs that narrow and then widen again before the horizon."""
    rows = []
    for run in sb.runs:
        for _, g in run.gaps.iterrows():
            if not g["widens_again"]:
                continue
            rows.append({_t(lang, "Сценарий", "Scenario"): run.spec.title(lang),
                         _t(lang, "Разрыв", "Gap"): L.pick(L.OUTCOMES[str(g["outcome"])], lang),
                         _t(lang, "Наименьший", "Smallest"): f"{fmt.percent(g['min'], lang, 1)} ({fmt.year(g['min_year'])})",
                         _t(lang, "К концу горизонта", "At the horizon"): f"{fmt.percent(g['end'], lang, 1)} "
                                                                          f"({fmt.year(g['end_year'])})"})
    if rows:
        sec.tables["gaps_widen"] = ReportTable(
            "gaps_widen", _t(lang, "Разрывы, которые снова расширяются", "Gaps that widen again"), pd.DataFrame(rows),
            source=_t(lang, "regint.scenarios, центральный расчёт", "regint.scenarios, central run"),
            note=_t(lang, "Меры сдерживают, но не останавливают расхождение: инерционное расхождение темпов роста сторон "
                          "перевешивает их эффект к концу горизонта.",
                    "The measures slow but do not stop the divergence: the inertial difference in the sides' growth "
                    "outweighs their effect by the horizon."))


def _fastest(sb: Any, lang: str, sec: Section) -> None:
    """The fastest path to each target: measures with start and completion, cost per side, Gantt chart with the
    probability of reaching the target by each year."""
    from regint.scenarios.charts import gantt_figure

    runs = sb.fastest_runs
    base = sb.runs[0].result.baseline
    byn_per_rub = (base.get("fx_byn_usd") or float("nan")) / base["fx_rub_usd"] if base is not None else float("nan")
    prow = []
    for k, fr in enumerate(runs):
        plan = fr.path.plan
        words = _target_words(plan.target, plan.hold, lang)
        if not plan.starts:
            without = plan.reach_year is not None
            prow.append({_t(lang, "Цель", "Target"): words,
                         _t(lang, "Достигается", "Reached"): fmt.year(plan.reach_year) if without else "—",
                         _t(lang, "Мера", "Measure"): (
                             _t(lang, "без новых мер — не результат мер", "without new measures — not a result of them")
                             if without else _t(lang, "ни одно сочетание мер каталога в пределах бюджета",
                                                "no combination of the catalogue's measures within the budget")),
                         _t(lang, "Начало", "Start"): "—", _t(lang, "Завершение", "Complete"): "—",
                         _t(lang, "Затраты России, млн руб.", "Cost of Russia, mln RUB"): np.nan,
                         _t(lang, "Затраты Беларуси, млн бел. руб.", "Cost of Belarus, mln BYN"): np.nan})
            continue
        ru_total = float(plan.spend_ru.sum()) if plan.spend_ru is not None else np.nan
        by_total = float(plan.spend_by.sum()) * byn_per_rub if plan.spend_by is not None else np.nan
        for _, r in plan.to_frame().iterrows():
            prow.append({_t(lang, "Цель", "Target"): words, _t(lang, "Достигается", "Reached"): fmt.year(plan.reach_year),
                         _t(lang, "Мера", "Measure"): _lever_name(sb, str(r["lever"]), lang),
                         _t(lang, "Начало", "Start"): fmt.year(r["start"]), _t(lang, "Завершение", "Complete"): fmt.year(r["complete"]),
                         _t(lang, "Затраты России, млн руб.", "Cost of Russia, mln RUB"): ru_total,
                         _t(lang, "Затраты Беларуси, млн бел. руб.", "Cost of Belarus, mln BYN"): by_total})
        prob = [(int(y), float(p)) for y, p in fr.probability_by.items()] if len(fr.probability_by) else None
        names = {lid: _lever_name(sb, lid, lang) for lid in plan.starts}
        fig = gantt_figure(plan, names, title=_t(lang, f"Быстрейший путь: {words}", f"Fastest path: {words}"),
                           xlabel=_t(lang, "год", "year"), reach_label=_t(lang, "цель достигнута", "target reached"),
                           cost_label=_t(lang, "затраты: Россия {ru:,.0f} млн руб., Беларусь {by:,.0f} млн руб. "
                                               "(в рублях РФ)", "cost: Russia {ru:,.0f} mln RUB, Belarus {by:,.0f} mln RUB "
                                               "(in Russian roubles)"),
                           probability=prob, prob_label=_t(lang, "вероятность достичь к году", "P(reached by year)"))
        key = f"scen_gantt_{k}"
        svg = C.figure_svg(fig, key)
        p_last = fr.probability_by.iloc[-1] if len(fr.probability_by) else np.nan
        sec.figures[key] = C.Figure(key=key, title=_t(lang, f"Быстрейший путь: {words}", f"Fastest path: {words}"),
                                    svg=svg, html=svg, note=_t(
            lang, f"Полосы — от начала до завершения меры; пунктир — год достижения цели при центральных параметрах; "
                  f"ступенчатая линия — доля розыгрышей Монте-Карло, в которых цель достигнута к году (к концу горизонта "
                  f"{fmt.percent(p_last, lang, 0)}). Меры начинаются не ранее {sb.first_measure_year} г.; действующие меры "
                  "не выбираются.",
            f"Bars run from a measure's start to its completion; the dashed line is the year the target is reached at "
            f"central parameters; the step line is the share of Monte Carlo draws that have reached it by each year "
            f"({fmt.percent(p_last, lang, 0)} by the horizon). Measures start no earlier than {sb.first_measure_year}; "
            "measures in force are never chosen."))
    if prow:
        years = sb.runs[0].result.years
        sec.tables["fastest"] = ReportTable(
            "fastest", _t(lang, "Быстрейший путь к каждой цели в пределах бюджета", "Fastest path to each target within the budget"),
            pd.DataFrame(prow), source="regint.scenarios.fastest_path", years=f"{years[0]}–{years[-1]}",
            note=_t(lang, "Затраты — сумма за горизонт по плану; доля каждой стороны — по каталогу мер; затраты Беларуси "
                          "пересчитаны в белорусские рубли по курсам базового года.",
                    "Costs are the plan's sum over the horizon; each side's share as in the catalogue; Belarus's cost "
                    "converted to BYN at the base-year rates."))


def _multipliers(sb: Any, lang: str, sec: Section) -> None:
    """The input-output multipliers of the scenario chain with their sources (computed, or labelled fallbacks)."""
    mf = getattr(sb, "multipliers", None)
    if mf is None or mf.empty:
        return
    fallen = mf["source"].astype(str).str.startswith("FALLBACK")
    rows = pd.DataFrame({
        _t(lang, "Параметр", "Parameter"): mf["name"].astype(str),
        _t(lang, "Низкое", "Low"): mf["low"].astype(float), _t(lang, "Центральное", "Central"): mf["central"].astype(float),
        _t(lang, "Высокое", "High"): mf["high"].astype(float),
        _t(lang, "Происхождение", "Origin"): [_t(lang, "резервное значение parameters.toml", "fallback of parameters.toml")
                                              if f else _t(lang, "расчёт по модели «затраты – выпуск»",
                                                           "computed by the input-output model") for f in fallen],
        i18n.label("source", lang): mf["source"].astype(str),
    })
    sec.tables["multipliers"] = ReportTable(
        "scenario_multipliers", _t(lang, "Мультипликаторы выпуска и ВДС в сценарной модели",
                                   "Output and GVA multipliers of the scenario chain"),
        rows, units=_t(lang, "на единицу конечного спроса", "per unit of final demand"),
        source=_t(lang, "regint.models.inputoutput: симметричная таблица Росстата 2021 г., FLQ δ = 0,3 (0,4–0,1)",
                  "regint.models.inputoutput: Rosstat symmetric table 2021, FLQ δ = 0.3 (0.4–0.1)"),
        note=_t(lang, "Низкое значение — δ = 0,4, высокое — δ = 0,1; при сбое расчёта — помеченные значения "
                      "parameters.toml (причина в источнике).",
                "Low at δ = 0.4, high at δ = 0.1; when the computation fails, the labelled values of parameters.toml "
                "(the reason is in the source)."),
        digits={_t(lang, "Низкое", "Low"): 3, _t(lang, "Центральное", "Central"): 3, _t(lang, "Высокое", "High"): 3},
        cited=(i18n.label("source", lang),))


def _scenario_words(text: str, lang: str) -> str:
    """«regint.scenarios.fastest_path» and «regint.scenarios» in a source line → the model's name in words."""
    return (text.replace("regint.scenarios.fastest_path", _t(lang, "модель сценариев, поиск быстрейшего пути",
                                                             "scenario model, fastest-path search"))
            .replace("regint.scenarios", _t(lang, "модель сценариев", "scenario model")))


def _localise_scenario_tables(res: Results, lang: str, sec: Section, s2: Section) -> None:
    """The scenario section's baseline and multiplier tables as a reader reads them: the descriptions instead
    of the keys, years as years, the regions' names, sources and origins in words. (The tables are built by
    the scenario functions; this step only relabels them, so their numbers are unchanged.)"""
    import dataclasses

    sb = res.scenarios.value
    for owner in (sec, s2):
        for key, t in list(owner.tables.items()):
            if "regint.scenarios" in t.source:
                owner.tables[key] = dataclasses.replace(t, source=_scenario_words(t.source, lang))
        for key, f in list(owner.figures.items()):
            if "regint.scenarios" in f.note:
                owner.figures[key] = dataclasses.replace(f, note=_scenario_words(f.note, lang))
    bl = sec.tables.get("baseline")
    if bl is not None and sb is not None:
        sec.tables["baseline"] = dataclasses.replace(
            bl, frame=_baseline_frame(sb.baseline, lang),
            source=_t(lang, "хранилище regint и помеченные резервные оценки файла сценариев",
                      "regint store and the labelled fallbacks of the scenario file"),
            note="", cited=(i18n.label("source", lang),))
    mt = sec.tables.get("multipliers")
    if mt is not None:
        frame = mt.frame.copy()
        first = frame.columns[0]
        frame[first] = [_multiplier_name(str(x), res.pair, lang) for x in frame[first]]
        origin = _t(lang, "Происхождение", "Origin")
        if origin in frame.columns:
            frame[origin] = frame[origin].astype(str).str.replace(
                "резервное значение parameters.toml", "резервное значение файла параметров").str.replace(
                "fallback of parameters.toml", "fallback of the parameter file")
        sec.tables["multipliers"] = dataclasses.replace(
            mt, frame=frame, source=_t(lang, "модель «затраты – выпуск»: симметричная таблица Росстата 2021 г., FLQ "
                                             "δ = 0,3 (0,4–0,1)",
                                       "input-output model: Rosstat symmetric table 2021, FLQ δ = 0.3 (0.4–0.1)"),
            note=_t(lang, "Низкое значение — δ = 0,4, высокое — δ = 0,1; при сбое расчёта — помеченные резервные "
                          "значения файла параметров (причина указана в источнике).",
                    "Low at δ = 0.4, high at δ = 0.1; when the computation fails, the labelled fallbacks of the "
                    "parameter file (the reason is in the source)."))


def _multiplier_name(key: str, pair: tuple[str, str], lang: str) -> str:
    """``mult_output_ru`` → «Мультипликатор выпуска: Смоленская область»."""
    m = re.fullmatch(r"mult_(output|gva)_(ru|by)", key)
    if m is None:
        return key
    region = i18n.region(pair[0] if m.group(2) == "ru" else pair[1], lang)
    return L.pick(L.MULTIPLIER_NAMES[m.group(1)], lang).format(region=region)


def _baseline_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The baseline frame (``Baseline.to_frame``) with headers, descriptions, statuses and origins in ``lang``;
    the sources stay as cited."""
    from regint.scenarios.baseline import description

    if frame.empty:
        return frame
    origin = [L.origin_text(str(x), lang).replace(" (baseline.toml)", "").replace("(baseline.toml)", "")
              for x in frame["origin"]]
    return pd.DataFrame({
        _t(lang, "Показатель", "Quantity"): [description(str(k), lang) for k in frame["key"]],  # type: ignore[arg-type]
        _t(lang, "Значение", "Value"): frame["value"].astype(float),
        _t(lang, "Год", "Year"): [fmt.year(y) for y in frame["year"]],
        _t(lang, "Статус", "Status"): [L.status_text(str(x), lang) for x in frame["status"]],
        _t(lang, "Происхождение", "Origin"): origin,
        i18n.label("source", lang): frame["source"].astype(str),
    })


def _baseline_ru(frame: pd.DataFrame) -> pd.DataFrame:
    """The baseline frame (``Baseline.to_frame``) with Russian headers, descriptions, statuses and origins; the
    sources stay as cited."""
    from regint.scenarios.baseline import description

    if frame.empty:
        return frame
    return pd.DataFrame({
        "Код": frame["key"].astype(str),
        "Показатель": [description(str(k), "ru") for k in frame["key"]],
        "Значение": frame["value"].astype(float),
        "Год": [fmt.year(y) for y in frame["year"]],
        "Статус": [L.status_text(str(x), "ru") for x in frame["status"]],
        "Происхождение": [L.origin_text(str(x), "ru") for x in frame["origin"]],
        "Источник": frame["source"].astype(str),
    })


def _lever_name(sb: Any, lever: str, lang: str) -> str:
    lv = sb.levers
    col = f"name_{lang}"
    key = "id" if "id" in lv.columns else ("lever" if "lever" in lv.columns else None)
    if key is not None and col in lv.columns:
        hit = lv[lv[key] == lever]
        if len(hit):
            return str(hit[col].iloc[0])
    return lever


# ----------------------------------------------------------------------------------------------------- section 4
def _directions(res: Results, lang: str, sec: Section) -> None:
    out = res.directions_in(lang)
    d = out.value if out is not None else None
    if d is None or out is None:
        sec.add_missing(_t(lang, "Ранжирование направлений", "Ranking of the directions"), out or res.index)
        return
    r = d.ranking.sort_values("rank_topsis")
    share = d.sensitivity.first_share if d.sensitivity is not None else pd.Series(dtype=float)
    frame = pd.DataFrame({
        _t(lang, "Место (TOPSIS)", "Rank (TOPSIS)"): r["rank_topsis"].to_numpy(),
        _t(lang, "Направление", "Direction"): r["name"].to_numpy(),
        "TOPSIS C": r["topsis"].to_numpy(), "VIKOR Q": r["vikor_q"].to_numpy(),
        _t(lang, "Место (VIKOR)", "Rank (VIKOR)"): r["rank_vikor"].to_numpy(),
        _t(lang, "Место (взвеш. сумма)", "Rank (weighted sum)"): r["rank_wsm"].to_numpy(),
        _t(lang, "Первое место в розыгрышах весов", "First in weight draws"): [fmt.percent(share.get(c, np.nan), lang, 0)
                                                                            for c in r.index]})
    src = (_t(lang, "опрос экспертов (AHP, групповая агрегация AIJ) и данные", "expert survey (AHP, AIJ group "
              "aggregation) and data") if d.experts else
           _t(lang, "критерии, измеренные по данным (опрос экспертов не проводился)",
              "criteria measured from data (no expert survey)"))
    sec.tables["directions"] = ReportTable(
        "directions", _t(lang, "Ранжирование направлений интеграции", "Ranking of the directions of integration"), frame,
        units=_t(lang, "C и Q — от 0 до 1", "C and Q from 0 to 1"), source=src, digits={"TOPSIS C": 3, "VIKOR Q": 3},
        illustrative=d.illustrative)
    crit = d.criteria
    cframe = pd.DataFrame({
        _t(lang, "Критерий", "Criterion"): [str(x).replace("(input-output)", "(«затраты – выпуск»)") if lang == "ru"
                                            else str(x) for x in crit["name"]],
        _t(lang, "Тип", "Kind"): [_t(lang, "данные", "data") if k == "data" else _t(lang, "эксперты", "experts")
                                  for k in crit["kind"]],
        _t(lang, "Вес экспертов", "Experts' weight"): crit["weight_experts"].to_numpy(),
        _t(lang, "Вес в расчёте", "Weight used"): crit["weight_used"].to_numpy(),
        _t(lang, "Статус", "Status"): [_status(s, lang) for s in crit["status"]]})
    sec.tables["criteria"] = ReportTable(
        "criteria", _t(lang, "Критерии ранжирования и их веса", "Criteria of the ranking and their weights"), cframe,
        source=src, digits={_t(lang, "Вес экспертов", "Experts' weight"): 3, _t(lang, "Вес в расчёте", "Weight used"): 3},
        illustrative=d.illustrative)
    spec = C.ChartSpec("directions", "barh", _t(lang, "Близость к идеалу (TOPSIS)", "Closeness to the ideal (TOPSIS)"),
                       xlabel="C", series=(C.Series("TOPSIS", r["name"].tolist(), r["topsis"].tolist()),), height=4.0)
    note = (i18n.label("illustrative", lang) + " " if d.illustrative else "") + _t(
        lang, "Методы: TOPSIS (векторная нормировка), VIKOR, взвешенная сумма.",
        "Methods: TOPSIS (vector normalisation), VIKOR, weighted sum.")
    sec.figures["directions"] = C.render(spec, lang, note, illustrative=d.illustrative)


def _status(status: str, lang: str) -> str:
    if lang == "en":
        return status
    return (status.replace("not available: no data given", "нет данных")
            .replace("not available: no expert ratings", "нет экспертных оценок")
            .replace("not available: missing for", "нет значений для").replace("available", "используется"))


# ----------------------------------------------------------------------------------------------------- section 5
def _gravity(res: Results, lang: str, sec: Section) -> None:
    g = res.gravity.value
    if g is None:
        sec.add_missing(_t(lang, "Гравитационная модель", "Gravity model"), res.gravity)
        return
    p = g.potential
    frame = pd.DataFrame({
        _t(lang, "Направление", "Direction"): [f"{_iso3(e, lang)} → {_iso3(i, lang)}"
                                               for e, i in zip(p["exporter"], p["importer"], strict=True)],
        _t(lang, "Факт", "Actual"): p["actual"].to_numpy() / 1e3, _t(lang, "Прогноз", "Predicted"): p["predicted"].to_numpy() / 1e3,
        _t(lang, "Факт / прогноз", "Actual / predicted"): p["ratio"].to_numpy(),
        _t(lang, "Нижняя граница", "Lower"): p["ratio_lower"].to_numpy(),
        _t(lang, "Верхняя граница", "Upper"): p["ratio_upper"].to_numpy()})
    sec.tables["gravity"] = ReportTable(
        "gravity", _t(lang, "Торговля России и Беларуси против прогноза гравитационной модели",
                      "Trade of Russia and Belarus against the gravity model's prediction"), frame,
        units=_t(lang, "млн долл. США; отношение", "mln USD; ratio"),
        source=_t(lang, f"CEPII GeoDist, WITS (UN Comtrade); PPML с эффектами экспортёра и импортёра, N = {fmt.number(g.nobs, 'ru', 0)}",
                  f"CEPII GeoDist, WITS (UN Comtrade); PPML with exporter and importer effects, N = {g.nobs}"),
        years="2009", digits={_t(lang, "Факт", "Actual"): 0, _t(lang, "Прогноз", "Predicted"): 0},
        note=_t(lang, "Интервал — параметрический бутстрэп прогноза", "Interval: parametric bootstrap of the prediction"))
    spec = C.ChartSpec("gravity", "bar", _t(lang, "Факт к прогнозу гравитационной модели, 2009 г.",
                                            "Actual over the gravity prediction, 2009"),
                       ylabel=_t(lang, "раз", "times"), hline=1.0,
                       series=(C.Series(_t(lang, "отношение", "ratio"), frame.iloc[:, 0].tolist(), p["ratio"].tolist(),
                                        p["ratio_lower"].tolist(), p["ratio_upper"].tolist()),), height=3.4)
    sec.figures["gravity"] = C.render(spec, lang, _t(lang, "Линия 1 — торговля на уровне прогноза. CEPII, WITS; 2009.",
                                                     "Line at 1: trade at the predicted level. CEPII, WITS; 2009."))


def _iso3(code: str, lang: str) -> str:
    """A country's ISO 3166-1 alpha-3 code of the gravity data (``RUS``) → its name."""
    names = {"RUS": ("Россия", "Russia"), "BLR": ("Беларусь", "Belarus")}
    return L.pick(names[code], lang) if code in names else code


def _evaluation(res: Results, lang: str, sec: Section) -> None:
    ev = res.evaluation.value
    if ev is None:
        sec.add_missing(_t(lang, "Оценка эффекта ЕЭП-2012", "Evaluation of the 2012 Single Economic Space"), res.evaluation)
        return
    if getattr(ev, "withdrawn", ""):
        sec.missing.append((_t(lang, f"Оценка эффекта Единого экономического пространства ({ev.treatment_year} г.) "
                                     "отозвана", f"Evaluation of the {ev.treatment_year} Single Economic Space withdrawn"),
                            withdrawn_text(ev.withdrawn, lang)))
        return
    path = ev.sc.to_frame()
    cols = [c for c in path.columns if c in ("actual", "synthetic", "treated")]
    if len(cols) >= 2:
        series = tuple(C.Series(_t(lang, "факт", "actual") if c in ("actual", "treated") else _t(lang, "синтетический",
                                                                                                 "synthetic"),
                                [int(y) for y in path.index], path[c].tolist()) for c in cols[:2])
        spec = C.ChartSpec("synth", "line", _t(lang, f"{i18n.region(ev.treated, lang)}: логарифм ВРП на душу и "
                                                     "синтетический контроль",
                                               f"{i18n.region(ev.treated, lang)}: log GRP per capita and its synthetic control"),
                           xlabel=_t(lang, "год", "year"), ylabel="log", series=series, vline=ev.treatment_year - 0.5)
        sec.figures["synth"] = C.render(spec, lang, _t(
            lang, f"Доноры — {ev.n_donors} регионов России; {ev.first_year}–{ev.last_year}. Источник: Росстат.",
            f"Donors: {ev.n_donors} Russian regions; {ev.first_year}–{ev.last_year}. Source: Rosstat."))
    d = ev.did.to_frame().iloc[0]
    rows = [{_t(lang, "Метод", "Method"): _t(lang, "Синтетический контроль", "Synthetic control"),
             _t(lang, "Эффект, лог. пункта", "Effect, log points"): float(ev.sc.average_effect),
             "p": float(ev.sc.p_value) if ev.sc.p_value is not None else np.nan},
            {_t(lang, "Метод", "Method"): _t(lang, "Разность разностей (TWFE)", "Difference-in-differences (TWFE)"),
             _t(lang, "Эффект, лог. пункта", "Effect, log points"): float(d["coef"]), "p": float(d["pvalue"])}]
    sec.tables["evaluation"] = ReportTable(
        "evaluation", _t(lang, f"Эффект Единого экономического пространства ({ev.treatment_year} г.) на ВРП на душу",
                         f"Effect of the Single Economic Space ({ev.treatment_year}) on GRP per capita"),
        pd.DataFrame(rows), units=_t(lang, "разность логарифмов", "difference of logs"), source=_t(lang, "Росстат; regint.models.evaluation", "Rosstat; regint.models.evaluation"),
        years=f"{ev.first_year}–{ev.last_year}", digits={"p": 3, _t(lang, "Эффект, лог. пункта", "Effect, log points"): 3},
        note=_t(lang, "p синтетического контроля — плацебо по донорам («—», если плацебо не считалось в быстром режиме)",
                "p of the synthetic control from in-space placebos ('—' when placebos were skipped in fast mode)"))


#: The reason of the withdrawn evaluation in Russian (the study gives it in English).
SES_WITHDRAWN_RU = ("Единое экономическое пространство вступило в силу 1 января 2012 г. на всей территории России, "
                    "поэтому все регионы-доноры синтетического контроля и все контрольные регионы оценки методом "
                    "«разность разностей» тоже подверглись воздействию: сравнение ставит затронутый мерой регион "
                    "против таких же регионов и эффекта измерить не может. Нужна схема с незатронутой или менее "
                    "затронутой группой сравнения (интенсивность воздействия по расстоянию до белорусской границы "
                    "или регионы стран, не входящих в ЕЭП).")


def withdrawn_text(reason: str, lang: str) -> str:
    """The reason a finding is withdrawn, in ``lang``."""
    from regint.study.analyses import SES_WITHDRAWN

    if lang == "ru" and reason == SES_WITHDRAWN:
        return SES_WITHDRAWN_RU
    return reason


def _factors(res: Results, lang: str, sec: Section) -> None:
    fb = res.factors.value
    if fb is None:
        sec.add_missing(_t(lang, "Объективные факторы (панельная регрессия)", "Objective factors (panel regression)"),
                        res.factors)
        return
    tab = fb.fit.to_frame().reset_index()
    tab["regressor"] = [L.pick(L.FACTORS.get(str(x), (str(x), str(x))), lang) for x in tab["regressor"]]
    keep = [c for c in ("regressor", "coef", "se", "pvalue", "boot_pvalue", "boot_lower", "boot_upper") if c in tab.columns]
    tab = tab[keep]
    names = {"regressor": _t(lang, "Фактор", "Factor"), "coef": _t(lang, "Коэффициент", "Coefficient"),
             "se": _t(lang, "Ст. ошибка", "SE"),
             "pvalue": "p", "boot_pvalue": _t(lang, "p (бутстрэп)", "p (bootstrap)"),
             "boot_lower": _t(lang, "Нижняя граница", "Lower"), "boot_upper": _t(lang, "Верхняя граница", "Upper")}
    h = fb.fit.honesty
    sec.tables["factors"] = ReportTable(
        "factors", _t(lang, f"Объективные факторы: панельная регрессия ({L.pick(L.FACTORS.get(fb.outcome, (fb.outcome, fb.outcome)), 'ru')})",
                      f"Objective factors: panel regression ({L.pick(L.FACTORS.get(fb.outcome, (fb.outcome, fb.outcome)), 'en')})"),
        tab.rename(columns=names),
        source=_t(lang, "панельная регрессия с фиксированными эффектами, дикий кластерный бутстрэп",
                  "fixed-effects panel regression (PanelOLS), wild cluster bootstrap"), years=_span(str(getattr(h, "span", "")), lang),
        digits={v: 3 for v in names.values()},
        note=_t(lang, f"N = {fb.fit.nobs}, регионов {fb.fit.n_entities}; двусторонние фиксированные эффекты",
                f"N = {fb.fit.nobs}, {fb.fit.n_entities} regions; two-way fixed effects"))



#: Russian and English names of the indicators of the institutional and social dimension.
_INSTITUTIONAL = {
    "ties_agreements_in_force": ("Действующие соглашения о приграничном сотрудничестве (число)",
                                 "Cross-border co-operation agreements in force (count)"),
    "ties_pair_entries_recent": ("Датированные записи реестра связей пары за последние пять лет (число)",
                                 "Dated register entries of the pair in the last five years (count)"),
    "edb_support_eaeu": ("Поддержка участия в ЕАЭС по стране в целом (% опрошенных)",
                         "Support for participation in the EAEU, national (% of respondents)"),
    "survey_political_will": ("Чиновники: политическая воля и приоритеты (среднее, 1–5)",
                              "Officials: political will and priorities (mean 1–5)"),
    "survey_trust": ("Чиновники: доверие к институтам партнёра (среднее, 1–5)",
                     "Officials: trust in the partner's institutions (mean 1–5)"),
    "survey_obstacles": ("Препятствия, названные опрошенными (среднее, 1–5)",
                         "Obstacles named by respondents (mean 1–5)"),
}
_BAROMETER = {"press_edb_attitude_integration": ("Отношение к интеграции на постсоветском пространстве",
                                                 "Attitude to integration in the post-Soviet space"),
              "press_edb_support_eaeu": ("Поддержка участия страны в ЕАЭС", "Support for the country's EAEU membership")}


def _subjective(res: Results, lang: str, sec: Section) -> None:
    """Subjective factors: the register of institutional ties, public attitudes, the institutional dimension and,
    when real answers are loaded, the two sides' survey results (no finding without them)."""
    out = res.subjective
    sr = out.value
    if sr is None:
        sec.add_missing(_t(lang, "Субъективные факторы", "Subjective factors"), out)
        return
    reg = sr.register.entries
    if len(reg):
        years = reg["period"].astype(str).str[:4]
        scope = reg["scope"].astype(str)
        frame = pd.DataFrame({
            _t(lang, "Год", "Year"): years,
            _t(lang, "Связи Смоленской и Витебской областей", "Smolensk–Vitebsk ties"): (scope == "pair").astype(int),
            _t(lang, "Связи Смоленской области с Беларусью в целом", "Smolensk oblast with Belarus at large"):
                (scope != "pair").astype(int),
        }).groupby(_t(lang, "Год", "Year"), as_index=False).sum()
        sec.tables["ties"] = ReportTable(
            "ties", _t(lang, "Реестр институциональных связей: датированные записи по годам",
                       "Register of institutional ties: dated entries by year"), frame,
            source=_t(lang, "реестр regint по открытым публикациям (адрес и дословная цитата у каждой записи)",
                      "regint register of public web pages (address and verbatim quote with every entry)"),
            years=f"{years.min()}–{years.max()}",
            note=_t(lang, f"Всего {len(reg)} записей из {reg['source_site'].nunique()} источников; реестр найденного, "
                          "а не полный перечень; доля выполнения планов мероприятий не найдена.",
                    f"{len(reg)} entries from {reg['source_site'].nunique()} sources; a register of what was found, "
                    "not a complete list; the share of each plan carried out was not found."))
    bar = sr.barometer
    if len(bar):
        frame = pd.DataFrame({
            _t(lang, "Вопрос", "Question"): [L.pick(_BAROMETER.get(str(i), (str(i), str(i))), lang)
                                             for i in bar["indicator"]],
            _t(lang, "Страна", "Country"): [i18n.region(str(r), lang) for r in bar["region"]],
            _t(lang, "Год", "Year"): bar["period"].astype(str).to_numpy(),
            _t(lang, "Доля опрошенных, %", "Share of respondents, %"): bar["value"].to_numpy(dtype=float)})
        sec.tables["barometer"] = ReportTable(
            "barometer", _t(lang, "Интеграционный барометр ЕАБР: отношение населения", "EDB Integration Barometer: "
                            "public attitudes"), frame, digits={_t(lang, "Доля опрошенных, %",
                                                                    "Share of respondents, %"): 0},
            source=_t(lang, "Интеграционный барометр ЕАБР (по публикациям ЕАБР и прессы)",
                      "EDB Integration Barometer (as published by the EDB and the press)"),
            note=_t(lang, "2012–2014 гг. и с 2015 г. — разные вопросы, а не один ряд; данных после 2017 г. не найдено.",
                    "2012–2014 and 2015 on are two different questions, not one series; nothing after 2017 found."))
    dim = sr.institutional.to_frame()
    if len(dim):
        side = {res.pair[0]: _t(lang, "Российская сторона", "Russian side"),
                res.pair[1]: _t(lang, "Белорусская сторона", "Belarusian side")}
        wide = dim.pivot_table(index="indicator", columns="side", values="value", aggfunc="first", dropna=False)
        wide = wide.reindex(columns=[c for c in res.pair if c in wide.columns])
        frame = pd.DataFrame({_t(lang, "Показатель", "Indicator"):
                              [L.pick(_INSTITUTIONAL.get(str(i), (str(i), str(i))), lang) for i in wide.index]})
        for c in wide.columns:
            frame[side.get(c, str(c))] = wide[c].to_numpy(dtype=float)
        thin = bool(getattr(sr.institutional, "thin", False))
        sec.tables["institutional"] = ReportTable(
            "institutional", _t(lang, "Измерение «институциональные и социальные связи» сводного индекса",
                                "The index dimension “institutional and social ties”"), frame,
            source=_t(lang, "реестр связей regint, Интеграционный барометр ЕАБР, опросы (если загружены)",
                      "regint ties register, EDB Integration Barometer, surveys (where loaded)"),
            digits={v: 0 for v in side.values()},
            note=_t(lang, "Данных мало: измерение показано отдельно и в сводный индекс не входит." if thin else
                    "Измерение входит в сводный индекс.",
                    "Too thin: the dimension is shown apart and does not enter the composite index." if thin else
                    "The dimension enters the composite index."))


def _span(span: str, lang: str) -> str:
    """The years of a fit (``2012-2021 (10 years)``) in the report's language (``2012–2021 (лет: 10)``)."""
    if lang == "en":
        return span
    return re.sub(r"\((\d+) years?\)", r"(лет: \1)", span).replace("-", "–")


def _experts(res: Results, lang: str, sec: Section) -> None:
    out = res.directions_in(lang)
    d = out.value if out is not None else None
    if d is None or d.group is None:
        return
    cons = d.group.consistency.reset_index()
    frame = pd.DataFrame({_t(lang, "Эксперт", "Expert"): cons.iloc[:, 0].astype(str),
                          "CR": cons["cr"].to_numpy(), _t(lang, "Приемлемо (CR < 0,1)", "Acceptable (CR < 0.1)"):
                              cons["acceptable"].to_numpy(dtype=bool)})
    sec.tables["experts"] = ReportTable(
        "experts", _t(lang, "Согласованность суждений экспертов (AHP)", "Consistency of the experts' judgements (AHP)"),
        frame, source=_t(lang, "анкеты экспертов", "expert questionnaires"), digits={"CR": 3},
        illustrative=d.illustrative)


# ----------------------------------------------------------------------------------------------------- maps
def _maps(res: Results, lang: str, sec: Section) -> None:
    mb = res.maps.value
    if mb is None:
        sec.add_missing(_t(lang, "Карты", "Maps"), res.maps)
        return
    mpl, ply = mb.locator[lang]
    sec.figures["locator"] = C.Figure("locator", _t(lang, "Смоленская и Витебская области на карте", "Smolensk and Vitebsk on the map"),
                                      C.figure_svg(mpl, "locator"), C.plotly_div(ply, "locator"),
                                      _t(lang, "Границы: Natural Earth (общественное достояние); связи схематичны.",
                                         "Boundaries: Natural Earth (public domain); links are schematic."))
    if mb.choropleth:
        mpl, ply = mb.choropleth[lang]
        sec.figures["choropleth"] = C.Figure(
            "choropleth", _t(lang, f"Среднемесячная зарплата в долларах США, {mb.year} г.",
                             f"Average monthly wage in US dollars, {mb.year}")
            + (" " + i18n.label("dated", lang) if is_dated(int(mb.year), today_of(res)) else ""),
            C.figure_svg(mpl, "choropleth"), C.plotly_div(ply, "choropleth"),
            _t(lang, "Росстат, Белстат; пересчёт по официальным курсам. Штриховка — нет данных.",
               "Rosstat, Belstat; converted at official rates. Hatched: no data."))
    for n in mb.notes:
        sec.missing.append((_t(lang, "Картограмма", "Choropleth"), n))


# ----------------------------------------------------------------------------------------------------- annexes
def _sources(res: Results, lang: str, sec: Section) -> None:
    from regint.data.catalogs import sources

    cat = sources()
    used = used_sources(res)
    frame = pd.DataFrame({
        _t(lang, "Код", "Code"): cat["id"].to_numpy(),
        i18n.label("source", lang): [_FILE_NOTE.sub("", str(x)) for x in cat[f"name_{lang}"]],
        _t(lang, "Статус", "Status"): [L.status_text(str(x), lang) for x in cat["status"]],
        _t(lang, "Адрес", "Address"): cat["address"].to_numpy(),
        _t(lang, "Оговорки", "Caveats"): cat["caveats_ru" if lang == "ru" else "caveats"].to_numpy(),
        _t(lang, "Используется", "Used"): [i in used for i in cat["id"]]})
    sec.tables["sources"] = ReportTable("sources", _t(lang, "Каталог источников данных", "Catalog of data sources"), frame,
                                        source=_t(lang, "каталог источников regint", "regint source catalog"),
                                        note=_t(lang, "Код — обозначение источника в хранилище и рабочей книге; адреса "
                                                      "приведены так, как они записаны в каталоге",
                                                "Code: the source's name in the store and the workbook"),
                                        cited=(_t(lang, "Код", "Code"), _t(lang, "Адрес", "Address")))


def _coverage(res: Results, lang: str, sec: Section) -> None:
    cov = res.coverage.value
    if cov is None:
        sec.add_missing(_t(lang, "Покрытие данных", "Data coverage"), res.coverage)
        return
    t = cov.table[cov.table["region"].isin(res.pair)]
    frame = pd.DataFrame({i18n.label("indicator", lang): [L.indicator_name(i, lang) for i in t["indicator"]],
                          i18n.label("region", lang): [i18n.region(r, lang) for r in t["region"]],
                          _t(lang, "Лет с данными", "Years with data"): t["n_years"].to_numpy(),
                          _t(lang, "Годы", "Years"): t["years"].to_numpy(),
                          _t(lang, "Пропуски", "Missing"): t["missing"].replace({"all": _t(lang, "все", "all")}).to_numpy(),
                          i18n.label("source", lang): [_src([x.strip() for x in str(v).split(",")], lang)
                                                       for v in t["sources"]]})
    sec.tables["coverage"] = ReportTable(
        "coverage", _t(lang, f"Покрытие данных по годам, {cov.years[0]}–{cov.years[1]}",
                       f"Coverage of the data by year, {cov.years[0]}–{cov.years[1]}"), frame,
        source=_t(lang, "хранилище regint (последние версии)", "regint store (latest vintages)"),
        years=f"{cov.years[0]}–{cov.years[1]}",
        note=_t(lang, "в таблице — регионы пары; все регионы сравнения — на карте пропусков",
                "the table shows the pair; all comparator regions are in the gap map"))
    share = cov.share
    span = cov.years[1] - cov.years[0] + 1
    heat = share.copy()
    heat.index = [L.indicator_name(i, lang)[:45] for i in share.index]
    heat.columns = [i18n.region(str(c), lang) for c in share.columns]
    text = (share * span).round().astype(int).astype(str).replace("0", "–")
    text.index, text.columns = heat.index, heat.columns
    spec = C.ChartSpec("coverage", "heatmap", _t(lang, "Карта пропусков: доля лет с данными", "Gap map: share of years with data"),
                       heat=heat, heat_text=text, colorbar=_t(lang, "доля лет", "share of years"))
    sec.figures["coverage"] = C.render(spec, lang, _t(
        lang, f"Число — лет с данными из {span} ({cov.years[0]}–{cov.years[1]}); розовый — нет ни одного значения.",
        f"Number: years with data out of {span} ({cov.years[0]}–{cov.years[1]}); pink: no value at all."))


def _validation(res: Results, lang: str, sec: Section) -> None:
    v = res.validation.value
    if v is None:
        sec.add_missing(_t(lang, "Проверка методов", "Validation"), res.validation)
        return
    frame = pd.DataFrame({
        _t(lang, "Метод", "Method"): [L.METHODS_RU.get(str(m), str(m)) if lang == "ru" else str(m) for m in v["method"]],
        _t(lang, "Пример", "Case"): v["case"],
        _t(lang, "Величина", "Quantity"): v["quantity"], _t(lang, "Опубликовано", "Published"): v["published"],
        _t(lang, "Рассчитано", "Computed"): v["computed"], _t(lang, "Расхождение", "Difference"): v["abs_diff"],
        _t(lang, "Допуск", "Tolerance"): v["tolerance"],
        _t(lang, "Совпадает", "Matches"): [(bool(x) if isinstance(x, bool | np.bool_) else fmt.GAP) for x in v["passed"]],
        _t(lang, "Статус", "Status"): [s if lang == "en" else s.replace("run", "выполнено").replace("skipped", "пропущено")
                                       .replace("is absent", "отсутствует") for s in v["status"].astype(str)],
        i18n.label("source", lang): v["source"]})
    digits = {_t(lang, "Опубликовано", "Published"): 6, _t(lang, "Рассчитано", "Computed"): 6}
    sec.tables["validation"] = ReportTable(
        "validation", _t(lang, "Опубликованные и рассчитанные значения эталонных примеров",
                         "Published and computed values of the reference cases"), frame,
        source="../shared/reference (EXPECTED.md)", digits=digits,
        note=_t(lang, "Примеры, величины и источники названы так, как в опубликованных работах", ""),
        cited=(_t(lang, "Пример", "Case"), _t(lang, "Величина", "Quantity"), i18n.label("source", lang)))


def _runtime(res: Results, lang: str) -> ReportTable:
    rows = [{_t(lang, "Анализ", "Analysis"): L.pick(L.ANALYSES.get(o.name, (o.name, o.name)), lang),
             _t(lang, "Получен", "Produced"): o.ok,
             _t(lang, "Секунд", "Seconds"): o.seconds,
             _t(lang, "Причина, если нет", "Reason if not"): (withdrawn_text(o.reason, lang) if o.reason else "")}
            for o in res.outcomes()]
    return ReportTable("runs", _t(lang, "Какие анализы выполнены", "Which analyses ran"), pd.DataFrame(rows),
                       digits={_t(lang, "Секунд", "Seconds"): 2})


# ----------------------------------------------------------------------------------------------------- document
#: Facts whose year makes a finding dated (``<key>`` → its ``<key>_dated`` flag).
YEAR_FACTS: tuple[str, ...] = ("wage_ratio_year", "wage_ppp_year", "index_year", "gravity_year", "rer_year",
                               "price_level_gap_year", "exports_cis_share_year", "io_year", "beta_last", "sc_last_year")


#: The years the proposal of each rule rests on (a proposal on a dated figure is marked dated).
RULE_YEARS: dict[str, tuple[str, ...]] = {
    "R1": ("wage_ppp_year",), "R2": ("rer_year",), "R3": ("price_level_gap_year",), "R4": ("gravity_year",),
    "R5": ("gravity_year",), "R7": ("index_year",), "R8": ("io_year",), "R12": ("beta_last",),
}


def today_of(res: Results) -> dt.date:
    """The report date of the study (its settings), today when it has none."""
    return getattr(getattr(res, "settings", None), "report_date", None) or dt.date.today()


def _mark_dated(facts: dict[str, Any], report_date: dt.date) -> None:
    """``facts[<year key>_dated]`` = the year is more than three years before the report date."""
    for key in YEAR_FACTS:
        if key in facts and facts[key] is not None:
            facts[f"{key}_dated"] = is_dated(int(facts[key]), report_date)


def build_document(res: Results, lang: str, *, today: dt.date | None = None) -> dict[str, Any]:
    """The template context of the report in ``lang``."""
    facts = prepare_facts(extract_facts(res, lang), lang)
    if "sc_withdrawn" in facts:
        facts["sc_withdrawn"] = withdrawn_text(str(facts["sc_withdrawn"]), lang)
    sb = res.scenarios.value
    if sb is not None and "fastest_levers" in facts:
        facts["fastest_levers"] = [_lever_name(sb, str(x), lang) for x in facts["fastest_levers"]]
    s: dict[str, Section] = {k: Section() for k in ("summary", "s1", "s2", "s3", "s4", "s5", "s6", "a1", "a2", "a3",
                                                    "a4")}
    steps = [(_maps, "s1"), (_profile, "s1"), (_wages_chart, "s1"), (_trade_chart, "s1"), (_preconditions, "s1"),
             (_convergence, "s1"), (_index, "s1"), (_io, "s2"), (_benefits, "s2"), (_scenarios, "s3"),
             (_directions, "s4"), (_gravity, "s5"), (_evaluation, "s5"), (_factors, "s5"), (_subjective, "s5"), (_experts, "s5"),
             (_sources, "a2"), (_coverage, "a3"), (_validation, "a4")]
    for fn, key in steps:
        try:
            fn(res, lang, s[key])
        except Exception as exc:  # noqa: BLE001 — a table that fails to build is reported, not fatal
            s[key].missing.append((fn.__name__.strip("_"), f"{type(exc).__name__}: {exc}"))
    report_date = today or dt.date.today()
    _mark_dated(facts, report_date)
    fresh = freshness(res, facts)
    s["summary"].tables["freshness"] = ReportTable(
        "freshness", _t(lang, "Актуальность выводов: последний год данных по каждой стороне и год сопоставления",
                        "How current the findings are: latest year of data per side and the year compared"),
        freshness_frame(fresh, lang, report_date),
        note=_t(lang, f"Вывод сопоставляет стороны в последнем году, за который есть данные по обеим; он помечен как "
                      f"устаревший, если этот год ранее {report_date.year - DATED_AFTER} г. (более трёх лет до даты "
                      "доклада)",
                f"A finding compares the sides in the latest year both have; it is marked dated when that year is "
                f"before {report_date.year - DATED_AFTER} (more than three years before the report date)"))
    evaluated = apply_rules(facts, lang)
    s["s6"].tables["rules"] = ReportTable(
        "rules", _t(lang, "Правила: условие на результатах → предложение", "Rules: condition on the results → proposal"),
        rules_frame(evaluated, lang), source=_t(lang, "правила доклада", "the report's rules"))
    s["a4"].tables["runs"] = _runtime(res, lang)
    _localise_scenario_tables(res, lang, s["s3"], s["s2"])
    a, b = res.pair
    illustrative = bool(res.directions.ok and getattr(res.directions.value, "illustrative", False))
    return {
        "lang": lang, "facts": facts, "F": facts, "s": s, "rules": evaluated,
        "proposals": [e for e in evaluated if e.status == "fired"],
        "proposal_dated": {e.rule.id: any(facts.get(f"{k}_dated", False) for k in RULE_YEARS.get(e.rule.id, ()))
                           for e in evaluated},
        "title": i18n.label("title", lang).format(ab=i18n.pair_genitive(a, b, lang)),
        "both_gen": i18n.pair_genitive(a, b, lang),
        "sections": i18n.SECTIONS, "ru": i18n.region_forms(a, lang), "by": i18n.region_forms(b, lang),
        "date": fmt.date(report_date, lang), "illustrative": illustrative, "report_date": report_date,
        "freshness": fresh,
        "survey_given": res.survey_given, "sizes": res.sizes,
        "subjective_survey": bool(getattr(res.subjective.value, "findings_allowed", False)),
        "missing": [(o.name, o.reason) for o in res.outcomes() if not o.ok],
    }
