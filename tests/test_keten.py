"""The chain module: one place that strings the steps together (werkruimte.keten)."""

import json

import pyogrio
import pytest

import werkruimte as wr
from werkruimte import keten
from werkruimte.cli import main


@pytest.fixture(scope="module")
def tot_cluster():
    return keten.draai(None, tot="cluster")


def test_draai_stops_after_the_named_step(tot_cluster):
    k = tot_cluster
    assert k.clusters is not None and k.balans is not None
    assert k.driedeling is None and k.kaart is None
    assert list(k.tijden) == ["laden", "scoren", "clusteren"]
    # the clusters are made of the candidates of the schuifruimte profile
    member = k.percelen["cluster_id"] >= 0
    assert set(k.percelen.loc[member, "profiel"]) == {"schuifruimte"}
    assert k.balans.aantal_clusters == len(k.clusters)


def test_schrijf_writes_what_was_computed_and_a_manifest(tot_cluster, tmp_path):
    written = keten.schrijf(tot_cluster, tmp_path / "uit")
    names = sorted(p.name for p in written)
    assert names == ["manifest.json", "percelen_scores.gpkg", "schuifruimte.gpkg"]
    man = json.loads((tmp_path / "uit" / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(man["uitvoer"]) == sorted(str(p) for p in written)
    assert man["schuifruimte"]["vraag_ha"] == 14
    assert man["percelen"]["aantal"] == 31451
    assert pyogrio.read_info(tmp_path / "uit" / "schuifruimte.gpkg", layer="clusters")[
        "features"
    ] == len(tot_cluster.clusters)


def test_unknown_step_is_refused():
    with pytest.raises(ValueError, match="tot moet een van score, cluster"):
        keten.draai(None, tot="alles")


def test_public_api_names_the_chain():
    assert wr.draai_keten is keten.draai and wr.schrijf_keten is keten.schrijf


def test_cluster_command_writes_a_manifest(tmp_path, capsys):
    assert main(["cluster", "--out", str(tmp_path), "--quiet"]) == 0
    man = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert {p.rsplit("/", 1)[-1] for p in man["uitvoer"]} == {
        "percelen_scores.gpkg",
        "schuifruimte.gpkg",
        "manifest.json",
    }
    assert "aanbod_ha" in man["schuifruimte"]


def test_potentie_is_written_apart_from_the_candidates(tmp_path):
    """Werkplan action 1a: ground that could become work, never a candidate, in the region."""
    k = keten.draai(None, tot="driedeling")
    pot = k.potentie
    assert pot is not None and len(pot) > 0
    kand = set(k.percelen.loc[k.percelen["kandidaat"], "perceel_id"])
    assert not kand & set(pot["perceel_id"])
    assert (pot["gemeente"] != "buiten regio").all()
    assert pot["reden"].str.len().gt(0).all()
    keten.schrijf(k, tmp_path)
    back = pyogrio.read_dataframe(tmp_path / "potentie.gpkg", layer="potentie")
    assert len(back) == len(pot)
    man = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    per_gemeente = {r["gemeente"]: r for r in man["potentie"]}
    assert sum(r["aantal_percelen"] for r in per_gemeente.values()) == len(pot)
