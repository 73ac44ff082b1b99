"""Bad-input catalogue, every case through the command line.

A tiny valid region (8 parcels in Hilversum, two plans, one bedrijventerrein, two
hotspots, a GTFS folder, a coverage raster, one motorway exit) is built once; each
case copies it, breaks one thing and runs ``werkruimte score``. A case either

- fails with exit code 2 and exactly one line on stderr, ``fout: ...``, that names the
  culprit (file, layer, column, row or config key) and writes no output; or
- is mended: exit code 0 and a ``let op: ...`` line that counts what was done.

Never a traceback, and the input files are byte-identical after every run (no
sidecar files such as a GDAL ``.gfs`` either). Most cases call ``werkruimte.cli.main``
in-process; two run the real command in a subprocess.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import rasterio
import shapely
from pyproj import Transformer
from rasterio.transform import from_origin

from werkruimte.cli import main

X0, Y0 = 140_000.0, 470_000.0
TESTDATA = Path(__file__).parent / "data"
SIZES = [45.0, 45.0, 30.0, 30.0, 10.0, 45.0, 30.0, 10.0]


# ------------------------------------------------------------------ the tiny region


def parcels() -> gpd.GeoDataFrame:
    """8 square parcels 100 m apart (2025, 900 and 100 m²), BRK field names."""
    geoms, ids, reg = [], [], []
    for i, s in enumerate(SIZES):
        x = X0 + 100.0 * (i % 4)
        y = Y0 + 100.0 * (i // 4)
        geoms.append(shapely.box(x, y, x + s, y + s))
        ids.append(f"GVS00A{i:04d}G0000")
        reg.append(int(s * s))
    return gpd.GeoDataFrame(
        {
            "identificatieLokaalID": ids,
            "kadastraleGrootteWaarde": reg,
            "kadastraleGemeenteWaarde": ["Hilversum"] * len(ids),
            "sectie": ["A"] * len(ids),
            "perceelnummer": [str(i + 1) for i in range(len(ids))],
        },
        geometry=geoms,
        crs=28992,
    )


def write_raster(
    path: Path,
    *,
    values: np.ndarray | None = None,
    crs: str | None = "EPSG:28992",
    nodata: float = 255,
    origin: tuple[float, float] = (X0 - 200, Y0 + 1000),
    cell: float = 100.0,
) -> None:
    """A coverage raster: 80% in the west, 100% in the east (percent, uint8)."""
    if values is None:
        values = np.full((12, 14), 80, dtype="uint8")
        values[:, 7:] = 100
    profile = {
        "driver": "GTiff",
        "width": values.shape[-1],
        "height": values.shape[-2],
        "count": 1 if values.ndim == 2 else values.shape[0],
        "dtype": values.dtype,
        "transform": from_origin(origin[0], origin[1], cell, cell),
        "nodata": nodata,
    }
    if crs is not None:
        profile["crs"] = crs
    with rasterio.open(path, "w", **profile) as dst:
        if values.ndim == 2:
            dst.write(values, 1)
        else:
            dst.write(values)


def write_gtfs(folder: Path) -> None:
    """Two stops, a bus line (2 trips) and a train (1 trip) on weekdays of 2026."""
    folder.mkdir(parents=True, exist_ok=True)
    to_wgs = Transformer.from_crs(28992, 4326, always_xy=True)
    lon, lat = to_wgs.transform([X0 + 100, X0 + 300], [Y0 + 100, Y0 + 120])
    tables = {
        "agency": "agency_id,agency_name,agency_url,agency_timezone\n"
        "A,Test,https://example.org,Europe/Amsterdam",
        "stops": "stop_id,stop_name,stop_lat,stop_lon\n"
        f"S1,Halte 1,{lat[0]:.6f},{lon[0]:.6f}\nS2,Station,{lat[1]:.6f},{lon[1]:.6f}",
        "routes": "route_id,agency_id,route_short_name,route_type\nR1,A,1,3\nR2,A,IC,2",
        "trips": "route_id,service_id,trip_id\nR1,WD,T1\nR1,WD,T2\nR2,WD,T3",
        "stop_times": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
        "T1,08:20:00,08:20:00,S1,1\nT1,08:25:00,08:25:00,S2,2\n"
        "T2,08:50:00,08:50:00,S1,1\nT2,08:55:00,08:55:00,S2,2\n"
        "T3,08:30:00,08:30:00,S2,1\nT3,08:45:00,08:45:00,S1,2",
        "calendar": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
        "start_date,end_date\nWD,1,1,1,1,1,0,0,20260101,20261231",
    }
    for name, text in tables.items():
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")


def build_region(root: Path) -> Path:
    """Write the tiny region and its werkruimte.toml into ``root``; return the config."""
    root.mkdir(parents=True, exist_ok=True)
    gpd.GeoDataFrame(
        {"statnaam": ["Hilversum"], "statcode": ["GM0402"]},
        geometry=[shapely.box(X0 - 1000, Y0 - 1000, X0 + 1400, Y0 + 1200)],
        crs=28992,
    ).to_file(root / "gemeenten.geojson", driver="GeoJSON")
    parcels().to_file(root / "percelen.gpkg", layer="perceel")
    gpd.GeoDataFrame(
        {"bestemmingshoofdgroep": ["bedrijf", "wonen"], "naam": ["Bedrijf", "Wonen"]},
        geometry=[
            shapely.box(X0 - 50, Y0 - 50, X0 + 250, Y0 + 250),
            shapely.box(X0 + 250, Y0 - 50, X0 + 450, Y0 + 250),
        ],
        crs=28992,
    ).to_file(root / "plannen.gpkg", layer="Enkelbestemming")
    gpd.GeoDataFrame(
        {"RIN_NUMMER": ["402001"], "PLAN_NAAM": ["Testterrein"], "MILIEUCATEGORIE_MAX": [3.1]},
        geometry=[shapely.box(X0 - 20, Y0 - 20, X0 + 160, Y0 + 60)],
        crs=28992,
    ).to_file(root / "terreinen.gpkg", layer="bedrijventerreinen")
    (root / "hotspots.csv").write_text(
        "naam;type;x;y\nDe Loods;broedplaats;140150;470150\nStation;ov-knooppunt;140300;470050\n",
        encoding="utf-8",
    )
    gpd.GeoDataFrame(
        {"naam": ["afrit 1"]}, geometry=[shapely.Point(X0 + 900, Y0 + 900)], crs=28992
    ).to_file(root / "wegen.gpkg", layer="afritten")
    write_gtfs(root / "gtfs")
    write_raster(root / "dekking.tif")
    config = root / "werkruimte.toml"
    config.write_text(
        '[regio]\nnaam = "mini"\n\n[bronnen]\n'
        'percelen = "percelen.gpkg"\n'
        'gemeenten = "gemeenten.geojson"\n'
        'bestemmingsplannen = "plannen.gpkg"\n'
        'bedrijventerreinen = "terreinen.gpkg"\n'
        'hotspots = "hotspots.csv"\n'
        'gtfs = "gtfs"\n'
        'glasvezel = "dekking.tif"\n'
        'wegen = "wegen.gpkg"\n\n'
        "[criteria.gevoeligheid]\nruns = 10\n",
        encoding="utf-8",
    )
    return config


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mini") / "regio"
    build_region(root)
    return root


@pytest.fixture
def region(base: Path, tmp_path: Path) -> Path:
    root = tmp_path / "regio"
    shutil.copytree(base, root)
    return root


# ------------------------------------------------------------------ helpers


def setcfg(root: Path, old: str, new: str) -> None:
    cfg = root / "werkruimte.toml"
    text = cfg.read_text(encoding="utf-8")
    assert old in text, old
    cfg.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_cfg(root: Path, text: str) -> None:
    cfg = root / "werkruimte.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


def use_source(root: Path, key: str, old: str, new: str) -> None:
    setcfg(root, f'{key} = "{old}"', f'{key} = "{new}"')


def replace_parcels(root: Path, gdf: gpd.GeoDataFrame, **kwargs: object) -> None:
    (root / "percelen.gpkg").unlink()
    gdf.to_file(root / "percelen.gpkg", layer="perceel", **kwargs)


def with_geoms(gdf: gpd.GeoDataFrame, changes: dict[int, object]) -> gpd.GeoDataFrame:
    geoms = gdf.geometry.to_numpy().copy()
    for i, g in changes.items():
        geoms[i] = g
    return gdf.set_geometry(gpd.GeoSeries(geoms, crs=gdf.crs))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def truncate(path: Path, fraction: float = 0.5) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * fraction)])


def snapshot(root: Path) -> dict[str, str]:
    """sha256 of every input file (the output folder excluded)."""
    return {
        str(f.relative_to(root)): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in sorted(root.rglob("*"))
        if f.is_file() and "out" not in f.relative_to(root).parts
    }


@dataclass
class Run:
    code: int
    err: str
    out: str
    root: Path

    @property
    def outputs(self) -> list[str]:
        folder = self.root / "out"
        return sorted(p.name for p in folder.iterdir()) if folder.exists() else []

    def scored(self) -> gpd.GeoDataFrame:
        return gpd.read_file(self.root / "out" / "percelen_scores.gpkg", layer="percelen")


def run_score(
    root: Path, capsys: pytest.CaptureFixture[str], *extra: str, config: str = "werkruimte.toml"
) -> Run:
    before = snapshot(root)
    code = main(["score", "--config", str(root / config), "--out", str(root / "out"), *extra])
    captured = capsys.readouterr()
    assert snapshot(root) == before, "invoerbestanden zijn veranderd of aangevuld"
    assert "Traceback" not in captured.err
    return Run(code, captured.err, captured.out, root)


def assert_error(run: Run, needles: tuple[str, ...]) -> None:
    lines = run.err.strip().splitlines()
    assert run.code == 2, run.err
    assert len(lines) == 1, run.err
    assert lines[0].startswith("fout: ")
    for needle in needles:
        assert needle in lines[0], f"{needle!r} ontbreekt in: {lines[0]}"
    assert run.outputs == []  # nothing written, not even a temporary folder
    assert run.out == ""


def mended(run: Run) -> list[str]:
    assert run.code == 0, run.err
    return [line for line in run.err.splitlines() if line.startswith("let op: ")]


# ------------------------------------------------------------------ error cases

Case = Callable[[Path], None]


def _missing(root: Path) -> None:
    (root / "percelen.gpkg").unlink()


def _empty(root: Path) -> None:
    (root / "percelen.gpkg").write_bytes(b"")


def _truncated_gpkg(root: Path) -> None:
    truncate(root / "percelen.gpkg", 0.3)


def _text_as_gpkg(root: Path) -> None:
    (root / "percelen.gpkg").write_text("id;naam\n1;a\n", encoding="utf-8")


def _csv_percelen(root: Path) -> None:
    (root / "p.csv").write_text("identificatieLokaalID,kadastraleGrootteWaarde\nA,100\n")
    use_source(root, "percelen", "percelen.gpkg", "p.csv")


def _truncated_gml(root: Path) -> None:
    shutil.copy(TESTDATA / "brk" / "kadastralekaart_perceel_v5_sample.gml", root / "p.gml")
    (root / "p.gml").chmod(0o644)
    truncate(root / "p.gml")
    use_source(root, "percelen", "percelen.gpkg", "p.gml")


def _folder_as_percelen(root: Path) -> None:
    use_source(root, "percelen", "percelen.gpkg", "gtfs")


def _wrong_layer(root: Path) -> None:
    setcfg(root, 'percelen = "percelen.gpkg"', 'percelen = "percelen.gpkg"\npercelen_laag = "x"')


def _wrong_layer_plans(root: Path) -> None:
    setcfg(
        root,
        'bestemmingsplannen = "plannen.gpkg"',
        'bestemmingsplannen = "plannen.gpkg"\nbestemmingsplannen_laag = "Bestemming"',
    )


def _missing_id(root: Path) -> None:
    replace_parcels(root, parcels().drop(columns="identificatieLokaalID"))


def _misspelled_id(root: Path) -> None:
    replace_parcels(
        root, parcels().rename(columns={"identificatieLokaalID": "identificatieLokalID"})
    )


def _misspelled_hoofdgroep(root: Path) -> None:
    plans = gpd.read_file(root / "plannen.gpkg")
    (root / "plannen.gpkg").unlink()
    plans.rename(columns={"bestemmingshoofdgroep": "bestemingshoofdgroep"}).to_file(
        root / "plannen.gpkg", layer="Enkelbestemming"
    )


def _area_as_bad_text(root: Path) -> None:
    gdf = parcels()
    gdf["kadastraleGrootteWaarde"] = gdf["kadastraleGrootteWaarde"].astype(str)
    gdf.loc[3, "kadastraleGrootteWaarde"] = "ca. 900"
    replace_parcels(root, gdf)


def _milieucategorie_text(root: Path) -> None:
    terrein = gpd.read_file(root / "terreinen.gpkg")
    terrein["MILIEUCATEGORIE_MAX"] = ["hoog"]
    (root / "terreinen.gpkg").unlink()
    terrein.to_file(root / "terreinen.gpkg", layer="bedrijventerreinen")


def _all_empty(root: Path) -> None:
    gdf = parcels()
    replace_parcels(root, with_geoms(gdf, dict.fromkeys(range(len(gdf)))))


def _lonlat_as_rd(root: Path) -> None:
    replace_parcels(root, parcels().to_crs(4326).set_crs(28992, allow_override=True))


def _rd_as_lonlat(root: Path) -> None:
    replace_parcels(root, parcels().set_crs(4326, allow_override=True))


def _duplicate_ids(root: Path) -> None:
    gdf = parcels()
    gdf.loc[1, "identificatieLokaalID"] = gdf.loc[0, "identificatieLokaalID"]
    replace_parcels(root, gdf)


def _shapefile_without_crs(root: Path) -> None:
    gdf = parcels()[["identificatieLokaalID", "geometry"]].rename(
        columns={"identificatieLokaalID": "perceel_id"}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "'crs' was not provided"
        gdf.set_crs(None, allow_override=True).to_file(root / "p.shp")
    use_source(root, "percelen", "percelen.gpkg", "p.shp")


def _hotspots_rd_as_lonlat(root: Path) -> None:
    (root / "hotspots.csv").write_text("naam;type;lon;lat\nA;broedplaats;140150;470150\n")


def _hotspots_lonlat_as_xy(root: Path) -> None:
    (root / "hotspots.csv").write_text("naam;type;x;y\nA;broedplaats;5.17;52.22\n")


def _hotspots_no_coordinates(root: Path) -> None:
    (root / "hotspots.csv").write_text("naam;type;adres\nA;broedplaats;Laan 1\n")


def _hotspots_bad_number(root: Path) -> None:
    (root / "hotspots.csv").write_text(
        "naam;type;x;y\nA;broedplaats;140150;470150\nB;flexplek;14O150;470150\n"
    )


def _gtfs_missing_file(root: Path) -> None:
    (root / "gtfs" / "stop_times.txt").unlink()


def _gtfs_no_calendar(root: Path) -> None:
    (root / "gtfs" / "calendar.txt").unlink()


def _gtfs_bad_time(root: Path) -> None:
    edit(root / "gtfs" / "stop_times.txt", "T2,08:50:00,08:50:00", "T2,8h50,8h50")


def _gtfs_route_type_text(root: Path) -> None:
    edit(root / "gtfs" / "routes.txt", "R1,A,1,3", "R1,A,1,bus")


def _gtfs_stops_in_rd(root: Path) -> None:
    (root / "gtfs" / "stops.txt").write_text(
        "stop_id,stop_name,stop_lat,stop_lon\nS1,Halte 1,470100,140100\nS2,Station,470120,140300\n"
    )


def _gtfs_lat_lon_swapped(root: Path) -> None:
    path = root / "gtfs" / "stops.txt"
    head, *rows = path.read_text().splitlines()
    swapped = [",".join([a, b, d, c]) for a, b, c, d in (r.split(",") for r in rows)]
    path.write_text("\n".join([head, *swapped]) + "\n")


def _gtfs_missing_column(root: Path) -> None:
    edit(root / "gtfs" / "trips.txt", "route_id,service_id,trip_id", "route_id,service,trip_id")


def _gtfs_not_a_zip(root: Path) -> None:
    (root / "g.zip").write_text("hallo")
    use_source(root, "gtfs", "gtfs", "g.zip")


def _gtfs_truncated_zip(root: Path) -> None:
    shutil.make_archive(str(root / "g"), "zip", root / "gtfs")
    truncate(root / "g.zip")
    use_source(root, "gtfs", "gtfs", "g.zip")


def _gtfs_no_service(root: Path) -> None:
    add_cfg(root, '[criteria.ov]\ndatum = "20300101"')


def _raster_no_crs(root: Path) -> None:
    write_raster(root / "dekking.tif", crs=None)


def _raster_percent_as_fraction(root: Path) -> None:
    add_cfg(root, '[criteria.glasvezel]\neenheid = "fractie"')


def _raster_all_nodata(root: Path) -> None:
    write_raster(root / "dekking.tif", values=np.full((12, 14), 255, dtype="uint8"))


def _raster_out_of_range(root: Path) -> None:
    write_raster(root / "dekking.tif", values=np.full((12, 14), 180, dtype="uint8"))


def _raster_not_a_raster(root: Path) -> None:
    (root / "dekking.tif").write_text("geen raster")


def _raster_truncated(root: Path) -> None:
    truncate(root / "dekking.tif")


def _raster_two_bands(root: Path) -> None:
    write_raster(root / "dekking.tif", values=np.full((2, 4, 4), 50, dtype="uint8"))


def _raster_lonlat_as_rd(root: Path) -> None:
    write_raster(
        root / "dekking.tif",
        values=np.full((4, 4), 50, dtype="uint8"),
        origin=(5.1, 52.3),
        cell=0.01,
    )


def _cfg_unknown_key(root: Path) -> None:
    add_cfg(root, "[criteria.grootte]\ngroot_mn = 1400.0")


def _cfg_unknown_table(root: Path) -> None:
    setcfg(root, "[regio]", '[regoi]\nnaam = "x"\n\n[regio]')


def _cfg_wrong_type(root: Path) -> None:
    setcfg(root, "runs = 10", 'runs = "tien"')


def _cfg_number_for_table(root: Path) -> None:
    setcfg(root, "[criteria.gevoeligheid]", "[criteria]\ngrootte = 5\n\n[criteria.gevoeligheid]")


def _cfg_number_for_path(root: Path) -> None:
    setcfg(root, 'percelen = "percelen.gpkg"', "percelen = 5")


def _cfg_zero_weights(root: Path) -> None:
    add_cfg(
        root,
        "[criteria.profielen.schuifruimte.gewichten]\n"
        "grootte = 0\nbestemming = 0\nbedrijventerrein = 0\nov = 0\nglasvezel = 0\nauto = 0",
    )


def _cfg_negative_weight(root: Path) -> None:
    add_cfg(root, "[criteria.profielen.middensegment.gewichten]\nstation = -1.5")


def _cfg_bad_toml(root: Path) -> None:
    setcfg(root, "runs = 10", "runs = = 10")


def _cfg_missing(root: Path) -> None:
    (root / "werkruimte.toml").unlink()


def _cfg_size_bounds(root: Path) -> None:
    add_cfg(root, "[criteria.grootte]\ngroot_min = 3000.0")


def _cfg_bad_date(root: Path) -> None:
    add_cfg(root, '[criteria.ov]\ndatum = "2026-13-45"')


def _cfg_bad_time(root: Path) -> None:
    add_cfg(root, '[criteria.ov]\nbegin = "8 uur"')


def _cfg_unknown_profile_key(root: Path) -> None:
    add_cfg(root, "[criteria.profielen.schuifruimte]\ntopn = 5")


def _cfg_bad_value_function(root: Path) -> None:
    add_cfg(
        root,
        "[criteria.profielen.schuifruimte.waardefuncties]\n"
        'ov = { type = "log", kolom = "ov_index" }',
    )


def _cfg_bad_unit(root: Path) -> None:
    add_cfg(root, '[criteria.glasvezel]\neenheid = "promille"')


def _cfg_negative_spread(root: Path) -> None:
    setcfg(root, "runs = 10", "runs = 10\nspreiding = -1.0")


def _cfg_negative_runs(root: Path) -> None:
    setcfg(root, "runs = 10", "runs = -5")


def _cfg_no_parcels(root: Path) -> None:
    setcfg(root, 'percelen = "percelen.gpkg"', 'percelen = ""')


ERRORS = [
    # files
    pytest.param(_missing, ("percelen.gpkg", "bestaat niet"), id="bestand-ontbreekt"),
    pytest.param(_empty, ("percelen.gpkg", "leeg (0 bytes)"), id="bestand-leeg"),
    pytest.param(
        _truncated_gpkg,
        ("percelen.gpkg", "kan percelen niet lezen", "afgekapt"),
        id="gpkg-afgekapt",
    ),
    pytest.param(
        _text_as_gpkg, ("percelen.gpkg", "niet lezen als geografisch bestand"), id="tekst-als-gpkg"
    ),
    pytest.param(_csv_percelen, ("p.csv", "geen geometrie"), id="niet-geografisch-csv"),
    pytest.param(_truncated_gml, ("p.gml", "afgekapt", "</kk:DKK>"), id="gml-afgekapt"),
    pytest.param(_folder_as_percelen, ("gtfs", "maar dit is een map"), id="map-als-bestand"),
    # layers and columns
    pytest.param(_wrong_layer, ("laag 'x'", "gevonden lagen: perceel"), id="laag-onbekend"),
    pytest.param(
        _wrong_layer_plans,
        ("plannen.gpkg", "laag 'Bestemming'", "gevonden lagen: Enkelbestemming"),
        id="laag-plannen-onbekend",
    ),
    pytest.param(
        _missing_id,
        ("kolom 'perceel_id'", "identificatieLokaalID", "gevonden kolommen: kadastraleGrootte"),
        id="kolom-ontbreekt",
    ),
    pytest.param(
        _misspelled_id, ("kolom 'perceel_id'", "identificatieLokalID"), id="kolom-verspeld"
    ),
    pytest.param(
        _misspelled_hoofdgroep,
        ("plannen.gpkg", "kolom 'bestemmingshoofdgroep'", "bestemingshoofdgroep"),
        id="kolom-verspeld-plannen",
    ),
    pytest.param(
        _area_as_bad_text,
        ("percelen.gpkg", "kolom 'kadastrale_grootte_m2'", "rij 3", "'ca. 900'"),
        id="getal-als-tekst-onleesbaar",
    ),
    pytest.param(
        _milieucategorie_text,
        ("terreinen.gpkg", "kolom 'milieucategorie_max'", "rij 0", "'hoog'"),
        id="milieucategorie-tekst",
    ),
    # geometry and coordinates
    pytest.param(_all_empty, ("percelen.gpkg", "geen (bruikbare) objecten"), id="alle-leeg"),
    pytest.param(
        _lonlat_as_rd, ("percelen.gpkg", "lengte-/breedtegraden", "EPSG:4326"), id="lonlat-als-rd"
    ),
    pytest.param(_rd_as_lonlat, ("percelen.gpkg", "RD-meters", "EPSG:28992"), id="rd-als-lonlat"),
    pytest.param(
        _shapefile_without_crs, ("p.shp", "geen coördinatenstelsel", "crs"), id="geen-crs"
    ),
    pytest.param(
        _duplicate_ids,
        ("kolom 'perceel_id'", "'GVS00A0000G0000' komt 2 keer voor", "rijen 0, 1"),
        id="dubbele-id",
    ),
    pytest.param(
        _hotspots_rd_as_lonlat, ("hotspots.csv", "RD-coördinaten", "lon=140150"), id="csv-rd-lonlat"
    ),
    pytest.param(
        _hotspots_lonlat_as_xy,
        ("hotspots.csv", "lengte-/breedtegraden", "x=5.17"),
        id="csv-lonlat-xy",
    ),
    pytest.param(
        _hotspots_no_coordinates, ("hotspots.csv", "geen coördinaatkolommen"), id="csv-geen-xy"
    ),
    pytest.param(
        _hotspots_bad_number, ("hotspots.csv", "kolom 'x'", "rij 1", "'14O150'"), id="csv-getal"
    ),
    # GTFS
    pytest.param(_gtfs_missing_file, ("gtfs", "ontbreken: stop_times.txt"), id="gtfs-bestand"),
    pytest.param(
        _gtfs_no_calendar, ("calendar.txt of calendar_dates.txt",), id="gtfs-geen-kalender"
    ),
    pytest.param(
        _gtfs_bad_time,
        ("laag 'stop_times.txt'", "kolom 'departure_time'", "'8h50'", "25:10:00"),
        id="gtfs-tijd",
    ),
    pytest.param(
        _gtfs_route_type_text, ("laag 'routes.txt'", "kolom 'route_type'", "'bus'"), id="gtfs-type"
    ),
    pytest.param(
        _gtfs_stops_in_rd, ("laag 'stops.txt'", "kolom 'stop_lat'", "WGS84"), id="gtfs-rd"
    ),
    pytest.param(_gtfs_lat_lon_swapped, ("stops.txt", "verwisseld"), id="gtfs-verwisseld"),
    pytest.param(_gtfs_missing_column, ("laag 'trips.txt'", "kolom 'service_id'"), id="gtfs-kolom"),
    pytest.param(_gtfs_not_a_zip, ("g.zip", "geen GTFS-zipbestand"), id="gtfs-geen-zip"),
    pytest.param(_gtfs_truncated_zip, ("g.zip", "afgekapt"), id="gtfs-zip-afgekapt"),
    pytest.param(_gtfs_no_service, ("criteria.ov.datum", "20300101"), id="gtfs-geen-dienst"),
    # raster
    pytest.param(_raster_no_crs, ("dekking.tif", "geen coördinatenstelsel"), id="raster-geen-crs"),
    pytest.param(
        _raster_percent_as_fraction,
        ("dekking.tif", "criteria.glasvezel.eenheid", "tot 100"),
        id="raster-procent-als-fractie",
    ),
    pytest.param(_raster_all_nodata, ("dekking.tif", "alleen nodata"), id="raster-nodata"),
    pytest.param(_raster_out_of_range, ("dekking.tif", "buiten 0..100"), id="raster-bereik"),
    pytest.param(
        _raster_not_a_raster, ("dekking.tif", "niet lezen als raster"), id="raster-geen-raster"
    ),
    pytest.param(_raster_truncated, ("dekking.tif", "afgekapt"), id="raster-afgekapt"),
    pytest.param(_raster_two_bands, ("dekking.tif", "2 banden"), id="raster-banden"),
    pytest.param(
        _raster_lonlat_as_rd, ("dekking.tif", "lengte-/breedtegraden"), id="raster-lonlat-als-rd"
    ),
    # configuration
    pytest.param(
        _cfg_unknown_key,
        ("werkruimte.toml", "sleutel 'criteria.grootte.groot_mn'", "bedoelde u 'groot_min'"),
        id="config-onbekende-sleutel",
    ),
    pytest.param(
        _cfg_unknown_table, ("sleutel 'regoi'", "bedoelde u 'regio'"), id="config-onbekende-tabel"
    ),
    pytest.param(
        _cfg_wrong_type,
        ("sleutel 'criteria.gevoeligheid.runs'", "verwacht getal", "'tien'"),
        id="config-type",
    ),
    pytest.param(
        _cfg_number_for_table,
        ("sleutel 'criteria.grootte'", "verwacht een tabel"),
        id="config-getal-voor-tabel",
    ),
    pytest.param(
        _cfg_number_for_path,
        ("sleutel 'bronnen.percelen'", "verwacht tekst"),
        id="config-getal-voor-pad",
    ),
    pytest.param(
        _cfg_zero_weights,
        ("sleutel 'criteria.profielen.schuifruimte.gewichten'", "tellen op tot 0"),
        id="config-gewichten-nul",
    ),
    pytest.param(
        _cfg_negative_weight,
        ("sleutel 'criteria.profielen.middensegment.gewichten.station'", "-1.5"),
        id="config-gewicht-negatief",
    ),
    pytest.param(_cfg_bad_toml, ("werkruimte.toml", "geen geldige TOML"), id="config-toml"),
    pytest.param(_cfg_missing, ("werkruimte.toml", "bestaat niet"), id="config-ontbreekt"),
    pytest.param(
        _cfg_size_bounds, ("criteria.grootte", "moeten oplopen"), id="config-grootteklassen"
    ),
    pytest.param(_cfg_bad_date, ("criteria.ov.datum", "2026-13-45"), id="config-datum"),
    pytest.param(_cfg_bad_time, ("criteria.ov.begin", "8 uur"), id="config-tijd"),
    pytest.param(
        _cfg_unknown_profile_key,
        ("criteria.profielen.schuifruimte.topn", "bedoelde u 'top_n'"),
        id="config-profielsleutel",
    ),
    pytest.param(
        _cfg_bad_value_function,
        ("waardefuncties.ov.type", "'log'"),
        id="config-waardefunctie",
    ),
    pytest.param(_cfg_bad_unit, ("criteria.glasvezel.eenheid", "promille"), id="config-eenheid"),
    pytest.param(
        _cfg_negative_spread, ("criteria.gevoeligheid.spreiding", "-1.0"), id="config-spreiding"
    ),
    pytest.param(_cfg_negative_runs, ("criteria.gevoeligheid.runs", "-5"), id="config-runs"),
    pytest.param(_cfg_no_parcels, ("geen percelen opgegeven",), id="config-geen-percelen"),
]


# ------------------------------------------------------------------ limits (issue 12)


def _hotspots_dev_zero(root: Path) -> None:
    use_source(root, "hotspots", "hotspots.csv", "/dev/zero")


def _hotspots_too_many_lines(root: Path) -> None:
    add_cfg(root, "[limieten]\ntabel_regels = 2")


def _gtfs_member_too_big(root: Path) -> None:
    # stop_times.txt of the mini feed is 270 bytes; the limit is 200 bytes.
    add_cfg(root, "[limieten]\ngtfs_bestand_mb = 0.0002")


def _gtfs_zip_bomb(root: Path) -> None:
    """A 50 kB zip whose stop_times.txt unpacks to 50 MB (limit 10 MB)."""
    import zipfile

    with zipfile.ZipFile(root / "bom.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted((root / "gtfs").iterdir()):
            zf.write(f, f.name)
        zf.writestr("stop_times.txt", b"0" * 50_000_000)
    use_source(root, "gtfs", "gtfs", "bom.zip")
    add_cfg(root, "[limieten]\ngtfs_bestand_mb = 10.0")


def _gtfs_too_many_rows(root: Path) -> None:
    add_cfg(root, "[limieten]\ngtfs_regels = 5")


def _raster_too_many_cells(root: Path) -> None:
    add_cfg(root, "[limieten]\nraster_cellen = 100")  # the mini raster has 12 x 14 = 168


def _percelen_too_big(root: Path) -> None:
    add_cfg(root, "[limieten]\nbestand_mb = 0.001")


def _cfg_nested_deep(root: Path) -> None:
    add_cfg(root, "x = " + "[" * 20_000 + "]" * 20_000)


def _cfg_dotted_deep(root: Path) -> None:
    add_cfg(root, ".".join(["a"] * 500) + " = 1")


def _cfg_too_big(root: Path) -> None:
    add_cfg(root, "# " + "x" * 2_000_000)


LIMITS = [
    pytest.param(_hotspots_dev_zero, ("/dev/zero", "geen gewoon bestand"), id="hotspots-dev-zero"),
    pytest.param(
        _hotspots_too_many_lines, ("hotspots.csv", "tabel_regels"), id="hotspots-te-veel-regels"
    ),
    pytest.param(
        _gtfs_member_too_big, ("stop_times.txt", "gtfs_bestand_mb"), id="gtfs-bestand-te-groot"
    ),
    pytest.param(
        _gtfs_zip_bomb, ("bom.zip", "stop_times.txt", "uitgepakt 50 MB"), id="gtfs-zipbom"
    ),
    pytest.param(_gtfs_too_many_rows, ("gtfs", "gtfs_regels"), id="gtfs-te-veel-regels"),
    pytest.param(
        _raster_too_many_cells, ("dekking.tif", "14 × 12", "raster_cellen"), id="raster-te-groot"
    ),
    pytest.param(_percelen_too_big, ("percelen.gpkg", "bestand_mb"), id="percelen-te-groot"),
    pytest.param(_cfg_nested_deep, ("werkruimte.toml", "dieper genest"), id="config-diep-genest"),
    pytest.param(_cfg_dotted_deep, ("werkruimte.toml", "dieper genest"), id="config-diepe-sleutel"),
    pytest.param(_cfg_too_big, ("werkruimte.toml", "kB"), id="config-te-groot"),
]


@pytest.mark.parametrize(("breaks", "needles"), LIMITS)
def test_input_beyond_a_limit_is_refused_before_reading(
    region: Path, capsys: pytest.CaptureFixture[str], breaks: Case, needles: tuple[str, ...]
) -> None:
    breaks(region)
    assert_error(run_score(region, capsys, "-q"), needles)


@pytest.mark.parametrize(("breaks", "needles"), ERRORS)
def test_bad_input_is_named_and_nothing_is_written(
    region: Path, capsys: pytest.CaptureFixture[str], breaks: Case, needles: tuple[str, ...]
) -> None:
    breaks(region)
    assert_error(run_score(region, capsys, "-q"), needles)


def test_unknown_profile_option(region: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run = run_score(region, capsys, "-q", "--profiel", "kantoren")
    assert_error(run, ("profiel 'kantoren' bestaat niet", "schuifruimte, middensegment"))


def test_previous_outputs_survive_a_bad_run(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_score(region, capsys, "-q").code == 0
    out = region / "out"
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    _cfg_zero_weights(region)
    run = run_score(region, capsys)
    assert run.code == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


# ------------------------------------------------------------------ mended cases


def test_points_and_lines_among_parcels_are_dropped(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace_parcels(
        region,
        with_geoms(
            parcels(),
            {
                2: shapely.Point(X0 + 210, Y0 + 10),
                5: shapely.LineString([(X0, Y0), (X0 + 10, Y0 + 10)]),
            },
        ),
    )
    run = run_score(region, capsys)
    assert "let op: percelen: 2 objecten zonder vlakgeometrie (punt, lijn) weggelaten." in mended(
        run
    )
    assert run.scored()["perceel_id"].str[-8:-5].tolist() == [
        "000",
        "001",
        "003",
        "004",
        "006",
        "007",
    ]


def test_invalid_geometry_is_repaired(region: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A bow tie over the first 45 x 45 m parcel: two triangles of 45 * 22.5 / 2 m².
    bowtie = shapely.Polygon([(X0, Y0), (X0 + 45, Y0 + 45), (X0 + 45, Y0), (X0, Y0 + 45)])
    replace_parcels(region, with_geoms(parcels(), {0: bowtie}))
    run = run_score(region, capsys)
    assert "let op: percelen: 1 ongeldige geometrieën hersteld (make_valid)." in mended(run)
    scored = run.scored()
    assert scored.geometry.iloc[0].area == pytest.approx(2 * 45 * 22.5 / 2)
    assert scored["oppervlakte_m2"].iloc[0] == 2025.0  # the registered area still counts
    assert scored.geometry.is_valid.all()


def test_empty_and_missing_geometries_are_dropped(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace_parcels(region, with_geoms(parcels(), {1: shapely.Polygon(), 4: None}))
    run = run_score(region, capsys)
    assert "let op: percelen: 2 objecten met lege of ontbrekende geometrie weggelaten." in mended(
        run
    )
    assert len(run.scored()) == 6


def test_3d_parcels_from_gml_become_2d(region: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gdf = parcels()
    gdf = gdf.set_geometry(shapely.force_3d(gdf.geometry.to_numpy(), 2.5))
    gdf.to_file(region / "p.gml", driver="GML")
    use_source(region, "percelen", "percelen.gpkg", "p.gml")
    run = run_score(region, capsys, "-q")
    assert run.code == 0, run.err
    scored = run.scored()
    assert not scored.geometry.has_z.any()
    assert scored.geometry.area.tolist() == [s * s for s in SIZES]


def test_curved_parcels_from_gml_are_linearised(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Three 40 x 40 m squares whose north side is a circular arc through the midpoint
    # 15 m above it. The circle: r = (20² + 15²) / (2 * 15) = 20.833 m; the circular
    # segment r² acos((r - 15) / r) - (r - 15) * 20 = 441.93 m²; total 2041.93 m².
    members = []
    for i in range(3):
        x, y = X0 + 100 * i, Y0
        members.append(
            f'<gml:featureMember><p:perceel gml:id="p{i}">'
            f"<p:identificatieLokaalID>ID{i}</p:identificatieLokaalID><p:geom>"
            '<gml:Polygon srsName="urn:ogc:def:crs:EPSG::28992"><gml:exterior><gml:Ring>'
            "<gml:curveMember><gml:Curve><gml:segments>"
            f"<gml:LineStringSegment><gml:posList>{x} {y} {x + 40} {y} {x + 40} {y + 40}"
            "</gml:posList></gml:LineStringSegment>"
            f"<gml:Arc><gml:posList>{x + 40} {y + 40} {x + 20} {y + 55} {x} {y + 40}"
            "</gml:posList></gml:Arc>"
            f"<gml:LineStringSegment><gml:posList>{x} {y + 40} {x} {y}</gml:posList>"
            "</gml:LineStringSegment>"
            "</gml:segments></gml:Curve></gml:curveMember></gml:Ring></gml:exterior>"
            "</gml:Polygon></p:geom></p:perceel></gml:featureMember>"
        )
    (region / "p.gml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<p:FeatureCollection '
        'xmlns:p="http://example.org/p" xmlns:gml="http://www.opengis.net/gml/3.2">'
        + "".join(members)
        + "</p:FeatureCollection>\n",
        encoding="utf-8",
    )
    use_source(region, "percelen", "percelen.gpkg", "p.gml")
    run = run_score(region, capsys, "-q")
    assert run.code == 0, run.err
    scored = run.scored()
    r = (20.0**2 + 15.0**2) / (2 * 15.0)
    exact = 1600.0 + r * r * np.arccos((r - 15.0) / r) - (r - 15.0) * 20.0
    assert exact == pytest.approx(2041.93, abs=0.01)
    assert np.allclose(scored["oppervlakte_m2"], exact, atol=1.0)
    assert (shapely.get_num_coordinates(scored.geometry.to_numpy()) > 10).all()


def test_numbers_as_text_in_dutch_notation(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gdf = parcels()
    gdf["kadastraleGrootteWaarde"] = ["2.025", "2.025", "900", "900", "100", "2.025", "900", "100"]
    replace_parcels(region, gdf)
    terrein = gpd.read_file(region / "terreinen.gpkg")
    terrein["MILIEUCATEGORIE_MAX"] = ["3,1"]
    (region / "terreinen.gpkg").unlink()
    terrein.to_file(region / "terreinen.gpkg", layer="bedrijventerreinen")
    run = run_score(region, capsys, "-q")
    assert run.code == 0, run.err
    scored = run.scored()
    assert scored["oppervlakte_m2"].tolist() == [s * s for s in SIZES]
    assert scored["milieucategorie_max"].iloc[0] == 3.1


def test_parcels_in_wgs84_are_reprojected(region: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parcels().to_crs(4326).to_file(region / "p.geojson", driver="GeoJSON")
    use_source(region, "percelen", "percelen.gpkg", "p.geojson")
    run = run_score(region, capsys)
    assert "let op: percelen: 8 objecten omgezet van EPSG:4326 naar RD New (EPSG:28992)." in (
        mended(run)
    )
    assert np.allclose(run.scored().geometry.area, [s * s for s in SIZES], rtol=1e-4)


def test_configured_crs_for_a_file_without_one(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _shapefile_without_crs(region)
    setcfg(region, "[bronnen]", '[bronnen]\ncrs = "EPSG:28992"')
    run = run_score(region, capsys)
    assert any("EPSG:28992 aangenomen" in line for line in mended(run))
    assert len(run.scored()) == 8


def test_gtfs_times_after_midnight_are_valid(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stop_times = region / "gtfs" / "stop_times.txt"
    edit(stop_times, "T2,08:50:00,08:50:00", "T2,25:10:00,25:10:00")
    edit(stop_times, "T2,08:55:00,08:55:00", "T2,25:15:00,25:15:00")
    run = run_score(region, capsys)
    assert run.code == 0, run.err
    assert mended(run) == []


def test_unknown_route_type_is_left_out(region: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(region / "gtfs" / "routes.txt", "R1,A,1,3", "R1,A,1,42")
    run = run_score(region, capsys)
    assert any("1 lijnen met onbekend route_type (42)" in line for line in mended(run))


def test_gtfs_feed_outside_the_netherlands_is_said(
    region: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(region / "gtfs")
    shutil.copytree(TESTDATA / "gtfs" / "transitfeed_sample_feed", region / "gtfs")
    for f in (region / "gtfs").iterdir():
        f.chmod(0o644)
    run = run_score(region, capsys)
    assert "let op: OV-dienstregeling (GTFS): geen enkele van de 10 haltes ligt in Nederland" in (
        run.err
    )
    # A feed that reaches no parcel is an error before any scoring (issue 11): it would
    # otherwise set every OV value to 0 in silence.
    assert run.code == 2
    assert "OV-dienstregeling (GTFS): bereikt 0 van 8 percelen" in run.err
    assert "min_dekking_fout" in run.err
    assert not (region / "out").exists() or not any((region / "out").iterdir())
    # Lowering the threshold in the config is the way to run anyway.
    with (region / "werkruimte.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n[criteria]\nmin_dekking_fout = 0.0\n")
    run = run_score(region, capsys)
    assert run.code == 0, run.err
    scored = run.scored()
    # not "PTAL 0 everywhere" in silence: unknown, and the uitleg says why
    assert scored["ov_index"].isna().all()
    assert (scored["bron_ov"] == "onbekend").all()
    with_ov = scored[scored["uitleg"].str.contains("OV-bereikbaarheid", regex=False)]
    assert with_ov["uitleg"].str.contains("bereikt dit perceel niet", regex=False).all()


def test_lines_among_plans_are_dropped(region: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plans = gpd.read_file(region / "plannen.gpkg")
    road = gpd.GeoDataFrame(
        {"bestemmingshoofdgroep": ["verkeer"], "naam": ["weg"]},
        geometry=[shapely.LineString([(X0, Y0), (X0 + 100, Y0 + 100)])],
        crs=28992,
    )
    (region / "plannen.gpkg").unlink()
    pd.concat([plans, road], ignore_index=True).to_file(
        region / "plannen.gpkg", layer="Enkelbestemming", geometry_type="Unknown"
    )
    run = run_score(region, capsys)
    assert "let op: bestemmingsplannen: 1 objecten zonder vlakgeometrie (lijn) weggelaten." in (
        mended(run)
    )


def test_fraction_raster_and_auto_unit(region: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = np.full((12, 14), 0.25, dtype="float32")
    values[:, 7:] = 0.75
    write_raster(region / "dekking.tif", values=values, nodata=-1)
    run = run_score(region, capsys, "-q")
    assert run.code == 0, run.err
    # Raster columns 0-6 cover x < X0 + 500, so every parcel (x < X0 + 345) gets 0.25.
    assert np.allclose(run.scored()["glasvezel_dekking"], 0.25)


# ------------------------------------------------------------------ real command


def test_end_to_end_bad_input_in_a_subprocess(region: Path) -> None:
    for breaks, needle in ((_missing, "bestaat niet"), (_cfg_unknown_key, "groot_mn")):
        breaks(region)
        before = snapshot(region)
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "werkruimte.cli",
                "score",
                "--config",
                str(region / "werkruimte.toml"),
                "--out",
                str(region / "out"),
                "-q",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert proc.returncode == 2, proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("fout: ") and needle in lines[0]
        assert "Traceback" not in proc.stderr and proc.stdout == ""
        assert not (region / "out").exists()
        assert snapshot(region) == before
