"""Small parts of the report: outcomes that carry their reason, unique SVG ids, case forms of region names."""

from __future__ import annotations

import pytest

from regint.report.charts import prefix_ids
from regint.report.i18n import region_forms
from regint.study.outcome import attempt


def test_attempt_keeps_the_reason() -> None:
    def boom() -> int:
        raise ValueError("no data for BY-VI")

    out = attempt("x", boom)
    assert not out.ok and "ValueError: no data for BY-VI" in (out.reason or "")
    out = attempt("y", lambda: __import__("regint_module_that_is_not_there"))
    assert "regint_module_that_is_not_there" in (out.reason or "")
    assert attempt("z", lambda: 1).ok


def test_svg_ids_are_prefixed_with_their_references() -> None:
    svg = '<svg><defs><path id="g1"/></defs><use xlink:href="#g1"/><g clip-path="url(#c1)"/><clipPath id="c1"/></svg>'
    out = prefix_ids(svg, "fig")
    assert 'id="fig-g1"' in out and 'href="#fig-g1"' in out and "url(#fig-c1)" in out


def test_russian_case_forms() -> None:
    assert region_forms("RU-SMO", "ru")["prep"] == "Смоленской области"
    assert region_forms("BY-VI", "en")["nom"] == "Vitebsk Region"


def test_a_long_source_repeated_in_a_table_is_written_once_under_it() -> None:
    """Issue 18: one numbered note per repeated source instead of the same long paragraph in every row."""
    import pandas as pd

    from regint.report.tables import LONG_NOTE, ReportTable

    long_src = "Росстат, симметричная таблица «затраты – выпуск» 2021 г. " * 4
    assert len(long_src) >= LONG_NOTE
    t = ReportTable("m", "Мультипликаторы", pd.DataFrame({"Параметр": ["a", "b", "c"], "Значение": [1.1, 1.2, 1.3],
                                                          "Источник": [long_src, long_src, "короткий"]}),
                    cited=("Источник",))
    html = str(t.to_html("ru"))
    assert html.count("Росстат") == 0 and html.count("примечание\u00a01") == 2 and "короткий" in html
    assert t.repeated_notes() == [(1, long_src, True)]


def test_table_columns_get_fixed_widths_from_their_content() -> None:
    """The report's tables carry their column widths (fixed layout: WeasyPrint's automatic table layout measured
    every cell twice and took most of the PDF's time); a column of sentences is wider than a column of years, no
    column is narrower than its longest unbreakable token, and the widths fill the table."""
    import re

    import pandas as pd

    from regint.report.tables import ReportTable, column_widths

    sentence = "При сохранении логарифмически-линейного тренда соотношение заработных плат выйдет на паритет"
    widths = column_widths([["Год", "2020", "2021"], ["Смысл", sentence, sentence[:40]], ["Значение", "1\u00a0234,5"]])
    assert widths is not None and sum(widths) == pytest.approx(100.0)
    assert widths[1] > 2 * widths[0]
    assert widths is not None and widths[2] >= widths[0]  # the header "Значение" is its longest token
    # ten numeric columns with long headers do not fit a fixed layout: left to the automatic one
    assert column_widths([["Численность (Смоленская)", "1\u00a0190\u00a0784"]] * 10) is None
    wide = ReportTable("w", "Т", pd.DataFrame({f"Численность {i}": [1190784.0] for i in range(12)})).to_html("ru")
    assert "<colgroup>" not in str(wide) and 'class="data wide"' in str(wide)
    html = str(ReportTable("k", "Т", pd.DataFrame({"Год": [2020], "Смысл": [sentence]})).to_html("ru"))
    cols = [float(x) for x in re.findall(r'<col style="width:([\d.]+)%">', html)]
    assert len(cols) == 2 and sum(cols) == pytest.approx(100.0, abs=0.2) and cols[1] > cols[0]


def test_brief_files_are_named_by_the_region_not_its_code() -> None:
    from regint.report.briefs import brief_name

    assert [brief_name(c) for c in ("RU-SMO", "BY-VI", "RU-PSK", "RU-BRY", "BY-HO")] == [
        "smolensk", "vitebsk", "pskov", "bryansk", "gomel"]
