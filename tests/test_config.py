"""Config: defaults, merging, unknown keys, wrong types, syntax errors."""

from pathlib import Path

import pytest

from werkruimte.config import default_config, load_config
from werkruimte.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "werkruimte.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_defaults_follow_the_werkplan():
    cfg = default_config()
    c = cfg.criteria
    assert (c["grootte"]["groot_min"], c["grootte"]["groot_max"]) == (1500.0, 2500.0)
    assert (c["grootte"]["midden_min"], c["grootte"]["midden_max"]) == (400.0, 1500.0)
    assert c["schuifruimte"]["vraag_ha"] == 14.0
    assert set(c["profielen"]) == {"schuifruimte", "middensegment"}
    assert c["ov"]["loopsnelheid_m_per_min"] == 80.0


def test_missing_keys_take_the_default_and_paths_resolve(tmp_path):
    p = write(
        tmp_path,
        '[bronnen]\npercelen = "data/p.gpkg"\n[criteria.grootte]\ngroot_min = 1600\n',
    )
    cfg = load_config(p)
    assert cfg.criteria["grootte"]["groot_min"] == 1600.0
    assert isinstance(cfg.criteria["grootte"]["groot_min"], float)
    assert cfg.criteria["grootte"]["groot_max"] == 2500.0
    assert cfg.bron("percelen") == tmp_path / "data" / "p.gpkg"
    assert cfg.bron("gtfs") is None


def test_unknown_key_is_named_with_a_suggestion(tmp_path):
    p = write(tmp_path, "[criteria.grootte]\ngrot_min = 1600\n")
    with pytest.raises(ConfigError) as exc:
        load_config(p)
    msg = str(exc.value)
    assert "criteria.grootte.grot_min" in msg
    assert "groot_min" in msg
    assert str(p) in msg


def test_wrong_type_is_named(tmp_path):
    p = write(tmp_path, '[criteria.schuifruimte]\nvraag_ha = "veertien"\n')
    with pytest.raises(ConfigError, match=r"criteria\.schuifruimte\.vraag_ha.*verwacht getal"):
        load_config(p)


def test_syntax_error_names_the_file(tmp_path):
    p = write(tmp_path, "[criteria\ngroot_min = \n")
    with pytest.raises(ConfigError, match="geen geldige TOML"):
        load_config(p)


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="bestaat niet"):
        load_config(tmp_path / "nergens.toml")


def test_new_profile_and_partial_weights(tmp_path):
    p = write(
        tmp_path,
        """
[criteria.profielen.schuifruimte.gewichten]
ov = 5.0

[criteria.profielen.kantoren]
grootteklassen = ["midden", "groot"]
gewichten = { ov = 1.0 }
waardefuncties = { ov = { type = "lineair", kolom = "ov_index", nul = 0.0, een = 10.0 } }
""",
    )
    cfg = load_config(p)
    prof = cfg.profile("schuifruimte")
    assert prof["gewichten"]["ov"] == 5.0
    assert prof["gewichten"]["bestemming"] == 3.0  # kept from the defaults
    assert cfg.profile("kantoren")["top_n"] == 100
    with pytest.raises(ConfigError, match="profiel 'bestaatniet' bestaat niet"):
        cfg.profile("bestaatniet")


def test_unknown_key_inside_profile(tmp_path):
    p = write(tmp_path, "[criteria.profielen.schuifruimte]\ntopn = 3\n")
    with pytest.raises(ConfigError, match=r"criteria\.profielen\.schuifruimte\.topn"):
        load_config(p)
