"""Bilingual assumption texts of the input-output models.

Every output of the models prints its assumptions; the CLI and the tests read them as English strings, and the
Russian report prints them in Russian. :class:`Note` is both: it *is* the English ``str`` (so every tuple of
assumptions stays a tuple of strings, and ``format_assumptions``, ``in`` tests and the CLI work unchanged) and
carries its Russian form in :attr:`Note.ru`. Plain strings (an assumption given by a caller) have no Russian form
and are shown as they are.

:func:`text` picks a language; :func:`pairs` gives ``{"en": ..., "ru": ...}`` items. Numbers in the Russian form are
written the Russian way (decimal comma, non-breaking space before ``%``, grouped thousands) with :func:`num` and
:func:`pct`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from babel.numbers import format_decimal

__all__ = ["Note", "basis_ru", "num", "pairs", "pct", "text"]


class Note(str):
    """An English assumption text (the string itself) with its Russian form ``ru``.

    Examples
    --------
    >>> n = Note("National technology.", "Национальная технология.")
    >>> n == "National technology.", n.ru
    (True, 'Национальная технология.')
    """

    ru: str

    def __new__(cls, en: str, ru: str | None = None) -> Note:
        obj = super().__new__(cls, en)
        obj.ru = str(en) if ru is None else ru
        return obj

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        return str(self), self.ru

    @property
    def en(self) -> str:
        return str.__str__(self)

    def text(self, lang: str) -> str:
        """The text in ``lang`` (``'ru'`` or ``'en'``)."""
        return self.ru if lang == "ru" else self.en


def text(note: Any, lang: str) -> str:
    """``note`` in ``lang``: the Russian form of a :class:`Note`, any other text as it is."""
    if isinstance(note, Note):
        return note.text(lang)
    return str(note)


def pairs(notes: Iterable[Any]) -> tuple[dict[str, str], ...]:
    """The notes as ``{"en": ..., "ru": ...}`` items (a plain string is its own Russian form)."""
    return tuple({"en": text(n, "en"), "ru": text(n, "ru")} for n in notes)


def num(value: float, digits: int | None = 0) -> str:
    """A number written the Russian way (``1 000``, ``0,3``): ``digits`` decimals, or ``None`` for at most three
    without trailing zeros."""
    if digits is None:
        return format_decimal(float(value), locale="ru")
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(float(value), format=pattern, locale="ru")


def pct(share: float, digits: int = 3) -> str:
    """A share (0.00374) as a Russian percentage (``0,374 %``)."""
    return num(float(share) * 100.0, digits) + "\u00a0%"


_BASIS_RU = {"gva": ("ВДС", "ВДС"), "employment": ("занятость", "занятости"), "output": ("выпуск", "выпуску")}


def basis_ru(basis: str, case: str = "nom") -> str:
    """What regional activity measures (``'GVA'``, ``'employment'``) in Russian; ``case`` ``'nom'`` or ``'dat'``."""
    forms = _BASIS_RU.get(basis.lower())
    if forms is None:
        return basis
    return forms[1] if case == "dat" else forms[0]
