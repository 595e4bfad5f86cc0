"""The one entry to data for analyses, reports and the dashboard: open the store, get tidy panels.

Analysis modules never call this themselves; the CLI, report and web layers do and pass frames on.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from regint.data.store import Store

_STORE: Store | None = None
_STORE_PATH: str | Path | None = None


def open_store(path: str | Path | None = None) -> Store:
    """The store at ``path`` (a file or a ``postgresql://`` address; default: ``$REGINT_STORE`` or the user data
    directory), opened once per process. It holds no connection between operations."""
    global _STORE, _STORE_PATH
    from regint.data.store import default_store_target, is_server_url

    target = default_store_target() if path is None else str(path) if is_server_url(path) else Path(path)
    if _STORE is None or _STORE_PATH != target:
        if _STORE is not None:
            _STORE.close()
        _STORE = Store(target)
        _STORE_PATH = target
    return _STORE


def load_panel(
    indicators: Sequence[str] | None = None,
    regions: Sequence[str] | None = None,
    years: tuple[int, int] | None = None,
    *,
    as_of: str | None = None,
    store: Store | None = None,
) -> pd.DataFrame:
    """Long observation frame with one value per (region, indicator, period), latest vintage, best status.

    Columns are those of :data:`regint.data.schema.OBS_COLUMNS` plus ``import_id`` and ``imported_at``.
    """
    st = store if store is not None else open_store()
    return st.panel(indicators, regions, years, as_of=as_of)


def wide(panel: pd.DataFrame, indicator: str, *, annual_only: bool = True) -> pd.DataFrame:
    """Region × year table of one indicator from a long panel (annual periods only by default)."""
    sub = panel[panel["indicator"] == indicator]
    if annual_only:
        sub = sub[sub["period"].str.fullmatch(r"\d{4}")]
    table = sub.pivot_table(index="region", columns="period", values="value", aggfunc="first")
    table.columns = [int(c) if str(c).isdigit() else c for c in table.columns]
    return table


def world(name: str) -> pd.DataFrame:
    """A non-panel dataset shipped with regint: ``distances`` (CEPII GeoDist), ``trade2009`` (WITS bilateral
    totals), ``geo_cities``, ``geo_great_circle``, ``geo_facts`` (the pair's geography)."""
    from regint._options import check_option
    from regint.data.store import shipped_dataset_path

    folder = shipped_dataset_path().parent
    available = sorted(p.stem.removeprefix("world_") for p in folder.glob("world_*.parquet"))
    check_option("name", name, available)
    return pd.read_parquet(folder / f"world_{name}.parquet")


def conflicts(
    regions: Sequence[str] | None = None,
    threshold: float = 0.01,
    *,
    indicators: Sequence[str] | None = None,
    years: tuple[int, int] | None = None,
    store: Store | None = None,
) -> pd.DataFrame:
    """Keys (region, indicator, period) whose sources disagree by more than ``threshold`` (a share).

    One row per other source: the chosen value (first source in the indicator's catalog order) and the other
    value, both statuses, the relative difference, and the other value's note (a rejected value's reason).
    Columns: :data:`regint.data.precedence.CONFLICT_COLUMNS`; largest difference first. For the report's data
    annex, :func:`regint.data.precedence.conflict_summary` counts them by indicator and pair of sources.
    """
    from regint.data.precedence import find_conflicts

    st = store if store is not None else open_store()
    return find_conflicts(st.query(indicators, regions, years), threshold=threshold)
