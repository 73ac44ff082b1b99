"""A coverage raster held in memory, for tests that need no GeoTIFF on disk."""

from pathlib import Path

import numpy as np
from affine import Affine

from werkruimte.sources.glasvezel import Dekkingsraster


def fractie_raster(waarden, transform: Affine) -> Dekkingsraster:
    """A ``Dekkingsraster`` of fractions (0..1, NaN = nodata) in RD New on ``transform``."""
    waarden = np.asarray(waarden, dtype="float64")
    return Dekkingsraster(
        path=Path("proef.tif"),
        crs_bron="EPSG:28992",
        width=waarden.shape[1],
        height=waarden.shape[0],
        nodata=None,
        schaal=1.0,
        eenheid="fractie",
        waarden=waarden,
        transform=transform,
    )
