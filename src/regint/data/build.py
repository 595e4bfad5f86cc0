"""Build the dataset that ships with regint from the research files in ``../shared/data/sources``.

The build reads every source with its loader, keeps what the sources give (nothing is filled), runs the
cross-checks of the data issue, flags values that fail a check (never drops them), and writes

* ``src/regint/data/shipped/observations.parquet`` — the region panel (observations with provenance);
* ``src/regint/data/shipped/world_*.parquet`` — non-panel datasets (distances, bilateral trade, geography);
* ``src/regint/data/shipped/io/rosstat_<year>_<total|domestic>.csv`` — the Rosstat symmetric input-output
  tables 2011, 2016 and 2021 in the generic CSV format (docs/io-format.md), listed in ``io/tables.csv``;
* ``src/regint/data/shipped/BUILD.md`` — counts per source, warnings, and the checks with their results.

The output is deterministic: the same sources give byte-identical Parquet and CSV files (tests check this).
Run with ``regint data build-default`` (developers only; the installed package runs on what it ships).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from regint._paths import package_data, shared_dir
from regint.data.loaders import load_file
from regint.data.schema import KEY, OBS_COLUMNS, REJECTED, make_observations, validate_observations
from regint.errors import DataError

#: (path relative to data/sources, loader format, options). Order matters: on a duplicate key within one
#: source, the first file wins and the clash is reported.
SOURCE_FILES: tuple[tuple[str, str, dict], ...] = (
    ("rosstat_grp_cpi/VRP_s_1998.xlsx", "rosstat", {}),
    ("rosstat_grp_cpi/ipc_s_1992-2024.xlsx", "rosstat", {}),
    ("rosstat_grp_cpi/sp_1.1.xlsx", "rosstat", {}),
    *((f"rosstat_regions_ru/xlsx/{name}", "rosstat", {}) for name in (
        "Раздел 1- Население.xlsx", "Раздел 2 - Труд.xlsx", "Раздел 3 - Уровень жизни населения.xlsx",
        "Раздел 8 - Валовой региональный продукт.xlsx", "Раздел 10 - Инвестиции.xlsx",
        "Раздел 12 - Промышленное производство.xlsx", "Раздел 13 - Сельское хозяйство.xlsx",
        "Раздел 14 - Строительство.xlsx", "Раздел 15 - Торговля и услуги населению.xlsx",
        "Раздел 21 - Внешняя торговля.xlsx")),
    ("rosstat806/xls", "rosstat806", {}),
    *((f"rosstat806/csv/{name}.csv", "rosstat806", {}) for name in (
        "CPI_IND_YTD", "WAGE_VAL_RUB", "TRADE_R_VAL_MLN_RUB", "PROD_IND_YTD")),
    ("rosstat_wages_2024_2025/rosstat-wages.json", "rosstat_wages_json", {}),
    ("rosstat_kep/dfa.csv", "rosstat_kep", {}),
    ("belstat_stranoved/data.json", "belstat", {}),
    ("belstat_wages_2024/nach_sr_zarplata-2412.xlsx", "belstat", {}),
    *((f"belstat_dataportal/raw/{name}.json", "belstat_portal", {}) for name in (
        "wages__wage_10218000003_2010-2019", "wages__wage_10218000003_2020-2026",
        "wages__grp_pc_10202100055_2010-2019", "wages__grp_pc_10202100055_2020-2026",
        "age_current__dataportal_age5_2019-2026", "pyramid__dataportal_age_2010-2018",
        "wages__empl_person_10102000017_2010-2019", "wages__empl_person_10102000017_2020-2026",
        "nightlights__checks__ipi_10206000003_2012-2020", "nightlights__checks__ipi_10206000003_2021-2025")),
    ("rosstat_wages_2018_2023/tab4-zpl_2023.xlsx", "rosstat_wages_xlsx", {}),
    ("wdi_fcrf_2020/PA.NUS.FCRF.csv", "wdi_latest", {}),
    ("wdi_2013_snapshot/PA.NUS.FCRF_WDI.csv", "wdi", {"source": "wdi_2013"}),
    ("wdi_2013_snapshot/PA.NUS.PPP_WDI.csv", "wdi", {"source": "wdi_2013"}),
    ("wdi_2013_snapshot/FP.CPI.TOTL.ZG_WDI.csv", "wdi", {"source": "wdi_2013"}),
    ("wdi_2013_snapshot/NY.GDP.MKTP.CD_WDI.csv", "wdi", {"source": "wdi_2013"}),
    ("wdi_2013_snapshot/SP.POP.TOTL_WDI.csv", "wdi", {"source": "wdi_2013"}),
    ("wdi_2013_snapshot/NY.GDP.PCAP.PP.CD_WDI.csv", "wdi", {"source": "wdi_2013"}),
    ("wdi_datahub/ppp/data/ppp-gdp.csv", "wdi", {}),
    ("wdi_datahub/gdp/data/gdp.csv", "wdi", {}),
    ("wdi_datahub/population/data/population.csv", "wdi", {}),
    ("wdi_datahub/cpi/data/cpi.csv", "wdi", {}),
    ("cbr_fx/cbr_usd_rub_daily_merged_1992-2025.csv", "cbr_fx", {}),
    ("nbrb_fx_pages/nbrb_rates_transcribed.csv", "nbrb_fx", {}),
    ("press_facts/facts.csv", "press_facts", {}),
    ("press_facts/fx_rub_usd_annual_ruxpert.csv", "press_facts", {}),
    ("press_facts2/facts2.csv", "press_facts", {}),
    ("press_facts3/facts.csv", "press_facts", {}),
)
#: Vintage of each source: the date of the copy the research folder holds (see its PROVENANCE.md); empty where
#: no date is recorded (the store then records the import date).
VINTAGES = {
    "rosstat_vrp": "2025-11-04", "rosstat_cpi": "2025-11-04", "rosstat_population": "2025-11-04",
    "rosstat_regions_2022": "2023-07-23", "rosstat806": "2016-03-18", "rosstat_wages_2024": "2026-09-30",
    "rosstat_kep": "2018-09-11", "belstat_stranoved": "2017-12-13", "wdi_2013": "2013-12-21",
    "wdi_datahub": "2026-03-20", "cbr_fx": "2025-11-25", "belstat_vneshtorg": "2017-04-11",
    "belstat_dataportal": "2026-07-11", "rosstat_wages_2023": "2024-04-06", "wdi_fcrf_2020": "2022-04-27",
}
#: Regions kept in the shipped panel: every Russian subject, federal district and Belarusian unit, and the
#: countries (alpha-2 for RU/BY; alpha-3 for the world series).
PAIR_REGIONS = ("RU-SMO", "RU-PSK", "RU-BRY", "BY-VI", "BY-MA", "BY-HO", "BY-MI", "BY-HM", "RU", "BY")


@dataclass
class BuildLog:
    """What the build read, skipped, warned about and checked."""

    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    clashes: list[str] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    io_tables: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)


def _expand(root: Path, rel: str) -> list[Path]:
    path = root / rel
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in
                       {".csv", ".xls", ".xlsx", ".json", ".xml"} and "PROVENANCE" not in p.name
                       and "datapackage" not in p.name)
        return files
    return [path]


def read_sources(root: Path, log: BuildLog, files: Iterable[tuple[str, str, dict]] = SOURCE_FILES) -> pd.DataFrame:
    """Load every listed source file; a file that cannot be read is logged (the build goes on)."""
    frames = []
    for rel, fmt, opts in files:
        for path in _expand(root, rel):
            if not path.exists():
                log.missing.append(f"{rel}: not found")
                continue
            try:
                result = load_file(path, format=fmt, **opts)
            except Exception as exc:  # noqa: BLE001 - the build reports and goes on
                if path.parent.name == "rosstat806" or "rosstat806" in str(path):
                    log.warnings.append(f"{path.relative_to(root)}: skipped: {exc}")
                    continue
                log.missing.append(f"{path.relative_to(root)}: {type(exc).__name__}: {exc}")
                continue
            obs = result.observations
            if fmt == "wdi":  # the pair's national series under RU/BY; all other countries keep alpha-3
                from regint.data.loaders.wdi import to_national_codes

                obs = to_national_codes(obs)
            log.counts[str(path.relative_to(root))] = len(obs)
            log.warnings += [f"{path.relative_to(root)}: {w}" for w in result.warnings]
            frames.append(obs)
    if not frames:
        raise DataError(f"no source could be read under {root}. Fix: point --shared at the shared folder.")
    return make_observations(pd.concat(frames, ignore_index=True))


def _package_facts(log: BuildLog) -> pd.DataFrame:
    """The facts regint itself transcribed (``shipped/subjective``: ties register, EDB barometer)."""
    from regint.data.ties import read_subjective_facts

    obs, counts, warnings = read_subjective_facts()
    log.counts.update(counts)
    log.warnings += warnings
    return obs


def derive_trade_totals(obs: pd.DataFrame) -> pd.DataFrame:
    """Exports (imports) of goods as CIS plus far-abroad where a source gives only the two parts.

    The derived total keeps the parts' source and gets status ``derived`` with both parts in ``derived_from``.
    """
    out = []
    for total, cis, far in (("exports_usd", "exports_cis_usd", "exports_far_usd"),
                            ("imports_usd", "imports_cis_usd", "imports_far_usd")):
        parts = obs[obs["indicator"].isin([cis, far])]
        wide = parts.pivot_table(index=["region", "period", "source"], columns="indicator", values="value",
                                 aggfunc="first")
        if not {cis, far} <= set(wide.columns):
            continue
        wide = wide.dropna(subset=[cis, far])
        have = set(map(tuple, obs.loc[obs["indicator"] == total, ["region", "period", "source"]].to_numpy()))
        notes = parts.set_index(["region", "period", "source", "indicator"])["note"]
        for (region, period, source), row in wide.iterrows():
            if (region, period, source) in have:
                continue
            out.append({
                "region": region, "indicator": total, "period": period, "value": row[cis] + row[far],
                "unit": "mln USD", "currency": "USD", "source": source, "status": "derived",
                "note": notes.get((region, period, source, cis), ""),
                "derived_from": f"{cis} {row[cis]:.10g} + {far} {row[far]:.10g} ({source})",
            })
    return make_observations(out) if out else make_observations([])


def derive_grp_levels(obs: pd.DataFrame, source: str = "belstat_dataportal") -> pd.DataFrame:
    """Belarusian GRP levels as GRP per capita × mean population, where the source gives no level.

    .. math:: GRP_t = y_t \\cdot \\frac{P_{1\\,Jan\\,t} + P_{1\\,Jan\\,t+1}}{2}

    with :math:`y_t` the GRP per capita (BYN per person) and :math:`P` the population on 1 January (thous.
    persons) of the same source, so the level is in mln BYN (status ``derived``, both inputs in
    ``derived_from``). Years without both 1 January counts stay gaps.
    """
    pc = obs[(obs["indicator"] == "grp_per_capita") & (obs["source"] == source)
             & obs["period"].str.fullmatch(r"\d{4}")]
    pop = obs[(obs["indicator"] == "population_jan1") & (obs["source"] == source)]
    jan1 = {(r, p): v for r, p, v in pop[["region", "period", "value"]].itertuples(index=False, name=None)}
    have = set(map(tuple, obs.loc[(obs["indicator"] == "grp") & (obs["source"] == source),
                                  ["region", "period"]].to_numpy()))
    out = []
    for region, period, value in pc[["region", "period", "value"]].itertuples(index=False, name=None):
        p0, p1 = jan1.get((region, period)), jan1.get((region, str(int(period) + 1)))
        if p0 is None or p1 is None or (region, period) in have or np.isnan(value):
            continue
        mean = (p0 + p1) / 2
        out.append({
            "region": region, "indicator": "grp", "period": period, "value": value * mean / 1e3,
            "unit": "mln BYN", "currency": "BYN", "price_basis": "current", "source": source,
            "status": "derived", "note": "GRP per capita × mean of the 1 January populations of the year and the next",
            "derived_from": f"grp_per_capita {value:.10g} BYN × ({p0:.10g} + {p1:.10g}) / 2 thous. persons "
                            f"(population_jan1 {period}, {int(period) + 1}) / 1000 ({source})",
        })
    return make_observations(out + _belarus_totals(out, jan1, source)) if out else make_observations([])


#: The regions that make up Belarus: six oblasts and Minsk city.
BELARUS_REGIONS = ("BY-BR", "BY-VI", "BY-HO", "BY-HR", "BY-HM", "BY-MI", "BY-MA")


def _belarus_totals(levels: list[dict], jan1: dict[tuple[str, str], float], source: str) -> list[dict]:
    """Belarus' GRP as the sum of its seven regions, and per capita on the sum of their mean populations.

    .. math:: GRP^{BY}_t = \\sum_i GRP_{i,t}, \\qquad y^{BY}_t = GRP^{BY}_t / \\sum_i \\bar P_{i,t}

    Only years in which all seven regions have a level (the sum of regions is Belstat's national GRP less any
    part not allocated to regions; stated in the note).
    """
    out = []
    by_year: dict[str, dict[str, float]] = {}
    for r in levels:
        by_year.setdefault(r["period"], {})[r["region"]] = r["value"]
    for period, vals in sorted(by_year.items()):
        if set(vals) != set(BELARUS_REGIONS):
            continue
        nxt = str(int(period) + 1)
        pop = sum((jan1[(r, period)] + jan1[(r, nxt)]) / 2 for r in BELARUS_REGIONS)
        total = sum(vals.values())
        common = {"region": "BY", "period": period, "currency": "BYN", "price_basis": "current", "source": source,
                  "status": "derived", "note": "sum of the six oblasts and Minsk city (derived GRP levels); "
                  "not Belstat's national GDP"}
        out.append({**common, "indicator": "grp", "value": total, "unit": "mln BYN",
                    "derived_from": "sum of grp of " + ", ".join(f"{r} {vals[r]:.10g}" for r in BELARUS_REGIONS)})
        out.append({**common, "indicator": "grp_per_capita", "value": total * 1e3 / pop, "unit": "BYN",
                    "derived_from": f"grp BY {total:.10g} mln BYN / {pop:.10g} thous. persons (sum of the regions' "
                                    "mean 1 January populations) × 1000"})
    return out


#: A secondary (press) value is rejected when an official value of the same key, or one derived from official
#: figures, differs from it by more than this share.
REJECT_THRESHOLD = 0.10


def reject_contradicted(obs: pd.DataFrame, log: BuildLog, threshold: float = REJECT_THRESHOLD) -> pd.DataFrame:
    """Mark secondary values contradicted by an official source as ``rejected``, with the reason in the note.

    Compared on the same (region, indicator, annual period); the official side is a value of an ``official``
    source of the source catalog (status ``official``, or ``derived`` from that source's own figures). The
    rejected value stays in the dataset (and in ``regint data conflicts``); no panel uses it.
    """
    from regint.data.catalogs import sources as source_catalog

    official_sources = set(source_catalog().query("status == 'official'")["id"])
    annual = obs["period"].str.fullmatch(r"\d{4}") & obs["value"].notna()
    ref = obs[annual & obs["source"].isin(official_sources) & obs["status"].isin(["official", "derived"])]
    ref = ref.drop_duplicates(["region", "indicator", "period"], keep="first")
    cand = obs[annual & (obs["status"] == "secondary")]
    pairs = cand.reset_index().merge(ref, on=["region", "indicator", "period"], suffixes=("", "_ref"))
    obs = obs.copy()
    for r in pairs.itertuples():
        diff = abs(r.value - r.value_ref) / abs(r.value_ref) if r.value_ref else np.inf
        if diff <= threshold:
            continue
        how = f"{r.status_ref}: {r.derived_from_ref}" if r.status_ref == "derived" else r.status_ref
        reason = (f"REJECTED: contradicted by {r.source_ref} ({how}) = {r.value_ref:,.1f} {r.unit_ref}; "
                  f"this value {r.value:,.1f} differs by {diff:.0%}")
        obs.at[r.index, "status"] = REJECTED
        obs.at[r.index, "note"] = f"{reason}. {obs.at[r.index, 'note']}".strip()
        log.rejected.append(f"{r.region} {r.indicator} {r.period} {r.source} {r.value:.10g}: {reason}")
    return obs


def check_employment_sum_of_raions(obs: pd.DataFrame) -> list[dict]:
    """Belarusian oblast employment as the sum of the portal's raions against Belstat's oblast totals
    (Stranoved), 2010–2015, within 0.1 %."""
    out = []
    for region in ("BY-BR", "BY-VI", "BY-HO", "BY-HR", "BY-MI", "BY-MA"):
        for year in range(2010, 2016):
            summed = _value(obs, region, "employment", str(year), "belstat_dataportal")
            total = _value(obs, region, "employment", str(year), "belstat_stranoved")
            if np.isnan(summed) or np.isnan(total):
                continue
            out.append({"check": "employment: sum of raions (portal) vs oblast total (Stranoved)", "region": region,
                        "period": str(year), "expected": total, "actual": summed, "tolerance": 1e-3 * total,
                        "ok": abs(summed - total) <= 1e-3 * total,
                        "flag": (region, "employment", str(year), "belstat_dataportal")})
    return out


def drop_clashes(obs: pd.DataFrame, log: BuildLog) -> pd.DataFrame:
    """Keep the first of several rows with the same key; log the key where the values differ."""
    dup = obs.duplicated(list(KEY), keep=False)
    if dup.any():
        for key, grp in obs[dup].groupby(list(KEY), sort=True):
            vals = grp["value"].dropna().unique()
            if len(vals) > 1 and not np.allclose(vals, vals[0], rtol=1e-9, equal_nan=True):
                log.clashes.append(f"{key}: values {', '.join(format(v, '.10g') for v in vals)} "
                                   f"(kept the first: {grp.iloc[0]['file']} {grp.iloc[0]['location']})")
    return obs.drop_duplicates(list(KEY), keep="first").reset_index(drop=True)


# -- cross-checks ------------------------------------------------------------------------------------------
Check = Callable[[pd.DataFrame], list[dict]]


def _value(obs: pd.DataFrame, region: str, indicator: str, period: str, source: str | None = None) -> float:
    sel = (obs["region"] == region) & (obs["indicator"] == indicator) & (obs["period"] == period)
    if source:
        sel &= obs["source"] == source
    vals = obs.loc[sel, "value"]
    return float(vals.iloc[0]) if len(vals) else float("nan")


def check_cpi_806_vs_regional(obs: pd.DataFrame) -> list[dict]:
    """CPI of the 806 monitoring (one decimal) against the regional CPI file (two decimals), 2009–2015."""
    out = []
    for region in ("RU-SMO", "RU-PSK", "RU-BRY"):
        for year in range(2009, 2016):
            a = _value(obs, region, "cpi", str(year), "rosstat806")
            b = _value(obs, region, "cpi", str(year), "rosstat_cpi")
            if np.isnan(a) or np.isnan(b):
                continue
            out.append({"check": "CPI 806 vs regional CPI file", "region": region, "period": str(year),
                        "expected": b, "actual": a, "tolerance": 0.051, "ok": abs(a - b) <= 0.051,
                        "flag": (region, "cpi", str(year), "rosstat806")})
    return out


def check_exports_sum(obs: pd.DataFrame) -> list[dict]:
    """Exports (imports) equal CIS plus far-abroad, per source, region and year (within 0.1 %, min 0.15)."""
    out = []
    for total, cis, far in (("exports_usd", "exports_cis_usd", "exports_far_usd"),
                            ("imports_usd", "imports_cis_usd", "imports_far_usd")):
        sub = obs[obs["indicator"].isin([total, cis, far]) & obs["period"].str.fullmatch(r"\d{4}")
                  & obs["region"].isin(PAIR_REGIONS)]
        wide = sub.pivot_table(index=["region", "period", "source"], columns="indicator", values="value",
                               aggfunc="first")
        if not {total, cis, far} <= set(wide.columns):
            continue
        wide = wide.dropna(subset=[total, cis, far])
        for (region, period, source), row in wide.iterrows():
            parts = row[cis] + row[far]
            tol = max(0.15, 1e-3 * abs(row[total]))
            out.append({"check": f"{total} = CIS + far abroad", "region": region, "period": period,
                        "expected": parts, "actual": row[total], "tolerance": tol,
                        "ok": abs(parts - row[total]) <= tol, "flag": (region, total, period, source)})
    return out


def check_population_implied(obs: pd.DataFrame) -> list[dict]:
    """Population implied by GRP / GRP per capita against the population series (within 2 %)."""
    out = []
    for region in ("RU-SMO", "RU-PSK", "RU-BRY"):
        for year in range(2012, 2024):
            grp = _value(obs, region, "grp", str(year), "rosstat_vrp")
            pc = _value(obs, region, "grp_per_capita", str(year), "rosstat_vrp")
            p0 = _value(obs, region, "population_jan1", str(year), "rosstat_population")
            p1 = _value(obs, region, "population_jan1", str(year + 1), "rosstat_population")
            if np.isnan(grp) or np.isnan(pc) or np.isnan(p0):
                continue
            implied = grp * 1e6 / pc / 1e3  # thousand persons
            ref = p0 if np.isnan(p1) else (p0 + p1) / 2
            out.append({"check": "population implied by GRP / GRP per capita", "region": region,
                        "period": str(year), "expected": ref, "actual": implied, "tolerance": 0.02 * ref,
                        "ok": abs(implied - ref) <= 0.02 * ref, "flag": (region, "grp_per_capita", str(year),
                                                                        "rosstat_vrp")})
    return out


def check_fx_vs_wdi(obs: pd.DataFrame) -> list[dict]:
    """Annual RUB/USD from Bank of Russia daily rates against the World Bank rate (within 0.5 %)."""
    out = []
    for year in range(1999, 2013):
        cbr = _value(obs, "RU", "fx_usd", str(year), "cbr_fx")
        wdi = _value(obs, "RUS", "fx_usd", str(year), "wdi_2013")
        if np.isnan(wdi):
            wdi = _value(obs, "RU", "fx_usd", str(year), "wdi_2013")
        if np.isnan(cbr) or np.isnan(wdi):
            continue
        out.append({"check": "RUB/USD: CBR daily mean vs World Bank PA.NUS.FCRF", "region": "RU",
                    "period": str(year), "expected": wdi, "actual": cbr, "tolerance": 0.005 * wdi,
                    "ok": abs(cbr - wdi) <= 0.005 * wdi, "flag": ("RU", "fx_usd", str(year), "cbr_fx")})
    return out


CHECKS: tuple[Check, ...] = (check_cpi_806_vs_regional, check_exports_sum, check_population_implied,
                             check_fx_vs_wdi, check_employment_sum_of_raions)


def run_checks(obs: pd.DataFrame, log: BuildLog) -> pd.DataFrame:
    """Run the cross-checks; values failing one get ``CHECK FAILED`` in their note (kept, not dropped)."""
    obs = obs.copy()
    index = {tuple(k): i for i, k in enumerate(obs[list(KEY)].itertuples(index=False, name=None))}
    for check in CHECKS:
        for result in check(obs):
            flag = result.pop("flag")
            log.checks.append(result)
            if not result["ok"] and flag in index:
                i = index[flag]
                msg = (f"CHECK FAILED: {result['check']}: {format(result['actual'], '.10g')} vs "
                       f"{format(result['expected'], '.10g')}")
                obs.at[i, "note"] = f"{msg}; {obs.at[i, 'note']}" if obs.at[i, "note"] else msg
    return obs


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)
    table = table.replace_schema_metadata(None)
    pq.write_table(table, path, compression="zstd", use_dictionary=True, write_statistics=False)


#: Writes the shipped input-output tables: ``(sources root, io folder, list of what could not be read)`` → lines
#: of the build log (the front end passes :func:`regint.models.inputoutput.shipped.build_io`; ``data`` knows no model).
IOBuilder = Callable[[Path, Path, list[str]], list[str]]


def build_default(shared: Path | None = None, out_dir: Path | None = None, io_builder: IOBuilder | None = None
                  ) -> str:
    """Build the shipped dataset; return a one-paragraph summary. See the module docstring.

    ``io_builder`` writes the input-output tables into ``out_dir/io`` (skipped when ``None``).
    """
    shared = Path(shared) if shared is not None else shared_dir()
    if shared is None:
        raise DataError("the shared research folder was not found. Fix: pass --shared PATH or set REGINT_SHARED.")
    root = shared / "data" / "sources"
    out_dir = Path(out_dir) if out_dir is not None else package_data("data", "shipped")
    out_dir.mkdir(parents=True, exist_ok=True)
    log = BuildLog()
    obs = read_sources(root, log)
    obs = make_observations(pd.concat([obs, _package_facts(log)], ignore_index=True))
    obs = drop_clashes(obs, log)
    obs = make_observations(pd.concat([obs, derive_trade_totals(obs), derive_grp_levels(obs)], ignore_index=True))
    unset = obs["vintage"] == ""
    obs.loc[unset, "vintage"] = obs.loc[unset, "source"].map(VINTAGES).fillna("")
    obs = run_checks(obs, log)
    obs = reject_contradicted(obs, log)
    obs = validate_observations(obs, what="shipped dataset")
    obs = obs.sort_values(list(KEY)).reset_index(drop=True)[list(OBS_COLUMNS)]
    _write_parquet(obs, out_dir / "observations.parquet")
    world = build_world(root, log)
    for name, frame in world.items():
        _write_parquet(frame, out_dir / f"world_{name}.parquet")
    if io_builder is not None:
        log.io_tables += io_builder(root, out_dir / "io", log.missing)
    (out_dir / "BUILD.md").write_text(build_report(obs, log), encoding="utf-8")
    failed = sum(not c["ok"] for c in log.checks)
    kinds = pd.Series([c["check"] for c in log.checks]).value_counts().to_dict() if log.checks else {}
    return (f"checks run: {kinds}\n"
            f"{len(obs)} observations, {obs['indicator'].nunique()} indicators, {obs['region'].nunique()} regions "
            f"from {len(log.counts)} files; {len(log.checks)} checks ({failed} failed, values flagged); "
            f"{len(log.clashes)} clashes; {len(log.missing)} files not read; {len(log.io_tables)} input-output "
            f"tables; written to {out_dir}")


def build_world(root: Path, log: BuildLog) -> dict[str, pd.DataFrame]:
    """The non-panel datasets: CEPII distances, WITS 2009 trade, geography of the pair."""
    from regint.data import world

    out: dict[str, pd.DataFrame] = {}
    readers = {
        "distances": (world.read_cepii_distances, root / "cepii_wits" / "dist_cepii.csv"),
        "trade2009": (world.read_wits_trade, root / "cepii_wits" / "WITS_trade2009.csv"),
    }
    for name, (reader, path) in readers.items():
        try:
            out[name] = reader(path)
        except Exception as exc:  # noqa: BLE001
            log.missing.append(f"{path.name}: {exc}")
    try:
        for name, frame in world.read_geo(root / "geo_distances").items():
            out[f"geo_{name}"] = frame
    except Exception as exc:  # noqa: BLE001
        log.missing.append(f"geo_distances: {exc}")
    return out


def _units_section(obs: pd.DataFrame) -> list[str]:
    """Values converted to their indicator's catalog unit at import, by indicator and source."""
    conv = obs[obs["derived_from"].str.contains(r" × [0-9.e+-]+ = ", regex=True)]
    lines = ["", "## Units converted at import (catalog unit per indicator; original and factor in derived_from)",
             "", "| indicator | source | unit now | values |", "|---|---|---|---:|"]
    for (ind, src, unit), n in conv.groupby(["indicator", "source", "unit"]).size().items():
        lines.append(f"| {ind} | {src} | {unit} | {n} |")
    return lines


def _conflicts_section(obs: pd.DataFrame) -> list[str]:
    """Keys of the pair's regions where sources disagree by more than 1 % (``regint data conflicts``)."""
    from regint.data.precedence import conflict_summary, find_conflicts

    conf = find_conflicts(obs[obs["region"].isin(PAIR_REGIONS)], threshold=0.01)
    lines = ["", f"## Sources that disagree by more than 1 % ({len(conf)} values of the pair's regions)", "",
             "| indicator | chosen source | other source | keys | largest difference |", "|---|---|---|---:|---:|"]
    lines += [f"| {r.indicator} | {r.chosen_source} | {r.other_source} | {r.keys} | {r.max_rel_diff:.1%} |"
              for r in conflict_summary(conf).itertuples()]
    return lines


def build_report(obs: pd.DataFrame, log: BuildLog) -> str:
    """The BUILD.md text: what was read, what failed, the checks, and the coverage of the pair."""
    lines = ["# Shipped dataset: build report", "",
             f"{len(obs)} observations, {obs['indicator'].nunique()} indicators, {obs['region'].nunique()} regions.",
             "", "## Files read", "", "| file | observations |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in sorted(log.counts.items())]
    lines += ["", "## Not read", ""] + [f"- {m}" for m in log.missing or ["(none)"]]
    failed = [c for c in log.checks if not c["ok"]]
    lines += ["", "## Cross-checks", "", f"{len(log.checks)} comparisons, {len(failed)} failed "
              "(failing values are kept and flagged `CHECK FAILED` in their note).", "",
              "| check | region | period | expected | actual | ok |", "|---|---|---|---:|---:|---|"]
    shown = failed + [c for c in log.checks if c["ok"]][:40]
    lines += [f"| {c['check']} | {c['region']} | {c['period']} | {c['expected']:.6g} | {c['actual']:.6g} | "
              f"{'yes' if c['ok'] else 'NO'} |" for c in shown]
    lines += ["", "## Rejected values (contradicted by an official source; kept, never used by a panel)", ""]
    lines += [f"- {r}" for r in log.rejected] or ["- (none)"]
    lines += _units_section(obs) + _conflicts_section(obs)
    lines += ["", "## Input-output tables (io/, generic CSV format, docs/io-format.md)", ""]
    lines += [f"- {t}" for t in log.io_tables] or ["- (none)"]
    lines += ["", "## Same key, different values within one source (first kept)", ""]
    lines += [f"- {c}" for c in log.clashes[:200]] or ["- (none)"]
    lines += ["", f"## Loader warnings ({len(log.warnings)})", ""]
    lines += [f"- {w}" for w in log.warnings[:300]]
    return "\n".join(lines) + "\n"
