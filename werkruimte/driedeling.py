"""STEC-driedeling: every werklocatie in one of three classes, by explicit rules.

Every werklocatie is classified: each formal bedrijventerrein (IBIS, ``soort``
``formeel``) and each informal hotspot (``soort`` ``informeel``). The classes and the
rules are configuration (``[criteria.driedeling]``): the werkgroep decides them, the
tool applies them the same way every run and writes down which rule decided.

This module joins two parts:

1. :func:`werkruimte.werklocaties.werklocatie_indicatoren` computes per werklocatie the
   indicators the rules can use, vectorised over all werklocaties;
2. :func:`werkruimte.regels.pas_regels_toe` walks the ordered rules (the rules
   language, the default rules and their rationale are in :mod:`werkruimte.regels`);
   the **first** rule whose conditions all hold decides ``klasse``, ``reden`` and
   ``regel``.

The tables are written by :func:`werkruimte.export.tabellen.write_tabellen`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

import geopandas as gpd

from werkruimte.regels import (
    Regel,
    klassen_uit_config,
    pas_regels_toe,
    regels_uit_config,
    valideer_regels,
)
from werkruimte.werklocaties import werklocatie_indicatoren

if TYPE_CHECKING:
    from werkruimte.regio import Regio

__all__ = ["KOLOMMEN", "driedeling"]

log = logging.getLogger(__name__)

#: Columns of the result, in order (geometry last).
KOLOMMEN = (
    "id",
    "naam",
    "soort",
    "type",
    "gemeente",
    "oppervlakte_ha",
    "milieucategorie_max",
    "ov_index",
    "ov_klasse",
    "glasvezel_dekking",
    "leegstand_pct",
    "aandeel_werk",
    "woningen_binnen_m",
    "kandidaat_ha",
    "klasse",
    "reden",
    "regel",
)


def driedeling(
    regio: Regio,
    percelen: gpd.GeoDataFrame,
    *,
    regels: Sequence[Regel] | None = None,
) -> gpd.GeoDataFrame:
    """STEC-driedeling: classify every werklocatie (terrain and hotspot) by ordered rules.

    Parameters
    ----------
    regio
        The region: ``bedrijventerreinen``, ``hotspots``, ``bestemmingsplannen``,
        optionally ``ov`` (GTFS) and ``glasvezel`` (raster); its config gives the
        classes, default class and (unless ``regels`` is given) the rules.
    percelen
        The scored parcels (output of :func:`werkruimte.scoring.score`).
    regels
        Ordered rules overriding ``criteria.driedeling.regels`` (default
        :data:`werkruimte.regels.DEFAULT_REGELS`).

    Returns
    -------
    geopandas.GeoDataFrame
        One row per werklocatie (terrains first, then hotspots), EPSG:28992, columns
        ``id``, ``naam``, ``soort``, ``type``, ``gemeente``, ``oppervlakte_ha``,
        ``milieucategorie_max``, ``ov_index``, ``ov_klasse``, ``glasvezel_dekking``,
        ``leegstand_pct``, ``aandeel_werk``, ``woningen_binnen_m``, ``kandidaat_ha``
        (see :func:`werkruimte.werklocaties.werklocatie_indicatoren`), ``klasse``,
        ``reden`` (Dutch, the deciding rule with its values), ``regel`` (rule id or
        ``"standaard"``) and the geometry (terrain polygon / hotspot point).

    Raises
    ------
    ConfigError
        For an invalid rule (``criteria.driedeling.regels[i]``) or class setting.
    InputError
        When ``percelen`` is not a scored parcel frame.

    Examples
    --------
    >>> import werkruimte as wr  # doctest: +SKIP
    >>> regio = wr.load_demo()  # doctest: +SKIP
    >>> tabel = wr.driedeling(regio, wr.score(regio))  # doctest: +SKIP
    >>> tabel.groupby("klasse").size()  # doctest: +SKIP
    """
    klassen, standaard, standaardreden = klassen_uit_config(regio.config)
    if regels is None:
        gekozen = regels_uit_config(regio.config)
    else:
        gekozen = valideer_regels(regels, klassen=klassen, path=regio.config.path)
    ind = werklocatie_indicatoren(regio, percelen)
    out = pas_regels_toe(
        ind, gekozen, klassen=klassen, standaardklasse=standaard, standaardreden=standaardreden
    )
    out = out[[*KOLOMMEN, "geometry"]]
    out.attrs["klassen"] = klassen
    counts = out["klasse"].value_counts()
    log.info("driedeling: %s", ", ".join(f"{k} {int(counts.get(k, 0))}" for k in klassen))
    return out
