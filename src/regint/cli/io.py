"""`regint analyse io`: multipliers, key sectors and an example impact for a region and its partner.

The lead registers :func:`io_command` on the ``analyse`` sub-app. The function can also be called from
Python with plain values (every option has an ``Annotated`` default).

The analysis itself is :func:`regint.models.inputoutput.pipeline.pair_io_analysis` (also used by the report);
this module fetches its inputs — the national table (the shipped Rosstat table from
:func:`regint.models.inputoutput.shipped_table`, or ``--table``), the panel of the store (:func:`regint.data.api.load_panel`),
the user's files — prints the results and writes them. The choices (example shock in section C, the order
file → store → activity proxies → national structure) are documented in the pipeline module.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from regint._options import check_option
from regint.cli._console import make_console
from regint.errors import DataError, LoaderError
from regint.models.inputoutput import (
    MultiplierResult,
    NationalIOData,
    read_io_csv,
    read_rosstat_symmetric,
    shipped_concordance,
)
from regint.models.inputoutput.pipeline import (
    PROXIES,
    PROXY_CODES,
    IOAnalysis,
    pair_io_analysis,
    proxy_structure,
)
from regint.study.settings import DEFAULT_PAIR

__all__ = ["PROXIES", "io_command", "linkage_chart", "proxy_structure", "read_structure"]


def read_structure(path: Path) -> pd.Series:
    """Read a regional structure CSV ``activity,share`` (OKVED2 sections; % or fractions)."""
    try:
        df = pd.read_csv(path, dtype={"activity": str})
    except (OSError, pd.errors.ParserError) as err:
        raise LoaderError(f"cannot read the structure file ({err})", path=path) from err
    if list(df.columns[:2]) != ["activity", "share"]:
        raise LoaderError(f"the header must be 'activity,share'; got {list(df.columns)}", path=path, row=1)
    vals = pd.to_numeric(df["share"], errors="coerce")
    if vals.isna().any():
        row = int(vals.index[vals.isna()][0]) + 2
        raise LoaderError("share is not a number", path=path, row=row, column="share")
    return pd.Series(vals.to_numpy(), index=df["activity"].str.strip().str.upper(), name="share")


def _store_panel(region: str, sections: list[str], console: Console) -> pd.DataFrame | None:
    """The region's ``grp_structure_*`` and activity proxies (with Russia's) from the store, or ``None``."""
    from regint.data.api import load_panel

    codes = [f"grp_structure_{s}" for s in sections] + list(PROXY_CODES)
    try:
        return load_panel(indicators=codes, regions=[region, "RU"])
    except Exception as err:  # the store may be missing or unreadable; never fail the analysis here
        console.print(f"[yellow]No regional structure or activity proxies for {region} in the store "
                      f"({err}).[/yellow]")
        return None


def _national_table(year: int, table: Path | None, domestic: bool) -> NationalIOData:
    """The shipped Rosstat table of ``year`` (``regint.models.inputoutput.shipped_table``) or the workbook ``table``."""
    if year < 2017:
        raise DataError(f"The {year} table uses ОКПД (2007) codes; the shipped concordance to OKVED2 sections "
                        "covers the 2021 table (ОКПД 2) only. The 2011 and 2016 tables ship for users with a "
                        "concordance of their own: regint.models.inputoutput.shipped_table(year) and "
                        "regint.models.inputoutput.aggregate(table, read_concordance(file)).")
    if table is None:
        from regint.models.inputoutput import shipped_table as io_table

        return io_table(year, domestic)
    return read_rosstat_symmetric(table, year=year, domestic=domestic)


def linkage_chart(mult: MultiplierResult, title: str, footnote: str, path_stem: Path) -> list[Path]:
    """Scatter of backward (x) against forward (y) linkages with the key-sector quadrant; PNG and SVG."""
    import matplotlib

    matplotlib.use("Agg")
    import textwrap

    import matplotlib.pyplot as plt

    f = mult.frame
    note = textwrap.fill(footnote, width=140)
    n_lines = note.count("\n") + 1
    fig, ax = plt.subplots(figsize=(8.5, 6.5 + 0.14 * n_lines))
    key = f["key_sector"].to_numpy(dtype=bool)
    ax.scatter(f["backward"][key], f["forward"][key], c="#c0392b", s=40, zorder=3, label="key sector (both > 1)")
    ax.scatter(f["backward"][~key], f["forward"][~key], c="#2c3e50", s=40, zorder=3, label="other sectors")
    for name, row in f.iterrows():
        ax.annotate(str(name), (row["backward"], row["forward"]), xytext=(4, 3), textcoords="offset points", fontsize=9)
    ax.axvline(1.0, color="grey", lw=0.8, ls="--")
    ax.axhline(1.0, color="grey", lw=0.8, ls="--")
    basis = "Ghosh" if mult.forward_basis == "ghosh" else "Leontief"
    ax.set_xlabel("Backward linkage (normalised Rasmussen index, Leontief inverse)")
    ax.set_ylabel(f"Forward linkage (normalised, {basis} inverse)")
    ax.set_title(title, fontsize=11)
    ax.legend(loc="lower right", fontsize=8, frameon=True)
    fig.text(0.01, 0.01, note, fontsize=6.5, va="bottom", family="DejaVu Sans")
    fig.tight_layout(rect=(0, 0.025 * n_lines + 0.01, 1, 1))
    paths = [path_stem.with_suffix(".png"), path_stem.with_suffix(".svg")]
    for p in paths:
        fig.savefig(p, dpi=150)
    plt.close(fig)
    return paths


def _rich_multipliers(mult: MultiplierResult, names: dict[str, str], title: str) -> Table:
    t = Table(title=title, show_lines=False)
    for col in ("sector", "name", "output", "output II", "GVA", "backward", "forward", "key"):
        if col == "name":
            t.add_column(col, no_wrap=True, overflow="ellipsis", max_width=30)
        else:
            t.add_column(col, justify="left" if col == "sector" else "right", no_wrap=True)
    for code, r in mult.frame.sort_values("output", ascending=False).iterrows():
        t.add_row(str(code), names.get(str(code), "")[:38], f"{r['output']:.3f}",
                  "–" if pd.isna(r["output_type_ii"]) else f"{r['output_type_ii']:.3f}",
                  "–" if pd.isna(r["gva"]) else f"{r['gva']:.3f}", f"{r['backward']:.3f}", f"{r['forward']:.3f}",
                  "✓" if r["key_sector"] else "")
    return t


def io_command(
    region: Annotated[str, typer.Option(help="Region code (ISO 3166-2), e.g. RU-SMO.")] = DEFAULT_PAIR[0],
    year: Annotated[int, typer.Option(help="Year of the Rosstat symmetric table (2021 uses ОКПД 2).")] = 2021,
    delta: Annotated[float, typer.Option(help="Flegg's δ of the FLQ (Flegg & Tohmo 2013: 0.3).")] = 0.3,
    out: Annotated[Path, typer.Option(help="Folder for the CSV/XLSX tables and charts.")] = Path("out/io"),
    method: Annotated[str, typer.Option(help="Location quotient: slq, cilq, flq or aflq.")] = "flq",
    structure: Annotated[Path | None, typer.Option(help="CSV activity,share: the region's GVA by OKVED2 section.")] = None,
    region_share: Annotated[float | None, typer.Option(help="Region's share of national GVA (fraction, e.g. 0.004).")] = None,
    shock_sector: Annotated[str | None, typer.Option(help="Section receiving the example shock (default C).")] = None,
    shock: Annotated[float, typer.Option(help="Example final-demand shock, mln RUB (1000 = 1 bn RUB).")] = 1000.0,
    table: Annotated[Path | None, typer.Option(help="Rosstat basic IO workbook (default: the shipped Rosstat table of --year).")] = None,
    partner: Annotated[str, typer.Option(help="Partner region code.")] = "BY-VI",
    partner_table: Annotated[Path | None, typer.Option(help="Belarusian national table, generic CSV (docs/io-format.md), by OKVED2 section.")] = None,
    partner_structure: Annotated[Path | None, typer.Option(help="CSV activity,share for the partner region.")] = None,
    partner_share: Annotated[float | None, typer.Option(help="Partner region's share of its national GVA.")] = None,
) -> None:
    """Input-output multipliers, key sectors and the impact of an example shock for a region and its partner."""
    console = make_console()
    method = check_option("method", method, ("slq", "cilq", "flq", "aflq"))
    data = _national_table(year, table, domestic=True)
    concordance = shipped_concordance()
    sections = list(dict.fromkeys(concordance["group"]))
    given = read_structure(structure) if structure else None
    panel = _store_panel(region, sections, console) if given is None else None
    partner_data = None
    if partner_table is not None:
        partner_data = read_io_csv(partner_table, unit="national currency",
                                   note=f"Belarusian input-output table from {partner_table.name}.")
    p_structure = read_structure(partner_structure) if partner_structure else None
    res = pair_io_analysis(data, panel, concordance=concordance, region=region, partner=partner,
                           structure=given, region_share=region_share, partner_data=partner_data,
                           partner_structure=p_structure, partner_share=partner_share, method=method, delta=delta,
                           shock_sector=shock_sector, shock=shock)
    for msg in res.messages:
        console.print(msg)
    for msg in res.warnings:
        console.print(f"[yellow]{msg}[/yellow]")
    _print(console, res, region)
    out.mkdir(parents=True, exist_ok=True)
    frames = res.multiplier_frames(national_key="national_RU")
    written = _write_outputs(out, frames, res.impacts, res.sensitivity, res.assumptions, res.names)
    title = f"{region}: backward vs forward linkages (Rosstat {res.year}, {method.upper()} δ={delta:g})"
    foot = "Assumptions: " + " ".join(a for a in res.structure.notes[1:2] + res.pair.first.assumptions
                                      if region in a or "Rosstat" in a)
    written += linkage_chart(res.regional[region], title, foot, out / f"linkages_{region}")
    written += linkage_chart(res.national_multipliers, f"Russia {res.year}: backward vs forward linkages (national)",
                             "Rosstat symmetric table, domestic products, 20 OKVED2 sections", out / "linkages_RU")
    console.print("Written: " + ", ".join(str(p) for p in written))


def _print(console: Console, res: IOAnalysis, region: str) -> None:
    """The multipliers, key sectors and assumptions of each region, the national table and the impact."""
    names = res.names
    for r, mult in res.regional.items():
        console.print(_rich_multipliers(mult, names, f"{r}: multipliers and linkages ({res.method.upper()}, "
                                                     f"δ={res.delta:g})"))
        key = ", ".join(f"{k} ({names.get(k, '')[:30]})" for k in mult.key_sectors) or "none"
        console.print(f"[bold]{r} key sectors:[/bold] {key}")
        model = res.pair.first if r == res.pair.first.region else res.pair.second
        notes = res.structure.notes if r == region else ()
        console.print(Panel("\n".join(f"• {a}" for a in notes + model.assumptions), title=f"{r}: assumptions"))
    console.print(_rich_multipliers(res.national_multipliers, names, f"Russia {res.year} (national, domestic table)"))
    imp_table = Table(title=f"Example shock: +{res.shock:,.0f} mln RUB final demand for {res.shock_sector}")
    for col in ("region", "output", "GVA", "jobs"):
        imp_table.add_column(col, justify="right")
    for r, f in res.impacts.items():
        tot = f.sum()
        imp_table.add_row(r, f"{tot['output']:,.1f}", f"{tot.get('gva', float('nan')):,.1f}",
                          f"{tot['jobs']:,.1f}" if "jobs" in f else "n/a (no employment by sector)")
    console.print(imp_table)
    console.print(Panel("\n".join(f"• {a}" for a in res.assumptions), title="Assumptions of every table above"))


def _write_outputs(out: Path, frames: dict[str, pd.DataFrame], impacts: dict[str, pd.DataFrame],
                   sens: pd.DataFrame, assumptions: tuple[str, ...], names: dict[str, str]) -> list[Path]:
    written: list[Path] = []
    mult = pd.concat(frames, names=["model", "sector"]).reset_index()
    mult.insert(2, "name_ru", mult["sector"].map(names))
    imp = pd.concat(impacts, names=["region", "sector"]).reset_index()
    ass = pd.DataFrame({"assumption": list(assumptions)})
    from regint.exports import write_csvs, write_xlsx

    written += write_csvs({"multipliers": mult, "impact": imp, "delta_sensitivity": sens, "assumptions": ass}, out)
    written.append(write_xlsx({"assumptions": ass, "multipliers": mult, "impact": imp, "delta_sensitivity": sens},
                              out / "io_results.xlsx"))
    (out / "assumptions.txt").write_text("\n".join(f"- {a}" for a in assumptions) + "\n", encoding="utf-8")
    return written
