"""The report page: the report of the pair built in the background, and the tables as one workbook.

:func:`layout` builds the page from labels only; the plain functions turn values into figures and components
(tested without a browser); :func:`register` attaches the thin Dash callbacks that call them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import dash
import pandas as pd
from dash import Input, Output, State, dcc, html, no_update

from regint.study.settings import DEFAULT_PAIR
from regint.web import components as ui
from regint.web.context import COMPARATOR_REGIONS, WebContext
from regint.web.i18n import check_lang, t
from regint.web.pages.base import loading, page, pair_name, pair_of
from regint.web.state import ViewState

REPORT_MIME = {"html": "text/html", "pdf": "application/pdf",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def layout(lang: str, state: ViewState | None = None) -> html.Div:
    """The page in ``lang``, its controls set from ``state`` (the view in the URL)."""
    state = state or ViewState(lang=lang)
    generate: list[Any] = [
        html.Div([
            dcc.RadioItems(id="rep-format", value="html", inline=True, options=[
                {"label": " HTML", "value": "html"}, {"label": " PDF", "value": "pdf"},
                {"label": " XLSX", "value": "xlsx"}]),
            dcc.Checklist(id="rep-quick", value=[], options=[{"label": t("report_quick", lang), "value": "quick"}]),
        ], className="buttons"),
        html.Div([html.Button(t("report_generate", lang), id="rep-generate", className="btn btn-primary"),
                  html.Progress(id="rep-progress", value="0", max="1")], className="buttons"),
        html.Div(id="rep-status"),
        dcc.Store(id="rep-job"),
        dcc.Interval(id="rep-interval", interval=500, disabled=True),
        dcc.Download(id="rep-report-download"),
    ]
    return page(
        "report", lang, state,
        html.H2(t("report_title", lang)),
        html.P(t("report_pair", lang, pair=pair_name(state.pair, lang)), className="muted"),
        ui.card(t("report_generate", lang), *generate),
        ui.card(t("report_tables", lang), html.P(t("report_tables_text", lang)),
                html.Button(t("report_tables", lang), id="rep-tables", className="btn btn-primary"),
                loading(dcc.Download(id="rep-download"))),
    )


def report_start(ctx: WebContext, lang: str, fmt: str | None, quick: bool,
                 pair: tuple[str, str] | None = None) -> str:
    """Build the report of the pair in one language and format in the background; returns the job id.

    The report is rendered by the builder the command line gave the app (:attr:`WebContext.report_builder`)
    from the dashboard's study (``quick``: the small Monte Carlo sizes). The files are written to a folder with
    a generated name inside the private upload folder, read into memory when done and the folder removed.
    """
    import secrets
    import shutil

    from regint.study import MonteCarlo
    from regint.study.study import RESULTS

    lang = check_lang(lang)
    fmt = fmt if fmt in REPORT_MIME else "html"
    out = ctx.upload_dir / f"report-{secrets.token_hex(8)}"
    total = len(RESULTS) + 2
    builder = ctx.report_builder

    def work(progress: Any) -> tuple[bytes, str]:
        if builder is None:
            raise RuntimeError("this dashboard was started without the report module; start it with "
                               "`regint serve`")
        done = [0]

        def tick(_name: str) -> None:
            done[0] = min(done[0] + 1, total)
            progress(done[0], total)
        try:
            base = ctx.study(pair) if pair else ctx.study()
            study = base.with_settings(mc=MonteCarlo.fast()) if quick else base
            path = builder(study, lang, fmt, out, tick)
            stem = f"regint_report_{pair[0]}_{pair[1]}" if pair else "regint_report"
            return path.read_bytes(), f"{stem}_{lang}.{fmt}"
        finally:
            shutil.rmtree(out, ignore_errors=True)
    return ctx.jobs.start(work, total=total)


def report_poll(ctx: WebContext, job_id: str | None, lang: str) -> tuple[int, int, Any, dict[str, Any] | None, bool]:
    """Progress of a report job; when finished the download. Returns (done, total, status, download, finished)."""
    from regint.web.downloads import as_download

    job = ctx.jobs.get(job_id)
    if job is None:
        return 0, 1, "", None, True
    snap = job.snapshot()
    if snap["state"] == "running":
        return snap["done"], max(snap["total"], 1), t("report_running", lang, done=snap["done"],
                                                      total=snap["total"]), None, False
    if snap["state"] == "failed":
        return 0, 1, ui.message(f"{t('error', lang)}: {snap['error']}", "error"), None, True
    content, name = job.result
    fmt = name.rsplit(".", 1)[-1]
    return snap["total"], max(snap["total"], 1), ui.message(t("report_done", lang, file=name), "ok"), \
        as_download(content, name, REPORT_MIME.get(fmt)), True


def tables_download(ctx: WebContext, lang: str, pair: tuple[str, str] = DEFAULT_PAIR) -> dict[str, Any]:
    """Preconditions, the index with its intervals and the coverage of the pair's study in one workbook (in
    memory), sheets named in ``lang``, with a sheet of what was left out and why."""
    from regint.data.gaps import coverage
    from regint.web.downloads import XLSX_MIME, as_download, xlsx_bytes

    tables: dict[str, pd.DataFrame] = {}
    left_out: list[dict[str, str]] = []  # the workbook holds what could be computed and says what could not
    try:
        pre = ctx.preconditions(lang, pair)
        tables[t("sheet_preconditions", lang)] = pre.to_frame()
        tables[t("sheet_not_computed", lang)] = pre.not_computed_frame()
    except Exception as exc:  # noqa: BLE001
        left_out.append({t("table", lang): t("sheet_preconditions", lang), t("reason", lang): str(exc)})
    try:
        tables[t("sheet_index", lang)] = ctx.index_result(pair).to_frame().reset_index()
    except Exception as exc:  # noqa: BLE001
        left_out.append({t("table", lang): t("sheet_index", lang), t("reason", lang): str(exc)})
    panel = ctx.panel()
    regions = list(dict.fromkeys([*pair, *COMPARATOR_REGIONS]))
    tables[t("coverage_sheet", lang)] = coverage(panel[panel["region"].isin(regions)], regions,
                                                 (2000, date.today().year))
    tables[t("sheet_left_out", lang)] = pd.DataFrame(left_out, columns=[t("table", lang), t("reason", lang)])
    return as_download(xlsx_bytes(tables), f"regint_tables_{pair[0]}_{pair[1]}_{check_lang(lang)}.xlsx", XLSX_MIME)


def register(app: dash.Dash, ctx: WebContext) -> None:
    """Attach the callbacks of this page to ``app``."""
    @app.callback(Output("rep-job", "data"), Output("rep-interval", "disabled"), Output("rep-generate", "disabled"),
                  Input("rep-generate", "n_clicks"), State("rep-format", "value"), State("rep-quick", "value"),
                  State("report-lang", "data"), State("report-pair", "data"), prevent_initial_call=True)
    def generate(_n: int, fmt: str, quick: list[str], lang: str, pair: str) -> tuple[str, bool, bool]:
        return report_start(ctx, lang, fmt, "quick" in (quick or []), pair_of(pair)), False, True

    @app.callback(Output("rep-progress", "value"), Output("rep-progress", "max"), Output("rep-status", "children"),
                  Output("rep-report-download", "data"),
                  Output("rep-interval", "disabled", allow_duplicate=True),
                  Output("rep-generate", "disabled", allow_duplicate=True),
                  Input("rep-interval", "n_intervals"), State("rep-job", "data"), State("report-lang", "data"),
                  prevent_initial_call=True)
    def poll(_n: int, job: str, lang: str) -> tuple[Any, ...]:
        done, total, status, download, finished = report_poll(ctx, job, lang)
        return str(done), str(total), status, download if download is not None else no_update, finished, \
            not finished

    @app.callback(Output("rep-download", "data"), Input("rep-tables", "n_clicks"), State("report-lang", "data"),
                  State("report-pair", "data"), prevent_initial_call=True)
    def tables(_n: int, lang: str, pair: str) -> Any:
        return tables_download(ctx, lang, pair_of(pair))
