"""The maps of the report (section 1).
"""

from __future__ import annotations

from regint.report import charts as C
from regint.report import i18n
from regint.report.collect import Results
from regint.report.freshness import is_dated
from regint.report.sections.common import Section, today_of, tr


def maps(res: Results, lang: str, sec: Section) -> None:
    mb = res.maps.value
    if mb is None:
        sec.add_missing(tr(lang, "Карты", "Maps"), res.maps)
        return
    mpl, ply = mb.locator[lang]
    sec.figures["locator"] = C.Figure("locator", tr(lang, "Смоленская и Витебская области на карте", "Smolensk and Vitebsk on the map"),
                                      C.figure_svg(mpl, "locator"), C.plotly_div(ply, "locator"),
                                      tr(lang, "Границы: Natural Earth (общественное достояние); связи схематичны.",
                                         "Boundaries: Natural Earth (public domain); links are schematic."))
    if mb.choropleth:
        mpl, ply = mb.choropleth[lang]
        sec.figures["choropleth"] = C.Figure(
            "choropleth", tr(lang, f"Среднемесячная зарплата в долларах США, {mb.year} г.",
                             f"Average monthly wage in US dollars, {mb.year}")
            + (" " + i18n.label("dated", lang) if is_dated(int(mb.year), today_of(res)) else ""),
            C.figure_svg(mpl, "choropleth"), C.plotly_div(ply, "choropleth"),
            tr(lang, "Росстат, Белстат; пересчёт по официальным курсам. Штриховка — нет данных.",
               "Rosstat, Belstat; converted at official rates. Hatched: no data."))
    for n in mb.notes:
        sec.missing.append((tr(lang, "Картограмма", "Choropleth"), n))
