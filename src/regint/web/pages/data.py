"""The data page: import a file into the store, coverage of the data, the import log and the sources.

:func:`layout` builds the page from labels only; the plain functions turn values into figures and components
(tested without a browser); :func:`register` attaches the thin Dash callbacks that call them.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import dash
import pandas as pd
from dash import Input, Output, State, dcc, html

from regint.errors import RegintError
from regint.web import components as ui
from regint.web import figures
from regint.web.context import COMPARATOR_REGIONS, WebContext
from regint.web.i18n import LABELS, check_lang, t
from regint.web.pages.base import graph, indicator_label, loading, page, region_label, relabel, status_label
from regint.web.state import ViewState
from regint.web.uploads import MAX_BYTES


def layout(lang: str, state: ViewState | None = None) -> html.Div:
    """The page in ``lang``, its controls set from ``state`` (the view in the URL)."""
    state = state or ViewState(lang=lang)
    mb = MAX_BYTES // (1024 * 1024)
    return page(
        "data", lang, state,
        html.H2(t("data_title", lang)),
        ui.card(t("import_file", lang),
                dcc.Upload(id="data-upload", children=html.Div(t("drop_here", lang, mb=mb)), className="upload",
                           accept=".csv,.xlsx,.xml,.json", multiple=False),
                loading(html.Div(id="data-report"))),
        ui.card("", graph("data-coverage", 600)),
        ui.card(t("imports", lang), html.Div(id="data-imports")),
        ui.card(t("sources", lang), html.Div(id="data-sources")),
    )


def sources_view(lang: str) -> html.Div:
    """The source catalog: name, status, caveats (in ``lang``) and address."""
    from regint.data.catalogs import sources

    cat = sources()
    lang = check_lang(lang)
    caveats = cat["caveats_ru"] if lang == "ru" and "caveats_ru" in cat else cat["caveats"]
    frame = pd.DataFrame({t("source", lang): cat[f"name_{lang}"],
                          t("status", lang): [status_label(str(s), lang) for s in cat["status"]],
                          t("caveats", lang): caveats.fillna(""),
                          t("address", lang): [address_text(str(a), lang) for a in cat["address"]]})
    return ui.table(frame, lang, table_id="sources-table")


def address_text(address: str, lang: str) -> str:
    """The first address of a catalog entry (the copies it names are in the catalog), or what stands in for one."""
    import re

    m = re.search(r"(https?://\S+|[\w.-]+\.[a-z]{2,}/\S*)", address)
    if m:
        return m.group(1).rstrip(";,)")
    return t("see_value_note", lang) if address.startswith("see note") else address


def coverage_view(ctx: WebContext, lang: str) -> Any:
    """Heat map of the years with data (2000 to this year) per indicator and region of the pair's area."""
    from regint.data.gaps import coverage

    span = (2000, date.today().year)
    regions = list(COMPARATOR_REGIONS)

    def make() -> pd.DataFrame:
        panel = ctx.panel()
        return coverage(panel[panel["region"].isin(regions)], regions, span)
    cov = ctx.cached("coverage", make)
    if cov.empty:
        return figures.empty(t("no_data", lang))
    grid = cov.pivot(index="indicator", columns="region", values="n_years").reindex(columns=regions)
    grid.index = [indicator_label(str(c), lang) for c in grid.index]
    grid.columns = [region_label(str(c), lang) for c in grid.columns]
    fig = figures.coverage_heatmap(grid, span[1] - span[0] + 1, t("coverage", lang))
    return figures.finish(fig, lang, unit=t("coverage_unit", lang), years=span,
                          source=t("coverage_source", lang))


def imports_view(ctx: WebContext, lang: str) -> html.Div:
    """The store's import log, latest first."""
    log = ctx.imports()
    if log.empty:
        return html.Div(t("no_data", lang), className="muted")
    names = [t("default_dataset", lang) if n == "regint default dataset" else n for n in log["file_name"]]
    formats = [t(f"format_{f}", lang) if f"format_{f}" in LABELS else f for f in log["format"]]
    frame = pd.DataFrame({"#": log["import_id"], t("file", lang): names, t("format", lang): formats,
                          t("rows", lang): log["n_rows"], t("when", lang): log["imported_at"].astype(str).str[:19],
                          "SHA-256": log["checksum"].astype(str).str[:12]})
    return ui.table(frame.iloc[::-1], lang, max_rows=100, table_id="imports-table")


def data_import(ctx: WebContext, contents: str | None, filename: str | None, lang: str) -> html.Div:
    """Import an uploaded file into the store, all or nothing, and report what happened."""
    from regint.data.loaders import load_file
    from regint.web.uploads import DATA_TYPES, decode_upload, temporary_file

    if not contents:
        return html.Div()
    try:
        upload = decode_upload(contents, filename, DATA_TYPES)
        checksum = hashlib.sha256(upload.content).hexdigest()
        with ctx.lock:
            if ctx.store().has_checksum(checksum):
                return ui.message(t("unchanged", lang, file=upload.name), "info")
        with temporary_file(upload, ctx.upload_dir) as path:
            result = load_file(path)
        obs = result.observations.copy()
        if "file" in obs:
            obs["file"] = upload.name
        with ctx.lock:
            report = ctx.store().import_frame(obs, file_name=upload.name, checksum=checksum,
                                              format=result.format, warnings=[str(w) for w in result.warnings])
            if report.status == "imported":
                ctx.invalidate()
    except RegintError as exc:
        return ui.error_list(t("validation_report", lang),
                             [relabel(str(exc), filename), t("store_unchanged", lang)], "error")
    if report.status == "unchanged":
        return ui.message(t("unchanged", lang, file=upload.name), "info")
    lines = [t("imported", lang, file=upload.name, rows=report.rows, id=report.import_id, fmt=report.format)]
    lines += [relabel(w, filename) for w in report.warnings[:30]]
    return ui.error_list(t("validation_report", lang), lines, "warn" if report.warnings else "ok")


def register(app: dash.Dash, ctx: WebContext) -> None:
    """Attach the callbacks of this page to ``app``."""
    @app.callback(Output("data-sources", "children"), Output("data-coverage", "figure"), Input("data-lang", "data"))
    def view(lang: str) -> tuple[Any, Any]:
        return sources_view(lang), coverage_view(ctx, lang)

    @app.callback(Output("data-report", "children"), Input("data-upload", "contents"),
                  State("data-upload", "filename"), State("data-lang", "data"), prevent_initial_call=True)
    def upload(contents: str, filename: str, lang: str) -> Any:
        return data_import(ctx, contents, filename, lang)

    @app.callback(Output("data-imports", "children"), Input("data-lang", "data"), Input("data-report", "children"))
    def imports(lang: str, _report: Any) -> Any:
        return imports_view(ctx, lang)
