"""Labels of the dashboard in Russian and English: one dictionary, one look-up function.

Every text the dashboard shows goes through :func:`t`; names of regions, indicators, sources, levers and
directions come from the bilingual catalogs of the analysis modules.
"""

from __future__ import annotations

from typing import Any, Literal

Lang = Literal["en", "ru"]
LANGS: tuple[str, ...] = ("ru", "en")
DEFAULT_LANG: Lang = "ru"

LABELS: dict[str, dict[str, str]] = {
    # shell
    "app_title": {"en": "regint — economic integration of Russian and Belarusian border regions",
                  "ru": "regint — экономическая интеграция приграничных регионов России и Беларуси"},
    "app_short": {"en": "regint", "ru": "regint"},
    "status_official": {"en": "official", "ru": "официальные"},
    "status_secondary": {"en": "secondary", "ru": "вторичные"},
    "status_derived": {"en": "derived", "ru": "расчётные"},
    "status_estimate": {"en": "estimate", "ru": "оценка"},
    "status_cited": {"en": "cited", "ru": "со ссылкой на источник"},
    "status_data": {"en": "data", "ru": "по данным"},
    "status_assumption": {"en": "assumption", "ru": "допущение"},
    "sheet_data": {"en": "data", "ru": "Данные"},
    "sheet_meta": {"en": "metadata", "ru": "Метаданные"},
    "field": {"en": "Field", "ru": "Поле"},
    "definition": {"en": "Definition", "ru": "Определение"},
    "conversion": {"en": "Conversion", "ru": "Пересчёт"},
    "left_out": {"en": "Left out", "ru": "Не вошло"},
    "nothing_left_out": {"en": "nothing", "ru": "ничего"},
    "rounding": {"en": "Rounding", "ru": "Округление"},
    "rounding_text": {"en": "values rounded as displayed: four significant figures, whole numbers from 1,000",
                      "ru": "значения округлены как на экране: четыре значащие цифры, от 1000 — до целых"},
    "made": {"en": "Made by", "ru": "Подготовлено"},
    "pair_label": {"en": "Pair of regions", "ru": "Пара регионов"},
    "source_line": {"en": "Source: {sources}", "ru": "Источник: {sources}"},
    "fresh_badge": {"en": "{region}: data to {year}", "ru": "{region}: данные по {year} г."},
    "fresh_none": {"en": "{region}: no data", "ru": "{region}: данных нет"},
    "fx_dropped": {"en": "{n} value(s) left out: no annual average exchange rate to the US dollar for {what}.",
                   "ru": "Не показано значений: {n} — нет среднегодового курса к доллару США за {what}."},
    "fx_note": {"en": "Converted to US dollars at annual average official rates (fx_usd of the central banks).",
                "ru": "Пересчитано в доллары США по среднегодовым официальным курсам центральных банков."},
    "two_panels": {"en": "Different currencies are shown in separate panels (never on one axis); tick “in US dollars” "
                         "to compare them on one scale.",
                   "ru": "Разные валюты показаны на отдельных панелях (не на одной оси); отметьте «в долларах США», "
                         "чтобы сравнить их в одной шкале."},
    "in_usd": {"en": " in US dollars", "ru": " в долларах США"},
    "map_default_only": {"en": "The locator map is drawn for Smolensk and Vitebsk oblasts; the index page maps every "
                               "border pair.",
                         "ru": "Обзорная карта построена для Смоленской и Витебской областей; все приграничные пары "
                               "показаны на карте страницы «Индекс»."},
    "app_subtitle": {"en": "Decision support for the economic integration of a Russian and a Belarusian region",
                     "ru": "Поддержка решений по экономической интеграции российского и белорусского регионов"},
    "language": {"en": "Language", "ru": "Язык"},
    "nav_overview": {"en": "Overview", "ru": "Обзор"},
    "nav_indicators": {"en": "Indicators", "ru": "Показатели"},
    "nav_index": {"en": "Index", "ru": "Индекс"},
    "nav_scenarios": {"en": "Scenarios", "ru": "Сценарии"},
    "nav_directions": {"en": "Directions", "ru": "Направления"},
    "nav_experts": {"en": "Experts", "ru": "Эксперты"},
    "nav_data": {"en": "Data", "ru": "Данные"},
    "nav_report": {"en": "Report", "ru": "Отчёт"},
    "not_found": {"en": "No such page.", "ru": "Такой страницы нет."},
    "not_available": {"en": "Not available yet", "ru": "Пока недоступно"},
    "not_available_text": {
        "en": "The module {module} is not part of this installation yet; this page will use it when it is.",
        "ru": "Модуль {module} ещё не входит в эту установку; страница начнёт его использовать, когда он появится."},
    "error": {"en": "Error", "ru": "Ошибка"},
    "no_data": {"en": "No data for this selection.", "ru": "Нет данных для этой выборки."},
    "loading": {"en": "Loading…", "ru": "Загрузка…"},
    "rows_shown": {"en": "{shown} of {total} rows shown", "ru": "показано строк: {shown} из {total}"},
    "download_csv": {"en": "Download CSV", "ru": "Скачать CSV"},
    "download_xlsx": {"en": "Download XLSX", "ru": "Скачать XLSX"},
    "source_note": {"en": "Sources: {sources}", "ru": "Источники: {sources}"},
    "illustrative": {"en": "ILLUSTRATIVE: uses the shipped fictitious expert answers, not a survey of real experts.",
                     "ru": "ИЛЛЮСТРАЦИЯ: использованы поставляемые вымышленные ответы экспертов, а не опрос реальных экспертов."},
    # overview
    "overview_title": {"en": "The pair: {a} (Russia) and {b} (Belarus)",
                       "ru": "Пара: {a} (Россия) и {b} (Беларусь)"},
    "profile": {"en": "Profile (latest year with data)", "ru": "Профиль (последний год с данными)"},
    "key_indicators": {"en": "Key indicators of integration", "ru": "Ключевые показатели интеграции"},
    "trends": {"en": "Trends", "ru": "Динамика"},
    "map": {"en": "Where the pair lies", "ru": "Расположение пары"},
    "not_computed": {"en": "Not computable with these data", "ru": "Не рассчитано по этим данным"},
    "indicator": {"en": "Indicator", "ru": "Показатель"},
    "regions": {"en": "Regions", "ru": "Регионы"},
    "region": {"en": "Region", "ru": "Регион"},
    "years": {"en": "Years", "ru": "Годы"},
    "year": {"en": "Year", "ru": "Год"},
    "value": {"en": "Value", "ru": "Значение"},
    "unit": {"en": "Unit", "ru": "Единица"},
    "source": {"en": "Source", "ru": "Источник"},
    "status": {"en": "Status", "ru": "Статус"},
    "meaning": {"en": "Meaning", "ru": "Смысл"},
    "reason": {"en": "Reason", "ru": "Причина"},
    "period": {"en": "Period", "ru": "Период"},
    # indicators
    "indicators_title": {"en": "Indicators by region and year", "ru": "Показатели по регионам и годам"},
    "choose_indicator": {"en": "Indicator", "ru": "Показатель"},
    "choose_regions": {"en": "Regions", "ru": "Регионы"},
    "choose_years": {"en": "Years", "ru": "Годы"},
    "units_differ": {"en": "The regions report this indicator in different units ({units}); tick USD to compare "
                           "monetary values on one scale.",
                     "ru": "Регионы публикуют показатель в разных единицах ({units}); отметьте USD, чтобы сравнить "
                           "денежные величины в одной шкале."},
    "breaks": {"en": "Series breaks that touch these values", "ru": "Разрывы рядов, затрагивающие эти значения"},
    # index
    "index_title": {"en": "Cross-border integration index of the border pairs",
                    "ru": "Индекс трансграничной интеграции приграничных пар"},
    "pairs": {"en": "Pairs", "ru": "Пары"},
    "score": {"en": "Index score", "ru": "Значение индекса"},
    "score_band": {"en": "Median of the Monte Carlo; band: 5th–95th percentile ({n} base runs)",
                   "ru": "Медиана Монте-Карло; полоса: 5–95-й процентили ({n} базовых прогонов)"},
    "dimensions": {"en": "Dimension breakdown, latest year with data", "ru": "Вклад измерений, последний год с данными"},
    "ranks": {"en": "Scores and rank intervals, latest year", "ru": "Значения и интервалы рангов, последний год"},
    "pair": {"en": "Pair", "ru": "Пара"},
    "rank": {"en": "Rank", "ru": "Ранг"},
    "rank_interval": {"en": "Rank 5–95 %", "ru": "Ранг 5–95 %"},
    "dropped": {"en": "Left out for lack of data: {codes}", "ru": "Исключены из-за отсутствия данных: {codes}"},
    "index_chart_title": {"en": "Cross-border integration index by year", "ru": "Индекс трансграничной интеграции по годам"},
    "score_unit": {"en": "points, 0–100", "ru": "баллы, 0–100"},
    "nominal": {"en": "nominal weights", "ru": "номинальные веса"},
    "index_source": {"en": "Source: regint calculation from the observations of the store (see the Data page)",
                     "ru": "Источник: расчёт regint по наблюдениям хранилища (см. страницу «Данные»)"},
    "pairs_map": {"en": "Pairs on the map", "ru": "Пары на карте"},
    # scenarios
    "scenarios_title": {"en": "Scenarios of integration", "ru": "Сценарии интеграции"},
    "base_scenario": {"en": "Start from scenario", "ru": "Исходный сценарий"},
    "levers": {"en": "Levers (intensity 0–1, start year)", "ru": "Меры (интенсивность 0–1, год начала)"},
    "lever_in_force": {"en": "in force, part of the baseline", "ru": "действует, входит в базовый сценарий"},
    "intensity": {"en": "Intensity", "ru": "Интенсивность"},
    "start_year": {"en": "Start", "ru": "Начало"},
    "outcome": {"en": "Outcome", "ru": "Результат"},
    "central_run": {"en": "Scenario (central values)", "ru": "Сценарий (центральные значения)"},
    "inertial_run": {"en": "Inertial (no new measures)", "ru": "Инерционный (без новых мер)"},
    "at_horizon": {"en": "At the horizon ({year})", "ru": "На горизонте ({year})"},
    "scenario_value": {"en": "Scenario", "ru": "Сценарий"},
    "inertial_value": {"en": "Inertial", "ru": "Инерционный"},
    "targets": {"en": "Targets (central run)", "ru": "Цели (центральный расчёт)"},
    "target": {"en": "Target", "ru": "Цель"},
    "first_year": {"en": "First year met", "ru": "Год достижения"},
    "never": {"en": "not within the horizon", "ru": "не в пределах горизонта"},
    "run_mc": {"en": "Run Monte Carlo", "ru": "Запустить Монте-Карло"},
    "draws": {"en": "Draws", "ru": "Число прогонов"},
    "mc_running": {"en": "Monte Carlo: {done} of {total} draws", "ru": "Монте-Карло: {done} из {total} прогонов"},
    "accounts_title": {"en": "Benefits and costs of each side in its own currency, {first}–{end} (Monte Carlo)",
                       "ru": "Выгоды и затраты каждой стороны в её валюте, {first}–{end} гг. (метод Монте-Карло)"},
    "accounts_note": {"en": "Benefit: additional value added against the inertial path; cost: the side's budget "
                            "outlay. Sums over the years and present values discounted at {rate} a year to {base}; "
                            "median of the draws with the 5th–95th percentiles. Russian side in RUB, Belarusian "
                            "side in BYN at the base-year rates ({fx}).",
                      "ru": "Выгоды — дополнительная валовая добавленная стоимость относительно инерционного пути; "
                            "затраты — бюджетные расходы стороны. Суммы за период и приведённые стоимости при "
                            "ставке дисконтирования {rate} в год к {base} г.; медиана прогонов и интервал от 5-го "
                            "до 95-го процентиля. Российская сторона — в рублях, белорусская — в белорусских "
                            "рублях по курсам базового года ({fx})."},
    "fx_rates": {"en": "{rub} RUB and {byn} BYN per US dollar", "ru": "{rub} руб. и {byn} бел. руб. за доллар США"},
    "acc_side": {"en": "Side", "ru": "Сторона"},
    "acc_item": {"en": "Item", "ru": "Показатель"},
    "acc_median": {"en": "Median", "ru": "Медиана"},
    "acc_p5": {"en": "5th percentile", "ru": "5-й процентиль"},
    "acc_p95": {"en": "95th percentile", "ru": "95-й процентиль"},
    "acc_benefit_sum": {"en": "Benefits, sum over the years", "ru": "Выгоды, сумма за период"},
    "acc_cost_sum": {"en": "Budget costs, sum over the years", "ru": "Бюджетные затраты, сумма за период"},
    "acc_benefit_pv": {"en": "Benefits, present value", "ru": "Выгоды, приведённая стоимость"},
    "acc_cost_pv": {"en": "Budget costs, present value", "ru": "Бюджетные затраты, приведённая стоимость"},
    "acc_npv": {"en": "Net present value", "ru": "Чистая приведённая стоимость"},
    "acc_bcr": {"en": "Benefit–cost ratio", "ru": "Отношение выгод к затратам"},
    "acc_ratio": {"en": "ratio", "ru": "отношение"},
    "mc_done": {"en": "Monte Carlo done: {n} draws, seed {seed}",
                "ru": "Монте-Карло завершён: прогонов — {n}, начальное значение генератора — {seed}"},
    "mc_band": {"en": "90 % interval", "ru": "90 %-й интервал"},
    "mc_median": {"en": "Median", "ru": "Медиана"},
    "p_by_horizon": {"en": "P(met by horizon)", "ru": "P(достигнута к горизонту)"},
    "median_year": {"en": "Median year", "ru": "Медианный год"},
    "baseline_note": {"en": "Baseline: {n} of {total} values are labelled fallbacks (not from the store){keys}.",
                      "ru": "Базовые значения: {n} из {total} — помеченные резервные значения (не из хранилища){keys}."},
    "for_region_now": {"en": "What the data say for {region}", "ru": "Что показывают данные для региона «{region}»"},
    "side_wage": {"en": "Average monthly wage: {usd} US dollars a month in {year}, {ratio} of the level of {other}.",
                  "ru": "Средняя заработная плата: {usd} долл. США в месяц в {year} г.; это {ratio} от уровня "
                        "региона «{other}»."},
    "side_exports": {"en": "Exports of goods: {value} {unit} in {year}.",
                     "ru": "Экспорт товаров: {value} {unit} в {year} г."},
    "for_region": {"en": "What this means for {region} in {year}", "ru": "Что это значит для региона «{region}» в {year} г."},
    "sides_note": {"en": "Against the inertial path, central values; each side in the unit of the model's outcome.",
                   "ru": "Относительно инерционного пути, центральные значения; для каждой стороны — в единицах "
                         "показателя модели."},
    "see_value_note": {"en": "see the note of each value", "ru": "см. примечание к каждому значению"},
    "default_dataset": {"en": "regint default dataset", "ru": "набор данных regint по умолчанию"},
    "format_shipped": {"en": "shipped", "ru": "поставляемый"},
    "cr_confirm": {"en": "The consistency ratio of these judgements is CR = {cr:.3f}, above 0.1: they contradict each "
                         "other noticeably. Save them anyway (the CR is recorded with the response)?",
                   "ru": "Отношение согласованности этих суждений CR = {cr:.3f} выше 0,1: они заметно противоречат "
                         "друг другу. Всё равно сохранить (CR будет записано вместе с ответом)?"},
    "unsaved": {"en": "The judgements on this page are not saved yet: they are lost if you leave the page.",
                "ru": "Суждения на этой странице ещё не сохранены: при уходе со страницы они будут потеряны."},
    "ratings_borrowed": {
        "en": "ILLUSTRATIVE in part: the criterion weights are those of the {n} response(s) collected in this "
              "dashboard; the ratings of the directions are the shipped fictitious example's, because no collected "
              "response rates the directions yet (upload filled questionnaires on the Experts page).",
        "ru": "ЧАСТИЧНО ИЛЛЮСТРАЦИЯ: веса критериев — по ответам, собранным в этой панели (ответов: {n}); оценки "
              "направлений — из поставляемого вымышленного примера, поскольку собранные ответы направления пока не "
              "оценивают (загрузите заполненные анкеты на странице «Эксперты»)."},
    "crit_available": {"en": "data available", "ru": "данные есть"},
    "crit_unavailable": {"en": "not used: no data", "ru": "не используется: нет данных"},
    "crit_no_values": {"en": "no values given", "ru": "значения не заданы"},
    "crit_left_out": {"en": "Left out for lack of values (the weights are renormalised over the rest): {names}.",
                      "ru": "Не учтены из-за отсутствия значений (веса пересчитаны по остальным критериям): {names}."},
    "weight_used": {"en": "Weight used", "ru": "Использованный вес"},
    "rank_topsis": {"en": "Rank, TOPSIS", "ru": "Ранг по TOPSIS"},
    "rank_vikor": {"en": "Rank, VIKOR", "ru": "Ранг по VIKOR"},
    "rank_wsm": {"en": "Rank, weighted sum", "ru": "Ранг по взвешенной сумме"},
    "closeness_unit": {"en": "relative closeness to the ideal, 0–1", "ru": "относительная близость к идеалу, 0–1"},
    "directions_source": {"en": "Source: regint ranking of the expert answers collected",
                          "ru": "Источник: ранжирование regint по собранным ответам экспертов"},
    "directions_source_ex": {"en": "Source: regint ranking of the shipped fictitious example answers (illustrative)",
                             "ru": "Источник: ранжирование regint по поставляемым вымышленным ответам (иллюстрация)"},
    "sheet_preconditions": {"en": "preconditions", "ru": "Предпосылки"},
    "sheet_not_computed": {"en": "not computed", "ru": "Не рассчитано"},
    "sheet_index": {"en": "index", "ru": "Индекс"},
    "coverage_sheet": {"en": "coverage", "ru": "Покрытие данными"},
    "sheet_left_out": {"en": "left out", "ru": "Не вошло"},
    "table": {"en": "Table", "ru": "Таблица"},
    "report_pair": {"en": "Pair: {pair}.", "ru": "Пара: {pair}."},
    "address": {"en": "Address", "ru": "Адрес"},
    "coverage_unit": {"en": "years with data", "ru": "число лет с данными"},
    "coverage_source": {"en": "Source: observations in the store (see the sources below)",
                        "ru": "Источник: наблюдения хранилища (см. перечень источников ниже)"},
    "compare_with": {"en": "Compare with", "ru": "Сравнить со сценарием"},
    "print_brief": {"en": "Print a one-page brief", "ru": "Распечатать краткую справку"},
    "scenarios_pair": {"en": "{a} and {b}; horizon {start}–{end}.", "ru": "{a} и {b}; горизонт {start}–{end} гг."},
    "bad_start": {"en": "Start years outside the horizon {start}–{end} (correct them; nothing was run):",
                  "ru": "Год начала вне горизонта {start}–{end} (исправьте; расчёт не выполнен):"},
    "bad_inputs": {"en": "Correct the inputs to see the result", "ru": "Исправьте исходные данные, чтобы увидеть результат"},
    "bad_draws": {"en": "The number of draws must be a whole number from {lo} to {hi}; the Monte Carlo was not started.",
                  "ru": "Число прогонов должно быть целым, от {lo} до {hi}; расчёт Монте-Карло не запущен."},
    "engine_note": {"en": "Message of the scenario model:", "ru": "Сообщение модели сценариев (на английском языке):"},
    "scenario_source": {"en": "Source: regint scenario model on the study's baseline (central parameter values)",
                        "ru": "Источник: сценарная модель regint на базовых данных исследования (центральные значения параметров)"},
    "lever_breakdown": {"en": "Which lever brings what: {outcome} at the horizon, each lever alone",
                        "ru": "Вклад мер: {outcome} на горизонте, каждая мера отдельно"},
    "lever_breakdown_note": {"en": "Effect of each lever run alone against the inertial path; effects of several levers "
                                   "need not add up.",
                             "ru": "Эффект каждой меры, применённой отдельно, относительно инерционного пути; эффекты "
                                   "нескольких мер не обязательно складываются."},
    "lever": {"en": "Lever", "ru": "Мера"},
    "effect_alone": {"en": "Effect alone", "ru": "Эффект отдельно"},
    "assumptions": {"en": "Assumptions (parameters with their status)", "ru": "Допущения (параметры и их статус)"},
    "parameter": {"en": "Parameter", "ru": "Параметр"},
    "low": {"en": "Low", "ru": "Нижнее"},
    "central": {"en": "Central", "ru": "Центральное"},
    "high": {"en": "High", "ru": "Верхнее"},
    "run": {"en": "Run", "ru": "Расчёт"},
    "sheet_paths": {"en": "paths", "ru": "Траектории"},
    "levers_sheet": {"en": "levers", "ru": "Меры"},
    "warnings": {"en": "Warnings", "ru": "Предупреждения"},
    "timing": {"en": "computed in {ms:.0f} ms", "ru": "рассчитано за {ms:.0f} мс"},
    # directions
    "directions_title": {"en": "Directions of integration: ranking", "ru": "Направления интеграции: ранжирование"},
    "weights": {"en": "Criterion weights", "ru": "Веса критериев"},
    "responses_source": {"en": "Expert answers", "ru": "Ответы экспертов"},
    "example_answers": {"en": "Shipped example (fictitious)", "ru": "Поставляемый пример (вымышленный)"},
    "collected_answers": {"en": "Collected in this dashboard", "ru": "Собранные в этой панели"},
    "reset_weights": {"en": "Experts' weights", "ru": "Веса экспертов"},
    "direction": {"en": "Direction", "ru": "Направление"},
    "closeness": {"en": "TOPSIS closeness", "ru": "Близость TOPSIS"},
    "criterion": {"en": "Criterion", "ru": "Критерий"},
    "weight": {"en": "Weight", "ru": "Вес"},
    # experts
    "experts_title": {"en": "Expert judgements", "ru": "Экспертные суждения"},
    "ahp_entry": {"en": "Pairwise comparisons (Saaty's 1–9 scale)", "ru": "Парные сравнения (шкала Саати 1–9)"},
    "ahp_help": {"en": "Move a slider towards the item that matters more: the further, the stronger (1 = equal, "
                       "9 = extreme).",
                 "ru": "Сдвиньте ползунок к более важному элементу: чем дальше, тем сильнее (1 — равная "
                       "важность, 9 — абсолютное превосходство)."},
    "block": {"en": "What to compare", "ru": "Что сравнивать"},
    "block_criteria": {"en": "Criteria of the directions (9)", "ru": "Критерии направлений (9)"},
    "block_score": {"en": "Components of the integration score (4)", "ru": "Составляющие оценки интеграции (4)"},
    "cr": {"en": "Consistency ratio CR = {cr:.3f}", "ru": "Отношение согласованности CR = {cr:.3f}"},
    "cr_ok": {"en": "acceptable (below 0.10)", "ru": "приемлемо (ниже 0,10)"},
    "cr_bad": {"en": "NOT acceptable: revise judgements (threshold 0.10)",
               "ru": "НЕприемлемо: пересмотрите суждения (порог 0,10)"},
    "revise": {"en": "Revisit first: {a} vs {b} — now {now}, consistent would be {suggested} (CR then {after:.3f})",
               "ru": "Пересмотрите сначала: {a} и {b} — сейчас {now}, согласованно было бы {suggested} "
                     "(CR станет {after:.3f})"},
    "nothing_to_revise": {"en": "No judgement needs revising.", "ru": "Пересматривать нечего."},
    "respondent": {"en": "Your name", "ru": "ФИО эксперта"},
    "save": {"en": "Save judgements", "ru": "Сохранить суждения"},
    "saved": {"en": "Saved: {name}, {n} judgements, CR = {cr:.3f}.", "ru": "Сохранено: {name}, суждений: {n}, CR = {cr:.3f}."},
    "need_name": {"en": "Enter your name before saving.", "ru": "Укажите ФИО перед сохранением."},
    "upload_questionnaire": {"en": "Upload a filled questionnaire (.xlsx, .json)",
                             "ru": "Загрузите заполненную анкету (.xlsx, .json)"},
    "drop_here": {"en": "Drag a file here or click to choose (at most {mb} MB)",
                  "ru": "Перетащите файл сюда или нажмите, чтобы выбрать (не более {mb} МБ)"},
    "validation_report": {"en": "Validation report", "ru": "Отчёт о проверке"},
    "questionnaire_ok": {"en": "{file}: {who}, {n} judgements, {missing} missing; CR = {cr}; {stored}",
                         "ru": "{file}: {who}, суждений: {n}, пропущено: {missing}; CR = {cr}; {stored}"},
    "stored_new": {"en": "stored", "ru": "сохранено"},
    "stored_dup": {"en": "already stored (same file)", "ru": "уже сохранено (тот же файл)"},
    "collected": {"en": "Collected responses", "ru": "Собранные ответы"},
    "download_questionnaire": {"en": "Download an empty questionnaire", "ru": "Скачать пустую анкету"},
    "rejected": {"en": "{file}: rejected — {reason}", "ru": "{file}: отклонён — {reason}"},
    # data
    "data_title": {"en": "Data: sources, gaps and imports", "ru": "Данные: источники, пропуски и импорт"},
    "sources": {"en": "Sources", "ru": "Источники"},
    "coverage": {"en": "Coverage of the pair and comparators (years with data)",
                 "ru": "Покрытие пары и сравниваемых регионов (годы с данными)"},
    "imports": {"en": "Import log", "ru": "Журнал импорта"},
    "import_file": {"en": "Import a file (.csv, .xlsx, .xml, .json): all of it or nothing",
                    "ru": "Импорт файла (.csv, .xlsx, .xml, .json): целиком или ничего"},
    "imported": {"en": "{file}: imported {rows} observations as import #{id} ({fmt})",
                 "ru": "{file}: импортировано наблюдений: {rows}, импорт №{id} ({fmt})"},
    "unchanged": {"en": "{file}: already imported (same checksum); nothing changed",
                  "ru": "{file}: уже импортирован (та же контрольная сумма); ничего не изменено"},
    "store_unchanged": {"en": "The store is unchanged.", "ru": "Хранилище не изменено."},
    "licence": {"en": "Licence", "ru": "Лицензия"},
    "caveats": {"en": "Caveats", "ru": "Оговорки"},
    "file": {"en": "File", "ru": "Файл"},
    "rows": {"en": "Rows", "ru": "Строк"},
    "format": {"en": "Format", "ru": "Формат"},
    "when": {"en": "Imported at", "ru": "Время импорта"},
    "recorded_utc": {"en": "Saved at (UTC)", "ru": "Время сохранения (всемирное)"},
    "response_kind": {"en": "Questionnaire", "ru": "Анкета"},
    "kind_directions": {"en": "Criteria of the directions (AHP)", "ru": "Критерии направлений (МАИ)"},
    "kind_score_weights": {"en": "Weights of the direction score (AHP)", "ru": "Веса оценки направлений (МАИ)"},
    "kind_swot": {"en": "SWOT", "ru": "SWOT-анализ"},
    "kind_generic": {"en": "Pairwise comparisons", "ru": "Парные сравнения"},
    "source_dashboard": {"en": "entered in the dashboard", "ru": "введено в панели"},
    "n_years": {"en": "Years with data", "ru": "Лет с данными"},
    # report
    "report_title": {"en": "Report", "ru": "Отчёт"},
    "report_generate": {"en": "Generate and download the report", "ru": "Сформировать и скачать отчёт"},
    "report_tables": {"en": "Download the tables (XLSX)", "ru": "Скачать таблицы (XLSX)"},
    "report_tables_text": {"en": "Preconditions, the index with its intervals and the coverage of the data, "
                                 "one sheet each; text cells cannot run as formulas.",
                           "ru": "Предпосылки, индекс с интервалами и покрытие данных, по листу на каждую "
                                 "таблицу; текстовые ячейки не могут выполниться как формулы."},
    "report_format": {"en": "Format", "ru": "Формат"},
    "report_quick": {"en": " quick preview (small Monte Carlo)", "ru": " быстрый просмотр (малый Монте-Карло)"},
    "report_running": {"en": "Building the report: step {done} of {total}",
                       "ru": "Формирование отчёта: шаг {done} из {total}"},
    "report_done": {"en": "Ready: {file} (downloaded)", "ru": "Готово: {file} (загружен)"},
}

#: Short names of the scenario outcomes (the engine's descriptions are English only).
OUTCOME_LABELS: dict[str, dict[str, str]] = {
    "trade": {"en": "Bilateral trade of the pair", "ru": "Взаимная торговля пары"},
    "trade_change": {"en": "Trade above the inertial path", "ru": "Прирост торговли к инерционному пути"},
    "exports_gain_ru": {"en": "Additional exports, Russian region", "ru": "Доп. экспорт, российский регион"},
    "exports_gain_by": {"en": "Additional exports, Belarusian region", "ru": "Доп. экспорт, белорусский регион"},
    "output_ru": {"en": "Additional output, Russian region", "ru": "Доп. выпуск, российский регион"},
    "output_by": {"en": "Additional output, Belarusian region", "ru": "Доп. выпуск, белорусский регион"},
    "gva_ru": {"en": "Additional GVA, Russian region", "ru": "Доп. ВДС, российский регион"},
    "gva_by": {"en": "Additional GVA, Belarusian region", "ru": "Доп. ВДС, белорусский регион"},
    "jobs_ru": {"en": "Additional jobs, Russian region", "ru": "Доп. рабочие места, российский регион"},
    "jobs_by": {"en": "Additional jobs, Belarusian region", "ru": "Доп. рабочие места, белорусский регион"},
    "cost_ru": {"en": "Budget cost, Russian side", "ru": "Бюджетные затраты, российская сторона"},
    "cost_by": {"en": "Budget cost, Belarusian side", "ru": "Бюджетные затраты, белорусская сторона"},
    "grp_pc_ru": {"en": "GRP per capita, Russian region", "ru": "ВРП на душу, российский регион"},
    "grp_pc_by": {"en": "GRP per capita, Belarusian region", "ru": "ВРП на душу, белорусский регион"},
    "wage_ru": {"en": "Average monthly wage, Russian region", "ru": "Средняя зарплата, российский регион"},
    "wage_by": {"en": "Average monthly wage, Belarusian region", "ru": "Средняя зарплата, белорусский регион"},
    "grp_gap": {"en": "Gap in GRP per capita", "ru": "Разрыв в ВРП на душу"},
    "wage_gap": {"en": "Wage gap", "ru": "Разрыв в зарплатах"},
    "price_gap": {"en": "Price-level gap", "ru": "Разрыв в уровне цен"},
    "score": {"en": "Projected integration score", "ru": "Прогнозная оценка интеграции"},
}

#: Units of the scenario outcomes (the engine's are English).
UNIT_LABELS: dict[str, str] = {
    "mln USD": "млн долл. США", "USD": "долл. США", "mln RUB": "млн руб.", "mln BYN": "млн бел. руб.",
    "jobs": "рабочих мест",
    "share": "доля", "share of the higher": "доля от большего", "0–100": "0–100",
}


def unit_label(unit: str, lang: str | None) -> str:
    """A unit in ``lang`` (Russian from :data:`UNIT_LABELS`, else as given)."""
    return UNIT_LABELS.get(unit, unit) if check_lang(lang) == "ru" else unit


#: The four components of the scenario score, compared in the second AHP block.
SCORE_COMPONENTS: dict[str, dict[str, str]] = {
    "grp_gap": {"en": "Convergence of GRP per capita", "ru": "Сближение ВРП на душу"},
    "wage_gap": {"en": "Convergence of wages", "ru": "Сближение заработных плат"},
    "price_gap": {"en": "Convergence of price levels", "ru": "Сближение уровней цен"},
    "trade": {"en": "Intensity of mutual trade", "ru": "Интенсивность взаимной торговли"},
}


#: The index's dimensions in Russian (the framework's names are English).
DIMENSIONS_RU: dict[str, str] = {
    "INDEX": "Индекс трансграничной интеграции", "trade": "Торговля и экономическое взаимодействие",
    "convergence": "Сближение цен и доходов", "complementarity": "Взаимодополняемость и сбалансированность",
    "investment": "Инвестиции и предприятия", "labour": "Труд и население", "connectivity": "Транспортная связанность",
}


def dimension_label(code: str, name: str, lang: str | None) -> str:
    """A dimension of the index in ``lang`` (``name``: the framework's English name)."""
    return DIMENSIONS_RU.get(code, name) if check_lang(lang) == "ru" else name


def check_lang(lang: str | None) -> Lang:
    """``"ru"`` or ``"en"``; anything else (a stale browser value, ``None``) falls back to the default."""
    return lang if lang in LANGS else DEFAULT_LANG  # type: ignore[return-value]


def t(key: str, lang: str | None, **values: object) -> str:
    """The label ``key`` in ``lang``, formatted with ``values``; an unknown key shows as itself."""
    entry = LABELS.get(key)
    if entry is None:
        return key
    text = entry[check_lang(lang)]
    return text.format(**values) if values else text


def outcome_label(code: str, lang: str | None) -> str:
    """The name of a scenario outcome in ``lang``."""
    entry = OUTCOME_LABELS.get(code)
    return entry[check_lang(lang)] if entry else code


#: Texts of Dash's dropdown (its own are English): the multi-select count, search, clear, "no options".
_DROPDOWN: dict[str, dict[str, str]] = {
    "ru": {"select_all": "Выбрать все", "deselect_all": "Снять выбор", "selected_count": "выбрано: {num_selected}",
           "search": "Поиск", "clear_search": "Очистить поиск", "clear_selection": "Очистить выбор",
           "no_options_found": "Ничего не найдено"},
    "en": {"select_all": "Select all", "deselect_all": "Deselect all", "selected_count": "{num_selected} selected",
           "search": "Search", "clear_search": "Clear search", "clear_selection": "Clear selection",
           "no_options_found": "No options found"},
}


def dropdown_labels(lang: str | None) -> Any:
    """The ``labels`` of a ``dcc.Dropdown`` in ``lang``."""
    return dict(_DROPDOWN[check_lang(lang)])
