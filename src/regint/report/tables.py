"""Report tables: a frame with its title, units, source and years, written as HTML (formatted for the language)
and as a workbook sheet (raw numbers, the note under the table)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
from markupsafe import Markup, escape

from regint.report import fmt

#: A cell text at least this long that repeats in a table is written once under it (:meth:`ReportTable.repeated_notes`).
LONG_NOTE = 120


#: Characters of body text across a table at the report's table font (A4, 170 mm text width, 0.86 em).
TABLE_CHARS = 88
#: Characters taken by a cell's padding.
CELL_PADDING = 1.5


#: Longest token kept whole when the widths are set: a longer one (an address, an identifier) may break, in a
#: column of citations anywhere (``overflow-wrap: anywhere``), elsewhere at a word's length of this.
TOKEN_CAP, CITE_TOKEN_CAP = 26, 12


def column_widths(columns: Sequence[Sequence[str]], chars: int = TABLE_CHARS,
                  breakable: Sequence[bool] | None = None) -> list[float] | None:
    """Fixed column widths in per cent of the table from the texts of each column (header first), or ``None``
    where the table does not fit in a fixed layout and is left to the automatic one.

    The report's tables are laid out with these widths (``table-layout: fixed``) instead of the automatic table
    layout, which measures every cell twice and took most of the PDF's time. As in the automatic layout, each
    column gets at least its longest unbreakable token (a number, a long word, the header's longest word, the
    header a tenth wider for its bold face) and the rest of the width goes to the columns in proportion to how
    much more their longest cell would need; a token longer than :data:`TOKEN_CAP` (:data:`CITE_TOKEN_CAP` in a
    column of citations, ``breakable``) counts as that long and is broken. Where the minimum widths alone take
    more than the table's width (many numeric columns with long headers), ``None``.
    """
    low, extra = [], []
    for k, texts in enumerate(columns):
        cap = CITE_TOKEN_CAP if breakable is not None and breakable[k] else TOKEN_CAP
        head = max((len(w) for w in (texts[0] if texts else "").split()), default=1) * 1.1
        token = min(cap, max((len(w) for t in texts[1:] for w in t.replace("\u00a0", "_").split()), default=1))
        longest = max((len(t) for t in texts[1:]), default=0)
        m = max(head, token, 3.0) + CELL_PADDING
        low.append(m)
        extra.append(max(0.0, min(longest, 400) + CELL_PADDING - m))
    if sum(low) > chars:
        return None
    spare = chars - sum(low)
    want = sum(extra)
    widths = [lo + (spare * e / want if want else spare / len(low)) for lo, e in zip(low, extra, strict=True)]
    total = sum(widths)
    return [100.0 * w / total for w in widths]


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
        texts: list[list[str]] = [[str(c)] for c in self.frame.columns]
        for _, row in self.frame.iterrows():
            cells = []
            for i, (col, value) in enumerate(row.items()):
                numeric = not isinstance(value, str) and not isinstance(value, bool) and not fmt.is_gap(value)
                if isinstance(value, str) and value in refs:
                    cells.append(f'<td class="ref">{word}\u00a0{refs[value]}</td>')
                    texts[i].append(f"{word} {refs[value]}")
                    continue
                text = fmt.cell(value, lang, self.digits.get(str(col)))
                texts[i].append(text)
                cls = ' class="num"' if numeric else (' class="gap"' if text == fmt.GAP else "")
                if str(col) in self.cited and not numeric and text != fmt.GAP:
                    cls = ' class="cite"'
                cells.append(f"<td{cls}>{escape(text)}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        widths = column_widths(texts, breakable=[str(c) in self.cited for c in self.frame.columns])
        cols = ("<colgroup>" + "".join(f'<col style="width:{w:.1f}%">' for w in widths) + "</colgroup>"
                if widths else "")
        return Markup(f'<table class="data{" fixed" if widths else " wide"}">{cols}<thead><tr>{head}</tr></thead>'
                      f'<tbody>{"".join(rows)}</tbody></table>')

    def excel_note(self, lang: str) -> str:
        """Title and footer, the line written under the sheet."""
        flag = " ILLUSTRATIVE." if self.illustrative else ""
        return f"{self.title}.{flag} {self.footer(lang)}"
