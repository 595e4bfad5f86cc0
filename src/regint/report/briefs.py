"""Negotiation briefs: two pages for each side of the pair, rendered from the same study as the report.

A brief says, for one side (the Russian region or the Belarusian oblast): what it gains and pays under each
scenario, in its own currency where the data hold the exchange rate (else in US dollars, and it says why); what
to ask of the partner and what to offer; the three figures that back these points, each with its year and source
(and marked dated where it is); and what the data cannot yet say. Every number comes from the report's document
(:func:`regint.report.document.build_document`), so the briefs and the report quote the same values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from regint.report import fmt, i18n
from regint.report import labels as L
from regint.report.collect import Results
from regint.report.freshness import ANALYSES as FRESH_NAMES
from regint.report.freshness import is_dated
from regint.report.tables import ReportTable

Side = Literal["ru", "by"]
#: File names of the briefs by side (``brief_<name>_<lang>.pdf``).
BRIEF_NAMES: dict[str, str] = {"RU-SMO": "smolensk", "BY-VI": "vitebsk"}
_ITEMS = ("exports", "gva", "jobs", "budget_cost")


@dataclass(frozen=True)
class Backing:
    """A figure that backs a point of the brief: what it is, the value as written, its year and source."""

    what: str
    value: str
    year: int | None
    source: str
    dated: bool


def brief_name(code: str) -> str:
    """``RU-SMO`` → ``smolensk``; other regions by their code (``ru-psk``)."""
    return BRIEF_NAMES.get(code, code.lower())


def _t(lang: str, ru: str, en: str) -> str:
    return ru if lang == "ru" else en


def _rate(res: Results, side: Side) -> tuple[float, int, str] | None:
    """Units of the side's currency per USD in the scenarios' base year, with its year and currency; ``None`` when
    the data hold no such rate (the Belarusian rouble after 2019)."""
    sb = res.scenarios.value
    if side == "ru" and sb is not None:
        bl = sb.baseline
        hit = bl[bl["key"] == "fx_rub_usd"]
        if len(hit):
            return float(hit["value"].iloc[0]), int(hit["year"].iloc[0]), "RUB"
    if side == "by" and sb is not None:
        base = int(sb.runs[0].result.years[0])
        p = res.panel
        fx = p[(p["indicator"] == "fx_usd") & (p["region"] == "BY") & p["period"].astype(str).str.fullmatch(r"\d{4}")]
        fx = fx[fx["period"].astype(int) >= base - 2]
        if len(fx):
            last = fx.sort_values("period").iloc[-1]
            return float(last["value"]), int(last["period"]), "BYN"
    return None


def gains_table(res: Results, side: Side, lang: str) -> ReportTable | None:
    """What the side gains and pays under each scenario over the horizon (median of the Monte Carlo)."""
    sb = res.scenarios.value
    if sb is None:
        return None
    rate = _rate(res, side)
    cur = {"RUB": _t(lang, "млн руб.", "mln RUB"), "BYN": _t(lang, "млн бел. руб.", "mln BYN")}
    rows = []
    for run in sb.runs:
        cum = run.cumulative[run.cumulative["side"] == side].set_index("item")
        row: dict[str, object] = {_t(lang, "Сценарий", "Scenario"): run.spec.title(lang)}
        for item in _ITEMS:
            if item not in cum.index:
                continue
            value, unit = float(cum.loc[item, "value"]), str(cum.loc[item, "unit"])
            if unit.startswith("mln USD") and rate is not None:
                value *= rate[0]
            row[L.pick(L.SCENARIO_ITEMS[item], lang)] = value
        rows.append(row)
    first, last = sb.runs[0].result.years[0], sb.runs[0].result.years[-1]
    money = cur[rate[2]] if rate is not None else _t(lang, "млн долл. США", "mln USD")
    if rate is not None:
        conv = _t(lang, f"Пересчёт из долларов США по курсу {fmt.number(rate[0], lang, 2)} за доллар ({rate[1]} г.)",
                  f"converted from US dollars at {fmt.number(rate[0], lang, 2)} per dollar ({rate[1]})")
    else:
        conv = _t(lang, "В долларах США: официального среднегодового курса белорусского рубля за последние годы в "
                        "данных нет", "in US dollars: the data hold no official annual Belarusian rouble rate for "
                                      "recent years")
    return ReportTable(
        f"brief_gains_{side}", _t(lang, f"Выгоды и затраты за {first}–{last} гг. (сумма к инерционному пути)",
                                  f"Gains and costs over {first}–{last} (sum against the inertial path)"),
        pd.DataFrame(rows), units=_t(lang, f"экспорт и ВДС — {money}; рабочие места — в последнем году; бюджетные "
                                           "затраты — млн руб.",
                                     f"exports and GVA: {money}; jobs: in the last year; budget cost: mln RUB"),
        source=_t(lang, f"модель сценариев, медиана {sb.draws} розыгрышей Монте-Карло",
                  f"scenario model, median of {sb.draws} Monte Carlo draws"), years=f"{first}–{last}",
        note=conv, digits={})


def backing(doc: dict[str, Any], side: Side, report_date: dt.date) -> list[Backing]:
    """Three figures that back the brief's points (each with year and source), the side's own first."""
    f, lang = doc["facts"], doc["lang"]
    out: list[Backing] = []
    if "wage_ppp_ratio" in f:
        own = f["wage_ppp_ru"] if side == "ru" else f["wage_ppp_by"]
        other = f["wage_ppp_by"] if side == "ru" else f["wage_ppp_ru"]
        out.append(Backing(_t(lang, "Среднемесячная зарплата по ППС: своя сторона / партнёр, междунар. долл.",
                              "Average monthly wage at PPP: this side / the partner, int. dollars"),
                           f"{fmt.number(own, lang, 0)} / {fmt.number(other, lang, 0)}", int(f["wage_ppp_year"]),
                           _t(lang, "Росстат, Белстат; ППС — Всемирный банк", "Rosstat, Belstat; PPP: World Bank"),
                           is_dated(int(f["wage_ppp_year"]), report_date)))
    key = f"io_impact_output_{side}"
    if key in f and "io_year" in f:
        out.append(Backing(_t(lang, "Выпуск в регионе на 1 млрд руб. спроса на продукцию обрабатывающих производств, "
                                    "млн руб.", "Regional output per 1 bn RUB of demand for manufactures, mln RUB"),
                           fmt.number(f[key], lang, 0), int(f["io_year"]),
                           _t(lang, f"таблица «затраты – выпуск» Росстата {f['io_year']} г., регионализация FLQ"
                                    + ("; технология российской таблицы (белорусской в данных нет)" if side == "by"
                                       else ""),
                              f"Rosstat input-output table {f['io_year']}, FLQ regionalisation"
                              + ("; the Russian table's technology (no Belarusian table in the data)" if side == "by"
                                 else "")),
                           is_dated(int(f["io_year"]), report_date)))
    if "gravity_ratio_ru_by" in f:
        ratio = f["gravity_ratio_ru_by"] if side == "ru" else f["gravity_ratio_by_ru"]
        out.append(Backing(_t(lang, "Экспорт своей страны партнёру к прогнозу гравитационной модели, раз",
                              "Own country's exports to the partner over the gravity prediction, times"),
                           fmt.number(ratio, lang, 1), int(f["gravity_year"]),
                           _t(lang, "CEPII GeoDist, WITS (UN Comtrade)", "CEPII GeoDist, WITS (UN Comtrade)"),
                           is_dated(int(f["gravity_year"]), report_date)))
    return out[:3]


def asks_and_offers(res: Results, doc: dict[str, Any], side: Side) -> tuple[list[str], list[str]]:
    """What to ask of the partner and what to offer, from the scenarios and the fired rules.

    Ask: the measures of the scenario in which this side gains the most value added per rouble of its budget.
    Offer: this side's budget share of those measures, and the proposals of the rules that ask this side to act
    (data exchange, co-operation projects).
    """
    lang = doc["lang"]
    sb = res.scenarios.value
    asks: list[str] = []
    offers: list[str] = []
    if sb is not None:
        best, best_ratio = None, -1.0
        for run in sb.runs:
            cum = run.cumulative[run.cumulative["side"] == side].set_index("item")
            if "gva" in cum.index and "budget_cost" in cum.index and float(cum.loc["budget_cost", "value"]) > 0:
                ratio = float(cum.loc["gva", "value"]) / float(cum.loc["budget_cost", "value"])
                if ratio > best_ratio:
                    best, best_ratio = run, ratio
        if best is not None:
            from regint.report.sections.scenarios import lever_name

            levers = [lever_name(sb, str(k), lang) for k in best.spec.levers]
            asks.append(_t(lang, f"Согласовать меры сценария «{best.spec.title(lang)}»: {', '.join(levers)} — в нём "
                                 "отдача для своей стороны на рубль бюджетных затрат наибольшая.",
                           f"Agree on the measures of the scenario '{best.spec.title(lang)}': {', '.join(levers)} — it "
                           "gives this side the highest return per rouble of budget."))
            cost = best.cumulative[(best.cumulative["side"] == side) & (best.cumulative["item"] == "budget_cost")]
            if len(cost):
                offers.append(_t(lang, f"Взять на себя бюджетные затраты своей стороны: {fmt.number(cost['value'].iloc[0], lang, 0)} "
                                       "млн руб. за горизонт сценария.",
                                 f"Take on this side's budget cost: {fmt.number(cost['value'].iloc[0], lang, 0)} mln RUB "
                                 "over the horizon."))
    for e in doc["proposals"]:
        target = offers if e.rule.id in ("R6", "R8", "R9") else asks
        target.append(f"{e.rule.area[lang]}: {e.text}")
    return asks[:4], offers[:4]


def cannot_say(res: Results, doc: dict[str, Any], report_date: dt.date) -> list[str]:
    """What the data cannot yet say: analyses that compare no common year or only a dated one, and what failed."""
    lang = doc["lang"]
    out = []
    for r in doc.get("freshness", []):
        name = L.pick(FRESH_NAMES[r.analysis], lang)
        if r.one_sided:
            out.append(_t(lang, f"{name}: только по российской стороне — данных по белорусской нет.",
                          f"{name}: the Russian side only — there are no data for the Belarusian side."))
        elif r.common is not None and r.dated(report_date):
            out.append(_t(lang, f"{name}: сопоставление лишь за {r.common} г. — позднее общих данных нет.",
                          f"{name}: compared for {r.common} only — no later common data."))
    if "sc_withdrawn" in doc["facts"]:
        out.append(_t(lang, "Эффект Единого экономического пространства 2012 г.: измерить нельзя — все регионы "
                            "России были затронуты одновременно.",
                      "Effect of the 2012 Single Economic Space: not measurable — every Russian region was treated "
                      "at once."))
    return out[:6]


def brief_context(res: Results, doc: dict[str, Any], side: Side) -> dict[str, Any]:
    """The template context of one side's brief in the document's language."""
    lang = doc["lang"]
    report_date: dt.date = doc["report_date"]
    a, b = res.pair
    own, partner = (a, b) if side == "ru" else (b, a)
    asks, offers = asks_and_offers(res, doc, side)
    return {
        "lang": lang, "side": side, "own": i18n.region_forms(own, lang), "partner": i18n.region_forms(partner, lang),
        "date": doc["date"], "gains": gains_table(res, side, lang), "backing": backing(doc, side, report_date),
        "asks": asks, "offers": offers, "cannot": cannot_say(res, doc, report_date),
        "illustrative": doc["illustrative"], "survey_given": doc["survey_given"],
    }


def render_brief(res: Results, doc: dict[str, Any], side: Side) -> str:
    """One side's brief as HTML for the PDF."""
    from regint.report.render import TEMPLATES, environment, font_faces

    lang = doc["lang"]
    ctx = brief_context(res, doc, side)
    css = font_faces() + "\n" + (TEMPLATES / "style.css").read_text(encoding="utf-8")
    ctx.update(css=css, medium="pdf", dated_text=i18n.label("dated", lang), illus_text=i18n.label("illustrative", lang))
    return environment(lang).get_template("brief.html.j2").render(**ctx)


def write_briefs(res: Results, doc: dict[str, Any], out: Path) -> dict[str, Path]:
    """Write ``brief_<region>_<lang>.pdf`` for both sides; returns side → path."""
    from regint.report.render import pdf_from_html

    lang = doc["lang"]
    paths: dict[str, Path] = {}
    for side, code in (("ru", res.pair[0]), ("by", res.pair[1])):
        html = render_brief(res, doc, side)  # type: ignore[arg-type]
        paths[side] = pdf_from_html(html, out / f"brief_{brief_name(code)}_{lang}.pdf")
    return paths
