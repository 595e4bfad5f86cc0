"""Maps of the Russia–Belarus border area for the report (matplotlib, vector) and the dashboard (plotly).

No network and no tile servers: the boundaries (Natural Earth, public domain) and places ship with the package
in ``regint/maps/data`` and are drawn in a Lambert conformal conic projection in km
(:data:`~regint.maps.projection.BORDER_LCC`). Every map is built once as a :class:`~regint.maps.spec.MapSpec`
and drawn by :func:`~regint.maps.render_mpl.to_matplotlib` or :func:`~regint.maps.render_plotly.to_plotly`.

Maps (each ``*_map`` returns a matplotlib Figure, each ``*_map_plotly`` a plotly Figure; ``lang="ru" | "en"``):

* :func:`locator_map` — Smolensk and Vitebsk, the border regions, state borders, cities, the M1/E30
  crossing, schematic road and rail links;
* :func:`choropleth_map` — one indicator in one year from a long observation frame, gaps hatched;
* :func:`pairs_map` — a value and its interval per Union State border pair;
* :func:`flows_map` — links between regions as arrows whose width follows the value;
* :func:`scenario_map` — a change by region on a diverging colour map centred on zero.
"""

from regint.maps.choropleth import (
    choropleth_map,
    choropleth_map_plotly,
    choropleth_spec,
    scenario_map,
    scenario_map_plotly,
    scenario_spec,
)
from regint.maps.links import flows_map, flows_map_plotly, flows_spec, pairs_map, pairs_map_plotly, pairs_spec
from regint.maps.locator import locator_map, locator_map_plotly, locator_spec
from regint.maps.projection import BORDER_LCC, EXTENT_LONLAT, LambertConformalConic, projected_extent
from regint.maps.render_mpl import to_matplotlib
from regint.maps.spec import MapSpec

__all__ = [
    "BORDER_LCC",
    "EXTENT_LONLAT",
    "LambertConformalConic",
    "MapSpec",
    "choropleth_map",
    "choropleth_map_plotly",
    "choropleth_spec",
    "flows_map",
    "flows_map_plotly",
    "flows_spec",
    "locator_map",
    "locator_map_plotly",
    "locator_spec",
    "pairs_map",
    "pairs_map_plotly",
    "pairs_spec",
    "projected_extent",
    "scenario_map",
    "scenario_map_plotly",
    "scenario_spec",
    "to_matplotlib",
]
