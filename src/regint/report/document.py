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
    sb = res.scenarios.value
    if sb is None:
        sec.add_missing(_t(lang, "Выгоды и издержки по сценариям", "Benefits and costs by scenario"), res.scenarios)
        return
    rows = []
    for run in sb.runs:
        for _, r in run.cumulative.iterrows():
            rows.append({_t(lang, "Сценарий", "Scenario"): run.spec.title(lang),
                         _t(lang, "Сторона", "Side"): i18n.region(str(r["region"]), lang),
                         _t(lang, "Статья", "Item"): L.pick(L.SCENARIO_ITEMS.get(r["item"], (r["item"], r["item"])), lang),
                         i18n.label("unit", lang): _unit(str(r["unit"]), lang),
                         _t(lang, "Медиана", "Median"): float(r["value"]), _t(lang, "5-й проц.", "5th pct"): float(r["p5"]),
                         _t(lang, "95-й проц.", "95th pct"): float(r["p95"])})
    first, last = sb.runs[0].result.years[0], sb.runs[0].result.years[-1]
    sec.tables["benefits"] = ReportTable(
        "benefits", _t(lang, "Выгоды и издержки каждой стороны за горизонт сценария (сумма к инерционному пути)",
                       "Benefits and costs of each side over the horizon (sum, against the inertial path)"),
        pd.DataFrame(rows), units=_t(lang, "по строкам", "by row"),
        source=_t(lang, f"regint.scenarios, Монте-Карло {sb.draws} розыгрышей", f"regint.scenarios, Monte Carlo "
                  f"{sb.draws} draws"), years=f"{first}–{last}", digits={})


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
    rows = []
    for run in sb.runs:
        for _, r in run.targets.iterrows():
            rows.append({_t(lang, "Сценарий", "Scenario"): run.spec.title(lang),
                         _t(lang, "Цель", "Target"): L.target_text(str(r["target"]), lang),
                         _t(lang, "Год (центральный расчёт)", "Year (central run)"): fmt.year(r["central_year"]),
                         _t(lang, "Год (медиана)", "Year (median)"): fmt.year(r["median_year"]),
                         _t(lang, "Вероятность к концу горизонта", "Probability by the horizon"): fmt.percent(
                             r["p_by_horizon"], lang, 0)})
    years = sb.runs[0].result.years
    sec.tables["targets"] = ReportTable(
        "targets", _t(lang, "Когда сценарии достигают целей", "When the scenarios reach their targets"), pd.DataFrame(rows),
        source=_t(lang, f"regint.scenarios, Монте-Карло {sb.draws} розыгрышей", f"regint.scenarios, Monte Carlo {sb.draws} "
                  "draws"), years=f"{years[0]}–{years[-1]}", note=_t(lang, "«—» — цель не достигается в горизонте",
                                                                     "'—' = not reached within the horizon"))
    for outcome in ("score", "wage_gap"):
        series = []
        for run in sb.runs:
            q = run.result.quantiles(outcome)
            series.append(C.Series(run.spec.title(lang), [int(y) for y in q.index], q["p50"].tolist(),
                                   q["p5"].tolist(), q["p95"].tolist()))
        name = L.pick(L.OUTCOMES[outcome], lang)
        spec = C.ChartSpec(f"scen_{outcome}", "line", _t(lang, f"Сценарии: {name} (медиана и 5–95 %)",
                                                        f"Scenarios: {name} (median and 5–95%)"),
                           xlabel=_t(lang, "год", "year"), ylabel=name, series=tuple(series))
        note = _t(lang, f"regint.scenarios; {sb.draws} розыгрышей Монте-Карло; параметры и базовые значения — "
                        "в рабочей книге. Часть базовых значений — помеченные оценки (нет в хранилище).",
                  f"regint.scenarios; {sb.draws} Monte Carlo draws; parameters and baseline values in the workbook. "
                  "Some baseline values are labelled fallbacks (not in the store).")
        sec.figures[f"scen_{outcome}"] = C.render(spec, lang, note)
    prow = []
    for fp in sb.fastest:
        plan = fp.plan
        for _, r in plan.to_frame().iterrows():
            prow.append({_t(lang, "Цель", "Target"): L.target_text(plan.target, lang),
                         _t(lang, "Достигается", "Reached"): fmt.year(plan.reach_year),
                         _t(lang, "Мера", "Measure"): _lever_name(sb, str(r["lever"]), lang),
                         _t(lang, "Начало", "Start"): fmt.year(r["start"]), _t(lang, "Завершение", "Complete"): fmt.year(r["complete"]),
                         _t(lang, "Затраты плана, млн руб.", "Plan cost, mln RUB"): plan.total_cost})
    if prow:
        sec.tables["fastest"] = ReportTable(
            "fastest", _t(lang, "Быстрейший путь к каждой цели в пределах бюджета", "Fastest path to each target within the budget"),
            pd.DataFrame(prow), source="regint.scenarios.fastest_path", years=f"{years[0]}–{years[-1]}")
    _multipliers(sb, lang, sec)
    if sb.fallbacks:
        bl = sb.baseline if lang == "en" else _baseline_ru(sb.baseline)
        sec.tables["baseline"] = ReportTable(
            "scenario_baseline", _t(lang, "Базовые значения сценариев и их происхождение", "Baseline of the scenarios and where each value comes from"),
            bl, source=_t(lang, "хранилище regint и помеченные оценки baseline.toml", "regint store and labelled fallbacks of baseline.toml"),
            note=_t(lang, "Источники приведены так, как они записаны в хранилище и в baseline.toml.", ""),
            cited=("source", "Источник"))


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
             (_directions, "s4"), (_gravity, "s5"), (_evaluation, "s5"), (_factors, "s5"), (_experts, "s5"),
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
        "missing": [(o.name, o.reason) for o in res.outcomes() if not o.ok],
    }
