"""The one entry to data for analyses, reports and the dashboard: open the store, get tidy panels.

Analysis modules never call this themselves; the CLI, report and web layers do and pass frames on.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from regint.data.store import Store

if TYPE_CHECKING:
    from regint.models.inputoutput.national import NationalIOData

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


def io_tables() -> pd.DataFrame:
    """The manifest of the shipped input-output tables (``io/tables.csv``): file, year, domestic, unit, source,
    classification, sectors, original workbook and sheet, meaning of the imports row, what the file leaves out of
    the original sheet, notes."""
    from regint.data.store import shipped_dataset_path

    path = shipped_dataset_path().parent / "io" / "tables.csv"
    if not path.is_file():
        from regint.data.build import IO_MANIFEST_COLUMNS

        return pd.DataFrame(columns=list(IO_MANIFEST_COLUMNS))
    manifest = pd.read_csv(path, dtype={"file": str, "unit": str, "notes": str}, keep_default_na=False)
    return manifest.assign(domestic=manifest["domestic"].astype(str).str.lower() == "true")


def io_table(year: int = 2021, domestic: bool = True) -> NationalIOData:
    """A national input-output table shipped with regint (Rosstat symmetric tables 2011, 2016, 2021).

    ``domestic=True`` gives the table of domestic products («Симм отеч»: domestic multipliers), ``False`` the
    table of domestic and imported products («Симм ТЗВ»). Figures are Rosstat's, mln RUB, by product (ОКПД
    2007 for 2011 and 2016, ОКПД 2 for 2021); the manifest ``io/tables.csv`` gives each file's unit and source.

    Raises
    ------
    DataError
        When no table of that year and kind ships, listing the tables that do.
    """
    from dataclasses import replace

    from regint.data.store import shipped_dataset_path
    from regint.errors import DataError
    from regint.models.inputoutput import read_io_csv

    manifest = io_tables()
    row = manifest[(manifest["year"] == int(year)) & (manifest["domestic"] == bool(domestic))]
    if row.empty:
        kinds = [f"{r.year} {'domestic' if r.domestic else 'total'}" for r in manifest.itertuples()]
        raise DataError(f"no shipped input-output table for {year} ({'domestic' if domestic else 'total'}); "
                        f"available: {', '.join(kinds) or 'none'}. Fix: choose one of these, or pass your own "
                        "table (generic CSV format, docs/io-format.md).")
    r = row.iloc[0]
    path = shipped_dataset_path().parent / "io" / str(r["file"])
    note: str = str(r["notes"])
    if str(r["source"]) == "rosstat_io":  # the reader's note, with its Russian form for the report
        from regint.models.inputoutput.readers.rosstat import rosstat_note

        named = rosstat_note(int(r["year"]), bool(r["domestic"]), int(r["sectors"]),
                             str(r["original"]).split(",")[0].strip())
        note = named if named == note else note
    data = read_io_csv(path, unit=str(r["unit"]), year=int(r["year"]), domestic=bool(r["domestic"]), note=note)
    return replace(data, source=f"{r['source']}: {r['original']} (shipped as io/{r['file']})",
                   imports_meaning=str(r["imports_meaning"]))
