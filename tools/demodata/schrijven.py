"""Writing the demo region: atomic files, the README and :func:`write_demo_data`."""

from __future__ import annotations

import logging
import warnings
import zipfile
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from tools.demodata.bestemmingen import _bestemmingen, _imro_gml
from tools.demodata.infrastructuur import _afritten, _glasvezel
from tools.demodata.ov import _gtfs_tables
from tools.demodata.percelen import _build_zones, _demo_percelen
from tools.demodata.planlagen import plan_lagen
from tools.demodata.regio import (
    _BRK_COLUMNS,
    _FIXED_DATE,
    _GML_PLAN,
    _RD,
    BRON,
    DEFAULT_SEED,
    _load_gemeenten,
)
from tools.demodata.werklocaties import _bedrijventerreinen, _hotspots
from werkruimte.export import atomic_file

log = logging.getLogger(__name__)

#: Source name -> path relative to ``out_dir`` of every file :func:`write_demo_data` writes.
DEMO_FILES: dict[str, str] = {
    "percelen": "kadaster/percelen.gpkg",
    "bedrijventerreinen": "bedrijventerreinen/bedrijventerreinen.gpkg",
    "bestemmingsplannen": "bestemmingsplannen/enkelbestemming.gpkg",
    "bestemmingsplan_gml": "bestemmingsplannen/NL.IMRO.0402.BPstationsgebied-VA01.gml",
    "hotspots": "hotspots/hotspots.csv",
    "gtfs": "ov/gtfs.zip",
    "glasvezel": "glasvezel/dekking.tif",
    "wegen": "wegen/afritten.gpkg",
    "readme": "README.md",
}


def _write_gpkg(gdf: gpd.GeoDataFrame, path: Path, layer: str) -> None:
    with atomic_file(path) as tmp, warnings.catch_warnings():
        # The temporary name ends in .tmp until it is moved into place.
        warnings.filterwarnings("ignore", "The filename extension should be 'gpkg'")
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": _FIXED_DATE})
        try:
            pyogrio.write_dataframe(gdf, tmp, layer=layer, driver="GPKG", use_arrow=True)
        finally:
            pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})


def _write_gpkg_layers(layers: dict[str, gpd.GeoDataFrame], path: Path) -> None:
    """Several layers into one GeoPackage, in the given order (atomic, fixed date)."""
    with atomic_file(path) as tmp, warnings.catch_warnings():
        warnings.filterwarnings("ignore", "The filename extension should be 'gpkg'")
        warnings.filterwarnings("ignore", ".*non conformant file extension")
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": _FIXED_DATE})
        try:
            for name, gdf in layers.items():
                pyogrio.write_dataframe(
                    gdf, tmp, layer=name, driver="GPKG", use_arrow=True, append=False
                )
        finally:
            pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})


def _write_text(text: str, path: Path) -> None:
    with atomic_file(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")


def _write_gtfs(tables: dict[str, pd.DataFrame], path: Path) -> None:
    with atomic_file(path) as tmp, zipfile.ZipFile(tmp, "w") as zf:
        for name, df in tables.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, df.to_csv(index=False, lineterminator="\n").encode("utf-8"))


def _write_raster(data: np.ndarray, tf: Any, path: Path, seed: int) -> None:
    import rasterio

    profile = {
        "driver": "GTiff",
        "dtype": "uint8",
        "count": 1,
        "width": data.shape[1],
        "height": data.shape[0],
        "crs": _RD,
        "transform": tf,
        "nodata": 255,
        "compress": "deflate",
        "predictor": 2,
        "tiled": True,
        "blockxsize": 256,
        "blockysize": 256,
    }
    with atomic_file(path) as tmp, rasterio.open(tmp, "w", **profile) as dst:
        dst.write(data, 1)
        dst.update_tags(
            BRON=BRON,
            FICTIEF="ja",
            EENHEID="procent (0..100), 255 = geen gegevens (buiten de regio)",
            OMSCHRIJVING="Fictieve glasvezeldekking per cel van 50 m (demoregio Gooi en "
            f"Vechtstreek, seed {seed})",
        )
        dst.set_band_description(1, "glasvezeldekking_procent")


def _readme(seed: int, stats: dict[str, Any]) -> str:
    return f"""# Demoregio Gooi en Vechtstreek (FICTIEF)

Deze map bevat de ingebouwde demoregio van werkruimte. Ze hoort bij het pakket
(`werkruimte/demo/data/`, met de configuratie `werkruimte/demo/werkruimte.toml`), zodat
`wr.load_demo()` na `pip install` overal werkt. **Alle inhoud is FICTIEF**, met één
uitzondering: de gemeentegrenzen zijn echte, gegeneraliseerde CBS-grenzen (2025).
Percelen, bedrijventerreinen, bestemmingsplannen, informele werklocaties, de
dienstregeling, de glasvezeldekking en de afritten zijn verzonnen, maar wel geschreven in
de echte formaten van de bronnen, zodat elke lader van werkruimte op de demo wordt getest.
Gebruik deze gegevens niet voor beleid of besluiten.

Kernen liggen op ongeveer hun echte plek, maar zijn verschoven waar de gegeneraliseerde
grenzen dat vragen (zo liggen Bussum en Naarden binnen de veelhoek van Gooise Meren).

## Opnieuw maken

Vanuit de hoofdmap van de repository:

```
make demo-data
# of
python -m tools.demodata --out werkruimte/demo/data --seed {seed}
```

De generator (`tools/demodata/`, geen onderdeel van het pakket) is deterministisch: met
dezelfde seed ontstaan dezelfde gegevens (GeoPackages met een vaste datum
`{_FIXED_DATE}`). Seed van deze versie: **{seed}**.

## Bestanden

- gemeentegrenzen: de 7 CBS-gemeentegrenzen 2025 (**echt**, gegeneraliseerd), EPSG:28992,
  velden `statcode` en `statnaam`. Ze staan niet in deze map maar één keer in het pakket,
  `werkruimte/data/gemeenten_gooi_vechtstreek_2025.geojson` (herkomst:
  `tests/data/HERKOMST.md`); dat bestand gebruikt werkruimte ook zonder eigen grenzen.
- `kadaster/percelen.gpkg`, laag `perceel`: {stats["percelen"]} fictieve BRK-percelen met de
  velden van PDOK kadastralekaart v5 (`identificatieLokaalID`, `kadastraleGrootteWaarde`,
  `kadastraleGemeenteWaarde`, `sectie`, `perceelnummer`, ...). Ze betegelen de hele regio
  zonder gaten of overlap; `kadastraleGrootteWaarde` wijkt bij sommige percelen tot 2 % af
  van de oppervlakte van de geometrie, zoals in werkelijkheid.
- `bedrijventerreinen/bedrijventerreinen.gpkg`, laag `bedrijventerreinen`:
  {stats["terreinen"]} fictieve bedrijventerreinen met IBIS-velden (`RIN_NUMMER`, `PLAN_NAAM`,
  `GEM_CODES`, `HA_BRUTO`, `HA_NETTO`, `HA_TOTTUIT`, `WLOC_TYPE`, `MILIEUCAT_MAX`).
- `bestemmingsplannen/enkelbestemming.gpkg`, laag `Enkelbestemming`: {stats["bestemmingen"]}
  fictieve IMRO2012-enkelbestemmingen die de hele regio dekken (`naam`,
  `bestemmingshoofdgroep`, `planidentificatie`, ...).
- `bestemmingsplannen/{_GML_PLAN}.gml`: het fictieve plan "Stationsgebied" (Hilversum) als
  IMRO2012-GML (GML 3.2), met dezelfde {stats["gml_vlakken"]} enkelbestemmingen.
- `hotspots/hotspots.csv`: {stats["hotspots"]} fictieve informele werklocaties (`naam`,
  `type`, `x` en `y` in RD, `gemeente`, `oppervlakte_m2`, `leegstand_m2`, `grootteklasse`,
  `doelgroep`).
- `ov/gtfs.zip`: fictieve GTFS-dienstregeling 2026 met {stats["routes"]} lijnen (trein en
  bus), {stats["haltes"]} haltes en {stats["ritten"]} ritten; werkdagen en weekend,
  feestdagen als uitzondering.
- `glasvezel/dekking.tif`: fictieve glasvezeldekking in cellen van 50 m, **uint8 in procent
  (0..100)**, 255 = geen gegevens (buiten de regio), EPSG:28992.
- `wegen/afritten.gpkg`, laag `afritten`: fictief geplaatste afritten en knooppunten van de
  A1 en de A27 (`naam`, `weg`, `nummer`, `soort`).

Bewust ingebouwde zwakke plekken (zoals het Werkplan ze noemt): Eemnes en delen van
Wijdemeren hebben weinig openbaar vervoer, en enkele oudere terreinen (Zuidoost,
Loosdrecht Bedrijven, Zuidersingel, Industrieweg) hebben een lage glasvezeldekking.

Alle records dragen `bron` = "{BRON}".
"""


def write_demo_data(out_dir: Path, *, seed: int = DEFAULT_SEED) -> dict[str, Path]:
    """Write the fictitious demo region (real CBS boundaries) below ``out_dir``.

    Parameters
    ----------
    out_dir
        Target folder (created when missing). Existing demo files are replaced
        atomically; other files are left alone.
    seed
        Seed of all random choices; the same seed gives the same data.

    Returns
    -------
    dict of str to Path
        Source name (``percelen``, ``bedrijventerreinen``, ``bestemmingsplannen``,
        ``bestemmingsplan_gml``, ``hotspots``, ``gtfs``, ``glasvezel``, ``wegen``,
        ``readme``) to the file written. The CBS boundaries are not copied: the demo
        config points at the package's own ``werkruimte/data`` file.
    """
    out = Path(out_dir)
    paths = {name: out / rel for name, rel in DEMO_FILES.items()}
    gem = _load_gemeenten()
    log.info("demoregio: zones opbouwen")
    zones = _build_zones(gem, seed)
    log.info("demoregio: percelen maken")
    percelen = _demo_percelen(zones, seed)
    _write_gpkg(percelen[[*_BRK_COLUMNS, "geometry"]], paths["percelen"], "perceel")
    terreinen = _bedrijventerreinen(zones, seed)
    _write_gpkg(terreinen, paths["bedrijventerreinen"], "bedrijventerreinen")
    log.info("demoregio: bestemmingsplannen")
    bestemmingen = _bestemmingen(zones, seed)
    # issue 15: the other IMRO layers as extra layers (own RNG stream "planlagen").
    lagen = {"Enkelbestemming": bestemmingen, **plan_lagen(bestemmingen, seed)}
    _write_gpkg_layers(lagen, paths["bestemmingsplannen"])
    _write_text(_imro_gml(bestemmingen, seed), paths["bestemmingsplan_gml"])
    hotspots = _hotspots(gem, seed)
    with atomic_file(paths["hotspots"]) as tmp:
        hotspots.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
    log.info("demoregio: dienstregeling")
    bebouwd = shapely.union_all(
        zones.geometry[
            zones["zone"].isin(
                ["centrum", "station", "wonen", "villa", "maatschappelijk", "sport", "terrein"]
            )
        ].to_numpy()
    ).buffer(100.0)
    gtfs = _gtfs_tables(bebouwd, seed)
    _write_gtfs(gtfs, paths["gtfs"])
    log.info("demoregio: glasvezelraster")
    data, tf = _glasvezel(zones, gem, seed)
    _write_raster(data, tf, paths["glasvezel"], seed)
    _write_gpkg(_afritten(), paths["wegen"], "afritten")
    stats = {
        "percelen": len(percelen),
        "terreinen": len(terreinen),
        "bestemmingen": len(bestemmingen),
        "gml_vlakken": int((bestemmingen["planidentificatie"] == _GML_PLAN).sum()),
        "hotspots": len(hotspots),
        "routes": len(gtfs["routes.txt"]),
        "haltes": len(gtfs["stops.txt"]),
        "ritten": len(gtfs["trips.txt"]),
    }
    _write_text(_readme(seed, stats), paths["readme"])
    return paths
