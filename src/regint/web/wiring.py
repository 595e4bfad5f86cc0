"""The shell's callbacks (language, router, navigation) and the registration of every page's callbacks."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

import dash
from dash import Input, Output, State, html, no_update

from regint.web import pages
from regint.web.context import WebContext
from regint.web.i18n import LANGS, check_lang, t


def nav(active: str, lang: str) -> list[Any]:
    """The navigation links, the active page marked."""
    from dash import dcc

    return [dcc.Link(t(f"nav_{key}", lang), href=f"/{key}", className="active" if key == active else "",
                     id=f"nav-{key}") for key in pages.ROUTES]


def register(app: dash.Dash, ctx: WebContext) -> None:
    """Attach every callback of the dashboard to ``app``."""
    _shell(app)
    for module in pages.PAGES.values():
        module.register(app, ctx)


def _shell(app: dash.Dash) -> None:
    @app.callback(Output("lang", "value"), Input("url", "search"), State("lang", "value"))
    def lang_from_url(search: str | None, current: str | None) -> Any:
        wanted = parse_qs((search or "").lstrip("?")).get("lang", [None])[0]
        return wanted if wanted in LANGS and wanted != current else no_update

    @app.callback(Output("page", "children"), Output("nav", "children"), Output("title", "children"),
                  Output("subtitle", "children"), Output("lang-label", "children"), Input("url", "pathname"),
                  Input("lang", "value"))
    def render(pathname: str | None, lang: str | None) -> tuple[Any, Any, str, str, str]:
        lang = check_lang(lang)
        key = pages.route(pathname)
        page = pages.layout(key, lang) if key else html.Div(t("not_found", lang), className="msg msg-warn")
        return page, nav(key, lang), t("app_title", lang), t("app_subtitle", lang), t("language", lang) + ":"
