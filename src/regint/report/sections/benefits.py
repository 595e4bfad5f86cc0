"""Section 2 of the report, benefits and costs: input-output multipliers and each side's benefits and costs in its
own currency.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from regint.models.inputoutput import notes as io_notes
from regint.report import charts as C
from regint.report import fmt, i18n
from regint.report import labels as L
from regint.report.collect import Results
from regint.report.sections.common import Section, io_setup, names_for_codes, tr
from regint.report.tables import ReportTable


def io(res: Results, lang: str, sec: Section) -> None:
    model = res.io.value
    if model is None:
        sec.add_missing(tr(lang, "Модель «затраты – выпуск»", "Input-output model"), res.io)
        return
    a, b = res.pair
    fr = model.multipliers[a]
    frame = pd.DataFrame({
        i18n.label("sector", lang): fr.index,
        i18n.label("name", lang): [model.names.get(s, s)[:60] for s in fr.index],
        tr(lang, "Мультипликатор выпуска (тип I)", "Output multiplier (type I)"): fr["output"].to_numpy(),
        tr(lang, "Тип II", "Type II"): fr["output_type_ii"].to_numpy(),
        tr(lang, "Обратные связи", "Backward linkage"): fr["backward"].to_numpy(),
        tr(lang, "Прямые связи", "Forward linkage"): fr["forward"].to_numpy(),
        tr(lang, "Ключевая", "Key"): fr["key_sector"].to_numpy(dtype=bool),
    }).sort_values(tr(lang, "Мультипликатор выпуска (тип I)", "Output multiplier (type I)"), ascending=False)
    sec.tables["io_multipliers"] = ReportTable(
        "io_multipliers", tr(lang, f"Мультипликаторы и межотраслевые связи: {i18n.region(a, lang)}",
                             f"Multipliers and linkages: {i18n.region(a, lang)}"), frame,
        units=tr(lang, "руб. выпуска на 1 руб. конечного спроса; индексы Расмуссена", "RUB of output per RUB of "
                 "final demand; Rasmussen indices"),
        source=tr(lang, f"Росстат, симметричная таблица «затраты – выпуск» {model.year} г. (отечественная продукция), "
                  f"регионализация FLQ (δ = {io_setup(res, lang)[1]})",
                  f"Rosstat symmetric input-output table {model.year} (domestic products), "
                  f"FLQ regionalisation (δ = {io_setup(res, lang)[1]})"), years=str(model.year), digits={})
    rows = []
    for reg in (a, b):
        tot = model.impacts[reg].sum()
        rows.append({i18n.label("region", lang): i18n.region(reg, lang),
                     tr(lang, "Шок спроса", "Demand shock"): model.shock,
                     tr(lang, "Выпуск", "Output"): float(tot["output"]),
                     tr(lang, "Добавленная стоимость", "Value added"): float(tot.get("gva", np.nan)),
                     tr(lang, "Занятость", "Jobs"): np.nan})
    sec.tables["io_impact"] = ReportTable(
        "io_impact", tr(lang, f"Эффект +1 млрд руб. конечного спроса на продукцию раздела {model.shock_sector}",
                        f"Effect of +1 bn RUB of final demand for section {model.shock_sector}"), pd.DataFrame(rows),
        units=tr(lang, "млн руб.", "mln RUB"), source=tr(lang, "расчёт по модели «затраты – выпуск»", "input-output model"),
        years=str(model.year), note=tr(lang, "Занятость не рассчитана: нет занятости по отраслям; для "
                                    f"{i18n.region_forms(b, lang)['gen']} использована технология российской таблицы "
                                    "(белорусской таблицы нет)",
                                    "Jobs not computed: no employment by sector; for the Belarusian region the "
                                    "Russian table's technology stands in (no Belarusian table)"))
    sec.tables["io_assumptions"] = ReportTable(
        "io_assumptions", tr(lang, "Допущения модели «затраты – выпуск»", "Assumptions of the input-output model"),
        pd.DataFrame({tr(lang, "Допущение", "Assumption"): [names_for_codes(io_notes.text(x, lang), lang)
                                                             for x in model.assumptions]}),
        note=tr(lang, "формулировки модели «затраты – выпуск»", "as stated by the input-output model"))

def benefits(res: Results, lang: str, sec: Section) -> None:
    from regint.scenarios.accounts import DISCOUNT_SOURCE_RU

    sb = res.scenarios.value
    if sb is None:
        sec.add_missing(tr(lang, "Выгоды и издержки по сценариям", "Benefits and costs by scenario"), res.scenarios)
        return
    items = {"benefit_pv": ("Выгоды (прирост ВДС), приведённые", "Benefits (GVA gain), present value"),
             "cost_pv": ("Бюджетные затраты, приведённые", "Budget costs, present value"),
             "npv": ("Чистая приведённая стоимость", "Net present value"),
             "bcr": ("Отношение выгод к затратам", "Benefit–cost ratio"),
             "benefit_sum": ("Выгоды, сумма без дисконтирования", "Benefits, undiscounted sum"),
             "cost_sum": ("Затраты, сумма без дисконтирования", "Costs, undiscounted sum")}
    cur = {"RUB": tr(lang, "млн руб.", "mln RUB"), "BYN": tr(lang, "млн бел. руб.", "mln BYN"),
           "USD": tr(lang, "млн долл. США", "mln USD"), "": tr(lang, "раз", "times")}
    rows = []
    for run in sb.runs:
        if not run.spec.levers or run.accounts.empty:
            continue
        for _, r in run.accounts.iterrows():
            rows.append({tr(lang, "Сценарий", "Scenario"): run.spec.title(lang),
                         tr(lang, "Сторона", "Side"): i18n.region(str(r["region"]), lang),
                         tr(lang, "Статья", "Item"): L.pick(items[str(r["item"])], lang),
                         i18n.label("unit", lang): cur[str(r["currency"])],
                         tr(lang, "Медиана", "Median"): float(r["value"]), tr(lang, "5-й проц.", "5th pct"): float(r["p5"]),
                         tr(lang, "95-й проц.", "95th pct"): float(r["p95"]),
                         tr(lang, "Центральный расчёт", "Central run"): float(r["central"])})
    first, last = sb.runs[0].result.years[0], sb.runs[0].result.years[-1]
    base = sb.first_measure_year - 1
    rate = fmt.percent(sb.discount_rate, lang, 0)
    rates: dict[str, float] = next((r.accounts.attrs.get("rates", {}) for r in sb.runs if not r.accounts.empty), {})
    fx_note = tr(lang, f"Курсы базового года: {fmt.number(rates.get('RUB'), lang, 2)} руб. и "
                       f"{fmt.number(rates.get('BYN'), lang, 4)} бел. руб. за 1 долл. США (статус и источник — в "
                       "таблице базовых значений; курс белорусского рубля — оценка, если в данных нет курса НБРБ).",
                 f"Base-year rates: {fmt.number(rates.get('RUB'), lang, 2)} RUB and {fmt.number(rates.get('BYN'), lang, 4)} "
                 "BYN per USD (status and source in the baseline table; the BYN rate is an estimate where the data "
                 "lack the NBRB rate).")
    sec.tables["benefits"] = ReportTable(
        "benefits", tr(lang, "Выгоды и издержки каждой стороны в её валюте: приведённая стоимость и отношение выгод к "
                             "затратам (к инерционному пути)",
                       "Benefits and costs of each side in its own currency: present value and benefit–cost ratio "
                       "(against the inertial path)"),
        pd.DataFrame(rows), units=tr(lang, "по строкам", "by row"),
        source=tr(lang, f"модель сценариев regint, Монте-Карло {sb.draws} розыгрышей; ставка дисконтирования {rate} "
                        f"(реальная), приведение к {base} г.: {DISCOUNT_SOURCE_RU}",
                  f"regint scenario model, Monte Carlo {sb.draws} draws; discount rate {rate} (real), discounted to "
                  f"{base}: {sb.discount_source}"), years=f"{first}–{last}",
        note=tr(lang, "Выгода стороны — прирост валовой добавленной стоимости её региона против инерционного пути того "
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
        "costs_beyond", tr(lang, "Издержки сверх бюджета", "Costs beyond the budget"),
        pd.DataFrame([{tr(lang, "Статья", "Item"): not_mod[k][0] if lang == "ru" else k.capitalize(),
                       tr(lang, "В расчёте", "In the figures"): not_mod[k][1] if lang == "ru" else v}
                      for k, v in NOT_MODELLED]),
        note=tr(lang, "Статьи, которых нет в модели, не входят в приведённые выше величины.",
                "Items the model lacks are not in the figures above."))
    ref = next((r for r in sb.runs if r.spec.levers and not r.split.empty), None)
    if ref is not None:
        series = []
        for side, region in (("ru", sb.runs[0].result.baseline.regions[0]), ("by", sb.runs[0].result.baseline.regions[1])):
            sub = ref.split[ref.split["side"] == side]
            series.append(C.Series(i18n.region(region, lang), sub["share_ru"].tolist(), sub["npv_usd"].tolist(),
                                   sub["p5"].tolist(), sub["p95"].tolist()))
        spec = C.ChartSpec("scen_split", "line", tr(lang, f"ЧПС сторон в зависимости от доли России в общих затратах "
                                                          f"({ref.spec.title(lang)})",
                                                    f"Each side's NPV against Russia's share of the shared costs "
                                                    f"({ref.spec.title(lang)})"),
                           xlabel=tr(lang, "доля российской стороны в затратах на общие меры", "Russian share of the "
                                     "cost of the shared measures"),
                           ylabel=tr(lang, "ЧПС, млн долл. США", "NPV, mln USD"), series=tuple(series), hline=0.0)
        sec.figures["scen_split"] = C.render(spec, lang, tr(
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
