"""The report's content in one language: tables and figures of each section, built from the results.

:func:`build_document` returns the context of the templates: facts (formatted by the templates' filters),
:class:`~regint.report.tables.ReportTable` and :class:`~regint.report.charts.Figure` objects per section, the
rules evaluated, and the list of what could not be produced with the reason.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from regint.report import fmt, i18n
from regint.report.collect import Results
from regint.report.facts import extract_facts
from regint.report.freshness import DATED_AFTER, freshness, freshness_frame, is_dated
from regint.report.rules import apply_rules, prepare_facts, rules_frame
from regint.report.sections import annexes, benefits, directions, factors, maps, scenarios, situation
from regint.report.sections.common import Section, tr
from regint.report.tables import ReportTable

#: Facts whose year makes a finding dated (``<key>`` → its ``<key>_dated`` flag).
YEAR_FACTS: tuple[str, ...] = ("wage_ratio_year", "wage_ppp_year", "index_year", "gravity_year", "rer_year",
                               "price_level_gap_year", "exports_cis_share_year", "io_year", "beta_last", "sc_last_year")

#: The years the proposal of each rule rests on (a proposal on a dated figure is marked dated).
RULE_YEARS: dict[str, tuple[str, ...]] = {
    "R1": ("wage_ppp_year",), "R2": ("rer_year",), "R3": ("price_level_gap_year",), "R4": ("gravity_year",),
    "R5": ("gravity_year",), "R7": ("index_year",), "R8": ("io_year",), "R12": ("beta_last",),
}

def _mark_dated(facts: dict[str, Any], report_date: dt.date) -> None:
    """``facts[<year key>_dated]`` = the year is more than three years before the report date."""
    for key in YEAR_FACTS:
        if key in facts and facts[key] is not None:
            facts[f"{key}_dated"] = is_dated(int(facts[key]), report_date)

def build_document(res: Results, lang: str, *, today: dt.date | None = None) -> dict[str, Any]:
    """The template context of the report in ``lang``."""
    facts = prepare_facts(extract_facts(res, lang), lang)
    if "sc_withdrawn" in facts:
        facts["sc_withdrawn"] = factors.withdrawn_text(str(facts["sc_withdrawn"]), lang)
    sb = res.scenarios.value
    if sb is not None and "fastest_levers" in facts:
        facts["fastest_levers"] = [scenarios.lever_name(sb, str(x), lang) for x in facts["fastest_levers"]]
    s: dict[str, Section] = {k: Section() for k in ("summary", "s1", "s2", "s3", "s4", "s5", "s6", "a1", "a2", "a3",
                                                    "a4")}
    steps = [(maps.maps, "s1"), (situation.profile, "s1"), (situation.wages_chart, "s1"),
             (situation.trade_chart, "s1"), (situation.preconditions, "s1"), (situation.convergence, "s1"),
             (situation.index, "s1"), (benefits.io, "s2"), (benefits.benefits, "s2"), (scenarios.scenarios, "s3"),
             (directions.directions, "s4"), (factors.gravity, "s5"), (factors.evaluation, "s5"),
             (factors.factors, "s5"), (factors.subjective, "s5"), (factors.experts, "s5"),
             (annexes.sources, "a2"), (annexes.coverage, "a3"), (annexes.validation, "a4")]
    for fn, key in steps:
        try:
            fn(res, lang, s[key])
        except Exception as exc:  # noqa: BLE001 — a table that fails to build is reported, not fatal
            s[key].missing.append((fn.__name__, f"{type(exc).__name__}: {exc}"))
    report_date = today or dt.date.today()
    _mark_dated(facts, report_date)
    fresh = freshness(res, facts)
    s["summary"].tables["freshness"] = ReportTable(
        "freshness", tr(lang, "Актуальность выводов: последний год данных по каждой стороне и год сопоставления",
                        "How current the findings are: latest year of data per side and the year compared"),
        freshness_frame(fresh, lang, report_date),
        note=tr(lang, f"Вывод сопоставляет стороны в последнем году, за который есть данные по обеим; он помечен как "
                      f"устаревший, если этот год ранее {report_date.year - DATED_AFTER} г. (более трёх лет до даты "
                      "доклада)",
                f"A finding compares the sides in the latest year both have; it is marked dated when that year is "
                f"before {report_date.year - DATED_AFTER} (more than three years before the report date)"))
    evaluated = apply_rules(facts, lang)
    s["s6"].tables["rules"] = ReportTable(
        "rules", tr(lang, "Правила: условие на результатах → предложение", "Rules: condition on the results → proposal"),
        rules_frame(evaluated, lang), source=tr(lang, "правила доклада", "the report's rules"))
    s["a4"].tables["runs"] = annexes.runtime(res, lang)
    scenarios.localise_scenario_tables(res, lang, s["s3"], s["s2"])
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
        "subjective_loaded": bool(getattr(res.subjective.value, "survey_loaded", False)),
        "subjective_illustrative": bool(getattr(res.subjective.value, "synthetic", False)),
        "survey_illus_text": factors.survey_illustrative_text(lang),
        "survey_keys": [k for k in s["s5"].tables if k.startswith("survey_")],
        "missing": [(o.name, o.reason) for o in res.outcomes() if not o.ok],
    }
