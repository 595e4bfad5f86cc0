"""Proposals for the concept and the negotiating agenda, each derived by an explicit rule from the results.

A :class:`Rule` is a condition on the key figures (:mod:`regint.report.facts`) and a proposal text in Russian and
English that cites the figures. :func:`apply_rules` evaluates every rule: *fired* (the condition holds and the
proposal is made), *not fired* (it does not hold) or *not evaluable* (a figure it needs is missing). The rules
table of the report shows all three, so the reader sees why each proposal is (or is not) there.

Placeholders in the texts name facts with a format: ``{wage_ratio:num2}`` (number, 2 decimals), ``{x:pct}``
(share as a percentage), ``{x:year}``, ``{x:text}``, ``{x:list}``; numbers are written for the language (babel).
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from regint._options import check_option
from regint.report import fmt

Status = Literal["fired", "not fired", "not evaluable"]
Facts = Mapping[str, Any]


@dataclass(frozen=True)
class Rule:
    """Condition on results → proposal.

    Attributes
    ----------
    id : str
    area : dict lang → str
        Area of the agenda (trade, labour, finance, data, ...).
    needs : tuple of str
        Facts the condition and the text use; a missing one makes the rule not evaluable.
    condition : callable(facts) → bool
    condition_text : dict lang → str
        The condition in words (with placeholders for thresholds).
    proposal : dict lang → str
        The proposal, citing the figures through placeholders.
    """

    id: str
    area: dict[str, str]
    needs: tuple[str, ...]
    condition: Callable[[Facts], bool]
    condition_text: dict[str, str]
    proposal: dict[str, str]


@dataclass(frozen=True)
class Evaluated:
    """A rule evaluated on the facts: its status and, if fired, the proposal text."""

    rule: Rule
    status: Status
    text: str
    figures: str


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        spec = format_spec or "num"
        if spec.startswith("num"):
            digits = int(spec[3:]) if spec[3:] else None
            return fmt.number(value, self.lang, digits)
        if spec.startswith("pct"):
            return fmt.percent(value, self.lang, int(spec[3:]) if spec[3:] else 1)
        if spec == "pp":
            return fmt.points(value, self.lang)
        if spec == "year":
            return fmt.year(value)
        if spec == "list":
            return ", ".join(str(v) for v in value)
        if spec == "bool":
            return ("да" if value else "нет") if self.lang == "ru" else ("yes" if value else "no")
        return str(value)


def render_text(template: str, facts: Facts, lang: str) -> str:
    """Fill ``template`` with facts formatted for ``lang``."""
    return _Formatter(lang).vformat(template, (), dict(facts))


def _needs_present(rule: Rule, facts: Facts) -> bool:
    for k in rule.needs:
        v = facts.get(k)
        if v is None or (isinstance(v, float) and pd.isna(v)):
            return False
    return True


def _figure_spec(key: str, value: object) -> str:
    """How a fact is shown in the rules table: years as years (2012, not 2 012), counts as whole numbers, text as
    text, else a number."""
    if isinstance(value, str | list):
        return "text"
    if isinstance(value, bool):
        return "bool"
    if key.endswith("_year"):
        return "year"
    if key.endswith("_n") and isinstance(value, int | float) and float(value).is_integer():
        return "num0"  # a count: 87, not 87,0
    return "num"


#: The figures the rules cite, as the rules table names them: key → (ru, en).
FACT_LABELS: dict[str, tuple[str, str]] = {
    "sc_last_name": ("сценарий", "scenario"),
    "sc_npv_ru": ("ЧПС российской стороны, млн руб.", "NPV of the Russian side, mln RUB"),
    "sc_npv_ru_p5": ("ЧПС российской стороны, 5-й процентиль", "NPV of the Russian side, 5th percentile"),
    "sc_npv_ru_p95": ("ЧПС российской стороны, 95-й процентиль", "NPV of the Russian side, 95th percentile"),
    "sc_npv_by": ("ЧПС белорусской стороны, млн бел. руб.", "NPV of the Belarusian side, mln BYN"),
    "sc_npv_by_p5": ("ЧПС белорусской стороны, 5-й процентиль", "NPV of the Belarusian side, 5th percentile"),
    "sc_npv_by_p95": ("ЧПС белорусской стороны, 95-й процентиль", "NPV of the Belarusian side, 95th percentile"),
    "sc_bcr_ru": ("отношение выгод к затратам, российская сторона", "benefit–cost ratio, Russian side"),
    "sc_bcr_by": ("отношение выгод к затратам, белорусская сторона", "benefit–cost ratio, Belarusian side"),
    "sc_discount": ("ставка дисконтирования, %", "discount rate, %"),
    "sc_npv_base": ("год приведения", "year discounted to"),
    "wage_ppp_ratio": ("отношение зарплат по ППС", "wage ratio at PPP"),
    "wage_ppp_year": ("год сопоставления зарплат", "year of the wage comparison"),
    "wage_ppp_ru": ("зарплата российской стороны, междунар. долл.", "wage of the Russian side, int. dollars"),
    "wage_ppp_by": ("зарплата белорусской стороны, междунар. долл.", "wage of the Belarusian side, int. dollars"),
    "wage_ratio": ("отношение зарплат в долл. США", "wage ratio in US dollars"),
    "rer_adf_p": ("p-значение теста Дики – Фуллера", "Dickey-Fuller p"), "rer_half_life": ("полупериод, лет", "half-life, years"),
    "price_level_gap": ("разрыв уровней цен, %", "price level gap, %"),
    "price_level_gap_year": ("год разрыва цен", "year of the price gap"),
    "gravity_ratio_ru_by": ("факт/прогноз, Россия → Беларусь", "actual/predicted, Russia → Belarus"),
    "gravity_ratio_by_ru": ("факт/прогноз, Беларусь → Россия", "actual/predicted, Belarus → Russia"),
    "gravity_pair_effect": ("эффект пары стран", "pair effect"),
    "missing_share_by": ("доля пропусков, белорусская сторона", "share of gaps, Belarusian side"),
    "missing_share_ru": ("доля пропусков, российская сторона", "share of gaps, Russian side"),
    "coverage_years": ("годы покрытия", "years covered"),
    "index_score": ("балл пары", "the pair's score"), "index_best_score": ("балл лучшей пары", "best pair's score"),
    "index_best_pair": ("лучшая пара", "best pair"), "index_year": ("год индекса", "year of the index"),
    "index_rank": ("место пары", "the pair's rank"), "index_n_pairs": ("число пар", "number of pairs"),
    "io_key_sectors": ("ключевые отрасли", "key sectors"), "io_year": ("год таблицы", "year of the table"),
    "io_shock_multiplier": ("мультипликатор выпуска", "output multiplier"),
    "dir_top": ("первое направление", "first direction"), "dir_second": ("второе направление", "second direction"),
    "dir_top_c": ("TOPSIS C лидера", "leader's TOPSIS C"), "dir_illustrative": ("иллюстративно", "illustrative"),
    "fastest_target": ("цель", "target"), "fastest_year": ("год достижения", "year reached"),
    "fastest_levers": ("меры", "measures"), "fastest_cost": ("затраты, млн руб.", "cost, mln RUB"),
    "sc_effect": ("оценка эффекта ЕЭП", "SES effect"), "sc_p": ("p оценки эффекта ЕЭП", "p of the SES effect"),
    "sc_year": ("год ЕЭП", "SES year"), "beta": ("β", "beta"), "beta_p": ("p для β", "p of beta"),
    "beta_n": ("число регионов", "number of regions"),
}


def fact_label(key: str, lang: str) -> str:
    """The name of a figure in the rules table (the key itself only when it has none)."""
    pair = FACT_LABELS.get(key)
    return (pair[0] if lang == "ru" else pair[1]) if pair else key


def evaluate(rule: Rule, facts: Facts, lang: str) -> Evaluated:
    """Evaluate one rule on the facts."""
    figures = "; ".join(f"{fact_label(k, lang)} = {_Formatter(lang).format_field(facts[k], _figure_spec(k, facts[k]))}"
                        for k in rule.needs if k in facts and facts[k] is not None)
    if not _needs_present(rule, facts):
        missing = [fact_label(k, lang) for k in rule.needs if facts.get(k) is None]
        return Evaluated(rule, "not evaluable", ", ".join(missing), figures)
    if not rule.condition(facts):
        return Evaluated(rule, "not fired", "", figures)
    return Evaluated(rule, "fired", render_text(rule.proposal[lang], facts, lang), figures)


def apply_rules(facts: Facts, lang: str, rules: tuple[Rule, ...] | None = None) -> list[Evaluated]:
    """Evaluate every rule (default :data:`RULES`) on ``facts`` in ``lang``."""
    check_option("lang", lang, ("ru", "en"))
    prepared = prepare_facts(facts, lang)
    return [evaluate(r, prepared, lang) for r in (RULES if rules is None else rules)]


def rules_frame(evaluated: list[Evaluated], lang: str) -> pd.DataFrame:
    """The rules table: id, area, condition, figures, status and proposal."""
    status = {"ru": {"fired": "сработало", "not fired": "не сработало", "not evaluable": "нет данных"},
              "en": {"fired": "fired", "not fired": "not fired", "not evaluable": "not evaluable"}}[lang]
    cols = {"ru": ["№", "Область", "Условие", "Показатели", "Итог", "Предложение"],
            "en": ["No.", "Area", "Condition", "Figures", "Outcome", "Proposal"]}[lang]
    rows = [[e.rule.id, e.rule.area[lang], e.rule.condition_text[lang], e.figures, status[e.status],
             e.text if e.status == "fired" else ("" if e.status == "not fired" else
                                                ("нет показателей: " if lang == "ru" else "missing: ") + e.text)]
            for e in evaluated]
    return pd.DataFrame(rows, columns=cols)


# ----------------------------------------------------------------------------------------------------- rules
WAGE_RATIO_THRESHOLD = 1.2
PRICE_GAP_THRESHOLD = 10.0
HALF_LIFE_THRESHOLD = 5.0
MISSING_THRESHOLD = 0.5
P_THRESHOLD = 0.1


def _rules() -> tuple[Rule, ...]:
    T = WAGE_RATIO_THRESHOLD
    return (
        Rule("R1", {"ru": "Рынок труда", "en": "Labour market"}, ("wage_ppp_ratio", "wage_ppp_year", "wage_ppp_ru",
                                                                   "wage_ppp_by"),
             lambda f: f["wage_ppp_ratio"] > T or f["wage_ppp_ratio"] < 1 / T,
             {"ru": f"Отношение зарплат по ППС в последнем общем году > {fmt.number(T, 'ru', 1)} или < "
                    f"{fmt.number(1 / T, 'ru', 2)}",
              "en": f"Wage ratio at PPP in the latest common year > {fmt.number(T, 'en', 1)} or < "
                    f"{fmt.number(1 / T, 'en', 2)}"},
             {"ru": "Включить в повестку взаимное признание квалификаций и единые правила трудовой миграции в "
                    "приграничье: в {wage_ppp_year:year} г. средняя зарплата по паритету покупательной способности "
                    "составляла {wage_ppp_ru:num0} междунар. долл. в {ru_prep:text} против {wage_ppp_by:num0} в "
                    "{by_prep:text} (отношение {wage_ppp_ratio:num2}); разрыв создаёт стимулы к односторонней "
                    "миграции кадров.",
              "en": "Put mutual recognition of qualifications and common rules for labour mobility in the border "
                    "area on the agenda: in {wage_ppp_year:year} the average wage at purchasing power parity was "
                    "{wage_ppp_ru:num0} international dollars in {ru_nom:text} against {wage_ppp_by:num0} in "
                    "{by_nom:text} (a ratio of {wage_ppp_ratio:num2}); the gap pulls workers one way."}),
        Rule("R2", {"ru": "Финансы и расчёты", "en": "Finance and payments"}, ("rer_adf_p", "rer_half_life"),
             lambda f: f["rer_adf_p"] > P_THRESHOLD or f["rer_half_life"] > HALF_LIFE_THRESHOLD,
             {"ru": "Реальный курс не возвращается к среднему (p-значение теста Дики – Фуллера > "
                    f"{fmt.number(P_THRESHOLD, 'ru', 1)}) или полупериод > {fmt.number(HALF_LIFE_THRESHOLD, 'ru', 0)} лет",
              "en": f"Real exchange rate not mean-reverting (ADF p > {fmt.number(P_THRESHOLD, 'en', 1)}) or "
                    f"half-life > {fmt.number(HALF_LIFE_THRESHOLD, 'en', 0)} years"},
             {"ru": "Предложить механизм страхования курсовых рисков для приграничных контрактов в дополнение к "
                    "уже действующим расчётам в национальных валютах: отклонения реального курса белорусского "
                    "рубля к российскому сокращаются вдвое лишь за {rer_half_life:num1} года "
                    "(p-значение теста Дики – Фуллера {rer_adf_p:num2}).",
              "en": "Propose exchange-risk cover for cross-border contracts, on top of the settlement in national "
                    "currencies already in force: deviations of the real BYN/RUB rate take {rer_half_life:num1} "
                    "years to halve "
                    "(ADF test p = {rer_adf_p:num2})."}),
        Rule("R3", {"ru": "Цены и регулирование", "en": "Prices and regulation"}, ("price_level_gap",
                                                                                 "price_level_gap_year"),
             lambda f: abs(f["price_level_gap"]) > PRICE_GAP_THRESHOLD,
             {"ru": f"|Разрыв уровней цен| > {fmt.number(PRICE_GAP_THRESHOLD, 'ru', 0)} %",
              "en": f"|Price level gap| > {fmt.number(PRICE_GAP_THRESHOLD, 'en', 0)}%"},
             {"ru": "Согласовать сближение регулируемых тарифов и технических требований: в "
                    "{price_level_gap_year:year} г. уровень цен России отличался от белорусского на "
                    "{price_level_gap:pp} (ППС к рыночному курсу).",
              "en": "Agree on converging regulated tariffs and technical requirements: in "
                    "{price_level_gap_year:year} the price level of Russia differed from Belarus' by "
                    "{price_level_gap:pp} (PPP over the market rate)."}),
        Rule("R4", {"ru": "Торговля", "en": "Trade"}, ("gravity_ratio_ru_by", "gravity_ratio_by_ru"),
             lambda f: min(f["gravity_ratio_ru_by"], f["gravity_ratio_by_ru"]) < 1.0,
             {"ru": "Фактическая торговля ниже гравитационного прогноза (отношение < 1)",
              "en": "Actual trade below the gravity prediction (ratio < 1)"},
             {"ru": "Приоритет — снятие нетарифных барьеров на границе: торговля между странами составляет "
                    "лишь {gravity_ratio_ru_by:num2} (Россия → Беларусь) и {gravity_ratio_by_ru:num2} "
                    "(Беларусь → Россия) от прогноза гравитационной модели.",
              "en": "Make removing non-tariff barriers at the border the priority: trade between the countries is "
                    "only {gravity_ratio_ru_by:num2} (Russia → Belarus) and {gravity_ratio_by_ru:num2} "
                    "(Belarus → Russia) of the gravity model's prediction."}),
        Rule("R5", {"ru": "Торговля и кооперация", "en": "Trade and co-operation"},
             ("gravity_ratio_ru_by", "gravity_ratio_by_ru", "gravity_pair_effect"),
             lambda f: min(f["gravity_ratio_ru_by"], f["gravity_ratio_by_ru"]) >= 1.0,
             {"ru": "Торговля выше гравитационного прогноза в обоих направлениях (отношение ≥ 1)",
              "en": "Trade above the gravity prediction in both directions (ratio ≥ 1)"},
             {"ru": "Смещать акцент с наращивания товарообмена на производственную кооперацию и совместные "
                    "цепочки добавленной стоимости: торговля между странами уже в {gravity_ratio_ru_by:num1} "
                    "(Россия → Беларусь) и {gravity_ratio_by_ru:num1} раза (Беларусь → Россия) выше прогноза "
                    "гравитационной модели (2009 г.), резервы роста объёма исчерпаны в большей мере, чем "
                    "резервы углубления связей.",
              "en": "Shift the emphasis from more trade to production co-operation and joint value chains: trade "
                    "between the countries is already {gravity_ratio_ru_by:num1} (Russia → Belarus) and "
                    "{gravity_ratio_by_ru:num1} times (Belarus → Russia) the gravity prediction (2009); there is "
                    "less room to grow volumes than to deepen links."}),
        Rule("R6", {"ru": "Статистика и мониторинг", "en": "Statistics and monitoring"},
             ("missing_share_by", "missing_share_ru", "coverage_years"),
             lambda f: f["missing_share_by"] > MISSING_THRESHOLD,
             {"ru": f"Доля пропусков по белорусскому региону > {fmt.percent(MISSING_THRESHOLD, 'ru', 0)}",
              "en": f"Share of gaps for the Belarusian region > {fmt.percent(MISSING_THRESHOLD, 'en', 0)}"},
             {"ru": "Заключить соглашение Росстата и Белстата об обмене региональными данными (ВРП, структура, "
                    "торговля по товарам и партнёрам): за {coverage_years:text} гг. по показателям анализа нет "
                    "данных для {missing_share_by:pct0} лет по {by_dat:text} против {missing_share_ru:pct0} по "
                    "{ru_dat:text}.",
              "en": "Conclude a Rosstat–Belstat agreement on exchanging regional data (GRP, structure, trade by "
                    "product and partner): over {coverage_years:text} the analysis indicators have no value "
                    "in {missing_share_by:pct0} of the years for {by_nom:text} against {missing_share_ru:pct0} "
                    "for {ru_nom:text}."}),
        Rule("R7", {"ru": "Мониторинг интеграции", "en": "Monitoring of integration"},
             ("index_score", "index_best_score", "index_best_pair", "index_year", "index_rank", "index_n_pairs"),
             lambda f: f["index_rank"] > 1,
             {"ru": "Пара не первая в индексе интеграции приграничных пар",
              "en": "The pair is not first in the integration index of the border pairs"},
             {"ru": "Изучить практику лучшей пары ({index_best_pair:text}, {index_best_score:num1} балла) и "
                    "закрепить целевые значения индекса в концепции: в {index_year:year} г. пара набрала "
                    "{index_score:num1} балла из 100 ({index_rank:num0}-е место из {index_n_pairs:num0}).",
              "en": "Study the practice of the best pair ({index_best_pair:text}, {index_best_score:num1} points) "
                    "and set target values of the index in the concept: in {index_year:year} the pair scored "
                    "{index_score:num1} of 100 (rank {index_rank:num0} of {index_n_pairs:num0})."}),
        Rule("R8", {"ru": "Совместные проекты", "en": "Joint projects"},
             ("io_key_sectors", "io_year", "io_shock_multiplier"),
             lambda f: len(f["io_key_sectors"]) > 0,
             {"ru": "Есть ключевые отрасли (прямые и обратные связи > 1)",
              "en": "There are key sectors (backward and forward linkages > 1)"},
             {"ru": "Направлять совместные инвестиционные проекты в ключевые отрасли с сильными межотраслевыми "
                    "связями — разделы ОКВЭД2 {io_key_sectors:list} (таблица «затраты – выпуск» {io_year:year} г.; "
                    "мультипликатор выпуска обрабатывающих производств {io_shock_multiplier:num2}).",
              "en": "Direct joint investment projects to the key sectors with strong inter-industry linkages — "
                    "OKVED2 sections {io_key_sectors:list} (input-output table {io_year:year}; output multiplier "
                    "of manufacturing {io_shock_multiplier:num2})."}),
        Rule("R9", {"ru": "Направления интеграции", "en": "Directions of integration"},
             ("dir_top", "dir_second", "dir_top_c", "dir_illustrative"),
             lambda f: True,
             {"ru": "Есть ранжирование направлений (TOPSIS)", "en": "A ranking of the directions exists (TOPSIS)"},
             {"ru": "Начать с направлений «{dir_top:text}» и «{dir_second:text}» (TOPSIS, C = {dir_top_c:num2})"
                    "{dir_flag:text}.",
              "en": "Start with the directions '{dir_top:text}' and '{dir_second:text}' (TOPSIS, C = "
                    "{dir_top_c:num2}){dir_flag:text}."}),
        Rule("R10", {"ru": "Последовательность мер", "en": "Sequence of measures"},
             ("fastest_target", "fastest_year", "fastest_levers", "fastest_cost"),
             lambda f: True,
             {"ru": "Найден быстрейший путь к цели в пределах бюджета",
              "en": "A fastest path to a target within the budget was found"},
             {"ru": "Закрепить в дорожной карте первоочередные меры ({fastest_levers:list}): по модели сценариев они "
                    "позволяют достичь цели «{fastest_target:text}» к {fastest_year:year} г. при затратах "
                    "{fastest_cost:num0} млн руб.",
              "en": "Put the measures {fastest_levers:list} first in the road map: in the scenario model they reach "
                    "the target '{fastest_target:text}' by {fastest_year:year} at a cost of {fastest_cost:num0} "
                    "mln RUB."}),
        Rule("R10b", {"ru": "Распределение затрат", "en": "Sharing the costs"},
             ("sc_last_name", "sc_npv_ru", "sc_npv_ru_p5", "sc_npv_ru_p95", "sc_npv_by", "sc_npv_by_p5", "sc_npv_by_p95",
              "sc_bcr_ru", "sc_bcr_by", "sc_discount", "sc_npv_base"),
             lambda f: True,
             {"ru": "Есть выгоды и затраты каждой стороны в её валюте", "en": "Each side's benefits and costs in its "
                                                                             "own currency exist"},
             {"ru": "Согласовать долю каждой стороны в общих затратах, опираясь на чистую приведённую стоимость "
                    "сценария «{sc_last_name:text}» (ставка {sc_discount:num0} %, к {sc_npv_base:year} г.): для "
                    "российской стороны {sc_npv_ru:num0} млн руб. (90 % интервал {sc_npv_ru_p5:num0} – "
                    "{sc_npv_ru_p95:num0}; выгоды к затратам {sc_bcr_ru:num1}), для белорусской {sc_npv_by:num0} млн "
                    "бел. руб. ({sc_npv_by_p5:num0} – {sc_npv_by_p95:num0}; {sc_bcr_by:num1}).",
              "en": "Negotiate each side's share of the shared costs on the net present value of the scenario "
                    "'{sc_last_name:text}' (rate {sc_discount:num0}%, to {sc_npv_base:year}): for the Russian side "
                    "{sc_npv_ru:num0} mln RUB (90% interval {sc_npv_ru_p5:num0} – {sc_npv_ru_p95:num0}; benefit–cost "
                    "ratio {sc_bcr_ru:num1}), for the Belarusian side {sc_npv_by:num0} mln BYN ({sc_npv_by_p5:num0} – "
                    "{sc_npv_by_p95:num0}; {sc_bcr_by:num1})."}),
        Rule("R11", {"ru": "Институты интеграции", "en": "Institutions of integration"}, ("sc_effect", "sc_p", "sc_year"),
             lambda f: f["sc_p"] > P_THRESHOLD,
             {"ru": f"Эффект ЕЭП-{2012} на ВРП на душу статистически незначим (p > {fmt.number(P_THRESHOLD, 'ru', 1)})",
              "en": f"Effect of the 2012 Single Economic Space on GRP per capita not significant "
                    f"(p > {fmt.number(P_THRESHOLD, 'en', 1)})"},
             {"ru": "Дополнить общие договорённости Союзного государства адресными мерами для приграничья: "
                    "синтетический контроль не выявил значимого эффекта Единого экономического пространства "
                    "{sc_year:year} г. на ВРП на душу населения {ru_gen:text} (средний разрыв {sc_effect:num3} "
                    "лог. пункта, p = {sc_p:num2}).",
              "en": "Complement the Union State's general agreements with measures targeted at the border area: "
                    "the synthetic control finds no significant effect of the {sc_year:year} Single Economic Space "
                    "on GRP per capita of {ru_nom:text} (average gap {sc_effect:num3} log points, p = {sc_p:num2})."}),
        Rule("R12", {"ru": "Выравнивание", "en": "Convergence"}, ("beta", "beta_p", "beta_n"),
             lambda f: f["beta"] >= 0 or f["beta_p"] > P_THRESHOLD,
             {"ru": "Нет β-конвергенции регионов России по ВРП на душу",
              "en": "No beta convergence of the Russian regions in GRP per capita"},
             {"ru": "Не рассчитывать на автоматическое выравнивание: по {beta_n:num0} регионам России "
                    "β-конвергенции нет (β = {beta:num4}, p = {beta_p:num2}); нужны целевые инструменты "
                    "выравнивания для приграничных территорий.",
              "en": "Do not count on automatic catch-up: across {beta_n:num0} Russian regions there is no beta "
                    "convergence (beta = {beta:num4}, p = {beta_p:num2}); targeted instruments for the border "
                    "areas are needed."}),
    )


RULES: tuple[Rule, ...] = _rules()


def prepare_facts(facts: Facts, lang: str) -> dict[str, Any]:
    """Facts with the derived texts the rules cite (the ILLUSTRATIVE flag of the directions)."""
    from regint.report.i18n import region_forms

    out = dict(facts)
    for side in ("ru", "by"):
        code = str(out.get(f"pair_{side}", ""))
        for case, name in region_forms(code, lang).items():
            out[f"{side}_{case}"] = name
    from regint.report.i18n import pair_label
    from regint.report.labels import target_text

    if isinstance(out.get("index_best_pair"), str) and ":" in out["index_best_pair"]:
        out["index_best_pair"] = pair_label(out["index_best_pair"], lang)
    if isinstance(out.get("fastest_target"), str):
        out["fastest_target"] = target_text(out["fastest_target"], lang)
    if out.get("dir_illustrative"):
        out["dir_flag"] = (" — ИЛЛЮСТРАТИВНО: ответы вымышленных экспертов (ILLUSTRATIVE)" if lang == "ru"
                           else " — ILLUSTRATIVE: answers of fictitious experts")
    else:
        out["dir_flag"] = ""
    return out
