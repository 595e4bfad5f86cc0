"""The Russian report reads as Russian: assumptions, units and descriptions in Russian; only citations (cells
marked ``class="cite"``) may keep their original language."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

#: English phrases that used to leak into the Russian report (IO assumptions, catalog units, baseline).
ENGLISH_PHRASES = ("regional structure", "per month", "thous. persons", "national technology",
                   "households spend", "GRP per capita, Russian region")


class _Text(HTMLParser):
    """Body text outside scripts, styles and cited cells; and the cells of one table (by its figure id)."""

    def __init__(self, table_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.table_id = table_id
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.in_table = 0
        self.cell: list[str] | None = None
        self.cells: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        skipped = tag in ("script", "style") or "cite" in (a.get("class") or "").split()
        if tag in ("br", "img", "meta", "link", "hr", "input"):
            return
        self.stack.append((tag, skipped))
        if tag == "figure" and a.get("id") == self.table_id:
            self.in_table = len(self.stack)
        if self.in_table and tag == "td":
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            t, _ = self.stack.pop()
            if t == "td" and self.cell is not None and self.in_table:
                self.cells.append("".join(self.cell).strip())
                self.cell = None
            if self.in_table and len(self.stack) < self.in_table:
                self.in_table = 0
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if any(skipped for _, skipped in self.stack):
            return
        self.text.append(data)
        if self.cell is not None:
            self.cell.append(data)


def _parse(page: str, table_id: str) -> _Text:
    body = page[page.find("<body"):]
    parser = _Text(table_id)
    parser.feed(body)
    return parser


def test_io_assumptions_are_in_russian(html) -> None:
    cells = _parse(html["ru"], "tab-io_assumptions").cells
    assert len(cells) >= 5
    assert all(re.search(r"[А-Яа-яЁё]", c) for c in cells), [c for c in cells if not re.search(r"[А-Яа-яЁё]", c)]
    assert not any("regional structure" in c or "national technology" in c for c in cells)


def test_io_assumptions_stay_english_in_the_english_report(html) -> None:
    cells = _parse(html["en"], "tab-io_assumptions").cells
    assert cells and any("national technology" in c for c in cells)
    assert not any(re.search(r"[А-Яа-яЁё]{4,} [А-Яа-яЁё]{4,}", c.replace("«", "").replace("»", ""))
                   and "Регионы России" not in c and "Симм" not in c for c in cells)


@pytest.mark.parametrize("phrase", ENGLISH_PHRASES)
def test_no_english_phrases_outside_citations(html, phrase: str) -> None:
    text = " ".join(_parse(html["ru"], "").text)
    assert phrase not in text


def test_units_of_the_catalog_are_russian() -> None:
    from regint.data.catalogs import indicator_unit, indicators, unit_text

    cat = indicators()
    assert (cat["unit_ru"].str.len() > 0).all()
    assert indicator_unit("population_jan1", "ru") == "тыс. чел."
    assert indicator_unit("population_jan1", "en") == "thous. persons"
    assert unit_text("RUB per month", "ru") == "руб. в месяц"
    assert unit_text("USD per month", "ru") == "долл. США в месяц"
    assert unit_text("RUB per month", "en") == "RUB per month"
    assert unit_text("my own unit", "ru") == "my own unit"
