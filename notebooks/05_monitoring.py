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
# # 5. Monitoring: scenario's vergelijken en de voortgangsrapportage
#
# De werkgroep weegt keuzes af (*"wat als OV drie keer zo zwaar telt?"*) en het Werkplan
# vraagt elk jaar een voortgangsrapportage voor het portefeuillehoudersoverleg. Dit
# notebook
#
# 1. draait de hele keten twee keer: met de standaardinstellingen (de **basis**) en met
#    OV-gewicht 3 voor schuifruimte (het scenario **ov3**);
# 2. vergelijkt de twee runs: welke kandidaat-percelen komen **erbij**, welke vallen
#    **eraf**, per gemeente in aantal en hectare, en welke werklocaties van klasse
#    veranderen in de driedeling;
# 3. maakt de **voortgangsrapportage** (één HTML-bestand) van de basisrun.
#
# Op de opdrachtregel doet u hetzelfde met
# `werkruimte kansenkaart --scenario ov3=ov3.toml --out uitvoer` (basis en scenario in
# één keer, met de vergelijking in `uitvoer/vergelijking_ov3/`),
# `werkruimte vergelijk RUN_A RUN_B --out MAP` en `werkruimte rapport RUN --out MAP`.
#
# > De demoregio is **fictief**. Draaitijd: ongeveer een minuut. Alle uitvoer komt in een
# > tijdelijke map, niet in de repository.

# %%
import dataclasses
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import werkruimte as wr
from werkruimte._nl import geheel, getal, ha

pd.set_option("display.max_columns", 30)
pd.set_option("display.width", 180)
pd.set_option("display.max_colwidth", 120)

uitmap = Path(tempfile.mkdtemp(prefix="werkruimte-notebook-"))
print(f"Uitvoer in {uitmap}")

# %% [markdown]
# ## Twee runs: basis en scenario
#
# Een run is een map zoals `werkruimte kansenkaart --out MAP` die schrijft: de
# gescoorde percelen, de schuifruimte, de driedeling, de kaart en een `manifest.json`
# met de instellingen en een controlegetal (SHA-256) van elk bestand. Het scenario
# verandert één instelling met `Config.with_changes`; in een `werkruimte.toml` zou dat
# zijn:
#
# ```toml
# [criteria.profielen.schuifruimte]
# gewichten = { ov = 3.0 }
# ```

# %%
basis = wr.draai_keten(None)  # None: de ingebouwde demoregio
wr.schrijf_keten(basis, uitmap / "basis")

regio = basis.regio
config_ov3 = regio.config.with_changes(
    {"criteria": {"profielen": {"schuifruimte": {"gewichten": {"ov": 3.0}}}}}
)
ov3 = wr.draai_keten(dataclasses.replace(regio, config=config_ov3))
wr.schrijf_keten(ov3, uitmap / "ov3")

for naam, run in [("basis", basis), ("ov3", ov3)]:
    balans = run.balans
    assert balans is not None  # gezet door de stap 'cluster'
    print(f"{naam}: {geheel(run.percelen['kandidaat'].sum())} kandidaten; {balans.tekst()}")

# %% [markdown]
# ## Wat verandert er?
#
# `vergelijk` leest beide runs terug uit hun map (via de manifest, met controle van de
# controlegetallen) en zet ze naast elkaar. Een perceel is **erbij** als het alleen in
# het scenario kandidaat is, **eraf** als het alleen in de basis kandidaat is, en
# **gebleven** als het in beide kandidaat is. Hectares zijn de som van de geregistreerde
# oppervlakte van de percelen.

# %%
from werkruimte.run import lees_run
from werkruimte.vergelijk import koppen, schrijf_vergelijking, vergelijk

v = vergelijk(lees_run(uitmap / "basis"), lees_run(uitmap / "ov3"), namen=("basis", "ov3"))
r = v.regio()
print(
    f"Scenario ov3 tegen de basis: {geheel(r['erbij'])} kandidaten erbij ({ha(r['erbij_ha'])}), "
    f"{geheel(r['eraf'])} eraf ({ha(r['eraf_ha'])}), {geheel(r['gebleven'])} gebleven."
)
print(
    f"Schuifruimte in clusters: {ha(r['schuifruimte_ha_a'])} in de basis, "
    f"{ha(r['schuifruimte_ha_b'])} in ov3."
)

# %% [markdown]
# Per gemeente, in aantal en hectare (de laatste rij is de regio):

# %%
kolommen = [
    "gemeente",
    "kandidaten_a",
    "kandidaten_b",
    "erbij",
    "erbij_ha",
    "eraf",
    "eraf_ha",
    "schuifruimte_ha_a",
    "schuifruimte_ha_b",
]
per_gemeente = v.samenvatting[kolommen].round(2)
koppen(per_gemeente, v.namen)

# %%
tekening = per_gemeente[per_gemeente["gemeente"] != "regio"].set_index("gemeente")
fig, ax = plt.subplots(figsize=(9, 4))
ax.bar(tekening.index, tekening["erbij_ha"], color="#1a9850", label="erbij")
ax.bar(tekening.index, -tekening["eraf_ha"], color="#d73027", label="eraf")
ax.axhline(0, color="black", linewidth=0.8)
ax.set_ylabel("hectare kandidaat-percelen")
ax.set_title("Scenario ov3 tegen de basis: erbij (boven) en eraf (onder) per gemeente")
ax.tick_params(axis="x", labelrotation=30)
ax.legend()
plt.show()

# %% [markdown]
# Welke instellingen verschillen tussen de twee runs? Zo blijft achteraf na te gaan
# waarop het verschil berust.

# %%
koppen(v.instellingen, v.namen)

# %% [markdown]
# ### De driedeling
#
# Verandert de klasse van werklocaties? Het OV-gewicht telt in de score van percelen,
# niet in de regels van de driedeling; verwacht dus geen verschuiving.

# %%
gewijzigd = v.driedeling[v.driedeling["gewijzigd"]]
print(f"{len(gewijzigd)} van de {len(v.driedeling)} werklocaties krijgen in ov3 een andere klasse.")

# %% [markdown]
# Een keuze die de driedeling wél raakt: de werkgroep vindt 15 % leegstand al
# structureel (regel `leegstand_ov`, standaard 25 %). De driedeling opnieuw indelen kost
# een seconde; `vergelijk_driedeling` zet de klassen naast elkaar, de gewijzigde
# bovenaan.

# %%
from copy import deepcopy

from werkruimte.vergelijk import vergelijk_driedeling

regels = deepcopy(regio.config.criteria["driedeling"]["regels"])
for regel in regels:
    if regel["id"] == "leegstand_ov":
        regel["voorwaarden"][0]["waarde"] = 0.15
regio_15 = dataclasses.replace(
    regio, config=regio.config.with_changes({"criteria": {"driedeling": {"regels": regels}}})
)
driedeling_15 = vergelijk_driedeling(basis.driedeling, wr.driedeling(regio_15, basis.percelen))
anders_15 = driedeling_15[driedeling_15["gewijzigd"]]
print(f"Met 15% leegstand krijgen {len(anders_15)} werklocaties een andere klasse:")
koppen(anders_15[["naam", "gemeente", "klasse_a", "klasse_b", "reden_b"]], ("basis", "15%"))

# %% [markdown]
# ## De vergelijking bewaren, met de kaart van de wijzigingen
#
# `schrijf_vergelijking` schrijft wat `werkruimte vergelijk` schrijft:
# `vergelijking.gpkg` (lagen `percelen` en `clusters`, voor QGIS), `vergelijking.xlsx`
# (de tabellen hierboven), `vergelijking.json` (dezelfde getallen) en
# `vergelijking.html`: de kaart met erbij (groen), eraf (rood), gebleven (grijs) en de
# schuifruimteclusters van beide runs (basis gestreept).

# %%
from werkruimte.kaart.wijzigingen import wijzigingenkaart

for pad in schrijf_vergelijking(v, uitmap / "vergelijking_ov3"):
    print(f"{pad.name}: {geheel(pad.stat().st_size / 1024)} kB")
wijzigingenkaart(v.percelen, v.clusters, namen=v.namen, fictief=v.fictief)

# %% [markdown]
# ## De voortgangsrapportage
#
# Eén HTML-bestand voor het portefeuillehoudersoverleg: schuifruimte en middensegment
# per gemeente tegen de vraag, de driedeling, glasvezelgaten, dekking van de bronnen, een
# kaart per gemeente, de instellingen die afwijken van het Werkplan en de herkomst van
# de gegevens. Het werkt zonder internet en is af te drukken op A4. Met
# `vorig=lees_run(...)` (op de opdrachtregel `--vorig`) komt er een hoofdstuk bij met
# wat sinds vorig jaar veranderde.

# %%
from werkruimte.rapport import schrijf_rapport, voortgangsrapport

rapport_html = voortgangsrapport(lees_run(uitmap / "basis"))
rapport = schrijf_rapport(rapport_html, uitmap / "rapport")
print(f"Voortgangsrapport: {rapport} ({geheel(rapport.stat().st_size / 1024)} kB)")
vraag_ha = regio.config.criteria["schuifruimte"]["vraag_ha"]
print(f"Open het in een browser; vraag in de regio: {getal(vraag_ha, 0)} ha.")
