"""What every section of the report uses: the :class:`Section` container, the language switch, source names
and readable names for region and indicator codes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from regint.report import charts as C
from regint.report import fmt, i18n
from regint.report import labels as L
from regint.report.collect import Results
from regint.report.tables import ReportTable
from regint.study.outcome import Outcome


@dataclass
class Section:
    """Tables, figures and missing parts of one section."""

    tables: dict[str, ReportTable] = field(default_factory=dict)
    figures: dict[str, C.Figure] = field(default_factory=dict)
    missing: list[tuple[str, str]] = field(default_factory=list)

    def add_missing(self, what: str, outcome: Outcome[Any]) -> None:
        self.missing.append((what, outcome.reason or ""))

def tr(lang: str, ru: str, en: str) -> str:
    return ru if lang == "ru" else en

def source_names(ids: list[str] | set[str], lang: str = "en") -> str:
    """The catalog names of source ids (ids not in the catalog are left out: they are not sources)."""
    from regint.data.catalogs import sources

    cat = sources().set_index("id")
    names = [FILE_NOTE.sub("", str(cat.at[i, f"name_{lang}"])) for i in sorted(set(ids)) if i in cat.index]
    return "; ".join(dict.fromkeys(names))

#: A file name in parentheses inside a source's name («(sp_1.1.xlsx)»): the workbook's contents sheet keeps it.
FILE_NOTE = re.compile(r"\s*\((?:[^()]*\s)?[\w.-]+\.(?:xlsx|xls|csv|json)\)")

_CODE = re.compile(r"\b(?:RU|BY)(?:-[A-Z]{2,3})?\b(?=[:'’ ]|s\b|$)")

def _indicator_word(code: str, lang: str) -> str:
    """An indicator code in a text → its catalog name with a lower-case first letter, or the code when unknown."""
    name = L.indicator_name(code, lang)
    if name == code:
        return code
    return name if name[:2].isupper() else name[0].lower() + name[1:]

def names_for_codes(text: str, lang: str) -> str:
    """Region codes in a text written by an analysis («RU-SMO: …») replaced by the regions' names; file names
    in parentheses dropped."""
    from regint.data.catalogs import sources

    ids = set(sources()["id"].astype(str))
    text = re.sub(r"\b((?:RU|BY)-[A-Z]{2,3})\b", lambda m: i18n.region(m.group(1), lang), text)
    text = re.sub(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\bgrp\b",
                  lambda m: source_names([m.group(0)], lang) if m.group(0) in ids else _indicator_word(m.group(0), lang), text)
    text = re.sub(r";?\s*(?:файл|file) [\w.-]+\.xlsx", "", text)
    return FILE_NOTE.sub("", text)

def short_name(code: str, lang: str) -> str:
    """The first word of a region's name («Смоленская», "Smolensk") for narrow headers."""
    return i18n.region(code, lang).split(" ")[0]

def today_of(res: Results) -> dt.date:
    """The report date of the study (its settings), today when it has none."""
    return getattr(getattr(res, "settings", None), "report_date", None) or dt.date.today()


def io_setup(res: Results, lang: str) -> tuple[str, str, str, str]:
    """The input-output set-up of the study in ``lang``: the table's year, Flegg's central δ, and the δ of the low
    and the high multiplier (from the study's settings, never literals)."""
    low, central, high = res.settings.io_deltas
    return (str(res.settings.io_year), fmt.number(central, lang, 1), fmt.number(low, lang, 1),
            fmt.number(high, lang, 1))
