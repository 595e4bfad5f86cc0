"""Waiting for a busy store: retry with exponential backoff up to a deadline, telling the user once.

DuckDB lets one process write a file, or several read it, at a time; PostgreSQL serialises regint's imports
with an advisory lock. A command that finds the store busy does not fail at once: it retries after 0.05 s,
0.1 s, 0.2 s … (at most 1 s apart, with a little jitter so that several waiting writers do not retry in step)
until ``wait`` seconds have passed, and then fails with the message the store gave.

The time to wait is ``--wait`` on the command line, else ``$REGINT_STORE_WAIT``, else 30 seconds.
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Callable
from typing import TypeVar

from regint.errors import StoreError

T = TypeVar("T")

#: Seconds a writer (or reader) waits for a busy store when neither --wait nor REGINT_STORE_WAIT says otherwise.
DEFAULT_WAIT = 30.0
_FIRST, _LONGEST = 0.05, 1.0


class StoreBusy(Exception):
    """Raised by a store operation that found the store locked by another connection (internal: retried)."""


def store_wait(value: float | None = None) -> float:
    """Seconds to wait: ``value`` if given, else ``$REGINT_STORE_WAIT``, else :data:`DEFAULT_WAIT`.

    Raises
    ------
    StoreError
        When ``REGINT_STORE_WAIT`` is not a non-negative number.
    """
    if value is not None:
        return max(0.0, float(value))
    env = os.environ.get("REGINT_STORE_WAIT", "").strip()
    if not env:
        return DEFAULT_WAIT
    try:
        seconds = float(env)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:
        raise StoreError(f"REGINT_STORE_WAIT must be a number of seconds (0 or more); got {env!r}. "
                         "Fix: export REGINT_STORE_WAIT=30, or pass --wait 30.")
    return seconds


def announce_wait(what: str, wait: float) -> None:
    """The default notice: one line on standard error, in the language of ``REGINT_LANG``."""
    if os.environ.get("REGINT_LANG", "").lower().startswith("ru"):
        text = (f"Хранилище {what} занято другим процессом regint; ждём до {wait:g} с "
                "(--wait или REGINT_STORE_WAIT)…")
    else:
        text = f"The store {what} is busy (another regint is using it); waiting up to {wait:g} s (--wait)…"
    print(text, file=sys.stderr, flush=True)


def backoff_delays(wait: float, seed: int | None = None) -> list[float]:
    """The pauses between attempts within ``wait`` seconds: 0.05, 0.1, 0.2, … capped at 1 s, ±20 % jitter.

    The pauses add up to at most ``wait``; the list is empty when ``wait`` is 0 (one attempt only).
    """
    rng = random.Random(seed)
    delays, total, step = [], 0.0, _FIRST
    while total < wait:
        pause = min(step * rng.uniform(0.8, 1.2), wait - total)
        delays.append(pause)
        total += pause
        step = min(step * 2, _LONGEST)
    return delays


def retry_busy(attempt: Callable[[], T], *, what: str, wait: float, busy_message: Callable[[StoreBusy], str],
               on_wait: Callable[[str, float], None] | None = announce_wait) -> T:
    """Call ``attempt`` until it does not raise :class:`StoreBusy`, for at most ``wait`` seconds.

    ``on_wait(what, wait)`` is called once, when the first attempt finds the store busy. After the deadline a
    :class:`StoreError` carries ``busy_message(last exception)`` and how long it waited.
    """
    delays = backoff_delays(wait)
    announced = False
    for pause in [*delays, None]:
        try:
            return attempt()
        except StoreBusy as exc:
            if pause is None:
                waited = f" (waited {wait:g} s)" if wait else ""
                raise StoreError(busy_message(exc) + waited) from exc
            if not announced and on_wait is not None:
                on_wait(what, wait)
                announced = True
            time.sleep(pause)
    raise AssertionError("unreachable")  # pragma: no cover
