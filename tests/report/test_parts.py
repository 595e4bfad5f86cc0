"""Small parts of the report: outcomes that carry their reason, unique SVG ids, case forms of region names."""

from __future__ import annotations

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
