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
# # 4. Uw eigen gemeente
#
# De notebooks 1 tot 3 rekenen op de fictieve demoregio. Dit notebook laat zien hoe u
# met de echte gegevens van uw gemeente werkt:
#
# 1. de openbare bronnen ophalen met `werkruimte fetch`;
# 2. eigen bestanden (PDOK, IMRO, IBIS, GTFS) aanwijzen in een `werkruimte.toml`;
# 3. controleren wat er geladen is (`validate`) en rekenen.
#
# Stap 3 doen we hier echt, met een configuratie in een tijdelijke map die naar een
# deel van de demobestanden wijst. Er is geen internet nodig en er wordt niets in de
# repository geschreven.

# %% [markdown]
# ## Stap 1: openbare bronnen ophalen
#
# Op de opdrachtregel (niet in dit notebook; daar is internet voor nodig):
#
# ```sh
# werkruimte fetch --gemeente Hilversum
# ```
#
# Dat haalt voor het gebied van de gemeente (de CBS-grens plus 500 m, `--marge`) op:
#
# * de **percelen** uit de BRK Kadastrale Kaart (PDOK, OGC API);
# * de **OV-dienstregeling** (landelijke GTFS, ingekort tot het gebied; een andere feed
#   met `--gtfs-url`);
# * het **loopnetwerk** en de **op- en afritten** uit OpenStreetMap.
#
# Alles komt in `cache/hilversum/`, met bij elk bestand een `.json` met bron, datum en
# aantal objecten. Daarna schrijft de opdracht een `werkruimte.toml` die naar de cache
# wijst. Gebruik de naam of de CBS-code (`--gemeente GM0402`), of `--gemeente regio`
# voor alle zeven gemeenten. Onderbroken? Start dezelfde opdracht opnieuw: wat binnen
# is, wordt overgeslagen. Zonder internet gebruikt `--offline` alleen de cache.
#
# Bestemmingsplannen en IBIS-bedrijventerreinen staan niet als OGC API bij PDOK: geef
# een eigen adres (`--url-bestemmingsplannen`, `--url-bedrijventerreinen`) of wijs in
# stap 2 een eigen bestand aan. Informele werklocaties en glasvezeldekking levert u
# zelf aan.

# %% [markdown]
# ## Stap 2: eigen bestanden in `werkruimte.toml`
#
# Hebt u de bestanden zelf gedownload, schrijf dan een `werkruimte.toml` naast uw
# bestanden. Paden zijn relatief aan het toml-bestand (of absoluut). Bijvoorbeeld:
#
# ```toml
# [regio]
# naam = "Hilversum"
#
# [bronnen]
# # PDOK Kadastrale Kaart als GML (de laag Perceel wordt vanzelf gekozen)
# percelen = "downloads/kadastralekaart_perceel.gml"
# # een map met IMRO2012-GML's van ruimtelijkeplannen.nl (enkelbestemmingen)
# bestemmingsplannen = "downloads/imro/"
# # IBIS-bedrijventerreinen als shapefile (RIN_NUMMER, PLAN_NAAM, MILIEUCAT_MAX ...)
# bedrijventerreinen = "downloads/ibis/bedrijventerreinen.shp"
# # een GTFS-zip, bv. de landelijke feed van gtfs.ovapi.nl
# gtfs = "downloads/gtfs-nl.zip"
# # eigen inventarisatie van informele werklocaties (CSV met x, y of lon, lat; of XLSX)
# hotspots = "eigen/werklocaties.csv"
# # glasvezeldekking als GeoTIFF, 0..1 of 0..100
# glasvezel = "eigen/glasvezel.tif"
# # leeg laten = de ingebouwde CBS-grenzen van Gooi en Vechtstreek
# gemeenten = ""
# # alleen nodig als een bestand geen CRS heeft (bv. een shapefile zonder .prj)
# crs = "EPSG:28992"
#
# [criteria.glasvezel]
# eenheid = "procent"
# ```
#
# Een bron die u leeg laat, levert geen gegevens: dat criterium geeft dan 0 punten en
# de uitleg zegt "onbekend" (wat dat betekent, ziet u in stap 3). Alle sleutels met hun
# standaardwaarde staan in `werkruimte/standaard.toml`.

# %% [markdown]
# ## Stap 3: een configuratie proberen
#
# We doen alsof de demobestanden uw eigen downloads zijn, en wijzen alleen de
# **percelen**, de **bestemmingsplannen** en de **gemeentegrenzen** aan. De
# configuratie komt in een tijdelijke map.

# %%
import tempfile
from pathlib import Path

import pandas as pd

import werkruimte as wr
from werkruimte._nl import geheel
from werkruimte.config import demo_config_path

pd.set_option("display.max_columns", 30)
pd.set_option("display.width", 180)
pd.set_option("display.max_colwidth", 140)


def lagen_tabel(regio: wr.Regio) -> pd.DataFrame:
    """Dezelfde tabel als `werkruimte validate`: laag, rijen, CRS, bestand, herstel."""
    return pd.DataFrame(
        [
            {
                "laag": info.naam,
                "rijen": "-" if info.rijen is None else geheel(info.rijen),
                "CRS": info.crs or "-",
                "bestand": info.pad.name if info.pad else "(niet opgegeven)",
                "hersteld / opmerking": "; ".join(info.hersteld) or "-",
            }
            for info in regio.lagen.values()
        ]
    )


# %%
demo = wr.load_config(demo_config_path())  # alleen om de demobestanden te vinden


def demo_bestand(naam: str) -> str:
    """Het pad van demobestand `naam`, met / als scheidingsteken (ook op Windows)."""
    pad = demo.bron(naam)
    assert pad is not None, f"de demoregio heeft geen bron {naam}"
    return pad.as_posix()


mijn_map = Path(tempfile.mkdtemp(prefix="werkruimte-eigen-"))
toml_pad = mijn_map / "werkruimte.toml"
toml_pad.write_text(
    f'''[regio]
naam = "Mijn gemeente (demobestanden, fictief)"
fictief = true

[bronnen]
percelen = "{demo_bestand("percelen")}"
percelen_laag = "perceel"
bestemmingsplannen = "{demo_bestand("bestemmingsplannen")}"
gemeenten = "{demo_bestand("gemeenten")}"
''',
    encoding="utf-8",
)
print(toml_pad.read_text(encoding="utf-8"))

# %% [markdown]
# `wr.load_regio` leest de configuratie en alle bronnen. De tabel hieronder is wat
# `werkruimte validate --config werkruimte.toml` zou tonen: per laag het aantal rijen,
# het CRS, het bestand en wat er hersteld is of ontbreekt.

# %%
eigen = wr.load_regio(toml_pad)
lagen_tabel(eigen)

# %% [markdown]
# Rekenen gaat precies als op de demoregio. (Voor een snelle proef zetten we de
# gevoeligheidsanalyse uit.)

# %%
eigen_percelen = wr.score(eigen, gevoeligheid=False)
print(
    f"{geheel(len(eigen_percelen))} percelen gescoord, "
    f"{geheel(eigen_percelen['kandidaat'].sum())} kandidaten."
)
print()
print(eigen_percelen.sort_values("score", ascending=False)["uitleg"].iloc[0])


# %% [markdown]
# Criteria waarvoor geen bron is opgegeven (hier OV, glasvezel, bedrijventerreinen,
# informele werklocaties en afritten) zijn voor elk perceel onbekend. Een onbekende
# waarde beslist nooit in stilte: standaard telt een gewogen criterium dan als 0 en is
# een harde eis niet gehaald, en de uitleg hierboven noemt de bron die ontbreekt. Zonder
# die bronnen haalt hier geen perceel de minimumscore. Per profiel de criteria met
# gegevens en de hoogst haalbare score:


# %%
def haalbaar(percelen: pd.DataFrame, config: wr.Config) -> None:
    """Druk per profiel de hoogst haalbare score af met de criteria met gegevens."""
    for p in wr.profielen_uit_config(config):
        met_gegevens = [c for c in p.criteria if percelen[f"s_{c}"].max() > 0]
        hoogst = 100 * sum(p.gewichten[c] for c in met_gegevens)
        print(
            f"profiel {p.naam}: criteria met gegevens {', '.join(met_gegevens)}; "
            f"hoogst haalbaar {geheel(hoogst)} punten, minimumscore {geheel(p.min_score)}."
        )


haalbaar(eigen_percelen, eigen.config)

# %% [markdown]
# U kiest zelf hoe het verder gaat, en dat staat dan in de configuratie (en in het
# manifest van elke run):
#
# - zet het gewicht van een criterium zonder bron op 0 in `werkruimte.toml`; de overige
#   gewichten worden opnieuw geschaald tot samen 1;
# - of laat onbekende waarden per perceel niet meetellen met
#   `[criteria.onbekend] gewichten = "negeren"`.
#
# Hier de eerste manier:

# %%
with toml_pad.open("a", encoding="utf-8") as f:
    f.write(
        "\n[criteria.profielen.schuifruimte]\n"
        "gewichten = { bedrijventerrein = 0.0, ov = 0.0, glasvezel = 0.0, auto = 0.0 }\n"
        "\n[criteria.profielen.middensegment]\n"
        "gewichten = { hotspot = 0.0, station = 0.0, ov = 0.0, glasvezel = 0.0 }\n"
    )
print(toml_pad.read_text(encoding="utf-8"))

eigen = wr.load_regio(toml_pad)
eigen_percelen = wr.score(eigen, gevoeligheid=False)
haalbaar(eigen_percelen, eigen.config)
eigen_kandidaten = eigen_percelen[eigen_percelen["kandidaat"]]
print(
    f"{geheel(len(eigen_percelen))} percelen gescoord, {geheel(len(eigen_kandidaten))} kandidaten."
)
print()
print(eigen_kandidaten.sort_values("score", ascending=False)["uitleg"].iloc[0])
pd.crosstab(eigen_kandidaten["gemeente"], eigen_kandidaten["profiel"])

# %% [markdown]
# ## Als er iets mis is
#
# Een tikfout in een sleutel of een bestand dat niet bestaat geeft één duidelijke
# melding: welk bestand, welke sleutel, wat er verwacht werd en hoe u het oplost. Op
# de opdrachtregel is dat exitcode 2, zonder halve uitvoer.

# %%
fout_pad = mijn_map / "tikfout.toml"
fout_pad.write_text('[bronnen]\nperceelen = "percelen.gpkg"\n', encoding="utf-8")
try:
    wr.load_config(fout_pad)
except wr.ConfigError as fout:
    print(f"ConfigError: {fout}")

weg_pad = mijn_map / "ontbreekt.toml"
weg_pad.write_text('[bronnen]\npercelen = "downloads/bestaat_niet.gml"\n', encoding="utf-8")
try:
    wr.load_regio(weg_pad)
except wr.InputError as fout:
    print(f"InputError: {fout}")

# %% [markdown]
# ## Stap 4: rekenen op uw eigen regio
#
# Op de opdrachtregel:
#
# ```sh
# werkruimte validate --config werkruimte.toml
# werkruimte kansenkaart --config werkruimte.toml --out uitvoer/
# ```
#
# In de notebooks 1 tot 3 vervangt u `wr.load_demo()` door
# `wr.load_regio("pad/naar/werkruimte.toml")`; de rest blijft gelijk. Verversen:
# verwijder `cache/hilversum/` en haal opnieuw op.
