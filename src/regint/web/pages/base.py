"""What the pages share: the page frame, spinners, graphs, readable names and small frame helpers."""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import dcc, html

from regint.errors import RegintError
from regint.study.settings import DEFAULT_PAIR
from regint.web import components as ui
from regint.web import figures
from regint.web.i18n import LABELS, check_lang, t
from regint.web.state import PAIRS, ViewState, pair_key, parse_pair_key

_ANNUAL = r"\d{4}"


def page(name: str, lang: str, state: ViewState, *children: Any) -> html.Div:
    """A page: its language and pair in stores ``<name>-lang`` and ``<name>-pair`` (the callbacks' inputs)."""
    return html.Div([dcc.Store(id=f"{name}-lang", data=check_lang(lang)),
                     dcc.Store(id=f"{name}-pair", data=pair_key(state.pair)), *children], id=f"page-{name}",
                    className="page")


def pair_options(lang: str) -> list[dict[str, str]]:
    """The pair picker's options: readable names ("Смоленская область — Витебская область"), codes as values."""
    return [{"label": pair_name(p, lang), "value": pair_key(p)} for p in PAIRS]


def pair_name(pair: tuple[str, str] | str, lang: str) -> str:
    """"Smolensk oblast — Vitebsk oblast" for ``("RU-SMO", "BY-VI")`` or ``"RU-SMO:BY-VI"``."""
    a, b = pair.split(":", 1) if isinstance(pair, str) else pair
    return f"{region_label(a, lang)} — {region_label(b, lang)}"


def pair_of(key: str | None) -> tuple[str, str]:
    """The pair of a page's pair store (the default pair for a missing or unknown one)."""
    return parse_pair_key(key) or DEFAULT_PAIR


def loading(child: Any) -> dcc.Loading:
    """A spinner over ``child`` while its callback runs (shown after 300 ms)."""
    return dcc.Loading(child, type="dot", delay_show=300)


def graph(graph_id: str, height: int = 380) -> dcc.Loading:
    return loading(dcc.Graph(id=graph_id, config=figures.GRAPH_CONFIG, style={"minHeight": f"{height}px"}))


_SCALE_PREFIX = r"^\s*(thous\.?|тыс\.?|mln\.?|млн\.?|bln\.?|млрд\.?)\s*"



def region_label(code: str, lang: str) -> str:
    """The region's name in ``lang`` from the catalog."""
    from regint.data.catalogs import region_name

    try:
        return region_name(code, check_lang(lang))
    except RegintError:
        return code


def indicator_label(code: str, lang: str) -> str:
    """The indicator's name in ``lang`` from the catalog (never its code, unless the catalog lacks it)."""
    from regint.data.catalogs import indicator_info

    try:
        name = str(indicator_info(code)[f"name_{check_lang(lang)}"])
    except RegintError:
        return code
    return name or code


def annual(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["period"].astype(str).str.fullmatch(_ANNUAL)]


def common_units(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows whose units differ only by a scale word ("thous. persons", "persons") brought to the base unit.

    The factor is :func:`regint.index.pairs.unit_multiplier`; units that differ otherwise are left alone.
    """
    if frame.empty or frame["unit"].nunique() < 2:
        return frame
    from regint.index.pairs import unit_multiplier

    base = frame["unit"].astype(str).str.replace(_SCALE_PREFIX, "", regex=True).str.strip()
    if base.nunique() != 1:
        return frame
    factor = frame["unit"].astype(str).map(unit_multiplier)
    return frame.assign(value=frame["value"] * factor, unit=base)


def fit_map(fig: Any, height: int) -> Any:
    """A map of :mod:`regint.maps` resized to its card (the module draws it 900 px wide)."""
    fig.update_layout(width=None, autosize=True, height=height)
    return fig


def failure(exc: Exception, where: str, lang: str) -> html.Div:
    """An unexpected error of an analysis module, logged with its traceback and shown on the page."""
    import logging

    logging.getLogger("regint.web").exception("%s failed", where)
    return ui.message(f"{t('error', lang)} ({where}): {type(exc).__name__}: {exc}", "error")


def wide(frame: pd.DataFrame) -> pd.DataFrame:
    table = frame.pivot_table(index="region", columns="period", values="value", aggfunc="first")
    table.columns = [int(c) for c in table.columns]
    return table


def relabel(text: str, filename: str | None) -> str:
    """Name the user's file instead of the generated temporary one in an error message."""
    import re

    from regint.web.uploads import display_name

    return re.sub(r"upload-[0-9a-f]{24}(\.\w+)?", display_name(filename), text)


def source_line(ids: Any, lang: str) -> str:
    """"Source: Rosstat; Belstat" from source ids (names from the source catalog; an unknown id as itself)."""
    from regint.data.catalogs import sources

    wanted = [str(x) for x in dict.fromkeys(ids) if str(x) and str(x) != "nan"]
    if not wanted:
        return ""
    cat = sources().set_index("id")
    col = f"name_{check_lang(lang)}"
    names = [str(cat.at[i, col]) if i in cat.index else i for i in wanted]
    return t("source_line", lang, sources="; ".join(dict.fromkeys(names)))


def year_span(frame: pd.DataFrame) -> tuple[int, int] | None:
    """First and last year of a frame's annual ``period`` (``None`` when empty)."""
    if frame.empty:
        return None
    years = frame["period"].astype(int)
    return int(years.min()), int(years.max())


def freshness(latest: dict[str, int | None], lang: str) -> html.Div:
    """Badges with each region's latest year with data ("Смоленская область: по 2024 г.")."""
    badges = [html.Span(t("fresh_badge", lang, region=region_label(r, lang), year=y) if y else
                        t("fresh_none", lang, region=region_label(r, lang)), className="badge")
              for r, y in latest.items()]
    return html.Div(badges, className="badges", id="freshness")


def status_label(status: str, lang: str) -> str:
    """A data status (official, secondary, derived, estimate) in words of ``lang``."""
    return t(f"status_{status}", lang) if f"status_{status}" in LABELS else status
