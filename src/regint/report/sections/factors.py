"""Section 5 of the report, factors: gravity, the policy evaluation, the objective factors, the subjective factors
and the experts' judgements.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from regint.report import charts as C
from regint.report import fmt, i18n
from regint.report import labels as L
from regint.report.collect import Results
from regint.report.sections.common import Section, tr
from regint.report.tables import ReportTable


def gravity(res: Results, lang: str, sec: Section) -> None:
    g = res.gravity.value
    if g is None:
        sec.add_missing(tr(lang, "Гравитационная модель", "Gravity model"), res.gravity)
        return
    p = g.potential
    frame = pd.DataFrame({
        tr(lang, "Направление", "Direction"): [f"{_iso3(e, lang)} → {_iso3(i, lang)}"
                                               for e, i in zip(p["exporter"], p["importer"], strict=True)],
        tr(lang, "Факт", "Actual"): p["actual"].to_numpy() / 1e3, tr(lang, "Прогноз", "Predicted"): p["predicted"].to_numpy() / 1e3,
        tr(lang, "Факт / прогноз", "Actual / predicted"): p["ratio"].to_numpy(),
        tr(lang, "Нижняя граница", "Lower"): p["ratio_lower"].to_numpy(),
        tr(lang, "Верхняя граница", "Upper"): p["ratio_upper"].to_numpy()})
    sec.tables["gravity"] = ReportTable(
        "gravity", tr(lang, "Торговля России и Беларуси против прогноза гравитационной модели",
                      "Trade of Russia and Belarus against the gravity model's prediction"), frame,
        units=tr(lang, "млн долл. США; отношение", "mln USD; ratio"),
        source=tr(lang, f"CEPII GeoDist, WITS (UN Comtrade); PPML с эффектами экспортёра и импортёра, N = {fmt.number(g.nobs, 'ru', 0)}",
                  f"CEPII GeoDist, WITS (UN Comtrade); PPML with exporter and importer effects, N = {g.nobs}"),
        years="2009", digits={tr(lang, "Факт", "Actual"): 0, tr(lang, "Прогноз", "Predicted"): 0},
        note=tr(lang, "Интервал — параметрический бутстрэп прогноза", "Interval: parametric bootstrap of the prediction"))
    spec = C.ChartSpec("gravity", "bar", tr(lang, "Факт к прогнозу гравитационной модели, 2009 г.",
                                            "Actual over the gravity prediction, 2009"),
                       ylabel=tr(lang, "раз", "times"), hline=1.0,
                       series=(C.Series(tr(lang, "отношение", "ratio"), frame.iloc[:, 0].tolist(), p["ratio"].tolist(),
                                        p["ratio_lower"].tolist(), p["ratio_upper"].tolist()),), height=3.4)
    sec.figures["gravity"] = C.render(spec, lang, tr(lang, "Линия 1 — торговля на уровне прогноза. CEPII, WITS; 2009.",
                                                     "Line at 1: trade at the predicted level. CEPII, WITS; 2009."))

def _iso3(code: str, lang: str) -> str:
    """A country's ISO 3166-1 alpha-3 code of the gravity data (``RUS``) → its name."""
    names = {"RUS": ("Россия", "Russia"), "BLR": ("Беларусь", "Belarus")}
    return L.pick(names[code], lang) if code in names else code

def evaluation(res: Results, lang: str, sec: Section) -> None:
    ev = res.evaluation.value
    if ev is None:
        sec.add_missing(tr(lang, "Оценка эффекта ЕЭП-2012", "Evaluation of the 2012 Single Economic Space"), res.evaluation)
        return
    if getattr(ev, "withdrawn", ""):
        sec.missing.append((tr(lang, f"Оценка эффекта Единого экономического пространства ({ev.treatment_year} г.) "
                                     "отозвана", f"Evaluation of the {ev.treatment_year} Single Economic Space withdrawn"),
                            withdrawn_text(ev.withdrawn, lang)))
        return
    path = ev.sc.to_frame()
    cols = [c for c in path.columns if c in ("actual", "synthetic", "treated")]
    if len(cols) >= 2:
        series = tuple(C.Series(tr(lang, "факт", "actual") if c in ("actual", "treated") else tr(lang, "синтетический",
                                                                                                 "synthetic"),
                                [int(y) for y in path.index], path[c].tolist()) for c in cols[:2])
        spec = C.ChartSpec("synth", "line", tr(lang, f"{i18n.region(ev.treated, lang)}: логарифм ВРП на душу и "
                                                     "синтетический контроль",
                                               f"{i18n.region(ev.treated, lang)}: log GRP per capita and its synthetic control"),
                           xlabel=tr(lang, "год", "year"), ylabel="log", series=series, vline=ev.treatment_year - 0.5)
        sec.figures["synth"] = C.render(spec, lang, tr(
            lang, f"Доноры — {ev.n_donors} регионов России; {ev.first_year}–{ev.last_year}. Источник: Росстат.",
            f"Donors: {ev.n_donors} Russian regions; {ev.first_year}–{ev.last_year}. Source: Rosstat."))
    d = ev.did.to_frame().iloc[0]
    rows = [{tr(lang, "Метод", "Method"): tr(lang, "Синтетический контроль", "Synthetic control"),
             tr(lang, "Эффект, лог. пункта", "Effect, log points"): float(ev.sc.average_effect),
             "p": float(ev.sc.p_value) if ev.sc.p_value is not None else np.nan},
            {tr(lang, "Метод", "Method"): tr(lang, "Разность разностей (TWFE)", "Difference-in-differences (TWFE)"),
             tr(lang, "Эффект, лог. пункта", "Effect, log points"): float(d["coef"]), "p": float(d["pvalue"])}]
    sec.tables["evaluation"] = ReportTable(
        "evaluation", tr(lang, f"Эффект Единого экономического пространства ({ev.treatment_year} г.) на ВРП на душу",
                         f"Effect of the Single Economic Space ({ev.treatment_year}) on GRP per capita"),
        pd.DataFrame(rows), units=tr(lang, "разность логарифмов", "difference of logs"), source=tr(lang, "Росстат; regint.models.evaluation", "Rosstat; regint.models.evaluation"),
        years=f"{ev.first_year}–{ev.last_year}", digits={"p": 3, tr(lang, "Эффект, лог. пункта", "Effect, log points"): 3},
        note=tr(lang, "p синтетического контроля — плацебо по донорам («—», если плацебо не считалось в быстром режиме)",
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

def factors(res: Results, lang: str, sec: Section) -> None:
    fb = res.factors.value
    if fb is None:
        sec.add_missing(tr(lang, "Объективные факторы (панельная регрессия)", "Objective factors (panel regression)"),
                        res.factors)
        return
    tab = fb.fit.to_frame().reset_index()
    tab["regressor"] = [L.pick(L.FACTORS.get(str(x), (str(x), str(x))), lang) for x in tab["regressor"]]
    keep = [c for c in ("regressor", "coef", "se", "pvalue", "boot_pvalue", "boot_lower", "boot_upper") if c in tab.columns]
    tab = tab[keep]
    names = {"regressor": tr(lang, "Фактор", "Factor"), "coef": tr(lang, "Коэффициент", "Coefficient"),
             "se": tr(lang, "Ст. ошибка", "SE"),
             "pvalue": "p", "boot_pvalue": tr(lang, "p (бутстрэп)", "p (bootstrap)"),
             "boot_lower": tr(lang, "Нижняя граница", "Lower"), "boot_upper": tr(lang, "Верхняя граница", "Upper")}
    h = fb.fit.honesty
    sec.tables["factors"] = ReportTable(
        "factors", tr(lang, f"Объективные факторы: панельная регрессия ({L.pick(L.FACTORS.get(fb.outcome, (fb.outcome, fb.outcome)), 'ru')})",
                      f"Objective factors: panel regression ({L.pick(L.FACTORS.get(fb.outcome, (fb.outcome, fb.outcome)), 'en')})"),
        tab.rename(columns=names),
        source=tr(lang, "панельная регрессия с фиксированными эффектами, дикий кластерный бутстрэп",
                  "fixed-effects panel regression (PanelOLS), wild cluster bootstrap"), years=_span(str(getattr(h, "span", "")), lang),
        digits={v: 3 for v in names.values()},
        note=tr(lang, f"N = {fb.fit.nobs}, регионов {fb.fit.n_entities}; двусторонние фиксированные эффекты",
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

def subjective(res: Results, lang: str, sec: Section) -> None:
    """Subjective factors: the register of institutional ties, public attitudes, the institutional dimension and,
    when real answers are loaded, the two sides' survey results (no finding without them)."""
    out = res.subjective
    sr = out.value
    if sr is None:
        sec.add_missing(tr(lang, "Субъективные факторы", "Subjective factors"), out)
        return
    reg = sr.register.entries
    if len(reg):
        years = reg["period"].astype(str).str[:4]
        scope = reg["scope"].astype(str)
        a, b = res.pair
        frame = pd.DataFrame({
            tr(lang, "Год", "Year"): years,
            tr(lang, f"Связи {i18n.pair_genitive(a, b, lang)}", f"{i18n.pair_label(f'{a}:{b}', lang)} ties"):
                (scope == "pair").astype(int),
            tr(lang, f"Связи {i18n.region_forms(a, lang)['gen']} с Беларусью в целом",
               f"{i18n.region(a, lang)} with Belarus at large"):
                (scope != "pair").astype(int),
        }).groupby(tr(lang, "Год", "Year"), as_index=False).sum()
        sec.tables["ties"] = ReportTable(
            "ties", tr(lang, "Реестр институциональных связей: датированные записи по годам",
                       "Register of institutional ties: dated entries by year"), frame,
            source=tr(lang, "реестр regint по открытым публикациям (адрес и дословная цитата у каждой записи)",
                      "regint register of public web pages (address and verbatim quote with every entry)"),
            years=f"{years.min()}–{years.max()}",
            note=tr(lang, f"Всего {len(reg)} записей из {reg['source_site'].nunique()} источников; реестр найденного, "
                          "а не полный перечень; доля выполнения планов мероприятий не найдена.",
                    f"{len(reg)} entries from {reg['source_site'].nunique()} sources; a register of what was found, "
                    "not a complete list; the share of each plan carried out was not found."))
    bar = sr.barometer
    if len(bar):
        frame = pd.DataFrame({
            tr(lang, "Вопрос", "Question"): [L.pick(_BAROMETER.get(str(i), (str(i), str(i))), lang)
                                             for i in bar["indicator"]],
            tr(lang, "Страна", "Country"): [i18n.region(str(r), lang) for r in bar["region"]],
            tr(lang, "Год", "Year"): bar["period"].astype(str).to_numpy(),
            tr(lang, "Доля опрошенных, %", "Share of respondents, %"): bar["value"].to_numpy(dtype=float)})
        sec.tables["barometer"] = ReportTable(
            "barometer", tr(lang, "Интеграционный барометр ЕАБР: отношение населения", "EDB Integration Barometer: "
                            "public attitudes"), frame, digits={tr(lang, "Доля опрошенных, %",
                                                                    "Share of respondents, %"): 0},
            source=tr(lang, "Интеграционный барометр ЕАБР (по публикациям ЕАБР и прессы)",
                      "EDB Integration Barometer (as published by the EDB and the press)"),
            note=tr(lang, "2012–2014 гг. и с 2015 г. — разные вопросы, а не один ряд; данных после 2017 г. не найдено.",
                    "2012–2014 and 2015 on are two different questions, not one series; nothing after 2017 found."))
    dim = sr.institutional.to_frame()
    if len(dim):
        side = {res.pair[0]: tr(lang, "Российская сторона", "Russian side"),
                res.pair[1]: tr(lang, "Белорусская сторона", "Belarusian side")}
        wide = dim.pivot_table(index="indicator", columns="side", values="value", aggfunc="first", dropna=False)
        wide = wide.reindex(columns=[c for c in res.pair if c in wide.columns])
        frame = pd.DataFrame({tr(lang, "Показатель", "Indicator"):
                              [L.pick(_INSTITUTIONAL.get(str(i), (str(i), str(i))), lang) for i in wide.index]})
        for c in wide.columns:
            frame[side.get(c, str(c))] = wide[c].to_numpy(dtype=float)
        thin = bool(getattr(sr.institutional, "thin", False))
        sec.tables["institutional"] = ReportTable(
            "institutional", tr(lang, "Измерение «институциональные и социальные связи» сводного индекса",
                                "The index dimension “institutional and social ties”"), frame,
            source=tr(lang, "реестр связей regint, Интеграционный барометр ЕАБР, опросы (если загружены)",
                      "regint ties register, EDB Integration Barometer, surveys (where loaded)"),
            digits={v: 0 for v in side.values()},
            note=tr(lang, "Данных мало: измерение показано отдельно и в сводный индекс не входит." if thin else
                    "Измерение входит в сводный индекс.",
                    "Too thin: the dimension is shown apart and does not enter the composite index." if thin else
                    "The dimension enters the composite index."))

def _span(span: str, lang: str) -> str:
    """The years of a fit (``2012-2021 (10 years)``) in the report's language (``2012–2021 (лет: 10)``)."""
    if lang == "en":
        return span
    return re.sub(r"\((\d+) years?\)", r"(лет: \1)", span).replace("-", "–")

def experts(res: Results, lang: str, sec: Section) -> None:
    out = res.directions_in(lang)
    d = out.value if out is not None else None
    if d is None or d.group is None:
        return
    cons = d.group.consistency.reset_index()
    frame = pd.DataFrame({tr(lang, "Эксперт", "Expert"): cons.iloc[:, 0].astype(str),
                          "CR": cons["cr"].to_numpy(), tr(lang, "Приемлемо (CR < 0,1)", "Acceptable (CR < 0.1)"):
                              cons["acceptable"].to_numpy(dtype=bool)})
    sec.tables["experts"] = ReportTable(
        "experts", tr(lang, "Согласованность суждений экспертов (AHP)", "Consistency of the experts' judgements (AHP)"),
        frame, source=tr(lang, "анкеты экспертов", "expert questionnaires"), digits={"CR": 3},
        illustrative=d.illustrative)
