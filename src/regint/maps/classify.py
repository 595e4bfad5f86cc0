"""Classes and colours of choropleths: quantiles or equal intervals, sequential or diverging around zero."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from matplotlib import colormaps
from matplotlib.colors import to_hex
from numpy.typing import ArrayLike, NDArray

from regint._options import check_option
from regint.maps.i18n import Lang, auto_decimals, fmt_number

Scheme = Literal["quantiles", "equal"]
SCHEMES: tuple[str, ...] = ("quantiles", "equal")
NO_DATA_FACE = "#d9d9d9"
NO_DATA_EDGE = "#8c8c8c"
NO_DATA_HATCH = "////"


@dataclass(frozen=True)
class Classes:
    """Class breaks (``k + 1`` ascending edges), one colour per class, and legend labels."""

    breaks: NDArray[np.float64]
    colors: tuple[str, ...]
    labels: tuple[str, ...]

    def assign(self, values: ArrayLike) -> NDArray[np.int64]:
        """Class index of each value (−1 for NaN); the first class is closed on both sides, the others on
        the right: (b_{i}, b_{i+1}]."""
        v = np.asarray(values, dtype=float)
        idx = np.searchsorted(self.breaks[1:-1], v, side="left")
        return np.where(np.isnan(v), -1, idx)

    def color_of(self, values: ArrayLike) -> list[str | None]:
        """Colour of each value, ``None`` for NaN."""
        return [None if i < 0 else self.colors[i] for i in self.assign(values)]


def class_breaks(values: ArrayLike, k: int, scheme: Scheme) -> NDArray[np.float64]:
    r"""Edges of ``k`` classes of the finite ``values``.

    ``quantiles``: :math:`b_i = Q(i/k)`, so each class holds about the same number of regions; ``equal``:
    :math:`b_i = \min + i(\max-\min)/k`. Repeated edges (ties) are merged, so fewer classes may result.

    References
    ----------
    Slocum, T. A., McMaster, R. B., Kessler, F. C. and Howard, H. H. (2009). *Thematic Cartography and
    Geovisualization*, 3rd ed. Pearson, ch. 5 (data classification), pp. 67–80.
    """
    check_option("classes", scheme, SCHEMES)
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return np.array([], dtype=float)
    if scheme == "quantiles":
        edges = np.quantile(v, np.linspace(0, 1, k + 1))
    else:
        edges = np.linspace(v.min(), v.max(), k + 1)
    return np.unique(edges)


def _labels(breaks: NDArray[np.float64], lang: Lang) -> tuple[str, ...]:
    if breaks.size == 1:
        return (fmt_number(float(breaks[0]), lang),)
    step = float(np.min(np.diff(breaks)))
    dec = auto_decimals(step, significant=2)
    dec = min(dec, auto_decimals(float(np.max(np.abs(breaks))), significant=3) + 2)
    return tuple(f"{fmt_number(float(a), lang, dec)} – {fmt_number(float(b), lang, dec)}"
                 for a, b in zip(breaks[:-1], breaks[1:], strict=True))


def sequential_classes(values: ArrayLike, *, k: int = 5, scheme: Scheme = "quantiles", cmap: str = "YlGnBu",
                       lang: Lang = "en", lightest: float = 0.15) -> Classes:
    """Classes for a sequential colour map: colours from ``lightest`` to 0.95 of the map, so no class looks
    like 'no data' (raise ``lightest`` for lines and symbols on a light base map)."""
    breaks = class_breaks(values, k, scheme)
    n = max(breaks.size - 1, 1) if breaks.size else 0
    cm = colormaps[cmap]
    span = 0.95 - lightest
    colors = tuple(to_hex(cm(lightest + span * (i / (n - 1) if n > 1 else 0.5))) for i in range(n))
    return Classes(breaks, colors, _labels(breaks, lang) if breaks.size else ())


def diverging_classes(values: ArrayLike, *, k: int = 6, cmap: str = "RdBu", lang: Lang = "en") -> Classes:
    r"""``k`` (even) equal classes symmetric around zero: edges :math:`-m + 2mi/k`, :math:`m = \max|v|`, so
    zero is an edge and the colour map's midpoint (white) sits between the two central classes."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return Classes(np.array([], dtype=float), (), ())
    k = k + (k % 2)
    m = float(np.max(np.abs(v))) or 1.0
    breaks = np.linspace(-m, m, k + 1)
    cm = colormaps[cmap]
    half = k // 2
    pos = [0.5 - 0.45 * (half - i) / half for i in range(half)] + [0.5 + 0.45 * (i + 1) / half
                                                                  for i in range(half)]
    colors = tuple(to_hex(cm(p)) for p in pos)
    return Classes(breaks, colors, _labels(breaks, lang))
