"""STEC-driedeling: indicators per werklocatie, the rules language, config and tables."""

import copy
import sys
import tomllib
from types import SimpleNamespace

import geopandas as gpd
import numpy as np
import openpyxl
import pandas as pd
import pytest
from shapely.geometry import Point, box

import werkruimte.indicators
from werkruimte.config import Config, default_config
from werkruimte.driedeling import driedeling
from werkruimte.errors import ConfigError, InputError
from werkruimte.export.tabellen import _bladnaam, write_csv, write_tabellen
from werkruimte.indicators.ov import ptal_klasse
from werkruimte.middensegment import middensegment_match
from werkruimte.regels import (
    DEFAULT_REGELS,
    Regel,
    Voorwaarde,
    pas_regels_toe,
    regels_als_toml,
    regels_uit_config,
)
from werkruimte.regio import Regio
from werkruimte.vraagbundeling import glasvezel_gaten
from werkruimte.werklocaties import perceel_bij_punt

Y0 = 470_000.0
#: x of the lower-left corner of each 100 x 100 m terrain.
X = {"T1": 139_400.0, "T2": 139_800.0, "T3": 140_200.0, "T4": 140_600.0, "T5": 141_200.0}
X["T6"] = 141_600.0


def terrain_box(tid, x0=0.0, x1=100.0):
    return box(X[tid] + x0, Y0, X[tid] + x1, Y0 + 100)


def surround(tid, margin=150.0):
    """A polygon around the terrain (with the terrain as a hole)."""
    x = X[tid]
    return box(x - margin, Y0 - margin, x + 100 + margin, Y0 + 100 + margin).difference(
        terrain_box(tid)
    )


def make_regio(config=None):
    gemeenten = gpd.GeoDataFrame(
        {"gemeente": ["Hilversum", "Huizen"], "gemeentecode": ["GM0402", "GM0406"]},
        geometry=[box(139_000, 469_000, 141_000, 472_000), box(141_000, 469_000, 143_500, 472_000)],
        crs=28992,
    )
    terreinen = gpd.GeoDataFrame(
        {
            "terrein_id": ["T1", "T2", "T3", "T4", "T5", "T6"],
            "naam": [
                "De Zware",
                "Werkhoek",
                "Kantorenstrook",
                "Stationskwartier",
                "Dorpsrand",
                "Onbekend",
            ],
            "wloc_type": ["zwaar", "gemengd", "kantoren", "gemengd", "gemengd", "gemengd"],
            "milieucategorie_max": [4.2, 2.0, 2.0, 1.0, 1.0, np.nan],
            "gemeente": ["Hilversum", "Hilversum", "Hilversum", "Hilversum", "Huizen", "Huizen"],
        },
        geometry=[terrain_box(t) for t in X],
        crs=28992,
    )
    plan_rows = [
        ("bedrijventerrein", terrain_box("T2")),
        ("agrarisch", surround("T2")),
        ("kantoor", terrain_box("T3", 0, 30)),
        ("wonen", terrain_box("T3", 30, 100)),
        ("kantoor", terrain_box("T4", 0, 60)),
        ("maatschappelijk", terrain_box("T4", 60, 100)),
        ("bedrijf", terrain_box("T5", 0, 70)),
        ("maatschappelijk", terrain_box("T5", 70, 100)),
        ("Wonen", surround("T5")),
        ("bedrijf", terrain_box("T6", 0, 60)),
        ("sport", terrain_box("T6", 60, 100)),
    ]
    plannen = gpd.GeoDataFrame(
        {
            "bestemmingshoofdgroep": [r[0] for r in plan_rows],
            "naam": [f"plan {i}" for i in range(len(plan_rows))],
            "plan_id": "NL.IMRO.test",
        },
        geometry=[r[1] for r in plan_rows],
        crs=28992,
    )
    hotspots = gpd.GeoDataFrame(
        {
            "hotspot_id": ["H1", "H2", "H3"],
            "naam": ["Broedplaats Noord", "Verzamelgebouw Oost", "Centrum Huizen"],
            "type": ["broedplaats", "Bedrijfsverzamelgebouw", "centrumlocatie"],
            "oppervlakte_m2": [1000.0, 2000.0, 500.0],
            "leegstand_m2": [400.0, 100.0, 50.0],
            "grootteklasse": ["400-1500", "1.500 - 2.500 m²", "400 – 1500"],
            "doelgroep": ["creatief; startups", "mkb", "zzp"],
        },
        geometry=[Point(139_500, 471_000), Point(140_500, 471_000), Point(142_000, 471_000)],
        crs=28992,
    )
    return Regio(
        config=config or default_config(),
        percelen=make_percelen(),
        gemeenten=gemeenten,
        bedrijventerreinen=terreinen,
        bestemmingsplannen=plannen,
        hotspots=hotspots,
    )


def make_percelen():
    rows = [
        # id, geometry, m², ov, glas, werk, kandidaat, profiel, terrein, gemeente
        ("P4a", terrain_box("T4", 0, 60), 6000.0, 20.0, 0.5, 1.0, False, None, "T4", "Hilversum"),
        (
            "P4b",
            terrain_box("T4", 60, 100),
            4000.0,
            15.0,
            1.0,
            0.0,
            True,
            "schuifruimte",
            "T4",
            "Hilversum",
        ),
        ("P6", terrain_box("T6"), 10000.0, 18.0, 0.95, 0.6, False, None, "T6", "Huizen"),
        (
            "PH1",
            box(139_450, 470_950, 139_550, 471_050),
            10000.0,
            12.0,
            0.3,
            0.0,
            True,
            "middensegment",
            None,
            "Hilversum",
        ),
        (
            "PH2",
            box(140_450, 470_950, 140_550, 471_050),
            10000.0,
            5.0,
            0.9,
            1.0,
            False,
            None,
            None,
            "Hilversum",
        ),
    ]
    cols = [
        "perceel_id",
        "geometry",
        "oppervlakte_m2",
        "ov_index",
        "glasvezel_dekking",
        "aandeel_werk",
        "kandidaat",
        "profiel",
        "terrein_id",
        "gemeente",
    ]
    df = pd.DataFrame(rows, columns=cols)
    df["perceel_id"] = df["perceel_id"].astype("string")
    df["profiel"] = df["profiel"].astype("string")
    df["terrein_id"] = df["terrein_id"].astype("string")
    df["milieucategorie_max"] = [1.0, 1.0, np.nan, np.nan, np.nan]
    df["ov_klasse"] = ptal_klasse(df["ov_index"])
    df["cluster_id"] = -1
    return gpd.GeoDataFrame(df, geometry="geometry", crs=28992)


@pytest.fixture(scope="module")
def tabel():
    regio = make_regio()
    return driedeling(regio, regio.percelen)


STANDAARD = "geen regel van toepassing; standaard is menging met behoud van werkruimte"

EXPECTED = {
    "T1": (
        "behouden",
        "milieucategorie",
        "hoogste milieucategorie 4.2 is 3.1 of hoger: woningen kunnen niet binnen de "
        "hindercontour (VNG Bedrijven en milieuzonering), dus alleen werk",
    ),
    "T2": (
        "behouden",
        "werkterrein",
        "zuiver werkterrein: 100% werkbestemming en weinig woningen in de omgeving "
        "(0% woonbestemming), dus alleen werk",
    ),
    "H1": (
        "transformatie",
        "leegstand_ov",
        "structurele leegstand (40%) op een goed ontsloten plek (PTAL 3): transformatie "
        "met een bijdrage aan het transformatiefonds",
    ),
    "T3": (
        "transformatie",
        "weinig_werk",
        "weinig werkbestemming (30%) en lichte bedrijvigheid (milieucategorie 2): "
        "transformatie met een bijdrage aan het transformatiefonds",
    ),
    "T4": (
        "menging",
        "goed_ov",
        "goed OV (PTAL 4) en lichte bedrijvigheid (milieucategorie 1): menging met behoud "
        "van werkruimte",
    ),
    "T5": (
        "menging",
        "woonomgeving",
        "ingesloten door woningen (100% woonbestemming in de omgeving) met lichte "
        "bedrijvigheid (milieucategorie 1): menging met behoud van werkruimte",
    ),
    "H2": (
        "behouden",
        "broedplaats_bezet",
        "goed gebruikte broedplaats of bedrijfsverzamelgebouw (leegstand 5%): betaalbare "
        "werkruimte behouden",
    ),
    "T6": ("menging", "standaard", STANDAARD),
    "H3": ("menging", "standaard", STANDAARD),
}


@pytest.mark.parametrize("wid", list(EXPECTED))
def test_each_default_rule_is_hit(tabel, wid):
    row = tabel.set_index("id").loc[wid]
    klasse, regel, reden = EXPECTED[wid]
    assert row["klasse"] == klasse
    assert row["regel"] == regel
    assert row["reden"] == reden


def test_every_default_rule_and_class_used(tabel):
    assert set(tabel["regel"]) == {r.id for r in DEFAULT_REGELS} | {"standaard"}
    assert set(tabel["klasse"]) == {"behouden", "menging", "transformatie"}


def test_shape_and_columns(tabel):
    assert list(tabel["id"]) == ["T1", "T2", "T3", "T4", "T5", "T6", "H1", "H2", "H3"]
    assert list(tabel["soort"]) == ["formeel"] * 6 + ["informeel"] * 3
    assert tabel.crs.to_epsg() == 28992
    for col in ("id", "naam", "soort", "type", "gemeente", "klasse", "reden", "regel"):
        assert tabel[col].dtype == "string", col
    assert list(tabel.geom_type[:6]) == ["Polygon"] * 6
    assert list(tabel.geom_type[6:]) == ["Point"] * 3
    assert list(tabel["type"][6:]) == ["broedplaats", "Bedrijfsverzamelgebouw", "centrumlocatie"]
    # hotspots had no gemeente column: assigned from the boundaries
    assert list(tabel["gemeente"]) == ["Hilversum"] * 4 + ["Huizen"] * 2 + [
        "Hilversum",
        "Hilversum",
        "Huizen",
    ]


def test_indicators_by_hand(tabel):
    t = tabel.set_index("id")
    # T4: parcels 6000 m² at ov 20 / glas 0.5 and 4000 m² at ov 15 / glas 1.0 (candidate)
    assert t.loc["T4", "ov_index"] == pytest.approx(18.0)
    assert t.loc["T4", "ov_klasse"] == "4"
    assert t.loc["T4", "glasvezel_dekking"] == pytest.approx(0.7)
    assert t.loc["T4", "kandidaat_ha"] == pytest.approx(0.4)
    assert t.loc["T4", "aandeel_werk"] == pytest.approx(0.6)
    assert t.loc["T4", "oppervlakte_ha"] == pytest.approx(1.0)
    assert t.loc["T3", "aandeel_werk"] == pytest.approx(0.3)
    assert t.loc["T5", "aandeel_werk"] == pytest.approx(0.7)
    # the zone around T2 is all agrarisch, around T5 all wonen, around T3 unplanned
    assert t.loc["T2", "woningen_binnen_m"] == pytest.approx(0.0)
    assert t.loc["T5", "woningen_binnen_m"] == pytest.approx(1.0)
    assert np.isnan(t.loc["T3", "woningen_binnen_m"])
    # no member parcels, no GTFS: unknown
    assert np.isnan(t.loc["T1", "ov_index"]) and pd.isna(t.loc["T1", "ov_klasse"])
    assert np.isnan(t.loc["T1", "aandeel_werk"])  # no plan covers T1
    assert t.loc["T1", "kandidaat_ha"] == 0.0
    assert np.isnan(t.loc["T1", "leegstand_pct"])
    # hotspots: leegstand / oppervlakte, parcel underneath
    assert t.loc["H1", "leegstand_pct"] == pytest.approx(0.4)
    assert t.loc["H1", "ov_index"] == pytest.approx(12.0)
    assert t.loc["H1", "ov_klasse"] == "3"
    assert t.loc["H1", "glasvezel_dekking"] == pytest.approx(0.3)
    assert t.loc["H1", "kandidaat_ha"] == pytest.approx(1.0)
    assert t.loc["H2", "leegstand_pct"] == pytest.approx(0.05)
    assert t.loc["H2", "aandeel_werk"] == pytest.approx(1.0)
    assert np.isnan(t.loc["H3", "ov_index"])  # no parcel within 50 m
    assert np.isnan(t.loc["H1", "oppervlakte_ha"])


def test_inputs_untouched():
    regio = make_regio()
    before = {k: getattr(regio, k).copy() for k in ("bedrijventerreinen", "hotspots", "percelen")}
    driedeling(regio, regio.percelen)
    for k, frame in before.items():
        pd.testing.assert_frame_equal(getattr(regio, k), frame)


def test_explicit_rules_override():
    regio = make_regio()
    regels = [
        Regel(
            id="huizen",
            klasse="transformatie",
            reden="{naam} in {gemeente} ligt in Huizen",
            voorwaarden=(Voorwaarde("gemeente", "==", "huizen"),),
        )
    ]
    out = driedeling(regio, regio.percelen, regels=regels).set_index("id")
    assert out.loc["T5", "klasse"] == "transformatie"
    assert out.loc["T5", "reden"] == "Dorpsrand in Huizen ligt in Huizen"
    assert out.loc["T1", "klasse"] == "menging"  # default
    assert out.loc["T1", "regel"] == "standaard"


def config_with(regels=None, **driedeling):
    cfg = default_config()
    data = copy.deepcopy(cfg.data)
    if regels is not None:
        data["criteria"]["driedeling"]["regels"] = regels
    data["criteria"]["driedeling"].update(driedeling)
    return Config(path=None, root=cfg.root, data=data)


def test_default_rules_round_trip_through_toml():
    text = regels_als_toml(DEFAULT_REGELS)
    parsed = tomllib.loads(text)["criteria"]["driedeling"]["regels"]
    assert len(parsed) == 7
    assert regels_uit_config(config_with(parsed)) == list(DEFAULT_REGELS)
    assert regels_uit_config(default_config()) == list(DEFAULT_REGELS)


def test_rules_from_config_are_used():
    regels = [
        {
            "id": "goed_bereikbaar",
            "klasse": "transformatie",
            "soort": "informeel",
            "reden": "PTAL {ov_klasse}",
            "voorwaarden": [{"kolom": "ov_klasse", "op": "in", "waarde": ["3", "4"]}],
        }
    ]
    regio = make_regio(config_with(regels))
    out = driedeling(regio, regio.percelen).set_index("id")
    assert out.loc["H1", "klasse"] == "transformatie" and out.loc["H1", "reden"] == "PTAL 3"
    assert (out.drop(index="H1")["regel"] == "standaard").all()


def rule(**changes):
    base = {
        "id": "r",
        "klasse": "behouden",
        "reden": "x",
        "voorwaarden": [{"kolom": "aandeel_werk", "op": ">=", "waarde": 0.5}],
    }
    base.update(changes)
    return base


@pytest.mark.parametrize(
    ("bad", "key", "text"),
    [
        (
            rule(voorwaarden=[{"kolom": "aandeel_wrek", "op": ">=", "waarde": 1}]),
            "criteria.driedeling.regels[1].voorwaarden[0].kolom",
            "onbekende kolom 'aandeel_wrek'",
        ),
        (rule(klasse="slopen"), "criteria.driedeling.regels[1]", "onbekende klasse 'slopen'"),
        (
            rule(voorwaarden=[{"kolom": "aandeel_werk", "op": "=>", "waarde": 1}]),
            "criteria.driedeling.regels[1].voorwaarden[0].op",
            "onbekende operator '=>'",
        ),
        (
            rule(voorwaarden=[{"kolom": "type", "op": "<", "waarde": "x"}]),
            "criteria.driedeling.regels[1].voorwaarden[0].op",
            "alleen == en in",
        ),
        (
            rule(voorwaarden=[{"kolom": "aandeel_werk", "op": ">=", "waarde": "hoog"}]),
            "criteria.driedeling.regels[1].voorwaarden[0].waarde",
            "verwacht een getal",
        ),
        (
            rule(voorwaarden=[{"kolom": "ov_klasse", "op": ">=", "waarde": "7"}]),
            "criteria.driedeling.regels[1].voorwaarden[0].waarde",
            "PTAL-klasse",
        ),
        (
            rule(voorwaarden=[{"kolom": "type", "op": "in", "waarde": "broedplaats"}]),
            "criteria.driedeling.regels[1].voorwaarden[0].waarde",
            "niet-lege lijst",
        ),
        (rule(reden="waarde {onzin}"), "criteria.driedeling.regels[1]", "onbekend veld {onzin}"),
        (rule(soort="beetje"), "criteria.driedeling.regels[1]", "soort moet"),
        (rule(als="x"), "criteria.driedeling.regels[1]", "onbekende sleutel(s) als"),
        (rule(id="ok"), "criteria.driedeling.regels[1]", "komt twee keer voor"),
    ],
)
def test_bad_rule_config(bad, key, text):
    good = rule(id="ok")
    with pytest.raises(ConfigError) as info:
        regels_uit_config(config_with([good, bad]))
    assert info.value.key == key
    assert text in str(info.value)


def test_bad_default_class():
    with pytest.raises(ConfigError) as info:
        regels_uit_config(config_with(standaardklasse="sloop"))
    assert info.value.key == "criteria.driedeling.standaardklasse"


def test_unscored_parcels_rejected():
    regio = make_regio()
    with pytest.raises(InputError) as info:
        driedeling(regio, regio.percelen.drop(columns=["kandidaat"]))
    assert info.value.column == "kandidaat"
    assert "werkruimte.score" in str(info.value)


def test_fallback_to_gtfs_and_raster(monkeypatch):
    calls = []

    def fake_ptal(gdf, feed, **kwargs):
        calls.append((len(gdf), kwargs["begin"]))
        return pd.DataFrame({"ov_index": 30.0, "ov_klasse": "6a"}, index=gdf.index)

    def fake_dekking(gdf, raster):
        return pd.Series(0.25, index=gdf.index)

    fake_ov = SimpleNamespace(ptal=fake_ptal)
    fake_glas = SimpleNamespace(glasvezel_dekking=fake_dekking)
    monkeypatch.setitem(sys.modules, "werkruimte.indicators.ov", fake_ov)
    monkeypatch.setitem(sys.modules, "werkruimte.indicators.glasvezel", fake_glas)
    monkeypatch.setattr(werkruimte.indicators, "ov", fake_ov, raising=False)
    monkeypatch.setattr(werkruimte.indicators, "glasvezel", fake_glas, raising=False)
    regio = make_regio()
    regio.ov = object()
    regio.glasvezel = object()
    out = driedeling(regio, regio.percelen).set_index("id")
    # T1, T2, T3, T5 have no member parcels; H3 has no parcel underneath
    assert calls == [(4, "08:15:00"), (1, "08:15:00")]
    assert out.loc["T1", "ov_index"] == 30.0 and out.loc["T1", "ov_klasse"] == "6a"
    assert out.loc["T4", "ov_index"] == pytest.approx(18.0)  # members still win
    assert (out.loc[["T1", "T4", "T6"], "glasvezel_dekking"] == 0.25).all()  # raster on terrains
    assert out.loc["H1", "glasvezel_dekking"] == pytest.approx(0.3)  # parcel underneath
    assert out.loc["H3", "glasvezel_dekking"] == 0.25  # raster around the point


def test_write_tabellen(tabel, tmp_path):
    extra = {
        "middensegment": pd.DataFrame({"gemeente": ["Hilversum"], "aanbod_m2": [1234.5]}),
        "glasvezelgaten": gpd.GeoDataFrame(
            {"gebied_id": [1], "gemiddelde_dekking": [0.5]}, geometry=[Point(0, 0)], crs=28992
        ),
    }
    csv, xlsx = tmp_path / "driedeling.csv", tmp_path / "driedeling.xlsx"
    write_tabellen(tabel, extra, csv=csv, xlsx=xlsx)

    raw = csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    header = raw[3:].split(b"\r\n" if b"\r\n" in raw else b"\n")[0].decode()
    assert header.split(";")[:3] == ["id", "naam", "soort"]
    assert "geometry" not in header
    back = pd.read_csv(csv, sep=";", decimal=",", encoding="utf-8-sig")
    assert len(back) == 9
    assert back.loc[3, "ov_index"] == pytest.approx(18.0)
    assert back.loc[0, "milieucategorie_max"] == pytest.approx(4.2)
    assert "18,0" in raw.decode("utf-8-sig") or ";18;" in raw.decode("utf-8-sig")

    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == [
        "samenvatting",
        "Hilversum",
        "Huizen",
        "middensegment",
        "glasvezelgaten",
    ]
    ws = wb["samenvatting"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == ["gemeente", "behouden", "menging", "transformatie", "totaal"]
    assert rows[1] == ["Hilversum", 3, 1, 2, 6]
    assert rows[2] == ["Huizen", 0, 3, 0, 3]
    assert rows[3] == ["totaal", 3, 4, 2, 9]
    assert rows[5] == ["soort", "behouden", "menging", "transformatie", "totaal"]
    assert rows[6] == ["formeel", 2, 3, 1, 6]
    assert rows[7] == ["informeel", 1, 1, 1, 3]
    assert ws["A1"].font.bold and ws["A6"].font.bold
    hil = wb["Hilversum"]
    assert hil.freeze_panes == "A2"
    assert hil["A1"].font.bold
    assert hil.max_row == 7  # header + 6 werklocaties
    names = [c.value for c in hil[1]]
    assert "geometry" not in names and names[-3:] == ["klasse", "reden", "regel"]
    reden_col = openpyxl.utils.get_column_letter(names.index("reden") + 1)
    assert hil.column_dimensions[reden_col].width == 60  # capped
    assert [c.value for c in wb["glasvezelgaten"][1]] == ["gebied_id", "gemiddelde_dekking"]
    assert wb["middensegment"]["B2"].value == pytest.approx(1234.5)


def test_write_tabellen_writes_straight_to_the_paths(tabel, tmp_path):
    """No temp files or renames of its own: export.atomic_outputs does that."""
    csv, xlsx = tmp_path / "d.csv", tmp_path / "d.xlsx"
    csv.write_text("oud")
    write_tabellen(tabel, {}, csv=csv, xlsx=xlsx)
    assert csv.read_text(encoding="utf-8-sig").startswith("id;")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.csv", "d.xlsx"]


def test_write_csv_for_dutch_excel(tmp_path):
    frame = gpd.GeoDataFrame(
        {
            "gemeente": pd.array(["Hilversum", "Wijdemeren"], dtype="string"),
            "aanbod_m2": [1234.5, 0.125],
            "oordeel": ["dun", "één"],
        },
        geometry=[Point(0, 0), Point(1, 1)],
        crs=28992,
    )
    path = tmp_path / "t.csv"
    write_csv(frame, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw[3:].decode("utf-8").splitlines() == [
        "gemeente;aanbod_m2;oordeel",
        "Hilversum;1234,5;dun",
        "Wijdemeren;0,125;één",  # no rounding: write_tabellen rounds, write_csv does not
    ]
    back = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")
    assert list(back.columns) == ["gemeente", "aanbod_m2", "oordeel"]
    assert back["aanbod_m2"].tolist() == [1234.5, 0.125]
    assert "geometry" in frame.columns  # the input keeps its geometry


def test_sheet_names():
    taken = set()
    assert _bladnaam("samenvatting", taken) == "samenvatting"
    assert _bladnaam("Weesp/Diemen: [oud]*?", taken) == "Weesp-Diemen- -oud---"
    assert _bladnaam("Samenvatting", taken) == "Samenvatting (2)"
    long = _bladnaam("x" * 40, taken)
    assert long == "x" * 31
    assert _bladnaam("x" * 35, taken) == "x" * 27 + " (2)"
    assert _bladnaam("History", taken) == "History-"


def test_middensegment_en_glasvezelgaten_naast_de_driedeling(tabel):
    regio = make_regio()
    assert list(middensegment_match(regio, regio.percelen)["gemeente"]) == ["Hilversum", "Huizen"]
    gaten = glasvezel_gaten(regio, regio.percelen, None, tabel)
    # T4 (0.7) and H1 (0.3) are gaps; 400 m apart -> two gebieden
    assert sorted(gaten["namen"]) == ["Broedplaats Noord", "Stationskwartier"]


# ---------------------------------------------------------------------------
# The rules language on its own (werkruimte.regels) and the hotspot lookup
# ---------------------------------------------------------------------------


def test_own_rules_round_trip_through_toml():
    regels = [
        Regel(
            id="citaat",
            klasse="transformatie",
            reden='zegt "weg" met \\ erin; PTAL {ov_klasse}',
            soort="informeel",
            voorwaarden=(
                Voorwaarde("ov_klasse", "in", ("3", "6b")),
                Voorwaarde("type", "in", ("broedplaats",)),
                Voorwaarde("leegstand_pct", ">", 0.25),
            ),
        ),
        Regel(id="alles", klasse="menging", reden="altijd"),
    ]
    text = regels_als_toml(regels)
    parsed = tomllib.loads(text)["criteria"]["driedeling"]["regels"]
    assert parsed[0]["reden"] == 'zegt "weg" met \\ erin; PTAL {ov_klasse}'
    assert parsed[1]["soort"] == "beide" and parsed[1]["voorwaarden"] == []
    assert regels_uit_config(config_with(parsed)) == regels


def test_pas_regels_toe_on_a_plain_table():
    """Pure: a DataFrame without geometry in, the first matching rule decides."""
    ind = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "naam": ["A", "B", "C", "D"],
            "soort": ["formeel", "formeel", "informeel", "formeel"],
            "milieucategorie_max": [4.2, 2.0, np.nan, np.nan],
            "aandeel_werk": [0.9, 0.3, 0.1, np.nan],
            "ov_klasse": pd.array(["2", "5", "4", pd.NA], dtype="string"),
        },
        index=[10, 11, 12, 13],
    )
    regels = [
        Regel("zwaar", "behouden", "cat {milieucategorie_max}", "formeel",
              (Voorwaarde("milieucategorie_max", ">=", 3.1),)),
        Regel("ov", "menging", "PTAL {ov_klasse}, werk {aandeel_werk}", None,
              (Voorwaarde("ov_klasse", ">=", "4"),)),
        Regel("weinig", "transformatie", "werk {aandeel_werk}", "formeel",
              (Voorwaarde("aandeel_werk", "<", 0.5),)),
    ]  # fmt: skip
    out = pas_regels_toe(
        ind, regels, klassen=["behouden", "menging", "transformatie"],
        standaardklasse="menging", standaardreden="niets voor {naam}",
    )  # fmt: skip
    assert type(out) is pd.DataFrame and list(out.index) == [10, 11, 12, 13]
    assert out["klasse"].tolist() == ["behouden", "menging", "menging", "menging"]
    # b matches "ov" and "weinig": the first one decides
    assert out["regel"].tolist() == ["zwaar", "ov", "ov", "standaard"]
    assert out["reden"].tolist() == [
        "cat 4.2",
        "PTAL 5, werk 30%",
        "PTAL 4, werk 10%",
        "niets voor D",  # NaN and NA satisfy no condition
    ]
    assert out.attrs["klassen"] == ["behouden", "menging", "transformatie"]
    assert "klasse" not in ind.columns


def test_pas_regels_toe_defaults_come_from_standaard_toml():
    ind = pd.DataFrame({"id": ["a"], "naam": ["A"], "soort": ["formeel"]})
    out = pas_regels_toe(ind, [])
    std = default_config().criteria["driedeling"]
    assert out["klasse"].tolist() == [std["standaardklasse"]] == ["menging"]
    assert out["reden"].tolist() == [std["standaardreden"]]
    assert out.attrs["klassen"] == std["klassen"]


def test_regels_is_pure():
    """The rules language uses no geometry libraries and no I/O of its own."""
    import ast
    from pathlib import Path

    import werkruimte.regels as regels

    tree = ast.parse(Path(regels.__file__).read_text(encoding="utf-8"))
    imported = {
        (n.module if isinstance(n, ast.ImportFrom) else a.name).split(".")[0]
        for n in ast.walk(tree)
        if isinstance(n, ast.Import | ast.ImportFrom)
        for a in n.names
    }
    assert not imported & {"geopandas", "shapely", "pyogrio", "os", "pathlib", "tempfile"}


def test_perceel_bij_punt():
    percelen = gpd.GeoDataFrame(
        geometry=[box(0, 0, 10, 10), box(100, 0, 110, 10), box(40, 0, 50, 10)], crs=28992
    )
    punten = np.array(
        [Point(5, 5), Point(58, 5), Point(75, 5), None, Point(104, 60), Point(125, 5)],
        dtype=object,
    )
    got = perceel_bij_punt(punten, percelen)
    # inside the first; 8 m east of the third; 25 m from both third and second (tie:
    # one of them); missing; 50 m north of the second (limit inclusive); 15 m east of it
    assert got[[0, 1, 3, 4, 5]].tolist() == [0, 2, -1, 1, 1]
    assert got[2] in (1, 2)
    assert perceel_bij_punt(punten, percelen, max_m=10.0).tolist() == [0, 2, -1, -1, -1, -1]
    assert perceel_bij_punt(punten, percelen.iloc[:0]).tolist() == [-1] * 6


def test_every_rule_column_is_an_indicator(tabel):
    """regels and werklocaties agree: each column a rule may name is computed."""
    from werkruimte.regels import INDICATOR_KOLOMMEN

    assert set(INDICATOR_KOLOMMEN) <= set(tabel.columns)
