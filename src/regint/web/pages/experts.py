"""The experts page: pairwise comparisons entered in the browser, questionnaires uploaded and the responses collected.

:func:`layout` builds the page from labels only; the plain functions turn values into figures and components
(tested without a browser); :func:`register` attaches the thin Dash callbacks that call them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import dash
import numpy as np
import pandas as pd
from dash import ALL, Input, Output, State, dcc, html, no_update

from regint.errors import RegintError
from regint.web import components as ui
from regint.web import figures
from regint.web.context import WebContext
from regint.web.i18n import check_lang, dropdown_labels, t
from regint.web.pages.base import loading, page, relabel
from regint.web.state import ViewState
from regint.web.uploads import MAX_BYTES


def layout(lang: str, state: ViewState | None = None) -> html.Div:
    """The page in ``lang``, its controls set from ``state`` (the view in the URL)."""
    state = state or ViewState(lang=lang)
    mb = MAX_BYTES // (1024 * 1024)
    return page(
        "experts", lang, state,
        html.H2(t("experts_title", lang)),
        html.Div([
            html.Div([
                html.H3(t("ahp_entry", lang)),
                html.Label([t("block", lang), dcc.Dropdown(labels=dropdown_labels(lang), id="ahp-block", value="criteria", clearable=False, options=[
                    {"label": t("block_criteria", lang), "value": "criteria"},
                    {"label": t("block_score", lang), "value": "score"}])]),
                html.P(t("ahp_help", lang), className="muted"),
                html.Div(id="ahp-pairs"),
                html.Div([dcc.Input(id="ahp-respondent", type="text", placeholder=t("respondent", lang),
                                    maxLength=120, className="text-input"),
                          html.Button(t("save", lang), id="ahp-save", className="btn btn-primary")],
                         className="buttons"),
                html.Div(id="ahp-save-msg"),
                html.Div(ui.message(t("unsaved", lang), "warn"), id="ahp-unsaved", style={"display": "none"}),
                dcc.ConfirmDialog(id="ahp-confirm", message=""),
            ], className="card scn-controls"),
            html.Div([html.Div(id="ahp-cr"), html.Div(id="ahp-revise"),
                      dcc.Graph(id="ahp-weights", config=figures.GRAPH_CONFIG)], className="card ahp-results"),
        ], className="grid-ahp"),
        html.Div([
            ui.card(t("upload_questionnaire", lang),
                    dcc.Upload(id="q-upload", children=html.Div(t("drop_here", lang, mb=mb)), className="upload",
                               accept=".xlsx,.json", multiple=False),
                    loading(html.Div(id="q-report")),
                    html.Div([html.Button(t("download_questionnaire", lang), id="q-template", className="btn"),
                              dcc.Download(id="q-download")], className="buttons")),
            ui.card(t("collected", lang), html.Div(id="collected")),
        ], className="grid2"),
    )


def ahp_pairs(block_code: str, lang: str) -> list[html.Div]:
    """One slider per pair of the block: left item, slider (-8 … 8), right item."""
    from regint.web import experts_adapter as ea

    blk = ea.block(block_code, lang)
    marks = {-8: "9", -6: "7", -4: "5", -2: "3", 0: "1", 2: "3", 4: "5", 6: "7", 8: "9"}
    return [html.Div([
        html.Div(blk.labels[i], className="ahp-left"),
        html.Div(dcc.Slider(id={"type": "ahp", "index": k}, min=-ea.MAX_STEP, max=ea.MAX_STEP, step=1, value=0,
                            marks=marks, included=False, allow_direct_input=False), className="ahp-slider"),
        html.Div(blk.labels[j], className="ahp-right"),
    ], className="ahp-row") for k, (i, j) in enumerate(blk.pairs)]


def ahp_view(block_code: str | None, positions: Sequence[float | None], lang: str
             ) -> tuple[html.Div, Any, html.Div]:
    """Consistency ratio, priorities and the judgement to revisit, live from the sliders."""
    from regint.experts.ahp import from_judgements, most_inconsistent, priorities, scale_label
    from regint.web import experts_adapter as ea

    blk = ea.block(block_code or "criteria", lang)
    if len(positions) != len(blk.pairs):  # sliders of another block still on the page
        return html.Div(), figures.empty(t("loading", lang)), html.Div()
    res = priorities(from_judgements(ea.judgements(blk, positions), blk.items))
    label = dict(zip(blk.items, blk.labels, strict=True))
    cr = ui.message([html.Span(t("cr", lang, cr=res.cr), id="cr-value"), " — ",
                     t("cr_ok", lang) if res.acceptable else t("cr_bad", lang)],
                    "ok" if res.acceptable else "error", msg_id="cr-box")
    fig = figures.weight_bars([label[x] for x in res.labels], list(res.weights), t("weights", lang))
    first = most_inconsistent(res) if res.n > 2 and res.cr > 0 else None
    if first is None:
        revise = ui.message(t("nothing_to_revise", lang), "info")
    else:
        revise = ui.message(t("revise", lang, a=label[str(first["row"])], b=label[str(first["column"])],
                              now=scale_label(float(first["judgement"])),  # type: ignore[arg-type]
                              suggested=scale_label(float(first["suggested"])),  # type: ignore[arg-type]
                              after=float(first["cr_after"])), "warn")  # type: ignore[arg-type]
    return cr, fig, html.Div(revise, id="revise-box")


#: Above this consistency ratio a save asks for confirmation (Saaty's threshold).
CR_LIMIT = 0.1


def ahp_cr(block_code: str | None, positions: Sequence[float | None], lang: str) -> float:
    """The consistency ratio of the judgements on the page (``nan`` when the sliders are of another block)."""
    from regint.experts.ahp import from_judgements, priorities
    from regint.web import experts_adapter as ea

    blk = ea.block(block_code or "criteria", lang)
    if len(positions) != len(blk.pairs):
        return float("nan")
    return float(priorities(from_judgements(ea.judgements(blk, positions), blk.items)).cr)


def ahp_save(ctx: WebContext, block_code: str | None, positions: Sequence[float | None], respondent: str | None,
             lang: str, confirmed: bool = False) -> html.Div:
    """Append the judgements on the page as one response of ``respondent`` (atomic, concurrent-safe), with
    their consistency ratio in the response's notes; one above :data:`CR_LIMIT` is saved only ``confirmed``
    (the page asks first) and its note says so."""
    import dataclasses

    from regint.experts.ahp import priorities
    from regint.web import experts_adapter as ea

    name = " ".join(str(respondent or "").split())[:120]
    if not name:
        return ui.message(t("need_name", lang), "error")
    blk = ea.block(block_code or "criteria", lang)
    try:
        response = ea.web_response(blk, positions, name, lang)
        res = priorities(response.matrix(blk.code))
        if res.cr > CR_LIMIT and not confirmed:
            return ui.message(t("cr_confirm", lang, cr=res.cr), "warn")
        note = f"CR = {res.cr:.3f} at saving" + (f" (above {CR_LIMIT}; saved after confirmation)"
                                                  if res.cr > CR_LIMIT else "")
        response = dataclasses.replace(response, notes=(*response.notes, note))
        ea.append_response(ctx.responses(), response)
    except RegintError as exc:
        return ui.message(str(exc), "error")
    return ui.message(t("saved", lang, name=name, n=len(blk.pairs), cr=res.cr), "ok", msg_id="saved-box")


def questionnaire_upload(ctx: WebContext, contents: str | None, filename: str | None, lang: str) -> html.Div:
    """Read a filled questionnaire (.xlsx, or .json records), validate it and store the responses."""
    from regint.web import experts_adapter as ea
    from regint.web.uploads import QUESTIONNAIRE_TYPES, decode_upload, temporary_file

    if not contents:
        return html.Div()
    try:
        upload = decode_upload(contents, filename, QUESTIONNAIRE_TYPES)
        with temporary_file(upload, ctx.upload_dir) as path:
            responses = _read_responses(path, upload.name)
        lines = []
        store = ctx.responses()
        for resp in responses:
            stored = ea.append_response(store, resp)
            for code, _items in resp.blocks:
                res = resp.ahp(code)
                cr = "n/a" if np.isnan(res.cr) else f"{res.cr:.3f}" + ("" if res.acceptable else " ✗")
                lines.append(t("questionnaire_ok", lang, file=upload.name, who=resp.respondent,
                               n=len(resp.judgements.get(code, {})), missing=len(resp.missing.get(code, ())),
                               cr=cr, stored=t("stored_new" if stored else "stored_dup", lang)))
    except RegintError as exc:
        return ui.error_list(t("validation_report", lang),
                             [relabel(str(exc), filename)], "error")
    return ui.error_list(t("validation_report", lang), lines, "ok")


def _read_responses(path: Any, name: str) -> list[Any]:
    """Responses from a questionnaire workbook or a JSON file of records (``{"responses": [...]}`` or a list)."""
    import json

    from regint.errors import LoaderError
    from regint.experts.questionnaire import Response, read_questionnaire

    if path.suffix == ".xlsx":
        import zipfile

        try:
            resp = read_questionnaire(path)
        except RegintError:
            raise
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
            # read_questionnaire lets the workbook reader's own errors through (not an .xlsx, a damaged _meta)
            raise LoaderError(f"not a readable questionnaire workbook ({type(exc).__name__}: {exc}).", path=path,
                              fix="upload the .xlsx questionnaire as filled in Excel or LibreOffice.") from exc
        return [dataclasses.replace(resp, source=name)]
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LoaderError(f"not valid JSON ({exc}).", path=path, fix="upload the file as exported.") from exc
    records = doc.get("responses") if isinstance(doc, dict) else doc
    if not isinstance(records, list) or not records:
        raise LoaderError("no responses found (expected a list of records or {\"responses\": [...]}).", path=path,
                          fix="upload a file of regint response records.")
    out = []
    for k, rec in enumerate(records, start=1):
        try:
            resp = Response.from_record(rec)
            for code, _ in resp.blocks:
                resp.ahp(code)  # validates the scale and reciprocity
        except RegintError as exc:
            raise LoaderError(f"record {k}: {exc}", path=path) from exc
        except (KeyError, TypeError, ValueError) as exc:
            raise LoaderError(f"record {k} is not a regint response ({exc!r}).", path=path,
                              fix="each record needs respondent, blocks and judgements.") from exc
        out.append(dataclasses.replace(resp, source=name))
    return out


def collected_view(ctx: WebContext, lang: str) -> html.Div:
    """The responses stored so far (every record; the latest per respondent is used)."""
    try:
        records = ctx.responses().records()
    except RegintError as exc:
        return ui.message(str(exc), "error")
    if not records:
        return html.Div(t("no_data", lang), className="muted")
    frame = pd.DataFrame([{t("respondent", lang): r.get("respondent"),
                           t("response_kind", lang): t(f"kind_{r.get('kind', 'generic')}", lang),
                           t("period", lang): r.get("date"),
                           t("source", lang): t("source_dashboard", lang) if r.get("source") == "dashboard"
                           else r.get("source"),
                           t("recorded_utc", lang): _when(r.get("recorded_at"))} for r in records])
    return ui.table(frame.iloc[::-1], lang, max_rows=50, table_id="collected-table")


def _when(stamp: str | None) -> str | None:
    """An ISO time stamp of a stored record (UTC) as a reader writes it: ``2026-12-02 21:50``, not
    ``2026-12-02T21:50:17+00:00``."""
    if not stamp:
        return stamp
    try:
        return pd.Timestamp(stamp).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def questionnaire_download(ctx: WebContext, lang: str) -> dict[str, Any]:
    """An empty directions questionnaire (XLSX) written by :mod:`regint.experts.directions`."""
    import secrets

    from regint.experts.directions import directions_questionnaire
    from regint.web.downloads import XLSX_MIME, as_download

    path = ctx.upload_dir / f"questionnaire-{secrets.token_hex(8)}.xlsx"
    try:
        directions_questionnaire(path, check_lang(lang))  # type: ignore[arg-type]
        content = path.read_bytes()
    finally:
        path.unlink(missing_ok=True)
    return as_download(content, f"regint_questionnaire_{check_lang(lang)}.xlsx", XLSX_MIME)


def register(app: dash.Dash, ctx: WebContext) -> None:
    """Attach the callbacks of this page to ``app``."""
    judged = {"type": "ahp", "index": ALL}

    @app.callback(Output("ahp-pairs", "children"), Input("ahp-block", "value"), State("experts-lang", "data"))
    def pairs(block: str, lang: str) -> list[Any]:
        return ahp_pairs(block, lang)

    @app.callback(Output("ahp-cr", "children"), Output("ahp-weights", "figure"), Output("ahp-revise", "children"),
                  Input(judged, "value"), State("ahp-block", "value"), State("experts-lang", "data"))
    def ahp(positions: list[int], block: str, lang: str) -> tuple[Any, Any, Any]:
        return ahp_view(block, positions, lang)

    @app.callback(Output("ahp-save-msg", "children"), Output("ahp-confirm", "displayed"),
                  Output("ahp-confirm", "message"), Input("ahp-save", "n_clicks"),
                  Input("ahp-confirm", "submit_n_clicks"), State(judged, "value"), State("ahp-block", "value"),
                  State("ahp-respondent", "value"), State("experts-lang", "data"), prevent_initial_call=True)
    def save(_n: int, _ok: int, positions: list[int], block: str, respondent: str, lang: str) -> tuple[Any, ...]:
        confirmed = dash.ctx.triggered_id == "ahp-confirm"
        cr = ahp_cr(block, positions, lang)
        if not confirmed and cr > CR_LIMIT and " ".join(str(respondent or "").split()):
            return no_update, True, t("cr_confirm", lang, cr=cr)
        return ahp_save(ctx, block, positions, respondent, lang, confirmed=confirmed), False, no_update

    # judgements changed and not saved: a banner on the page, and the browser asks before the page is left
    app.clientside_callback(
        """function(values, saved) {
            const trig = (window.dash_clientside.callback_context.triggered || []).map(t => t.prop_id).join(' ');
            const dirty = !trig.includes('ahp-save-msg') && trig.includes('"type":"ahp"')
                && (values || []).some(v => v !== 0);
            const stillDirty = trig.includes('ahp-save-msg')
                ? !(document.querySelector('#saved-box')) && window.__ahpDirty : (dirty || window.__ahpDirty);
            window.__ahpDirty = trig === '' ? false : stillDirty;
            if (!window.__ahpGuard) {
                window.__ahpGuard = true;
                window.addEventListener('beforeunload', e => { if (window.__ahpDirty) { e.preventDefault();
                    e.returnValue = ''; } });
            }
            return window.__ahpDirty ? {display: 'block'} : {display: 'none'};
        }""",
        Output("ahp-unsaved", "style"), Input(judged, "value"), Input("ahp-save-msg", "children"))

    @app.callback(Output("q-report", "children"), Input("q-upload", "contents"), State("q-upload", "filename"),
                  State("experts-lang", "data"), prevent_initial_call=True)
    def upload(contents: str, filename: str, lang: str) -> Any:
        return questionnaire_upload(ctx, contents, filename, lang)

    @app.callback(Output("collected", "children"), Input("experts-lang", "data"), Input("ahp-save-msg", "children"),
                  Input("q-report", "children"))
    def collected(lang: str, _saved: Any, _uploaded: Any) -> Any:
        return collected_view(ctx, lang)

    @app.callback(Output("q-download", "data"), Input("q-template", "n_clicks"), State("experts-lang", "data"),
                  prevent_initial_call=True)
    def template(_n: int, lang: str) -> Any:
        return questionnaire_download(ctx, lang)
