"""`regint analyse io`: multipliers, key sectors and an example impact for a region and its partner.

The lead registers :func:`io_command` on the ``analyse`` sub-app. The function can also be called from
Python with plain values (every option has an ``Annotated`` default).

Example shock (documented choice): +1 bn RUB (1000 mln RUB) of final demand for the sector with the
largest cross-border exports. Regional trade by product is not in the shipped data, so the default sector
is section C (manufacturing): goods are what crosses the Smolensk–Vitebsk border, and manufactured goods
dominate Smolensk's goods exports; pass ``--shock-sector`` to choose another section.

Regional structure (documented choice): a ``--structure`` file wins; else ``grp_structure_<section>`` from the
store; else, for a Russian region, activity proxies from the store (:data:`PROXIES`: Rosstat «Регионы России»
shipments of own production B–E, agricultural output A, construction works F, retail plus wholesale turnover
G): the region's share of the Russian total of a proxy times Russian output of the section; every other
section at the region's share of Russian GRP (location quotient 1). The assumptions printed with every output
name the measured and the assumed sections, the years and the cells. Without any of these the national
structure is assumed and the output says so.
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
from regint._paths import shared_dir
from regint.cli._console import make_console
from regint.errors import DataError, LoaderError
from regint.models.inputoutput import (
    DELTA_GRID,
    IOTable,
    MultiplierResult,
    aggregate,
    pair_model,
    read_io_csv,
    read_rosstat_symmetric,
    shipped_concordance,
    structure_from_proxies,
)

__all__ = ["PROXIES", "io_command", "linkage_chart", "proxy_structure", "read_structure"]

ROSSTAT_FILES: dict[int, str] = {2011: "baz2011.xlsx", 2016: "baz2016.xlsx", 2021: "baz_tzv-2021.xlsx"}
DEFAULT_SHOCK_SECTOR = "C"
SHOCK_REASON = (
    "shock sector {sector}: regional exports by product are not in the shipped data; section C "
    "(manufacturing) is the documented default — goods make up the cross-border trade of the pair"
)


#: Regional activity proxies by OKVED2 section (indicator codes in the store; a section with several codes uses
#: their sum). Source: Rosstat, «Регионы России. Социально-экономические показатели. 2022», the table named.
PROXIES: dict[str, tuple[tuple[str, ...], str]] = {
    "A": (("agri_output",), "agricultural output, farms of all categories (13.1; forestry and fishing not covered)"),
    "B": (("shipments_B",), "shipments of own production, mining (12.2.2)"),
    "C": (("shipments_C",), "shipments of own production, manufacturing (12.2.4)"),
    "D": (("shipments_D",), "shipments of own production, electricity, gas, steam (12.2.6)"),
    "E": (("shipments_E",), "shipments of own production, water, sewerage, waste (12.2.7)"),
    "F": (("construction_works",), "construction works done (14.1; the 2021 Russian total includes a federal "
          "adjustment not distributed by region)"),
    "G": (("retail_turnover", "wholesale_turnover"), "retail plus wholesale trade turnover (15.1 + 15.9.1; "
          "turnover, not the trade margin that is G's output; wholesale counts at the seller's seat)"),
}
_SCALE_TO_MLN = {"mln RUB": 1.0, "bln RUB": 1e3, "thous. RUB": 1e-3}


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


def _structure_from_store(region: str, year: int, sections: list[str], console: Console) -> pd.Series | None:
    """The region's GVA structure by section from ``regint.data.api.load_panel``, or ``None`` with a message."""
    try:
        from regint.data.api import load_panel  # type: ignore[import-not-found]
    except ImportError:
        console.print("[yellow]regint.data.api.load_panel is not available yet: no regional GVA structure "
                      "from the store (pass --structure FILE).[/yellow]")
        return None
    try:
        panel = load_panel(indicators=[f"grp_structure_{s}" for s in sections], regions=[region])
    except Exception as err:  # the store may be empty or lack the indicators; never fail the analysis here
        console.print(f"[yellow]No regional GVA structure for {region} in the store ({err}).[/yellow]")
        return None
    if panel is None or len(panel) == 0:
        console.print(f"[yellow]The store has no grp_structure_* figures for {region}.[/yellow]")
        return None
    panel = panel.assign(year=pd.to_numeric(panel["period"].astype(str).str[:4], errors="coerce"))
    panel = panel[panel["year"] <= year]
    if panel.empty:
        return None
    latest = panel[panel["year"] == panel["year"].max()]
    s = latest.set_index(latest["indicator"].str.removeprefix("grp_structure_").str.upper())["value"]
    console.print(f"Regional GVA structure of {region} from the store, {int(latest['year'].max())}.")
    return s.astype(float)


def _latest_common(values: pd.DataFrame, year: int) -> int | None:
    """Latest year <= ``year`` with a value for both the region and Russia (columns 'region', 'RU')."""
    both = values.dropna()
    both = both[both.index <= year]
    return int(both.index.max()) if len(both) else None


def _by_year(panel: pd.DataFrame, codes: tuple[str, ...], region: str) -> pd.DataFrame:
    """Year × ('region', 'RU') sums of ``codes`` in mln RUB; NaN where a code is missing for a year."""
    sub = panel[panel["indicator"].isin(codes) & panel["period"].astype(str).str.fullmatch(r"\d{4}")
                & panel["region"].isin([region, "RU"])]
    if sub.empty:
        return pd.DataFrame(columns=["region", "RU"], dtype=float)
    scale = pd.to_numeric(sub["unit"].astype(str).map(_SCALE_TO_MLN), errors="coerce")
    sub = sub.assign(year=sub["period"].astype(int), mln=sub["value"].astype(float) * scale,
                     side=sub["region"].astype(str).map({region: "region", "RU": "RU"}))
    wide = sub.pivot_table(index="year", columns=["side", "indicator"], values="mln", aggfunc="first")
    out = pd.DataFrame(index=wide.index)
    for side in ("region", "RU"):
        out[side] = wide.reindex(columns=[(side, c) for c in codes]).sum(axis=1, min_count=len(codes))
    return out


def _where(panel: pd.DataFrame, codes: tuple[str, ...], region: str, year: int) -> str:
    rows = panel[panel["indicator"].isin(codes) & (panel["period"].astype(str) == str(year))
                 & panel["region"].isin([region, "RU"])]
    return ", ".join(f"{r.region} {r.location}" for r in rows.itertuples() if r.location)


def proxy_structure(panel: pd.DataFrame, region: str, year: int,
                    national: IOTable) -> tuple[pd.DataFrame, tuple[str, ...]] | None:
    """The region's output by OKVED2 section from the activity proxies of ``panel`` (see :data:`PROXIES`).

    ``panel`` is a long observation frame holding the proxies and ``grp`` for ``region`` and ``RU``. Returns the
    frame of :func:`~regint.models.inputoutput.regional.structure_from_proxies` and the assumptions text, or
    ``None`` when the GRP share or every proxy is missing.
    """
    grp = _by_year(panel, ("grp",), region)
    grp_year = _latest_common(grp, year)
    if grp_year is None:
        return None
    grp_share = float(grp.loc[grp_year, "region"] / grp.loc[grp_year, "RU"])
    reg, nat, used, years = {}, {}, [], set()
    for section, (codes, label) in PROXIES.items():
        if section not in national.labels:
            continue
        vals = _by_year(panel, codes, region)
        y = _latest_common(vals, year)
        if y is None or not vals.loc[y, "RU"] > 0:
            continue
        reg[section], nat[section] = float(vals.loc[y, "region"]), float(vals.loc[y, "RU"])
        years.add(str(y))
        used.append(f"{section} {reg[section] / nat[section]:.3%} ({'+'.join(codes)} {y}: {label}; "
                    f"cells {_where(panel, codes, region, y)})")
    if not reg:
        return None
    frame = structure_from_proxies(pd.Series(reg), pd.Series(nat), national.x, grp_share)
    assumed = [s for s in frame.index if not frame.at[s, "measured"]]
    nat_gva = national.gva_coefficients * national.x
    implied = float((frame["region_share"] * nat_gva).sum() / nat_gva.sum())
    text = (
        f"{region}: regional structure by OKVED2 section estimated from activity proxies (Rosstat, «Регионы "
        f"России. Социально-экономические показатели. 2022», source rosstat_regions_2022): output of a "
        f"section = the region's share of the Russian total of its proxy × Russian output of the section in the "
        f"{year} table. MEASURED sections, region's share of Russia: " + "; ".join(used) + ".",
        f"{region}: sections measured by a regional proxy: {', '.join(reg)} ({', '.join(sorted(years))}); "
        f"sections WITHOUT a regional proxy — {', '.join(assumed)} — are ASSUMED to have the region's "
        f"share of Russian GRP, {grp_share:.3%} (grp {grp_year}, region / Russian Federation, "
        f"{_where(panel, ('grp',), region, grp_year) or 'store'}), i.e. location quotient 1 against GRP: "
        "these sections carry no regional information.",
        f"{region}: a proxy is gross shipments, output, works or turnover, not value added: the region's share of a "
        "section's output is taken equal to its share of the proxy (the same output-to-proxy ratio as Russia), "
        "and GVA per unit of output is the national one.",
        f"{region}: implied share of Russian GVA (the FLQ size TRE/TNE) = {implied:.3%}, against the GRP "
        f"share {grp_share:.3%}.",
    )
    return frame, text


def _structure_from_proxies(region: str, year: int, national: IOTable,
                            console: Console) -> tuple[pd.Series, tuple[str, ...]] | None:
    """Regional GVA by section estimated from the proxies in the store, with the assumptions, or ``None``."""
    if not region.startswith("RU-"):
        console.print(f"[yellow]{region}: activity proxies are Rosstat tables of Russian regions only.[/yellow]")
        return None
    codes = sorted({c for codes, _ in PROXIES.values() for c in codes} | {"grp"})
    try:
        from regint.data.api import load_panel

        panel = load_panel(indicators=codes, regions=[region, "RU"])
    except Exception as err:  # the store may be missing or unreadable; never fail the analysis here
        console.print(f"[yellow]No activity proxies for {region} in the store ({err}).[/yellow]")
        return None
    result = proxy_structure(panel, region, year, national) if len(panel) else None
    if result is None:
        console.print(f"[yellow]The store has no activity proxies (shipments_*, agri_output, construction_works, "
                      f"trade turnover) and GRP for {region} and Russia up to {year}. A store filled before these "
                      "indicators shipped keeps its data: delete it (or set REGINT_STORE) to refill.[/yellow]")
        return None
    frame, text = result
    measured = [s for s in frame.index if frame.at[s, "measured"]]
    console.print(f"Regional structure of {region} from activity proxies: measured {', '.join(measured)}; "
                  "the other sections at the region's GRP share.")
    gva = frame["region_share"] * national.gva_coefficients * national.x
    return gva.rename("gva"), text


def _national_table(year: int, table: Path | None, domestic: bool) -> tuple[IOTable, list[str]]:
    if table is None:
        base = shared_dir()
        if year not in ROSSTAT_FILES:
            raise DataError(f"No Rosstat symmetric table for {year}; available: {sorted(ROSSTAT_FILES)}.")
        if base is None:
            raise DataError("The Rosstat workbooks are not shipped: pass --table PATH to a Rosstat basic IO "
                            "workbook (e.g. baz_tzv-2021.xlsx) or set REGINT_SHARED.")
        table = base / "data" / "sources" / "rosstat_io" / ROSSTAT_FILES[year]
    if year < 2017:
        raise DataError(f"The {year} table uses ОКПД (2007) codes; the shipped concordance to OKVED2 sections "
                        "covers the 2021 table (ОКПД 2) only.")
    data = read_rosstat_symmetric(table, year=year, domestic=domestic)
    agg = aggregate(data, shipped_concordance())
    return agg.to_iotable(negative="zero"), agg.labels.set_index("code")["name_ru"].tolist()


def _size_note(share: float | None) -> str:
    return "not given" if share is None else f"{share:.4%}"


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
    region: Annotated[str, typer.Option(help="Region code (ISO 3166-2), e.g. RU-SMO.")] = "RU-SMO",
    year: Annotated[int, typer.Option(help="Year of the Rosstat symmetric table (2021 uses ОКПД 2).")] = 2021,
    delta: Annotated[float, typer.Option(help="Flegg's δ of the FLQ (Flegg & Tohmo 2013: 0.3).")] = 0.3,
    out: Annotated[Path, typer.Option(help="Folder for the CSV/XLSX tables and charts.")] = Path("out/io"),
    method: Annotated[str, typer.Option(help="Location quotient: slq, cilq, flq or aflq.")] = "flq",
    structure: Annotated[Path | None, typer.Option(help="CSV activity,share: the region's GVA by OKVED2 section.")] = None,
    region_share: Annotated[float | None, typer.Option(help="Region's share of national GVA (fraction, e.g. 0.004).")] = None,
    shock_sector: Annotated[str | None, typer.Option(help="Section receiving the example shock (default C).")] = None,
    shock: Annotated[float, typer.Option(help="Example final-demand shock, mln RUB (1000 = 1 bn RUB).")] = 1000.0,
    table: Annotated[Path | None, typer.Option(help="Rosstat basic IO workbook (default: ../shared copy).")] = None,
    partner: Annotated[str, typer.Option(help="Partner region code.")] = "BY-VI",
    partner_table: Annotated[Path | None, typer.Option(help="Belarusian national table, generic CSV (docs/io-format.md), by OKVED2 section.")] = None,
    partner_structure: Annotated[Path | None, typer.Option(help="CSV activity,share for the partner region.")] = None,
    partner_share: Annotated[float | None, typer.Option(help="Partner region's share of its national GVA.")] = None,
) -> None:
    """Input-output multipliers, key sectors and the impact of an example shock for a region and its partner."""
    console = make_console()
    method = check_option("method", method, ("slq", "cilq", "flq", "aflq"))
    national, names_list = _national_table(year, table, domestic=True)
    names = dict(zip(national.labels, names_list, strict=True))
    sections = national.labels

    structure_notes: tuple[str, ...] = ()
    reg_structure = read_structure(structure) if structure else _structure_from_store(region, year, sections, console)
    if reg_structure is None and structure is None:
        proxies = _structure_from_proxies(region, year, national, console)
        if proxies is not None:
            reg_structure, structure_notes = proxies
    if reg_structure is None:
        console.print(f"[yellow]{region}: no regional GVA structure (store or --structure) → national structure "
                      "assumed; the assumptions below say so.[/yellow]")
    elif region_share is None and not structure_notes:
        console.print(f"[yellow]{region}: a structure in shares needs --region-share for the FLQ size term; "
                      "without it the totals of the two series are compared.[/yellow]")
    if reg_structure is not None:
        nat_gva = national.gva_coefficients * national.x
        reg_structure = reg_structure.reindex(sections).fillna(0.0)
        if region_share is not None:
            reg_structure = reg_structure / reg_structure.sum() * nat_gva.sum() * region_share
    partner_national = None
    if partner_table is not None:
        partner_national = read_io_csv(partner_table, unit="national currency",
                                       note=f"Belarusian input-output table from {partner_table.name}.").to_iotable()
    p_structure = read_structure(partner_structure).reindex(sections).fillna(0.0) if partner_structure else None
    if p_structure is not None and partner_share is not None:
        base = partner_national if partner_national is not None else national
        p_gva = base.gva_coefficients * base.x
        p_structure = p_structure / p_structure.sum() * p_gva.sum() * partner_share

    pair = pair_model(national, reg_structure, first=region, second=partner, national_second=partner_national,
                      second_activity=p_structure, first_size=region_share, second_size=partner_share,
                      method=method, delta=delta, proxy_label=f"the Russian {year}")  # type: ignore[arg-type]
    sector = (shock_sector or DEFAULT_SHOCK_SECTOR).upper()
    if sector not in sections:
        raise DataError(f"--shock-sector {sector!r} is not a section of the table; sections: {sections}")
    shock_text = SHOCK_REASON.format(sector=sector) if shock_sector is None else f"shock sector {sector} (given)"
    assumptions = structure_notes + pair.assumptions + (
        f"Example shock: +{shock:,.0f} mln RUB of final demand; {shock_text}.",)

    out.mkdir(parents=True, exist_ok=True)
    nat_mult = national.multipliers()
    frames: dict[str, pd.DataFrame] = {"national_RU": nat_mult.frame}
    impacts = {}
    for m in (pair.first, pair.second):
        mult = m.multipliers()
        frames[m.region] = mult.frame
        impacts[m.region] = m.impact({sector: shock}).to_frame()
        console.print(_rich_multipliers(mult, names, f"{m.region}: multipliers and linkages ({method.upper()}, δ={delta:g})"))
        key = ", ".join(f"{k} ({names.get(k, '')[:30]})" for k in mult.key_sectors) or "none"
        console.print(f"[bold]{m.region} key sectors:[/bold] {key}")
        notes = structure_notes if m.region == region else ()
        console.print(Panel("\n".join(f"• {a}" for a in notes + m.assumptions), title=f"{m.region}: assumptions"))
    console.print(_rich_multipliers(nat_mult, names, f"Russia {year} (national, domestic table)"))

    imp_table = Table(title=f"Example shock: +{shock:,.0f} mln RUB final demand for {sector}")
    for col in ("region", "output", "GVA", "jobs"):
        imp_table.add_column(col, justify="right")
    for r, f in impacts.items():
        tot = f.sum()
        imp_table.add_row(r, f"{tot['output']:,.1f}", f"{tot.get('gva', float('nan')):,.1f}",
                          f"{tot['jobs']:,.1f}" if "jobs" in f else "n/a (no employment by sector)")
    console.print(imp_table)
    console.print(Panel("\n".join(f"• {a}" for a in assumptions), title="Assumptions of every table above"))

    sens = pair.first.sensitivity(DELTA_GRID)
    written = _write_outputs(out, frames, impacts, sens, assumptions, names)
    title = f"{region}: backward vs forward linkages (Rosstat {year}, {method.upper()} δ={delta:g})"
    foot = "Assumptions: " + " ".join(a for a in structure_notes[1:2] + pair.first.assumptions
                                      if region in a or "Rosstat" in a)
    written += linkage_chart(pair.first.multipliers(), title, foot, out / f"linkages_{region}")
    written += linkage_chart(nat_mult, f"Russia {year}: backward vs forward linkages (national)",
                             "Rosstat symmetric table, domestic products, 20 OKVED2 sections", out / "linkages_RU")
    console.print("Written: " + ", ".join(str(p) for p in written))


def _write_outputs(out: Path, frames: dict[str, pd.DataFrame], impacts: dict[str, pd.DataFrame],
                   sens: pd.DataFrame, assumptions: tuple[str, ...], names: dict[str, str]) -> list[Path]:
    written: list[Path] = []
    mult = pd.concat(frames, names=["model", "sector"]).reset_index()
    mult.insert(2, "name_ru", mult["sector"].map(names))
    imp = pd.concat(impacts, names=["region", "sector"]).reset_index()
    ass = pd.DataFrame({"assumption": list(assumptions)})
    for name, df in (("multipliers", mult), ("impact", imp), ("delta_sensitivity", sens), ("assumptions", ass)):
        p = out / f"{name}.csv"
        df.to_csv(p, index=False)
        written.append(p)
    xlsx = out / "io_results.xlsx"
    with pd.ExcelWriter(xlsx) as w:
        ass.to_excel(w, sheet_name="assumptions", index=False)
        mult.to_excel(w, sheet_name="multipliers", index=False)
        imp.to_excel(w, sheet_name="impact", index=False)
        sens.to_excel(w, sheet_name="delta_sensitivity", index=False)
    written.append(xlsx)
    (out / "assumptions.txt").write_text("\n".join(f"- {a}" for a in assumptions) + "\n", encoding="utf-8")
    return written
