"""PTAL (OV-bereikbaarheid) on hand-made GTFS feeds, with hand-computed values."""

from __future__ import annotations

import itertools
import warnings
from pathlib import Path

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import pytest
import shapely
from pyproj import Transformer

from werkruimte.errors import ConfigError, HerstelWaarschuwing
from werkruimte.indicators.ov import (
    PtalOpties,
    ov_vertrekken,
    ptal,
    ptal_klasse,
    ptal_raster,
    stations,
)
from werkruimte.sources.gtfs import OVFeed, load_gtfs
from werkruimte.sources.loopnetwerk import load_loopnetwerk

TRANSITFEED = Path(__file__).parent / "data" / "gtfs" / "transitfeed_sample_feed"

_TO_RD = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
_TO_WGS = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)


def lonlat(x: float, y: float) -> tuple[float, float]:
    """WGS84 of an RD point such that projecting it back gives (x, y) to ~1e-9 m.

    A plain inverse transformation is off by ~0.5 mm (the datum shift is not exactly
    invertible); a few Newton-like corrections make the hand-computed distances exact.
    """
    lon0, lat0 = _TO_WGS.transform(x, y)
    lon, lat = lon0, lat0
    for _ in range(3):
        bx, by = _TO_RD.transform(lon, lat)
        clon, clat = _TO_WGS.transform(2 * x - bx, 2 * y - by)
        lon, lat = lon + (clon - lon0), lat + (clat - lat0)
    return lon, lat


def write_feed(folder: Path, tables: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (folder / f"{name}.txt").write_text(text.strip() + "\n", encoding="utf-8")
    return folder


def stops_txt(rows: list[tuple[str, float, float, int, str]]) -> str:
    lines = ["stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station"]
    for stop_id, x, y, loc, parent in rows:
        lon, lat = lonlat(x, y)
        lines.append(f"{stop_id},Halte {stop_id},{lat!r},{lon!r},{loc},{parent}")
    return "\n".join(lines)


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}:00"


def trip_rows(trip_id: str, calls: list[tuple[str, int]]) -> list[str]:
    """stop_times rows; ``calls`` are (stop_id, minutes after midnight)."""
    return [
        f"{trip_id},{hhmm(m)},{hhmm(m)},{stop},{seq + 1}" for seq, (stop, m) in enumerate(calls)
    ]


# The parcel P: a 20 x 20 m square centred on (140000, 470000) in RD (Hilversum).
PX, PY = 140_000.0, 470_000.0


def square(x: float, y: float, half: float = 10.0) -> shapely.Polygon:
    return shapely.box(x - half, y - half, x + half, y + half)


@pytest.fixture(scope="module")
def hand_feed(tmp_path_factory: pytest.TempPathFactory) -> OVFeed:
    """Two bus routes, a railway and some distractors around parcel P.

    - L1 (route_type 700 = bus): stop B1A 400 m east, then B1B 600 m north, then FAR.
      Departures at B1A 08:10, 08:20, 08:35, 08:50, 09:05, 09:15 -> 4 in [08:15, 09:15);
      at B1B three minutes later -> also 4 (08:13 and 09:18 fall outside).
    - L2 (route_type 3 = bus): stop B2 300 m west, used in both directions.
      direction 0: 08:15 (start is inclusive), 08:25, 08:35, 08:45, 08:55, 09:05 -> 6;
      direction 1: 08:20, 08:40, 09:00, 25:10 (valid GTFS, outside the window) -> 3.
    - L3 (bus): stop B3 700 m south (beyond 640 m), 12 departures in the window.
    - T1 (route_type 2 = rail): platform R1 900 m west (parent station RS);
      frequencies.txt: every 30 min from 08:00 to 10:00 -> 08:30 and 09:00 in window.
    - X (route_type 42, unknown): stop U1 50 m east, 10 departures: ignored, with warning.
    Service WD runs Monday-Friday 6-10 Jan 2025; ZA (Saturday 11 Jan) has 20 L3 trips
    (busiest day overall); calendar_dates adds service EXTRA on Wednesday 8 Jan with one
    L3 trip, so the busiest weekday is 20250108.
    """
    stops = stops_txt(
        [
            ("B1A", PX + 400, PY, 0, ""),
            ("B1B", PX, PY + 600, 0, ""),
            ("B2", PX - 300, PY, 0, ""),
            ("B3", PX, PY - 700, 0, ""),
            ("RS", PX - 900, PY, 1, ""),
            ("R1", PX - 900, PY, 0, "RS"),
            ("U1", PX + 50, PY, 0, ""),
            ("FAR", PX + 5000, PY, 0, ""),
            ("WEST", PX - 5000, PY, 0, ""),
        ]
    )
    routes = "\n".join(
        [
            "route_id,route_short_name,route_type",
            "L1,1,700",
            "L2,2,3",
            "L3,3,3",
            "T1,Trein,2",
            "X,X,42",
        ]
    )
    trips = ["route_id,service_id,trip_id,direction_id"]
    times = ["trip_id,arrival_time,departure_time,stop_id,stop_sequence"]
    for m in (8 * 60 + 10, 8 * 60 + 20, 8 * 60 + 35, 8 * 60 + 50, 9 * 60 + 5, 9 * 60 + 15):
        trips.append(f"L1,WD,L1_{m},0")
        times += trip_rows(f"L1_{m}", [("B1A", m), ("B1B", m + 3), ("FAR", m + 15)])
    for m in range(8 * 60 + 15, 9 * 60 + 15, 10):
        trips.append(f"L2,WD,L2a_{m},0")
        times += trip_rows(f"L2a_{m}", [("B2", m), ("FAR", m + 20)])
    for m in (8 * 60 + 20, 8 * 60 + 40, 9 * 60, 25 * 60 + 10):
        trips.append(f"L2,WD,L2b_{m},1")
        times += trip_rows(f"L2b_{m}", [("FAR", m - 20), ("B2", m), ("WEST", m + 20)])
    for m in range(8 * 60 + 15, 9 * 60 + 15, 5):
        trips.append(f"L3,WD,L3_{m},0")
        times += trip_rows(f"L3_{m}", [("B3", m), ("FAR", m + 20)])
    for m in range(8 * 60 + 15, 9 * 60 + 15, 6):
        trips.append(f"X,WD,X_{m},0")
        times += trip_rows(f"X_{m}", [("U1", m), ("FAR", m + 20)])
    for i in range(20):
        trips.append(f"L3,ZA,L3za_{i},0")
        times += trip_rows(f"L3za_{i}", [("B3", 8 * 60 + 3 * i), ("FAR", 8 * 60 + 3 * i + 20)])
    trips.append("L3,EXTRA,L3extra,0")
    times += trip_rows("L3extra", [("B3", 12 * 60), ("FAR", 12 * 60 + 20)])
    trips.append("T1,WD,T1f,0")
    times += trip_rows("T1f", [("R1", 7 * 60), ("WEST", 7 * 60 + 20)])
    folder = write_feed(
        tmp_path_factory.mktemp("hand") / "gtfs",
        {
            "agency": "agency_id,agency_name,agency_url,agency_timezone\n"
            "A,Fictief OV,https://example.org,Europe/Amsterdam",
            "stops": stops,
            "routes": routes,
            "trips": "\n".join(trips),
            "stop_times": "\n".join(times),
            "calendar": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
            "start_date,end_date\n"
            "WD,1,1,1,1,1,0,0,20250106,20250110\n"
            "ZA,0,0,0,0,0,1,0,20250106,20250111",
            "calendar_dates": "service_id,date,exception_type\nEXTRA,20250108,1",
            "frequencies": "trip_id,start_time,end_time,headway_secs\nT1f,08:00:00,10:00:00,1800",
        },
    )
    with pytest.warns(HerstelWaarschuwing, match="1 lijnen met onbekend route_type"):
        return load_gtfs(folder)


def parcels() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"perceel_id": ["P", "VER", "LEEG"]},
        geometry=[square(PX, PY), square(PX + 10_000, PY + 10_000), None],
        index=pd.Index([10, 20, 30]),
        crs="EPSG:28992",
    )


# Hand computation for parcel P (walk 80 m/min; SWT = 0.5 * 60 / f; TAT = walk + SWT + R):
#   L1 at B1A: 400 m -> 5.0 min; f = 4/h -> SWT 7.5; R 2.0 -> TAT 14.5 ; EDF 30/14.5
#   L1 at B1B: 600 m -> 7.5 min; SWT 7.5; R 2.0 -> TAT 17.0 (not the best stop: ignored)
#   L2 at B2 : 300 m -> 3.75 min; f = 6/h (busier direction) -> SWT 5.0 -> TAT 10.75;
#              EDF 30/10.75
#   L3 at B3 : 700 m > 640 m -> not an access point
#   T1 at R1 : 900 m (<= 960) -> 11.25 min; f = 2/h -> SWT 15.0; R 0.75 -> TAT 27.0;
#              EDF 30/27
#   X        : unknown route_type -> ignored
#   bus  = max EDF + 0.5 * other = 30/10.75 + 0.5 * 30/14.5 = 2.790697674 + 1.034482759
#   rail = 30/27 = 1.111111111
#   index = 30/10.75 + 15/14.5 + 30/27 = 4.936291544... -> band 1b (2.5 < i <= 5)
EXPECTED_P = 30 / 10.75 + 0.5 * 30 / 14.5 + 30 / 27


def test_ptal_hand_computed(hand_feed: OVFeed) -> None:
    assert hand_feed.busiest_weekday() == "20250108"
    result = ptal(parcels(), hand_feed)
    assert list(result.columns) == ["ov_index", "ov_klasse"]
    assert result.index.equals(pd.Index([10, 20, 30]))
    assert result["ov_index"].dtype == "float64"
    assert result["ov_klasse"].dtype == "string"
    assert result.loc[10, "ov_index"] == pytest.approx(EXPECTED_P, abs=1e-9)
    assert result.loc[10, "ov_klasse"] == "1b"
    assert result.loc[20, "ov_index"] == 0.0
    assert result.loc[20, "ov_klasse"] == "0"
    assert np.isnan(result.loc[30, "ov_index"])
    assert pd.isna(result.loc[30, "ov_klasse"])


def test_ptal_same_on_explicit_weekday(hand_feed: OVFeed) -> None:
    result = ptal(parcels().iloc[:1], hand_feed, datum="2025-01-06")
    assert result.iloc[0]["ov_index"] == pytest.approx(EXPECTED_P, abs=1e-9)


def test_ptal_saturday_has_only_l3(hand_feed: OVFeed) -> None:
    # On Saturday only L3 runs (700 m away, beyond 640 m): no access at all.
    result = ptal(parcels().iloc[:1], hand_feed, datum="20250111")
    assert result.iloc[0]["ov_index"] == 0.0
    # With a longer bus limit L3 counts: 20 trips between 08:00 and 08:57; in the window
    # 08:15-09:15 are 08:15, 08:18, ..., 08:57 -> 15/h; SWT 2.0; walk 700/80 = 8.75;
    # TAT = 8.75 + 2 + 2 = 12.75; index = 30/12.75.
    result = ptal(parcels().iloc[:1], hand_feed, datum="20250111", max_loopafstand_bus_m=700)
    assert result.iloc[0]["ov_index"] == pytest.approx(30 / 12.75, abs=1e-9)


def test_ptal_settings_change_the_index(hand_feed: OVFeed) -> None:
    # Walking twice as fast halves the walk times:
    # L1 2.5 + 7.5 + 2 = 12; L2 1.875 + 5 + 2 = 8.875; T1 5.625 + 15 + 0.75 = 21.375.
    result = ptal(parcels().iloc[:1], hand_feed, loopsnelheid_m_per_min=160.0)
    expected = 30 / 8.875 + 0.5 * 30 / 12 + 30 / 21.375
    assert result.iloc[0]["ov_index"] == pytest.approx(expected, abs=1e-9)
    # A rail limit of 850 m drops the railway.
    result = ptal(parcels().iloc[:1], hand_feed, max_loopafstand_rail_m=850.0)
    assert result.iloc[0]["ov_index"] == pytest.approx(30 / 10.75 + 15 / 14.5, abs=1e-9)


def test_ptal_opties_object_and_single_settings(hand_feed: OVFeed) -> None:
    # The same fast walk as above, given as PtalOpties; a single setting overrides it.
    fast = PtalOpties(loopsnelheid_m_per_min=160.0)
    result = ptal(parcels().iloc[:1], hand_feed, opties=fast)
    expected = 30 / 8.875 + 0.5 * 30 / 12 + 30 / 21.375
    assert result.iloc[0]["ov_index"] == pytest.approx(expected, abs=1e-9)
    # Fast walk, but no railway within 850 m: 30/8.875 + 15/12.
    result = ptal(parcels().iloc[:1], hand_feed, opties=fast, max_loopafstand_rail_m=850.0)
    assert result.iloc[0]["ov_index"] == pytest.approx(30 / 8.875 + 15 / 12, abs=1e-9)
    # The whole [criteria.ov] table can be spread into ptal(), as the chain does.
    from werkruimte.config import default_config

    o = default_config().criteria["ov"]
    result = ptal(parcels().iloc[:1], hand_feed, **o)
    assert result.iloc[0]["ov_index"] == pytest.approx(EXPECTED_P, abs=1e-9)


def test_ptal_opties_checked() -> None:
    with pytest.raises(ConfigError, match=r"criteria\.ov\.max_loopafstand_bus_m"):
        PtalOpties(max_loopafstand_bus_m=-1.0)
    with pytest.raises(ConfigError, match=r"criteria\.ov\.betrouwbaarheid_rail_min"):
        PtalOpties(betrouwbaarheid_rail_min=-0.5)
    assert PtalOpties(betrouwbaarheid_bus_min=0.0).betrouwbaarheid_bus_min == 0.0


def test_ptal_unknown_setting(hand_feed: OVFeed) -> None:
    with pytest.raises(ConfigError, match=r"criteria\.ov\.loopsnelheid\b.*onbekende"):
        ptal(parcels(), hand_feed, loopsnelheid=100.0)


def test_ptal_raster_one_cell_is_the_parcel(hand_feed: OVFeed) -> None:
    # One 20 m cell centred on P: the PTAL of P (1b), the cell itself as the polygon.
    raster = ptal_raster(square(PX, PY), hand_feed, cel_m=20.0)
    assert raster.crs == "EPSG:28992"
    assert raster["ov_klasse"].tolist() == ["1b"]
    assert raster.geometry.iloc[0].equals(square(PX, PY))


def test_ptal_raster_grows_cells_and_dissolves_per_band(hand_feed: OVFeed) -> None:
    area = shapely.box(PX - 100, PY - 100, PX + 100, PY + 100)
    # 40 000 m² in cells of 20 m would be 100 cells; at most 4 allowed:
    # sqrt(40 000 / 4) = 100 m, a multiple of 50 -> four cells of 100 m.
    raster = ptal_raster(area, hand_feed, cel_m=20.0, max_cellen=4)
    assert raster.geometry.area.sum() == pytest.approx(40_000.0)
    assert shapely.union_all(raster.geometry.to_numpy()).equals(area)
    # The bands are those of the four cell centres (PX ± 50, PY ± 50), in band order.
    centres = gpd.GeoDataFrame(
        geometry=[square(PX + dx, PY + dy, 50.0) for dx in (-50, 50) for dy in (-50, 50)],
        crs="EPSG:28992",
    )
    bands = set(ptal(centres, hand_feed)["ov_klasse"])
    assert raster["ov_klasse"].tolist() == sorted(bands, key=["0", "1a", "1b", "2"].index)
    # West of P (nearer B2, 6/h, and the railway) access is better than east of it:
    # centre (PX - 50, PY + 50): B2 254,95 m -> TAT 3,187 + 5 + 2; L1 via B1A 452,77 m
    # -> TAT 5,660 + 7,5 + 2; T1 851,47 m -> TAT 10,643 + 15 + 0,75;
    # index 30/10,187 + 15/15,160 + 30/26,393 = 5,07 -> band 2.
    nw = ptal(centres.iloc[[1]], hand_feed)["ov_index"].iloc[0]
    assert nw == pytest.approx(
        30 / (np.hypot(250, 50) / 80 + 7.0)
        + 15 / (np.hypot(450, 50) / 80 + 9.5)
        + 30 / (np.hypot(850, 50) / 80 + 15.75),
        abs=1e-9,
    )
    assert "2" in raster["ov_klasse"].tolist()


def test_ptal_raster_without_feed_or_area(hand_feed: OVFeed) -> None:
    assert ptal_raster(square(PX, PY), None).empty
    assert ptal_raster(shapely.Polygon(), hand_feed).empty
    # A thin area whose cell centres all fall outside it has no cells either.
    assert ptal_raster(shapely.box(PX, PY, PX + 1000, PY + 1), hand_feed, cel_m=250).empty


def test_ptal_without_feed() -> None:
    result = ptal(parcels(), None)
    assert result["ov_index"].isna().all()
    assert result["ov_klasse"].isna().all()
    assert result.index.equals(parcels().index)


def test_ptal_does_not_change_input(hand_feed: OVFeed) -> None:
    gdf = parcels()
    before = gdf.copy()
    ptal(gdf, hand_feed)
    pd.testing.assert_frame_equal(gdf, before)


def test_ptal_reprojects_parcels(hand_feed: OVFeed) -> None:
    wgs = parcels().iloc[:1].to_crs("EPSG:4326")
    result = ptal(wgs, hand_feed)
    assert result.iloc[0]["ov_index"] == pytest.approx(EXPECTED_P, abs=1e-4)


def test_ptal_bad_settings(hand_feed: OVFeed) -> None:
    with pytest.raises(ConfigError, match=r"criteria\.ov\.datum"):
        ptal(parcels(), hand_feed, datum="2025-13-45")
    with pytest.raises(ConfigError, match="geen enkele rit"):
        ptal(parcels(), hand_feed, datum="20250112")
    with pytest.raises(ConfigError, match=r"criteria\.ov\.eind"):
        ptal(parcels(), hand_feed, begin="09:15:00", eind="08:15:00")
    with pytest.raises(ConfigError, match=r"criteria\.ov\.begin"):
        ptal(parcels(), hand_feed, begin="8u15")
    with pytest.raises(ConfigError, match="loopsnelheid"):
        ptal(parcels(), hand_feed, loopsnelheid_m_per_min=0.0)


def test_ptal_klasse_bounds() -> None:
    values = pd.Series([0.0, 1e-9, 2.5, 2.51, 5.0, 10.0, 15.0, 20.0, 25.0, 40.0, 40.01, np.nan])
    expected = ["0", "1a", "1a", "1b", "1b", "2", "3", "4", "5", "6a", "6b", pd.NA]
    got = ptal_klasse(values)
    assert got.dtype == "string"
    assert got.tolist() == expected


def test_ov_vertrekken_hand_feed(hand_feed: OVFeed) -> None:
    table = ov_vertrekken(hand_feed)
    assert table.crs.to_epsg() == 28992
    by_id = table.set_index("stop_id")
    assert "RS" not in by_id.index  # a parent station is no boarding point
    # B2: 6 (direction 0) + 3 (direction 1) departures of L2.
    assert by_id.loc["B2", "vertrekken"] == 9
    assert by_id.loc["B1A", "vertrekken"] == 4
    assert by_id.loc["R1", "vertrekken"] == 2
    assert by_id.loc["R1", "modi"] == "trein"
    assert by_id.loc["U1", "vertrekken"] == 10
    assert by_id.loc["U1", "modi"] == ""
    assert by_id.loc["FAR", "lijnen"] == 1  # L2 direction 1 starts there
    assert by_id.loc["B2", "per_uur"] == 9.0


def test_stations_collapse_to_parent(hand_feed: OVFeed) -> None:
    # T1 calls at platform R1 (parent RS) and ends at WEST (no parent station).
    table = stations(hand_feed)
    assert table["station_id"].tolist() == ["RS", "WEST"]
    assert table["naam"].tolist() == ["Halte RS", "Halte WEST"]
    assert table["modi"].tolist() == ["trein", "trein"]
    assert table["perrons"].tolist() == [1, 1]
    assert table.geometry.iloc[0].distance(shapely.Point(PX - 900, PY)) < 1e-6
    assert table.geometry.iloc[1].distance(shapely.Point(PX - 5000, PY)) < 1e-6


def test_ov_vertrekken_transitfeed_frequencies() -> None:
    # Google's sample feed runs CITY1/CITY2 every 10 minutes from 08:00 (frequencies.txt).
    # In [08:15, 09:15): STAGECOACH 08:20..09:10 = 6 (CITY1; STBA has pickup_type 1 there,
    # CITY2 ends there); NANAA CITY1 +7 min 08:17..09:07 = 6 and CITY2 +21 min
    # 08:21..09:11 = 6; BULLFROG only BFC1 at 08:20 (AB1 ends there).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        feed = load_gtfs(TRANSITFEED)
    assert feed.busiest_weekday() == "20070101"
    table = ov_vertrekken(feed).set_index("stop_id")
    assert len(table) == 9
    counts = table["vertrekken"].to_dict()
    assert counts == {
        "FUR_CREEK_RES": 0,
        "BEATTY_AIRPORT": 0,
        "BULLFROG": 1,
        "STAGECOACH": 6,
        "NADAV": 12,
        "NANAA": 12,
        "DADAN": 12,
        "EMSI": 6,
        "AMV": 0,
    }
    assert table.loc["STAGECOACH", "modi"] == "bus"
    assert stations(feed).empty


# --------------------------------------------------------------------- walking network

# An L-shaped network around P (node A at the centroid):
#   E (-50, 0) -- A (0, 0) -- C (300, 0) -- S (300, 400)      bus stop S
#                 A (0, 0) -- D (0, -400) -- R (300, -400)    rail stop R
# Straight: S and R are both 500 m away. Along the network both are 700 m.
NODES = {
    1: (PX, PY),  # A
    2: (PX - 50, PY),  # E (makes A a junction, so osmnx keeps it)
    3: (PX + 300, PY),  # C
    4: (PX + 300, PY + 400),  # S
    5: (PX, PY - 400),  # D
    6: (PX + 300, PY - 400),  # R
}
WAYS = {10: [2, 1, 3, 4], 11: [1, 5, 6]}


@pytest.fixture(scope="module")
def l_feed(tmp_path_factory: pytest.TempPathFactory) -> OVFeed:
    """Bus NB at S (6 per hour) and rail NR at R (4 per hour), weekdays."""
    stops = stops_txt(
        [
            ("S", *NODES[4], 0, ""),
            ("R", *NODES[6], 0, ""),
            ("END", PX + 8000, PY, 0, ""),
        ]
    )
    trips = ["route_id,service_id,trip_id,direction_id"]
    times = ["trip_id,arrival_time,departure_time,stop_id,stop_sequence"]
    for m in range(8 * 60 + 15, 9 * 60 + 15, 10):
        trips.append(f"NB,WD,NB_{m},0")
        times += trip_rows(f"NB_{m}", [("S", m), ("END", m + 20)])
    for m in range(8 * 60 + 15, 9 * 60 + 15, 15):
        trips.append(f"NR,WD,NR_{m},0")
        times += trip_rows(f"NR_{m}", [("R", m), ("END", m + 20)])
    folder = write_feed(
        tmp_path_factory.mktemp("lnet") / "gtfs",
        {
            "stops": stops,
            "routes": "route_id,route_type\nNB,3\nNR,2",
            "trips": "\n".join(trips),
            "stop_times": "\n".join(times),
            "calendar": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
            "start_date,end_date\nWD,1,1,1,1,1,0,0,20250106,20250110",
        },
    )
    return load_gtfs(folder)


# Straight: bus 500/80 = 6.25 + SWT 5 + 2 = 13.25; rail 6.25 + SWT 7.5 + 0.75 = 14.5.
EXPECTED_STRAIGHT = 30 / 13.25 + 30 / 14.5  # 4.3331... -> 1b
# Network: bus 700 m > 640 m -> gone; rail 700/80 = 8.75 + 7.5 + 0.75 = 17.0.
EXPECTED_NETWORK = 30 / 17.0  # 1.7647... -> 1a


def code_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(crs="EPSG:28992")
    for n, (x, y) in NODES.items():
        g.add_node(n, x=x, y=y)
    for nodes in WAYS.values():
        for a, b in itertools.pairwise(nodes):
            (ax, ay), (bx, by) = NODES[a], NODES[b]
            g.add_edge(a, b, length=float(np.hypot(ax - bx, ay - by)))
    return g


def test_ptal_network_distance_exact(l_feed: OVFeed) -> None:
    gdf = parcels().iloc[:1]
    straight = ptal(gdf, l_feed)
    assert straight.iloc[0]["ov_index"] == pytest.approx(EXPECTED_STRAIGHT, abs=1e-9)
    assert straight.iloc[0]["ov_klasse"] == "1b"
    network = ptal(gdf, l_feed, loopnetwerk=code_graph())
    assert network.iloc[0]["ov_index"] == pytest.approx(EXPECTED_NETWORK, abs=1e-9)
    assert network.iloc[0]["ov_klasse"] == "1a"


def test_ptal_network_adds_snap_distances(l_feed: OVFeed) -> None:
    # A parcel 30 m north of A: 30 m to node A, then 700 m to R (730 m):
    # walk 9.125 + 7.5 + 0.75 = 17.375. The bus stays out of reach (730 > 640).
    gdf = gpd.GeoDataFrame(geometry=[square(PX, PY + 30)], crs="EPSG:28992")
    result = ptal(gdf, l_feed, loopnetwerk=code_graph())
    assert result.iloc[0]["ov_index"] == pytest.approx(30 / 17.375, abs=1e-9)


def osm_xml() -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="test">']
    for n, (x, y) in NODES.items():
        lon, lat = lonlat(x, y)
        lines.append(f'  <node id="{n}" lat="{lat!r}" lon="{lon!r}"/>')
    for w, nodes in WAYS.items():
        lines.append(f'  <way id="{w}">')
        lines += [f'    <nd ref="{n}"/>' for n in nodes]
        lines.append('    <tag k="highway" v="footway"/>')
        lines.append("  </way>")
    # A building outline is not a path: the loader drops it.
    lines.append('  <node id="90" lat="52.3" lon="5.3"/><node id="91" lat="52.3001" lon="5.3"/>')
    lines.append('  <way id="99"><nd ref="90"/><nd ref="91"/><tag k="building" v="yes"/></way>')
    lines.append("</osm>")
    return "\n".join(lines)


def test_loopnetwerk_from_osm_xml(tmp_path: Path, l_feed: OVFeed) -> None:
    path = tmp_path / "gebied.osm"
    path.write_text(osm_xml(), encoding="utf-8")
    with pytest.warns(HerstelWaarschuwing, match="1 verbindingen zonder begaanbare"):
        graph = load_loopnetwerk(path)
    assert str(graph.graph["crs"]).upper().endswith("28992")
    # Simplified: A (junction), E, S and R remain; C and D are interstitial.
    assert sorted(graph.nodes) == [1, 2, 4, 6]
    a = graph.nodes[1]
    assert a["x"] == pytest.approx(PX, abs=0.01)
    assert a["y"] == pytest.approx(PY, abs=0.01)
    lengths = {(u, v): d["length"] for u, v, d in graph.edges(data=True)}
    # Lengths are measured in RD (osmnx's spherical lengths would be ~698.8 m here).
    assert lengths[(1, 4)] == pytest.approx(700.0, abs=0.01)
    assert lengths[(1, 6)] == pytest.approx(700.0, abs=0.01)
    result = ptal(parcels().iloc[:1], l_feed, loopnetwerk=graph)
    assert result.iloc[0]["ov_index"] == pytest.approx(EXPECTED_NETWORK, abs=1e-5)
    assert result.iloc[0]["ov_klasse"] == "1a"


def test_loopnetwerk_graphml_roundtrip(tmp_path: Path) -> None:
    import osmnx as ox

    graph = code_graph()
    for n, (x, y) in NODES.items():
        lon, lat = lonlat(x, y)
        graph.nodes[n]["x"], graph.nodes[n]["y"] = lon, lat
    graph.graph["crs"] = "EPSG:4326"
    path = tmp_path / "net.graphml"
    ox.save_graphml(graph, path)
    loaded = load_loopnetwerk(path)
    assert loaded.nodes[4]["x"] == pytest.approx(PX + 300, abs=0.01)
    assert loaded.number_of_edges() == graph.number_of_edges()


def test_loopnetwerk_bad_files(tmp_path: Path) -> None:
    from werkruimte.errors import InputError

    bad = tmp_path / "kapot.osm"
    bad.write_text("<osm><node id='1' lat='52.1'", encoding="utf-8")
    with pytest.raises(InputError, match=r"kapot\.osm"):
        load_loopnetwerk(bad)
    noways = tmp_path / "leeg.osm"
    noways.write_text(
        '<osm version="0.6"><node id="1" lat="52.1" lon="5.1"/>'
        '<node id="2" lat="52.2" lon="5.1"/>'
        '<way id="3"><nd ref="1"/><nd ref="2"/><tag k="building" v="yes"/></way></osm>',
        encoding="utf-8",
    )
    with (
        pytest.warns(HerstelWaarschuwing),
        pytest.raises(InputError, match="geen wegen of paden"),
    ):
        load_loopnetwerk(noways)
    with pytest.raises(InputError, match="bestaat niet"):
        load_loopnetwerk(tmp_path / "nergens.graphml")
    garbage = tmp_path / "net.graphml"
    garbage.write_text("dit is geen graphml", encoding="utf-8")
    with pytest.raises(InputError, match="GraphML"):
        load_loopnetwerk(garbage)
