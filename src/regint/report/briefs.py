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


@dataclass(frozen=True)
class Backing:
    """A figure that backs a point of the brief: what it is, the value as written, its year and source."""

    what: str
    value: str
    year: int | None
    source: str
    dated: bool


def brief_name(code: str) -> str:
    """``RU-SMO`` → ``smolensk``; other regions by the first word of their English name (``RU-PSK`` →
    ``pskov``), by their code only where that name is not plain ASCII."""
    if code in BRIEF_NAMES:
        return BRIEF_NAMES[code]
    from regint.report.i18n import region

    word = region(code, "en").split(" ")[0].lower()
    return word if word.isascii() and word.isalpha() else code.lower()


def _t(lang: str, ru: str, en: str) -> str:
    return ru if lang == "ru" else en


def _rate(res: Results, side: Side) -> tuple[float, int | None, str] | None:
    """Units of the side's currency per USD that the scenarios' accounts use (the scenario baseline's
    ``fx_rub_usd`` / ``fx_byn_usd``), with its year and currency; ``None`` without scenarios or without the rate."""
    sb = res.scenarios.value
    if sb is None:
        return None
    key, cur = ("fx_rub_usd", "RUB") if side == "ru" else ("fx_byn_usd", "BYN")
    hit = sb.baseline[sb.baseline["key"] == key]
    if not len(hit) or pd.isna(hit["value"].iloc[0]):
        return None
    year = hit["year"].iloc[0]
    return float(hit["value"].iloc[0]), (None if pd.isna(year) else int(year)), cur


def _account(run: Any, side: Side, item: str, currency: str) -> float | None:
    """The median of one item of the side's accounts (:func:`regint.scenarios.accounts.side_accounts`)."""
    acc = run.accounts
    if acc is None or acc.empty:
        return None
    hit = acc[(acc["side"] == side) & (acc["item"] == item) & (acc["currency"] == currency)]
    return float(hit["value"].iloc[0]) if len(hit) else None


def gains_table(res: Results, side: Side, lang: str) -> ReportTable | None:
    """What the side gains and pays under each scenario over the horizon (median of the Monte Carlo), in the
    side's own currency: the scenario's accounts by side (the report's), exports converted at the same rate."""
    sb = res.scenarios.value
    if sb is None:
        return None
    rate = _rate(res, side)
    currency = rate[2] if rate is not None else "USD"
    money = {"RUB": _t(lang, "млн руб.", "mln RUB"), "BYN": _t(lang, "млн бел. руб.", "mln BYN"),
             "USD": _t(lang, "млн долл. США", "mln USD")}[currency]
    npv_label = _t(lang, "Чистая приведённая стоимость", "Net present value")
    rows = []
    for run in sb.runs:
        cum = run.cumulative[run.cumulative["side"] == side].set_index("item")
        row: dict[str, object] = {_t(lang, "Сценарий", "Scenario"): run.spec.title(lang)}
        if "exports" in cum.index:
            row[L.pick(L.SCENARIO_ITEMS["exports"], lang)] = float(cum.loc["exports", "value"]) * (
                rate[0] if rate is not None else 1.0)
        for item, account in (("gva", "benefit_sum"), ("jobs", None), ("budget_cost", "cost_sum")):
            if account is None:
                if item in cum.index:
                    row[L.pick(L.SCENARIO_ITEMS[item], lang)] = float(cum.loc[item, "value"])
                continue
            value = _account(run, side, account, currency)
            if value is not None:
                row[L.pick(L.SCENARIO_ITEMS[item], lang)] = value
        npv = _account(run, side, "npv", currency)
        if npv is not None:
            row[npv_label] = npv
        rows.append(row)
    first, last = sb.runs[0].result.years[0], sb.runs[0].result.years[-1]
    base = sb.runs[0].accounts.attrs.get("base") if not sb.runs[0].accounts.empty else None
    disc = sb.runs[0].accounts.attrs.get("rate") if not sb.runs[0].accounts.empty else None
    if rate is not None:
        year = _t(lang, f" ({rate[1]} г.)", f" ({rate[1]})") if rate[1] is not None else ""
        conv = _t(lang, f"Пересчёт из долларов США по курсу {fmt.number(rate[0], lang, 2)} за доллар{year}",
                  f"converted from US dollars at {fmt.number(rate[0], lang, 2)} per dollar{year}")
    else:
        conv = _t(lang, "В долларах США: курса валюты стороны в исходных данных сценариев нет",
                  "in US dollars: the scenarios' baseline holds no rate of the side's currency")
    if disc is not None and base is not None:
        conv += _t(lang, f"; чистая приведённая стоимость — выгоды за вычетом затрат, дисконтированные к {base} г. по "
                         f"ставке {fmt.number(100 * disc, lang, 0)} % (разд. 2 доклада)",
                   f"; net present value: benefits less costs discounted to {base} at "
                   f"{fmt.number(100 * disc, lang, 0)} % (section 2 of the report)")
    return ReportTable(
        f"brief_gains_{side}", _t(lang, f"Выгоды и затраты за {first}–{last} гг. (сумма к инерционному пути)",
                                  f"Gains and costs over {first}–{last} (sum against the inertial path)"),
        pd.DataFrame(rows), units=_t(lang, f"денежные показатели — {money}; рабочие места — в последнем году",
                                     f"money: {money}; jobs: in the last year"),
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
            ratio = _account(run, side, "bcr", "")
            if ratio is not None and ratio == ratio and ratio > best_ratio:
                best, best_ratio = run, ratio
        if best is not None:
            from regint.report.sections.scenarios import lever_name

            levers = [_in_list(lever_name(sb, str(k), lang)) for k in best.spec.levers]
            asks.append(_t(lang, f"Согласовать меры сценария «{best.spec.title(lang)}» ({'; '.join(levers)}): в нём "
                                 "отношение выгод своей стороны к её затратам наибольшее "
                                 f"({fmt.number(best_ratio, lang, 1)}).",
                           f"Agree on the measures of the scenario '{best.spec.title(lang)}' ({'; '.join(levers)}): "
                           f"it gives this side the highest ratio of benefits to costs ({fmt.number(best_ratio, lang, 1)})."))
            rate = _rate(res, side)
            currency = rate[2] if rate is not None else "USD"
            money = {"RUB": _t(lang, "млн руб.", "mln RUB"), "BYN": _t(lang, "млн бел. руб.", "mln BYN"),
                     "USD": _t(lang, "млн долл. США", "mln USD")}[currency]
            cost = _account(best, side, "cost_sum", currency)
            if cost is not None:
                offers.append(_t(lang, f"Взять на себя бюджетные затраты своей стороны: {fmt.number(cost, lang, 0)} "
                                       f"{money} за горизонт сценария.",
                                 f"Take on this side's budget cost: {fmt.number(cost, lang, 0)} {money} "
                                 "over the horizon."))
    dated = doc.get("proposal_dated", {})
    mark = f" {i18n.label('dated', lang)}"
    for e in doc["proposals"]:
        target = offers if e.rule.id in ("R6", "R8", "R9") else asks
        target.append(f"{e.rule.area[lang]}: {_in_list(e.text)}" + (mark if dated.get(e.rule.id) else ""))
    return asks[:4], offers[:4]


def _in_list(text: str) -> str:
    """A name or sentence continued after a colon or inside a list: its first letter in lower case
    («Цифровизация таможенных процедур» → «цифровизация …»), unless the first word is an abbreviation (ЕАЭС, EDB)."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[1:2].islower():
        return text[:1].lower() + text[1:]
    return text


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
