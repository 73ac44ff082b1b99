"""Glasvezel: area-weighted fibre coverage of each parcel from the coverage raster.

Each parcel's coverage is the mean of the cells it overlaps, weighted by the exact
fraction of each cell that the parcel covers (exactextract): a parcel covering a
quarter of a cell with 0.0 and three quarters of a cell with 1.0 gets
(0.25 · 0 + 0.75 · 1) / (0.25 + 0.75) = 0.75. Nodata cells are left out of both sums.

A parcel inside one cell takes that cell's value; a parcel over a few cells gets its
exact cell areas from :mod:`werkruimte.indicators._celaandeel` (vectorised, the same
fractions as exactextract); only large parcels and those at the raster's edge go to
exactextract. exactextract's own GeoPandas reader turns every parcel into GeoJSON
text; here the parcels are handed over as WKB and the results collected straight
into a NumPy array, which is about six times faster (100 000 parcels on an idle
2-core machine: 1.9 s instead of 12.6 s).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from exactextract import exact_extract
from exactextract._exactextract import Feature
from exactextract.feature import FeatureSource
from exactextract.raster import NumPyRasterSource
from exactextract.writer import Writer
from pyproj import CRS

from werkruimte.indicators._celaandeel import MAX_CELLEN, cel_oppervlakken, gewogen_gemiddelde
from werkruimte.indicators._raster import cel_bereik
from werkruimte.sources._common import RD_NEW, mend
from werkruimte.sources.glasvezel import Dekkingsraster

__all__ = ["glasvezel_dekking"]

log = logging.getLogger(__name__)

NAME = "glasvezel_dekking"
#: Parcels handed to exactextract per call (bounds its memory use).
_FEATURES_PER_CALL = 50_000


def glasvezel_dekking(percelen: gpd.GeoDataFrame, raster: Dekkingsraster | None) -> pd.Series:
    """Area-weighted mean glasvezel coverage (0..1) of each parcel.

    Parameters
    ----------
    percelen
        Parcels (polygons) in EPSG:28992; another CRS is reprojected with a warning.
    raster
        The coverage raster from :func:`werkruimte.sources.glasvezel.load_glasvezel`,
        or None when no raster was given.

    Returns
    -------
    pandas.Series
        ``glasvezel_dekking`` (float64, 0..1) aligned to ``percelen.index``: the mean
        of the cells under the parcel, each weighted by the exact share of the cell
        the parcel covers; nodata cells excluded. NaN (unknown, not 0) for parcels
        entirely outside the raster or only on nodata cells, for parcels without
        polygon geometry, and for all parcels when ``raster`` is None.
    """
    out = np.full(len(percelen), np.nan)
    if raster is None or len(percelen) == 0:
        return pd.Series(out, index=percelen.index, name=NAME, dtype="float64")
    geoms = percelen.geometry.to_numpy()
    if percelen.crs is not None and not CRS.from_user_input(percelen.crs).equals(
        RD_NEW, ignore_axis_order=True
    ):
        mend(
            f"{NAME}: {len(percelen)} percelen voor de glasvezeldekking omgezet van "
            f"{CRS.from_user_input(percelen.crs).to_string()} naar RD New (EPSG:28992)."
        )
        geoms = percelen.geometry.to_crs(RD_NEW).to_numpy()
    xmin, ymin, xmax, ymax = raster.bounds
    types = shapely.get_type_id(geoms)
    usable = np.isin(types, (3, 6)) & ~shapely.is_empty(geoms)
    invalid = usable & ~shapely.is_valid(geoms)
    if invalid.any():
        # exactextract fails ("Never get here.") or even crashes on self-intersecting
        # or collapsed rings. The loaders repair parcels already; this guards callers
        # that pass their own. Collapsed parts (no area) are dropped: dekking NaN.
        geoms = geoms.copy()
        geoms[invalid] = shapely.make_valid(
            geoms[invalid], method="structure", keep_collapsed=False
        )
        usable &= np.isin(shapely.get_type_id(geoms), (3, 6)) & ~shapely.is_empty(geoms)
        mend(
            f"{NAME}: {int(invalid.sum())} ongeldige perceelgeometrieën voor de dekking "
            "hersteld (make_valid)."
        )
    b = shapely.bounds(geoms)
    overlaps = (b[:, 0] < xmax) & (b[:, 2] > xmin) & (b[:, 1] < ymax) & (b[:, 3] > ymin)
    use = np.flatnonzero(usable & overlaps)
    if len(use):
        # A parcel inside one cell has that cell's value (exactextract gives the same:
        # one weight); only the others need the exact cell fractions.
        bereik = cel_bereik(raster, geoms[use])
        een = bereik.binnen & (bereik.cellen() == 1)
        waarden = np.asarray(raster.waarden)
        out[use[een]] = waarden[bereik.r0[een], bereik.c0[een]].astype("float64") * raster.schaal
        # Parcels over a few cells: the exact cell areas vectorised (_celaandeel);
        # exactextract only for large parcels and those at the raster's edge.
        klein = ~een & bereik.binnen & (bereik.cellen() <= MAX_CELLEN)
        if klein.any():
            out[use[klein]] = _cel_means(raster, geoms[use[klein]]) * raster.schaal
        rest = use[~een & ~klein]
        if len(rest):
            out[rest] = _exact_means(raster, geoms[rest]) * raster.schaal
    log.info(
        "glasvezeldekking: %d van %d percelen met dekking.",
        int(np.count_nonzero(~np.isnan(out))),
        len(out),
    )
    return pd.Series(out, index=percelen.index, name=NAME, dtype="float64")


def _cel_means(raster: Dekkingsraster, geoms: np.ndarray) -> np.ndarray:
    """:func:`_exact_means` for parcels over a few cells, without exactextract.

    exactextract keeps each cell's coverage fraction as a 32-bit float; the same
    rounding here keeps the answers equal to its own (to about 1e-10).
    """
    t = raster.transform
    pos, row, col, area = cel_oppervlakken(geoms, cel_bereik(raster, geoms), t)
    fraction = (area / abs(t.a * t.e)).astype(np.float32).astype(np.float64)
    waarde = np.asarray(raster.waarden, dtype="float64")[row, col]
    return gewogen_gemiddelde(pos, fraction, waarde, len(geoms))


def _exact_means(raster: Dekkingsraster, geoms: np.ndarray) -> np.ndarray:
    """Coverage-weighted mean of the raster under each polygon (NaN when none)."""
    xmin, ymin, xmax, ymax = raster.bounds
    source = NumPyRasterSource(raster.waarden, xmin, ymin, xmax, ymax, nodata=None, srs_wkt=None)
    values = np.full(len(geoms), np.nan)
    # "raster-sequential" reads the in-memory raster once per call instead of one
    # window per parcel (about 35 % faster, same values); it holds the call's
    # features in memory, hence the chunks.
    for start in range(0, len(geoms), _FEATURES_PER_CALL):
        part = geoms[start : start + _FEATURES_PER_CALL]
        writer = _ArrayWriter(len(part))
        exact_extract(
            source,
            _WkbSource(part),
            "mean",
            include_cols=["i"],
            output=writer,
            strategy="raster-sequential",
        )
        values[start : start + len(part)] = writer.values
    return values


class _WkbFeature(Feature):  # type: ignore[misc]
    """A minimal exactextract feature: WKB geometry and a position ``i``."""

    def __init__(self, wkb: bytes | None = None, i: int | None = None) -> None:
        Feature.__init__(self)
        self.wkb = wkb
        self.props: dict[str, Any] = {} if i is None else {"i": i}

    def geometry(self) -> bytes | None:
        return self.wkb

    def set_geometry(self, wkb: bytes | None) -> None:
        self.wkb = wkb

    def set_geometry_format(self) -> str:
        return "wkb"

    def get(self, name: str) -> Any:
        return self.props[name]

    def set(self, name: str, value: Any) -> None:
        self.props[name] = value

    def fields(self) -> list[str]:
        return list(self.props)


class _WkbSource(FeatureSource):  # type: ignore[misc]
    """Feeds polygons to exactextract as WKB, without GeoJSON round trips."""

    def __init__(self, geoms: np.ndarray) -> None:
        super().__init__()
        self.wkbs = shapely.to_wkb(geoms)

    def count(self) -> int:
        return len(self.wkbs)

    def __iter__(self) -> Iterator[_WkbFeature]:
        for i, wkb in enumerate(self.wkbs):
            yield _WkbFeature(wkb, i)

    def srs_wkt(self) -> None:
        # Parcels and raster are both in RD New already.
        return None


class _ArrayWriter(Writer):  # type: ignore[misc]
    """Collects the ``mean`` of each feature into a float64 array by position."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.values = np.full(n, np.nan)
        self._scratch = _WkbFeature()  # reused: one Python object, not one per parcel

    def add_operation(self, op: Any) -> None:
        pass

    def add_column(self, col_name: str) -> None:
        pass

    def add_geometry(self) -> None:
        pass

    def write(self, feature: Any) -> None:
        f = self._scratch
        f.props.clear()
        feature.copy_to(f)
        value = f.props.get("mean")
        if value is not None:
            self.values[f.props["i"]] = value

    def finish(self) -> None:
        pass

    def features(self) -> np.ndarray:
        return self.values
