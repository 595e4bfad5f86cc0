"""The Dash application: the shell (header, language switch, navigation) and the pages' callbacks.

>>> from regint.web.app import create_app
>>> app = create_app()                       # store from REGINT_STORE or the user data directory
>>> app.run(host="127.0.0.1", port=8050)     # or: regint serve

Pages are addressed by path (``/overview``, ``/indicators``, ``/index``, ``/scenarios``, ``/directions``,
``/experts``, ``/data``, ``/report``); the query string holds the rest of the view (language, pair, the page's
controls: :mod:`regint.web.state`), so a copied address reopens the same view.
"""

from __future__ import annotations

import os
from pathlib import Path

import dash
from dash import dcc, html

from regint.errors import RegintError
from regint.study.settings import DEFAULT_PAIR
from regint.web import pages, wiring
from regint.web.auth import AuthConfig
from regint.web.context import ReportBuilder, WebContext
from regint.web.i18n import check_lang, dropdown_labels, t
from regint.web.pages import experts
from regint.web.style import CSS
from regint.web.uploads import MAX_BYTES

_INDEX = """<!DOCTYPE html>
<html lang="{lang}">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
        <style>""" + CSS + """</style>
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


def create_app(store_path: str | Path | None = None, responses_dir: str | Path | None = None, *,
               index_runs: int = 200, lang: str | None = None, warm_up: bool = False,
               auth: AuthConfig | None = None, report_builder: ReportBuilder | None = None) -> dash.Dash:
    """Build the dashboard.

    Parameters
    ----------
    store_path : path or str, optional
        DuckDB file or ``postgresql://`` address (default: ``REGINT_STORE`` or the user data directory).
    responses_dir : path, optional
        Folder of the expert responses (default: ``<user data dir>/regint/responses``).
    index_runs : int
        Base sample size of the index's Monte Carlo on the index page (computed once per process).
    lang : {'ru', 'en'}, optional
        Language on arrival (default ``REGINT_LANG`` or Russian).
    warm_up : bool
        Read the panel and compute the preconditions and the index in a background thread right away.
    report_builder : callable, optional
        Renders a study's report (``regint serve`` passes the report module's); without it the report page
        says that the report is not available.
    auth : AuthConfig, optional
        Require sign-in with roles (:mod:`regint.web.auth`); ``regint serve`` does so beyond loopback.

    Returns
    -------
    dash.Dash
        Serve it with ``app.run(...)`` or any WSGI server through ``app.server``.
    """
    from regint.data.store import is_server_url

    target = None if store_path is None else str(store_path) if is_server_url(store_path) else Path(store_path)
    ctx = WebContext(store_path=target,
                     responses_dir=Path(responses_dir) if responses_dir is not None else None,
                     index_runs=index_runs, report_builder=report_builder)
    start_lang = check_lang(lang or os.environ.get("REGINT_LANG"))
    app = dash.Dash(__name__, title="regint", update_title=None,  # type: ignore[arg-type]
                    suppress_callback_exceptions=False, index_string=_INDEX.replace("{lang}", start_lang),
                    assets_folder=str(Path(__file__).parent / "_no_assets"), include_assets_files=False,
                    serve_locally=True)
    app.layout = _shell(start_lang)
    validation = html.Div([_shell(start_lang), *pages.all_pages(start_lang),
                           html.Div(experts.ahp_pairs("score", start_lang))])
    app.validation_layout = validation  # type: ignore[assignment]
    wiring.register(app, ctx, start_lang)
    _harden(app.server)
    if auth is not None:
        from regint.web.auth import install

        install(app.server, auth)
    app.regint_context = ctx  # type: ignore[attr-defined]  # for tests and benchmarks
    _scenario_baseline(ctx)
    if warm_up:
        ctx.warm_up()
    return app


def _scenario_baseline(ctx: WebContext) -> None:
    """Give the scenario runs a baseline from this app's store, computed with the panel (in the background)."""
    from regint.web import scenario_adapter as sa

    if not sa.available():
        return

    def provide(pair: tuple[str, str] | None = None) -> sa.ScenarioInputs:
        chosen = tuple(pair) if pair else DEFAULT_PAIR

        def compute() -> sa.ScenarioInputs:
            try:
                return sa.make_inputs(ctx.study(chosen))  # type: ignore[arg-type]
            except RegintError:  # no panel for the pair: the labelled fallback baseline, said on the page
                return sa.make_inputs(None)

        return ctx.cached(f"scenario_inputs:{chosen[0]}:{chosen[1]}", compute)

    # installed at once: a run that comes before the background warm-up has finished waits for the study
    # (ctx.cached computes once) instead of rendering with the fallback parameters
    sa.use_provider(provide)

    def run() -> None:
        try:
            provide(None)
        except Exception:  # noqa: BLE001 - a failure is shown by the page that asks again
            return
    import threading

    threading.Thread(target=run, name="regint-scenario-baseline", daemon=True).start()


def _shell(lang: str) -> html.Div:
    from regint.web.pages.base import pair_options
    from regint.web.state import pair_key

    return html.Div([
        dcc.Location(id="url", refresh=False),
        dcc.Store(id="rendered"),
        dcc.Store(id="doc-meta"),
        dcc.Store(id="doc-meta-done"),
        html.Header([
            html.Div([html.H1(t("app_title", lang), id="title"), html.Div(t("app_subtitle", lang), id="subtitle",
                                                                          className="sub")]),
            html.Div([
                html.Label([html.Span(t("pair_label", lang) + ":", id="pair-label"),
                            dcc.Dropdown(labels=dropdown_labels(lang), id="pair", options=pair_options(lang), value=pair_key(DEFAULT_PAIR),
                                         clearable=False, searchable=False, className="pair-picker")],
                           className="pair"),
                html.Div([html.Span(t("language", lang) + ":", id="lang-label"),
                          dcc.RadioItems(id="lang", value=lang, inline=True,
                                         options=[{"label": " RU", "value": "ru"}, {"label": " EN", "value": "en"}])],
                         className="lang"),
            ], className="top-controls"),
        ], className="top"),
        html.Nav(wiring.nav("overview", lang, ""), id="nav", className="tabs"),
        html.Main(html.Div(id="page")),
    ])


def _harden(server: object) -> None:
    """Cap request bodies (an upload is base64, a third larger) and send defensive headers."""
    server.config["MAX_CONTENT_LENGTH"] = 3 * MAX_BYTES  # type: ignore[attr-defined]

    @server.after_request  # type: ignore[attr-defined]
    def headers(response):  # type: ignore[no-untyped-def]
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response
