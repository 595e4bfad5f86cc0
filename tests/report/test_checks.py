"""The report's self-checks (regint.report.checks): each defect class seeded into a page or a table is named by
the checker with its element; the shipped report has none.

The seeded defects are the ones a reader of the Smolensk administration found in the report (issue 18): a
population of 910 "persons", a country's turnover in millions that the source gives in billions, a rank in the
summary that is not the table's, a year printed as "2,023", code identifiers in the text, English words in the
Russian report, and Annex B marking used sources as unused.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from regint.report import checks as K
from regint.report.sections.common import Section
from regint.report.tables import ReportTable


def _page(body: str, section: str = "summary", heading: str = "Резюме") -> str:
    return f'<html><body><section id="{section}"><h2>{heading}</h2>{body}</section></body></html>'


def _table_html(t: ReportTable, lang: str = "ru") -> str:
    return f'<figure class="table" id="tab-{t.key}"><figcaption>{t.title}</figcaption>{t.to_html(lang)}</figure>'


# ---------------------------------------------------------------------------------------------- text defects
def test_a_code_identifier_in_running_text_is_named_with_its_section() -> None:
    found = K.code_findings(K.page_chunks(_page("<p>Отношение wage_ratio_usd выросло.</p>")), "ru")
    assert len(found) == 1
    assert found[0].check == "code" and "wage_ratio_usd" in found[0].message
    assert "section «summary»" in found[0].element and "«Резюме»" in found[0].element


@pytest.mark.parametrize("text", ["Источник: belstat_stranoved.", "Пара RU-SMO:BY-VI", "по данным press_facts2",
                                  "Источник: regint.index."])
def test_every_kind_of_code_is_found(text: str) -> None:
    assert K.code_findings(K.page_chunks(_page(f"<p>{text}</p>")), "en")


def test_a_code_in_a_table_header_is_named_with_the_table() -> None:
    t = ReportTable("profile", "Профили", pd.DataFrame({"Год (RU-SMO)": ["2023"]}))
    found = K.code_findings(K.page_chunks(_page(_table_html(t), "s1", "1.1. Профили")), "ru")
    assert found and "table profile" in found[0].element and "RU-SMO" in found[0].message


def test_citations_and_command_lines_are_exempt() -> None:
    t = ReportTable("sources", "Каталог", pd.DataFrame({"Код": ["rosstat_io"], "Адрес": ["https://rosstat.gov.ru"]}),
                    cited=("Код", "Адрес"))
    page = _page(_table_html(t) + "<p>Выполните <code>regint experts questionnaire --kind swot</code>.</p>", "a2")
    chunks = K.page_chunks(page)
    assert K.code_findings(chunks, "ru") == []
    assert K.english_findings(chunks, "ru") == []


def test_an_english_word_in_the_russian_report_is_named() -> None:
    page = _page("<p>Мультипликатор (computed at run time) равен 1,14.</p>", "s3", "3. Сценарии")
    found = K.english_findings(K.page_chunks(page), "ru")
    assert len(found) == 1 and "computed" in found[0].message and "section «s3»" in found[0].element
    # the same sentence is not a defect of the English report, and acronyms and addresses are not English words
    assert K.english_findings(K.page_chunks(page), "en") == []
    assert K.english_findings(K.page_chunks(_page("<p>Метод TOPSIS, данные WITS (wits.worldbank.org).</p>")),
                              "ru") == []


@pytest.mark.parametrize("text", ["в 2,023 г.", "к 2\u00a0030 г.", "в 2 021 году"])
def test_a_year_with_a_thousands_separator_is_named(text: str) -> None:
    found = K.year_findings(K.page_chunks(_page(f"<p>Цель достигается {text}</p>")), "ru")
    assert len(found) == 1 and found[0].check == "year"


def test_a_year_column_with_a_separator_is_named_but_money_is_not() -> None:
    t = ReportTable("baseline", "Базовые значения", pd.DataFrame({"Значение": ["2 023"], "Год": ["2,023"]}))
    found = K.year_findings(K.page_chunks(_page(_table_html(t), "s3")), "ru")
    assert len(found) == 1 and "column «Год»" in found[0].element
    assert K.year_findings(K.page_chunks(_page("<p>Экспорт составил 2 023 млн долл.</p>")), "ru") == []


def test_a_year_in_a_row_of_a_year_is_named() -> None:
    """The year a gap closes on trend was printed as «2 022,668» in a value column of the row «Год выравнивания
    зарплат»: the row's label says it is a year."""
    frame = pd.DataFrame({"Показатель": ["Год выравнивания зарплат (на тренде)", "Отношение зарплат"],
                          "Значение": ["2 022,668", "2 022,668"]})
    found = K.year_findings(K.page_chunks(_page(_table_html(ReportTable("pre", "Предпосылки", frame)), "s1")), "ru")
    assert len(found) == 1 and "row 1" in found[0].element and "column «Значение»" in found[0].element


# ---------------------------------------------------------------------------------------------- table defects
def _profile(unit: str, value: float, region: str = "Смоленская область") -> dict[str, ReportTable]:
    frame = pd.DataFrame({"Показатель": ["Численность населения"], "Единица": [unit], region: [value]})
    return {"profile": ReportTable("profile", "Профили регионов", frame)}


def test_a_population_of_910_persons_is_implausible() -> None:
    found = K.unit_findings(_profile("чел.", 910.0), "ru", ("RU-SMO", "BY-VI", "RU", "BY"))
    assert len(found) == 1
    f = found[0]
    assert f.check == "unit" and "«Профили регионов»" in f.element and "«Численность населения»" in f.element
    assert "«Смоленская область»" in f.element and "910" in f.message


def test_a_country_turnover_in_millions_that_is_billions_is_implausible() -> None:
    # Russia's retail turnover 2021 is 39.5 trillion roubles: 39,472 "mln" is the source's bn in the wrong unit
    assert K.unit_findings(_profile("млн нац. валюты", 39_472.0, "Россия"), "ru", ("RU",))
    assert K.unit_findings(_profile("млн нац. валюты", 39_472_000.0, "Россия"), "ru", ("RU",)) == []
    assert K.unit_findings(_profile("тыс. чел.", 873.0), "ru", ("RU-SMO",)) == []


def _doc(rank_in_table: int, score: float = 58.7, lang: str = "ru") -> dict:
    s = {k: Section() for k in ("summary", "s1", "s2", "s3", "a2")}
    pair = "Смоленская область – Витебская область" if lang == "ru" else "Smolensk Oblast – Vitebsk Region"
    head = ("Пара", "Балл", "Место") if lang == "ru" else ("Pair", "Score", "Rank")
    s["s1"].tables["index"] = ReportTable("index", "Индекс интеграции в 2016 г.",
                                          pd.DataFrame({head[0]: [pair], head[1]: [score], head[2]: [rank_in_table]}))
    facts = {"pair_ru": "RU-SMO", "pair_by": "BY-VI", "index_score": 58.7, "index_rank": 2}
    return {"lang": lang, "s": s, "facts": facts}


def test_a_rank_quoted_in_the_summary_must_be_the_tables() -> None:
    found = K.summary_findings(_doc(rank_in_table=3), "ru")
    assert [f.check for f in found] == ["rank"]
    assert "summary" in found[0].element and "«Индекс интеграции в 2016 г.»" in found[0].element
    assert "2" in found[0].message and "3" in found[0].message
    assert K.summary_findings(_doc(rank_in_table=2), "ru") == []


def test_the_same_quantity_differing_between_summary_and_table_is_named() -> None:
    found = K.summary_findings(_doc(rank_in_table=2, score=61.3), "ru")
    assert [f.check for f in found] == ["same_value"]


def test_a_table_whose_numbers_differ_between_languages_is_named() -> None:
    ru, en = _doc(2, lang="ru"), _doc(2, lang="en")
    assert K.language_findings({"ru": ru, "en": en}) == []
    en["s"]["s1"].tables["index"] = ReportTable("index", "Integration index in 2016",
                                                pd.DataFrame({"Pair": ["x"], "Score": [58.0], "Rank": [2]}))
    found = K.language_findings({"ru": ru, "en": en})
    assert found and found[0].check == "same_value" and found[0].lang == "ru/en"


def test_the_io_effect_must_equal_the_scenario_chains_multiplier() -> None:
    # issue 18: 2,243 in the input-output section and 1.443 in the scenario chain for the same shock
    doc = _doc(2)
    doc["s"]["s2"].tables["io_impact"] = ReportTable("io_impact", "Эффект +1 млрд руб.", pd.DataFrame(
        {"Регион": ["Витебская область"], "Шок спроса": [1000.0], "Выпуск": [2243.0]}))
    doc["s"]["s3"].tables["multipliers"] = ReportTable("scenario_multipliers", "Мультипликаторы", pd.DataFrame(
        {"Параметр": ["Мультипликатор выпуска: Витебская область"], "Центральное": [1.443]}))
    found = K.summary_findings(doc, "ru")
    assert [f.check for f in found] == ["same_value"] and "Витебская область" in found[0].element
    doc["s"]["s2"].tables["io_impact"].frame.loc[0, "Выпуск"] = 1443.0
    assert K.summary_findings(doc, "ru") == []


def test_annex_b_must_mark_the_sources_an_analysis_used() -> None:
    doc = _doc(2)
    doc["s"]["a2"].tables["sources"] = ReportTable("sources", "Каталог источников", pd.DataFrame(
        {"Код": ["rosstat_io", "cepii_geodist"], "Используется": [False, True]}))
    found = K.sources_findings(doc, "ru", {"rosstat_io", "cepii_geodist"})
    assert len(found) == 1 and "rosstat_io" in found[0].element


def test_check_report_collects_every_class_and_a_strict_build_raises() -> None:
    doc = _doc(3)
    page = _page("<p>В 2,023 г. wage_ratio_usd (computed) вырос.</p>")
    report = K.check_report({"ru": doc}, {"ru": page}, codes=("RU-SMO",))
    assert {f.check for f in report.findings} == {"rank", "year", "code", "english"}
    assert not report.ok and "finding" in report.summary()
    assert list(report.to_frame().columns) == ["check", "lang", "element", "message"]
    with pytest.raises(K.ReportCheckError, match="Fix: correct the element"):
        report.raise_if_failed()


# ---------------------------------------------------------------------------------------------- shipped data
def test_the_shipped_report_passes_its_checks(built) -> None:
    assert built.checks.ok, built.checks.summary()
    assert (built.files[("ru", "html")].parent / "checks.txt").read_text(encoding="utf-8").startswith("Report checks")


def test_the_summary_opens_with_the_freshness_table(built) -> None:
    from regint.report.freshness import is_dated

    for lang in ("ru", "en"):
        text = built.files[(lang, "html")].read_text(encoding="utf-8")
        summary = text[text.index('id="summary"'):text.index('id="s1"')]
        assert 'id="tab-freshness"' in summary
        assert summary.index('id="tab-freshness"') < summary.index('class="findings"')
    assert is_dated(2022, dt.date(2026, 12, 2)) and not is_dated(2023, dt.date(2026, 12, 2))


def test_the_validation_annex_is_its_own_pdf(built) -> None:
    for lang in ("ru", "en"):
        pdf = built.files[(lang, "validation")]
        assert pdf.name == f"validation_{lang}.pdf" and pdf.read_bytes()[:4] == b"%PDF"
        assert f"validation_{lang}.pdf" in built.files[(lang, "html")].read_text(encoding="utf-8")
