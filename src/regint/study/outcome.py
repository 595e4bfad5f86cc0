"""The outcome of one analysis run for the report: its result, or the plain reason it could not be produced.

A report never dies on one part: :func:`attempt` runs an analysis and turns any failure into an
:class:`Outcome` whose ``reason`` the report prints where the section would have been.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """Result of one analysis (``value``) or why there is none (``reason``), with its run time in seconds.

    Attributes
    ----------
    name : str
        Short name of the analysis (``"preconditions"``, ``"gravity"``...).
    value : object or None
    reason : str or None
        Why the analysis could not be produced (module absent, data missing, error message).
    seconds : float
    """

    name: str
    value: T | None = None
    reason: str | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.value is not None and self.reason is None


def missing(name: str, reason: str) -> Outcome[Any]:
    """An outcome that was not produced, with the reason."""
    return Outcome(name=name, value=None, reason=reason)


def attempt(name: str, fn: Callable[[], T]) -> Outcome[T]:
    """Run ``fn``; return its value, or the reason it failed (a missing module names the module).

    The report keeps going after any exception: the reason (type and message, last frame) is printed in the
    section instead of the result.
    """
    start = time.perf_counter()
    try:
        value = fn()
    except ModuleNotFoundError as exc:
        return Outcome(name, None, f"module {exc.name!r} is not available ({exc})", time.perf_counter() - start)
    except Exception as exc:  # noqa: BLE001 — a batch report must not die on one analysis
        frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        where = f" [{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}]" if frame else ""
        return Outcome(name, None, f"{type(exc).__name__}: {exc}{where}", time.perf_counter() - start)
    if value is None:
        return Outcome(name, None, "the analysis returned no result", time.perf_counter() - start)
    return Outcome(name, value, None, time.perf_counter() - start)
