"""The link between the experts page and :mod:`regint.experts`: blocks, slider encoding, saving responses.

A judgement is entered on a slider from -8 (the left end) to 8 (the right end), moved towards the item that
matters more: position 0 is "equal" (1), position -*k* (towards the left item) says the left item matters
*k* + 1 times more (Saaty's 2 … 9), position *k* (towards the right item) the right one (1/2 … 1/9). (Until
December 2026 the sign was the other way round and judgements entered in the browser were saved inverted;
issue 21.)

:class:`regint.experts.questionnaire.ResponseStore` appends atomically (temporary file and ``os.replace``) but
reads the old file first, so two writers at the same moment could each replace the file with their own line
and one response would be lost. :func:`append_response` serialises writers: a lock per folder inside the
process and an exclusive ``flock`` on ``<folder>/.responses.lock`` across processes.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

from regint.web.i18n import SCORE_COMPONENTS, check_lang

if TYPE_CHECKING:
    from collections.abc import Iterator

    from regint.experts.questionnaire import Response, ResponseStore

#: Slider positions run from -MAX_STEP to MAX_STEP.
MAX_STEP = 8
_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


@dataclass(frozen=True)
class Block:
    """A set of items compared pairwise, and the kind of response it is saved as."""

    code: str
    kind: str
    items: tuple[str, ...]
    labels: tuple[str, ...]

    @property
    def pairs(self) -> list[tuple[int, int]]:
        return list(combinations(range(len(self.items)), 2))


BLOCKS: tuple[str, ...] = ("criteria", "score")


def block(code: str, lang: str) -> Block:
    """The block ``criteria`` (criteria of the directions, saved as a directions response) or ``score``."""
    lang = check_lang(lang)
    if code == "score":
        items = tuple(SCORE_COMPONENTS)
        return Block("score", "score_weights", items, tuple(SCORE_COMPONENTS[i][lang] for i in items))
    from regint.experts.directions import BLOCK, KIND, direction_criteria

    crit = direction_criteria(lang)  # type: ignore[arg-type]
    return Block(BLOCK, KIND, tuple(crit["code"]), tuple(crit["name"]))


def slider_to_saaty(position: float | None) -> float:
    """Slider position → the judgement :math:`a_{ij}` of the left item *i* over the right item *j*
    (0 → 1; -2, towards the left item → 3; 2, towards the right item → 1/3)."""
    k = int(round(float(position or 0)))
    k = max(-MAX_STEP, min(MAX_STEP, k))
    return float(1 - k) if k <= 0 else 1.0 / (1 + k)


def saaty_to_slider(value: float) -> int:
    """The judgement :math:`a_{ij}` → the nearest slider position."""
    from regint.experts.ahp import nearest_scale_value

    v = nearest_scale_value(float(value))
    return -int(round(v - 1)) if v >= 1 else int(round(1 / v - 1))


def judgements(blk: Block, positions: Sequence[float | None]) -> dict[tuple[str, str], float]:
    """``{(item i, item j): a_ij}`` for every pair of the block, from slider positions in pair order."""
    if len(positions) != len(blk.pairs):
        from regint.errors import DataError

        raise DataError(f"block {blk.code!r} has {len(blk.pairs)} pairs; got {len(positions)} judgements.")
    return {(blk.items[i], blk.items[j]): slider_to_saaty(p) for (i, j), p in zip(blk.pairs, positions, strict=True)}


def web_response(blk: Block, positions: Sequence[float | None], respondent: str, lang: str,
                 organisation: str = "") -> Response:
    """A :class:`~regint.experts.questionnaire.Response` for judgements entered on the page."""
    from regint.experts.questionnaire import Response

    return Response(respondent=respondent, date=date.today().isoformat(), kind=blk.kind, lang=check_lang(lang),
                    blocks=((blk.code, blk.items),), judgements={blk.code: judgements(blk, positions)},
                    source="dashboard", organisation=organisation)


@contextmanager
def _folder_lock(directory: Path) -> Iterator[None]:
    key = str(directory.resolve())
    with _LOCKS_GUARD:
        lock = _LOCKS.setdefault(key, threading.Lock())
    with lock:
        directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(directory / ".responses.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX)
            except ImportError:  # Windows: the in-process lock still holds
                pass
            yield
        finally:
            os.close(fd)  # closing releases the flock


def append_response(store: ResponseStore, response: Response) -> bool:
    """``store.append(response)`` with concurrent writers serialised (see the module notes).

    With sign-in (:mod:`regint.web.auth`) the record says who entered it: judgements entered on the page carry
    the signed-in expert's name as respondent, and every record's source names the signed-in user.
    """
    from dataclasses import replace

    from regint._actor import signed_in_user

    user = signed_in_user()
    if user:
        if response.source == "dashboard":
            response = replace(response, respondent=user, source=f"dashboard; entered by {user}")
        else:
            response = replace(response, source=f"{response.source}; entered by {user}".lstrip("; "))
    with _folder_lock(store.directory):
        return store.append(response)
