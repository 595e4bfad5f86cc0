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
from regint.report.sections.common import Section, short_name, tr
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
    if not sr.register.covers(res.pair):
        a, b = res.pair
        ra, rb = sr.register.pair
        sec.missing.append((tr(lang, f"Реестр институциональных связей {i18n.pair_genitive(a, b, 'ru')}",
                               f"Register of the institutional ties of {i18n.pair_genitive(a, b, 'en')}"),
                            tr(lang, f"реестр, поставляемый с программой, собран только для "
                                     f"{i18n.pair_genitive(ra, rb, 'ru')}; связи этой пары не искались и "
                                     "остаются пробелом", sr.register.gap_note(res.pair))))
    elif len(reg):
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
        surveyed = bool(dim.loc[dim["source"] == "survey", "value"].notna().any())
        illustrative = bool(dim["illustrative"].any())
        sec.tables["institutional"] = ReportTable(
            "institutional", tr(lang, "Измерение «институциональные и социальные связи» сводного индекса",
                                "The index dimension “institutional and social ties”"), frame,
            source=tr(lang, "реестр связей regint, Интеграционный барометр ЕАБР, опросы (если загружены)",
                      "regint ties register, EDB Integration Barometer, surveys (where loaded)"),
            digits={v: 1 if surveyed else 0 for v in side.values()},
            note=_institutional_note(sr.institutional, res.pair, lang), illustrative=illustrative,
            illustrative_text=survey_illustrative_text(lang) if illustrative else "")
    instruments(res, lang, sec)
    survey_tables(res, lang, sec)


def survey_illustrative_text(lang: str) -> str:
    """What marks the survey's illustrative values (synthetic answers)."""
    return tr(lang, "ИЛЛЮСТРАТИВНО: ответы синтетические (составлены для проверки расчёта) и показывают только, как "
                    "обрабатывается опрос; выводов из них не делается, цитировать их нельзя.",
              "ILLUSTRATIVE: synthetic answers, made up to check the computation; they only show how the survey is "
              "processed, draw no finding and must not be cited.")


def _institutional_note(dim: object, pair: tuple[str, str], lang: str) -> str:
    """Whether the dimension is thin, or its score per side (never a finding when the score is illustrative)."""
    thin = bool(getattr(dim, "thin", True))
    if thin:
        return tr(lang, "Данных мало: измерение показано отдельно и в сводную оценку не входит.",
                  "Too thin: the dimension is shown apart and is not aggregated.")
    score = dim.aggregate()  # type: ignore[attr-defined]
    if not score.valid:
        return tr(lang, "Измерение не свёрнуто в сводную оценку.", "The dimension is not aggregated.")
    a, b = pair
    return tr(lang, f"Сводная оценка измерения (0–100, равные веса): {i18n.region(a, 'ru')} — "
                    f"{fmt.number(score.scores[a], 'ru', 0)}, {i18n.region(b, 'ru')} — "
                    f"{fmt.number(score.scores[b], 'ru', 0)}.",
              f"Score of the dimension (0–100, equal weights): {i18n.region(a, 'en')} "
              f"{fmt.number(score.scores[a], 'en', 0)}, {i18n.region(b, 'en')} {fmt.number(score.scores[b], 'en', 0)}.")


def instruments(res: Results, lang: str, sec: Section) -> None:
    """Without real answers: the three instruments, whom each asks and what it would measure."""
    sr = res.subjective.value
    if sr is None or sr.findings_allowed:
        return
    a, b = res.pair
    both = i18n.pair_genitive(a, b, lang)
    rows = [
        (tr(lang, "Анкета для органов власти", "Officials' questionnaire"),
         tr(lang, f"представители органов власти {both}", f"officials of {both}"),
         tr(lang, "политическая воля и приоритеты, доверие к институтам партнёра, препятствия для сотрудничества "
                  "(шкала Лайкерта 1–5); веса направлений интеграции по парным сравнениям (метод анализа иерархий)",
            "political will and priorities, trust in the partner's institutions, obstacles to co-operation "
            "(Likert scale 1–5); weights of the directions of integration from pairwise comparisons (AHP)")),
        (tr(lang, "Опрос предприятий", "Survey of firms"),
         tr(lang, f"предприятия {both} (сторона, размер, вид деятельности)",
            f"firms of {both} (side, size, activity)"),
         tr(lang, "насколько мешают сотрудничеству одиннадцать видов препятствий: правовые, административные, "
                  "пограничные, логистические, платёжные, технические регламенты, нехватка информации, недоверие, "
                  "языковые, трудовые, недостаточная поддержка властей (1–5)",
            "how much eleven kinds of obstacle hinder co-operation: legal, administrative, border, logistics, "
            "payments, standards, information, trust, language, labour, public support (1–5)")),
        (tr(lang, "Анкета экспертов", "Experts' questionnaire"),
         tr(lang, "эксперты из органов власти, бизнеса и науки обеих сторон",
            "experts from government, business and research of both sides"),
         tr(lang, "важность критериев и оценки направлений интеграции (метод анализа иерархий), раунды Дельфи с "
                  "коэффициентом конкордации Кендалла",
            "importance of the criteria and ratings of the directions (AHP), Delphi rounds with Kendall's "
            "coefficient of concordance")),
    ]
    cols = (tr(lang, "Анкета", "Instrument"), tr(lang, "Кого опрашивают", "Respondents"),
            tr(lang, "Что измеряет", "What it measures"))
    sec.tables["instruments"] = ReportTable(
        "instruments", tr(lang, "Анкеты опросов и что измеряет каждая", "The survey instruments and what each measures"),
        pd.DataFrame(rows, columns=list(cols)),
        source=tr(lang, "анкеты regint (русская и английская версии, XLSX)", "regint questionnaires (Russian and "
                  "English, XLSX)"),
        note=tr(lang, "Опрос не проводился: ответов, по которым можно делать выводы, не загружено"
                if not sr.survey_loaded else "Загружены только синтетические ответы: выводов опрос не даёт",
                "No survey has been loaded: there are no answers to draw a finding from" if not sr.survey_loaded
                else "Only synthetic answers are loaded: the survey draws no finding"))


#: The instruments whose results the report shows, in this order, with who answered.
_RESPONDENTS = {"business": ("предприятий", "firms"), "officials": ("представителей органов власти", "officials")}


def survey_tables(res: Results, lang: str, sec: Section) -> None:
    """With a loaded survey: the obstacles each side names (rank and mean) and where the sides disagree
    (difference with its confidence interval); marked illustrative when the answers are synthetic."""
    sr = res.subjective.value
    if sr is None or not sr.survey_loaded:
        return
    for kind in _RESPONDENTS:
        s = sr.surveys.get(kind)
        if s is None or s.table.empty:
            continue
        for block in ("obstacles", "views"):
            if block == "views" and kind != "officials":
                continue
            table = _survey_table(s, kind, block, res.pair, lang)
            if table is not None:
                sec.tables[table.key] = table


def _survey_table(s: object, kind: str, block: str, pair: tuple[str, str], lang: str) -> ReportTable | None:
    from regint.experts.survey import survey_items

    a, b = pair
    blocks = ("obstacles",) if block == "obstacles" else ("will", "trust")
    t = s.table[s.table["block"].isin(blocks)]  # type: ignore[attr-defined]
    comp = s.comparison.set_index("item")  # type: ignore[attr-defined]
    if t.empty:
        return None
    texts = survey_items(kind, lang).set_index("code")["text"]  # type: ignore[arg-type]
    means = t.pivot(index="item", columns="side", values="mean").reindex(columns=[a, b])
    means = means.reindex([c for c in texts.index if c in means.index])
    ranks = means.rank(ascending=False, method="min")
    sa, sb = short_name(a, lang), short_name(b, lang)
    frame = pd.DataFrame({
        tr(lang, "Препятствие" if block == "obstacles" else "Утверждение", "Obstacle" if block == "obstacles"
           else "Statement"): [texts[c] for c in means.index],
        tr(lang, f"{sa}: среднее", f"{sa}: mean"): means[a].to_numpy(dtype=float),
        tr(lang, f"{sa}: место", f"{sa}: rank"): ranks[a].to_numpy(dtype=float),
        tr(lang, f"{sb}: среднее", f"{sb}: mean"): means[b].to_numpy(dtype=float),
        tr(lang, f"{sb}: место", f"{sb}: rank"): ranks[b].to_numpy(dtype=float),
        tr(lang, "Разность", "Difference"): [float(comp.at[c, "difference"]) if c in comp.index else np.nan
                                             for c in means.index],
        tr(lang, "Нижняя граница", "Lower"): [float(comp.at[c, "lower"]) if c in comp.index else np.nan
                                             for c in means.index],
        tr(lang, "Верхняя граница", "Upper"): [float(comp.at[c, "upper"]) if c in comp.index else np.nan
                                              for c in means.index],
        tr(lang, "Стороны расходятся", "Sides differ"): [bool(comp.at[c, "differs"]) if c in comp.index else False
                                                         for c in means.index]})
    level = fmt.number(100 * float(s.level), lang, 0)  # type: ignore[attr-defined]
    n = s.respondents.groupby("side").size()  # type: ignore[attr-defined]
    ra, rb = _first_named(means, a, texts), _first_named(means, b, texts)
    differ = [str(texts[c]) for c in means.index if c in comp.index and bool(comp.at[c, "differs"])]
    who_ru, who_en = _RESPONDENTS[kind]
    scale = tr(lang, "5 — очень серьёзное препятствие" if block == "obstacles" else "5 — полное согласие или доверие",
               "5 = very serious obstacle" if block == "obstacles" else "5 = full agreement or trust")
    fa, fb = i18n.region_forms(a, lang), i18n.region_forms(b, lang)
    note = tr(lang,
              f"Среднее по шкале 1–5 ({scale}), взвешенное по весам респондентов; место 1 — самая высокая оценка "
              f"на своей стороне. Разность — оценка {fa['gen']} минус оценка {fb['gen']}, с {level}-процентным "
              f"доверительным интервалом; оценки расходятся, если интервал не включает ноль. Респондентов: "
              f"{fa['nom']} — {int(n.get(a, 0))}, {fb['nom']} — {int(n.get(b, 0))}"
              + (f". Выше всего оценено в {fa['prep']}: «{_lower(ra)}»; в {fb['prep']}: «{_lower(rb)}»"
                 if ra and rb else "")
              + (f". Оценки расходятся: {'; '.join(f'«{_lower(x)}»' for x in differ)}" if differ
                 else ". Значимых расхождений нет"),
              f"Mean on the 1–5 scale ({scale}), weighted by the respondents' weights; rank 1 is the highest rating "
              f"on its side. Difference: {sa} minus {sb}, with its {level}% confidence interval; the sides differ where "
              f"the interval excludes zero. Respondents: {fa['nom']} {int(n.get(a, 0))}, {fb['nom']} "
              f"{int(n.get(b, 0))}"
              + (f". Rated highest in {fa['nom']}: “{_lower(ra)}”; in {fb['nom']}: “{_lower(rb)}”" if ra and rb
                 else "")
              + (f". The sides differ on: {'; '.join(f'“{_lower(x)}”' for x in differ)}" if differ
                 else ". No significant difference"))
    key = f"survey_{kind}_{block}"
    title = (tr(lang, f"Препятствия для приграничного сотрудничества по оценкам {who_ru} обеих сторон",
                f"Obstacles to cross-border co-operation as rated by the {who_en} of both sides")
             if block == "obstacles" else
             tr(lang, "Политическая воля и доверие к партнёру по оценкам представителей органов власти обеих сторон",
                "Political will and trust in the partner as rated by the officials of both sides"))
    synthetic = bool(s.synthetic)  # type: ignore[attr-defined]
    return ReportTable(key, title, frame, units=tr(lang, "баллы 1–5", "points 1–5"),
                       source=tr(lang, f"опрос {who_ru} (анкеты regint)", f"survey of {who_en} (regint forms)"),
                       digits={c: (0 if c.endswith(("место", "rank")) else 2) for c in frame.columns[1:-1]},
                       note=note, illustrative=synthetic,
                       illustrative_text=survey_illustrative_text(lang) if synthetic else "")


def _lower(text: str) -> str:
    """A questionnaire item quoted inside a sentence: its first letter in lower case."""
    return text[:1].lower() + text[1:]


def _first_named(means: pd.DataFrame, side: str, texts: pd.Series) -> str:
    """The item a side rates highest (ties: the first in questionnaire order)."""
    col = means[side].dropna()
    return str(texts[col.idxmax()]) if len(col) else ""

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
