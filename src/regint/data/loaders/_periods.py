"""Russian period words as printed by Rosstat, fedstat and Belstat → the schema's period strings.

``"I квартал"`` → ``YYYY-Q1``; ``"март"``/``"марте"`` → ``YYYY-03``; ``"январь-март"``/``"в январе-апреле"`` →
``YYYY-01/YYYY-04``; ``"I полугодие"`` → ``YYYY-01/YYYY-06``; ``"значение показателя за год"`` → ``YYYY``.
"""

from __future__ import annotations

import re

#: Month stems in calendar order; each matches the nominative and the oblique forms (январь, январе, января).
_MONTH_PATTERNS: tuple[tuple[int, str], ...] = (
    (1, r"январ[ьяеюи]"),
    (2, r"феврал[ьяеюи]"),
    (3, r"март[ае]?"),
    (4, r"апрел[ьяеюи]"),
    (5, r"ма[йяею]"),
    (6, r"июн[ьяеюи]"),
    (7, r"июл[ьяеюи]"),
    (8, r"август[ае]?"),
    (9, r"сентябр[ьяеюи]"),
    (10, r"октябр[ьяеюи]"),
    (11, r"ноябр[ьяеюи]"),
    (12, r"декабр[ьяеюи]"),
)
_MONTH = re.compile(r"(?<![а-я])(" + "|".join(p for _, p in _MONTH_PATTERNS) + r")(?![а-я])")
_SPAN = re.compile(
    r"(?<![а-я])(" + "|".join(p for _, p in _MONTH_PATTERNS) + r")\s*[-–—]\s*("
    + "|".join(p for _, p in _MONTH_PATTERNS) + r")(?![а-я])"
)
_QUARTER = re.compile(r"^(i{1,3}|iv)\s*квартал")
_HALF = re.compile(r"^(i{1,2})\s*полугодие")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
#: PERIOD attribute texts that mean the whole year (fedstat).
ANNUAL_WORDS = (
    "значение показателя за год",
    "за год",
    "год",
    "на конец года",
    "раз в год на определенную дату",
    "на начало учебного года",
)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).replace("\u00a0", " ")).strip().lower()


def month_number(word: str) -> int | None:
    """The month (1–12) named by a Russian month word in any case form, else ``None``."""
    w = _clean(word)
    for number, pattern in _MONTH_PATTERNS:
        if re.fullmatch(pattern, w):
            return number
    return None


def months_in(text: str) -> list[int]:
    """Months named in ``text``, in order of appearance."""
    return [n for n in (month_number(m.group(1)) for m in _MONTH.finditer(_clean(text))) if n]


def cumulative_span(text: str) -> tuple[int, int] | None:
    """``(first, last)`` month of a span such as ``"январь-март"`` or ``"в январе-апреле 2017"``, else ``None``."""
    m = _SPAN.search(_clean(text))
    if not m:
        return None
    first, last = month_number(m.group(1)), month_number(m.group(2))
    if first is None or last is None or last < first:
        return None
    return first, last


def span_period(year: int, first: int, last: int) -> str:
    """The period string of months ``first``..``last`` of ``year`` (a single month when they are equal)."""
    if first == last:
        return f"{year}-{first:02d}"
    return f"{year}-{first:02d}/{year}-{last:02d}"


def period_from_words(year: int, words: str) -> str | None:
    """The period meant by a sub-period text of ``year``, or ``None`` when the text is not understood.

    Parameters
    ----------
    year : int
        The calendar year the text belongs to.
    words : str
        ``"значение показателя за год"``, ``"I квартал"``, ``"I полугодие"``, ``"январь"``,
        ``"январь-март"``, ``"январь - декабрь"`` and the like.
    """
    text = _clean(words)
    if not text or text in ANNUAL_WORDS:
        return f"{year}"
    q = _QUARTER.match(text)
    if q:
        return f"{year}-Q{_ROMAN[q.group(1).upper()]}"
    h = _HALF.match(text)
    if h:
        return span_period(year, 1, 6 * _ROMAN[h.group(1).upper()])
    if text.startswith("9 месяцев") or text.startswith("девять месяцев"):
        return span_period(year, 1, 9)
    span = cumulative_span(text)
    if span:
        return span_period(year, *span)
    number = month_number(text)
    if number:
        return f"{year}-{number:02d}"
    return None
