"""Size of a parcel and its size class (Werkplan: groot 1500-2500 m², midden 400-1500 m²).

:func:`oppervlakte` gives the area in m² that every other step uses: the registered
BRK area (``kadastrale_grootte_m2``) where it is known, else the area of the geometry.
:func:`grootteklasse` puts every parcel in exactly one class: ``groot``, ``midden`` or
``overig``.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from werkruimte.config import default_config
from werkruimte.errors import ConfigError
from werkruimte.sources._common import to_number

__all__ = ["GROOTTEKLASSEN", "grootteklasse", "oppervlakte"]

#: The size classes, in the order legends list them.
GROOTTEKLASSEN = ("groot", "midden", "overig")


def oppervlakte(percelen: gpd.GeoDataFrame) -> pd.Series:
    """Area of each parcel in m²: registered where known, else the geometry's area.

    Parameters
    ----------
    percelen
        Parcels in EPSG:28992, optionally with ``kadastrale_grootte_m2`` (the BRK
        ``kadastraleGrootteWaarde``).

    Returns
    -------
    pandas.Series
        ``oppervlakte_m2`` (float64), aligned to ``percelen.index``. The registered
        area wins when it is a number above 0; otherwise (missing, NaN, 0 or negative)
        the planar area of the geometry is used (0 for a missing geometry).

    Raises
    ------
    InputError
        When ``kadastrale_grootte_m2`` holds text that is not a number (names the row).
    """
    geom_area = percelen.geometry.area.to_numpy(dtype="float64", na_value=0.0)
    geom_area = np.nan_to_num(geom_area, nan=0.0)
    if "kadastrale_grootte_m2" in percelen.columns:
        registered = to_number(
            percelen["kadastrale_grootte_m2"], column="kadastrale_grootte_m2", layer="percelen"
        ).to_numpy(dtype="float64", na_value=np.nan)
        use = np.isfinite(registered) & (registered > 0)
        area = np.where(use, registered, geom_area)
    else:
        area = geom_area
    return pd.Series(area, index=percelen.index, name="oppervlakte_m2", dtype="float64")


def grootteklasse(
    oppervlakte: pd.Series,
    *,
    groot_min: float | None = None,
    groot_max: float | None = None,
    midden_min: float | None = None,
    midden_max: float | None = None,
) -> pd.Series:
    """Size class of each parcel: ``groot``, ``midden`` or ``overig``.

    ``groot`` when ``groot_min <= m² <= groot_max``; ``midden`` when
    ``midden_min <= m² < midden_max``; everything else (also a missing area) is
    ``overig``. Because the bounds must satisfy
    ``midden_min < midden_max <= groot_min < groot_max`` the classes never overlap, so
    every parcel is in exactly one.

    Parameters
    ----------
    oppervlakte
        Areas in m² (see :func:`oppervlakte`).
    groot_min, groot_max
        Inclusive bounds of ``groot`` (``criteria.grootte``).
    midden_min, midden_max
        Bounds of the middensegment: lower inclusive, upper exclusive.

    A bound that is not given takes its value from ``[criteria.grootte]`` in
    ``standaard.toml`` (1500, 2500, 400 and 1500 m²).

    Returns
    -------
    pandas.Series
        ``grootteklasse`` (string dtype), aligned to the input's index.

    Raises
    ------
    ConfigError
        When the bounds are not numbers in the order above (key ``criteria.grootte``).
    """
    given = {
        "midden_min": midden_min,
        "midden_max": midden_max,
        "groot_min": groot_min,
        "groot_max": groot_max,
    }
    standaard = default_config().criteria["grootte"]
    bounds = {k: standaard[k] if v is None else v for k, v in given.items()}
    bad = [k for k, v in bounds.items() if not np.isfinite(float(v))]
    if bad:
        raise ConfigError(
            f"grens {', '.join(bad)} is geen eindig getal.",
            key="criteria.grootte",
            hint="geef elke grens in m², bijvoorbeeld groot_min = 1500.0.",
        )
    midden_min, midden_max, groot_min, groot_max = (
        float(bounds[k]) for k in ("midden_min", "midden_max", "groot_min", "groot_max")
    )
    if not (midden_min < midden_max <= groot_min < groot_max):
        raise ConfigError(
            "de grenzen van de grootteklassen moeten oplopen: midden_min < midden_max <= "
            f"groot_min < groot_max; gevonden: midden_min={midden_min:g}, "
            f"midden_max={midden_max:g}, groot_min={groot_min:g}, groot_max={groot_max:g}.",
            key="criteria.grootte",
            hint="bijvoorbeeld midden_min = 400.0, midden_max = 1500.0, groot_min = 1500.0, "
            "groot_max = 2500.0.",
        )
    m2 = pd.to_numeric(oppervlakte, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(invalid="ignore"):
        groot = (m2 >= groot_min) & (m2 <= groot_max)
        midden = (m2 >= midden_min) & (m2 < midden_max)
    klasse = np.where(groot, "groot", np.where(midden, "midden", "overig"))
    return pd.Series(klasse, index=oppervlakte.index, name="grootteklasse", dtype="string")
