"""Property-based tests (hypothesis) for the loaders, the indicators and the scoring.

Loaders: random valid and invalid geometries and tables either load into frames that
keep the loaders' promises or fail with an :class:`~werkruimte.errors.InputError`;
never with anything else. Indicators: partial scores in 0..1, scores in 0..100,
size classes that partition the parcels, shares and coverage in 0..1 (or NaN).
"""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from affine import Affine
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from rasters import fractie_raster

from werkruimte import scoring
from werkruimte.config import default_config
from werkruimte.errors import HerstelWaarschuwing, InputError, WerkruimteError
from werkruimte.indicators import bestemming, glasvezel, grootte
from werkruimte.sources import hotspots, kadaster
from werkruimte.sources._common import NL_BOUNDS_RD, to_number
from werkruimte.sources.gtfs import parse_gtfs_times

X0, Y0 = 140_000.0, 470_000.0
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# ------------------------------------------------------------------ strategies

offset = st.floats(min_value=-3000.0, max_value=3000.0, allow_nan=False)
side = st.floats(min_value=0.0, max_value=120.0, allow_nan=False)


@st.composite
def box(draw: st.DrawFn) -> shapely.Geometry:
    x, y = X0 + draw(offset), Y0 + draw(offset)
    return shapely.box(x, y, x + draw(side), y + draw(side))


@st.composite
def scribble(draw: st.DrawFn) -> shapely.Geometry:
    """A polygon through 3-7 random points: often self-intersecting (invalid)."""
    x, y = X0 + draw(offset), Y0 + draw(offset)
    pts = draw(
        st.lists(
            st.tuples(st.floats(-80, 80, allow_nan=False), st.floats(-80, 80, allow_nan=False)),
            min_size=3,
            max_size=7,
        )
    )
    return shapely.Polygon([(x + dx, y + dy) for dx, dy in pts])


@st.composite
def odd(draw: st.DrawFn) -> shapely.Geometry | None:
    """Everything a parcel layer should not hold, but sometimes does."""
    x, y = X0 + draw(offset), Y0 + draw(offset)
    kind = draw(st.sampled_from(["point", "line", "empty", "none", "multi", "collection", "z"]))
    if kind == "point":
        return shapely.Point(x, y)
    if kind == "line":
        return shapely.LineString([(x, y), (x + 10, y + 5)])
    if kind == "empty":
        return shapely.Polygon()
    if kind == "none":
        return None
    if kind == "multi":  # two boxes that may overlap: an invalid MultiPolygon
        return shapely.MultiPolygon([draw(box()), draw(box())])
    if kind == "collection":
        return shapely.GeometryCollection([shapely.Point(x, y), draw(box())])
    return shapely.force_3d(draw(box()), 7.0)


geometry = st.one_of(box(), box(), scribble(), odd())
area_value = st.one_of(
    st.none(),
    st.integers(min_value=1, max_value=10_000).map(str),
    st.integers(min_value=1, max_value=10_000).map(str),
    st.sampled_from(["1.234", "2.025", "1.234,5", "12,5", "0", "-3", ""]),
)
bad_area = st.sampled_from(["ca. 900", "n.v.t.", "1e3", "nan", "12 m2"])
bad_id = st.one_of(st.sampled_from(["", " ", "DUP"]), st.text(max_size=4))


@st.composite
def parcel_ids(draw: st.DrawFn, n: int) -> list[str]:
    """Unique BRK-like ids; now and then one is blank, odd or a duplicate."""
    ids = [f"GVS00A{i:04d}G0000" for i in range(n)]
    if draw(st.integers(0, 9)) == 5:  # rare; 0 would be drawn far too often
        ids[draw(st.integers(0, n - 1))] = draw(bad_id)
    return ids


def write_layer(gdf: gpd.GeoDataFrame, path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gdf.to_file(path, layer="perceel", driver="GPKG", geometry_type="Unknown")


def check_parcels(out: gpd.GeoDataFrame, n_in: int) -> None:
    geoms = out.geometry.to_numpy()
    assert out.crs is not None and out.crs.to_epsg() == 28992
    assert 1 <= len(out) <= n_in
    assert out.index.equals(pd.RangeIndex(len(out)))
    assert np.isin(shapely.get_type_id(geoms), (3, 6)).all()
    assert shapely.is_valid(geoms).all()
    assert not shapely.is_empty(geoms).any()
    assert not shapely.has_z(geoms).any()
    assert out["perceel_id"].notna().all()
    assert out["perceel_id"].is_unique
    area = out["kadastrale_grootte_m2"].to_numpy(dtype="float64")
    assert not np.isinf(area).any()


# ------------------------------------------------------------------ loaders


@SETTINGS
@given(
    rows=st.lists(st.tuples(geometry, area_value), min_size=1, max_size=8),
    data=st.data(),
    shift=st.sampled_from([None, None, None, None, "lonlat", "far"]),
)
def test_percelen_loader_keeps_its_promises_or_says_why(
    rows: list[tuple[shapely.Geometry | None, str | None]], data: st.DataObject, shift: str | None
) -> None:
    geoms = np.array([r[0] for r in rows], dtype=object)
    if shift == "lonlat":  # degrees in a file that says RD
        geoms = shapely.transform(geoms, lambda c: c / 25_000.0)
    elif shift == "far":  # RD metres far outside the country
        geoms = shapely.transform(geoms, lambda c: c + 900_000.0)
    ids = data.draw(parcel_ids(len(rows)))
    areas = [r[1] for r in rows]
    if data.draw(st.integers(0, 9)) == 5:
        areas[data.draw(st.integers(0, len(rows) - 1))] = data.draw(bad_area)
    # Now and then a polygon appears twice with the same id: an exact duplicate.
    if len(rows) > 1 and data.draw(st.booleans()):
        geoms[-1], ids[-1] = geoms[0], ids[0]
    gdf = gpd.GeoDataFrame(
        {"identificatieLokaalID": ids, "kadastraleGrootteWaarde": areas},
        geometry=geoms,
        crs=28992,
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.gpkg"
        write_layer(gdf, path)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", HerstelWaarschuwing)
            try:
                out = kadaster.load_percelen(path)
            except InputError as err:
                assert str(path) in str(err)
                event(f"InputError: {err.detail[:40]}")
                return
    event("geladen")
    check_parcels(out, len(rows))


rd_x = st.floats(min_value=120_000, max_value=160_000).map(lambda v: f"{v:.1f}")
rd_y = st.floats(min_value=450_000, max_value=490_000).map(lambda v: f"{v:.1f}".replace(".", ","))
lon = st.floats(min_value=4.9, max_value=5.4).map(lambda v: f"{v:.5f}")
lat = st.floats(min_value=52.1, max_value=52.4).map(lambda v: f"{v:.5f}")
junk = st.one_of(
    st.sampled_from(["", "abc", "1e9", "-1", "5,17", "52.22", "470150"]),
    st.text(alphabet="0123456789.,-", max_size=8),
)


@st.composite
def hotspot_table(draw: st.DrawFn) -> tuple[tuple[str, str], list[tuple[str, str, str, str]]]:
    """A hotspot table in RD (x, y) or WGS84 (lon, lat); now and then a bad cell."""
    columns = draw(st.sampled_from([("x", "y"), ("lon", "lat"), ("rd_x", "rd_y"), ("a", "b")]))
    if columns == ("a", "b") and draw(st.booleans()):
        columns = ("x", "y")
    first, second = (lon, lat) if columns == ("lon", "lat") else (rd_x, rd_y)
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["De Loods", "Station", "Werkplaats"]),
                st.sampled_from(["broedplaats", "flexplekken", "iets anders"]),
                first,
                second,
            ),
            min_size=1,
            max_size=6,
        )
    )
    if draw(st.integers(0, 9)) in (4, 5, 6):
        i = draw(st.integers(0, len(rows) - 1))
        j = draw(st.integers(0, 3))
        row = list(rows[i])
        row[j] = draw(junk) if j >= 2 else ""
        rows[i] = (row[0], row[1], row[2], row[3])
    return columns, rows


@SETTINGS
@given(hotspot_table())
def test_hotspot_tables_load_or_fail_cleanly(
    spec: tuple[tuple[str, str], list[tuple[str, str, str, str]]],
) -> None:
    columns, table = spec
    lines = [f"naam;type;{columns[0]};{columns[1]}"] + [";".join(r) for r in table]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hotspots.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", HerstelWaarschuwing)
            try:
                out = hotspots.load_hotspots(path)
            except InputError as err:
                event(f"InputError: {err.detail[:30]}")
                return
    event("geladen")
    geoms = out.geometry.to_numpy()
    assert (shapely.get_type_id(geoms) == 0).all()
    x0, y0, x1, y1 = NL_BOUNDS_RD
    assert ((shapely.get_x(geoms) >= x0) & (shapely.get_x(geoms) <= x1)).all()
    assert ((shapely.get_y(geoms) >= y0) & (shapely.get_y(geoms) <= y1)).all()
    assert out["naam"].notna().all() and out["type"].notna().all()
    assert 1 <= len(out) <= len(table)


@SETTINGS
@given(
    st.lists(
        st.one_of(
            st.tuples(st.integers(0, 47), st.integers(0, 59), st.integers(0, 59)),
            st.text(alphabet="0123456789:h ", max_size=9),
        ),
        min_size=1,
        max_size=10,
    )
)
def test_gtfs_times_parse_or_name_the_row(values: list[tuple[int, int, int] | str]) -> None:
    texts = [v if isinstance(v, str) else "{}:{:02d}:{:02d}".format(*v) for v in values]
    try:
        seconds = parse_gtfs_times(
            pd.Series(texts, dtype="string"), table="stop_times", column="departure_time"
        )
    except InputError as err:
        assert err.column == "departure_time"
        assert isinstance(err.row, int) and 0 <= err.row < len(texts)
        assert texts[err.row].strip() != ""
        return
    for v, s in zip(values, seconds, strict=True):
        if isinstance(v, tuple):  # 25:10:00 is valid GTFS: the next day's 01:10
            assert s == v[0] * 3600 + v[1] * 60 + v[2]
        else:
            assert np.isnan(s) or s >= 0


@SETTINGS
@given(
    st.lists(
        st.one_of(st.none(), area_value, bad_area, st.text(max_size=5)), min_size=1, max_size=8
    )
)
def test_to_number_gives_floats_or_names_the_row(values: list[str | None]) -> None:
    series = pd.Series(values, dtype="string")
    try:
        out = to_number(series, column="kolom")
    except InputError as err:
        assert err.column == "kolom" and isinstance(err.row, int)
        assert pd.notna(values[err.row]) and str(values[err.row]).strip() != ""
        return
    assert out.dtype == "float64" and out.index.equals(series.index)
    blank = series.isna() | (series.str.strip() == "")
    assert out[blank.fillna(True)].isna().all()


# ------------------------------------------------------------------ indicators


plan = st.tuples(
    box(), st.sampled_from(["bedrijf", "Wonen", "gemengd", " kantoor ", "agrarisch", "", "sport"])
)


@SETTINGS
@given(
    parcels=st.lists(st.one_of(box(), box(), scribble()), min_size=1, max_size=10),
    plans=st.lists(plan, max_size=6),
    cells=st.lists(
        st.one_of(st.floats(0.0, 1.0, allow_nan=False), st.just(float("nan"))),
        min_size=4,
        max_size=4,
    ),
    registered=st.lists(st.one_of(st.none(), st.floats(-5.0, 5000.0)), min_size=10, max_size=10),
)
def test_indicator_invariants(
    parcels: list[shapely.Geometry],
    plans: list[tuple[shapely.Geometry, str]],
    cells: list[float],
    registered: list[float | None],
) -> None:
    n = len(parcels)
    percelen = gpd.GeoDataFrame(
        {"kadastrale_grootte_m2": pd.array(registered[:n], dtype="Float64").astype("float64")},
        geometry=parcels,
        crs=28992,
    )
    plannen = gpd.GeoDataFrame(
        {"bestemmingshoofdgroep": pd.array([p[1] for p in plans], dtype="string")},
        geometry=[p[0] for p in plans],
        crs=28992,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HerstelWaarschuwing)
        opp = grootte.oppervlakte(percelen)
        klasse = grootte.grootteklasse(opp)
        best = bestemming.bestemming(percelen, plannen)
        # A 2 x 2 raster of 3 km cells over the area, NaN = nodata.
        raster = fractie_raster(
            np.array(cells, dtype="float64").reshape(2, 2),
            Affine(3000.0, 0.0, X0 - 3000.0, 0.0, -3000.0, Y0 + 3000.0),
        )
        dekking = glasvezel.glasvezel_dekking(percelen, raster)

    # size classes partition the parcels, by the bounds of the Werkplan
    assert klasse.index.equals(percelen.index)
    assert klasse.isin(["groot", "midden", "overig"]).all()
    m2 = opp.to_numpy()
    assert ((klasse == "groot").to_numpy() == ((m2 >= 1500) & (m2 <= 2500))).all()
    assert ((klasse == "midden").to_numpy() == ((m2 >= 400) & (m2 < 1500))).all()
    assert (m2 >= 0).all()

    for col in ("bestemming_aandeel", "aandeel_werk"):
        values = best[col].to_numpy(dtype="float64")
        assert ((values >= 0) & (values <= 1 + 1e-12)).all(), col
    assert (best["bestemming_aandeel"].to_numpy() >= 0).all()

    d = dekking.to_numpy()
    assert (np.isnan(d) | ((d >= -1e-12) & (d <= 1 + 1e-12))).all()
    valid_cells = [c for c in cells if not np.isnan(c)]
    if valid_cells:
        known = d[~np.isnan(d)]
        assert (known >= min(valid_cells) - 1e-9).all() and (known <= max(valid_cells) + 1e-9).all()
    else:
        assert np.isnan(d).all()


indicator_row = st.fixed_dictionaries(
    {
        "gemeente": st.sampled_from(["Hilversum", "Huizen", "Laren (NH.)"]),
        "oppervlakte_m2": st.one_of(st.floats(0.0, 4000.0), st.just(float("nan"))),
        "bestemming_soort": st.sampled_from(["werk", "potentieel", "anders"]),
        "afstand_bedrijventerrein_m": st.one_of(st.floats(0, 5000), st.just(float("nan"))),
        "ov_index": st.one_of(st.floats(0, 60), st.just(float("nan"))),
        "ov_klasse": st.sampled_from(["0", "1a", "3", "6b"]),
        "glasvezel_dekking": st.one_of(st.floats(0, 1), st.just(float("nan"))),
        "afstand_snelweg_m": st.one_of(st.floats(0, 20_000), st.just(float("nan"))),
        "afstand_hotspot_m": st.one_of(st.floats(0, 5000), st.just(float("nan"))),
        "afstand_station_m": st.one_of(st.floats(0, 8000), st.just(float("nan"))),
    }
)


@SETTINGS
@given(
    rows=st.lists(indicator_row, min_size=1, max_size=25),
    top_n=st.integers(0, 3),
    runs=st.integers(0, 20),
)
def test_scores_are_bounded_and_candidates_obey_the_profile(
    rows: list[dict], top_n: int, runs: int
) -> None:
    frame = pd.DataFrame(rows)
    frame["grootteklasse"] = grootte.grootteklasse(frame["oppervlakte_m2"])
    frame["bestemming"] = pd.array(["bedrijf"] * len(frame), dtype="string")
    frame["bestemming_aandeel"] = 1.0
    ind = gpd.GeoDataFrame(
        frame,
        geometry=shapely.points(np.arange(len(frame)) + X0, np.full(len(frame), Y0)),
        crs=28992,
    )
    cfg = default_config().with_changes(
        {
            "criteria": {
                "profielen": {
                    "schuifruimte": {"top_n": top_n},
                    "middensegment": {"top_n": top_n},
                }
            }
        }
    )
    profs = scoring.profielen_uit_config(cfg)
    out = scoring.score_indicatoren(
        ind, profs, gevoeligheid={"runs": runs, "spreiding": 0.3, "seed": 1, "top_n": 0}
    )
    assert out.index.equals(ind.index)
    for col in (c for c in out.columns if c.startswith("s_")):
        s = out[col].to_numpy(dtype="float64")
        assert (np.isnan(s) | ((s >= 0) & (s <= 1))).all(), col
    assert ((out["score"] >= 0) & (out["score"] <= 100)).all()
    by_name = {p.naam: p for p in profs}
    kand = out[out["kandidaat"]]
    for _, row in kand.iterrows():
        prof = by_name[row["profiel"]]
        assert row["grootteklasse"] in prof.grootteklassen
        assert row["score"] >= prof.min_score - 0.005  # score is rounded to 2 decimals
    if top_n:
        per = kand.groupby(["profiel", "gemeente"]).size()
        assert (per <= top_n).all()
    stab = out["rang_stabiliteit"].to_numpy(dtype="float64")
    assert (np.isnan(stab) | ((stab >= 0) & (stab <= 1))).all()
    assert np.isnan(stab[~out["kandidaat"].to_numpy()]).all()
    if runs == 0:
        assert np.isnan(stab).all()
    assert out["uitleg"].notna().all()


@pytest.mark.parametrize("bad", [{"runs": -1}, {"spreiding": float("inf")}, {"runs": 2.5}])
def test_bad_sensitivity_settings_are_config_errors(bad: dict) -> None:
    ind = gpd.GeoDataFrame(
        {"gemeente": ["A"], "oppervlakte_m2": [2000.0], "grootteklasse": ["groot"]},
        geometry=[shapely.Point(X0, Y0)],
        crs=28992,
    )
    profs = scoring.profielen_uit_config(default_config())
    with pytest.raises(WerkruimteError, match=r"criteria\.gevoeligheid"):
        scoring.score_indicatoren(ind, profs, gevoeligheid={"runs": 5, **bad})
