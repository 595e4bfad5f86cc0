"""What the pages share: the page frame, spinners, graphs, readable names and small frame helpers."""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import dcc, html

from regint.errors import RegintError
from regint.web import components as ui
from regint.web.i18n import check_lang, t

_ANNUAL = r"\d{4}"


def page(name: str, lang: str, *children: Any) -> html.Div:
    return html.Div([dcc.Store(id=f"{name}-lang", data=check_lang(lang)), *children], id=f"page-{name}",
                    className="page")


def loading(child: Any) -> dcc.Loading:
    """A spinner over ``child`` while its callback runs (shown after 300 ms)."""
    return dcc.Loading(child, type="dot", delay_show=300)


def graph(graph_id: str, height: int = 380) -> dcc.Loading:
    return loading(dcc.Graph(id=graph_id, config={"displaylogo": False}, style={"minHeight": f"{height}px"}))


_SCALE_PREFIX = r"^\s*(thous\.?|тыс\.?|mln\.?|млн\.?|bln\.?|млрд\.?)\s*"



def region_label(code: str, lang: str) -> str:
    from regint.data.catalogs import region_name

    try:
        return region_name(code, check_lang(lang))
    except RegintError:
        return code


def indicator_label(code: str, lang: str) -> str:
    from regint.data.catalogs import indicator_info

    try:
        name = str(indicator_info(code)[f"name_{check_lang(lang)}"])
    except RegintError:
        return code
    return name if code in (name, "") else f"{name} ({code})"


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
