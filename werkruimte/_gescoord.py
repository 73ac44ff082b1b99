"""One check for the scored parcels that every step after scoring receives."""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd

from werkruimte.errors import InputError

__all__ = ["HINT_SCORE", "check_gescoord"]

HINT_SCORE = "geef de uitvoer van werkruimte.score(regio) door, niet regio.percelen."


def check_gescoord(percelen: object, kolommen: Sequence[str], *, doel: str) -> gpd.GeoDataFrame:
    """Check that ``percelen`` is a scored GeoDataFrame with ``kolommen``.

    Parameters
    ----------
    percelen
        What the caller was given.
    kolommen
        The columns the caller needs.
    doel
        What the caller does with them, in Dutch ("de kansenkaart tekenen"), for the
        message.

    Returns
    -------
    geopandas.GeoDataFrame
        ``percelen`` itself, unchanged.

    Raises
    ------
    InputError
        Naming the first missing column, the columns found and the fix.
    """
    if not isinstance(percelen, gpd.GeoDataFrame):
        raise InputError(
            f"verwacht een GeoDataFrame met gescoorde percelen om {doel}, gevonden: "
            f"{type(percelen).__name__}.",
            layer="percelen",
            hint=HINT_SCORE,
        )
    missing = [c for c in kolommen if c not in percelen.columns]
    if missing:
        found = [str(c) for c in percelen.columns if c != percelen.geometry.name]
        raise InputError(
            f"de gescoorde percelen missen kolom(men) {', '.join(missing)} om {doel}; "
            f"gevonden kolommen: {', '.join(found) if found else '(geen)'}.",
            layer="percelen",
            column=missing[0],
            hint=HINT_SCORE,
        )
    return percelen
