# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 3. Schuifruimte en driedeling
#
# Het Werkplan vraagt in de regio ongeveer **14 ha schuifruimte**: ruimte waarheen
# bedrijven kunnen verhuizen of doorgroeien. Eén perceel is zelden zulke ruimte; een
# groep kandidaat-percelen dicht bij elkaar wel. Dit notebook
#
# 1. clustert de kandidaten tot schuifruimte en zet het aanbod af tegen de 14 ha;
# 2. deelt elke werklocatie in volgens de **STEC-driedeling** (behouden, menging,
#    transformatie) met de regel die besliste;
# 3. toont het middensegment per gemeente en de **glasvezelgaten**;
# 4. zet alles op de kansenkaart.
#
# > De demoregio is **fictief**. Draaitijd: ongeveer een halve minuut. De kaart en de
# > tabellen komen in een tijdelijke map, niet in de repository.

# %%
import matplotlib.pyplot as plt
import pandas as pd

import werkruimte as wr
from werkruimte._nl import geheel, getal

pd.set_option("display.max_columns", 30)
pd.set_option("display.width", 180)
pd.set_option("display.max_colwidth", 140)

# %%
import tempfile
from pathlib import Path

from werkruimte.schuifruimte import options_from_config

regio = wr.load_demo()
percelen = wr.score(regio)
uitmap = Path(tempfile.mkdtemp(prefix="werkruimte-notebook-"))
print(f"{geheel(percelen['kandidaat'].sum())} kandidaten; uitvoer in {uitmap}")

# %% [markdown]
# ## Schuifruimte clusteren
#
# Twee kandidaten horen bij hetzelfde cluster als hun randen hoogstens `afstand_m`
# (standaard 100 m: een straat over, of één perceel ertussen) van elkaar liggen; een
# keten van buren is één cluster. Clusters kleiner dan `min_oppervlakte_m2` (0,5 ha)
# tellen niet mee. Alleen kandidaten van het profiel `schuifruimte` (1500–2500 m²)
# vormen schuifruimte. Die instellingen staan in `[criteria.schuifruimte]`;
# `options_from_config` leest ze uit de configuratie, precies zoals
# `werkruimte kansenkaart` doet.

# %%
opties = options_from_config(regio.config)
vraag_ha = regio.config.criteria["schuifruimte"]["vraag_ha"]
print(opties)

percelen, clusters = wr.cluster_schuifruimte(percelen, **opties)
balans = wr.vraag_en_aanbod(clusters, vraag_ha=vraag_ha)
print(balans.tekst())

# %% [markdown]
# De clusters, de beste eerst (`rang` 1). De oppervlakte is de som van de percelen, niet
# van de omhullende op de kaart. De gekozen clusters zijn de beste die samen de vraag
# dekken.

# %%
overzicht = clusters.drop(columns=["geometry", "percelen"]).copy()
overzicht["gekozen"] = overzicht["cluster_id"].isin(balans.gekozen)
overzicht["cumulatief (ha)"] = overzicht["oppervlakte_ha"].cumsum()
overzicht.round(2)

# %%
fig, ax = plt.subplots(figsize=(10, 4))
kleuren = ["tab:green" if g else "lightgrey" for g in overzicht["gekozen"]]
ax.bar(overzicht["rang"], overzicht["oppervlakte_ha"], color=kleuren, label="cluster (ha)")
ax.plot(
    overzicht["rang"],
    overzicht["cumulatief (ha)"],
    color="black",
    marker=".",
    label="cumulatief",
)
ax.axhline(vraag_ha, color="tab:red", linestyle="--", label=f"vraag {geheel(vraag_ha)} ha")
ax.set_xticks(overzicht["rang"])
ax.set_xlabel("rang van het cluster")
ax.set_ylabel("hectare")
ax.set_title(balans.tekst(), fontsize=9)
ax.legend()
plt.show()

# %% [markdown]
# Waar ligt de schuifruimte? Per gemeente de hectares in clusters (som van de
# percelen), en op de kaart de clusters (groen = gekozen).

# %%
in_cluster = percelen[percelen["cluster_id"] >= 0]
per_gemeente = (
    pd.DataFrame(
        {
            "clusters": in_cluster.groupby("gemeente")["cluster_id"].nunique(),
            "percelen": in_cluster.groupby("gemeente").size(),
            "schuifruimte (ha)": (
                in_cluster.groupby("gemeente")["oppervlakte_m2"].sum() / 10_000
            ).round(2),
        }
    )
    .reindex(regio.gemeenten["gemeente"])
    .fillna(0)
)
per_gemeente.loc["totaal"] = per_gemeente.sum()
per_gemeente

# %%
fig, ax = plt.subplots(figsize=(9, 9))
regio.gemeenten.plot(ax=ax, color="whitesmoke", edgecolor="dimgrey")
gekozen = clusters["cluster_id"].isin(balans.gekozen)
clusters[~gekozen].plot(ax=ax, color="orange", alpha=0.7)
clusters[gekozen].plot(ax=ax, color="tab:green", alpha=0.8)
for _, c in clusters.iterrows():
    p = c.geometry.representative_point()
    ax.annotate(f"{c['rang']}: {getal(c['oppervlakte_ha'], 1)} ha", (p.x, p.y), fontsize=7)
ax.set_title("Schuifruimteclusters (groen = gekozen tegen de vraag; fictieve gegevens)")
ax.set_axis_off()
plt.show()

# %% [markdown]
# ### Hoe gevoelig is het aanbod voor de clusterregels?
#
# Clusteren is snel, dus we kunnen de regels variëren: een kleinere of grotere
# loopafstand tussen percelen, en een lagere ondergrens voor een cluster.

# %%
kandidaten_scores = percelen.drop(columns="cluster_id")
rijen = []
for afstand_m in [50.0, 100.0, 200.0]:
    for min_m2 in [2500.0, 5000.0]:
        _, c = wr.cluster_schuifruimte(
            kandidaten_scores,
            afstand_m=afstand_m,
            min_oppervlakte_m2=min_m2,
            profielen=opties["profielen"],
        )
        b = wr.vraag_en_aanbod(c, vraag_ha=vraag_ha)
        rijen.append(
            {
                "afstand_m": afstand_m,
                "min_oppervlakte_m2": min_m2,
                "clusters": len(c),
                "aanbod (ha)": round(b.aanbod_ha, 2),
                "clusters nodig voor de vraag": len(b.gekozen),
                "tekort (ha)": round(b.tekort_ha, 2),
            }
        )
pd.DataFrame(rijen)

# %% [markdown]
# ## De STEC-driedeling van werklocaties
#
# Elke werklocatie, formeel (bedrijventerrein uit IBIS) en informeel (hotspot), krijgt
# één klasse:
#
# * **behouden**: alleen werken, geen andere functies;
# * **menging**: een bredere mix van functies, terwijl de werkruimte blijft;
# * **transformatie**: omzetting toegestaan, met een bijdrage aan het
#   Transformatiefonds.
#
# De regels staan in volgorde in `[[criteria.driedeling.regels]]`; de eerste regel
# waarvan alle voorwaarden gelden beslist, en `reden` noemt die regel met de waarden.
# Geldt er geen, dan is de klasse `menging` (instelbaar).

# %%
pd.DataFrame(
    [
        {
            "regel": r["id"],
            "klasse": r["klasse"],
            "soort": r["soort"],
            "voorwaarden": " en ".join(
                f"{v['kolom']} {v['op']} {v['waarde']}" for v in r["voorwaarden"]
            ),
        }
        for r in regio.config.criteria["driedeling"]["regels"]
    ]
)

# %%
tabel = wr.driedeling(regio, percelen)
klassen = tabel["klasse"].value_counts()
telling = ", ".join(f"{k} {klassen.get(k, 0)}" for k in ["behouden", "menging", "transformatie"])
print(f"{len(tabel)} werklocaties: {telling}.")
pd.crosstab(tabel["soort"], tabel["klasse"], margins=True, margins_name="totaal")

# %% [markdown]
# Welke regel besliste hoe vaak, met een voorbeeld van de reden:

# %%
redenen = tabel.groupby(["klasse", "regel"]).agg(
    aantal=("id", "size"), voorbeeld=("reden", "first")
)
redenen

# %% [markdown]
# Per gemeente, en de werklocaties die voor transformatie in aanmerking komen:

# %%
print(pd.crosstab(tabel["gemeente"], tabel["klasse"], margins=True, margins_name="totaal"))
tabel.loc[
    tabel["klasse"] == "transformatie",
    ["naam", "soort", "type", "gemeente", "leegstand_pct", "ov_klasse", "reden"],
].round(2)

# %% [markdown]
# ### Een regel aanpassen
#
# *"De werkgroep vindt 15 % leegstand al structureel."* Regels zijn configuratie: we
# passen de drempel van de regel `leegstand_ov` aan en delen opnieuw in.

# %%
import copy
import dataclasses

regels = copy.deepcopy(regio.config.criteria["driedeling"]["regels"])
for regel in regels:
    if regel["id"] == "leegstand_ov":
        regel["voorwaarden"][0]["waarde"] = 0.15
config_15 = regio.config.with_changes({"criteria": {"driedeling": {"regels": regels}}})
regio_15 = dataclasses.replace(regio, config=config_15)
tabel_15 = wr.driedeling(regio_15, percelen)
anders = tabel_15["klasse"] != tabel["klasse"]
print(f"Met 15% leegstand krijgen {anders.sum()} werklocaties een andere klasse.")
pd.DataFrame(
    {
        "naam": tabel.loc[anders, "naam"],
        "was": tabel.loc[anders, "klasse"],
        "wordt": tabel_15.loc[anders, "klasse"],
        "reden": tabel_15.loc[anders, "reden"],
    }
)

# %% [markdown]
# ## Middensegment per gemeente
#
# Is er genoeg ruimte van 400–1500 m²? Per gemeente het aanbod in informele
# werklocaties en kandidaat-percelen, met een oordeel (`geen`, `dun`, `voldoende`;
# drempels in `[criteria.middensegment]`).

# %%
middensegment = wr.middensegment_match(regio, percelen)
middensegment[
    [
        "gemeente",
        "hotspots_middensegment",
        "kandidaten_middensegment",
        "aanbod_plekken",
        "aanbod_m2",
        "oordeel",
        "toelichting",
    ]
]

# %% [markdown]
# ## Glasvezelgaten: waar loont vraagbundeling?
#
# Werklocaties en schuifruimteclusters met een glasvezeldekking onder de drempel
# (`[criteria.glasvezel] drempel`, 80 %), gegroepeerd met hun buren binnen 250 m. Waar
# bedrijven samen vraag bundelen, wordt aanleg rendabel.

# %%
gaten = wr.glasvezel_gaten(regio, percelen, clusters, tabel)
print(
    f"{len(gaten)} vraagbundelingsgebieden, samen "
    f"{getal(gaten['oppervlakte_ha'].sum(), 1)} ha en "
    f"{geheel(gaten['aantal_percelen'].sum())} percelen."
)
gaten.drop(columns="geometry").round(2)

# %% [markdown]
# ## Alles op de kansenkaart
#
# Kandidaten, clusters, driedeling, OV, glasvezel en de gaten op één kaart. We bewaren
# hem in de tijdelijke map en tonen hem hier. `werkruimte kansenkaart` schrijft dezelfde
# kaart naar `maps/kansenkaart.html`, met de tabellen in `output/`.

# %%
from werkruimte.export.tabellen import write_tabellen

kaart = wr.kansenkaart(regio, percelen, clusters, tabel, balans=balans, gaten=gaten)
kaart_pad = uitmap / "kansenkaart.html"
kaart.save(str(kaart_pad))
write_tabellen(
    tabel,
    {"middensegment": middensegment, "glasvezelgaten": gaten},
    csv=uitmap / "driedeling.csv",
    xlsx=uitmap / "driedeling.xlsx",
)
for pad in sorted(uitmap.iterdir()):
    print(f"{pad.name}: {geheel(pad.stat().st_size / 1024)} kB")
kaart
