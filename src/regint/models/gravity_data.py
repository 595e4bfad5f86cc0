"""Reader of the CEPII GeoDist distances and the WITS 2009 bilateral trade extract into one tidy gravity frame.

Pure: paths in, frame out. The files are ``;``-separated (``dist_cepii.csv``: iso_o, iso_d, contig, comlang_off,
comlang_ethno, colony, comcol, curcol, col45, smctry, dist, distcap, distw, distwces; ``WITS_trade2009.csv``:
ReporterISO3, PartnerISO3, Year, TradeFlowName ('Export'/'Import'), "TradeValue in 1000 USD").

References
----------
Mayer, T. and Zignago, S. (2011). Notes on CEPII's distances measures: the GeoDist database. CEPII WP 2011-25.
World Bank, World Integrated Trade Solution (WITS), UN Comtrade totals, 2009.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import LoaderError

Prefer = Literal["importer", "exporter"]
_PREFER = ("importer", "exporter")

DIST_COLUMNS = ("iso_o", "iso_d", "contig", "comlang_off", "comlang_ethno", "colony", "comcol", "curcol",
                "col45", "smctry", "dist", "distcap", "distw", "distwces")
TRADE_COLUMNS = ("ReporterISO3", "PartnerISO3", "Year", "TradeFlowName", "TradeValue in 1000 USD")
AGGREGATES = frozenset({"WLD", "UNS", "EUN", "OAS", "SPE", "FRE", "ZA1", "BUN", "NZE"})

__all__ = ["read_cepii_wits"]


def _read(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, sep=";", dtype={"iso_o": str, "iso_d": str, "ReporterISO3": str,
                                                  "PartnerISO3": str}, keep_default_na=False,
                            na_values=["", "."])  # '.' marks a missing weighted distance in GeoDist
    except FileNotFoundError:
        raise LoaderError("file not found", path=path, fix="pass the path of the CEPII/WITS file") from None
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise LoaderError(f"missing columns {missing}; found {list(frame.columns)}", path=path, row=1,
                          fix="the file must be ';'-separated with the CEPII/WITS header")
    return frame


def read_cepii_wits(
    dist_path: str | Path,
    trade_path: str | Path,
    *,
    prefer: Prefer = "importer",
    zeros: bool = True,
) -> pd.DataFrame:
    """Tidy bilateral frame: one row per ordered pair of distinct reporting countries, with trade and geography.

    Each flow ``exporter -> importer`` is taken from the importer's reported imports (CIF) when ``prefer`` is
    ``'importer'`` (the usual choice: customs record imports more carefully) and from the exporter's reported
    exports (FOB) otherwise, falling back to the other side when the preferred report is absent (mirror data).
    With ``zeros=True`` a pair of two reporting countries with neither record is kept with trade 0 (WITS omits
    zero flows); otherwise it is left out. Aggregates (World, unspecified) are removed.

    Parameters
    ----------
    dist_path, trade_path : path-like
        ``dist_cepii.csv`` and ``WITS_trade2009.csv`` (``;``-separated).
    prefer : {'importer', 'exporter'}
    zeros : bool

    Returns
    -------
    pandas.DataFrame
        Columns ``exporter, importer, year, trade`` (thousand USD), ``trade_source`` ('importer', 'exporter',
        'none'), then the CEPII variables (``contig, comlang_off, comlang_ethno, colony, comcol, curcol, col45,
        smctry, dist, distcap, distw, distwces``; km; ``distw``/``distwces`` missing for some pairs) and
        ``log_dist`` (of ``dist``, the great-circle distance between the main cities).

    Raises
    ------
    LoaderError
        A file is missing, has the wrong header or non-numeric values.
    """
    check_option("prefer", prefer, _PREFER)
    dist_path, trade_path = Path(dist_path), Path(trade_path)
    dist = _read(dist_path, DIST_COLUMNS)
    raw = _read(trade_path, TRADE_COLUMNS)
    for col in DIST_COLUMNS[2:]:
        if not pd.api.types.is_numeric_dtype(dist[col]):
            row = int(np.flatnonzero(pd.to_numeric(dist[col], errors="coerce").isna().to_numpy()
                                     & dist[col].notna().to_numpy())[0]) + 2
            raise LoaderError("non-numeric value", path=dist_path, row=row, column=col)
    value = pd.to_numeric(raw["TradeValue in 1000 USD"], errors="coerce")
    bad = value.isna() & raw["TradeValue in 1000 USD"].notna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0]) + 2
        raise LoaderError("non-numeric trade value", path=trade_path, row=row, column="TradeValue in 1000 USD")
    raw = raw.assign(value=value)
    return gravity_frame(dist, raw, prefer=prefer, zeros=zeros)


def gravity_frame(dist: pd.DataFrame, raw: pd.DataFrame, *, prefer: Prefer = "importer",
                  zeros: bool = True) -> pd.DataFrame:
    """The tidy bilateral frame of :func:`read_cepii_wits` from frames already read.

    ``dist`` has the CEPII columns; ``raw`` has ``ReporterISO3, PartnerISO3, Year, TradeFlowName`` and ``value``
    (thousand USD). The shipped dataset's ``world_trade2009`` converts with :func:`wits_raw_from_shipped`.
    """
    check_option("prefer", prefer, _PREFER)
    raw = raw[~raw["PartnerISO3"].isin(AGGREGATES) & (raw["ReporterISO3"] != raw["PartnerISO3"])]
    years = raw["Year"].unique()
    if len(years) != 1:
        raise LoaderError(f"expected one year, found {sorted(years)}", column="Year",
                          fix="pass the flows of one year")
    flow = raw["TradeFlowName"].str.strip()
    exports = raw[flow == "Export"].rename(columns={"ReporterISO3": "exporter", "PartnerISO3": "importer"})
    imports = raw[flow == "Import"].rename(columns={"ReporterISO3": "importer", "PartnerISO3": "exporter"})
    by_exp = exports.groupby(["exporter", "importer"])["value"].sum().rename("exp_report")
    by_imp = imports.groupby(["exporter", "importer"])["value"].sum().rename("imp_report")

    reporters = sorted(set(raw["ReporterISO3"]) & (set(dist["iso_o"]) | set(dist["iso_d"])))
    if zeros:
        grid = pd.MultiIndex.from_tuples([(o, d) for o in reporters for d in reporters if o != d],
                                         names=["exporter", "importer"])
        flows = pd.DataFrame(index=grid).join(by_exp).join(by_imp)
    else:
        flows = pd.concat([by_exp, by_imp], axis=1)
        flows.index.names = ["exporter", "importer"]
    first, second = ("imp_report", "exp_report") if prefer == "importer" else ("exp_report", "imp_report")
    trade = flows[first].fillna(flows[second])
    source = np.where(flows[first].notna(), prefer,
                      np.where(flows[second].notna(), "exporter" if prefer == "importer" else "importer", "none"))
    out = pd.DataFrame({"trade": trade.fillna(0.0).to_numpy(), "trade_source": source}, index=flows.index)
    out = out.reset_index()
    out.insert(2, "year", int(years[0]))

    geo = dist.rename(columns={"iso_o": "exporter", "iso_d": "importer"})
    out = out.merge(geo, on=["exporter", "importer"], how="inner", validate="one_to_one")
    out["log_dist"] = np.log(out["dist"].astype(float))
    return out.sort_values(["exporter", "importer"], ignore_index=True)


def wits_raw_from_shipped(trade: pd.DataFrame) -> pd.DataFrame:
    """The shipped ``world_trade2009`` frame (reporter, partner, year, flow, value_usd) in the raw WITS layout."""
    return pd.DataFrame({
        "ReporterISO3": trade["reporter"], "PartnerISO3": trade["partner"], "Year": trade["year"],
        "TradeFlowName": trade["flow"].str.capitalize(), "value": trade["value_usd"] / 1000.0,
    })
