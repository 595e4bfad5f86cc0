"""Lambert conformal conic projection on a sphere, in kilometres, for maps of the Russia–Belarus border area.

The default, :data:`BORDER_LCC`, has standard parallels 52° N and 58° N, latitude of origin 55° N and central
meridian 31° E (between Vitebsk and Smolensk). Between the standard parallels the scale is slightly below
true (about −0.14 % at 55° N); at 50.5° N and 60° N it is about +0.3 %, so distances read off the map of the
border area are true within half a per cent. A sphere of radius 6371.0088 km (the IUGG mean radius, the one
used for the great-circle distances shipped in ``maps/data/geography.csv``) is used: at this scale the
ellipsoidal form changes positions by far less than the 300 m simplification of the boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import ArrayLike, NDArray

EARTH_RADIUS_KM = 6371.0088
"""IUGG mean Earth radius R1 in km (Moritz 2000, Geodetic Reference System 1980)."""


def _t(phi: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.tan(np.pi / 4 + phi / 2)


@dataclass(frozen=True)
class LambertConformalConic:
    r"""Spherical Lambert conformal conic projection with two standard parallels; coordinates in km.

    Parameters
    ----------
    lat1, lat2 : float
        Standard parallels in degrees (scale is true along them).
    lat0 : float
        Latitude of origin in degrees (``y = 0`` there on the central meridian).
    lon0 : float
        Central meridian in degrees east (``x = 0`` there).
    radius : float
        Radius of the sphere in km.

    Notes
    -----
    With :math:`\varphi` the latitude and :math:`\lambda` the longitude in radians,

    .. math::

        n = \frac{\ln(\cos\varphi_1/\cos\varphi_2)}
                 {\ln\left(\tan(\pi/4+\varphi_2/2)/\tan(\pi/4+\varphi_1/2)\right)},\qquad
        F = \frac{\cos\varphi_1\,\tan^n(\pi/4+\varphi_1/2)}{n},

        \rho = \frac{R F}{\tan^n(\pi/4+\varphi/2)},\qquad \theta = n(\lambda-\lambda_0),\qquad
        x = \rho\sin\theta,\qquad y = \rho_0 - \rho\cos\theta,

    and the scale factor along meridians and parallels is :math:`k = \rho n / (R\cos\varphi)`.
    The inverse is :math:`\rho = \operatorname{sign}(n)\sqrt{x^2 + (\rho_0-y)^2}`,
    :math:`\theta = \arctan\left(x / (\rho_0 - y)\right)`,
    :math:`\varphi = 2\arctan\left((RF/\rho)^{1/n}\right) - \pi/2`, :math:`\lambda = \lambda_0 + \theta/n`.

    References
    ----------
    Snyder, J. P. (1987). *Map Projections — A Working Manual*. U.S. Geological Survey Professional Paper 1395,
    pp. 104–110 (equations 15-1 to 15-5, 14-4, 15-9 to 15-11; numerical example p. 295).
    """

    lat1: float = 52.0
    lat2: float = 58.0
    lat0: float = 55.0
    lon0: float = 31.0
    radius: float = EARTH_RADIUS_KM

    @cached_property
    def _constants(self) -> tuple[float, float, float]:
        p1, p2, p0 = np.radians([self.lat1, self.lat2, self.lat0])
        if np.isclose(p1, p2):
            n = float(np.sin(p1))
        else:
            n = float(np.log(np.cos(p1) / np.cos(p2)) / np.log(_t(p2) / _t(p1)))
        f = float(np.cos(p1) * _t(p1) ** n / n)
        rho0 = float(self.radius * f / _t(p0) ** n)
        return n, f, rho0

    def forward(self, lon: ArrayLike, lat: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Project degrees (lon, lat) to km (x, y); arrays of any equal shape."""
        n, f, rho0 = self._constants
        lam = np.radians(np.asarray(lon, dtype=float))
        phi = np.radians(np.asarray(lat, dtype=float))
        rho = self.radius * f / _t(phi) ** n
        theta = n * (lam - np.radians(self.lon0))
        return rho * np.sin(theta), rho0 - rho * np.cos(theta)

    def inverse(self, x: ArrayLike, y: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Unproject km (x, y) to degrees (lon, lat)."""
        n, f, rho0 = self._constants
        xa = np.asarray(x, dtype=float)
        dy = rho0 - np.asarray(y, dtype=float)
        rho = np.sign(n) * np.hypot(xa, dy)
        theta = np.arctan2(np.sign(n) * xa, np.sign(n) * dy)
        phi = 2 * np.arctan((self.radius * f / rho) ** (1 / n)) - np.pi / 2
        return np.degrees(theta / n) + self.lon0, np.degrees(phi)

    def scale_factor(self, lat: ArrayLike) -> NDArray[np.float64]:
        """Point scale factor k (= h, the projection is conformal) at latitude ``lat`` in degrees."""
        n, f, _ = self._constants
        phi = np.radians(np.asarray(lat, dtype=float))
        return n * f / (_t(phi) ** n * np.cos(phi))


BORDER_LCC = LambertConformalConic()
"""The projection of every regint map: standard parallels 52° and 58° N, origin 55° N 31° E, km."""

EXTENT_LONLAT: tuple[float, float, float, float] = (23.0, 40.0, 50.5, 60.0)
"""The border area (west, east, south, north) in degrees that every map shows in full."""


def projected_extent(
    lonlat: tuple[float, float, float, float] = EXTENT_LONLAT,
    projection: LambertConformalConic = BORDER_LCC,
    samples: int = 200,
) -> tuple[float, float, float, float]:
    """The smallest rectangle in projected km (xmin, xmax, ymin, ymax) that holds the lon/lat box ``lonlat``.

    The box's edges are sampled (parallels are arcs in a conic projection, so corners are not enough).
    """
    west, east, south, north = lonlat
    lons = np.linspace(west, east, samples)
    lats = np.linspace(south, north, samples)
    edge_lon = np.concatenate([lons, np.full(samples, east), lons[::-1], np.full(samples, west)])
    edge_lat = np.concatenate([np.full(samples, south), lats, np.full(samples, north), lats[::-1]])
    x, y = projection.forward(edge_lon, edge_lat)
    return float(x.min()), float(x.max()), float(y.min()), float(y.max())
