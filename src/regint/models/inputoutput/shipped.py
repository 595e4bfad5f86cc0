"""The input-output tables that ship with regint: reading them (:func:`shipped_table`) and building them from
the Rosstat workbooks of the research folder (:func:`build_io`, called by ``regint data build-default``).

The files live in ``regint/data/shipped/io/`` in the generic CSV format (docs/io-format.md), listed in the
manifest ``tables.csv``. This module, not ``regint.data``, reads them: the data layer knows no model.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from regint._paths import package_data
from regint.models.inputoutput.national import NationalIOData

__all__ = ["IO_MANIFEST_COLUMNS", "IO_TABLES", "build_io", "shipped_table", "shipped_tables"]


def IO_DIR() -> Path:  # noqa: N802 — reads as the constant it stands for
    """The folder of the shipped tables."""
    return package_data("data", "shipped", "io")


#: The Rosstat symmetric input-output tables shipped in the generic CSV format: year → workbook in
#: ``rosstat_io/`` (see its PROVENANCE.md). Each gives the total table («Симм ТЗВ») and, where the workbook has
#: it, the domestic one («Симм отеч»).
IO_TABLES: dict[int, str] = {2011: "baz2011.xlsx", 2016: "baz2016.xlsx", 2021: "baz_tzv-2021.xlsx"}
#: Columns of the manifest ``io/tables.csv``.
IO_MANIFEST_COLUMNS = ("file", "year", "domestic", "unit", "source", "classification", "sectors", "original",
                       "imports_meaning", "not_shipped", "notes")
#: Rows of a Rosstat symmetric sheet that the generic format keeps (as va, x, compensation, imports); every other
#: row below the products, and the columns TOTAL, TFU and TU, are listed in the manifest as not shipped.
_IO_SHIPPED_ROWS = ("B1g", "P1", "D1", "P7")


def build_io(root: Path, io_dir: Path, missing: list[str]) -> list[str]:
    """Write the Rosstat symmetric tables (:data:`IO_TABLES`) in the generic CSV format and their manifest.

    The tables are read with :func:`regint.models.inputoutput.read_rosstat_symmetric` (which checks the
    column identities of each sheet) and written with :func:`~regint.models.inputoutput.write_io_csv`; the
    figures are Rosstat's, unchanged (integers, mln RUB). Writes the manifest ``tables.csv``; what could not be
    read is appended to ``missing``; returns the lines of the build log (one per table written).
    """
    from regint.errors import LoaderError
    from regint.models.inputoutput.readers import read_rosstat_symmetric, write_io_csv

    written: list[str] = []

    io_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for year, workbook in sorted(IO_TABLES.items()):
        path = root / "rosstat_io" / workbook
        if not path.exists():
            missing.append(f"rosstat_io/{workbook}: not found (no {year} input-output table shipped)")
            continue
        for domestic in (False, True):
            kind = "domestic" if domestic else "total"
            try:
                data = read_rosstat_symmetric(path, year=year, domestic=domestic)
            except LoaderError as exc:
                missing.append(f"rosstat_io/{workbook} ({kind} table): {exc}")
                continue
            name = f"rosstat_{year}_{kind}.csv"
            write_io_csv(data, io_dir / name)
            n = len(data.codes)
            rows.append({
                "file": name, "year": year, "domestic": domestic, "unit": data.unit, "source": "rosstat_io",
                "classification": "ОКПД 2" if year >= 2017 else "ОКПД (2007)", "sectors": n,
                "original": data.source, "imports_meaning": data.imports_meaning,
                "not_shipped": "rows " + ", ".join(r for r in data.primary_inputs.index if r not in _IO_SHIPPED_ROWS)
                + "; columns TOTAL, TFU, TU", "notes": data.notes[0],
            })
            written.append(f"rosstat_io/{workbook} «{data.source.split('sheet ')[-1]}» → io/{name} "
                                 f"({n} products, {(io_dir / name).stat().st_size:,} bytes)")
    manifest = pd.DataFrame(rows, columns=list(IO_MANIFEST_COLUMNS))
    manifest.to_csv(io_dir / "tables.csv", index=False, lineterminator="\n")
    return written



def shipped_tables() -> pd.DataFrame:
    """The manifest of the shipped input-output tables (``io/tables.csv``): file, year, domestic, unit, source,
    classification, sectors, original workbook and sheet, meaning of the imports row, what the file leaves out of
    the original sheet, notes."""
    path = IO_DIR() / "tables.csv"
    if not path.is_file():
        return pd.DataFrame(columns=list(IO_MANIFEST_COLUMNS))
    manifest = pd.read_csv(path, dtype={"file": str, "unit": str, "notes": str}, keep_default_na=False)
    return manifest.assign(domestic=manifest["domestic"].astype(str).str.lower() == "true")


def shipped_table(year: int = 2021, domestic: bool = True) -> NationalIOData:
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

    from regint.errors import DataError
    from regint.models.inputoutput.readers import read_io_csv

    manifest = shipped_tables()
    row = manifest[(manifest["year"] == int(year)) & (manifest["domestic"] == bool(domestic))]
    if row.empty:
        kinds = [f"{r.year} {'domestic' if r.domestic else 'total'}" for r in manifest.itertuples()]
        raise DataError(f"no shipped input-output table for {year} ({'domestic' if domestic else 'total'}); "
                        f"available: {', '.join(kinds) or 'none'}. Fix: choose one of these, or pass your own "
                        "table (generic CSV format, docs/io-format.md).")
    r = row.iloc[0]
    path = IO_DIR() / str(r["file"])
    note: str = str(r["notes"])
    if str(r["source"]) == "rosstat_io":  # the reader's note, with its Russian form for the report
        from regint.models.inputoutput.readers.rosstat import rosstat_note

        named = rosstat_note(int(r["year"]), bool(r["domestic"]), int(r["sectors"]),
                             str(r["original"]).split(",")[0].strip())
        note = named if named == note else note
    data = read_io_csv(path, unit=str(r["unit"]), year=int(r["year"]), domestic=bool(r["domestic"]), note=note)
    return replace(data, source=f"{r['source']}: {r['original']} (shipped as io/{r['file']})",
                   imports_meaning=str(r["imports_meaning"]))
