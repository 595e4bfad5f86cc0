"""The annexes of the report: sources, data coverage, validation of the methods and the run table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from regint.report import charts as C
from regint.report import fmt, i18n
from regint.report import labels as L
from regint.report.checks import used_sources
from regint.report.collect import Results
from regint.report.sections.common import FILE_NOTE, Section, source_names, tr
from regint.report.sections.factors import withdrawn_text
from regint.report.tables import ReportTable


def sources(res: Results, lang: str, sec: Section) -> None:
    from regint.data.catalogs import sources as source_catalog

    cat = source_catalog()
    used = used_sources(res)
    frame = pd.DataFrame({
        tr(lang, "Код", "Code"): cat["id"].to_numpy(),
        i18n.label("source", lang): [FILE_NOTE.sub("", str(x)) for x in cat[f"name_{lang}"]],
        tr(lang, "Статус", "Status"): [L.status_text(str(x), lang) for x in cat["status"]],
        tr(lang, "Адрес", "Address"): cat["address"].to_numpy(),
        tr(lang, "Оговорки", "Caveats"): cat["caveats_ru" if lang == "ru" else "caveats"].to_numpy(),
        tr(lang, "Используется", "Used"): [i in used for i in cat["id"]]})
    sec.tables["sources"] = ReportTable("sources", tr(lang, "Каталог источников данных", "Catalog of data sources"), frame,
                                        source=tr(lang, "каталог источников regint", "regint source catalog"),
                                        note=tr(lang, "Код — обозначение источника в хранилище и рабочей книге; адреса "
                                                      "приведены так, как они записаны в каталоге",
                                                "Code: the source's name in the store and the workbook"),
                                        cited=(tr(lang, "Код", "Code"), tr(lang, "Адрес", "Address")))

def coverage(res: Results, lang: str, sec: Section) -> None:
    cov = res.coverage.value
    if cov is None:
        sec.add_missing(tr(lang, "Покрытие данных", "Data coverage"), res.coverage)
        return
    t = cov.table[cov.table["region"].isin(res.pair)]
    frame = pd.DataFrame({i18n.label("indicator", lang): [L.indicator_name(i, lang) for i in t["indicator"]],
                          i18n.label("region", lang): [i18n.region(r, lang) for r in t["region"]],
                          tr(lang, "Лет с данными", "Years with data"): t["n_years"].to_numpy(),
                          tr(lang, "Годы", "Years"): t["years"].to_numpy(),
                          tr(lang, "Пропуски", "Missing"): t["missing"].replace({"all": tr(lang, "все", "all")}).to_numpy(),
                          i18n.label("source", lang): [source_names([x.strip() for x in str(v).split(",")], lang)
                                                       for v in t["sources"]]})
    sec.tables["coverage"] = ReportTable(
        "coverage", tr(lang, f"Покрытие данных по годам, {cov.years[0]}–{cov.years[1]}",
                       f"Coverage of the data by year, {cov.years[0]}–{cov.years[1]}"), frame,
        source=tr(lang, "хранилище regint (последние версии)", "regint store (latest vintages)"),
        years=f"{cov.years[0]}–{cov.years[1]}",
        note=tr(lang, "в таблице — регионы пары; все регионы сравнения — на карте пропусков",
                "the table shows the pair; all comparator regions are in the gap map"))
    share = cov.share
    span = cov.years[1] - cov.years[0] + 1
    heat = share.copy()
    heat.index = [L.indicator_name(i, lang)[:45] for i in share.index]
    heat.columns = [i18n.region(str(c), lang) for c in share.columns]
    text = (share * span).round().astype(int).astype(str).replace("0", "–")
    text.index, text.columns = heat.index, heat.columns
    spec = C.ChartSpec("coverage", "heatmap", tr(lang, "Карта пропусков: доля лет с данными", "Gap map: share of years with data"),
                       heat=heat, heat_text=text, colorbar=tr(lang, "доля лет", "share of years"))
    sec.figures["coverage"] = C.render(spec, lang, tr(
        lang, f"Число — лет с данными из {span} ({cov.years[0]}–{cov.years[1]}); розовый — нет ни одного значения.",
        f"Number: years with data out of {span} ({cov.years[0]}–{cov.years[1]}); pink: no value at all."))

def validation(res: Results, lang: str, sec: Section) -> None:
    v = res.validation.value
    if v is None:
        sec.add_missing(tr(lang, "Проверка методов", "Validation"), res.validation)
        return
    frame = pd.DataFrame({
        tr(lang, "Метод", "Method"): [L.METHODS_RU.get(str(m), str(m)) if lang == "ru" else str(m) for m in v["method"]],
        tr(lang, "Пример", "Case"): v["case"],
        tr(lang, "Величина", "Quantity"): v["quantity"], tr(lang, "Опубликовано", "Published"): v["published"],
        tr(lang, "Рассчитано", "Computed"): v["computed"], tr(lang, "Расхождение", "Difference"): v["abs_diff"],
        tr(lang, "Допуск", "Tolerance"): v["tolerance"],
        tr(lang, "Совпадает", "Matches"): [(bool(x) if isinstance(x, bool | np.bool_) else fmt.GAP) for x in v["passed"]],
        tr(lang, "Статус", "Status"): [s if lang == "en" else s.replace("run", "выполнено").replace("skipped", "пропущено")
                                       .replace("is absent", "отсутствует") for s in v["status"].astype(str)],
        i18n.label("source", lang): v["source"]})
    digits = {tr(lang, "Опубликовано", "Published"): 6, tr(lang, "Рассчитано", "Computed"): 6}
    sec.tables["validation"] = ReportTable(
        "validation", tr(lang, "Опубликованные и рассчитанные значения эталонных примеров",
                         "Published and computed values of the reference cases"), frame,
        source="../shared/reference (EXPECTED.md)", digits=digits,
        note=tr(lang, "Примеры, величины и источники названы так, как в опубликованных работах", ""),
        cited=(tr(lang, "Пример", "Case"), tr(lang, "Величина", "Quantity"), i18n.label("source", lang)))

def runtime(res: Results, lang: str) -> ReportTable:
    rows = [{tr(lang, "Анализ", "Analysis"): L.pick(L.ANALYSES.get(o.name, (o.name, o.name)), lang),
             tr(lang, "Получен", "Produced"): o.ok,
             tr(lang, "Секунд", "Seconds"): o.seconds,
             tr(lang, "Причина, если нет", "Reason if not"): (withdrawn_text(o.reason, lang) if o.reason else "")}
            for o in res.outcomes()]
    return ReportTable("runs", tr(lang, "Какие анализы выполнены", "Which analyses ran"), pd.DataFrame(rows),
                       digits={tr(lang, "Секунд", "Seconds"): 2})
