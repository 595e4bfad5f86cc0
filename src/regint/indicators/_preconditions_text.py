"""The sentences of :mod:`regint.indicators.preconditions` in English and Russian, as templates in one place.

Each template is a :meth:`str.format` string. Numbers keep the format spec of the English sentence
(``{x:,.2f}``); in Russian they are written with the decimal comma and the non-breaking-space thousands separator
of the CLDR ``ru`` locale (babel), and a number is tied to its unit by a no-break space («2012 г.»). Fields that
read differently by language are markers resolved when the sentence is rendered: :class:`Region` (``{a.nom}``,
``{a.gen}``, ``{a.dat}``, ``{a.prep}``, ``{a.code}``), :class:`Regions` (a list of regions after «по»),
:class:`Phrase` (a phrase of :data:`PHRASES` with its forms), :class:`Span` (years), :class:`CpiOf` (whose CPI)
and :class:`Reason` (a reason given by another module of :mod:`regint.indicators`, translated by the patterns of
:data:`REASONS_RU`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from numbers import Number
from typing import Any, Literal

from babel.numbers import get_decimal_symbol, get_group_symbol

from regint._i18n_names import CASES, RU_CASES, derive_ru_cases

Lang = Literal["en", "ru"]
LANGS: tuple[str, str] = ("en", "ru")

REGION_NAMES: dict[str, str] = {
    "RU-SMO": "Smolensk oblast", "RU-PSK": "Pskov oblast", "RU-BRY": "Bryansk oblast",
    "BY-VI": "Vitebsk oblast", "BY-MA": "Mogilev oblast", "BY-HO": "Gomel oblast", "BY-MI": "Minsk oblast",
    "BY-HM": "Minsk city", "RU": "Russia", "BY": "Belarus",
}

# ------------------------------------------------------------------------------------------------- sentences
TEXTS: dict[str, dict[str, str]] = {
    # --- computed indicators (the ``meaning`` column)
    "gap_ratio": {
        "en": "In {last} the {what.nom} in {a} was {va:,.0f} USD against {vb:,.0f} USD in {b}: a ratio of "
              "{ratio:.2f}{before}.",
        "ru": "В {last} г. {what.nom} в {a.prep} {what.verb} {va:,.0f} {what.unit} против {vb:,.0f} долл. "
              "в {b.prep}: в {times:.2f} раза {more.nom}{before}."},
    "gap_before": {"en": " (it was {ratio0:.2f} in {first})", "ru": " (в {first} г. — в {times0:.2f} раза)"},
    "gap_before_turned": {"en": " (it was {ratio0:.2f} in {first})",
                          "ru": " (в {first} г. — в {times0:.2f} раза {more0.nom})"},
    "gap_close_year": {
        "en": "On the log-linear trend of {span} the {what.nom} ratio of {a} to {b} would reach parity around "
              "{year:.0f}.",
        "ru": "При сохранении логарифмически-линейного тренда {span} соотношение {what.gen} в {a.prep} и в "
              "{b.prep} выйдет на паритет примерно к {year:.0f} г."},
    "wage_sigma_sd_log": {
        "en": "The dispersion (sd of log) of USD wages across {n} border regions went from {d0:.3f} to "
              "{d1:.3f}; its trend is {trend.nom} (slope {slope:.4f}/year, p = {p:.2f}).",
        "ru": "Разброс заработной платы в долларах США по {n} приграничным регионам (стандартное отклонение "
              "логарифмов) изменился за {span} с {d0:.3f} до {d1:.3f}: {trend.nom} (наклон тренда {slope:.4f} "
              "в год, p = {p:.2f})."},
    "real_exchange_rate": {
        "en": "The real exchange rate of the Belarusian rouble against the Russian rouble (RUB per BYN x "
              "{cpi_b} / {cpi_a}, {y0} = 100) was {q:.1f} in {y1}: the BYN {direction.nom} in real terms by "
              "{change:.1f} %.",
        "ru": "Реальный курс белорусского рубля к российскому (российских рублей за белорусский рубль × "
              "{cpi_b} / {cpi_a}; {y0} г. = 100) в {y1} г. составил {q:.1f}: в реальном выражении "
              "белорусский рубль {direction.nom} на {change:.1f} %."},
    "rer_half_life": {
        "en": "Deviations of the real exchange rate halve in about {hl:.1f} years (AR(1) on the log rate, "
              "rho = {rho:.2f}).",
        "ru": "Отклонения реального курса от среднего уровня сокращаются вдвое примерно за {hl:.1f} года "
              "(модель AR(1) для логарифма курса, ρ = {rho:.2f})."},
    "rer_adf_pvalue": {
        "en": "The ADF test {adf.verb} a unit root in the log real exchange rate at 5 % (p = {p:.2f}): "
              "{adf.nom}.",
        "ru": "Расширенный тест Дики — Фуллера {adf.verb} гипотезу о единичном корне логарифма реального курса "
              "на уровне значимости 5 % (p = {p:.2f}): {adf.nom}."},
    "price_level_gap": {
        "en": "In {y} the price level of {a} was {gap:+.1f} % against {b} (PPP over the market exchange rate).",
        "ru": "В {y} г. уровень цен в {a.prep} был на {abs_gap:.1f} % {higher.nom}, чем в {b.prep} (отношение "
              "паритета покупательной способности к рыночному валютному курсу)."},
    "exports_cis_share": {
        "en": "In {y1} {s1:.1f} % of the exports of {r} went to CIS countries ({s0:.1f} % in {y0}).",
        "ru": "В {y1} г. на страны СНГ приходилось {s1:.1f} % экспорта {r.gen} (в {y0} г. — {s0:.1f} %)."},
    "exports_partner_share": {
        "en": "In {y1} {s1:.1f} % of the exports of {r} went to the partner country ({s0:.1f} % in {y0}).",
        "ru": "В {y1} г. доля {partner.gen} в экспорте {r.gen} составляла {s1:.1f} % (в {y0} г. — {s0:.1f} %)."},
    "openness": {
        "en": "Exports plus imports of goods of {r} were {op:.1f} % of its GRP in {y}.",
        "ru": "В {y} г. внешнеторговый оборот {r.gen} (экспорт и импорт товаров) составил {op:.1f} % ВРП."},
    "concordance": {
        "en": "{a} and {b} grew or contracted together ({ind.nom}) in {c:.0f} % of the years (Harding-Pagan; "
              "{e:.0f} % expected if independent).",
        "ru": "{ind.subj} в {a.prep} и в {b.prep} {ind.verb} в {c:.0f} % лет (индекс согласованности "
              "Хардинга — Пэгана; при независимой динамике ожидалось бы {e:.0f} %)."},
    "correlation": {
        "en": "The year-on-year growth of {a} and {b} correlates at {r:.2f} (p = {p:.2f}).",
        "ru": "Коэффициент корреляции годовых темпов прироста {ind.gen} в {a.prep} и в {b.prep} — {r:.2f} "
              "(p = {p:.2f})."},
    "krugman_specialisation": {
        "en": "The activity structures of {a} and {b} differ by {k:.2f} on Krugman's 0-2 scale ({n} activities, "
              "{y}).",
        "ru": "Индекс структурных различий Кругмана между экономиками {a.gen} и {b.gen} — {k:.2f} по шкале от 0 "
              "до 2 (видов деятельности: {n}; {y} г.)."},
    "structural_similarity_cosine": {
        "en": "The cosine similarity of the two GRP structures is {cos:.2f} (1 = identical proportions).",
        "ru": "Косинусная мера сходства отраслевых структур ВРП двух регионов — {cos:.2f} (1 — одинаковые "
              "пропорции)."},
    # --- indicators not computed (the ``reason``)
    "skip_gap_no_usd": {
        "en": "no {ind} in USD ({ind} or fx_usd missing) for {lacking}: {what.nom} gap not computable",
        "ru": "нет данных о {what.prep} в долларах США (нет ряда {ind} или курса fx_usd) по {lacking}: разрыв "
              "не рассчитан"},
    "skip_gap_no_common": {
        "en": "no year with {ind} of both regions: {what.nom} gap not computable",
        "ru": "нет ни одного года с данными о {what.prep} по обоим регионам: разрыв не рассчитан"},
    "skip_sigma": {
        "en": "wages in USD for {n_regions} regions over {n_years} years with 3+ regions; sigma convergence needs "
              "3 regions and 3 years",
        "ru": "заработная плата в долларах США: регионов — {n_regions}, лет с данными не менее чем по трём "
              "регионам — {n_years}; для σ-конвергенции нужно не менее 3 регионов и 3 лет"},
    "skip_rer_lacking": {
        "en": "no {lacking}: RUB/BYN real exchange rate not computable",
        "ru": "нет рядов {lacking}: реальный курс белорусского рубля к российскому не рассчитан"},
    "skip_rer_short": {
        "en": "{n} year(s) with the rate and both CPIs; need 2 to index",
        "ru": "лет с данными о курсе и обоих ИПЦ: {n}; для индекса нужно не менее 2"},
    "skip_adf": {"en": "ADF on the real exchange rate: {reason}",
                 "ru": "тест Дики — Фуллера для реального курса не проведён ({reason})"},
    "skip_ppp_lacking": {
        "en": "no {lacking}: PPP price-level gap not computable",
        "ru": "нет рядов {lacking}: разрыв в уровне цен по паритету покупательной способности не рассчитан"},
    "skip_ppp_no_year": {
        "en": "no year with PPP and exchange rates for both countries",
        "ru": "нет ни одного года с данными о паритете покупательной способности и валютных курсах обеих стран"},
    "skip_no_exports": {"en": "no exports_usd for {r.code}", "ru": "нет данных об экспорте (exports_usd) по {r.dat}"},
    "skip_no_series": {"en": "no {ind.nom} for {r.code}", "ru": "нет {ind.nom} по {r.dat}"},
    "skip_openness": {
        "en": "no {missing.nom} for {r.code}: trade openness not computable",
        "ru": "нет {missing.nom} по {r.dat}: открытость внешней торговли не рассчитана"},
    "skip_openness_no_year": {
        "en": "no year with exports, imports and GRP for {r.code}",
        "ru": "нет ни одного года с данными об экспорте, импорте и ВРП по {r.dat}"},
    "skip_cycles": {
        "en": "{n} common years of {ind.code} for {a.code} and {b.code}; need 5",
        "ru": "общих лет с данными {ind.about} по {a.dat} и {b.dat}: {n}; нужно не менее 5"},
    "skip_structure_none": {
        "en": "no GRP structure by activity (grp_structure_<activity>) for the pair: Krugman index and structural "
              "similarity not computable",
        "ru": "нет структуры ВРП по видам деятельности (grp_structure_<вид деятельности>) для пары регионов: "
              "индекс Кругмана и структурное сходство не рассчитаны"},
    "skip_structure_no_year": {"en": "no year with the GRP structure of both regions",
                               "ru": "нет ни одного года со структурой ВРП обоих регионов"},
    "skip_balassa_rca": {
        "en": "no product-level trade for the pair: RCA not computable",
        "ru": "нет данных о торговле пары регионов по товарам: выявленные сравнительные преимущества (RCA) не "
              "рассчитаны"},
    "skip_grubel_lloyd": {
        "en": "no product-level exports and imports for the pair: intra-industry trade not computable",
        "ru": "нет данных об экспорте и импорте пары регионов по товарам: внутриотраслевая торговля "
              "(индекс Грубеля — Ллойда) не рассчитана"},
    "skip_trade_complementarity": {
        "en": "no product-level exports of one region and imports of the other: complementarity and export "
              "similarity not computable",
        "ru": "нет данных по товарам об экспорте одного региона и импорте другого: взаимодополняемость торговли "
              "и сходство экспорта не рассчитаны"},
    "skip_novy_trade_costs": {
        "en": "no region-to-region trade flows between the pair (only trade with the partner country): Novy "
              "trade costs not computable",
        "ru": "нет данных о торговле между самими регионами пары (есть только торговля со страной-партнёром): "
              "торговые издержки по Нови не рассчитаны"},
    "skip_markov_mobility": {
        "en": "a Markov chain of income classes needs a cross-section of many regions, not a pair: run "
              "regint.indicators.convergence.markov on all regions of a country",
        "ru": "для марковской цепи классов дохода нужна выборка из многих регионов, а не пара: используйте "
              "regint.indicators.convergence.markov по всем регионам страны"},
    "skip_beta_convergence": {
        "en": "beta convergence needs a cross-section of many regions, not a pair and a few comparators: run "
              "regint.indicators.convergence.beta_convergence on all regions",
        "ru": "для β-конвергенции нужна выборка из многих регионов, а не пара и несколько регионов сравнения: "
              "используйте regint.indicators.convergence.beta_convergence по всем регионам"},
    "skip_failed": {"en": "failed on these data: {exc}", "ru": "расчёт на этих данных не удался: {exc}"},
    # --- notes
    "note_usd": {
        "en": "monetary values compared across the border in USD at annual-average official rates (fx_usd)",
        "ru": "денежные показатели двух стран сопоставлены в долларах США по среднегодовым официальным курсам "
              "(fx_usd)"},
    "note_byr": {
        "en": "{n} value(s) in BYR (before the 2016 redenomination) converted to BYN by / 10 000",
        "ru": "значений в BYR (до деноминации 2016 г.), пересчитанных в BYN делением на 10 000: {n}"},
}

#: Phrases with the forms the templates ask for (``nom`` is what ``{field}`` alone gives).
PHRASES: dict[str, dict[str, dict[str, str]]] = {
    "wage": {"en": {"nom": "average monthly wage"},
             "ru": {"nom": "средняя начисленная заработная плата", "gen": "средней начисленной заработной платы",
                    "prep": "средней начисленной заработной плате", "verb": "составляла",
                    "unit": "долл. США в месяц"}},
    "grp_per_capita": {"en": {"nom": "GRP per capita"},
                       "ru": {"nom": "ВРП на душу населения", "gen": "ВРП на душу населения",
                              "prep": "ВРП на душу населения", "verb": "составлял", "unit": "долл. США"}},
    "more": {"en": {"nom": "more"}, "ru": {"nom": "больше"}},
    "less": {"en": {"nom": "less"}, "ru": {"nom": "меньше"}},
    "sigma_converging": {"en": {"nom": "falling significantly (sigma convergence)"},
                         "ru": {"nom": "значимая тенденция к сокращению (σ-конвергенция)"}},
    "sigma_rising": {"en": {"nom": "rising"}, "ru": {"nom": "тенденция к росту"}},
    "sigma_flat": {"en": {"nom": "not falling significantly"}, "ru": {"nom": "значимой тенденции к сокращению нет"}},
    "appreciated": {"en": {"nom": "appreciated"}, "ru": {"nom": "укрепился"}},
    "depreciated": {"en": {"nom": "depreciated"}, "ru": {"nom": "ослаб"}},
    "adf_reject": {"en": {"verb": "rejects", "nom": "PPP-type mean reversion"},
                   "ru": {"verb": "отвергает", "nom": "курс возвращается к среднему уровню, как того требует "
                                                       "паритет покупательной способности"}},
    "adf_keep": {"en": {"verb": "does not reject", "nom": "no evidence of mean reversion"},
                 "ru": {"verb": "не отвергает", "nom": "свидетельств возврата курса к среднему уровню нет"}},
    "higher": {"en": {"nom": "higher"}, "ru": {"nom": "выше"}},
    "lower": {"en": {"nom": "lower"}, "ru": {"nom": "ниже"}},
    "no_grp": {"en": {"nom": "GRP (or GRP per capita and population)"},
               "ru": {"nom": "данных о ВРП (или о ВРП на душу населения и численности населения)"}},
    "no_imports": {"en": {"nom": "imports_usd"}, "ru": {"nom": "данных об импорте (imports_usd)"}},
    "exports_cis_usd": {"en": {"nom": "exports_cis_usd"},
                        "ru": {"nom": "данных об экспорте в страны СНГ (exports_cis_usd)"}},
    "exports_partner_usd": {"en": {"nom": "exports_partner_usd"},
                            "ru": {"nom": "данных об экспорте в страну-партнёра (exports_partner_usd)"}},
    "grp_volume_index": {
        "en": {"nom": "grp volume index", "code": "grp_volume_index"},
        "ru": {"nom": "индекс физического объёма ВРП", "code": "grp_volume_index", "subj": "Реальный ВРП",
               "verb": "одновременно рос или одновременно сокращался", "gen": "реального ВРП",
               "about": "об индексе физического объёма ВРП"}},
    "industrial_production_index": {
        "en": {"nom": "industrial production index", "code": "industrial_production_index"},
        "ru": {"nom": "индекс промышленного производства", "code": "industrial_production_index",
               "subj": "Промышленное производство", "verb": "одновременно росло или одновременно сокращалось",
               "gen": "промышленного производства", "about": "об индексе промышленного производства"}},
}

#: Reasons given in English by other modules of regint.indicators → Russian; ``{0}``... are the groups, numbers
#: rewritten with the decimal comma. A reason matching no pattern is kept as it is.
REASONS_RU: tuple[tuple[str, str], ...] = (
    (r"(\d+) common period\(s\); a trend needs (\d+)", "общих лет: {0}; для тренда нужно не менее {1}"),
    (r"the gap is not closing on this trend \(fitted (\S+) at (\S+), slope (\S+) per year away from parity\)",
     "по тренду разрыв не сокращается: значение тренда в {1} г. — {0}, наклон — {2} в год в сторону от "
     "паритета"),
    (r"(\d+) observations; AR\(1\) needs at least (\d+)", "наблюдений: {0}; для модели AR(1) нужно не менее {1}"),
    (r"rho = (\S+) is outside \(0, 1\): deviations do not decay monotonically",
     "ρ = {0} вне интервала (0; 1): отклонения не затухают монотонно"),
    (r"(\d+) observations; the test needs at least (\d+)", "наблюдений: {0}; для теста нужно не менее {1}"),
    (r"the series is constant", "ряд не меняется"),
    (r"statsmodels adfuller failed: (.*)", "ошибка statsmodels adfuller: {0}"),
    (r"(\d+) common periods; need (\d+)", "общих периодов: {0}; нужно не менее {1}"),
    (r"a cycle is constant", "один из циклов не меняется"),
)


# ------------------------------------------------------------------------------------------------- markers
class Forms:
    """Forms of a name or phrase: ``{x.gen}`` gives one, ``{x}`` gives the nominative."""

    def __init__(self, forms: Mapping[str, str]) -> None:
        self._forms = dict(forms)

    def __getattr__(self, name: str) -> str:
        forms = self.__dict__.get("_forms", {})
        if name in forms:
            return str(forms[name])
        raise AttributeError(name)

    def __format__(self, spec: str) -> str:
        return format(self._forms["nom"], spec)


@dataclass(frozen=True)
class Region:
    """A region by code: its English name, or its Russian name in the case the template asks for."""

    code: str

    def render(self, lang: str) -> Forms:
        if lang == "en":
            name = REGION_NAMES.get(self.code, self.code)
            return Forms({**dict.fromkeys(CASES, name), "code": self.code})
        return Forms({**dict(zip(CASES, ru_cases(self.code), strict=True)), "code": self.code})


@dataclass(frozen=True)
class Regions:
    """Regions by code after «по» (dative): codes joined by commas in English."""

    codes: tuple[str, ...]

    def render(self, lang: str) -> str:
        if lang == "en":
            return ", ".join(self.codes)
        names = [ru_cases(c)[2] for c in self.codes]
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} и {names[-1]}"


@dataclass(frozen=True)
class Phrase:
    """A phrase of :data:`PHRASES`."""

    key: str

    def render(self, lang: str) -> Forms:
        return Forms(PHRASES[self.key][lang])


@dataclass(frozen=True)
class Span:
    """Years: ``2012-2017`` / ``2012`` in English, «2012–2017 гг.» / «2012 г.» in Russian."""

    first: int
    last: int

    def render(self, lang: str) -> str:
        if self.first == self.last:
            return f"{self.first}" if lang == "en" else f"{self.first} г."
        return f"{self.first}-{self.last}" if lang == "en" else f"{self.first}–{self.last} гг."


@dataclass(frozen=True)
class CpiOf:
    """Whose CPI: a region code, or ``"BY (inflation, annual average)"`` for a country's average inflation.

    Rendered with the word: ``CPI RU-SMO``, «ИПЦ Смоленской области».
    """

    label: str

    def render(self, lang: str) -> str:
        if lang == "en":
            return f"CPI {self.label}"
        code, _, rest = self.label.partition(" ")
        name = ru_cases(code)[1]
        return f"индекс цен {name} по среднегодовой инфляции" if rest else f"ИПЦ {name}"


@dataclass(frozen=True)
class Reason:
    """A reason written in English by another module, translated for Russian by :data:`REASONS_RU`."""

    text: str

    def render(self, lang: str) -> str:
        return self.text if lang == "en" else translate_reason(self.text)


_Marker = Region | Regions | Phrase | Span | CpiOf | Reason


# ------------------------------------------------------------------------------------------------- rendering
def ru_cases(code: str) -> tuple[str, str, str, str]:
    """Russian nominative, genitive, dative and prepositional of a region (catalog name when not listed)."""
    if code in RU_CASES:
        return RU_CASES[code]
    try:
        from regint.data.catalogs import region_name

        return derive_ru_cases(region_name(code, "ru"))
    except Exception:  # noqa: BLE001 - an unknown code is written as it is rather than failing the batch
        return code, code, code, code


def _ru_number(text: str) -> str:
    """``"1,234.5"`` → ``"1 234,5"`` with the CLDR ``ru`` symbols (no-break space, decimal comma)."""
    return "".join(get_group_symbol("ru") if ch == "," else get_decimal_symbol("ru") if ch == "." else ch
                   for ch in text)


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        if self.lang == "ru" and format_spec and isinstance(value, Number) and not isinstance(value, bool):
            return _ru_number(text)
        return text


_FORMATTERS = {lang: _Formatter(lang) for lang in LANGS}

#: Russian typesetting keeps a number with its unit on one line: «2012 г.», «49,2 %», «582 долл.».
_RU_NBSP = re.compile(r"(?<=\d) (?=г\.|гг\.|%|долл\.|раза\b)")


def text(key: str, lang: str, **fields: Any) -> str:
    """The sentence ``key`` in ``lang`` with ``fields`` (markers rendered for the language)."""
    values = {k: v.render(lang) if isinstance(v, _Marker) else v for k, v in fields.items()}
    sentence = _FORMATTERS[lang].format(TEXTS[key][lang], **values)
    return _ru_typeset(sentence) if lang == "ru" else sentence


def _ru_typeset(sentence: str) -> str:
    return _RU_NBSP.sub("\u00a0", sentence)


def translate_reason(reason: str) -> str:
    """A Russian reason for an English one of :data:`REASONS_RU`; the reason as it is when no pattern matches."""
    for pattern, template in REASONS_RU:
        m = re.fullmatch(pattern, reason)
        if m:
            groups = (re.sub(r"(?<=\d)\.(?=\d)", get_decimal_symbol("ru"), g) for g in m.groups())
            return _ru_typeset(template.format(*groups))
    return reason

