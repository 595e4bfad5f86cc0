"""Names of indicators, outcomes, items and statuses as the report prints them, in Russian and English."""

from __future__ import annotations

from regint.data.catalogs import indicators

#: Preconditions indicators: (ru name, en name, ru explanation).
PRECONDITIONS: dict[str, tuple[str, str, str]] = {
    "wage_ratio_usd": ("Отношение зарплат (в долл. США)", "Wage ratio (USD)",
                       "Средняя зарплата российского региона к белорусскому в долларах США по официальным курсам"),
    "wage_sigma_sd_log": ("σ-дисперсия зарплат", "Sigma dispersion of wages",
                          "Стандартное отклонение логарифмов зарплат в долларах по приграничным регионам"),
    "real_exchange_rate": ("Реальный курс BYN/RUB (база = 100)", "Real exchange rate BYN/RUB (base = 100)",
                           "Курс белорусского рубля к российскому с поправкой на инфляцию; ниже 100 — реальное "
                           "обесценение белорусского рубля"),
    "rer_half_life": ("Полупериод отклонений реального курса, лет", "Half-life of real exchange rate deviations, years",
                      "Время, за которое отклонение реального курса сокращается вдвое (AR(1))"),
    "rer_adf_pvalue": ("p-значение теста ADF реального курса", "ADF test p-value of the real exchange rate",
                       "Большое значение — нет свидетельств возврата реального курса к среднему"),
    "price_level_gap": ("Разрыв уровней цен, %", "Price level gap, %",
                        "Уровень цен России относительно Беларуси (ППС к рыночному курсу)"),
    "exports_cis_share": ("Доля СНГ в экспорте", "CIS share of exports",
                          "Доля стран СНГ в экспорте товаров региона"),
    "openness": ("Открытость экономики", "Trade openness", "Экспорт и импорт товаров к ВРП"),
}

#: Reasons of indicators not computed (by indicator code), in Russian; English comes from the module.
NOT_COMPUTED_RU: dict[str, str] = {
    "wage_gap_close_year": "разрыв в зарплатах на этом тренде не сокращается",
    "grp_per_capita_ratio_usd": "нет ВРП на душу населения белорусской области в долларах (нет ряда ВРП или курса)",
    "exports_partner_share": "нет данных об экспорте региона в страну-партнёра",
    "exports_cis_share": "нет данных об экспорте в страны СНГ",
    "openness": "нет ВРП белорусской области: открытость не рассчитывается",
    "grp_volume_index_concordance": "нет общих лет индексов физического объёма ВРП у двух регионов",
    "industrial_production_index_concordance": "нет общих лет индексов промышленного производства у двух регионов",
    "krugman_specialisation": "нет структуры ВРП по видам деятельности: индексы Кругмана и структурного сходства "
                              "не рассчитываются",
    "balassa_rca": "нет товарной структуры торговли регионов: RCA не рассчитывается",
    "grubel_lloyd": "нет товарной структуры экспорта и импорта: внутриотраслевая торговля не рассчитывается",
    "trade_complementarity": "нет товарной структуры экспорта одного региона и импорта другого",
    "novy_trade_costs": "нет межрегиональных потоков торговли пары (только торговля со страной-партнёром)",
    "markov_mobility": "цепь Маркова требует многих регионов, а не пары (см. конвергенцию по регионам России)",
    "beta_convergence": "β-конвергенция требует многих регионов (рассчитана ниже по регионам России)",
}

SCENARIO_ITEMS: dict[str, tuple[str, str]] = {
    "exports": ("Прирост экспорта", "Export gain"), "output": ("Прирост выпуска", "Output gain"),
    "gva": ("Прирост валовой добавленной стоимости", "Gross value added gain"),
    "jobs": ("Рабочие места (в последнем году)", "Jobs (in the last year)"),
    "budget_cost": ("Бюджетные затраты", "Budget cost"),
}
UNITS: dict[str, tuple[str, str]] = {
    "mln USD": ("млн долл. США", "mln USD"), "mln RUB": ("млн руб.", "mln RUB"), "jobs": ("рабочих мест", "jobs"),
}
OUTCOMES: dict[str, tuple[str, str]] = {
    "wage_gap": ("разрыв в зарплатах", "wage gap"), "grp_gap": ("разрыв в ВРП на душу", "GRP per capita gap"),
    "price_gap": ("разрыв в уровне цен", "price level gap"), "score": ("интегральная оценка", "integration score"),
    "trade": ("товарооборот пары", "trade of the pair"),
}
SIDES: dict[str, tuple[str, str]] = {"ru": ("Россия", "Russia"), "by": ("Беларусь", "Belarus")}


def pick(pair: tuple[str, str], lang: str) -> str:
    """The Russian or English member of a ``(ru, en)`` tuple."""
    return pair[0] if lang == "ru" else pair[1]


def indicator_name(code: str, lang: str) -> str:
    """Catalog name of an indicator (``grp_structure_C`` → the structure's name), or the code."""
    cat = indicators()
    base = code if code in cat.index else code.rsplit("_", 1)[0]
    if base in cat.index:
        return str(cat.at[base, f"name_{lang}"])
    return code


def indicator_unit(code: str, lang: str) -> str:
    """Catalog unit of an indicator (English catalog units, with the common Russian ones translated)."""
    cat = indicators()
    unit = str(cat.at[code, "unit"]) if code in cat.index else ""
    if lang == "ru":
        unit = (unit.replace("mln national currency", "млн нац. валюты")
                .replace("national currency per month", "нац. валюты в месяц")
                .replace("national currency", "нац. валюты").replace("thous. persons", "тыс. чел.")
                .replace("persons", "чел.").replace("mln USD", "млн долл. США")
                .replace("December on December of previous year", "декабрь к декабрю предыдущего года")
                .replace("previous year = 100", "к предыдущему году")
                .replace("% of previous year", "% к предыдущему году"))
    return unit


def target_text(target: str, lang: str) -> str:
    """``"wage_gap<=0.1"`` → ``"разрыв в зарплатах ≤ 0,1"``."""
    from regint.report import fmt

    for op in ("<=", ">=", "<", ">"):
        if op in target:
            name, value = target.split(op, 1)
            sym = {"<=": "≤", ">=": "≥", "<": "<", ">": ">"}[op]
            label = pick(OUTCOMES.get(name.strip(), (name, name)), lang)
            try:
                return f"{label} {sym} {fmt.compact(float(value), lang)}"
            except ValueError:
                return target
    return target
