"""``regint data ...``: import, list, show, gaps, conflicts, sources, regions, template, build-default."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich.table import Table

from regint.cli._console import make_console
from regint.cli.i18n import t
from regint.errors import RegintError
from regint.exports import write_csv, write_xlsx

app = typer.Typer(help="Data: import official exports, show series with provenance, report gaps.",
                  no_args_is_help=True)
console = make_console()
err = make_console(stderr=True)


def _fail(exc: RegintError, store_untouched: bool = True) -> None:
    err.print(f"[bold red]{t('error')}:[/] {exc}")
    if store_untouched:
        err.print(t("store_unchanged"))
    raise typer.Exit(code=2)


def parse_years(text: str | None) -> tuple[int, int] | None:
    """``"2010-2023"`` → (2010, 2023); ``"2015"`` → (2015, 2015)."""
    if not text:
        return None
    parts = text.replace("–", "-").split("-")
    try:
        if len(parts) == 1:
            return int(parts[0]), int(parts[0])
        return int(parts[0]), int(parts[1])
    except ValueError as exc:
        raise typer.BadParameter(f"years must look like 2010-2023 or 2015; got {text!r}") from exc


def parse_regions(text: str | None) -> list[str] | None:
    if not text:
        return None
    from regint.data.catalogs import check_regions

    try:
        return check_regions([r for r in text.split(",") if r.strip()])
    except RegintError as exc:
        raise typer.BadParameter(str(exc)) from exc


def fmt(value: float) -> str:
    """A value as the source printed it (no float noise): 640810.6, 2008.3, 114.15."""
    if pd.isna(value):
        return "—"
    return format(float(value), ".10g")


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="File to import (SDMX-ML, Rosstat/Belstat xlsx, WDI CSV, tidy CSV/XLSX).")],
    format: Annotated[str | None, typer.Option("--format", "-f", help="Loader name; detected when omitted.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Refuse the file when a value is implausible (a period "
                                         "after this year, out of its range, a unit not the catalog's) or "
                                         "contradicts an earlier import.")] = False,
) -> None:
    """Import a file into the store: all of it or nothing; a re-import adds a vintage."""
    from regint.data.api import open_store

    try:
        report = open_store().import_file(file, format=format, strict=strict)
    except RegintError as exc:
        _fail(exc)
        return
    if report.status == "unchanged":
        console.print(f"{file.name}: {t('unchanged')}")
        return
    console.print(f"[green]{file.name}[/]: {t('imported')} {report.rows} ({report.format}), import #{report.import_id}")
    if report.warnings:
        console.print(f"[yellow]{t('warnings')}:[/]")
        for w in report.warnings[:30]:
            console.print(f"  • {w}")
        if len(report.warnings) > 30:
            console.print(f"  … {len(report.warnings) - 30} more")


@app.command("list")
def list_command(
    imports: Annotated[bool, typer.Option("--imports", help="Show the import log instead.")] = False,
) -> None:
    """List the indicators in the store (regions, years, sources) or the import log."""
    from regint.data.api import open_store
    from regint.data.catalogs import indicator_info

    store = open_store()
    if imports:
        log = store.imports()
        table = Table("#", "file", "format", "rows", "imported at", "by", "warnings", "sha256")
        for r in log.itertuples():
            table.add_row(str(r.import_id), r.file_name, r.format, str(r.n_rows), str(r.imported_at)[:19],
                          str(getattr(r, "imported_by", "") or ""), str(r.n_warnings), r.checksum[:12])
        console.print(table)
        return
    summary = store.indicator_summary()
    table = Table(t("indicator"), "name", t("unit"), "regions", "years", "sources", "n")
    for r in summary.itertuples():
        try:
            info = indicator_info(r.indicator)
            name, unit = info["name_en"], info["unit"]
        except RegintError:
            name, unit = "", ""
        table.add_row(r.indicator, name, unit, str(r.regions), f"{r.first}–{r.last}", r.sources, str(r.n))
    console.print(table)


@app.command("show")
def show_command(
    indicator: Annotated[str, typer.Argument(help="Indicator code, e.g. grp_per_capita.")],
    regions: Annotated[str | None, typer.Option("--regions", "-r", help="Comma-separated codes: RU-SMO,BY-VI.")] = None,
    years: Annotated[str | None, typer.Option("--years", "-y", help="2010-2023 or 2015.")] = None,
    provenance: Annotated[bool, typer.Option("--provenance", help="Show source, file, location, status, vintage.")] = False,
    all_sources: Annotated[bool, typer.Option("--all-sources", help="Every source's value, not only the preferred.")] = False,
    usd: Annotated[bool, typer.Option("--usd", help="Convert to US dollars at annual average official rates.")] = False,
    annual: Annotated[bool, typer.Option("--annual", help="Annual values only (no months, quarters, spans).")] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Values as the store held them at this time.")] = None,
    csv: Annotated[Path | None, typer.Option("--csv", help="Also write the values to this CSV file.")] = None,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="Also write the values to this XLSX file.")] = None,
) -> None:
    """Print the values of one indicator for regions and years, with their provenance on request."""
    from regint.data.api import open_store
    from regint.data.harmonise import series_breaks, to_usd

    store = open_store()
    region_list, year_range = parse_regions(regions), parse_years(years)
    if all_sources:
        data = store.query([indicator], region_list, year_range, as_of=as_of)
    else:
        data = store.panel([indicator], region_list, year_range, as_of=as_of)
    if annual and not data.empty:
        data = data[data["period"].str.fullmatch(r"\d{4}")]
    if data.empty:
        console.print(t("no_data"))
        raise typer.Exit(code=1)
    if usd:
        countries = sorted({r.split("-")[0] for r in data["region"]})
        fx = store.panel(["fx_usd"], countries)
        data = to_usd(data, fx)
    cols = ["region", "period", "value", "unit", "source", "status"]
    if provenance:
        cols += ["file", "location", "vintage", "note", "derived_from"]
        if "precedence" in data.columns:
            cols.append("precedence")
    table = Table(*[t(c) if c in ("region", "period", "value", "unit", "source", "status", "vintage") else c
                    for c in cols], title=indicator)
    for _, row in data.iterrows():
        table.add_row(*[fmt(row[c]) if c == "value" else str(row[c]) for c in cols])
    console.print(table)
    brk = series_breaks(indicator, sorted(set(data["region"])),
                        (int(data["period"].str[:4].min()), int(data["period"].str[:4].max())))
    if not brk.empty:
        console.print(f"[yellow]{t('breaks')}:[/]")
        for b in brk.itertuples():
            console.print(f"  • {b.description_en if t('region') == 'region' else b.description_ru}")
    export = data[[c for c in data.columns if c not in ("import_id", "imported_at")]]
    if csv:
        write_csv(export, csv)
        console.print(f"{t('written')}: {csv}")
    if xlsx:
        write_xlsx({indicator: export}, xlsx)
        console.print(f"{t('written')}: {xlsx}")


@app.command("gaps")
def gaps_command(
    regions: Annotated[str | None, typer.Option("--regions", "-r", help="Comma-separated region codes.")] = None,
    years: Annotated[str | None, typer.Option("--years", "-y", help="Year range, default 2000-2025.")] = "2000-2025",
    heatmap: Annotated[Path | None, typer.Option("--heatmap", help="Write the coverage heat-map (PNG and SVG).")] = None,
    csv: Annotated[Path | None, typer.Option("--csv", help="Write the coverage table to CSV.")] = None,
) -> None:
    """What is missing per region, indicator and year (annual values)."""
    from regint.data.api import open_store
    from regint.data.gaps import coverage, plot_coverage
    from regint.study.settings import DEFAULT_COMPARATORS

    region_list = parse_regions(regions) or [*DEFAULT_COMPARATORS, "BY-MI", "BY-HM"]
    year_range = parse_years(years) or (2000, 2025)
    panel = open_store().panel(None, region_list, year_range)
    cov = coverage(panel, region_list, year_range)
    table = Table(t("indicator"), *region_list, title=f"coverage {year_range[0]}–{year_range[1]} (years with data)")
    for ind, row in cov.pivot(index="indicator", columns="region", values="label").iterrows():
        table.add_row(ind, *[row.get(r, "—") or "—" for r in region_list])
    console.print(table)
    if csv:
        write_csv(cov, csv)
        console.print(f"{t('written')}: {csv}")
    if heatmap:
        for path in plot_coverage(cov, region_list, year_range, heatmap):
            console.print(f"{t('written')}: {path}")


@app.command("conflicts")
def conflicts_command(
    regions: Annotated[str | None, typer.Option("--regions", "-r", help="Comma-separated region codes.")] = None,
    threshold: Annotated[float, typer.Option("--threshold", help="Relative difference to list (0.01 = 1 %).")] = 0.01,
    indicator: Annotated[str | None, typer.Option("--indicator", "-i", help="Only this indicator code.")] = None,
    years: Annotated[str | None, typer.Option("--years", "-y", help="2010-2023 or 2015.")] = None,
    top: Annotated[int, typer.Option("--top", help="Rows to print (largest differences first); 0 = all.")] = 30,
    csv: Annotated[Path | None, typer.Option("--csv", help="Write every conflict to this CSV file.")] = None,
) -> None:
    """Keys whose sources disagree by more than the threshold: the chosen value and the other, side by side."""
    from regint.data.api import conflicts, open_store
    from regint.data.precedence import conflict_summary

    try:
        found = conflicts(parse_regions(regions), threshold, indicators=[indicator] if indicator else None,
                          years=parse_years(years), store=open_store())
    except RegintError as exc:
        _fail(exc, store_untouched=False)
        return
    ru = t("region") != "region"
    keys = len(found.drop_duplicates(["region", "indicator", "period"]))
    share = f"{threshold:.1%}".replace(".", ",") if ru else f"{threshold:.1%}"
    console.print(f"Расхождения между источниками более чем на {share}: {keys} сочетаний «регион — показатель — "
                  f"период», {len(found)} пар значений" if ru else
                  f"Sources differing by more than {share}: {keys} keys (region, indicator, period), "
                  f"{len(found)} pairs of values")
    shown = found if top <= 0 else found.head(top)
    table = Table(t("region"), t("indicator"), t("period"), t("unit"), "chosen" if not ru else "принято",
                  t("value"), "other" if not ru else "другой источник", t("value"), "Δ", t("status"),
                  title="conflicts" if not ru else "расхождения источников")
    for r in shown.itertuples():
        table.add_row(r.region, r.indicator, r.period, r.unit, r.chosen_source, fmt(r.chosen_value), r.other_source,
                      fmt(r.other_value), f"{r.rel_diff:.1%}", r.other_status)
    console.print(table)
    summary = conflict_summary(found)
    if not summary.empty:
        by = Table(t("indicator"), "chosen" if not ru else "принято", "other" if not ru else "другой источник",
                   "n", "max Δ", title="by indicator and pair of sources" if not ru else "по показателям")
        for r in summary.head(20).itertuples():
            by.add_row(r.indicator, r.chosen_source, r.other_source, str(r.keys), f"{r.max_rel_diff:.1%}")
        console.print(by)
    if csv:
        write_csv(found, csv)
        console.print(f"{t('written')}: {csv}")


@app.command("sources")
def sources_command() -> None:
    """Every source with citation, address and licence."""
    from regint.cli.i18n import lang
    from regint.data.catalogs import sources

    ru = lang() == "ru"
    table = Table("id", t("status"), "источник" if ru else "name", "citation", "address", "licence",
                  "оговорки" if ru else "caveats", show_lines=True)
    for r in sources().itertuples():
        table.add_row(r.id, r.status, r.name_ru if ru else r.name_en, r.citation, r.address, r.licence,
                      r.caveats_ru if ru else r.caveats)
    console.print(table)


@app.command("regions")
def regions_command(
    country: Annotated[str | None, typer.Option("--country", help="RU or BY.")] = None,
) -> None:
    """The region catalog (codes, names, neighbours)."""
    from regint.data.catalogs import regions

    cat = regions()
    if country:
        cat = cat[cat["country"] == country.upper()]
    table = Table("code", "level", "name (ru)", "name (en)", "neighbours")
    for r in cat.itertuples():
        table.add_row(r.code, r.level, r.name_ru, r.name_en, r.neighbours)
    console.print(table)


@app.command("template")
def template_command(
    out: Annotated[Path, typer.Argument(help="Where to write the template (.csv or .xlsx).")] = Path("regint-template.xlsx"),
) -> None:
    """Write the tidy CSV/XLSX template for any other figure you have."""
    from regint.data.loaders.template import write_template

    write_template(out)
    console.print(f"{t('written')}: {out}")


@app.command("build-default")
def build_default_command(
    shared: Annotated[Path | None, typer.Option("--shared", help="The shared research folder (default ../shared).")] = None,
) -> None:
    """Rebuild the shipped dataset from the source files (developers; needs ../shared)."""
    from regint.data.build import build_default
    from regint.models.inputoutput.shipped import build_io

    try:
        summary = build_default(shared, io_builder=build_io)
    except RegintError as exc:
        _fail(exc, store_untouched=False)
        return
    console.print(summary)
