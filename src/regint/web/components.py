"""Small building blocks of the pages: tables, messages, cards, the "not available yet" panel."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from dash import html

from regint.web.i18n import t


def fmt_value(value: Any, digits: int = 4, lang: str = "en") -> str:
    """A number for a table: thousands separated by a thin space, ``digits`` significant figures below 1,000,
    a decimal comma in Russian; ``—`` for none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, int | float | np.integer | np.floating):
        x = float(value)
        if x.is_integer() and abs(x) < 1e15:
            return f"{int(x):,}".replace(",", "\u202f")
        if abs(x) >= 1000:
            return f"{x:,.0f}".replace(",", "\u202f")
        text = f"{x:.{digits}g}"
        if "e" in text:  # never scientific notation in a table: small values in fixed decimals
            text = f"{x:.{digits + 2}f}".rstrip("0").rstrip(".")
        return text.replace(".", ",").replace("-", "\u2212") if lang == "ru" else text
    return str(value)


def fmt_int(n: int, lang: str) -> str:
    """A whole number with thousands separated: "1,000" in English, "1 000" (thin space) in Russian."""
    return f"{int(n):,}".replace(",", "\u202f") if lang == "ru" else f"{int(n):,}"


def table(frame: pd.DataFrame, lang: str, *, max_rows: int = 300, columns: dict[str, str] | None = None,
          table_id: str | None = None, numeric: Sequence[str] = ()) -> html.Div:
    """A plain HTML table of ``frame`` (at most ``max_rows`` rows, with a note when cut)."""
    if frame is None or frame.empty:
        return html.Div(t("no_data", lang), className="muted")
    shown = frame.head(max_rows)
    names = columns or {}
    head = html.Thead(html.Tr([html.Th(names.get(str(c), str(c))) for c in shown.columns]))
    body = html.Tbody([
        html.Tr([html.Td(fmt_value(v, lang=lang), className="num" if (c in numeric or isinstance(v, int | float))
                         and not isinstance(v, bool) else None)
                 for c, v in zip(shown.columns, row, strict=True)])
        for row in shown.itertuples(index=False, name=None)
    ])
    parts: list[Any] = [html.Table([head, body], className="tbl", id=table_id or "")]
    if len(frame) > max_rows:
        parts.append(html.Div(t("rows_shown", lang, shown=max_rows, total=len(frame)), className="muted"))
    return html.Div(parts, className="tbl-wrap")


def message(text: str | Sequence[Any], kind: str = "info", *, msg_id: str | None = None) -> html.Div:
    """A coloured message box: ``info``, ``ok``, ``warn`` or ``error``."""
    box = html.Div(text, className=f"msg msg-{kind}")
    if msg_id:
        box.id = msg_id  # type: ignore[attr-defined]
    return box


def card(title: str, *children: Any, class_name: str = "") -> html.Section:
    """A titled section of a page."""
    return html.Section([html.H3(title), *children], className=f"card {class_name}".strip())


def unavailable(module: str, lang: str) -> html.Div:
    """The panel shown where an analysis module is not installed yet."""
    return message([html.Strong(t("not_available", lang)), html.Br(),
                    t("not_available_text", lang, module=module)], "warn")


def error_list(title: str, lines: Sequence[str], kind: str = "error") -> html.Div:
    """A message with a title and one line per problem."""
    return message([html.Strong(title), html.Ul([html.Li(x) for x in lines])], kind)
