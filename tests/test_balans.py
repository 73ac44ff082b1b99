"""The demand side: schuifruimte and middensegment against demand, worked out by hand."""

from __future__ import annotations

import copy

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from werkruimte.balans import GEEN_VRAAG, balans_per_gemeente
from werkruimte.config import Config, default_config
from werkruimte.errors import ConfigError


def config(**vraag: dict[str, float]) -> Config:
    base = default_config()
    data = copy.deepcopy(base.data)
    for key, table in vraag.items():
        section = "schuifruimte" if key == "vraag_ha_per_gemeente" else "middensegment"
        data["criteria"][section][key] = table
    return Config(path=None, root=base.root, data=data)


def percelen() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "gemeente": ["Huizen", "Huizen", "Huizen", "Eemnes", "Eemnes", "buiten regio"],
            "oppervlakte_m2": [20_000.0, 15_000.0, 9_000.0, 30_000.0, 4_000.0, 50_000.0],
            "cluster_id": [0, 0, -1, 1, 0, -1],
        },
        geometry=gpd.points_from_xy(range(6), range(6)),
        crs="EPSG:28992",
    )


def test_defaults_have_no_demand_per_gemeente() -> None:
    c = default_config().criteria
    assert c["schuifruimte"]["vraag_ha_per_gemeente"] == {}
    assert c["middensegment"]["vraag_m2_per_gemeente"] == {}
    assert c["middensegment"]["vraag_bedrijven_per_gemeente"] == {}


def test_schuifruimte_per_gemeente_and_region() -> None:
    t = balans_per_gemeente(percelen(), config(vraag_ha_per_gemeente={"Huizen": 5.0})).schuifruimte
    t = t.set_index("gemeente")
    assert list(t.index) == ["Eemnes", "Huizen", "regio"]
    # Huizen: 2 + 1,5 ha in cluster 0; Eemnes: 3 + 0,4 ha in clusters 1 and 0
    assert t.loc["Huizen", "aanbod_ha"] == pytest.approx(3.5)
    assert t.loc["Eemnes", "aanbod_ha"] == pytest.approx(3.4)
    assert t.loc["Eemnes", "clusters"] == 2
    assert t.loc["regio", "aanbod_ha"] == pytest.approx(6.9)
    assert t.loc["regio", "clusters"] == 2
    assert t.loc["regio", "vraag_ha"] == 14.0
    assert t.loc["regio", "saldo_ha"] == pytest.approx(-7.1)
    assert t.loc["regio", "oordeel"] == "tekort"
    assert t.loc["Huizen", "saldo_ha"] == pytest.approx(-1.5)
    assert t.loc["Huizen", "oordeel"] == "tekort"
    assert np.isnan(t.loc["Eemnes", "vraag_ha"])
    assert t.loc["Eemnes", "oordeel"] == GEEN_VRAAG
    ok = balans_per_gemeente(percelen(), config(vraag_ha_per_gemeente={"Huizen": 3.5}))
    assert ok.schuifruimte.set_index("gemeente").loc["Huizen", "oordeel"] == "voldoende"


def middensegment() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "gemeente": ["Eemnes", "Huizen", "Laren (NH.)"],
            "aanbod_plekken": [26, 3, 0],
            "aanbod_m2": [25_315.0, 2_500.0, 0.0],
            "oordeel": ["voldoende", "voldoende", "geen"],
        }
    )


def test_middensegment_against_demand() -> None:
    c = config(
        vraag_m2_per_gemeente={"Huizen": 2_000.0, "Eemnes": 30_000.0},
        vraag_bedrijven_per_gemeente={"Huizen": 4},
    )
    t = balans_per_gemeente(percelen(), c, middensegment=middensegment()).middensegment
    assert t is not None
    t = t.set_index("gemeente")
    assert list(t.index) == ["Eemnes", "Huizen", "Laren (NH.)", "regio"]
    # Huizen has the m² but one place too few; Eemnes the places but not the m²
    assert t.loc["Huizen", "saldo_plekken"] == -1
    assert t.loc["Huizen", "saldo_m2"] == 500.0
    assert t.loc["Huizen", "oordeel"] == "tekort"
    assert t.loc["Eemnes", "saldo_m2"] == -4_685.0
    assert t.loc["Eemnes", "oordeel"] == "tekort"
    assert t.loc["Laren (NH.)", "oordeel"] == GEEN_VRAAG
    assert t.loc["regio", "aanbod_m2"] == 27_815.0
    assert t.loc["regio", "vraag_m2"] == 32_000.0
    assert t.loc["regio", "vraag_bedrijven"] == 4
    assert t.loc["regio", "oordeel"] == "tekort"
    genoeg = config(vraag_m2_per_gemeente={"Huizen": 2_500.0})
    t2 = balans_per_gemeente(percelen(), genoeg, middensegment=middensegment()).middensegment
    assert t2 is not None
    assert t2.set_index("gemeente").loc["Huizen", "oordeel"] == "voldoende"


def test_without_demand_the_verdict_is_geen_vraag_opgegeven() -> None:
    b = balans_per_gemeente(percelen(), default_config(), middensegment=middensegment())
    assert b.middensegment is not None
    assert set(b.middensegment["oordeel"]) == {GEEN_VRAAG}
    assert set(b.schuifruimte["oordeel"].iloc[:-1]) == {GEEN_VRAAG}
    d = b.as_dict()
    assert d["schuifruimte"][-1]["gemeente"] == "regio"
    assert d["middensegment"][0]["vraag_m2"] is None


def test_a_bad_demand_is_a_config_error_naming_the_key() -> None:
    with pytest.raises(ConfigError, match=r"vraag_ha_per_gemeente\.Huizen.*0 of meer"):
        balans_per_gemeente(percelen(), config(vraag_ha_per_gemeente={"Huizen": -1.0}))
    with pytest.raises(ConfigError, match=r"onbekende gemeente 'Huize'.*Eemnes, Huizen"):
        balans_per_gemeente(percelen(), config(vraag_ha_per_gemeente={"Huize": 1.0}))
    with pytest.raises(ConfigError, match=r"vraag_bedrijven_per_gemeente\.Huizen"):
        balans_per_gemeente(
            percelen(),
            config(vraag_bedrijven_per_gemeente={"Huizen": "veel"}),  # type: ignore[dict-item]
            middensegment=middensegment(),
        )
