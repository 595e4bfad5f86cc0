"""Section 3 of the report, scenarios: the register of measures, the mechanism, the gaps, the fastest order of
measures, the multipliers and the localised scenario tables.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from regint.report import charts as C
from regint.report import fmt, i18n
from regint.report import labels as L
from regint.report.collect import Results
from regint.report.sections.common import Section, io_setup, tr
from regint.report.tables import ReportTable


def scenarios(res: Results, lang: str, sec: Section) -> None:
    sb = res.scenarios.value
    if sb is None:
        sec.add_missing(tr(lang, "Сценарии", "Scenarios"), res.scenarios)
        return
    _register(sb, lang, sec)
    _mechanism(sb, lang, sec)
    rows = []
    for run in sb.runs:
        for _, r in run.targets.iterrows():
            without = r.get("without_measures")
            rows.append({tr(lang, "Сценарий", "Scenario"): run.spec.title(lang),
                         tr(lang, "Цель", "Target"): _target_words(str(r["target"]), int(r.get("hold", 3)), lang),
                         tr(lang, "Год (центральный расчёт)", "Year (central run)"): fmt.year(r["central_year"]),
                         tr(lang, "Год (медиана)", "Year (median)"): fmt.year(r["median_year"]),
                         tr(lang, "Вероятность к концу горизонта", "Probability by the horizon"): fmt.percent(
                             r["p_by_horizon"], lang, 0),
                         tr(lang, "Без новых мер", "Without new measures"): (
                             tr(lang, f"достигается в {fmt.year(without)} г. — не результат мер",
                                f"reached in {fmt.year(without)} — not a result of the measures")
                             if pd.notna(without) else tr(lang, "не достигается", "not reached"))})
    years = sb.runs[0].result.years
    note = tr(lang, "Цель считается достигнутой, если условие выполняется не менее трёх лет подряд (в пределах "
                    "горизонта); «—» — цель не достигается в горизонте. Уровни целей выбраны так, что инерционный "
                    "расчёт их не достигает; цель, достигаемая без новых мер, результатом мер не считается.",
              "A target is reached when the condition holds for at least three consecutive years within the horizon; "
              "'—' = not reached within the horizon. The target levels lie where the inertial run does not reach "
              "them; a target met without new measures is not counted as their result.")
    if sb.met_without_measures:
        titles = {run.spec.name: run.spec.title(lang) for run in sb.runs}
        met = []
        for entry in sb.met_without_measures:  # "<scenario>: <target>" as the study records it
            name, _, target = entry.partition(": ")
            met.append(f"{titles.get(name, name)} — {_target_words(target, 3, lang)}" if target else entry)
        note += tr(lang, f" Достигаются без новых мер: {'; '.join(met)}.", f" Met without new measures: {'; '.join(met)}.")
    sec.tables["targets"] = ReportTable(
        "targets", tr(lang, "Когда сценарии достигают целей", "When the scenarios reach their targets"), pd.DataFrame(rows),
        source=tr(lang, f"regint.scenarios, Монте-Карло {sb.draws} розыгрышей", f"regint.scenarios, Monte Carlo {sb.draws} "
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
        spec = C.ChartSpec(f"scen_{outcome}", "line", tr(lang, f"Сценарии: {name} (медиана и 5–95 %), {years[0]}–"
                                                               f"{years[-1]}",
                                                        f"Scenarios: {name} (median and 5–95%), {years[0]}–{years[-1]}"),
                           xlabel=tr(lang, "год", "year"), ylabel=name, series=tuple(series), hline=level)
        note = tr(lang, f"regint.scenarios; {sb.draws} розыгрышей Монте-Карло; весь путь от базового {sb.base_year} г. до "
                        f"конца горизонта; горизонтальная линия — уровень цели. Параметры и базовые значения — в рабочей "
                        "книге.",
                  f"regint.scenarios; {sb.draws} Monte Carlo draws; the whole path from the base year {sb.base_year} to "
                  "the horizon; the horizontal line is the target level. Parameters and baseline values in the workbook.")
        sec.figures[f"scen_{outcome}"] = C.render(spec, lang, note)
    _fastest(sb, lang, sec)
    _multipliers(sb, lang, sec, io_setup(res, lang))
    bl = sb.baseline if lang == "en" else _baseline_ru(sb.baseline)
    if not sb.baseline.empty and "note" in sb.baseline.columns:
        notes = sb.baseline["note"].fillna("").astype(str)
        bl = bl.assign(**{tr(lang, "Примечание", "note"): (notes.map(_carry_note_ru) if lang == "ru" else notes).to_numpy()})
    sec.tables["baseline"] = ReportTable(
        "scenario_baseline", tr(lang, f"Базовые значения сценариев ({sb.base_year} г.) и их происхождение",
                                f"Baseline of the scenarios ({sb.base_year}) and where each value comes from"),
        bl, source=tr(lang, "хранилище regint и помеченные оценки baseline.toml", "regint store and labelled fallbacks of baseline.toml"),
        note=tr(lang, f"Базовый год — последний год, за который обе стороны имеют данные о средней зарплате; «Год» — год "
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
        lab = {"A: Russian region's trade with the partner country": tr(
                   lang, "А: торговля российского региона со страной-партнёром", "A: Russian region's trade with the partner country"),
               "B: partner region's trade with Russia": tr(lang, "Б: торговля региона-партнёра с Россией",
                                                           "B: partner region's trade with Russia")}
        el = {"low": tr(lang, "низкая", "low"), "central": tr(lang, "центральная", "central"), "high": tr(lang, "высокая", "high")}
        sec.tables["pair_trade"] = ReportTable(
            "pair_trade", tr(lang, "Оценка торговли пары: гравитационное распределение", "The pair's trade estimated by "
                                   "gravity allocation"),
            pd.DataFrame({tr(lang, "Оценка", "Estimate"): pt["estimate"].map(lab),
                          tr(lang, "Эластичность по расстоянию", "Distance elasticity"): pt["elasticity"].map(el),
                          "δ": pt["distance_elasticity"].astype(float),
                          tr(lang, "Доля региона-партнёра", "Share of the partner region"): pt["share"].astype(float),
                          tr(lang, "Торговля пары, млн долл. США", "Pair trade, mln USD"): pt["pair_trade"].astype(float)}),
            units=tr(lang, "доля; млн долл. США", "share; mln USD"),
            source=tr(lang, "модель сценариев regint: распределение торговли по гравитационной модели; эластичность — "
                            "собственная оценка PPML (раздел 5.1)",
                      "regint scenario model: trade allocated by gravity; elasticity from the project's own PPML "
                      "estimate (section 5.1)"),
            note=tr(lang, "Статус — оценка. Торговля российского региона со всей страной-партнёром распределена между её "
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
    return text + tr(lang, f", не менее {hold} лет подряд", f", held {hold} years running")

def _register(sb: Any, lang: str, sec: Section) -> None:
    """The register of measures: status, act and its date, and the source of the status."""
    reg = getattr(sb, "register", None)
    if reg is None or reg.empty:
        return
    order = {"in_force": 0, "agreed": 1, "proposed": 2}
    reg = reg.sort_values("status", key=lambda c: c.map(order), kind="stable")
    sec.tables["register"] = ReportTable(
        "measures_register", tr(lang, "Реестр мер: действующие, согласованные и предлагаемые",
                                "Register of measures: in force, agreed and proposed"),
        pd.DataFrame({tr(lang, "Мера", "Measure"): reg[f"name_{lang}"] if f"name_{lang}" in reg else reg["id"],
                      tr(lang, "Статус", "Status"): [L.pick(_STATUS_WORDS[str(x)], lang) for x in reg["status"]],
                      tr(lang, "Акт", "Act"): reg["act_ru" if lang == "ru" and "act_ru" in reg else "act"].replace("", "—"),
                      tr(lang, "Дата акта", "Date of the act"): reg["act_date"].replace("", "—"),
                      tr(lang, "Источник статуса", "Source of the status"): reg["status_source"]}),
        source=tr(lang, "каталог мер regint (акт, дата и источник у каждой меры)",
                         "regint catalogue of measures (act, date and source of each)"),
        note=tr(lang, "Действующие меры входят в базовый (инерционный) сценарий: их эффект уже отражён в уровнях базового "
                      "года, поэтому они не предлагаются и не выбираются при поиске быстрейшего пути.",
                "Measures in force are part of the baseline (inertial) scenario: their effect is in the base-year levels, "
                "so they are never proposed nor chosen by the fastest path."),
        cited=(tr(lang, "Акт", "Act"), tr(lang, "Источник статуса", "Source of the status")))

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
        rows.append({tr(lang, "Мера", "Measure"): r[f"name_{lang}"], tr(lang, "Статус", "Status"): L.pick(
                        _STATUS_WORDS[str(r["status"])], lang),
                     tr(lang, "Как действует", "How it works"): L.pick(_CHAIN_WORDS[str(r["mechanism"])], lang).format(e=e),
                     tr(lang, "Статус оценки", "Status of the estimate"): L.status_text(str(r["effect_status"]), lang),
                     i18n.label("source", lang): r["effect_source"]})
    sec.tables["mechanism"] = ReportTable(
        "scenario_mechanism", tr(lang, "Механизм каждой меры: от издержек к торговле, выпуску и разрывам",
                                 "How each measure works: from trade costs to trade, output and the gaps"),
        pd.DataFrame(rows), source=tr(lang, "каталог мер regint (акт, дата и источник у каждой меры)",
                         "regint catalogue of measures (act, date and source of each)"),
        note=tr(lang, "Диапазоны (низкое–высокое) входят в Монте-Карло; «допущение» означает, что опубликованной оценки для "
                      "пары нет.",
                "The ranges (low–high) enter the Monte Carlo; 'assumption' means there is no published estimate for the "
                "pair."), cited=(i18n.label("source", lang),))
    mech = getattr(sb, "mechanism", pd.DataFrame())
    if not mech.empty:
        sec.tables["mechanism_parameters"] = ReportTable(
            "mechanism_parameters", tr(lang, "Параметры механизма и их источники", "Mechanism parameters and their sources"),
            pd.DataFrame({tr(lang, "Параметр", "Parameter"): [L.pick(_MECH_NAMES.get(str(n), (str(n), str(n))), lang)
                                                              for n in mech["name"]],
                          tr(lang, "Низкое", "Low"): mech["low"].astype(float),
                          tr(lang, "Центральное", "Central"): mech["central"].astype(float),
                          tr(lang, "Высокое", "High"): mech["high"].astype(float),
                          tr(lang, "Статус", "Status"): [L.status_text(str(x), lang) for x in mech["status"]],
                          i18n.label("source", lang): mech["source"]}),
            source=tr(lang, "параметры модели сценариев regint (источник у каждого) и расчёты доклада",
                         "regint scenario model parameters (each with its source) and the report's own estimates"),
            cited=(i18n.label("source", lang),),
            digits={tr(lang, "Низкое", "Low"): 3, tr(lang, "Центральное", "Central"): 3, tr(lang, "Высокое", "High"): 3})

def _gap_findings(sb: Any, lang: str, sec: Section) -> None:
    """Gaps of the central runs that narrow and then widen again before the horizon."""
    rows = []
    for run in sb.runs:
        for _, g in run.gaps.iterrows():
            if not g["widens_again"]:
                continue
            rows.append({tr(lang, "Сценарий", "Scenario"): run.spec.title(lang),
                         tr(lang, "Разрыв", "Gap"): L.pick(L.OUTCOMES[str(g["outcome"])], lang),
                         tr(lang, "Наименьший", "Smallest"): f"{fmt.percent(g['min'], lang, 1)} ({fmt.year(g['min_year'])})",
                         tr(lang, "К концу горизонта", "At the horizon"): f"{fmt.percent(g['end'], lang, 1)} "
                                                                          f"({fmt.year(g['end_year'])})"})
    if rows:
        sec.tables["gaps_widen"] = ReportTable(
            "gaps_widen", tr(lang, "Разрывы, которые снова расширяются", "Gaps that widen again"), pd.DataFrame(rows),
            source=tr(lang, "regint.scenarios, центральный расчёт", "regint.scenarios, central run"),
            note=tr(lang, "Меры сдерживают, но не останавливают расхождение: инерционное расхождение темпов роста сторон "
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
            prow.append({tr(lang, "Цель", "Target"): words,
                         tr(lang, "Достигается", "Reached"): fmt.year(plan.reach_year) if without else "—",
                         tr(lang, "Мера", "Measure"): (
                             tr(lang, "без новых мер — не результат мер", "without new measures — not a result of them")
                             if without else tr(lang, "ни одно сочетание мер каталога в пределах бюджета",
                                                "no combination of the catalogue's measures within the budget")),
                         tr(lang, "Начало", "Start"): "—", tr(lang, "Завершение", "Complete"): "—",
                         tr(lang, "Затраты России, млн руб.", "Cost of Russia, mln RUB"): np.nan,
                         tr(lang, "Затраты Беларуси, млн бел. руб.", "Cost of Belarus, mln BYN"): np.nan})
            continue
        ru_total = float(plan.spend_ru.sum()) if plan.spend_ru is not None else np.nan
        by_total = float(plan.spend_by.sum()) * byn_per_rub if plan.spend_by is not None else np.nan
        for _, r in plan.to_frame().iterrows():
            prow.append({tr(lang, "Цель", "Target"): words, tr(lang, "Достигается", "Reached"): fmt.year(plan.reach_year),
                         tr(lang, "Мера", "Measure"): lever_name(sb, str(r["lever"]), lang),
                         tr(lang, "Начало", "Start"): fmt.year(r["start"]), tr(lang, "Завершение", "Complete"): fmt.year(r["complete"]),
                         tr(lang, "Затраты России, млн руб.", "Cost of Russia, mln RUB"): ru_total,
                         tr(lang, "Затраты Беларуси, млн бел. руб.", "Cost of Belarus, mln BYN"): by_total})
        prob = [(int(y), float(p)) for y, p in fr.probability_by.items()] if len(fr.probability_by) else None
        names = {lid: lever_name(sb, lid, lang) for lid in plan.starts}
        fig = gantt_figure(plan, names, title=tr(lang, f"Быстрейший путь: {words}", f"Fastest path: {words}"),
                           xlabel=tr(lang, "год", "year"), reach_label=tr(lang, "цель достигнута", "target reached"),
                           cost_label=tr(lang, "затраты: Россия {ru:,.0f} млн руб., Беларусь {by:,.0f} млн руб. "
                                               "(в рублях РФ)", "cost: Russia {ru:,.0f} mln RUB, Belarus {by:,.0f} mln RUB "
                                               "(in Russian roubles)"),
                           probability=prob, prob_label=tr(lang, "вероятность достичь к году", "P(reached by year)"))
        key = f"scen_gantt_{k}"
        svg = C.figure_svg(fig, key)
        p_last = fr.probability_by.iloc[-1] if len(fr.probability_by) else np.nan
        sec.figures[key] = C.Figure(key=key, title=tr(lang, f"Быстрейший путь: {words}", f"Fastest path: {words}"),
                                    svg=svg, html=svg, note=tr(
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
            "fastest", tr(lang, "Быстрейший путь к каждой цели в пределах бюджета", "Fastest path to each target within the budget"),
            pd.DataFrame(prow), source="regint.scenarios.fastest_path", years=f"{years[0]}–{years[-1]}",
            note=tr(lang, "Затраты — сумма за горизонт по плану; доля каждой стороны — по каталогу мер; затраты Беларуси "
                          "пересчитаны в белорусские рубли по курсам базового года.",
                    "Costs are the plan's sum over the horizon; each side's share as in the catalogue; Belarus's cost "
                    "converted to BYN at the base-year rates."))

def _multipliers(sb: Any, lang: str, sec: Section, setup: tuple[str, str, str, str]) -> None:
    """The input-output multipliers of the scenario chain with their sources (computed, or labelled fallbacks)."""
    year, d, lo, hi = setup
    mf = getattr(sb, "multipliers", None)
    if mf is None or mf.empty:
        return
    fallen = mf["source"].astype(str).str.startswith("FALLBACK")
    rows = pd.DataFrame({
        tr(lang, "Параметр", "Parameter"): mf["name"].astype(str),
        tr(lang, "Низкое", "Low"): mf["low"].astype(float), tr(lang, "Центральное", "Central"): mf["central"].astype(float),
        tr(lang, "Высокое", "High"): mf["high"].astype(float),
        tr(lang, "Происхождение", "Origin"): [tr(lang, "резервное значение parameters.toml", "fallback of parameters.toml")
                                              if f else tr(lang, "расчёт по модели «затраты – выпуск»",
                                                           "computed by the input-output model") for f in fallen],
        i18n.label("source", lang): mf["source"].astype(str),
    })
    sec.tables["multipliers"] = ReportTable(
        "scenario_multipliers", tr(lang, "Мультипликаторы выпуска и ВДС в сценарной модели",
                                   "Output and GVA multipliers of the scenario chain"),
        rows, units=tr(lang, "на единицу конечного спроса", "per unit of final demand"),
        source=tr(lang, f"regint.models.inputoutput: симметричная таблица Росстата {year} г., FLQ δ = {d} ({lo}–{hi})",
                  f"regint.models.inputoutput: Rosstat symmetric table {year}, FLQ δ = {d} ({lo}–{hi})"),
        note=tr(lang, f"Низкое значение — δ = {lo}, высокое — δ = {hi}; при сбое расчёта — помеченные значения "
                      "parameters.toml (причина в источнике).",
                f"Low at δ = {lo}, high at δ = {hi}; when the computation fails, the labelled values of parameters.toml "
                "(the reason is in the source)."),
        digits={tr(lang, "Низкое", "Low"): 3, tr(lang, "Центральное", "Central"): 3, tr(lang, "Высокое", "High"): 3},
        cited=(i18n.label("source", lang),))

def _scenario_words(text: str, lang: str) -> str:
    """«regint.scenarios.fastest_path» and «regint.scenarios» in a source line → the model's name in words."""
    return (text.replace("regint.scenarios.fastest_path", tr(lang, "модель сценариев, поиск быстрейшего пути",
                                                             "scenario model, fastest-path search"))
            .replace("regint.scenarios", tr(lang, "модель сценариев", "scenario model")))

def localise_scenario_tables(res: Results, lang: str, sec: Section, s2: Section) -> None:
    """The scenario section's baseline and multiplier tables as a reader reads them: the descriptions instead
    of the keys, years as years, the regions' names, sources and origins in words. (The tables are built by
    the scenario functions; this step only relabels them, so their numbers are unchanged.)"""
    import dataclasses

    year, d, lo, hi = io_setup(res, lang)
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
            source=tr(lang, "хранилище regint и помеченные резервные оценки файла сценариев",
                      "regint store and the labelled fallbacks of the scenario file"),
            note="", cited=(i18n.label("source", lang),))
    mt = sec.tables.get("multipliers")
    if mt is not None:
        frame = mt.frame.copy()
        first = frame.columns[0]
        frame[first] = [_multiplier_name(str(x), res.pair, lang) for x in frame[first]]
        origin = tr(lang, "Происхождение", "Origin")
        if origin in frame.columns:
            frame[origin] = frame[origin].astype(str).str.replace(
                "резервное значение parameters.toml", "резервное значение файла параметров").str.replace(
                "fallback of parameters.toml", "fallback of the parameter file")
        sec.tables["multipliers"] = dataclasses.replace(
            mt, frame=frame, source=tr(lang, f"модель «затраты – выпуск»: симметричная таблица Росстата {year} г., FLQ "
                                             f"δ = {d} ({lo}–{hi})",
                                       f"input-output model: Rosstat symmetric table {year}, FLQ δ = {d} ({lo}–{hi})"),
            note=tr(lang, f"Низкое значение — δ = {lo}, высокое — δ = {hi}; при сбое расчёта — помеченные резервные "
                          "значения файла параметров (причина указана в источнике).",
                    f"Low at δ = {lo}, high at δ = {hi}; when the computation fails, the labelled fallbacks of the "
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
        tr(lang, "Показатель", "Quantity"): [description(str(k), lang) for k in frame["key"]],  # type: ignore[arg-type]
        tr(lang, "Значение", "Value"): frame["value"].astype(float),
        tr(lang, "Год", "Year"): [fmt.year(y) for y in frame["year"]],
        tr(lang, "Статус", "Status"): [L.status_text(str(x), lang) for x in frame["status"]],
        tr(lang, "Происхождение", "Origin"): origin,
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

def lever_name(sb: Any, lever: str, lang: str) -> str:
    lv = sb.levers
    col = f"name_{lang}"
    key = "id" if "id" in lv.columns else ("lever" if "lever" in lv.columns else None)
    if key is not None and col in lv.columns:
        hit = lv[lv[key] == lever]
        if len(hit):
            return str(hit[col].iloc[0])
    return lever
