"""Maps (2) and (5): choropleths of an indicator in one year, and of a scenario's change by region.

Gaps are drawn as gaps: a region without a value is hatched grey and the legend says "no data". Values of
different units or currencies are never put on one colour scale (a :class:`~regint.errors.DataError` says
which and how to fix it).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.data.catalogs import indicator_info, region_name, unit_text
from regint.errors import CatalogError, DataError
from regint.maps import base
from regint.maps.classify import (
    NO_DATA_EDGE,
    NO_DATA_FACE,
    NO_DATA_HATCH,
    SCHEMES,
    Classes,
    Scheme,
    diverging_classes,
    sequential_classes,
)
from regint.maps.geodata import projected_regions
from regint.maps.i18n import Lang, check_lang, fmt_number, source_name, status_text, text
from regint.maps.spec import Area, LegendItem, MapSpec

if TYPE_CHECKING:
    import plotly.graph_objects as go
    from matplotlib.figure import Figure

_STATUS_ORDER = {"official": 0, "secondary": 1, "derived": 2, "estimate": 3}
PRICE_BASIS = {"current": {"en": "current prices", "ru": "текущие цены"}}


def indicator_name(code: str, lang: Lang) -> str:
    """Catalog name of an indicator, or the code when it is not catalogued."""
    try:
        return str(indicator_info(code)[f"name_{lang}"])
    except CatalogError:
        return code


def _unit_text(row: pd.Series, lang: Lang) -> str:
    unit = str(row.get("unit", "") or "")
    currency = str(row.get("currency", "") or "")
    basis = str(row.get("price_basis", "") or "")
    parts = [unit_text(unit, lang)]
    if currency and currency not in unit:
        parts.append(unit_text(currency, lang))
    if basis:
        parts.append(PRICE_BASIS.get(basis, {}).get(lang, basis))
    return ", ".join(p for p in parts if p)


def _one_per_region(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per region: the best status (official first), then the first source in alphabetical order."""
    ranked = rows.assign(_rank=rows.get("status", pd.Series("", index=rows.index)).map(_STATUS_ORDER).fillna(9))
    sort = ["region", "_rank"] + (["source"] if "source" in rows else [])
    return ranked.sort_values(sort).drop_duplicates("region").drop(columns="_rank").set_index("region")


def _check_one_unit(rows: pd.DataFrame, what: str) -> None:
    cols = [c for c in ("unit", "currency", "price_basis") if c in rows]
    if not cols:
        return
    combos = rows[cols].fillna("").astype(str).drop_duplicates()
    if len(combos) > 1:
        shown = "; ".join(" ".join(v for v in r if v) for r in combos.itertuples(index=False))
        raise DataError(f"{what}: values come in more than one unit/currency ({shown}); a choropleth needs one "
                        "scale. Fix: convert to a common unit or currency first (regint.data.harmonise), or "
                        "pass regions= of one country.")


def _hover(code: str, lang: Lang, lines: Sequence[tuple[str, str]]) -> str:
    body = "".join(f"<br>{k}: {v}" for k, v in lines if v)
    return f"<b>{region_name(code, lang)}</b> ({code}){body}"


def _row_lines(row: pd.Series | None, lang: Lang, value_key: str, unit: str,
               year: str) -> list[tuple[str, str]]:
    if row is None or not np.isfinite(row["value"]):
        return [(value_key, text("no_data", lang)), (text("year", lang), year)]
    value = fmt_number(float(row["value"]), lang) + (f" {unit}" if unit else "")
    lines = [(value_key, value)]
    if {"lower", "upper"} <= set(row.index) and np.isfinite(row["lower"]) and np.isfinite(row["upper"]):
        lines.append((text("interval", lang), f"{fmt_number(float(row['lower']), lang)} – "
                                              f"{fmt_number(float(row['upper']), lang)}"))
    lines.append((text("year", lang), year))
    if str(row.get("status", "")):
        lines.append((text("status", lang), status_text(str(row["status"]), lang)))
    if str(row.get("source", "")):
        src = str(row["source"])
        lines.append((text("source", lang).lower(), f"{source_name(src, lang)} ({src})"))
    return lines


def _areas(values: pd.DataFrame, classes: Classes, lang: Lang, value_key: str, unit: str, year: str,
           regions: Sequence[str] | None) -> list[Area]:
    """Region areas coloured by class; regions of the map without a value hatched as 'no data'."""
    considered = set(projected_regions()) if regions is None else set(regions)
    out = []
    for code, rings in projected_regions().items():
        z = 1.05 if code in base.CITY_UNITS else 1.0
        if code not in considered:
            out.append(Area(code, rings, face=base.CONTEXT_FACE, edge="#bdbdbd", width=0.4, zorder=z,
                            hover=f"<b>{region_name(code, lang)}</b>"))
            continue
        row = values.loc[code] if code in values.index else None
        hover = _hover(code, lang, _row_lines(row, lang, value_key, unit, year))
        if row is None or not np.isfinite(row["value"]):
            out.append(Area(code, rings, face=NO_DATA_FACE, edge=NO_DATA_EDGE, width=0.4, hatch=NO_DATA_HATCH,
                            hover=hover, zorder=z))
        else:
            color = classes.color_of([float(row["value"])])[0]
            out.append(Area(code, rings, face=str(color), edge=base.REGION_EDGE, width=0.5, hover=hover, zorder=z))
    return out


def _legend(classes: Classes, lang: Lang, with_gaps: bool) -> tuple[LegendItem, ...]:
    items = [LegendItem("patch", lab, col, edge="#ffffff") for lab, col in
             zip(classes.labels, classes.colors, strict=True)]
    if with_gaps:
        items.append(LegendItem("patch", text("no_data", lang), NO_DATA_FACE, edge=NO_DATA_EDGE,
                                hatch=NO_DATA_HATCH))
    items.append(base.state_border_legend(lang))
    return tuple(items)


def _sources_text(rows: pd.DataFrame, lang: Lang) -> str:
    if "source" not in rows:
        return ""
    ids = sorted({str(s) for s in rows["source"] if str(s)})
    return "; ".join(source_name(s, lang) for s in ids)


def choropleth_spec(
    frame: pd.DataFrame,
    indicator: str,
    year: int,
    *,
    lang: Lang = "en",
    classes: Scheme = "quantiles",
    k: int = 5,
    cmap: str = "YlGnBu",
    regions: Sequence[str] | None = None,
    title: str | None = None,
    example: bool = False,
) -> MapSpec:
    """The choropleth of :func:`choropleth_map` as a :class:`~regint.maps.spec.MapSpec`."""
    lang = check_lang(lang)
    check_option("classes", classes, SCHEMES)
    missing = [c for c in ("region", "indicator", "period", "value") if c not in frame]
    if missing:
        raise DataError(f"choropleth: the frame lacks column(s) {missing}. Fix: pass a long observation frame "
                        "(regint.data.api.load_panel).")
    sub = frame[frame["indicator"] == indicator]
    if sub.empty:
        have = sorted(frame["indicator"].astype(str).unique())[:12]
        raise DataError(f"choropleth: indicator {indicator!r} is not in the frame (it has {have}). "
                        "Fix: load it, e.g. load_panel(indicators=[...]).")
    in_map = set(projected_regions()) if regions is None else set(regions) & set(projected_regions())
    rows = sub[(sub["period"].astype(str) == str(year)) & sub["region"].isin(in_map)]
    rows = rows[np.isfinite(pd.to_numeric(rows["value"], errors="coerce"))]
    values = _one_per_region(rows) if len(rows) else pd.DataFrame(columns=["value"])
    _check_one_unit(values.reset_index(), f"indicator {indicator!r}, {year}")
    unit = _unit_text(values.iloc[0], lang) if len(values) else ""
    cls = sequential_classes(values["value"].to_numpy(dtype=float), k=k, scheme=classes, cmap=cmap, lang=lang)
    name = indicator_name(indicator, lang)
    areas = _areas(values, cls, lang, name, unit, str(year), regions)
    subtitle = text("example", lang) if example else ""
    if values.empty:
        years = sorted(sub["period"].astype(str).unique())
        span = f" ({years[0]}–{years[-1]})" if years else ""
        subtitle = (subtitle + " · " if subtitle else "") + text("no_year", lang) + span
    return MapSpec(
        title=title or f"{name}, {year}", subtitle=subtitle, extent=base.EXTENT, lang=lang,
        areas=tuple(base.country_areas() + areas),
        lines=tuple(base.graticule() + base.state_border_lines() + base.scale_bar(lang)[0]),
        labels=tuple(base.country_labels(lang) + base.region_labels(lang, size=5.5, color="#1a1a1a")
                     + base.scale_bar(lang)[1]),
        legend=_legend(cls, lang, any(a.hatch for a in areas)),
        legend_title=textwrap.fill(f"{name}, {unit}" if unit else name, 34),
        note=base.base_note(lang, _sources_text(values, lang)),
        meta={"indicator": indicator, "year": year, "classes": cls, "values": values},
    )


def choropleth_map(frame: pd.DataFrame, indicator: str, year: int, *, lang: Lang = "en",
                   classes: Scheme = "quantiles", k: int = 5, cmap: str = "YlGnBu",
                   regions: Sequence[str] | None = None, title: str | None = None, example: bool = False,
                   width_in: float = 10.0) -> Figure:
    """Choropleth of one indicator in one year across the Russian and Belarusian regions of the border area.

    Parameters
    ----------
    frame : DataFrame
        Long observation frame (:data:`regint.data.schema.OBS_COLUMNS`; at least region, indicator, period,
        value; unit, currency, price_basis, source and status are shown when present). Where a region has
        several rows for the year, the best status wins (official, secondary, derived, estimate), then the
        first source alphabetically.
    indicator : str
        Indicator code.
    year : int
        The annual period shown.
    lang : {"en", "ru"}
        Language of title, legend and labels.
    classes : {"quantiles", "equal"}
        Class breaks: quantiles (about equal counts) or equal intervals; see
        :func:`regint.maps.classify.class_breaks`.
    k : int
        Number of classes (fewer when values tie).
    cmap : str
        A sequential matplotlib colour map.
    regions : sequence of str, optional
        Regions that belong to the map's question (default: all Russian and Belarusian regions in view);
        the others are drawn as plain context, not as gaps.
    title : str, optional
        Replaces the default title "<indicator>, <year>".
    example : bool
        Mark the map "EXAMPLE VALUES, not data" (for illustrations with made-up numbers).
    width_in : float
        Figure width in inches.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    DataError
        When columns are missing, the indicator is absent, or the values of the year mix units or currencies.
    """
    from regint.maps.render_mpl import to_matplotlib

    return to_matplotlib(choropleth_spec(frame, indicator, year, lang=lang, classes=classes, k=k, cmap=cmap,
                                         regions=regions, title=title, example=example), width_in=width_in)


def choropleth_map_plotly(frame: pd.DataFrame, indicator: str, year: int, *, lang: Lang = "en",
                          classes: Scheme = "quantiles", k: int = 5, cmap: str = "YlGnBu",
                          regions: Sequence[str] | None = None, title: str | None = None,
                          example: bool = False) -> go.Figure:
    """:func:`choropleth_map` as a plotly figure; hovering a region shows its value, year, status and source."""
    from regint.maps.render_plotly import to_plotly

    return to_plotly(choropleth_spec(frame, indicator, year, lang=lang, classes=classes, k=k, cmap=cmap,
                                     regions=regions, title=title, example=example))


def scenario_spec(
    results: pd.DataFrame,
    *,
    lang: Lang = "en",
    label: str | None = None,
    unit: str = "",
    title: str | None = None,
    year: int | str | None = None,
    k: int = 6,
    cmap: str = "RdBu",
    regions: Sequence[str] | None = None,
) -> MapSpec:
    """The scenario map of :func:`scenario_map` as a :class:`~regint.maps.spec.MapSpec`."""
    lang = check_lang(lang)
    if not {"region", "value"} <= set(results):
        raise DataError("scenario map: the frame needs columns 'region' and 'value' (optional: lower, upper, "
                        "status, source). Fix: pass one row per region with the change.")
    rows = results[results["region"].isin(set(projected_regions()))].copy()
    rows["value"] = pd.to_numeric(rows["value"], errors="coerce")
    rows = rows[np.isfinite(rows["value"])]
    if "unit" in rows and not unit:
        _check_one_unit(rows, "scenario map")
        unit = unit_text(rows["unit"].iloc[0], lang) if len(rows) else ""
    values = rows.drop_duplicates("region").set_index("region")
    cls = diverging_classes(values["value"].to_numpy(dtype=float), k=k, cmap=cmap, lang=lang)
    name = label or text("change", lang)
    shown_year = "" if year is None else str(year)
    considered = list(regions) if regions is not None else sorted(set(values.index))
    areas = _areas(values, cls, lang, name, unit, shown_year, considered)
    return MapSpec(
        title=title or text("scenario_title", lang) + (f", {shown_year}" if shown_year else ""),
        extent=base.EXTENT, lang=lang, areas=tuple(base.country_areas() + areas),
        lines=tuple(base.graticule() + base.state_border_lines() + base.scale_bar(lang)[0]),
        labels=tuple(base.country_labels(lang) + base.region_labels(lang, considered, size=5.5, color="#1a1a1a")
                     + base.scale_bar(lang)[1]),
        legend=_legend(cls, lang, any(a.hatch for a in areas)),
        legend_title=textwrap.fill(f"{name}, {unit}" if unit else name, 34),
        note=base.base_note(lang, _sources_text(values, lang)),
        meta={"classes": cls, "values": values},
    )


def scenario_map(results: pd.DataFrame, *, lang: Lang = "en", label: str | None = None, unit: str = "",
                 title: str | None = None, year: int | str | None = None, k: int = 6, cmap: str = "RdBu",
                 regions: Sequence[str] | None = None, width_in: float = 10.0) -> Figure:
    """Scenario results by region: a choropleth of a change on a diverging colour map centred on zero.

    Parameters
    ----------
    results : DataFrame
        One row per region: ``region``, ``value`` (the change); optional ``lower``, ``upper`` (an interval,
        shown on hover), ``unit``, ``status``, ``source``.
    label, unit : str
        What the value is ("GRP, % change against baseline") and its unit, for legend and hover.
    year : int or str, optional
        The horizon shown in the title and hover.
    k : int
        Number of classes (even; equal intervals symmetric around 0, see
        :func:`regint.maps.classify.diverging_classes`).
    cmap : str
        A diverging matplotlib colour map (negative = first end).
    regions : sequence of str, optional
        Regions the scenario covers: those without a value are hatched 'no data'; default the regions of
        ``results``. Other regions are drawn as plain context.
    """
    from regint.maps.render_mpl import to_matplotlib

    return to_matplotlib(scenario_spec(results, lang=lang, label=label, unit=unit, title=title, year=year, k=k,
                                       cmap=cmap, regions=regions), width_in=width_in)


def scenario_map_plotly(results: pd.DataFrame, *, lang: Lang = "en", label: str | None = None, unit: str = "",
                        title: str | None = None, year: int | str | None = None, k: int = 6,
                        cmap: str = "RdBu", regions: Sequence[str] | None = None) -> go.Figure:
    """:func:`scenario_map` as a plotly figure."""
    from regint.maps.render_plotly import to_plotly

    return to_plotly(scenario_spec(results, lang=lang, label=label, unit=unit, title=title, year=year, k=k,
                                   cmap=cmap, regions=regions))
