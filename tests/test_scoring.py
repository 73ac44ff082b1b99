"""Scoring: value functions, weights, hard constraints, top-N, uitleg, AHP, sensitivity."""

import numpy as np
import pandas as pd
import pytest
from geopandas import GeoDataFrame
from shapely.geometry import box

from werkruimte.config import default_config
from werkruimte.errors import ConfigError
from werkruimte.scoring import ahp_gewichten, profielen_uit_config, score_indicatoren


def indicator_frame() -> GeoDataFrame:
    rows = [
        # id, gemeente, m², klasse, soort, bestemming, afst_bt, ov, glas, snelweg, hotspot, station
        ("A", "Hilversum", 2000, "groot", "werk", "bedrijventerrein", 0, 7.5, 0.65, 3500, 900, 900),
        (
            "B",
            "Hilversum",
            1600,
            "groot",
            "potentieel",
            "maatschappelijk",
            1500,
            0,
            np.nan,
            1000,
            900,
            900,
        ),
        ("C", "Huizen", 2000, "groot", "anders", "wonen", 0, 20, 1.0, 0, 0, 0),
        ("D", "Huizen", 300, "overig", "werk", "bedrijf", 0, 20, 1.0, 0, 0, 0),
        ("E", "Laren (NH.)", 900, "midden", "werk", "centrum", 0, 15, 1.0, 0, 200, 400),
        ("F", "Hilversum", 2000, "groot", "werk", "bedrijf", 0, 7.5, 0.65, 3500, 900, 900),
    ]
    cols = [
        "perceel_id",
        "gemeente",
        "oppervlakte_m2",
        "grootteklasse",
        "bestemming_soort",
        "bestemming",
        "afstand_bedrijventerrein_m",
        "ov_index",
        "glasvezel_dekking",
        "afstand_snelweg_m",
        "afstand_hotspot_m",
        "afstand_station_m",
    ]
    df = pd.DataFrame(rows, columns=cols)
    df["bestemming_aandeel"] = 1.0
    df["ov_klasse"] = ["3", "0", "5", "5", "4", "3"]
    geoms = [box(i * 100, 0, i * 100 + 40, 50) for i in range(len(df))]
    return GeoDataFrame(df, geometry=geoms, crs=28992)


def test_scores_by_hand():
    ind = indicator_frame()
    before = ind.copy()
    profs = profielen_uit_config(default_config())
    out = score_indicatoren(ind, profs, gevoeligheid=None)
    pd.testing.assert_frame_equal(ind, before)  # input untouched
    a, b, c, d, e = (out.iloc[i] for i in range(5))
    # A: weights 1.5/3/2/1/1/1.5 of 10; parts 1, 1, 1, 0.5, 0.5, 0.5
    assert a["score"] == pytest.approx(82.5)
    assert a["s_ov"] == pytest.approx(0.5)
    assert a["s_glasvezel"] == pytest.approx(0.5)
    assert a["s_auto"] == pytest.approx(0.5)
    assert a["profiel"] == "schuifruimte" and a["kandidaat"]
    # B: grootte 0.8, bestemming 0.6, rest 0 but auto 1 -> 12 + 18 + 15 = 45 < 55
    assert b["score"] == pytest.approx(45.0)
    assert not b["kandidaat"]
    assert "glasvezel onbekend (geen gegevens; telt als 0)" in b["uitleg"]
    assert "score onder 55" in b["uitleg"]
    # C: fails the hard constraint on bestemming
    assert not c["kandidaat"]
    assert "harde eis" in c["uitleg"] and "bestemming < 0,5" in c["uitleg"]
    # D: outside every profile
    assert d["score"] == 0.0 and pd.isna(d["profiel"]) and not d["kandidaat"]
    assert "valt buiten de profielen" in d["uitleg"]
    # E: middensegment; grootte 1, bestemming 1, hotspot 1, station 1, ov 1, glasvezel 1
    assert e["profiel"] == "middensegment" and e["score"] == pytest.approx(100.0)
    assert e["uitleg"].startswith("profiel middensegment: 900 m² (midden)")
    assert "PTAL 4 (index 15,0)" in e["uitleg"]
    assert (out["cluster_id"] == -1).all()
    assert list(out.index) == list(ind.index)


def test_uitleg_names_the_heaviest_criterion():
    out = score_indicatoren(
        indicator_frame(), profielen_uit_config(default_config()), gevoeligheid=None
    )
    assert "telt het zwaarst: bestemming" in out.iloc[0]["uitleg"]
    assert "2.000 m² (groot)" in out.iloc[0]["uitleg"]
    assert "bestemming bedrijventerrein (100%)" in out.iloc[0]["uitleg"]


def test_top_n_per_gemeente():
    cfg = default_config().with_changes({"criteria": {"profielen": {"schuifruimte": {"top_n": 1}}}})
    ind = indicator_frame()
    ind.loc[5, "afstand_snelweg_m"] = 1000.0  # F beats A in Hilversum
    out = score_indicatoren(ind, profielen_uit_config(cfg), gevoeligheid=None)
    assert out.loc[5, "kandidaat"] and not out.loc[0, "kandidaat"]
    assert "buiten de top-1 van de gemeente" in out.loc[0, "uitleg"]


def test_sensitivity_is_reproducible_and_bounded():
    settings = {"runs": 100, "spreiding": 0.3, "seed": 7, "top_n": 1}
    profs = profielen_uit_config(default_config())
    ind = indicator_frame()
    ind.loc[5, "glasvezel_dekking"] = 0.7  # F slightly ahead of A on glasvezel only
    ind.loc[0, "afstand_snelweg_m"] = 3300  # A slightly ahead of F on auto
    one = score_indicatoren(ind, profs, gevoeligheid=settings)
    two = score_indicatoren(ind, profs, gevoeligheid=settings)
    np.testing.assert_array_equal(one["rang_stabiliteit"], two["rang_stabiliteit"])
    stab = one.loc[one["kandidaat"], "rang_stabiliteit"]
    assert ((stab >= 0) & (stab <= 1)).all()
    assert one.loc[~one["kandidaat"], "rang_stabiliteit"].isna().all()
    # Two near-equal Hilversum parcels with top-1: together they hold the slot in every run.
    hv = one[(one.gemeente == "Hilversum") & one.kandidaat]
    assert len(hv) == 2
    assert hv["rang_stabiliteit"].sum() == pytest.approx(1.0)
    assert 0 < hv["rang_stabiliteit"].min() < 1


def test_ahp_textbook_matrix():
    # Saaty-style 3x3: lambda_max 3.0385, CI 0.0193, RI 0.58 -> CR 0.0332
    w, cr = ahp_gewichten([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]])
    np.testing.assert_allclose(w, [0.6370, 0.2583, 0.1047], atol=1e-4)
    assert cr == pytest.approx(0.0332, abs=1e-4)


def test_ahp_inconsistent_matrix_is_an_error():
    with pytest.raises(ConfigError, match="consistentieratio"):
        ahp_gewichten([[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]])
    with pytest.raises(ConfigError, match="niet reciprook"):
        ahp_gewichten([[1, 3], [3, 1]])


def test_ahp_profile_from_config():
    cfg = default_config().with_changes(
        {
            "criteria": {
                "profielen": {
                    "schuifruimte": {
                        "ahp": {
                            "criteria": ["bestemming", "grootte", "ov"],
                            "matrix": [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]],
                        }
                    }
                }
            }
        }
    )
    prof = profielen_uit_config(cfg, "schuifruimte")[0]
    assert prof.gewichten["bestemming"] == pytest.approx(0.6370, abs=1e-4)
    assert prof.consistentie == pytest.approx(0.0332, abs=1e-4)


def test_zero_weights_and_missing_value_function_are_errors():
    cfg = default_config().with_changes(
        {
            "criteria": {
                "profielen": {
                    "schuifruimte": {
                        "gewichten": {
                            "grootte": 0,
                            "bestemming": 0,
                            "bedrijventerrein": 0,
                            "ov": 0,
                            "glasvezel": 0,
                            "auto": 0,
                        }
                    }
                }
            }
        }
    )
    with pytest.raises(ConfigError, match="tellen op tot 0"):
        profielen_uit_config(cfg)
    cfg = default_config().with_changes(
        {"criteria": {"profielen": {"schuifruimte": {"gewichten": {"parkeren": 1.0}}}}}
    )
    with pytest.raises(ConfigError, match="parkeren"):
        profielen_uit_config(cfg)


def test_unknown_indicator_column_is_named():
    cfg = default_config().with_changes(
        {
            "criteria": {
                "profielen": {
                    "schuifruimte": {
                        "waardefuncties": {
                            "ov": {"type": "lineair", "kolom": "ov_idx", "nul": 0, "een": 1}
                        }
                    }
                }
            }
        }
    )
    with pytest.raises(ConfigError, match="ov_idx"):
        score_indicatoren(indicator_frame(), profielen_uit_config(cfg), gevoeligheid=None)


def test_criterion_without_any_data_is_never_dropped_in_silence():
    """Issue 11: no source is no excuse; an unknown value follows [criteria.onbekend]."""
    ind = indicator_frame()
    ind["glasvezel_dekking"] = np.nan  # no glasvezel source configured
    out = score_indicatoren(ind, profielen_uit_config(default_config()), gevoeligheid=None)
    # A: weights 1.5/3/2/1/1/1.5 of 10; parts 1, 1, 1, 0.5, 0 (unknown counts as 0), 0.5
    assert out.loc[0, "score"] == pytest.approx(77.5)
    assert "glasvezel onbekend (geen gegevens; telt als 0)" in out.loc[0, "uitleg"]
    # "negeren": glasvezel left out of A's score, the other weights rescaled (of 9)
    cfg = default_config().with_changes({"criteria": {"onbekend": {"gewichten": "negeren"}}})
    out = score_indicatoren(ind, profielen_uit_config(cfg), gevoeligheid=None)
    assert out.loc[0, "score"] == pytest.approx(100 * 7.75 / 9, abs=0.01)
    assert "telt niet mee; de andere gewichten herschaald" in out.loc[0, "uitleg"]


def test_parcel_without_plan_has_unknown_bestemming():
    ind = indicator_frame()
    ind.loc[0, "bestemming_soort"] = pd.NA
    out = score_indicatoren(ind, profielen_uit_config(default_config()), gevoeligheid=None)
    assert (
        "bestemming onbekend (geen gegevens; harde eis niet gehaald; telt als 0)"
        in (out.loc[0, "uitleg"])
    )
    assert not out.loc[0, "kandidaat"]
