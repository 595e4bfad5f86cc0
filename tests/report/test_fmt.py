"""Numbers written for the language (babel, CLDR): Russian '1 234,5', English '1,234.5'; gaps as '—'."""

from __future__ import annotations

import math

import pytest

from regint.errors import OptionError
from regint.report import fmt

NBSP = "\u00a0"


def test_russian_grouping_and_decimal_comma() -> None:
    assert fmt.number(1234.5, "ru", 1) == f"1{NBSP}234,5"
    assert fmt.number(1234567, "ru", 0) == f"1{NBSP}234{NBSP}567"
    assert fmt.number(0.5, "ru", 2) == "0,50"


def test_english_grouping_and_decimal_point() -> None:
    assert fmt.number(1234.5, "en", 1) == "1,234.5"
    assert fmt.number(0.5, "en", 2) == "0.50"


def test_percent_and_compact() -> None:
    assert fmt.percent(0.123, "ru") == f"12,3{NBSP}%"
    assert fmt.percent(0.123, "en") == "12.3%"
    assert fmt.compact(0.1, "ru") == "0,1"
    assert fmt.signed(20.4, "ru", 1) == "+20,4"


def test_gaps_are_gaps() -> None:
    for v in (None, math.nan, "n/a"):
        assert fmt.number(v, "ru") == fmt.GAP
    assert fmt.cell("", "en") == fmt.GAP
    assert fmt.year(2021.0) == "2021"


def test_language_is_checked() -> None:
    with pytest.raises(OptionError, match=r"lang must be one of \{'ru', 'en'\}; got 'de'"):
        fmt.number(1.0, "de")
