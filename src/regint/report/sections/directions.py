"""Section 4 of the report: the ranking of the directions of integration.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from regint.report import charts as C
from regint.report import fmt, i18n
from regint.report.collect import Results
from regint.report.sections.common import Section, tr
from regint.report.tables import ReportTable


def directions(res: Results, lang: str, sec: Section) -> None:
    out = res.directions_in(lang)
    d = out.value if out is not None else None
    if d is None or out is None:
        sec.add_missing(tr(lang, "Ранжирование направлений", "Ranking of the directions"), out or res.index)
        return
    r = d.ranking.sort_values("rank_topsis")
    share = d.sensitivity.first_share if d.sensitivity is not None else pd.Series(dtype=float)
    frame = pd.DataFrame({
        tr(lang, "Место (TOPSIS)", "Rank (TOPSIS)"): r["rank_topsis"].to_numpy(),
        tr(lang, "Направление", "Direction"): r["name"].to_numpy(),
        "TOPSIS C": r["topsis"].to_numpy(), "VIKOR Q": r["vikor_q"].to_numpy(),
        tr(lang, "Место (VIKOR)", "Rank (VIKOR)"): r["rank_vikor"].to_numpy(),
        tr(lang, "Место (взвеш. сумма)", "Rank (weighted sum)"): r["rank_wsm"].to_numpy(),
        tr(lang, "Первое место в розыгрышах весов", "First in weight draws"): [fmt.percent(share.get(c, np.nan), lang, 0)
                                                                            for c in r.index]})
    src = (tr(lang, "опрос экспертов (AHP, групповая агрегация AIJ) и данные", "expert survey (AHP, AIJ group "
              "aggregation) and data") if d.experts else
           tr(lang, "критерии, измеренные по данным (опрос экспертов не проводился)",
              "criteria measured from data (no expert survey)"))
    sec.tables["directions"] = ReportTable(
        "directions", tr(lang, "Ранжирование направлений интеграции", "Ranking of the directions of integration"), frame,
        units=tr(lang, "C и Q — от 0 до 1", "C and Q from 0 to 1"), source=src, digits={"TOPSIS C": 3, "VIKOR Q": 3},
        illustrative=d.illustrative)
    crit = d.criteria
    cframe = pd.DataFrame({
        tr(lang, "Критерий", "Criterion"): [str(x).replace("(input-output)", "(«затраты – выпуск»)") if lang == "ru"
                                            else str(x) for x in crit["name"]],
        tr(lang, "Тип", "Kind"): [tr(lang, "данные", "data") if k == "data" else tr(lang, "эксперты", "experts")
                                  for k in crit["kind"]],
        tr(lang, "Вес экспертов", "Experts' weight"): crit["weight_experts"].to_numpy(),
        tr(lang, "Вес в расчёте", "Weight used"): crit["weight_used"].to_numpy(),
        tr(lang, "Статус", "Status"): [_status(s, lang) for s in crit["status"]]})
    sec.tables["criteria"] = ReportTable(
        "criteria", tr(lang, "Критерии ранжирования и их веса", "Criteria of the ranking and their weights"), cframe,
        source=src, digits={tr(lang, "Вес экспертов", "Experts' weight"): 3, tr(lang, "Вес в расчёте", "Weight used"): 3},
        illustrative=d.illustrative)
    spec = C.ChartSpec("directions", "barh", tr(lang, "Близость к идеалу (TOPSIS)", "Closeness to the ideal (TOPSIS)"),
                       xlabel="C", series=(C.Series("TOPSIS", r["name"].tolist(), r["topsis"].tolist()),), height=4.0)
    note = (i18n.label("illustrative", lang) + " " if d.illustrative else "") + tr(
        lang, "Методы: TOPSIS (векторная нормировка), VIKOR, взвешенная сумма.",
        "Methods: TOPSIS (vector normalisation), VIKOR, weighted sum.")
    sec.figures["directions"] = C.render(spec, lang, note, illustrative=d.illustrative)

def _status(status: str, lang: str) -> str:
    if lang == "en":
        return status
    return (status.replace("not available: no data given", "нет данных")
            .replace("not available: no expert ratings", "нет экспертных оценок")
            .replace("not available: missing for", "нет значений для").replace("available", "используется"))
