"""The shell's callbacks (router, language, pair, page title) and the registration of every page's callbacks.

The URL is the view (:mod:`regint.web.state`): the router reads the page from the path and the language, the
pair and the page's controls from the query; switching the language or the pair rewrites the query and
rebuilds the page from it, so the controls keep their values. The pages write their controls into the query
(``Output("url", "search", allow_duplicate=True)``) without a rebuild.
"""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, html, no_update

from regint.web import pages
from regint.web.context import WebContext
from regint.web.i18n import check_lang, t
from regint.web.pages.base import pair_options
from regint.web.state import pair_key, parse, parse_pair_key, query

#: Sets the document's title and ``<html lang>`` from the shell's ``doc-meta`` store.
_DOC_META = """function(meta) {
    if (meta) { document.title = meta.title; document.documentElement.lang = meta.lang; }
    return window.dash_clientside.no_update;
}"""


def nav(active: str, lang: str, search: str) -> list[Any]:
    """The navigation links (each keeps the query: language, pair, controls), the active page marked."""
    from dash import dcc

    return [dcc.Link(t(f"nav_{key}", lang), href=f"/{key}{search}", className="active" if key == active else "",
                     id=f"nav-{key}") for key in pages.ROUTES]


def register(app: dash.Dash, ctx: WebContext, start_lang: str = "ru") -> None:
    """Attach every callback of the dashboard to ``app``."""
    _shell(app, start_lang)
    for module in pages.PAGES.values():
        module.register(app, ctx)


def view_of(pathname: str | None, search: str | None, lang: str | None, pair: str | None,
            trigger: str | None, start_lang: str) -> tuple[str, str]:
    """The page key and the query of the view to show after ``trigger`` (``lang``/``pair``: a picker changed,
    else the address): the picker's value replaces the address's."""
    state = parse(search)
    if "lang=" not in (search or "") or trigger == "lang":
        state = state.replace(lang=check_lang(lang if trigger == "lang" else (lang or start_lang)))
    chosen = parse_pair_key(pair)
    if trigger == "pair" and chosen is not None:
        state = state.replace(pair=chosen)
    return pages.route(pathname), query(state)


def _shell(app: dash.Dash, start_lang: str) -> None:
    @app.callback(Output("page", "children"), Output("nav", "children"), Output("title", "children"),
                  Output("subtitle", "children"), Output("lang-label", "children"), Output("pair-label", "children"),
                  Output("pair", "options"), Output("lang", "value"), Output("pair", "value"),
                  Output("url", "search"), Output("rendered", "data"), Output("doc-meta", "data"),
                  Input("url", "pathname"), Input("url", "search"), Input("lang", "value"), Input("pair", "value"),
                  State("rendered", "data"))
    def render(pathname: str | None, search: str | None, lang: str | None, pair: str | None,
               rendered: str | None) -> tuple[Any, ...]:
        trigger = dash.ctx.triggered_id if dash.ctx.triggered_id in ("lang", "pair") else None
        key, new_search = view_of(pathname, search, lang, pair, trigger, start_lang)
        state = parse(new_search)
        signature = f"{key}|{state.lang}|{pair_key(state.pair)}"
        search_out = new_search if new_search != (search or "") else no_update
        lang_out = state.lang if state.lang != lang else no_update
        pair_out = pair_key(state.pair) if pair_key(state.pair) != pair else no_update
        if signature == rendered:  # a page control rewrote the query: keep the page, update the links
            return (no_update, nav(key, state.lang, new_search), *([no_update] * 5), lang_out, pair_out,
                    search_out, no_update, no_update)
        lg = state.lang
        page = pages.layout(key, lg, state) if key else html.Div(t("not_found", lg), className="msg msg-warn")
        title = f"{t(f'nav_{key}', lg) if key else t('not_found', lg)} — {t('app_short', lg)}"
        return (page, nav(key, lg, new_search), t("app_title", lg), t("app_subtitle", lg), t("language", lg) + ":",
                t("pair_label", lg) + ":", pair_options(lg), lang_out, pair_out, search_out, signature,
                {"title": title, "lang": lg})

    app.clientside_callback(_DOC_META, Output("doc-meta-done", "data"), Input("doc-meta", "data"))

