"""Generator of the embedded demo region: real CBS boundaries, fictitious content.

This is a developer tool of the repository, not part of the installed package. It
writes the demo region that ships as package data in ``werkruimte/demo/data``::

    make demo-data
    python -m tools.demodata --out werkruimte/demo/data --seed 20261123

The demo region is regio Gooi en Vechtstreek with its seven real (generalised) CBS
gemeentegrenzen. Everything inside them is made up but plausible, and written in the
real sources' own formats so that every loader is exercised on the demo:

================================================  =====================================
file (below ``out_dir``)                          format
================================================  =====================================
``kadaster/percelen.gpkg`` (layer ``perceel``)     BRK kadastralekaart v5, flat fields
``bedrijventerreinen/bedrijventerreinen.gpkg``     IBIS (layer ``bedrijventerreinen``)
``bestemmingsplannen/enkelbestemming.gpkg``        IMRO2012 Enkelbestemming (GeoPackage)
``bestemmingsplannen/NL.IMRO.0402.BPstations...``  IMRO2012 GML 3.2 extract of one plan
``hotspots/hotspots.csv``                          informal werklocaties (RD x, y)
``ov/gtfs.zip``                                    GTFS feed (rail + bus)
``glasvezel/dekking.tif``                          GeoTIFF, uint8 percent, nodata 255
``wegen/afritten.gpkg`` (layer ``afritten``)       motorway junctions (points)
``README.md``                                      Dutch description
================================================  =====================================

The CBS boundaries are not copied: the demo config points at the package's own
``werkruimte/data/gemeenten_gooi_vechtstreek_2025.geojson``, which the generator also
reads. Everything is deterministic for a fixed seed (GeoPackages are written with a
fixed ``OGR_CURRENT_DATE``).

Modules: ``regio`` (constants, the fictitious geography, helpers), ``percelen`` (zones
and parcels), ``bestemmingen`` (IMRO2012), ``werklocaties`` (IBIS terrains, hotspots),
``ov`` (GTFS), ``infrastructuur`` (glasvezel raster, afritten), ``schrijven`` (files,
README, :func:`write_demo_data`). ``synthetic_percelen`` for benchmarks lives in
``benchmarks/synthetic.py``.
"""

from tools.demodata.regio import BRON, DEFAULT_SEED
from tools.demodata.schrijven import DEMO_FILES, write_demo_data

__all__ = ["BRON", "DEFAULT_SEED", "DEMO_FILES", "write_demo_data"]
