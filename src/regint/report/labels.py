"""Names of indicators, outcomes, items and statuses as the report prints them, in Russian and English."""

from __future__ import annotations

from regint.data.catalogs import indicators

#: Preconditions indicators: (ru name, en name, ru explanation).
PRECONDITIONS: dict[str, tuple[str, str, str]] = {
    "wage_ratio_usd": ("Отношение зарплат (в долл. США)", "Wage ratio (USD)",
                       "Средняя зарплата российского региона к белорусскому в долларах США по официальным курсам"),
    "wage_sigma_sd_log": ("σ-дисперсия зарплат", "Sigma dispersion of wages",
                          "Стандартное отклонение логарифмов зарплат в долларах по приграничным регионам"),
    "real_exchange_rate": ("Реальный курс белорусского рубля к российскому (первый год = 100)",
                           "Real exchange rate of the Belarusian rouble to the Russian rouble (first year = 100)",
                           "Курс белорусского рубля к российскому с поправкой на инфляцию; ниже 100 — реальное "
                           "обесценение белорусского рубля"),
    "rer_half_life": ("Полупериод отклонений реального курса, лет", "Half-life of real exchange rate deviations, years",
                      "Время, за которое отклонение реального курса сокращается вдвое (AR(1) по последовательным годам)"),
    "rer_adf_pvalue": ("p-значение теста Дики – Фуллера для реального курса",
                       "Dickey-Fuller test p-value of the real exchange rate",
                       "Большое значение — нет свидетельств возврата реального курса к среднему"),
    "price_level_gap": ("Разрыв уровней цен, %", "Price level gap, %",
                        "Уровень цен России относительно Беларуси (ППС к рыночному курсу)"),
    "exports_cis_share": ("Доля СНГ в экспорте", "CIS share of exports",
                          "Доля стран СНГ в экспорте товаров региона"),
    "openness": ("Открытость экономики", "Trade openness", "Экспорт и импорт товаров к ВРП"),
    "wage_gap_close_year": ("Год выравнивания зарплат (на тренде)", "Year the wage gap closes (on trend)",
                            "Год, когда разрыв в зарплатах исчез бы при сохранении тренда лог-отношения"),
    "grp_per_capita_ratio_usd": ("Отношение ВРП на душу населения (в долл. США)", "GRP per capita ratio (USD)",
                                 "ВРП на душу населения российского региона к белорусскому в долларах США"),
    "grp_per_capita_gap_close_year": ("Год выравнивания ВРП на душу населения (на тренде)",
                                      "Year the GRP per capita gap closes (on trend)",
                                      "Год, когда разрыв в ВРП на душу населения исчез бы при сохранении тренда"),
}

#: Reasons of indicators not computed (by indicator code), in Russian; English comes from the module.
NOT_COMPUTED_RU: dict[str, str] = {
    "wage_gap_close_year": "разрыв в зарплатах на этом тренде не сокращается",
    "grp_per_capita_gap_close_year": "слишком мало общих лет для тренда (нужно не меньше трёх)",
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

#: Names of the indicators the data do not allow (by code): (ru, en).
NOT_COMPUTED_NAMES: dict[str, tuple[str, str]] = {
    "wage_gap_close_year": ("Год выравнивания зарплат", "Year the wage gap closes"),
    "grp_per_capita_ratio_usd": ("Отношение ВРП на душу населения (в долл. США)", "GRP per capita ratio (USD)"),
    "grp_per_capita_gap_close_year": ("Год выравнивания ВРП на душу населения",
                                      "Year the GRP per capita gap closes"),
    "exports_partner_share": ("Доля страны-партнёра в экспорте", "Partner country's share of exports"),
    "exports_cis_share": ("Доля СНГ в экспорте", "CIS share of exports"),
    "openness": ("Открытость экономики", "Trade openness"),
    "grp_volume_index_concordance": ("Совпадение фаз роста ВРП", "Concordance of GRP growth"),
    "industrial_production_index_concordance": ("Совпадение фаз промышленного производства",
                                                "Concordance of industrial production"),
    "krugman_specialisation": ("Индекс специализации Кругмана", "Krugman specialisation index"),
    "balassa_rca": ("Выявленные сравнительные преимущества (Баласса)", "Revealed comparative advantage (Balassa)"),
    "grubel_lloyd": ("Внутриотраслевая торговля (Грубел – Ллойд)", "Intra-industry trade (Grubel-Lloyd)"),
    "trade_complementarity": ("Взаимодополняемость торговли", "Trade complementarity"),
    "novy_trade_costs": ("Издержки торговли (по Нови)", "Trade costs (Novy)"),
    "markov_mobility": ("Мобильность в цепи Маркова", "Markov chain mobility"),
    "beta_convergence": ("β-конвергенция пары", "Beta convergence of the pair"),
    "real_exchange_rate": ("Реальный курс", "Real exchange rate"),
    "rer_half_life": ("Полупериод отклонений реального курса", "Half-life of real exchange rate deviations"),
    "rer_adf_pvalue": ("Тест Дики – Фуллера для реального курса", "Dickey-Fuller test of the real exchange rate"),
    "price_level_gap": ("Разрыв уровней цен", "Price level gap"),
    "wage_ratio_usd": ("Отношение зарплат (в долл. США)", "Wage ratio (USD)"),
    "wage_sigma_sd_log": ("σ-дисперсия зарплат", "Sigma dispersion of wages"),
}


#: Reasons of indicators not computed (by indicator code), in English.
NOT_COMPUTED_EN: dict[str, str] = {
    "wage_gap_close_year": "the wage gap does not narrow on this trend",
    "grp_per_capita_ratio_usd": "no GRP per capita of the Belarusian oblast in US dollars (no GRP series or rate)",
    "exports_partner_share": "no data on the region's exports to the partner country",
    "exports_cis_share": "no data on exports to CIS countries",
    "openness": "no GRP of the Belarusian oblast: openness not computed",
    "grp_volume_index_concordance": "no common years of GRP volume indices of the two regions",
    "industrial_production_index_concordance": "no common years of industrial production indices of the two regions",
    "krugman_specialisation": "no GRP structure by activity: Krugman and structural similarity indices not computed",
    "balassa_rca": "no trade of the regions by product: RCA not computed",
    "grubel_lloyd": "no exports and imports by product: intra-industry trade not computed",
    "trade_complementarity": "no exports of one region and imports of the other by product",
    "novy_trade_costs": "no trade flows between the two regions (only trade with the partner country)",
    "markov_mobility": "a Markov chain needs many regions, not a pair (see the convergence of the Russian regions)",
    "beta_convergence": "beta convergence needs many regions (computed below across the Russian regions)",
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
    "price_gap": ("разрыв в уровне цен", "price level gap"), "score": ("сводная оценка интеграции", "integration score"),
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
    """Catalog unit of an indicator in the report's language (``unit`` / ``unit_ru`` of the catalog)."""
    from regint.data.catalogs import indicator_unit as catalog_unit

    return catalog_unit(code, lang)


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


#: Statuses of values and sources (store, catalogs, scenario baseline): (ru, en).
STATUSES: dict[str, tuple[str, str]] = {
    "official": ("официальные", "official"), "secondary": ("вторичные", "secondary"),
    "derived": ("производные", "derived"), "estimate": ("оценка", "estimate"), "data": ("данные", "data"),
    "assumption": ("допущение", "assumption"), "cited": ("из литературы", "cited"),
}


def status_text(status: str, lang: str) -> str:
    """A status (``official``, ``derived``, ...) in ``lang``; an unknown status as it is."""
    return pick(STATUSES[status], lang) if status in STATUSES else status


def origin_text(origin: str, lang: str) -> str:
    """Where a scenario baseline value came from (``store``, ``fallback (baseline.toml)``, ``scenario file (x)``)."""
    if lang != "ru":
        return origin
    if origin == "store":
        return "хранилище"
    for en, ru in (("fallback", "резервное значение"), ("scenario file", "файл сценария")):
        if origin.startswith(en):
            return ru + origin[len(en):]
    return origin


#: Methods of the validation annex: English name → Russian.
METHODS_RU: dict[str, str] = {
    "AHP (eigenvector)": "Метод анализа иерархий (собственный вектор)",
    "Composite index (COIN)": "Сводный индекс (COIN)", "HP filter": "Фильтр Ходрика – Прескотта",
    "Leontief inverse": "Обратная матрица Леонтьева", "Markov chain": "Цепь Маркова",
    "PPML gravity": "Гравитационная модель (PPML)", "TOPSIS (vector)": "TOPSIS (векторная нормировка)",
}

#: Results of the study (``Study`` attribute names) as the report names them: (ru, en).
ANALYSES: dict[str, tuple[str, str]] = {
    "profile": ("Профили регионов", "Regional profiles"), "wages_usd": ("Зарплаты в долларах США", "Wages in USD"),
    "trade_usd": ("Внешняя торговля", "Foreign trade"), "coverage": ("Покрытие данных", "Data coverage"),
    "preconditions": ("Показатели предпосылок", "Preconditions"), "convergence": ("Конвергенция", "Convergence"),
    "io": ("Модель «затраты – выпуск»", "Input-output model"), "index": ("Сводный индекс", "Composite index"),
    "directions": ("Ранжирование направлений", "Ranking of directions"), "gravity": ("Гравитационная модель",
                                                                                   "Gravity model"),
    "evaluation": ("Оценка эффекта ЕЭП", "Evaluation of the SES"), "scenarios": ("Сценарии", "Scenarios"),
    "factors": ("Объективные факторы", "Objective factors"), "maps": ("Карты", "Maps"),
    "subjective": ("Субъективные факторы", "Subjective factors"),
    "validation": ("Проверка методов", "Validation of the methods"),
}

#: Regressors and outcomes of the objective-factor panel: (ru, en).
FACTORS: dict[str, tuple[str, str]] = {
    "cis_export_share": ("доля СНГ в экспорте", "CIS share of exports"),
    "inflation_gap_x_proximity": ("разрыв инфляции × близость к Беларуси", "inflation gap × proximity to Belarus"),
    "by_gdp_usd_growth_x_proximity": ("рост ВВП Беларуси в долл. США × близость к Беларуси",
                                      "growth of Belarus' GDP in USD × proximity to Belarus"),
    "eaeu_x_proximity": ("ЕАЭС (с 2015 г.) × близость к Беларуси", "EAEU (from 2015) × proximity to Belarus"),
    "shock_2014_2015_x_proximity": ("шок 2014–2015 гг. × близость к Беларуси",
                                    "2014–2015 shock × proximity to Belarus"),
    "covid_2020_x_proximity": ("пандемия 2020 г. × близость к Беларуси", "2020 pandemic × proximity to Belarus"),
    "grp_growth": ("рост ВРП", "GRP growth"),
}

#: Parameters of the scenario chain (``mult_<kind>_<side>``): (ru, en) with ``{region}``.
MULTIPLIER_NAMES: dict[str, tuple[str, str]] = {
    "output": ("Мультипликатор выпуска: {region}", "Output multiplier: {region}"),
    "gva": ("Мультипликатор ВДС: {region}", "GVA multiplier: {region}"),
}
