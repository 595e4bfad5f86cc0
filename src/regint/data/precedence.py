"""Source precedence as data, and the list of keys where sources disagree.

Each indicator of the catalog lists its sources in order (column ``sources`` of ``indicators.csv``, with the
reason in ``precedence_note``): official before secondary before press, and for national totals whether the
national series or the sum of regions comes first. :func:`choose` keeps, for every (region, indicator,
period), the first listed source that has a value and says so in the column ``precedence``;
:func:`find_conflicts` lists the keys where another source gives a value that differs by more than a
threshold, with both values. Values with status ``rejected`` are never chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from regint.data.catalogs import indicator_info
from regint.data.catalogs import sources as source_catalog
from regint.data.schema import REJECTED, STATUSES
from regint.errors import CatalogError, DataError

_STATUS_RANK = {s: i for i, s in enumerate(STATUSES)}
_KEY = ["region", "indicator", "period"]
#: Columns of :func:`find_conflicts`.
CONFLICT_COLUMNS = ("region", "indicator", "period", "unit", "chosen_source", "chosen_value", "chosen_status",
                    "other_source", "other_value", "other_status", "rel_diff", "other_note")


@lru_cache(maxsize=512)
def source_order(indicator: str) -> tuple[str, ...]:
    """The catalog's ordered source list of an indicator (``()`` when none is listed or the code is unknown)."""
    try:
        listed = str(indicator_info(indicator).get("sources", "") or "")
    except CatalogError:
        return ()
    return tuple(s.strip() for s in listed.split(";") if s.strip())


@lru_cache(maxsize=1)
def _catalog_priority() -> dict[str, float]:
    cat = source_catalog()
    return pd.to_numeric(cat["priority"], errors="coerce").fillna(50).to_dict()


@lru_cache(maxsize=1)
def _catalog_status() -> dict[str, int]:
    cat = source_catalog()
    return {i: _STATUS_RANK.get(s, 9) for i, s in zip(cat["id"], cat["status"], strict=True)}


def source_rank(indicator: str, source: str) -> float:
    """Position of ``source`` for ``indicator``: its place in the catalog list (0, 1, ...). A source the list
    does not name (a user's file, a fedstat export) goes just before the first listed source of a weaker
    status in the source catalog (an official one before the press), else after the listed ones; ties follow
    the source catalog's ``priority``."""
    order = source_order(indicator)
    if source in order:
        return float(order.index(source))
    status = _catalog_status()
    mine = status.get(source, 9)
    tie = _catalog_priority().get(source, 99.0) / 1000.0
    for k, listed in enumerate(order):
        if status.get(listed, 9) > mine:
            return k - 0.5 + tie
    return len(order) + tie


def _ranks(obs: pd.DataFrame, source_priority: Sequence[str] | None) -> np.ndarray:
    if source_priority is not None:
        fixed = {s: i for i, s in enumerate(source_priority)}
        return obs["source"].map(fixed).fillna(len(fixed)).to_numpy(dtype=float)
    keys = obs[["indicator", "source"]]
    pairs = keys.drop_duplicates()
    ranks = pairs.assign(_rank=[source_rank(i, s) for i, s in zip(pairs["indicator"], pairs["source"], strict=True)])
    return keys.merge(ranks, on=["indicator", "source"], how="left")["_rank"].to_numpy(dtype=float)


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _other_sources(rest: pd.DataFrame) -> pd.DataFrame:
    """Per key of ``rest`` (rows not chosen), its distinct sources in order, joined by ", " (column ``_others``)."""
    joined: dict[tuple[str, str, str], str] = {}
    for region, indicator, period, source in zip(*(rest[c].tolist() for c in _KEY + ["source"]), strict=True):
        key = (region, indicator, period)
        if key not in joined:
            joined[key] = source
        elif source not in joined[key].split(", "):
            joined[key] += ", " + source
    frame = pd.DataFrame([(*k, v) for k, v in joined.items()], columns=[*_KEY, "_others"])
    return frame.astype({c: rest[c].dtype for c in _KEY})


def choose(obs: pd.DataFrame, *, source_priority: Sequence[str] | None = None,
           include_flagged: bool = False) -> pd.DataFrame:
    """One value per (region, indicator, period): the first source of the indicator's catalog list.

    Rejected values are left out, and values whose note starts with ``FLAGGED`` unless ``include_flagged``.
    Ties (the same source in several imports) go to the latest import. ``source_priority`` replaces the
    catalog's lists by one order for every indicator. The column ``precedence`` says which place the chosen
    source has and which other sources gave a value for the key.
    """
    if obs.empty:
        return obs.assign(precedence=pd.Series(dtype=str))
    obs = obs[obs["status"] != REJECTED]
    if not include_flagged:
        obs = obs[~obs["note"].str.startswith("FLAGGED")]
    if obs.empty:
        return obs.assign(precedence=pd.Series(dtype=str)).reset_index(drop=True)
    order = obs.assign(_src=_ranks(obs, source_priority), _status=obs["status"].map(_STATUS_RANK).fillna(9),
                       _imp=obs["import_id"] if "import_id" in obs.columns else 0)
    order = order.sort_values(_KEY + ["_src", "_status", "_imp"], ascending=[True, True, True, True, True, False],
                              kind="stable")
    first = ~order.duplicated(_KEY, keep="first")
    several = order.duplicated(_KEY, keep=False)
    out = order[first].merge(_other_sources(order.loc[several & ~first, _KEY + ["source"]]), on=_KEY, how="left")
    places = {r: ("given order" if source_priority is not None else
                  "listed " + _ordinal(int(r) + 1) if r == int(r) else "not listed") for r in out["_src"].unique()}
    head = out["source"].astype(str) + " (" + out["_src"].map(places) + " for " + out["indicator"].astype(str)
    out["precedence"] = np.where(out["_others"].notna(), head + "); also: " + out["_others"].astype(str),
                                 head + "; only source)")
    return out.drop(columns=["_src", "_status", "_imp", "_others"]).reset_index(drop=True)


def find_conflicts(obs: pd.DataFrame, *, threshold: float = 0.01) -> pd.DataFrame:
    """Keys where two sources disagree: the chosen value against every other source's value.

    .. math:: d = \\frac{|v_{other} - v_{chosen}|}{|v_{chosen}|} > \\text{threshold}

    (with :math:`|v_{other}|` as the denominator when the chosen value is 0). ``obs`` holds every source's
    value (:meth:`Store.query`, latest vintage per source); the chosen one is the one :func:`choose` keeps.
    Rejected values are compared too (they are listed, never chosen). Sorted by ``rel_diff``, largest first.
    """
    if threshold < 0:
        raise DataError(f"threshold must be 0 or more (a share: 0.01 = 1 %); got {threshold}.")
    empty = pd.DataFrame(columns=list(CONFLICT_COLUMNS))
    if obs.empty:
        return empty
    multi = obs[obs.duplicated(_KEY, keep=False) & obs["value"].notna()]
    if multi.empty:
        return empty
    chosen = choose(multi)
    chosen = chosen[["region", "indicator", "period", "source", "value", "status", "unit"]].rename(columns={
        "source": "chosen_source", "value": "chosen_value", "status": "chosen_status"})
    pairs = multi.merge(chosen, on=_KEY, how="inner")
    pairs = pairs[pairs["source"] != pairs["chosen_source"]]
    if pairs.empty:
        return empty
    base = pairs["chosen_value"].abs().where(pairs["chosen_value"] != 0, pairs["value"].abs())
    rel = ((pairs["value"] - pairs["chosen_value"]).abs() / base).fillna(0.0)
    out = pd.DataFrame({
        "region": pairs["region"], "indicator": pairs["indicator"], "period": pairs["period"],
        "unit": pairs["unit_y"] if "unit_y" in pairs.columns else pairs["unit"],
        "chosen_source": pairs["chosen_source"], "chosen_value": pairs["chosen_value"],
        "chosen_status": pairs["chosen_status"], "other_source": pairs["source"], "other_value": pairs["value"],
        "other_status": pairs["status"], "rel_diff": rel, "other_note": pairs["note"],
    })
    out = out[out["rel_diff"] > threshold]
    return out.sort_values(["rel_diff", "region", "indicator", "period"], ascending=[False, True, True, True],
                           kind="stable").reset_index(drop=True)


def conflict_summary(conflicts: pd.DataFrame) -> pd.DataFrame:
    """Conflicts counted by indicator and pair of sources, with the largest relative difference."""
    if conflicts.empty:
        return pd.DataFrame(columns=["indicator", "chosen_source", "other_source", "keys", "max_rel_diff"])
    return (conflicts.groupby(["indicator", "chosen_source", "other_source"])["rel_diff"]
            .agg(keys="size", max_rel_diff="max").reset_index()
            .sort_values(["keys", "max_rel_diff"], ascending=[False, False]).reset_index(drop=True))
