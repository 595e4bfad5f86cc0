"""The pages of the dashboard, one module each with its layout, its plain functions and its callbacks.

Each page module offers ``layout(lang)`` (built from labels only, so cheap: the router builds one on each
navigation), the functions that turn values into figures and components (tested without a browser) and
``register(app, ctx)`` attaching its Dash callbacks. Each layout carries a ``dcc.Store`` ``<page>-lang``
holding its language; the page's callbacks fire when it appears.
"""

from __future__ import annotations

from types import ModuleType

from dash import html

from regint.web.pages import data, directions, experts, index, indicators, overview, report, scenarios
from regint.web.state import ViewState

#: The pages in navigation order (the URL path of each is ``/<key>``).
PAGES: dict[str, ModuleType] = {
    "overview": overview, "indicators": indicators, "index": index, "scenarios": scenarios,
    "directions": directions, "experts": experts, "data": data, "report": report,
}
ROUTES: tuple[str, ...] = tuple(PAGES)


def route(pathname: str | None) -> str:
    """The page key of a URL path (``/`` and unknown paths → ``overview`` / ``""``)."""
    key = (pathname or "/").strip("/").split("/")[0]
    if key == "":
        return "overview"
    return key if key in ROUTES else ""


def layout(key: str, lang: str, state: ViewState | None = None) -> html.Div:
    """The layout of page ``key`` in ``lang`` with the controls set from ``state`` (the URL's view)."""
    return PAGES[key].layout(lang, state or ViewState(lang=lang))  # type: ignore[no-any-return]


def all_pages(lang: str = "en") -> list[html.Div]:
    """Every page (for Dash's validation layout)."""
    return [module.layout(lang) for module in PAGES.values()]
