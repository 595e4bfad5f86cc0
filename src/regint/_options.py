"""Validation of closed option sets where the user calls in (never ``assert`` on user input)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from regint.errors import OptionError

T = TypeVar("T")


def check_option(name: str, value: T, allowed: Iterable[Any]) -> T:
    """Return ``value`` if it is one of ``allowed``; otherwise raise :class:`OptionError`.

    The message follows scikit-learn / pyfixest: ``"method must be one of {'a', 'b'}; got 'c'"``.
    """
    options = tuple(allowed)
    if value not in options:
        shown = "{" + ", ".join(repr(o) for o in options) + "}"
        raise OptionError(f"{name} must be one of {shown}; got {value!r}")
    return value
