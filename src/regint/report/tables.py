"""Report tables: a frame with its title, units, source and years, written as HTML (formatted for the language)
and as a workbook sheet (raw numbers, the note under the table)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd
from markupsafe import Markup, escape

from regint.report import fmt

#: A cell text at least this long that repeats in a table is written once under it (:meth:`ReportTable.repeated_notes`).
LONG_NOTE = 120


@dataclass(frozen=True)
class ReportTable:
    """A table fit for a ministry: title, units, source and years under it; gaps shown as gaps.

    Attributes
    ----------
    key : str
        Sheet name in the workbook (short, ASCII).
    title : str
    frame : DataFrame
        Columns already labelled in the report's language; the index is not shown.
    units, source, years : str
        Written under the table (and under the sheet).
    digits : mapping column → decimals, optional
    note : str
        Further remarks (method, caveats).
    illustrative : bool
        The table rests on the shipped fictitious survey or on synthetic answers: labelled ILLUSTRATIVE.
    illustrative_text : str
        What the label says under the table when it is not the shipped example experts (default: the report's
        text on those).
    cited : tuple of str
        Columns whose cells are citations kept in their original language (sources, caveats as written): their
        cells carry ``class="cite"``.
    """

    key: str
    title: str
    frame: pd.DataFrame
    units: str = ""
    source: str = ""
    years: str = ""
    digits: Mapping[str, int] = field(default_factory=dict)
    note: str = ""
    illustrative: bool = False
    cited: tuple[str, ...] = ()
    illustrative_text: str = ""

    def footer(self, lang: str) -> str:
        """``Units: …. Source: …. Years: ….`` in the report's language."""
        labels = {"ru": ("Единицы", "Источник", "Годы"), "en": ("Units", "Source", "Years")}[lang]
        parts = [f"{lab}: {val}" for lab, val in zip(labels, (self.units, self.source, self.years), strict=True) if val]
        if self.note:
            parts.append(self.note)
        return ". ".join(p.rstrip(".") for p in parts) + ("." if parts else "")

    def repeated_notes(self) -> list[tuple[int, str, bool]]:
        """Long texts (sources, caveats of :data:`LONG_NOTE` characters or more) that repeat in a column,
        numbered in order of appearance, with whether their column is :attr:`cited`: the HTML writes each once
        under the table and refers to it by number."""
        seen: dict[str, tuple[int, bool]] = {}
        for col in self.frame.columns:
            for value in self.frame[col]:
                if isinstance(value, str) and len(value) >= LONG_NOTE:
                    n, cited = seen.get(value, (0, True))
                    seen[value] = (n + 1, cited and str(col) in self.cited)
        return [(k, text, cited) for k, (text, (_n, cited)) in
                enumerate(((t, v) for t, v in seen.items() if v[0] > 1), start=1)]

    def to_html(self, lang: str) -> Markup:
        """The table as HTML with numbers formatted for ``lang`` (babel) and gaps as ``—``; a long text repeated
        in several rows is written once under the table (:meth:`repeated_notes`) and referred to by its number."""
        refs = {text: n for n, text, _cited in self.repeated_notes()}
        word = "примечание" if lang == "ru" else "note"
        head = "".join(f"<th>{escape(str(c))}</th>" for c in self.frame.columns)
        rows = []
        for _, row in self.frame.iterrows():
            cells = []
            for col, value in row.items():
                numeric = not isinstance(value, str) and not isinstance(value, bool) and not fmt.is_gap(value)
                if isinstance(value, str) and value in refs:
                    cells.append(f'<td class="ref">{word}\u00a0{refs[value]}</td>')
                    continue
                text = fmt.cell(value, lang, self.digits.get(str(col)))
                cls = ' class="num"' if numeric else (' class="gap"' if text == fmt.GAP else "")
                if str(col) in self.cited and not numeric and text != fmt.GAP:
                    cls = ' class="cite"'
                cells.append(f"<td{cls}>{escape(text)}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return Markup(f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')

    def excel_note(self, lang: str) -> str:
        """Title and footer, the line written under the sheet."""
        flag = " ILLUSTRATIVE." if self.illustrative else ""
        return f"{self.title}.{flag} {self.footer(lang)}"
