"""GTFS loader: real sample feeds load unchanged; bad feeds give clear errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from werkruimte.errors import HerstelWaarschuwing, InputError
from werkruimte.sources.gtfs import (
    OVFeed,
    load_gtfs,
    modus_from_route_type,
    parse_gtfs_times,
)

DATA = Path(__file__).parent / "data" / "gtfs"
TRANSITFEED = DATA / "transitfeed_sample_feed"
VBB = DATA / "vbb_havelbus_subset"
DEMO_GTFS = Path(__file__).parents[1] / "werkruimte" / "demo" / "data" / "ov" / "gtfs.zip"

# A minimal valid feed near Hilversum: one bus route, two stops, two trips.
MINIMAL = {
    "agency": "agency_id,agency_name,agency_url,agency_timezone\n"
    "A,Fictief,https://example.org,Europe/Amsterdam",
    "stops": "stop_id,stop_name,stop_lat,stop_lon\n"
    "S1,Stationsplein,52.2259,5.1810\n"
    "S2,Kerkbrink,52.2230,5.1760",
    "routes": "route_id,route_short_name,route_type\nR1,1,3",
    "trips": "route_id,service_id,trip_id,direction_id\nR1,WD,T1,0\nR1,WD,T2,1",
    "stop_times": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
    "T1,08:20:00,08:20:00,S1,1\n"
    "T1,08:30:00,08:30:00,S2,2\n"
    "T2,25:10:00,25:10:00,S2,1\n"
    "T2,25:20:00,25:20:00,S1,2",
    "calendar": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
    "start_date,end_date\nWD,1,1,1,1,1,0,0,20250106,20250110",
}


def write_feed(folder: Path, tables: dict[str, str | None]) -> Path:
    """Write the tables (None = leave the file out) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        if text is not None:
            (folder / f"{name}.txt").write_text(text.strip() + "\n", encoding="utf-8")
    return folder


def feed_with(tmp_path: Path, **changes: str | None) -> Path:
    return write_feed(tmp_path / "gtfs", {**MINIMAL, **changes})


def load_quietly(path: Path) -> OVFeed:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HerstelWaarschuwing)
        return load_gtfs(path)


# ---------------------------------------------------------------- real feeds


def test_transitfeed_sample_loads() -> None:
    feed = load_quietly(TRANSITFEED)
    assert len(feed.stops) == 10
    assert len(feed.routes) == 5
    assert len(feed.trips) == 11
    assert len(feed.frequencies) == 11
    assert feed.stops.crs.to_epsg() == 28992
    assert list(feed.stops.columns) == [
        "stop_id",
        "stop_name",
        "location_type",
        "parent_station",
        "geometry",
    ]
    station = feed.stops.set_index("stop_id").loc["BEATTY_AIRPORT_STATION"]
    assert station["location_type"] == 1
    airport = feed.stops.set_index("stop_id").loc["BEATTY_AIRPORT"]
    assert airport["parent_station"] == "BEATTY_AIRPORT_STATION"
    assert (feed.routes["modus"] == "bus").all()
    # The tables are kept as read (only the columns werkruimte uses); the whole feed
    # as gtfs-kit reads it comes on first use.
    assert len(feed.tabellen["stop_times"]) == 28
    assert "shapes" not in feed.tabellen
    assert list(feed.tabellen["stop_times"].columns) == [
        "trip_id",
        "arrival_time",
        "departure_time",
        "stop_id",
        "stop_sequence",
        "pickup_type",
    ]
    assert len(feed.feed.stop_times) == 28
    assert "stop_headsign" in feed.feed.stop_times.columns
    # FULLW runs every day (7 trips), WE adds 4 on weekends; 20070604 drops FULLW.
    assert feed.trips_per_date["20070101"] == 7
    assert feed.trips_per_date["20070106"] == 11
    assert feed.trips_per_date["20070604"] == 0
    assert feed.busiest_weekday() == "20070101"
    # Boarding possibilities: CITY1 from STAGECOACH at offset 0, NANAA at 7 minutes
    # (departure 6:07 minus 6:00); STBA has pickup_type 1 at STAGECOACH (no boarding).
    dep = feed.departures.set_index(["trip_id", "stop_id"])
    assert dep.loc[("CITY1", "NANAA"), "offset_s"] == 420.0
    assert dep.loc[("CITY1", "STAGECOACH"), "departure_s"] == 6 * 3600.0
    assert ("STBA", "STAGECOACH") not in dep.index
    assert ("CITY1", "EMSI") not in dep.index  # last stop of the trip


def test_vbb_subset_loads() -> None:
    feed = load_quietly(VBB)
    assert len(feed.stops) == 144
    assert len(feed.routes) == 4
    assert len(feed.trips) == 173
    assert set(feed.routes["route_type"].tolist()) == {3, 700}
    assert (feed.routes["modus"] == "bus").all()
    assert feed.frequencies.empty
    # Parent stations are referenced but not part of the subset: that is fine.
    assert feed.stops["parent_station"].notna().any()
    # Berlin lies east of the Netherlands in RD.
    assert (feed.stops.geometry.x > 600_000).all()
    assert feed.busiest_weekday() == "20201119"
    assert feed.trips_per_date["20201119"] == 87


def test_zip_and_folder_are_equal(tmp_path: Path) -> None:
    archive = tmp_path / "gtfs.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for f in sorted(VBB.iterdir()):
            zf.write(f, arcname=f.name)
    a = load_quietly(archive)
    b = load_quietly(VBB)
    pd.testing.assert_frame_equal(a.departures, b.departures)
    assert a.pad == archive


# ---------------------------------------------------------------- minimal feed


def test_minimal_feed_times_over_24h(tmp_path: Path) -> None:
    feed = load_gtfs(feed_with(tmp_path))
    dep = feed.departures.set_index("trip_id")
    assert dep.loc["T1", "departure_s"] == 8 * 3600 + 20 * 60
    assert dep.loc["T2", "departure_s"] == 25 * 3600 + 10 * 60  # 25:10:00 is valid
    assert feed.stops.geometry.x.between(140_000, 141_000).all()


def test_interpolates_missing_times(tmp_path: Path) -> None:
    times = (
        "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
        "T1,08:00:00,08:00:00,S1,1\n"
        "T1,,,S2,2\n"
        "T1,,,S1,3\n"
        "T1,08:30:00,08:30:00,S2,4"
    )
    feed = load_gtfs(feed_with(tmp_path, stop_times=times))
    # Positions 0..3 between 08:00 and 08:30: 08:10 and 08:20 (last stop not boardable).
    assert feed.departures["departure_s"].tolist() == [28800.0, 29400.0, 30000.0]


def test_parse_gtfs_times() -> None:
    values = pd.Series(["08:15:00", " 6:00:00", "25:10:00", "", None], dtype="string")
    got = parse_gtfs_times(values, table="stop_times", column="departure_time")
    assert got[:3].tolist() == [29700.0, 21600.0, 90600.0]
    assert np.isnan(got[3:]).all()


def test_modus_from_route_type() -> None:
    types = pd.Series([0, 1, 2, 3, 4, 11, 109, 401, 700, 715, 800, 900, 1200, 42, None])
    got = modus_from_route_type(types.astype("Int64")).fillna("-").tolist()
    assert got == [
        "tram",
        "metro",
        "trein",
        "bus",
        "-",
        "bus",
        "trein",
        "metro",
        "bus",
        "bus",
        "bus",
        "tram",
        "-",
        "-",
        "-",
    ]


def test_unknown_route_type_is_mended(tmp_path: Path) -> None:
    routes = "route_id,route_type\nR1,3\nR2,42\nR3,99"
    trips = "route_id,service_id,trip_id\nR1,WD,T1\nR2,WD,T2"
    with pytest.warns(HerstelWaarschuwing, match="2 lijnen met onbekend route_type"):
        feed = load_gtfs(feed_with(tmp_path, routes=routes, trips=trips))
    assert feed.routes["modus"].isna().tolist() == [False, True, True]


def test_calendar_dates_only(tmp_path: Path) -> None:
    path = feed_with(
        tmp_path,
        calendar=None,
        calendar_dates="service_id,date,exception_type\nWD,20250107,1\nWD,20250108,1",
    )
    feed = load_gtfs(path)
    assert feed.trips_per_date.to_dict() == {"20250107": 2, "20250108": 2}
    assert feed.busiest_weekday() == "20250107"


# ---------------------------------------------------------------- errors


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "gtfs.zip"
    path.write_text("dit is geen zip", encoding="utf-8")
    with pytest.raises(InputError, match="geen GTFS-zipbestand") as err:
        load_gtfs(path)
    assert err.value.path == str(path)


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="bestaat niet"):
        load_gtfs(tmp_path / "nergens.zip")


def test_missing_files_are_named(tmp_path: Path) -> None:
    path = feed_with(tmp_path, trips=None, calendar=None)
    with pytest.raises(InputError) as err:
        load_gtfs(path)
    message = str(err.value)
    assert "trips.txt" in message
    assert "calendar.txt of calendar_dates.txt" in message
    assert "stops.txt" not in message.split("gevonden:")[0]


def test_missing_column(tmp_path: Path) -> None:
    path = feed_with(tmp_path, routes="route_id,route_short_name,route_color\nR1,1,FF0000")
    with pytest.raises(InputError, match="route_type") as err:
        load_gtfs(path)
    assert err.value.layer == "routes.txt"
    assert err.value.column == "route_type"
    # The message lists the file's own header, also the columns werkruimte does not read.
    assert "gevonden: route_id, route_short_name, route_color" in str(err.value)


def test_zero_byte_stop_times(tmp_path: Path) -> None:
    path = feed_with(tmp_path)
    (path / "stop_times.txt").write_bytes(b"")
    with pytest.raises(InputError, match=r"stop_times.txt\) is leeg \(0 bytes\)"):
        load_gtfs(path)


def test_bad_time_names_row(tmp_path: Path) -> None:
    times = (
        "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
        "T1,08:20:00,08:20:00,S1,1\n"
        "T1,8h30,8h30,S2,2"
    )
    with pytest.raises(InputError, match="8h30") as err:
        load_gtfs(feed_with(tmp_path, stop_times=times))
    assert err.value.layer == "stop_times.txt"
    assert err.value.column == "departure_time"
    assert err.value.row == 1
    assert "regel 3" in str(err.value)


def test_minutes_over_59_are_invalid(tmp_path: Path) -> None:
    times = (
        "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
        "T1,08:20:00,08:61:00,S1,1\n"
        "T1,08:30:00,08:30:00,S2,2"
    )
    with pytest.raises(InputError, match="08:61:00"):
        load_gtfs(feed_with(tmp_path, stop_times=times))


def test_non_numeric_coordinate(tmp_path: Path) -> None:
    stops = "stop_id,stop_name,stop_lat,stop_lon\nS1,A,52.2259,5.1810\nS2,B,52.2230,vijf"
    with pytest.raises(InputError, match="vijf") as err:
        load_gtfs(feed_with(tmp_path, stops=stops))
    assert err.value.layer == "stops.txt"
    assert err.value.column == "stop_lon"
    assert err.value.row == 1


def test_rd_coordinates_in_stops(tmp_path: Path) -> None:
    stops = "stop_id,stop_name,stop_lat,stop_lon\nS1,A,470000,140000\nS2,B,470100,140100"
    with pytest.raises(InputError, match="WGS84") as err:
        load_gtfs(feed_with(tmp_path, stops=stops))
    assert err.value.column == "stop_lat"


def test_swapped_coordinates(tmp_path: Path) -> None:
    stops = "stop_id,stop_name,stop_lat,stop_lon\nS1,A,5.1810,52.2259\nS2,B,5.1760,52.2230"
    with pytest.raises(InputError, match="verwisseld"):
        load_gtfs(feed_with(tmp_path, stops=stops))


def test_empty_stop_times(tmp_path: Path) -> None:
    path = feed_with(
        tmp_path, stop_times="trip_id,arrival_time,departure_time,stop_id,stop_sequence"
    )
    with pytest.raises(InputError, match="geen rijen") as err:
        load_gtfs(path)
    assert err.value.layer == "stop_times.txt"


def test_no_service_day(tmp_path: Path) -> None:
    calendar = (
        "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
        "start_date,end_date\nANDERS,1,1,1,1,1,0,0,20250106,20250110"
    )
    with pytest.raises(InputError, match="geen enkele dag"):
        load_gtfs(feed_with(tmp_path, calendar=calendar))


def test_bad_calendar_date(tmp_path: Path) -> None:
    calendar = (
        "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
        "start_date,end_date\nWD,1,1,1,1,1,0,0,2025-01-06,20250110"
    )
    with pytest.raises(InputError, match="JJJJMMDD") as err:
        load_gtfs(feed_with(tmp_path, calendar=calendar))
    assert err.value.column == "start_date"


def test_dangling_references_are_mended(tmp_path: Path) -> None:
    times = MINIMAL["stop_times"] + "\nT9,09:00:00,09:00:00,S1,1\nT1,08:40:00,08:40:00,S9,3"
    with pytest.warns(HerstelWaarschuwing) as record:
        load_gtfs(feed_with(tmp_path, stop_times=times))
    messages = " ".join(str(w.message) for w in record)
    assert "1 rijen in stop_times.txt verwijzen naar een onbekende trip_id" in messages
    assert "1 rijen in stop_times.txt verwijzen naar een onbekende stop_id" in messages


def test_real_feed_copy_with_broken_time(tmp_path: Path) -> None:
    target = tmp_path / "feed"
    shutil.copytree(TRANSITFEED, target)
    st = target / "stop_times.txt"
    st.write_text(st.read_text(encoding="utf-8").replace("6:26:00", "6:2x:00"), "utf-8")
    with pytest.raises(InputError, match="6:2x:00") as err:
        load_gtfs(target)
    assert err.value.row == 6


def test_active_trips_as_gtfs_kit_finds_them() -> None:
    """Own calendar rules against gtfs-kit's, on days spread over three real feeds."""
    for path in (TRANSITFEED, VBB, DEMO_GTFS):
        feed = load_quietly(path)
        days = feed.trips_per_date.index
        for datum in sorted({*days[:8], *days[:: max(1, len(days) // 12)]}):
            ours = feed.active_trip_ids(datum)
            services = feed.feed.get_active_services(datum)
            theirs = feed.trips.loc[feed.trips["service_id"].isin(services), "trip_id"]
            assert sorted(ours) == sorted(theirs), datum
            assert len(ours) == feed.trips_per_date[datum], datum


def test_loading_does_not_import_gtfs_kit() -> None:
    """gtfs-kit (and the folium it loads) stays out of the scoring path."""
    code = (
        "import sys, warnings\n"
        "from werkruimte.sources.gtfs import load_gtfs\n"
        "warnings.simplefilter('ignore')\n"
        f"feed = load_gtfs({str(DEMO_GTFS)!r})\n"
        "feed.active_trip_ids(feed.busiest_weekday())\n"
        "print(sorted(m for m in ('gtfs_kit', 'folium') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
