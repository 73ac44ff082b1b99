"""One validation path: every config problem in one run, data checks, one verdict."""

from pathlib import Path
from types import SimpleNamespace

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from werkruimte import validatie as va
from werkruimte.config import default_config, load_config
from werkruimte.errors import ConfigError, InputError
from werkruimte.regio import Regio, load_regio
from werkruimte.scoring import profielen_uit_config

RD = "EPSG:28992"
DATA = Path(__file__).parent / "data"
X0, Y0 = 150_000.0, 450_000.0

#: The three invalid settings of issue 11, in one file.
ONGELDIG = (
    "[criteria.grootte]\n"
    "groot_min = 2500.0\n"
    "groot_max = 1500.0\n"
    "\n"
    "[criteria.profielen.schuifruimte]\n"
    "min_score = 150.0\n"
    "gewichten = { grootte = 1.5, bestemming = -1.0, bedrijventerrein = 2.0, ov = 1.0, "
    "glasvezel = 1.0, auto = 1.5 }\n"
)


def _fouten(problemen):
    return [p for p in problemen if p.ernst == "fout"]


def test_default_config_has_no_problems():
    assert va.controleer_config(default_config()) == []


def test_three_invalid_settings_reported_together(tmp_path):
    toml = tmp_path / "werkruimte.toml"
    toml.write_text(ONGELDIG, encoding="utf-8")
    cfg = load_config(toml)
    problemen = va.controleer_config(cfg)
    assert [(p.ernst, p.sleutel) for p in problemen] == [
        ("fout", "criteria.grootte"),
        ("fout", "criteria.profielen.schuifruimte.gewichten.bestemming"),
        ("fout", "criteria.profielen.schuifruimte.min_score"),
    ]
    with pytest.raises(ConfigError) as exc:
        va.verwerp_bij_fouten(problemen, pad=cfg.path)
    text = str(exc.value)
    assert text.startswith(f"configuratie {cfg.path}: 3 fouten gevonden:\n1. sleutel ")
    assert "\n2. sleutel 'criteria.profielen.schuifruimte.gewichten.bestemming': " in text
    assert "\n3. sleutel 'criteria.profielen.schuifruimte.min_score': " in text
    assert "groot_min=2500, groot_max=1500" in text


def test_messages_are_the_ones_score_gives():
    """Each invalid setting alone: validate names it with the message score raises."""
    cfg = default_config()
    for change in (
        {"gewichten": {"grootte": -1.0}},
        {"min_score": 150.0},
        {"top_n": -3},
        {"harde_eisen": {"bestemming": 1.5}},
        {"harde_eisen": {"onzin": 0.5}},
        {"grootteklassen": ["reus"]},
    ):
        one = cfg.with_changes({"criteria": {"profielen": {"schuifruimte": change}}})
        (probleem,) = va.controleer_config(one)
        with pytest.raises(ConfigError) as exc:
            profielen_uit_config(one)
        assert (probleem.sleutel, probleem.melding) == (exc.value.key, exc.value.detail)


def test_every_table_is_checked_in_one_run():
    cfg = default_config().with_changes(
        {
            "criteria": {
                "ov": {"loopsnelheid_m_per_min": 0.0, "begin": "8 uur", "datum": "gisteren"},
                "schuifruimte": {"afstand_m": 0.0, "vraag_ha": -1.0},
                "gevoeligheid": {"runs": -1, "spreiding": -0.5},
                "bedrijventerrein": {"min_aandeel": 0.0},
                "glasvezel": {"eenheid": "promille", "drempel": 0.0},
                "middensegment": {"min_plekken": 2.5},
                "min_dekking": 1.5,
                "onbekend": {"harde_eisen": "misschien"},
                "profielen": {
                    "middensegment": {
                        "gewichten": {
                            "ov": 0.0,
                            "grootte": 0.0,
                            "bestemming": 0.0,
                            "hotspot": 0.0,
                            "station": 0.0,
                            "glasvezel": 0.0,
                        }
                    }
                },
            }
        }
    )
    keys = [p.sleutel for p in _fouten(va.controleer_config(cfg))]
    assert keys == [
        "criteria.bedrijventerrein.min_aandeel",
        "criteria.ov.loopsnelheid_m_per_min",
        "criteria.ov.begin",
        "criteria.ov.datum",
        "criteria.glasvezel.eenheid",
        "criteria.glasvezel.drempel",
        "criteria.middensegment.min_plekken",
        "criteria.gevoeligheid.runs",
        "criteria.gevoeligheid.spreiding",
        "criteria.schuifruimte.afstand_m",
        "criteria.schuifruimte.vraag_ha",
        "criteria.min_dekking",
        "criteria.onbekend.harde_eisen",
        "criteria.profielen.middensegment.gewichten",
    ]


def test_top_n_not_whole_is_a_warning():
    cfg = default_config().with_changes(
        {"criteria": {"profielen": {"schuifruimte": {"top_n": 2.5}}}}
    )
    (p,) = va.controleer_config(cfg)
    assert (p.ernst, p.sleutel) == ("waarschuwing", "criteria.profielen.schuifruimte.top_n")
    assert p.melding == "top_n = 2,5 is geen geheel getal; er wordt 2 gebruikt."
    va.verwerp_bij_fouten([p])  # a warning alone does not stop the run


def test_driedeling_rules_are_checked():
    cfg = default_config().with_changes(
        {
            "criteria": {
                "driedeling": {"regels": [{"id": "x", "klasse": "sloop", "voorwaarden": []}]}
            }
        }
    )
    (p,) = va.controleer_config(cfg)
    assert p.sleutel.startswith("criteria.driedeling.regels[0]")


def _regio(percelen, *, ov=None, config=None):
    return Regio(
        config=config or default_config(),
        percelen=percelen,
        gemeenten=gpd.GeoDataFrame(
            {"gemeente": ["Testgem"]},
            geometry=[box(X0 - 1000, Y0 - 1000, X0 + 1000, Y0 + 1000)],
            crs=RD,
        ),
        bedrijventerreinen=gpd.GeoDataFrame(geometry=[], crs=RD),
        bestemmingsplannen=gpd.GeoDataFrame(
            {"bestemmingshoofdgroep": ["bedrijf"]},
            geometry=[box(X0 - 1000, Y0 - 1000, X0 + 1000, Y0 + 1000)],
            crs=RD,
        ),
        hotspots=gpd.GeoDataFrame(geometry=[], crs=RD),
        ov=ov,
    )


def _percelen():
    # Geometry areas 10 000, 400, 2 500, 0 (a collapsed ring) m².
    geoms = [
        box(X0, Y0, X0 + 100, Y0 + 100),
        box(X0 + 200, Y0, X0 + 220, Y0 + 20),
        box(X0 + 300, Y0, X0 + 350, Y0 + 50),
        box(X0 + 400, Y0, X0 + 400, Y0 + 10),
    ]
    return gpd.GeoDataFrame(
        {
            "perceel_id": ["p1", "p2", "p3", "p4"],
            # p1 registered 3x its geometry, p2 ok, p3 registered 0, p4 ok-ish but no geometry area
            "kadastrale_grootte_m2": [30_000.0, 410.0, 0.0, 12.0],
        },
        geometry=geoms,
        crs=RD,
    )


def test_implausible_areas_are_warnings():
    problemen = va.controleer_data(_regio(_percelen()))
    odd = [p for p in problemen if "factor 2" in p.melding]
    zero = [p for p in problemen if "0 of minder" in p.melding]
    assert len(odd) == 1 and odd[0].ernst == "waarschuwing" and odd[0].soort == "gegevens"
    assert odd[0].melding.startswith("1 percelen hebben een geregistreerde oppervlakte")
    assert odd[0].melding.endswith("van de geometrie: p1.")
    assert zero[0].melding == (
        "2 percelen hebben een oppervlakte van 0 of minder (geometrie of registratie): p3, p4."
    )


def test_gtfs_stops_missing_from_stop_times():
    stops = gpd.GeoDataFrame(
        {"stop_id": ["a", "b", "station"], "location_type": pd.array([0, pd.NA, 1], "Int32")},
        geometry=[Point(X0, Y0), Point(X0 + 50, Y0), Point(X0, Y0)],
        crs=RD,
    )
    feed = SimpleNamespace(
        stops=stops,
        departures=pd.DataFrame({"stop_id": []}),
        tabellen={"stop_times": pd.DataFrame({"stop_id": ["x1", "x2"]})},
    )
    problemen = va.controleer_data(_regio(_percelen(), ov=feed))
    (p,) = [p for p in problemen if p.sleutel == "bronnen.gtfs"]
    assert p.ernst == "waarschuwing"
    assert p.melding.startswith("geen van de 2 haltes van de dienstregeling komt voor")
    feed.tabellen["stop_times"] = pd.DataFrame({"stop_id": ["b"]})
    assert not [
        p for p in va.controleer_data(_regio(_percelen(), ov=feed)) if p.sleutel == "bronnen.gtfs"
    ]


def test_real_sources_that_do_not_overlap_stop_the_run(tmp_path):
    """Issue 11: BRK v4 (Amsterdam), IMRO plans elsewhere, CBS Gooi: two errors at once."""
    toml = tmp_path / "werkruimte.toml"
    toml.write_text(
        "[bronnen]\n"
        f'percelen = "{(DATA / "brk" / "brk_dkk_v4_perceel_amsterdam.gml").as_posix()}"\n'
        f'bestemmingsplannen = "{(DATA / "imro").as_posix()}"\n'
        f'gemeenten = "{(DATA / "cbs" / "gemeenten_gooi_vechtstreek_2025.geojson").as_posix()}"\n',
        encoding="utf-8",
    )
    regio = load_regio(toml)
    problemen = va.controleer_config(regio.config) + va.controleer_data(regio)
    assert [p.sleutel for p in _fouten(problemen)] == [
        "bronnen.gemeenten",
        "bronnen.bestemmingsplannen",
    ]
    warn = {p.sleutel for p in problemen if p.ernst == "waarschuwing"}
    assert "bronnen.gtfs" in warn  # not configured while the ov criterion uses it
    with pytest.raises(InputError) as exc:
        va.verwerp_bij_fouten(problemen, pad=regio.config.path)
    text = str(exc.value)
    assert "2 fouten gevonden:\n1. sleutel 'bronnen.gemeenten': gemeenten (CBS): bereikt 0 " in text
    assert "\n2. sleutel 'bronnen.bestemmingsplannen': " in text
    # A lower threshold in the config turns the errors into warnings.
    lower = regio.config.with_changes({"criteria": {"min_dekking_fout": 0.0}})
    regio2 = Regio(**{**regio.__dict__, "config": lower})
    assert _fouten(va.controleer_data(regio2)) == []


def test_hard_constraint_without_data_is_named():
    cfg = default_config().with_changes({"bronnen": {"bestemmingsplannen": ""}})
    regio = _regio(_percelen(), config=cfg)
    regio = Regio(**{**regio.__dict__, "bestemmingsplannen": gpd.GeoDataFrame(geometry=[], crs=RD)})
    keys = {p.sleutel for p in va.controleer_data(regio)}
    assert "criteria.profielen.schuifruimte.harde_eisen.bestemming" in keys
    negeren = Regio(
        **{**regio.__dict__, "config": cfg.with_changes({"criteria": {"onbekend": "negeren"}})}
    )
    keys = {p.sleutel for p in va.controleer_data(negeren)}
    assert "criteria.profielen.schuifruimte.harde_eisen.bestemming" not in keys


def test_problemen_als_tekst_puts_errors_first():
    ps = [
        va.Probleem("waarschuwing", "a", "let op."),
        va.Probleem("fout", "b", "kapot.", "repareer het."),
    ]
    assert va.problemen_als_tekst(ps) == (
        "1. fout: sleutel 'b': kapot. Oplossing: repareer het.\n"
        "2. waarschuwing: sleutel 'a': let op."
    )
