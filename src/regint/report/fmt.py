"""Numbers, percentages, years and dates written the way each language writes them (babel, CLDR).

Russian groups thousands with a non-breaking space and uses a decimal comma (``1 234,5``); English uses a comma
and a point (``1,234.5``). A missing value is written as a gap (``—``), never as zero.
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import Literal

from babel.dates import format_date as _format_date
from babel.numbers import format_decimal, format_percent

from regint._options import check_option

Lang = Literal["ru", "en"]
LANGS: tuple[str, ...] = ("ru", "en")
GAP = "—"


def _lang(lang: str) -> str:
    return check_option("lang", lang, LANGS)


def is_gap(value: object) -> bool:
    """``True`` for ``None``, NaN and other values that are not numbers."""
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def auto_digits(value: float) -> int:
    """Decimals that keep three significant figures for small numbers and none for large ones."""
    a = abs(value)
    if a >= 100:
        return 0
    if a >= 10:
        return 1
    if a >= 1:
        return 2
    return 3


def number(value: object, lang: str = "ru", digits: int | None = None) -> str:
    """A number with the language's grouping and decimal sign, or ``—`` for a gap.

    Parameters
    ----------
    value : number or None
    lang : {'ru', 'en'}
    digits : int, optional
        Decimals shown; by default three significant figures (see :func:`auto_digits`).

    Examples
    --------
    >>> number(1234.5, "ru", 1)
    '1\\xa0234,5'
    >>> number(1234.5, "en", 1)
    '1,234.5'
    """
    lang = _lang(lang)
    if is_gap(value):
        return GAP
    x = float(value)  # type: ignore[arg-type]
    d = auto_digits(x) if digits is None else digits
    pattern = "#,##0" + ("." + "0" * d if d > 0 else "")
    return _minus(format_decimal(round(x, d), format=pattern, locale=lang), lang)


def _minus(text: str, lang: str) -> str:
    """Russian typesetting writes the minus sign «−» (U+2212), not the hyphen."""
    return "−" + text[1:] if lang == "ru" and text.startswith("-") else text


def compact(value: object, lang: str = "ru") -> str:
    """A number with up to three decimals and no trailing zeros (``0,1``; ``12,25``)."""
    lang = _lang(lang)
    if is_gap(value):
        return GAP
    return format_decimal(float(value), format="#,##0.###", locale=lang)  # type: ignore[arg-type]


def percent(value: object, lang: str = "ru", digits: int = 1) -> str:
    """A share (0.123) as a percentage (``12,3 %`` in Russian, ``12.3%`` in English)."""
    lang = _lang(lang)
    if is_gap(value):
        return GAP
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + ("\u00a0%" if lang == "ru" else "%")
    return _minus(format_percent(float(value), format=pattern, locale=lang), lang)  # type: ignore[arg-type]


def points(value: object, lang: str = "ru", digits: int = 1) -> str:
    """A value already in percent (12.3) written as a signed percentage (``+12,3 %``, ``−4.0%``)."""
    if is_gap(value):
        return GAP
    x = float(value)  # type: ignore[arg-type]
    sign = "+" if x > 0 else ("−" if x < 0 else "")
    return sign + percent(abs(x) / 100.0, lang, digits)


def signed(value: object, lang: str = "ru", digits: int | None = None) -> str:
    """A number with an explicit ``+`` for positive values (changes, effects)."""
    text = number(value, lang, digits)
    if text != GAP and float(value) > 0:  # type: ignore[arg-type]
        return "+" + text
    return text


def year(value: object) -> str:
    """A year without grouping (``2021``, never ``2 021``)."""
    if is_gap(value):
        return GAP
    return str(int(float(value)))  # type: ignore[arg-type]


def date(value: _dt.date, lang: str = "ru") -> str:
    """A date written in full (``27 ноября 2025 г.``, ``November 27, 2025``)."""
    return _format_date(value, format="long", locale=_lang(lang))


def cell(value: object, lang: str = "ru", digits: int | None = None) -> str:
    """A table cell: numbers formatted, text as is, gaps as ``—``."""
    if isinstance(value, bool):
        return ("да" if value else "нет") if lang == "ru" else ("yes" if value else "no")
    if isinstance(value, str):
        return value if value.strip() else GAP
    if is_gap(value):
        return GAP
    x = float(value)  # type: ignore[arg-type]
    if float(x).is_integer() and abs(x) < 1e15 and digits is None:
        return number(x, lang, 0)
    return number(x, lang, digits)
