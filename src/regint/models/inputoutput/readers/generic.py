"""Reader and writer of regint's generic input-output table format (CSV), documented in docs/io-format.md.

One CSV file, UTF-8, comma-separated, a header row::

    code,name,<code_1>,...,<code_n>[,fd_<name>...]
    <code_1>,<name_1>,z11,...,z1n[,f1...]
    ...
    <code_n>,<name_n>,zn1,...,znn[,fn...]
    va,Gross value added,v1,...,vn
    x,Output,x1,...,xn
    [compensation,...]  [employment,...]  [imports,...]  [taxes,...]

The first ``n`` data rows are the sectors, in the same order as the sector columns; the reserved rows
``va`` and ``x`` are required, ``compensation``, ``employment``, ``imports`` and ``taxes`` optional.
Columns named ``fd_<name>`` are final demand (``fd_household`` feeds the type II closure). Cells of
reserved rows under final-demand columns are left empty.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from regint.errors import LoaderError
from regint.models.inputoutput.national import NationalIOData
from regint.models.inputoutput.notes import Note

__all__ = ["RESERVED_ROWS", "read_io_csv", "write_io_csv"]

RESERVED_ROWS: tuple[str, ...] = ("va", "x", "compensation", "employment", "imports", "taxes")
_REQUIRED = ("va", "x")


def read_io_csv(path: str | Path, *, unit: str = "", year: int | None = None, domestic: bool = True,
                note: str | None = None) -> NationalIOData:
    """Read a table in the generic CSV format (docs/io-format.md).

    Parameters
    ----------
    path : path-like
    unit : str
        Money unit of the flows (e.g. ``"mln BYN"``); not in the file.
    year : int, optional
    domestic : bool
        Whether ``Z`` holds domestic flows only (recorded in the notes).
    note : str, optional
        A sentence about the table that every output will print (its source).

    Raises
    ------
    LoaderError
        With the row (as an editor shows it, header = row 1) and column of the problem.
    """
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError as err:
        raise LoaderError("file not found", path=path) from err
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as err:
        raise LoaderError(f"cannot read as CSV ({err})", path=path, fix="save the table as UTF-8 CSV") from err
    cols = list(raw.columns)
    if cols[:2] != ["code", "name"]:
        raise LoaderError(f"the first two columns must be 'code,name'; got {cols[:2]}", path=path, row=1,
                          fix="see docs/io-format.md")
    fd_cols = [c for c in cols[2:] if c.startswith("fd_")]
    sector_cols = [c for c in cols[2:] if not c.startswith("fd_")]
    n = len(sector_cols)
    if n == 0:
        raise LoaderError("no sector columns after code,name", path=path, row=1)
    codes = raw["code"].str.strip().tolist()
    if codes[:n] != sector_cols:
        k = next(i for i in range(min(n, len(codes))) if codes[i] != sector_cols[i]) if len(codes) >= n else len(codes)
        got = codes[k] if k < len(codes) else "end of file"
        raise LoaderError(
            f"sector row {k + 1} must be {sector_cols[k]!r} (the order of the sector columns); found {got!r}",
            path=path, row=k + 2, column="code", fix="Z must be square with rows in the order of the columns",
        )
    extra = codes[n:]
    unknown = [c for c in extra if c not in RESERVED_ROWS]
    if unknown:
        k = n + extra.index(unknown[0])
        raise LoaderError(f"unknown row {unknown[0]!r} after the sectors; allowed: {list(RESERVED_ROWS)}",
                          path=path, row=k + 2, column="code")
    for need in _REQUIRED:
        if need not in extra:
            raise LoaderError(f"the required row {need!r} is missing", path=path, fix="add the rows va and x")

    cells = {c: raw[c].to_numpy(dtype=object) for c in [*sector_cols, *fd_cols]}  # a cell by .at: a second a table

    def numbers(row_idx: int, columns: list[str], allow_empty: bool) -> np.ndarray:
        out = np.empty(len(columns))
        for k, c in enumerate(columns):
            text = cells[c][row_idx].strip()
            if text == "":
                if not allow_empty:
                    raise LoaderError("empty cell", path=path, row=row_idx + 2, column=c, fix="write 0 for no flow")
                out[k] = 0.0
                continue
            try:
                out[k] = float(text)
            except ValueError as err:
                raise LoaderError(f"expected a number, found {text!r}", path=path, row=row_idx + 2,
                                  column=c) from err
        return out

    Z = np.vstack([numbers(i, sector_cols, False) for i in range(n)])
    F = np.vstack([numbers(i, fd_cols, True) for i in range(n)]) if fd_cols else np.zeros((n, 0))
    reserved = {code: numbers(n + k, sector_cols, code not in _REQUIRED) for k, code in enumerate(extra)}
    idx = pd.Index(sector_cols, name="code")

    def series(code: str) -> pd.Series | None:
        return pd.Series(reserved[code], index=idx, name=code) if code in reserved else None

    x = pd.Series(reserved["x"], index=idx, name="x")  # required rows: their presence is checked above
    va = pd.Series(reserved["va"], index=idx, name="va")
    over = Z.sum(axis=0) + va.to_numpy() - x.to_numpy()
    if "imports" not in reserved and "taxes" not in reserved:
        j = int(np.argmax(over))
        if over[j] > 1e-6 * max(1.0, abs(x.iloc[j])):
            raise LoaderError(
                f"inputs of {sector_cols[j]!r} plus value added exceed its output by {over[j]:,.6g}",
                path=path, row=n + 2 + extra.index("x"), column=sector_cols[j],
                fix="check the x and va rows (x_j ≥ Σ_i z_ij + va_j)",
            )
    labels = pd.DataFrame({"code": sector_cols, "name_ru": raw["name"].iloc[:n].str.strip().tolist()})
    primary = pd.DataFrame(reserved, index=idx).T
    return NationalIOData(
        Z=pd.DataFrame(Z, index=idx, columns=idx),
        x=x,
        value_added=va,
        final_demand=pd.DataFrame(F, index=idx, columns=[c.removeprefix("fd_") for c in fd_cols]),
        primary_inputs=primary,
        labels=labels,
        compensation=series("compensation"),
        employment=series("employment"),
        imports=series("imports"),
        imports_meaning="row imports: imported inputs used by each column" if "imports" in reserved else "",
        year=year,
        unit=unit,
        source=path.name,
        domestic=domestic,
        notes=(note or Note(f"Input-output table from {path.name} (generic CSV format), {n} sectors.",
                            f"Таблица «затраты – выпуск» из файла {path.name} (общий формат CSV), {n} отраслей."),),
    )


def write_io_csv(data: NationalIOData, path: str | Path) -> Path:
    """Write a table in the generic CSV format; :func:`read_io_csv` reads it back unchanged."""
    path = Path(path)
    codes = data.codes
    fd = data.final_demand.reindex(codes)
    names = data.names().reindex(codes).fillna("")
    body = pd.DataFrame(data.Z.to_numpy(), index=codes, columns=codes)
    for c in fd.columns:
        body[f"fd_{c}"] = fd[c].to_numpy()
    body.insert(0, "name", names.to_numpy())
    rows = {"va": ("Gross value added", data.value_added), "x": ("Output", data.x),
            "compensation": ("Compensation of employees", data.compensation),
            "employment": ("Employment", data.employment), "imports": ("Imports", data.imports)}
    extra = []
    for code, (name, s) in rows.items():
        if s is None:
            continue
        line = pd.concat([pd.Series({"name": name}, dtype=object),
                          pd.Series(s.reindex(codes).to_numpy(), index=codes, dtype=object)])
        extra.append(line.rename(code))
    out = pd.concat([body, pd.DataFrame(extra)]) if extra else body
    out.index.name = "code"
    path.parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(path, float_format="%.17g")
    return path
