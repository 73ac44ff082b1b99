"""Generator of the embedded demo region: real CBS boundaries, fictitious content.

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
``gemeenten.geojson``                              CBS boundaries (a copy, real)
``README.md``                                      Dutch description
================================================  =====================================

Everything is deterministic for a fixed seed (GeoPackages are written with a fixed
``OGR_CURRENT_DATE``). :func:`synthetic_percelen` makes any number of BRK-style
parcels fast, for benchmarks.
"""

from __future__ import annotations

import logging
import math
import os
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

__all__ = [
    "BRON",
    "DEFAULT_SEED",
    "DEMO_FILES",
    "synthetic_percelen",
    "write_demo_data",
]

log = logging.getLogger(__name__)

#: The default seed of the committed demo region.
DEFAULT_SEED = 20261123
#: Provenance text written into every fictitious record.
BRON = "fictief - werkruimte demoregio"
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
    "gemeenten": "gemeenten.geojson",
    "readme": "README.md",
}

_RD = "EPSG:28992"
_GRID = 0.01  # coordinates are rounded to cm
_FIXED_DATE = "2026-01-01T00:00:00Z"
_GML_PLAN = "NL.IMRO.0402.BPstationsgebied-VA01"
_BRK_COLUMNS = [
    "identificatieNamespace",
    "identificatieLokaalID",
    "beginGeldigheid",
    "kadastraleGemeenteCode",
    "kadastraleGemeenteWaarde",
    "sectie",
    "perceelnummer",
    "kadastraleGrootteWaarde",
    "soortGrootteWaarde",
    "bron",
]


# --------------------------------------------------------------------------------------
# The fictitious region: kernen, terrains, stations, roads (RD New metres)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Kern:
    naam: str
    gm: str  # CBS statcode of the gemeente
    kg: str  # kadastrale gemeente
    x: float
    y: float
    r_centrum: float
    r_wonen: float
    r_villa: float
    rek: float = 1.0  # elongation of the built-up blob
    hoek: float = 0.0  # orientation of the elongation, degrees


# Positions follow the real kernen, moved where the generalised CBS polygons need it
# (e.g. Bussum and Naarden lie inside the generalised Gooise Meren polygon).
_KERNEN: tuple[_Kern, ...] = (
    _Kern("Hilversum", "GM0402", "Hilversum", 140900, 470900, 300, 950, 1500, 1.25, 75),
    _Kern("Bussum", "GM1942", "Bussum", 140300, 476300, 160, 490, 790, 1.2, 20),
    _Kern("Naarden", "GM1942", "Naarden", 140850, 478500, 100, 295, 490, 1.2, 0),
    _Kern("Muiden", "GM1942", "Muiden", 136600, 481300, 80, 230, 390, 1.3, 20),
    _Kern("Muiderberg", "GM1942", "Muiden", 139250, 479650, 55, 180, 320, 1.2, 30),
    _Kern("Huizen", "GM0406", "Huizen", 144450, 478550, 160, 550, 860, 1.25, 30),
    _Kern("Laren", "GM0417", "Laren", 143550, 473650, 120, 300, 750, 1.2, 60),
    _Kern("Blaricum", "GM0376", "Blaricum", 147100, 477450, 85, 230, 525, 1.6, 30),
    _Kern("Eemnes", "GM0317", "Eemnes", 147600, 473650, 85, 280, 490, 1.7, 80),
    _Kern("Loosdrecht", "GM1696", "Loosdrecht", 135500, 467500, 85, 295, 525, 2.2, 35),
    _Kern("Kortenhoef", "GM1696", "Kortenhoef", 135700, 471400, 65, 230, 410, 1.5, 70),
    _Kern("'s-Graveland", "GM1696", "'s-Graveland", 137250, 472900, 55, 175, 340, 1.8, 90),
    _Kern("Ankeveen", "GM1696", "Ankeveen", 134600, 474600, 45, 155, 285, 1.8, 60),
    _Kern(
        "Nederhorst den Berg",
        "GM1696",
        "Nederhorst den Berg",
        132650,
        475650,
        65,
        245,
        420,
        1.3,
        10,
    ),
)

#: Fictitious kadastrale gemeente codes (3 digits).
_KG_CODES: dict[str, str] = {
    "Hilversum": "352",
    "Bussum": "107",
    "Naarden": "491",
    "Muiden": "478",
    "Huizen": "318",
    "Laren": "402",
    "Blaricum": "194",
    "Eemnes": "171",
    "Loosdrecht": "424",
    "'s-Graveland": "603",
    "Kortenhoef": "381",
    "Ankeveen": "128",
    "Nederhorst den Berg": "497",
}


@dataclass(frozen=True)
class _Terrein:
    rin: int
    naam: str
    gm: str
    x: float
    y: float
    w: float
    h: float
    hoek: float
    wloc_type: str
    milieucat: str
    hoofdgroep: str
    bestemming: str
    glasvezel: int  # percent coverage on the terrain
    uitgeefbaar_ha: float


# fmt: off
_TERREINEN: tuple[_Terrein, ...] = (
    _Terrein(2402001, "Arenapark", "GM0402", 141950, 469850, 520, 360, 25,
             "Hoogwaardig bedrijventerrein", "2", "bedrijventerrein", "Bedrijventerrein - 1",
             97, 1.2),
    _Terrein(2402002, "Kerkelanden", "GM0402", 139250, 471700, 560, 440, -10,
             "Gemengd terrein", "3.2", "bedrijventerrein", "Bedrijventerrein", 88, 0.0),
    _Terrein(2402003, "Zuidoost", "GM0402", 142050, 468850, 650, 420, 30,
             "Gemengd terrein", "3.1", "bedrijventerrein", "Bedrijventerrein", 42, 0.6),
    _Terrein(2402004, "Mediapark", "GM0402", 140150, 473900, 820, 430, 15,
             "Hoogwaardig bedrijventerrein", "2", "bedrijf", "Bedrijf - Media", 99, 2.1),
    _Terrein(2406001, "Huizerhoeve", "GM0406", 145650, 479100, 640, 430, 30,
             "Gemengd terrein", "3.2", "bedrijventerrein", "Bedrijventerrein", 90, 0.8),
    _Terrein(2406002, "Oude Haven", "GM0406", 144850, 479950, 380, 240, 5,
             "Zwaar bedrijventerrein", "4.1", "bedrijventerrein", "Bedrijventerrein - Haven",
             55, 0.0),
    _Terrein(2942001, "Gooimeer", "GM1942", 141450, 478900, 520, 330, 20,
             "Gemengd terrein", "3.1", "bedrijventerrein", "Bedrijventerrein", 80, 0.4),
    _Terrein(2942002, "Naarden Zuid", "GM1942", 141350, 476900, 380, 300, -20,
             "Gemengd terrein", "2", "bedrijf", "Bedrijf", 93, 0.0),
    _Terrein(2942003, "De Fabriek", "GM1942", 135750, 481050, 430, 300, 40,
             "Gemengd terrein", "3.2", "bedrijventerrein", "Bedrijventerrein", 60, 1.5),
    _Terrein(2317001, "Zuidersingel", "GM0317", 147950, 472650, 560, 360, 80,
             "Gemengd terrein", "3.2", "bedrijventerrein", "Bedrijventerrein", 48, 2.4),
    _Terrein(2417001, "Ambachtsweg", "GM0417", 143300, 471900, 420, 280, 60,
             "Gemengd terrein", "2", "bedrijf", "Bedrijf", 85, 0.0),
    _Terrein(2376001, "Bijvanck", "GM0376", 148550, 477750, 480, 300, 30,
             "Gemengd terrein", "2", "bedrijventerrein", "Bedrijventerrein", 95, 0.3),
    _Terrein(2696001, "Loosdrecht Bedrijven", "GM1696", 134250, 468850, 480, 320, 35,
             "Gemengd terrein", "3.1", "bedrijventerrein", "Bedrijventerrein", 30, 0.9),
    _Terrein(2696002, "Industrieweg", "GM1696", 133250, 475150, 340, 240, 10,
             "Zwaar bedrijventerrein", "4.1", "bedrijf", "Bedrijf", 38, 0.0),
    _Terrein(2696003, "'s-Graveland Noord", "GM1696", 137450, 473750, 300, 200, 80,
             "Gemengd terrein", "2", "bedrijventerrein", "Bedrijventerrein", 70, 0.2),
)
# fmt: on


@dataclass(frozen=True)
class _Station:
    code: str
    naam: str
    x: float
    y: float


_STATIONS: tuple[_Station, ...] = (
    _Station("HVS", "Hilversum", 140600, 471200),
    _Station("HVSM", "Hilversum Media Park", 140450, 473250),
    _Station("HVSP", "Hilversum Sportpark", 141500, 469350),
    _Station("BSMZ", "Bussum Zuid", 140800, 475550),
    _Station("NDB", "Naarden-Bussum", 140900, 477350),
    # outside the region
    _Station("WP", "Weesp", 129300, 480300),
    _Station("BRN", "Baarn", 150650, 469800),
    _Station("HOR", "Hollandsche Rading", 139750, 464500),
    _Station("ASD", "Amsterdam Centraal", 121400, 487400),
    _Station("AMF", "Amersfoort Centraal", 155200, 463300),
    _Station("UT", "Utrecht Centraal", 136100, 455900),
    _Station("ALMC", "Almere Centrum", 143500, 486800),
)
_STATION_IN_REGIO = ("HVS", "HVSM", "HVSP", "BSMZ", "NDB")

# Motorways (for verkeer bestemmingen, afritten and the glasvezel raster).
_A1 = (
    (126000, 481200),
    (133000, 480600),
    (136900, 480150),
    (139100, 478900),
    (141450, 477600),
    (142600, 476300),
    (144600, 475250),
    (146400, 475750),
    (148050, 475450),
    (152500, 475600),
)
_A27 = ((148050, 475450), (146300, 472850), (145150, 470450), (144200, 467400), (142900, 462500))
_SPOOR = (
    (
        (121400, 487400),
        (129300, 480300),
        (135000, 478600),
        (140900, 477350),
        (140800, 475550),
        (140450, 473250),
        (140600, 471200),
        (144500, 470300),
        (150650, 469800),
        (155200, 463300),
    ),
    ((140600, 471200), (141500, 469350), (139750, 464500), (136100, 455900)),
    ((140900, 477350), (142100, 481500), (143500, 486800)),
)

# Linten (ribbons of farms and houses in the buitengebied).
_LINTEN = (
    ((147650, 474100), (148200, 475200), (148750, 476350)),
    ((135600, 467400), (136500, 466600), (137300, 466000)),
    ((134900, 468300), (133900, 469700), (133300, 471100)),
    ((135700, 471500), (135100, 473000), (134600, 474600), (133300, 475350)),
    ((137300, 472700), (137550, 471500), (137700, 470900)),
    ((139000, 469300), (138300, 468600), (137600, 468200)),
    ((144200, 472300), (144800, 471300), (145300, 470500)),
    ((137000, 481100), (138100, 480450), (139000, 479800)),
    ((145700, 479700), (146700, 479300), (147600, 478900)),
    ((131200, 476300), (130900, 475300)),
)

# Buitengebied land use per gemeente: (hoofdgroep, probability).
_BUITEN: dict[str, tuple[tuple[str, float], ...]] = {
    "GM0402": (("bos", 0.4), ("natuur", 0.35), ("recreatie", 0.1), ("agrarisch", 0.15)),
    "GM0417": (("natuur", 0.5), ("bos", 0.2), ("agrarisch", 0.3)),
    "GM0376": (("natuur", 0.45), ("agrarisch", 0.45), ("recreatie", 0.1)),
    "GM1942": (("agrarisch", 0.35), ("natuur", 0.35), ("bos", 0.15), ("recreatie", 0.15)),
    "GM0406": (("natuur", 0.4), ("recreatie", 0.25), ("agrarisch", 0.35)),
    "GM0317": (("agrarisch", 0.5), ("agrarisch met waarden", 0.4), ("natuur", 0.1)),
    "GM1696": (
        ("agrarisch met waarden", 0.4),
        ("natuur", 0.35),
        ("agrarisch", 0.15),
        ("recreatie", 0.1),
    ),
}
# Direction of polder strips per gemeente (degrees).
_POLDER_HOEK = {
    "GM1696": 35.0,
    "GM0317": 110.0,
    "GM1942": 15.0,
    "GM0376": 120.0,
    "GM0406": 30.0,
    "GM0417": 70.0,
    "GM0402": 60.0,
}
# Lakes (Loosdrechtse Plassen, Spiegelplas) in Wijdemeren: x, y, radius, elongation, angle.
_MEREN = (
    (133000, 466900, 1300, 1.6, 30),
    (132700, 469700, 800, 1.4, 60),
    (134000, 476250, 330, 1.3, 0),
)

_BESTEMMING_NAAM = {
    "agrarisch": "Agrarisch",
    "agrarisch met waarden": "Agrarisch met waarden - Landschapswaarden",
    "bedrijf": "Bedrijf",
    "bedrijventerrein": "Bedrijventerrein",
    "bos": "Bos",
    "centrum": "Centrum",
    "cultuur en ontspanning": "Cultuur en ontspanning",
    "detailhandel": "Detailhandel",
    "dienstverlening": "Dienstverlening",
    "gemengd": "Gemengd - 1",
    "groen": "Groen",
    "horeca": "Horeca",
    "kantoor": "Kantoor",
    "maatschappelijk": "Maatschappelijk",
    "natuur": "Natuur",
    "recreatie": "Recreatie - Dagrecreatie",
    "sport": "Sport",
    "tuin": "Tuin",
    "verkeer": "Verkeer",
    "water": "Water",
    "wonen": "Wonen",
}


@dataclass(frozen=True)
class _Maat:
    """Parcel size model of a zone: lognormal median area, spread and lattice shape."""

    mediaan: float
    sigma: float
    blok: float
    rek: tuple[float, float]
    amin: float
    amax: float


_MATEN: dict[str, _Maat] = {
    "terrein": _Maat(2100, 0.75, 150, (1.0, 2.0), 450, 20000),
    "station": _Maat(1000, 0.7, 110, (1.0, 1.8), 250, 6000),
    "centrum": _Maat(340, 0.55, 80, (1.5, 2.8), 60, 1500),
    "maatschappelijk": _Maat(2100, 0.55, 160, (1.0, 1.6), 700, 15000),
    "sport": _Maat(7000, 0.5, 260, (1.0, 1.5), 2000, 30000),
    "wonen": _Maat(440, 0.5, 90, (1.6, 3.0), 100, 1200),
    "villa": _Maat(2000, 0.5, 150, (1.2, 2.0), 450, 6000),
    "lint": _Maat(2300, 0.5, 140, (1.4, 2.6), 500, 9000),
    "agrarisch": _Maat(40000, 0.55, 700, (3.0, 7.0), 6000, 150000),
    "agrarisch met waarden": _Maat(32000, 0.55, 700, (3.0, 6.0), 5000, 150000),
    "natuur": _Maat(90000, 0.7, 900, (1.0, 2.0), 10000, 600000),
    "bos": _Maat(80000, 0.7, 900, (1.0, 2.0), 10000, 600000),
    "recreatie": _Maat(30000, 0.6, 500, (1.0, 2.0), 4000, 150000),
    "water": _Maat(300000, 0.5, 1400, (1.0, 1.5), 50000, 2000000),
}


# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------


def _rng(seed: int, part: str) -> np.random.Generator:
    """An independent random stream per part, stable whatever is generated first."""
    return np.random.default_rng([seed, zlib.crc32(part.encode())])


def _gemcode(statcode: str) -> str:
    return statcode.removeprefix("GM")


def _slug(text: str) -> str:
    return "".join(ch for ch in text.title() if ch.isalnum())


def _blob(
    x: float,
    y: float,
    r: float,
    rng: np.random.Generator,
    *,
    rek: float = 1.0,
    hoek: float = 0.0,
    ruis: float = 0.12,
    n: int = 72,
) -> BaseGeometry:
    """An irregular, roughly elliptic polygon around (x, y) with mean radius ``r``."""
    t = np.linspace(0.0, 2.0 * np.pi, n, endpoint=False)
    phase = rng.uniform(0.0, 2.0 * np.pi, 3)
    amp = ruis * np.array([1.0, 0.6, 0.35])
    radius = 1.0 + sum(a * np.cos(k * t + p) for a, k, p in zip(amp, (2, 3, 5), phase, strict=True))
    u = radius * np.cos(t) * math.sqrt(rek)
    v = radius * np.sin(t) / math.sqrt(rek)
    a = math.radians(hoek)
    px = x + r * (u * math.cos(a) - v * math.sin(a))
    py = y + r * (u * math.sin(a) + v * math.cos(a))
    return shapely.make_valid(shapely.Polygon(np.column_stack([px, py])))


def _rect(
    x: float, y: float, w: float, h: float, hoek: float, rng: np.random.Generator
) -> BaseGeometry:
    """A rotated rectangle with slightly moved corners and one notch (terrain outline)."""
    u = np.array([-0.5, 0.1, 0.5, 0.5, -0.5]) * w
    v = np.array([-0.5, -0.5, -0.5, 0.5, 0.5]) * h
    u = u + rng.uniform(-0.06, 0.06, 5) * w
    v = v + rng.uniform(-0.06, 0.06, 5) * h
    a = math.radians(hoek)
    px = x + u * math.cos(a) - v * math.sin(a)
    py = y + u * math.sin(a) + v * math.cos(a)
    return shapely.make_valid(shapely.Polygon(np.column_stack([px, py])))


def _polygons_only(geom: BaseGeometry) -> BaseGeometry:
    """Drop lines and points that overlay operations may leave behind."""
    if shapely.get_type_id(geom) in (3, 6):
        return geom if shapely.area(geom) > 0.0 else shapely.Polygon()
    parts = shapely.get_parts(geom)
    polys = parts[np.isin(shapely.get_type_id(parts), (3, 6))]
    polys = polys[shapely.area(polys) > 0.0]
    if len(polys) == 0:
        return shapely.Polygon()
    return shapely.union_all(polys, grid_size=_GRID)


def _groups(keys: np.ndarray, values: np.ndarray) -> Iterator[tuple[int, np.ndarray]]:
    """Yield (key, values of that key) for integer keys, in key order (stable)."""
    order = np.argsort(keys, kind="stable")
    k, v = keys[order], values[order]
    starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]]) if len(k) else np.empty(0, int)
    for s0, s1 in zip(starts, np.r_[starts[1:], len(k)], strict=True):
        yield int(k[s0]), v[s0:s1]


def _categorical(codes: np.ndarray, categories: Sequence[str] | np.ndarray) -> pd.Categorical[str]:
    """A categorical from integer codes (low-memory text column)."""
    return pd.Categorical.from_codes(codes, categories=pd.Index([str(c) for c in categories]))


def _load_gemeenten() -> gpd.GeoDataFrame:
    name = "gemeenten_gooi_vechtstreek_2025.geojson"
    try:
        ref = resources.files("werkruimte").joinpath("data", name)
        with resources.as_file(ref) as path:
            gem = gpd.read_file(path, engine="pyogrio")
    except (NotADirectoryError, FileNotFoundError, TypeError):
        # Namespace-package imports (some editable installs) have no resource reader.
        gem = gpd.read_file(Path(__file__).resolve().parent / "data" / name, engine="pyogrio")
    gem = gem.set_crs(_RD, allow_override=True)
    return gem.sort_values("statcode").reset_index(drop=True)


# --------------------------------------------------------------------------------------
# Zones: a partition of the region into land-use areas that steer parcel sizes
# --------------------------------------------------------------------------------------


def _kern_of(x: float, y: float, gm: str) -> _Kern:
    kernen = [k for k in _KERNEN if k.gm == gm]
    return min(kernen, key=lambda k: (k.x - x) ** 2 + (k.y - y) ** 2)


def _kern_plan(kern: _Kern) -> str:
    return f"NL.IMRO.{_gemcode(kern.gm)}.BPkom{_slug(kern.naam)}-VA01"


def _build_zones(gem: gpd.GeoDataFrame, seed: int) -> gpd.GeoDataFrame:
    """Partition every gemeente into zones (no gaps, no overlaps).

    Returns a frame with ``zone`` (size model key), ``gm``, ``kern``, ``plan``,
    ``hoofdgroep``, ``naam``, ``rin`` (terrain or -1) and polygon geometry.
    """
    rng = _rng(seed, "zones")
    geoms = dict(zip(gem["statcode"], gem.geometry, strict=True))
    rows: list[dict[str, Any]] = []
    taken: dict[str, BaseGeometry] = {gm: shapely.Polygon() for gm in geoms}

    def add(geom: BaseGeometry, zone: str, *, gm: str | None = None, **attrs: Any) -> None:
        for code, g in geoms.items():
            if gm is not None and code != gm:
                continue
            if not shapely.intersects(g, geom):
                continue
            piece = shapely.difference(
                shapely.intersection(g, geom, grid_size=_GRID), taken[code], grid_size=_GRID
            )
            piece = _polygons_only(piece)
            if piece.is_empty or piece.area < 1.0:
                continue
            taken[code] = shapely.union(taken[code], piece, grid_size=_GRID)
            row = {"zone": zone, "gm": code, "rin": -1, **attrs, "geometry": piece}
            if "kern" not in row:
                c = shapely.point_on_surface(piece)
                row["kern"] = _kern_of(c.x, c.y, code).naam
            if "plan" not in row:
                row["plan"] = _kern_plan(next(k for k in _KERNEN if k.naam == row["kern"]))
            rows.append(row)

    for t in _TERREINEN:
        add(
            _rect(t.x, t.y, t.w, t.h, t.hoek, rng),
            "terrein",
            gm=t.gm,
            rin=t.rin,
            hoofdgroep=t.hoofdgroep,
            naam=t.bestemming,
            plan=f"NL.IMRO.{_gemcode(t.gm)}.BPbedrijventerreinen-VA01",
        )
    for x, y, r, rek, hoek in _MEREN:
        add(
            _blob(x, y, r, rng, rek=rek, hoek=hoek, ruis=0.18),
            "water",
            gm="GM1696",
            hoofdgroep="water",
            naam="Water",
            plan="NL.IMRO.1696.BPbuitengebied-VA01",
        )
    for s in _STATIONS:
        if s.code not in _STATION_IN_REGIO:
            continue
        plan = None
        if s.code == "HVS":
            plan = _GML_PLAN
        elif s.code == "NDB":
            plan = "NL.IMRO.1942.BPstationsgebied-VA01"
        extra = {} if plan is None else {"plan": plan}
        add(
            _blob(s.x, s.y, 260, rng, ruis=0.08),
            "station",
            hoofdgroep="gemengd",
            naam="Gemengd - 1",
            **extra,
        )
    for k in _KERNEN:
        add(
            _blob(k.x, k.y, k.r_centrum, rng, rek=k.rek, hoek=k.hoek),
            "centrum",
            gm=k.gm,
            kern=k.naam,
            hoofdgroep="centrum",
            naam="Centrum",
        )
    for k in _KERNEN:
        n = max(1, round(k.r_wonen / 190))
        for i in range(n):
            sport = i % 3 == 2
            ang = rng.uniform(0, 2 * np.pi)
            dist = k.r_wonen * (rng.uniform(0.9, 1.15) if sport else rng.uniform(0.45, 0.95))
            straal = rng.uniform(150, 230) if sport else rng.uniform(80, 160)
            add(
                _blob(k.x + dist * math.cos(ang), k.y + dist * math.sin(ang), straal, rng),
                "sport" if sport else "maatschappelijk",
                gm=k.gm,
                kern=k.naam,
                hoofdgroep="sport" if sport else "maatschappelijk",
                naam="Sport" if sport else "Maatschappelijk",
            )
    for k in _KERNEN:
        add(
            _blob(k.x, k.y, k.r_wonen, rng, rek=k.rek, hoek=k.hoek, ruis=0.15),
            "wonen",
            gm=k.gm,
            kern=k.naam,
            hoofdgroep="wonen",
            naam="Wonen",
        )
    for k in _KERNEN:
        add(
            _blob(k.x, k.y, k.r_villa, rng, rek=k.rek, hoek=k.hoek, ruis=0.2),
            "villa",
            gm=k.gm,
            kern=k.naam,
            hoofdgroep="wonen",
            naam="Wonen - 2",
        )
    for lint in _LINTEN:
        line = shapely.LineString(lint)
        add(
            shapely.buffer(line, 65.0, quad_segs=4),
            "lint",
            hoofdgroep="agrarisch",
            naam="Agrarisch - Agrarisch bedrijf",
        )
    # Buitengebied: the remainder, split into land-use cells.
    x0, y0, x1, y1 = gem.total_bounds
    step = 1300.0
    gx, gy = np.meshgrid(np.arange(x0, x1 + step, step), np.arange(y0, y1 + step, step))
    pts = np.column_stack([gx.ravel(), gy.ravel()]) + rng.uniform(-0.4, 0.4, (gx.size, 2)) * step
    box = shapely.box(x0 - 5000, y0 - 5000, x1 + 5000, y1 + 5000)
    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=box, ordered=True)
    )
    draw = rng.random(len(cells))
    for code in sorted(geoms):
        keys = [k for k, _ in _BUITEN[code]]
        cum = np.cumsum([p for _, p in _BUITEN[code]])
        labels = [keys[int(np.searchsorted(cum, d * cum[-1]))] for d in draw]
        for cell, label in zip(cells, labels, strict=True):
            add(
                cell,
                label,
                gm=code,
                hoofdgroep=label,
                naam=_BESTEMMING_NAAM[label],
                plan=f"NL.IMRO.{_gemcode(code)}.BPbuitengebied-VA01",
            )
    zones = gpd.GeoDataFrame(rows, geometry="geometry", crs=_RD)
    return zones


# --------------------------------------------------------------------------------------
# Parcels: a Voronoi tiling of each zone from a jittered, rotated lattice
# --------------------------------------------------------------------------------------


def _seed_points(
    zone: BaseGeometry, maat: _Maat, hoek: float | None, rng: np.random.Generator
) -> np.ndarray:
    """Seed points in ``zone``: per block a jittered lattice with its own plot size."""
    x0, y0, x1, y1 = zone.bounds
    b = maat.blok
    ox, oy = rng.uniform(0.0, b, 2)
    gx, gy = np.meshgrid(np.arange(x0 - ox, x1, b), np.arange(y0 - oy, y1, b))
    bx, by = gx.ravel(), gy.ravel()
    hit = shapely.intersects(shapely.box(bx, by, bx + b, by + b), zone)
    bx, by = bx[hit], by[hit]
    nb = len(bx)
    if nb == 0:
        return np.empty((0, 2))
    area = np.clip(
        maat.mediaan * np.exp(maat.sigma * rng.standard_normal(nb)), maat.amin, maat.amax
    )
    rek = rng.uniform(*maat.rek, nb)
    if hoek is None:
        theta = rng.uniform(0.0, np.pi, nb)
    else:
        theta = np.radians(hoek + rng.normal(0.0, 4.0, nb))
    s = np.sqrt(area)
    sx, sy = s * np.sqrt(rek), s / np.sqrt(rek)
    half = 0.7072 * b
    nx = np.ceil(2 * half / sx).astype(np.int64) + 1
    ny = np.ceil(2 * half / sy).astype(np.int64) + 1
    counts = nx * ny
    block = np.repeat(np.arange(nb), counts)
    k = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    i = k % nx[block]
    j = k // nx[block]
    phase = rng.uniform(0.0, 1.0, (nb, 2))
    jit = rng.normal(0.0, 0.1, (len(k), 2))
    u = -half + (i + phase[block, 0] + jit[:, 0]) * sx[block]
    v = -half + (j + phase[block, 1] + jit[:, 1]) * sy[block]
    cos, sin = np.cos(theta)[block], np.sin(theta)[block]
    px = u * cos - v * sin
    py = u * sin + v * cos
    inside = (np.abs(px) <= b / 2) & (np.abs(py) <= b / 2)
    px = px[inside] + bx[block[inside]] + b / 2
    py = py[inside] + by[block[inside]] + b / 2
    keep = shapely.contains_xy(zone, px, py)
    return np.column_stack([px[keep], py[keep]])


def _tile(zone: BaseGeometry, pts: np.ndarray) -> np.ndarray:
    """Voronoi cells of ``pts`` clipped to ``zone``: an array of polygons."""
    if len(pts) < 2:
        parts = shapely.get_parts(zone)
    else:
        cells = shapely.get_parts(
            shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=zone, ordered=True)
        )
        shapely.prepare(zone)
        inside = shapely.contains_properly(zone, cells)
        clipped = np.empty(len(cells), dtype=object)
        clipped[inside] = shapely.set_precision(cells[inside], _GRID)
        clipped[~inside] = shapely.intersection(cells[~inside], zone, grid_size=_GRID)
        parts = shapely.get_parts(clipped)
    parts = parts[shapely.get_type_id(parts) == 3]
    return parts[shapely.area(parts) > 0.0]


def _parcel_geometries(zones: gpd.GeoDataFrame, seed: int) -> gpd.GeoDataFrame:
    rng = _rng(seed, "percelen")
    frames = []
    for idx, z in enumerate(zones.itertuples(index=False)):
        maat = _MATEN[z.zone]
        hoek = _POLDER_HOEK[z.gm] if z.zone.startswith("agrarisch") else None
        pts = _seed_points(z.geometry, maat, hoek, rng)
        polys = _tile(z.geometry, pts)
        frames.append(pd.DataFrame({"zone_idx": idx, "geometry": polys}))
    df = pd.concat(frames, ignore_index=True)
    out = gpd.GeoDataFrame(df, geometry="geometry", crs=_RD)
    for col in ("zone", "gm", "kern", "rin"):
        out[col] = zones[col].to_numpy()[out["zone_idx"].to_numpy()]
    return out


def _letters(i: np.ndarray) -> np.ndarray:
    """0 -> A, 25 -> Z, 26 -> AA, ... (section letters)."""
    alphabet = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    first = np.where(i >= 26, alphabet[np.clip(i // 26 - 1, 0, 25)], "")
    return np.char.add(first.astype("U1"), alphabet[i % 26])


def _brk_attributes(parcels: gpd.GeoDataFrame, seed: int) -> gpd.GeoDataFrame:
    """Add the BRK kadastralekaart v5 flat fields, sorted by identificatie."""
    rng = _rng(seed, "brk")
    n = len(parcels)
    geom = parcels.geometry.to_numpy()
    rp = shapely.point_on_surface(geom)
    x, y = shapely.get_x(rp), shapely.get_y(rp)
    # Kadastrale gemeente: the nearest kern of the same gemeente.
    kg = np.empty(n, dtype=object)
    gm = parcels["gm"].to_numpy()
    for code in np.unique(gm):
        kernen = [k for k in _KERNEN if k.gm == code]
        sel = gm == code
        d = np.stack([(x[sel] - k.x) ** 2 + (y[sel] - k.y) ** 2 for k in kernen])
        kg[sel] = np.array([k.kg for k in kernen], dtype=object)[np.argmin(d, axis=0)]
    # Sections: a 1.4 km grid per kadastrale gemeente, lettered north-west first.
    cell = 1400.0
    cx = np.floor(x / cell).astype(np.int64)
    cy = np.floor(y / cell).astype(np.int64)
    frame = pd.DataFrame({"kg": kg, "cx": cx, "cy": -cy})
    key = frame["cy"] * 1000 + frame["cx"]
    sect_idx = (key.groupby(frame["kg"]).rank(method="dense").to_numpy() - 1).astype(np.int64)
    sectie = _letters(sect_idx)
    # Perceelnummers: north-west to south-east within a section, with gaps.
    order = np.lexsort((x, -y, sect_idx, kg.astype(str)))
    step = rng.geometric(0.55, n)
    grp = pd.Series(kg.astype(str) + "|" + sectie)[order].to_numpy()
    first = np.r_[True, grp[1:] != grp[:-1]]
    start = rng.integers(1, 40, n)
    inc = np.where(first, start, step[order])
    csum = np.cumsum(inc)
    base = np.maximum.accumulate(np.where(first, csum - inc, 0))
    nummer = np.empty(n, dtype=np.int64)
    nummer[order] = csum - base
    code = pd.Series(kg).map(_KG_CODES).to_numpy().astype(str)
    lokaal = np.char.add(
        np.char.add(code, np.char.zfill(sect_idx.astype(str), 2)),
        np.char.add(np.char.zfill(nummer.astype(str), 5), "0000"),
    )
    area = shapely.area(geom)
    afwijking = np.where(rng.random(n) < 0.2, np.clip(rng.normal(0, 0.007, n), -0.02, 0.02), 0)
    grootte = np.maximum(1, np.round(area * (1 + afwijking))).astype(np.int64)
    start_ts = np.datetime64("1995-01-01T00:00:00")
    secs = rng.integers(0, 31 * 365 * 86400, n)
    begin = np.datetime_as_string(start_ts + secs.astype("timedelta64[s]"), unit="s")
    out = gpd.GeoDataFrame(
        {
            "identificatieNamespace": "NL.IMKAD.KadastraalObject",
            "identificatieLokaalID": lokaal,
            "beginGeldigheid": begin,
            "kadastraleGemeenteCode": code,
            "kadastraleGemeenteWaarde": kg.astype(str),
            "sectie": sectie,
            "perceelnummer": nummer,
            "kadastraleGrootteWaarde": grootte,
            "soortGrootteWaarde": "Vastgesteld",
            "bron": BRON,
            "zone": parcels["zone"].to_numpy(),
            "gm": gm,
            "rin": parcels["rin"].to_numpy(),
        },
        geometry=geom,
        crs=_RD,
    )
    if out["identificatieLokaalID"].duplicated().any():  # pragma: no cover - guard
        raise RuntimeError("dubbele identificatieLokaalID in de demopercelen")
    return out.sort_values("identificatieLokaalID").reset_index(drop=True)


def _demo_percelen(zones: gpd.GeoDataFrame, seed: int) -> gpd.GeoDataFrame:
    """All demo parcels with BRK fields plus helper columns ``zone``, ``gm``, ``rin``."""
    return _brk_attributes(_parcel_geometries(zones, seed), seed)


# --------------------------------------------------------------------------------------
# synthetic_percelen: fast benchmark parcels
# --------------------------------------------------------------------------------------


def synthetic_percelen(
    n: int,
    *,
    seed: int = 0,
    origin: tuple[float, float] = (120000.0, 440000.0),
) -> gpd.GeoDataFrame:
    """Make ``n`` BRK-style parcels fast: a jittered grid of quadrilaterals.

    Columns and rows vary in width (lognormal, and per district of 40 rows/columns),
    so parcel areas spread like a mixed town: about a fifth under 400 m², most of the
    rest 400-1500 m², some 1500-2500 m² and a few larger. Corners are shared between
    neighbours, so the parcels tile the grid without gaps or overlaps. Everything is
    vectorised (1M parcels take a few seconds).

    Parameters
    ----------
    n
        Number of parcels (>= 0).
    seed
        Seed of the random generator.
    origin
        RD New coordinates (x, y) of the grid's lower-left corner.

    Returns
    -------
    geopandas.GeoDataFrame
        The columns of the demo ``percelen.gpkg`` (``identificatieNamespace``,
        ``identificatieLokaalID`` (unique 14 digits), ``beginGeldigheid``,
        ``kadastraleGemeenteCode``, ``kadastraleGemeenteWaarde``, ``sectie``,
        ``perceelnummer``, ``kadastraleGrootteWaarde``, ``soortGrootteWaarde``,
        ``bron``) and polygon geometry in EPSG:28992, index 0..n-1. Low-cardinality
        text columns are categoricals to keep memory low.
    """
    if n < 0:
        raise ValueError(f"n moet 0 of groter zijn, gevonden: {n}")
    rng = np.random.default_rng([seed, 28992])
    cols = max(1, math.ceil(math.sqrt(n * 0.75)))
    rows = max(1, math.ceil(n / cols))
    w = 22.0 * np.exp(0.4 * rng.standard_normal(cols))
    w *= np.repeat(np.exp(0.35 * rng.standard_normal(cols // 40 + 1)), 40)[:cols]
    h = 30.0 * np.exp(0.4 * rng.standard_normal(rows))
    h *= np.repeat(np.exp(0.35 * rng.standard_normal(rows // 40 + 1)), 40)[:rows]
    xs = origin[0] + np.r_[0.0, np.cumsum(w)]
    ys = origin[1] + np.r_[0.0, np.cumsum(h)]
    # Shared corner jitter, at most 20 % of the smaller neighbouring cell.
    wmin = np.minimum(np.r_[w[0], w], np.r_[w, w[-1]])
    hmin = np.minimum(np.r_[h[0], h], np.r_[h, h[-1]])
    polys = np.empty(n, dtype=object)
    chunk_rows = max(1, 1_000_000 // cols)
    done = 0
    for r0 in range(0, rows, chunk_rows):
        r1 = min(rows, r0 + chunk_rows)
        jx = rng.uniform(-0.2, 0.2, (r1 - r0 + 1, cols + 1)) * wmin
        jy = rng.uniform(-0.2, 0.2, (r1 - r0 + 1, cols + 1)) * hmin[r0 : r1 + 1, None]
        # The outline stays a clean rectangle starting at the origin.
        jx[:, [0, -1]] = 0.0
        jy[:, [0, -1]] = 0.0
        if r0 == 0:
            jx[0], jy[0] = 0.0, 0.0
        if r1 == rows:
            jx[-1], jy[-1] = 0.0, 0.0
        nx = xs[None, :] + jx
        ny = ys[r0 : r1 + 1, None] + jy
        nx = np.round(nx, 2)
        ny = np.round(ny, 2)
        corners = [(0, 0), (0, 1), (1, 1), (1, 0), (0, 0)]
        cx = np.stack([nx[dr : dr + r1 - r0, dc : dc + cols] for dr, dc in corners], axis=-1)
        cy = np.stack([ny[dr : dr + r1 - r0, dc : dc + cols] for dr, dc in corners], axis=-1)
        coords = np.stack([cx, cy], axis=-1).reshape(-1, 5, 2)
        take = min(len(coords), n - done)
        polys[done : done + take] = shapely.polygons(coords[:take])
        done += take
        if done >= n:
            break
    geom = gpd.GeoSeries(polys, crs=_RD)
    area = shapely.area(polys) if n else np.empty(0)
    afwijking = np.where(rng.random(n) < 0.2, rng.uniform(-0.015, 0.015, n), 0.0)
    grootte = np.maximum(1, np.round(area * (1 + afwijking))).astype(np.int64)
    kg_names = np.array(sorted(_KG_CODES))
    district = (np.arange(n) // cols // 40) * 1000 + (np.arange(n) % cols) // 40
    kg_idx = (district * 7 + 3) % len(kg_names)
    sect_idx = (district // 13) % 26
    nummer = (np.arange(n) % 99_999) + 1
    ids = 10_000_000_000_000 + seed % 1000 * 10_000_000_000 + np.arange(n, dtype=np.int64)
    begin = np.datetime_as_string(
        np.datetime64("1995-01-01T00:00:00")
        + rng.integers(0, 31 * 365 * 86400, n).astype("timedelta64[s]"),
        unit="s",
    )
    alphabet = np.array(list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    frame = gpd.GeoDataFrame(
        {
            "identificatieNamespace": _categorical(
                np.zeros(n, dtype=np.int8), ["NL.IMKAD.KadastraalObject"]
            ),
            "identificatieLokaalID": pd.array(ids.astype(str), dtype="str"),
            "beginGeldigheid": pd.array(begin, dtype="str"),
            "kadastraleGemeenteCode": _categorical(kg_idx, [_KG_CODES[k] for k in kg_names]),
            "kadastraleGemeenteWaarde": _categorical(kg_idx, kg_names),
            "sectie": _categorical(sect_idx, alphabet),
            "perceelnummer": nummer,
            "kadastraleGrootteWaarde": grootte,
            "soortGrootteWaarde": _categorical(np.zeros(n, dtype=np.int8), ["Vastgesteld"]),
            "bron": _categorical(np.zeros(n, dtype=np.int8), ["fictief - werkruimte synthetisch"]),
        },
        geometry=geom,
        crs=_RD,
    )
    return frame


# --------------------------------------------------------------------------------------
# Bestemmingsplannen (IMRO2012 Enkelbestemming)
# --------------------------------------------------------------------------------------

_WERK_BLOB_KEUZE = (
    ("bedrijf", 0.2),
    ("kantoor", 0.15),
    ("dienstverlening", 0.15),
    ("gemengd", 0.15),
    ("maatschappelijk", 0.1),
    ("groen", 0.1),
    ("tuin", 0.05),
    ("detailhandel", 0.05),
    ("horeca", 0.05),
)
_CENTRUM_KEUZE = (
    "detailhandel",
    "horeca",
    "dienstverlening",
    "cultuur en ontspanning",
    "gemengd",
    "maatschappelijk",
)
_STATION_KEUZE = ("kantoor", "gemengd", "centrum", "dienstverlening", "kantoor", "wonen", "gemengd")


def _random_points_in(geom: BaseGeometry, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` uniform random points inside ``geom`` (rejection sampling, vectorised)."""
    x0, y0, x1, y1 = geom.bounds
    out = np.empty((0, 2))
    while len(out) < n:
        cand = rng.uniform((x0, y0), (x1, y1), (max(64, 4 * n), 2))
        cand = cand[shapely.contains_xy(geom, cand[:, 0], cand[:, 1])]
        out = np.vstack([out, cand])
    return out[:n]


def _bestemming_extras(zones: gpd.GeoDataFrame, seed: int) -> list[tuple[BaseGeometry, str, str]]:
    """Bestemming areas that do not follow the parcel zones, in order of priority."""
    rng = _rng(seed, "bestemming")
    extras: list[tuple[BaseGeometry, str, str]] = []
    for line in (_A1, _A27):
        extras.append(
            (shapely.buffer(shapely.LineString(line), 30.0), "verkeer", "Verkeer - Hoofdweg")
        )
    for spoor in _SPOOR:
        extras.append(
            (shapely.buffer(shapely.LineString(spoor), 12.0), "verkeer", "Verkeer - Railverkeer")
        )
    for route in _bus_routes():
        extras.append((shapely.buffer(shapely.LineString(route.punten), 8.0), "verkeer", "Verkeer"))
    for z in zones[zones["zone"] == "station"].itertuples():
        c = z.geometry.centroid
        seeds = _random_points_in(z.geometry, 7, rng)
        cells = shapely.get_parts(
            shapely.voronoi_polygons(shapely.multipoints(seeds), extend_to=shapely.buffer(c, 2000))
        )
        labels = rng.permutation(_STATION_KEUZE)
        for cell, label in zip(cells, labels, strict=False):
            extras.append(
                (shapely.intersection(cell, z.geometry), str(label), _BESTEMMING_NAAM[str(label)])
            )
    for z in zones[zones["zone"] == "centrum"].itertuples():
        n = 2 + int(z.geometry.area > 60000) * 3
        for (x, y), label in zip(
            _random_points_in(z.geometry, n, rng), rng.choice(_CENTRUM_KEUZE, n), strict=True
        ):
            extras.append(
                (_blob(x, y, rng.uniform(25, 60), rng), str(label), _BESTEMMING_NAAM[str(label)])
            )
    keys = [k for k, _ in _WERK_BLOB_KEUZE]
    probs = np.array([p for _, p in _WERK_BLOB_KEUZE])
    wonen = zones[zones["zone"].isin(["wonen", "villa"])].dissolve("kern")
    for geom in wonen.geometry:
        n = max(2, round(geom.area / 1e6 * 7))
        for (x, y), label in zip(
            _random_points_in(geom, n, rng), rng.choice(keys, n, p=probs / probs.sum()), strict=True
        ):
            extras.append(
                (_blob(x, y, rng.uniform(35, 85), rng), str(label), _BESTEMMING_NAAM[str(label)])
            )
    for z in zones[zones["zone"] == "lint"].itertuples():
        for x, y in _random_points_in(z.geometry, 3, rng):
            extras.append((_blob(x, y, rng.uniform(40, 80), rng), "wonen", "Wonen - Lint"))
    return extras


def _bestemmingen(zones: gpd.GeoDataFrame, seed: int) -> gpd.GeoDataFrame:
    """IMRO2012 enkelbestemmingen covering the whole region without gaps or overlaps."""
    terrein = shapely.union_all(zones.geometry[zones["zone"] == "terrein"].to_numpy())
    raw = _bestemming_extras(zones, seed)
    first = shapely.difference(
        np.array([g for g, _, _ in raw], dtype=object), terrein, grid_size=_GRID
    )
    # An extra loses the parts that an earlier (higher-priority) extra already covers.
    a, b = shapely.STRtree(first).query(first, predicate="intersects")
    resolved = first.copy()
    for i, js in _groups(a[b < a], b[b < a]):
        resolved[i] = shapely.difference(
            first[i], shapely.union_all(first[js], grid_size=_GRID), grid_size=_GRID
        )
    resolved = np.array([_polygons_only(g) for g in resolved], dtype=object)
    keep = ~shapely.is_empty(resolved)
    extra = resolved[keep]
    attrs = [(h, n) for (_, h, n), k in zip(raw, keep, strict=True) if k]
    base = zones.geometry.to_numpy()
    bi, ei = shapely.STRtree(extra).query(base, predicate="intersects")
    rest = base.copy()
    for i, js in _groups(bi, ei):
        rest[i] = shapely.difference(
            base[i], shapely.union_all(extra[js], grid_size=_GRID), grid_size=_GRID
        )
    inter = shapely.intersection(base[bi], extra[ei], grid_size=_GRID)
    frame = pd.DataFrame(
        {
            "gm": np.r_[zones["gm"].to_numpy(), zones["gm"].to_numpy()[bi]],
            "planidentificatie": np.r_[zones["plan"].to_numpy(), zones["plan"].to_numpy()[bi]],
            "bestemmingshoofdgroep": np.r_[
                zones["hoofdgroep"].to_numpy(), np.array([attrs[i][0] for i in ei], dtype=object)
            ],
            "naam": np.r_[
                zones["naam"].to_numpy(), np.array([attrs[i][1] for i in ei], dtype=object)
            ],
            "geometry": np.r_[rest, inter],
        }
    )
    keys = ["gm", "planidentificatie", "bestemmingshoofdgroep", "naam"]
    labels: list[tuple[str, ...]] = []
    parts_list: list[np.ndarray] = []
    for key, grp in frame.groupby(keys, sort=True):
        merged = _polygons_only(shapely.union_all(grp["geometry"].to_numpy(), grid_size=_GRID))
        parts = shapely.get_parts(merged)
        parts = parts[shapely.area(parts) > 0.0]
        labels += [tuple(str(v) for v in key)] * len(parts)
        parts_list.append(parts)
    out = pd.DataFrame(labels, columns=keys)
    out["geometry"] = np.concatenate(parts_list)
    rp = shapely.point_on_surface(out["geometry"].to_numpy())
    out["_x"], out["_y"] = shapely.get_x(rp), -shapely.get_y(rp)
    out = out.sort_values(["planidentificatie", "_y", "_x"]).reset_index(drop=True)
    nr = out.groupby("planidentificatie").cumcount() + 1
    out["identificatie"] = out["planidentificatie"] + ".EB" + nr.map("{:04d}".format)
    out["typePlanobject"] = "enkelbestemming"
    out["bron"] = BRON
    cols = [
        "identificatie",
        "naam",
        "bestemmingshoofdgroep",
        "planidentificatie",
        "typePlanobject",
        "bron",
    ]
    gdf = gpd.GeoDataFrame(out[cols], geometry=out["geometry"].to_numpy(), crs=_RD)
    gdf.geometry = shapely.orient_polygons(gdf.geometry.to_numpy())
    return gdf


def _imro_gml(bestemmingen: gpd.GeoDataFrame, seed: int) -> str:
    """A small IMRO2012 GML (GML 3.2) file for the Hilversum stationsgebied plan."""
    plan = bestemmingen[bestemmingen["planidentificatie"] == _GML_PLAN]
    gebied = shapely.orient_polygons(shapely.union_all(plan.geometry.to_numpy(), grid_size=_GRID))
    plan_lokaal = _GML_PLAN.removeprefix("NL.IMRO.").removesuffix("-VA01")

    def poslist(ring: BaseGeometry) -> str:
        xy = shapely.get_coordinates(ring)
        return " ".join(f"{x:.2f} {y:.2f}" for x, y in xy)

    def surface(geom: BaseGeometry, gid: str, indent: str) -> str:
        lines = [
            f'{indent}<gml:Surface gml:id="{gid}" srsName="urn:ogc:def:crs:EPSG::28992">',
            f"{indent}   <gml:patches>",
        ]
        for poly in shapely.get_parts(geom):
            lines.append(f"{indent}      <gml:PolygonPatch>")
            rings = [("exterior", poly.exterior)] + [("interior", r) for r in poly.interiors]
            for tag, ring in rings:
                lines += [
                    f"{indent}         <gml:{tag}>",
                    f"{indent}            <gml:LinearRing>",
                    f"{indent}               <gml:posList>{poslist(ring)}</gml:posList>",
                    f"{indent}            </gml:LinearRing>",
                    f"{indent}         </gml:{tag}>",
                ]
            lines.append(f"{indent}      </gml:PolygonPatch>")
        lines += [f"{indent}   </gml:patches>", f"{indent}</gml:Surface>"]
        return "\n".join(lines)

    ind = "         "
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- FICTIEF: gegenereerd door werkruimte (demoregio Gooi en Vechtstreek, seed "
        f"{seed}). Dit is geen echt bestemmingsplan; alleen het formaat (IMRO2012) is echt. -->",
        '<imro:FeatureCollectionIMRO gml:id="NL.IMRO.FEATURECOLLECTION" '
        'xmlns:imro="http://www.geonovum.nl/imro/2012/1.1" '
        'xmlns:gml="http://www.opengis.net/gml/3.2" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xsi:schemaLocation="http://www.geonovum.nl/imro/2012/1.1 '
        'http://schemas.geonovum.nl/imro/2012/1.1/IMRO2012.xsd">',
        "   <imro:featureMember>",
        '      <imro:MetadataIMRObestand gml:id="NL.IMRO.METADATA">',
        "         <imro:datasetTitel>Stationsgebied (fictief)</imro:datasetTitel>",
        "         <imro:creatiedatum>2026-01-01</imro:creatiedatum>",
        "         <imro:bronbeheerder>werkruimte demoregio (fictief)</imro:bronbeheerder>",
        "         <imro:codeerVerantwoordelijke>werkruimte</imro:codeerVerantwoordelijke>",
        "         <imro:naamApplicatieschema>IMRO2012</imro:naamApplicatieschema>",
        "         <imro:codeReferentiesysteem>28992</imro:codeReferentiesysteem>",
        "         <imro:toepassingsschaal>1000</imro:toepassingsschaal>",
        "         <imro:applicatieIdentificatie>werkruimte.demodata</imro:applicatieIdentificatie>",
        "         <imro:versieXMLschema>1.1</imro:versieXMLschema>",
        "      </imro:MetadataIMRObestand>",
        "   </imro:featureMember>",
        "   <imro:featureMember>",
        f'      <imro:Bestemmingsplangebied gml:id="{_GML_PLAN}">',
        "         <imro:identificatie>",
        "            <imro:NEN3610ID>",
        "               <imro:namespace>NL.IMRO</imro:namespace>",
        f"               <imro:lokaalID>{plan_lokaal}</imro:lokaalID>",
        "               <imro:versie>VA01</imro:versie>",
        "            </imro:NEN3610ID>",
        "         </imro:identificatie>",
        "         <imro:typePlan>bestemmingsplan</imro:typePlan>",
        "         <imro:beleidsmatigVerantwoordelijkeOverheid>gemeentelijke overheid"
        "</imro:beleidsmatigVerantwoordelijkeOverheid>",
        "         <imro:naamOverheid>Gemeente Hilversum (fictief plan)</imro:naamOverheid>",
        "         <imro:overheidsCode>0402</imro:overheidsCode>",
        "         <imro:naam>Stationsgebied (fictief)</imro:naam>",
        "         <imro:locatieNaam>Stationsgebied</imro:locatieNaam>",
        "         <imro:planstatusInfo>",
        "            <imro:PlanstatusEnDatum>",
        "               <imro:planstatus>vastgesteld</imro:planstatus>",
        "               <imro:datum>2025-06-30</imro:datum>",
        "            </imro:PlanstatusEnDatum>",
        "         </imro:planstatusInfo>",
        "         <imro:verwijzingNorm>IMRO2012</imro:verwijzingNorm>",
        "         <imro:verwijzingNorm>PRBP2012</imro:verwijzingNorm>",
        "         <imro:geometrie>",
        surface(gebied, "id.plangebied.geometrie", ind + "   "),
        "         </imro:geometrie>",
        "      </imro:Bestemmingsplangebied>",
        "   </imro:featureMember>",
    ]
    artikel: dict[str, int] = {}
    for row in plan.sort_values("identificatie").itertuples():
        lokaal = str(row.identificatie).removeprefix("NL.IMRO.")
        art = artikel.setdefault(str(row.naam), len(artikel) + 1)
        label = shapely.point_on_surface(row.geometry)
        afk = "".join(w[0] for w in str(row.naam).replace("-", " ").split()).upper()
        out += [
            "   <imro:featureMember>",
            f'      <imro:Enkelbestemming gml:id="{row.identificatie}">',
            "         <imro:identificatie>",
            "            <imro:NEN3610ID>",
            "               <imro:namespace>NL.IMRO</imro:namespace>",
            f"               <imro:lokaalID>{lokaal}</imro:lokaalID>",
            "            </imro:NEN3610ID>",
            "         </imro:identificatie>",
            "         <imro:typePlanobject>enkelbestemming</imro:typePlanobject>",
            f"         <imro:naam>{row.naam}</imro:naam>",
            f"         <imro:bestemmingshoofdgroep>{row.bestemmingshoofdgroep}"
            "</imro:bestemmingshoofdgroep>",
            f"         <imro:artikelnummer>{art}</imro:artikelnummer>",
            "         <imro:labelInfo>",
            "            <imro:Label>",
            f"               <imro:tekst>{afk}</imro:tekst>",
            "               <imro:positie>",
            "                  <imro:Labelpositie>",
            "                     <imro:plaatsingspunt>",
            '                        <gml:Point srsName="urn:ogc:def:crs:EPSG::28992" '
            f'gml:id="id.{lokaal}.label">',
            f"                           <gml:pos>{label.x:.2f} {label.y:.2f}</gml:pos>",
            "                        </gml:Point>",
            "                     </imro:plaatsingspunt>",
            "                  </imro:Labelpositie>",
            "               </imro:positie>",
            "            </imro:Label>",
            "         </imro:labelInfo>",
            "         <imro:geometrie>",
            surface(row.geometry, f"id.{lokaal}.geometrie", ind + "   "),
            "         </imro:geometrie>",
            f'         <imro:plangebied xlink:href="#{_GML_PLAN}" />',
            "      </imro:Enkelbestemming>",
            "   </imro:featureMember>",
        ]
    out.append("</imro:FeatureCollectionIMRO>")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------
# Bedrijventerreinen (IBIS)
# --------------------------------------------------------------------------------------


def _bedrijventerreinen(zones: gpd.GeoDataFrame, seed: int) -> gpd.GeoDataFrame:
    rng = _rng(seed, "ibis")
    terr = zones[zones["zone"] == "terrein"]
    rows = []
    for t in _TERREINEN:
        geom = shapely.union_all(terr.geometry[terr["rin"] == t.rin].to_numpy(), grid_size=_GRID)
        bruto = geom.area / 1e4
        netto = bruto * rng.uniform(0.72, 0.86)
        rows.append(
            {
                "RIN_NUMMER": t.rin,
                "JAAR": 2025,
                "PLAN_NAAM": t.naam,
                "GEM_CODES": t.gm,
                "HA_BRUTO": round(bruto, 2),
                "HA_NETTO": round(netto, 2),
                "HA_TOTTUIT": round(min(t.uitgeefbaar_ha, netto), 2),
                "WLOC_TYPE": t.wloc_type,
                "MILIEUCAT_MAX": t.milieucat,
                "BRON": BRON,
                "geometry": geom,
            }
        )
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs=_RD)
    gdf.geometry = shapely.orient_polygons(gdf.geometry.to_numpy())
    return gdf


# --------------------------------------------------------------------------------------
# Informal werklocaties (hotspots)
# --------------------------------------------------------------------------------------

# (kern, type, naam, anker): anker is "centrum", "wonen", "uitvalsweg" or "station:<code>".
_HOTSPOTS: tuple[tuple[str, str, str, str], ...] = (
    ("Hilversum", "broedplaats", "Broedplaats De Vlasfabriek", "centrum"),
    ("Hilversum", "flexplek", "Flexplek Stationsplein", "station:HVS"),
    ("Hilversum", "OV-knooppunt", "Stationskwartier Hilversum", "station:HVS"),
    ("Hilversum", "centrumlocatie", "Kantorenpand Kerkbrink", "centrum"),
    ("Hilversum", "centrumlocatie", "Werkhuis Gooiland", "centrum"),
    ("Hilversum", "bedrijfsverzamelgebouw", "Bedrijvenhuis De Schakel", "wonen"),
    ("Hilversum", "OV-knooppunt", "Media Park Poort", "station:HVSM"),
    ("Hilversum", "flexplek", "Werkcafé Sportpark", "station:HVSP"),
    ("Hilversum", "concentratie aan uitvalsweg", "Bedrijvenstrip Larenseweg", "uitvalsweg"),
    ("Hilversum", "broedplaats", "Creatieve Hub Oude Post", "centrum"),
    ("Hilversum", "bedrijfsverzamelgebouw", "Ateliers Lage Naarderweg", "wonen"),
    ("Bussum", "centrumlocatie", "Werkplaats Nieuwe Brink", "centrum"),
    ("Bussum", "OV-knooppunt", "Stationsgebied Naarden-Bussum", "station:NDB"),
    ("Bussum", "flexplek", "Flexplek Bussum Zuid", "station:BSMZ"),
    ("Bussum", "broedplaats", "Broedplaats De Gebouwen", "wonen"),
    ("Bussum", "bedrijfsverzamelgebouw", "Bedrijvenhof Ceintuurbaan", "wonen"),
    ("Bussum", "concentratie aan uitvalsweg", "Bedrijvenstrip Amersfoortsestraatweg", "uitvalsweg"),
    ("Naarden", "centrumlocatie", "Vestingkantoren Marktstraat", "centrum"),
    ("Naarden", "bedrijfsverzamelgebouw", "Bedrijvenhuis Gooimeer-Zuid", "wonen"),
    ("Naarden", "flexplek", "Werkplek De Vesting", "centrum"),
    ("Muiden", "broedplaats", "Broedplaats Kruitmagazijn", "wonen"),
    ("Muiden", "centrumlocatie", "Werkhuis Herengracht", "centrum"),
    ("Muiderberg", "flexplek", "Flexplek Dorpsstraat", "centrum"),
    ("Huizen", "centrumlocatie", "Oude Raadhuis Werkplaats", "centrum"),
    ("Huizen", "bedrijfsverzamelgebouw", "Bedrijvenhuis Havenstraat", "wonen"),
    ("Huizen", "broedplaats", "Broedplaats De Botterwerf", "wonen"),
    ("Huizen", "flexplek", "Flexplek Oostermeent", "centrum"),
    ("Huizen", "concentratie aan uitvalsweg", "Bedrijvenstrip Huizermaatweg", "uitvalsweg"),
    ("Laren", "centrumlocatie", "Brinkhuis Laren", "centrum"),
    ("Laren", "broedplaats", "Ateliers De Brink", "wonen"),
    ("Laren", "flexplek", "Werkcafé Naarderstraat", "centrum"),
    ("Laren", "concentratie aan uitvalsweg", "Bedrijvenstrip Eemnesserweg", "uitvalsweg"),
    ("Blaricum", "centrumlocatie", "Werkplek Dorpshuis", "centrum"),
    ("Blaricum", "flexplek", "Flexplek Bijvanck", "wonen"),
    ("Blaricum", "concentratie aan uitvalsweg", "Bedrijvenstrip Huizerweg", "uitvalsweg"),
    ("Eemnes", "centrumlocatie", "Werkhuis Wakiedijk", "centrum"),
    ("Eemnes", "bedrijfsverzamelgebouw", "Bedrijvenhof Eemnes", "wonen"),
    ("Eemnes", "concentratie aan uitvalsweg", "Bedrijvenstrip Rijksweg", "uitvalsweg"),
    ("Loosdrecht", "centrumlocatie", "Werkhuis Oud-Loosdrecht", "centrum"),
    ("Loosdrecht", "broedplaats", "Botenloods Loosdrecht", "wonen"),
    ("Loosdrecht", "concentratie aan uitvalsweg", "Bedrijvenstrip Loosdrechtseweg", "uitvalsweg"),
    ("Kortenhoef", "bedrijfsverzamelgebouw", "Bedrijvenhuis Kortenhoef", "wonen"),
    ("'s-Graveland", "broedplaats", "Buitenplaats Ateliers", "wonen"),
    ("Nederhorst den Berg", "centrumlocatie", "Werkplek Dammerweg", "centrum"),
    ("Ankeveen", "flexplek", "Flexplek Stichtse Kade", "centrum"),
    ("Hilversum", "flexplek", "Werkcafé Kerkelanden", "wonen"),
    ("Bussum", "centrumlocatie", "Kantorenvilla Brinklaan", "centrum"),
    ("Huizen", "OV-knooppunt", "Busstation Huizen", "centrum"),
)
# Probabilities of the size classes <400, 400-1500, 1500-2500, >2500 per gemeente.
_HOTSPOT_MIX: dict[str, tuple[float, float, float, float]] = {
    "GM0402": (0.15, 0.55, 0.2, 0.1),
    "GM1942": (0.2, 0.55, 0.15, 0.1),
    "GM0406": (0.2, 0.5, 0.2, 0.1),
    "GM0417": (0.35, 0.35, 0.15, 0.15),
    "GM0376": (0.55, 0.0, 0.15, 0.3),
    "GM0317": (0.4, 0.0, 0.2, 0.4),
    "GM1696": (0.45, 0.1, 0.15, 0.3),
}
_DOELGROEP: dict[str, tuple[str, ...]] = {
    "broedplaats": ("creatief", "starters"),
    "flexplek": ("zzp", "starters"),
    "bedrijfsverzamelgebouw": ("maakbedrijven", "starters", "zakelijke dienstverlening"),
    "centrumlocatie": ("zakelijke dienstverlening", "zzp"),
    "OV-knooppunt": ("zakelijke dienstverlening", "zzp"),
    "concentratie aan uitvalsweg": ("maakbedrijven",),
}


def _grootteklasse(m2: np.ndarray) -> np.ndarray:
    labels = np.array(["<400", "400-1500", "1500-2500", ">2500"])
    return labels[np.digitize(m2, [400, 1500, 2501])]


def _hotspots(gem: gpd.GeoDataFrame, seed: int) -> pd.DataFrame:
    rng = _rng(seed, "hotspots")
    kernen = {k.naam: k for k in _KERNEN}
    stations = {s.code: s for s in _STATIONS}
    geoms = dict(zip(gem["statcode"], gem.geometry, strict=True))
    names = dict(zip(gem["statcode"], gem["statnaam"], strict=True))
    snelweg = shapely.MultiLineString([_A1, _A27])
    rows = []
    for kern_naam, soort, naam, anker in _HOTSPOTS:
        k = kernen[kern_naam]
        ang = rng.uniform(0, 2 * np.pi)
        if anker.startswith("station:"):
            s = stations[anker.split(":")[1]]
            d = rng.uniform(40, 220)
            x, y = s.x + d * math.cos(ang), s.y + d * math.sin(ang)
        elif anker == "centrum":
            d = rng.uniform(0, k.r_centrum)
            x, y = k.x + d * math.cos(ang), k.y + d * math.sin(ang)
        elif anker == "wonen":
            d = rng.uniform(0.35, 0.9) * k.r_wonen
            x, y = k.x + d * math.cos(ang), k.y + d * math.sin(ang)
        else:
            near = shapely.shortest_line(shapely.Point(k.x, k.y), snelweg)
            tx, ty = shapely.get_coordinates(near)[1]
            dist = math.hypot(tx - k.x, ty - k.y)
            d = min(dist * 0.8, rng.uniform(1.0, 1.2) * k.r_wonen)
            x, y = k.x + d * (tx - k.x) / dist, k.y + d * (ty - k.y) / dist
        for _ in range(20):  # pull towards the kern until inside its gemeente
            if shapely.contains_xy(geoms[k.gm].buffer(-30), x, y):
                break
            x, y = (x + k.x) / 2, (y + k.y) / 2
        klasse = rng.choice(4, p=np.array(_HOTSPOT_MIX[k.gm]))
        lo, hi = [(80, 390), (400, 1490), (1500, 2500), (2600, 9000)][klasse]
        opp = round(rng.uniform(lo, hi) / 10) * 10
        leeg = 0 if rng.random() < 0.3 else round(opp * rng.uniform(0.02, 0.35) / 10) * 10
        rows.append(
            {
                "naam": naam,
                "type": soort,
                "x": round(x),
                "y": round(y),
                "gemeente": names[k.gm],
                "oppervlakte_m2": opp,
                "leegstand_m2": leeg,
                "doelgroep": str(rng.choice(_DOELGROEP[soort])),
                "bron": BRON,
            }
        )
    df = pd.DataFrame(rows)
    df.insert(7, "grootteklasse", _grootteklasse(df["oppervlakte_m2"].to_numpy()))
    return df


# --------------------------------------------------------------------------------------
# OV: a GTFS feed with rail and bus
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lijn:
    route_id: str
    agency: str
    kort: str
    lang: str
    soort: int  # GTFS route_type
    haltes: tuple[str, ...]  # S:<station>, K:<kern>, T:<terrein> are stops; P:x,y a bend
    spits: int  # departures per hour per direction, weekday peak
    dag: int
    avond: int
    weekend: int
    laatste: float  # hour of the last departure (may be past 24)


# fmt: off
_LIJNEN: tuple[_Lijn, ...] = (
    _Lijn("R-IC", "DEMOTREIN", "IC", "Amsterdam Centraal - Amersfoort Centraal", 2,
          ("S:ASD", "S:WP", "S:NDB", "S:HVS", "S:BRN", "S:AMF"), 4, 4, 2, 2, 24.75),
    _Lijn("R-SPR1", "DEMOTREIN", "Sprinter", "Utrecht Centraal - Hilversum", 2,
          ("S:UT", "S:HOR", "S:HVSP", "S:HVS"), 4, 2, 2, 2, 24.5),
    _Lijn("R-SPR2", "DEMOTREIN", "Sprinter", "Hilversum - Almere Centrum", 2,
          ("S:HVS", "S:HVSM", "S:BSMZ", "S:NDB", "S:ALMC"), 4, 2, 2, 2, 24.25),
    _Lijn("B100", "DEMOBUS", "100", "Hilversum - Laren - Blaricum - Huizen", 3,
          ("S:HVS", "P:142300,472300", "K:Laren", "P:145600,475700", "K:Blaricum",
           "P:146000,478100", "K:Huizen"), 6, 4, 2, 2, 24.5),
    _Lijn("B101", "DEMOBUS", "101", "Hilversum - Media Park - Bussum - Naarden - Huizen", 3,
          ("S:HVS", "S:HVSM", "T:Mediapark", "S:BSMZ", "K:Bussum", "S:NDB", "K:Naarden",
           "T:Gooimeer", "K:Huizen"), 12, 8, 4, 4, 24.5),
    _Lijn("B102", "DEMOBUS", "102", "Hilversum Station - Sportpark - Arenapark - Zuidoost", 3,
          ("S:HVS", "K:Hilversum", "S:HVSP", "T:Arenapark", "T:Zuidoost"), 8, 6, 3, 3, 24.0),
    _Lijn("B103", "DEMOBUS", "103", "Hilversum - 's-Graveland - Kortenhoef - Nederhorst den Berg",
          3, ("S:HVS", "T:Kerkelanden", "K:'s-Graveland", "K:Kortenhoef", "K:Ankeveen",
              "K:Nederhorst den Berg"), 4, 2, 1, 1, 23.5),
    _Lijn("B104", "DEMOBUS", "104", "Hilversum - Loosdrecht", 3,
          ("S:HVS", "P:138900,469600", "P:137300,468300", "K:Loosdrecht"), 3, 2, 1, 1, 23.5),
    _Lijn("B105", "DEMOBUS", "105", "Naarden-Bussum - Muiderberg - Muiden - Weesp", 3,
          ("S:NDB", "K:Naarden", "K:Muiderberg", "K:Muiden", "T:De Fabriek", "S:WP"),
          4, 2, 1, 1, 24.0),
    _Lijn("B106", "DEMOBUS", "106", "Laren - Eemnes - Baarn", 3,
          ("K:Laren", "P:145600,473900", "K:Eemnes", "P:147000,472000", "S:BRN"),
          2, 2, 1, 1, 23.0),
    _Lijn("B107", "DEMOBUS", "107", "Huizen - Naarden Zuid - Bussum", 3,
          ("T:Oude Haven", "K:Huizen", "P:142800,477700", "T:Naarden Zuid", "S:NDB",
           "K:Bussum"), 6, 4, 2, 2, 24.0),
    _Lijn("B108", "DEMOBUS", "108", "Huizen - Bijvanck - Blaricum - Laren", 3,
          ("K:Huizen", "T:Huizerhoeve", "T:Bijvanck", "K:Blaricum", "K:Laren"),
          3, 2, 1, 1, 23.0),
)
# fmt: on

_STRATEN = (
    "Kerkstraat",
    "Stationsweg",
    "Lindenlaan",
    "Eikenlaan",
    "Schoolstraat",
    "Dorpsstraat",
    "Molenweg",
    "Beukenlaan",
    "Torenlaan",
    "Brinkweg",
    "Vaartweg",
    "Heideweg",
    "Parklaan",
    "Julianalaan",
    "Oranjelaan",
    "Kastanjelaan",
    "Dijkweg",
    "Meentweg",
    "Zuiderweg",
    "Noorderweg",
    "Havenweg",
    "Bosweg",
    "Laanweg",
    "Weteringweg",
    "Kanaalweg",
    "Raadhuisstraat",
)
_FEESTDAGEN = ("20260101", "20260406", "20260427", "20260514", "20260525", "20261225")


@dataclass(frozen=True)
class _Punt:
    token: str
    x: float
    y: float
    halte: bool
    naam: str


def _lijn_punten(lijn: _Lijn) -> list[_Punt]:
    kernen = {k.naam: k for k in _KERNEN}
    stations = {s.code: s for s in _STATIONS}
    terreinen = {t.naam: t for t in _TERREINEN}
    out = []
    bus = lijn.soort == 3
    for token in lijn.haltes:
        kind, _, ref = token.partition(":")
        if kind == "S":
            s = stations[ref]
            dx, dy = (50.0, -40.0) if bus else (0.0, 0.0)
            naam = f"{s.naam}, Station" if bus else s.naam
            out.append(_Punt(token, s.x + dx, s.y + dy, True, naam))
        elif kind == "K":
            k = kernen[ref]
            out.append(_Punt(token, k.x, k.y, True, f"{k.naam}, Centrum"))
        elif kind == "T":
            t = terreinen[ref]
            out.append(_Punt(token, t.x, t.y, True, f"{_kern_of(t.x, t.y, t.gm).naam}, {t.naam}"))
        else:
            x, y = (float(v) for v in ref.split(","))
            out.append(_Punt(token, x, y, False, ""))
    return out


class _BusRoute:
    """Line geometry of a bus line (used for verkeer bestemmingen)."""

    def __init__(self, lijn: _Lijn) -> None:
        self.lijn = lijn
        self.punten = [(p.x, p.y) for p in _lijn_punten(lijn)]


def _bus_routes() -> list[_BusRoute]:
    return [_BusRoute(lijn) for lijn in _LIJNEN if lijn.soort == 3]


def _wgs84(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    tr = Transformer.from_crs(_RD, "EPSG:4326", always_xy=True)
    lon, lat = tr.transform(x, y)
    return np.round(np.asarray(lon), 6), np.round(np.asarray(lat), 6)


def _hhmmss(seconds: np.ndarray) -> np.ndarray:
    s = seconds.astype(np.int64)
    h, m, sec = s // 3600, (s // 60) % 60, s % 60
    z = np.char.zfill
    return np.char.add(
        np.char.add(np.char.add(z(h.astype(str), 2), ":"), np.char.add(z(m.astype(str), 2), ":")),
        z(sec.astype(str), 2),
    )


def _frequentie(lijn: _Lijn, service: str, uur: float) -> int:
    if service == "WE":
        return min(lijn.weekend, lijn.avond) if uur >= 20 else lijn.weekend
    if uur < 7 or uur >= 20:
        return lijn.avond
    if 7 <= uur < 9 or 16 <= uur < 18.5:
        return lijn.spits
    return lijn.dag


def _gtfs_tables(bebouwd: BaseGeometry, seed: int) -> dict[str, pd.DataFrame]:
    """All GTFS tables of the demo feed as DataFrames (text columns)."""
    rng = _rng(seed, "gtfs")
    stops: dict[str, dict[str, Any]] = {}
    street_no: dict[str, int] = {}
    routes, trips, stop_times = [], [], []
    for lijn in _LIJNEN:
        bus = lijn.soort == 3
        punten = _lijn_punten(lijn)
        line = shapely.LineString([(p.x, p.y) for p in punten])
        halte_pos: list[tuple[float, str]] = []  # distance along line, stop_id
        hubs = [(float(line.project(shapely.Point(p.x, p.y))), p) for p in punten if p.halte]
        for i, (d, p) in enumerate(hubs):
            sid = ("bus:" if bus else "rail:") + p.token[2:].replace(" ", "_").replace("'", "")
            stops.setdefault(sid, {"stop_id": sid, "stop_name": p.naam, "x": p.x, "y": p.y})
            halte_pos.append((d, sid))
            if not bus or i + 1 == len(hubs):
                continue
            d_next = hubs[i + 1][0]
            pos = d
            while True:
                probe = line.interpolate(pos + 300.0)
                dicht = bool(shapely.contains_xy(bebouwd, probe.x, probe.y))
                pos += rng.uniform(300, 600) if dicht else rng.uniform(900, 1500)
                if pos > d_next - 250:
                    break
                pt = line.interpolate(pos)
                kern = min(_KERNEN, key=lambda k: (k.x - pt.x) ** 2 + (k.y - pt.y) ** 2)
                no = street_no.get(kern.naam, 0)
                street_no[kern.naam] = no + 1
                straat = _STRATEN[no % len(_STRATEN)]
                suffix = "" if no < len(_STRATEN) else f" {no // len(_STRATEN) + 1}"
                sid = f"bus:{lijn.route_id}-{len(halte_pos):02d}"
                stops[sid] = {
                    "stop_id": sid,
                    "stop_name": f"{kern.naam}, {straat}{suffix}",
                    "x": pt.x,
                    "y": pt.y,
                }
                halte_pos.append((pos, sid))
        dist = np.array([d for d, _ in halte_pos])
        ids = [s for _, s in halte_pos]
        # Running time per leg: slower in built-up areas; dwell at every stop.
        seg = np.diff(dist)
        mid = [line.interpolate(v) for v in (dist[:-1] + seg / 2)]
        binnen = shapely.contains_xy(
            bebouwd, np.array([m.x for m in mid]), np.array([m.y for m in mid])
        )
        speed = np.where(binnen, 18.0, 42.0) if bus else np.full(len(seg), 75.0)
        leg = seg / (speed / 3.6) + (20.0 if bus else 60.0)
        routes.append(
            {
                "route_id": lijn.route_id,
                "agency_id": lijn.agency,
                "route_short_name": lijn.kort,
                "route_long_name": lijn.lang,
                "route_type": lijn.soort,
                "route_color": "FFC917" if not bus else "0078BE",
                "route_text_color": "000000" if not bus else "FFFFFF",
            }
        )
        for service, start in (("WD", 5.5), ("WE", 6.5)):
            for direction in (0, 1):
                order = ids if direction == 0 else ids[::-1]
                legs = leg if direction == 0 else leg[::-1]
                offs = np.r_[0.0, np.cumsum(legs)]
                t = start * 60 + rng.uniform(0, 12)
                deps = []
                while t <= lijn.laatste * 60:
                    deps.append(t)
                    t += 60.0 / _frequentie(lijn, service, (t / 60) % 24 if t < 1440 else 23)
                dep = np.round(np.array(deps)) * 60.0
                headsign = stops[order[-1]]["stop_name"].split(",")[0]
                trip_ids = [
                    f"{lijn.route_id}-{service}-{direction}-{k:03d}" for k in range(len(dep))
                ]
                trips.append(
                    pd.DataFrame(
                        {
                            "route_id": lijn.route_id,
                            "service_id": service,
                            "trip_id": trip_ids,
                            "trip_headsign": headsign,
                            "direction_id": direction,
                        }
                    )
                )
                secs = (np.round((dep[:, None] + offs[None, :]) / 60.0) * 60.0).ravel()
                times = _hhmmss(secs)
                stop_times.append(
                    pd.DataFrame(
                        {
                            "trip_id": np.repeat(trip_ids, len(order)),
                            "arrival_time": times,
                            "departure_time": times,
                            "stop_id": np.tile(order, len(dep)),
                            "stop_sequence": np.tile(np.arange(1, len(order) + 1), len(dep)),
                        }
                    )
                )
    st = pd.DataFrame(list(stops.values())).sort_values("stop_id").reset_index(drop=True)
    lon, lat = _wgs84(st["x"].to_numpy(), st["y"].to_numpy())
    stops_df = pd.DataFrame(
        {
            "stop_id": st["stop_id"],
            "stop_name": st["stop_name"],
            "stop_lat": lat,
            "stop_lon": lon,
            "location_type": 0,
        }
    )
    agency = pd.DataFrame(
        {
            "agency_id": ["DEMOTREIN", "DEMOBUS"],
            "agency_name": ["Spoor Demoregio (fictief)", "Gooi Bus (fictief)"],
            "agency_url": [
                "https://example.org/werkruimte/spoor",
                "https://example.org/werkruimte/bus",
            ],
            "agency_timezone": "Europe/Amsterdam",
            "agency_lang": "nl",
        }
    )
    calendar = pd.DataFrame(
        {
            "service_id": ["WD", "WE"],
            "monday": [1, 0],
            "tuesday": [1, 0],
            "wednesday": [1, 0],
            "thursday": [1, 0],
            "friday": [1, 0],
            "saturday": [0, 1],
            "sunday": [0, 1],
            "start_date": "20260101",
            "end_date": "20261231",
        }
    )
    calendar_dates = pd.DataFrame(
        {
            "service_id": ["WD", "WE"] * len(_FEESTDAGEN),
            "date": [d for d in _FEESTDAGEN for _ in range(2)],
            "exception_type": [2, 1] * len(_FEESTDAGEN),
        }
    )
    feed_info = pd.DataFrame(
        {
            "feed_publisher_name": ["werkruimte demoregio (fictief)"],
            "feed_publisher_url": ["https://example.org/werkruimte"],
            "feed_lang": ["nl"],
            "feed_start_date": ["20260101"],
            "feed_end_date": ["20261231"],
            "feed_version": [f"demo-{seed}"],
        }
    )
    return {
        "agency.txt": agency,
        "stops.txt": stops_df,
        "routes.txt": pd.DataFrame(routes),
        "trips.txt": pd.concat(trips, ignore_index=True),
        "stop_times.txt": pd.concat(stop_times, ignore_index=True),
        "calendar.txt": calendar,
        "calendar_dates.txt": calendar_dates,
        "feed_info.txt": feed_info,
    }


# --------------------------------------------------------------------------------------
# Glasvezel coverage raster
# --------------------------------------------------------------------------------------

_DEKKING = {
    "centrum": 98,
    "station": 97,
    "wonen": 95,
    "villa": 88,
    "maatschappelijk": 93,
    "sport": 75,
    "lint": 55,
    "agrarisch": 30,
    "agrarisch met waarden": 22,
    "natuur": 5,
    "bos": 5,
    "recreatie": 40,
    "water": 0,
}
_CEL = 50.0


def _glasvezel(zones: gpd.GeoDataFrame, gem: gpd.GeoDataFrame, seed: int) -> tuple[np.ndarray, Any]:
    """Coverage in percent (uint8, 255 = nodata) on a 50 m grid, and its transform."""
    from affine import Affine
    from rasterio import features

    rng = _rng(seed, "glasvezel")
    x0, y0, x1, y1 = gem.total_bounds
    x0, y0 = math.floor(x0 / _CEL) * _CEL, math.floor(y0 / _CEL) * _CEL
    x1, y1 = math.ceil(x1 / _CEL) * _CEL, math.ceil(y1 / _CEL) * _CEL
    width, height = int((x1 - x0) / _CEL), int((y1 - y0) / _CEL)
    tf = Affine(_CEL, 0.0, x0, 0.0, -_CEL, y1)
    terrein = {t.rin: t.glasvezel for t in _TERREINEN}
    base = np.array(
        [
            terrein[r]
            if z == "terrein"
            else _DEKKING[z] - (10 if g == "GM1696" and z in ("villa", "lint") else 0)
            for z, g, r in zip(zones["zone"], zones["gm"], zones["rin"], strict=True)
        ],
        dtype=np.float64,
    )
    shapes = list(zip(zones.geometry, np.arange(len(zones)), strict=True))
    idx = features.rasterize(
        shapes, out_shape=(height, width), transform=tf, fill=-1, dtype="int32"
    )
    inside = idx >= 0
    value = np.where(inside, base[np.clip(idx, 0, None)], 0.0)
    # Smooth noise (bilinear from a 1 km grid) plus a little per-cell noise.
    step = 20
    coarse = rng.normal(0.0, 7.0, (height // step + 2, width // step + 2))
    fy = np.arange(height) / step
    fx = np.arange(width) / step
    iy, ix = np.floor(fy).astype(int), np.floor(fx).astype(int)
    wy, wx = (fy - iy)[:, None], (fx - ix)[None, :]
    smooth = (
        coarse[iy][:, ix] * (1 - wy) * (1 - wx)
        + coarse[iy + 1][:, ix] * wy * (1 - wx)
        + coarse[iy][:, ix + 1] * (1 - wy) * wx
        + coarse[iy + 1][:, ix + 1] * wy * wx
    )
    value = value + smooth * np.where(value > 90, 0.3, 1.0) + rng.normal(0.0, 2.0, value.shape)
    out = np.clip(np.round(value), 0, 100).astype(np.uint8)
    out[~inside] = 255
    return out, tf


# --------------------------------------------------------------------------------------
# Motorway junctions
# --------------------------------------------------------------------------------------

_AFRITTEN = (
    ("Muiden", "A1", "4", "afrit", 136000, 480300),
    ("Knooppunt Muiderberg", "A1", None, "knooppunt", 137800, 479700),
    ("Muiderberg", "A1", "5", "afrit", 139300, 478850),
    ("Naarden", "A1", "6", "afrit", 140400, 478200),
    ("Bussum", "A1", "7", "afrit", 142300, 476600),
    ("Laren", "A1", "8", "afrit", 144000, 475500),
    ("Blaricum", "A1", "9", "afrit", 146000, 475650),
    ("Knooppunt Eemnes", "A1", None, "knooppunt", 148050, 475450),
    ("Eemnes/Baarn", "A1", "10", "afrit", 150500, 475550),
    ("Eemnes", "A27", "34", "afrit", 146900, 473700),
    ("Hilversum", "A27", "33", "afrit", 145150, 470450),
    ("Hilversum-Zuid", "A27", "32", "afrit", 144200, 467400),
    ("Utrecht-Noord", "A27", "30", "afrit", 142900, 462500),
)


def _afritten() -> gpd.GeoDataFrame:
    lines = {"A1": shapely.LineString(_A1), "A27": shapely.LineString(_A27)}
    rows = []
    for naam, weg, nummer, soort, x, y in _AFRITTEN:
        line = lines[weg]
        p = line.interpolate(line.project(shapely.Point(x, y)))
        rows.append(
            {
                "naam": naam,
                "weg": weg,
                "nummer": nummer,
                "soort": soort,
                "bron": BRON,
                "geometry": shapely.Point(round(p.x, 2), round(p.y, 2)),
            }
        )
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs=_RD)
    gdf["nummer"] = gdf["nummer"].astype("str")
    return gdf


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------


@contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it to ``path`` on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".werkruimte-tmp-{path.name}")
    if tmp.exists():
        tmp.unlink()
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _write_gpkg(gdf: gpd.GeoDataFrame, path: Path, layer: str) -> None:
    with _atomic(path) as tmp:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": _FIXED_DATE})
        try:
            pyogrio.write_dataframe(gdf, tmp, layer=layer, driver="GPKG", use_arrow=True)
        finally:
            pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})


def _write_text(text: str, path: Path) -> None:
    with _atomic(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")


def _write_gtfs(tables: dict[str, pd.DataFrame], path: Path) -> None:
    with _atomic(path) as tmp, zipfile.ZipFile(tmp, "w") as zf:
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
    with _atomic(path) as tmp, rasterio.open(tmp, "w", **profile) as dst:
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

Deze map bevat de ingebouwde demoregio van werkruimte. **Alle inhoud is FICTIEF**, met één
uitzondering: de gemeentegrenzen (`gemeenten.geojson`) zijn echte, gegeneraliseerde
CBS-grenzen (2025). Percelen, bedrijventerreinen, bestemmingsplannen, informele
werklocaties, de dienstregeling, de glasvezeldekking en de afritten zijn verzonnen, maar
wel geschreven in de echte formaten van de bronnen, zodat elke lader van werkruimte op de
demo wordt getest. Gebruik deze gegevens niet voor beleid of besluiten.

Kernen liggen op ongeveer hun echte plek, maar zijn verschoven waar de gegeneraliseerde
grenzen dat vragen (zo liggen Bussum en Naarden binnen de veelhoek van Gooise Meren).

## Opnieuw maken

```
werkruimte demo-data --out data --seed {seed}
# of
python scripts/make_demo_data.py --out data --seed {seed}
```

De generator (`werkruimte/demodata.py`) is deterministisch: met dezelfde seed ontstaan
dezelfde gegevens (GeoPackages met een vaste datum `{_FIXED_DATE}`). Seed van deze
versie: **{seed}**.

## Bestanden

- `gemeenten.geojson`: de 7 CBS-gemeentegrenzen 2025 (**echt**, gegeneraliseerd), EPSG:28992,
  velden `statcode` en `statnaam`.
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
        ``gemeenten``, ``readme``) to the file written.
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
    _write_gpkg(bestemmingen, paths["bestemmingsplannen"], "Enkelbestemming")
    _write_text(_imro_gml(bestemmingen, seed), paths["bestemmingsplan_gml"])
    hotspots = _hotspots(gem, seed)
    with _atomic(paths["hotspots"]) as tmp:
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
    ref = resources.files("werkruimte").joinpath("data", "gemeenten_gooi_vechtstreek_2025.geojson")
    src = (
        ref.read_bytes()
        if ref.is_file()
        else (
            Path(__file__).resolve().parent / "data" / "gemeenten_gooi_vechtstreek_2025.geojson"
        ).read_bytes()
    )
    target = paths["gemeenten"]
    if not target.exists() or target.read_bytes() != src:
        with _atomic(target) as tmp:
            tmp.write_bytes(src)
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
