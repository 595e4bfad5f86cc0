"""A view is a link: the state of a page written into and read from the URL's query string.

The query holds the language, the pair and whatever the page's controls set::

    /scenarios?lang=ru&pair=RU-SMO:BY-VI&scn=accelerated&out=trade&lev=border_m1:1:2027,visa:0.5:2028
    /indicators?lang=en&pair=RU-PSK:BY-VI&ind=wage_nominal&reg=RU-PSK,BY-VI&yr=2005-2024&usd=1

:func:`parse` never raises: a value that cannot be read (an unknown pair, a malformed lever) is left out, so the
page opens with its default for it, and :attr:`ViewState.dropped` says which parameters were ignored.
:func:`query` writes the state back; ``parse(query(s)) == s`` for every state built from valid values.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

from regint.study.settings import DEFAULT_BORDER_PAIRS, DEFAULT_PAIR
from regint.web.i18n import DEFAULT_LANG, LANGS

#: Pairs offered by the pair picker: the Union State border pairs of the study settings.
PAIRS: tuple[tuple[str, str], ...] = DEFAULT_BORDER_PAIRS
_CODE = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
_ID = re.compile(r"^[a-z0-9_]{1,60}$")
_YEARS = re.compile(r"^(\d{4})-(\d{4})$")


@dataclass(frozen=True)
class ViewState:
    """What a URL says about the view (``None``/empty: the page's default)."""

    lang: str = DEFAULT_LANG
    pair: tuple[str, str] = DEFAULT_PAIR
    indicator: str | None = None
    regions: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    usd: bool = False
    scenario: str | None = None
    outcome: str | None = None
    #: lever id → (intensity 0…1, start year); only levers with an intensity above zero.
    levers: dict[str, tuple[float, int]] | None = None
    index_pairs: tuple[str, ...] = ()
    dropped: tuple[str, ...] = field(default=(), compare=False)

    def replace(self, **changes: object) -> ViewState:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


def pair_key(pair: tuple[str, str]) -> str:
    """``"RU-SMO:BY-VI"``."""
    return f"{pair[0]}:{pair[1]}"


def parse_pair_key(text: str | None) -> tuple[str, str] | None:
    """The pair of ``"RU-SMO:BY-VI"`` when it is one of :data:`PAIRS`, else ``None``."""
    if not text or ":" not in text:
        return None
    a, b = text.split(":", 1)
    return (a, b) if (a, b) in PAIRS else None


def parse(search: str | None) -> ViewState:
    """The state in a query string (with or without the leading ``?``)."""
    q = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?"), keep_blank_values=False).items()}
    dropped: list[str] = []
    out: dict[str, object] = {}
    if "lang" in q:
        if q["lang"] in LANGS:
            out["lang"] = q["lang"]
        else:
            dropped.append("lang")
    if "pair" in q:
        pair = parse_pair_key(q["pair"])
        if pair is None:
            dropped.append("pair")
        else:
            out["pair"] = pair
    if "ind" in q:
        if _ID.match(q["ind"]):
            out["indicator"] = q["ind"]
        else:
            dropped.append("ind")
    if "reg" in q:
        regs = tuple(r for r in q["reg"].split(",") if _CODE.match(r))
        if regs:
            out["regions"] = tuple(dict.fromkeys(regs))
        else:
            dropped.append("reg")
    if "yr" in q:
        m = _YEARS.match(q["yr"])
        if m and int(m.group(1)) <= int(m.group(2)):
            out["years"] = (int(m.group(1)), int(m.group(2)))
        else:
            dropped.append("yr")
    if q.get("usd") == "1":
        out["usd"] = True
    for key, name in (("scn", "scenario"), ("out", "outcome")):
        if key in q:
            if _ID.match(q[key]):
                out[name] = q[key]
            else:
                dropped.append(key)
    if "lev" in q:
        levers = _parse_levers(q["lev"])
        if levers is None:
            dropped.append("lev")
        else:
            out["levers"] = levers
    if "pairs" in q:
        chosen = tuple(p for p in q["pairs"].split(",") if parse_pair_key(p))
        if chosen:
            out["index_pairs"] = chosen
        else:
            dropped.append("pairs")
    return ViewState(**out, dropped=tuple(dropped))  # type: ignore[arg-type]


def _parse_levers(text: str) -> dict[str, tuple[float, int]] | None:
    if text == "none":
        return {}
    levers: dict[str, tuple[float, int]] = {}
    for item in text.split(","):
        parts = item.split(":")
        if len(parts) != 3 or not _ID.match(parts[0]):
            return None
        try:
            intensity, year = float(parts[1]), int(parts[2])
        except ValueError:
            return None
        if not 0.0 < intensity <= 1.0 or not 1990 <= year <= 2100:
            return None
        levers[parts[0]] = (intensity, year)
    return levers


def query(state: ViewState) -> str:
    """The query string (with ``?``) of ``state``; defaults are written too for lang and pair (a link says them)."""
    q: dict[str, str] = {"lang": state.lang, "pair": pair_key(state.pair)}
    if state.indicator:
        q["ind"] = state.indicator
    if state.regions:
        q["reg"] = ",".join(state.regions)
    if state.years:
        q["yr"] = f"{state.years[0]}-{state.years[1]}"
    if state.usd:
        q["usd"] = "1"
    if state.scenario:
        q["scn"] = state.scenario
    if state.outcome:
        q["out"] = state.outcome
    if state.levers is not None:
        q["lev"] = ",".join(f"{k}:{_num(v[0])}:{v[1]}" for k, v in state.levers.items()) or "none"
    if state.index_pairs:
        q["pairs"] = ",".join(state.index_pairs)
    return "?" + urlencode(q, safe=":,")


def _num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def update(search: str | None, **changes: object) -> str:
    """``search`` with some fields of its state changed (the other fields kept as they are)."""
    return query(parse(search).replace(**changes))
