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
# # 1. De regio verkennen
#
# Dit notebook is voor RO-medewerkers van de gemeenten in regio Gooi en Vechtstreek.
# Het laadt de regio, laat de lagen zien, scoort alle kadastrale percelen volgens de
# criteria van het *Werkplan Werklandschappen* en beantwoordt drie vragen die we in
# de praktijk vaak horen:
#
# 1. Welke percelen in mijn gemeente kunnen een bedrijf van **1500–2500 m²** huisvesten?
# 2. Waar is **middensegmentruimte** (400–1500 m²) bij het centrum of een station?
# 3. **Waarom scoort dit perceel laag?**
#
# > **Let op:** dit notebook draait op de ingebouwde **demoregio**. De gemeentegrenzen
# > zijn echt (CBS 2025), maar alle percelen, terreinen, plannen, werklocaties, de
# > dienstregeling en de glasvezeldekking zijn **fictief**. Gebruik de uitkomsten niet
# > voor beleid. Hoe u uw eigen gegevens gebruikt, staat in notebook
# > `04_eigen_gemeente`.
#
# Draai het notebook van boven naar beneden (*Run All*); alles samen duurt ongeveer een
# halve minuut. Er wordt niets weggeschreven.

# %%
import matplotlib.pyplot as plt
import pandas as pd

import werkruimte as wr
from werkruimte._nl import geheel, getal

pd.set_option("display.max_columns", 30)
pd.set_option("display.width", 180)
pd.set_option("display.max_colwidth", 140)

# %% [markdown]
# ## De regio laden
#
# `wr.load_demo()` leest alle bronnen van de demoregio, controleert ze en zet ze in
# het Rijksdriehoekstelsel (RD New, EPSG:28992). Voor uw eigen gegevens gebruikt u
# `wr.load_regio("werkruimte.toml")`.

# %%
regio = wr.load_demo()
regio


# %% [markdown]
# Welke lagen zijn geladen, hoeveel rijen hebben ze en is er iets hersteld? Dit is
# dezelfde tabel die `werkruimte validate` op de opdrachtregel toont.


# %%
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


lagen_tabel(regio)

# %%
print(
    f"{geheel(len(regio.percelen))} percelen in {len(regio.gemeenten)} gemeenten, "
    f"{len(regio.bedrijventerreinen)} bedrijventerreinen en "
    f"{len(regio.hotspots)} informele werklocaties."
)

# %% [markdown]
# ## De regio op de kaart
#
# De bestemmingsplannen (IMRO2012), ingedeeld zoals werkruimte ze weegt: een
# **werkbestemming** (bedrijf, bedrijventerrein, kantoor, gemengd, centrum,
# dienstverlening), **potentieel** werk (maatschappelijk, agrarisch, sport, ...),
# wonen en overig. Daarop de bedrijventerreinen uit IBIS (zwarte rand) en de
# informele werklocaties (broedplaatsen, bedrijfsverzamelgebouwen, centrumlocaties;
# rode punten). Welke hoofdgroepen als werk tellen, staat in `[criteria.bestemming]`.

# %%
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

b = regio.config.criteria["bestemming"]
hoofdgroep = regio.bestemmingsplannen["bestemmingshoofdgroep"].str.lower()
kleuren = {
    "werkbestemming": ("tab:orange", hoofdgroep.isin(b["werk"])),
    "potentieel werk": ("khaki", hoofdgroep.isin(b["potentieel"])),
    "wonen": ("lightsteelblue", hoofdgroep == "wonen"),
}
fig, ax = plt.subplots(figsize=(10, 10))
regio.bestemmingsplannen.plot(ax=ax, color="whitesmoke", linewidth=0)
for kleur, keuze in kleuren.values():
    regio.bestemmingsplannen[keuze.fillna(False)].plot(ax=ax, color=kleur, linewidth=0)
regio.gemeenten.boundary.plot(ax=ax, color="dimgrey", linewidth=1)
regio.bedrijventerreinen.boundary.plot(ax=ax, color="black", linewidth=1.5)
regio.hotspots.plot(ax=ax, color="red", markersize=15)
for naam, punt in zip(
    regio.gemeenten["gemeente"], regio.gemeenten.representative_point(), strict=True
):
    ax.annotate(naam, (punt.x, punt.y), ha="center", fontsize=10, weight="bold")
legenda: list[Patch | Line2D] = [
    Patch(color=kleur, label=naam) for naam, (kleur, _) in kleuren.items()
]
legenda += [
    Patch(facecolor="whitesmoke", edgecolor="grey", label="overig"),
    Patch(facecolor="none", edgecolor="black", label="bedrijventerrein"),
    Line2D([], [], color="red", marker="o", linestyle="", label="informele werklocatie"),
]
ax.legend(handles=legenda, loc="upper left")
ax.set_title("Demoregio Gooi en Vechtstreek (fictieve inhoud)")
ax.set_axis_off()
plt.show()

# %% [markdown]
# ## Alle percelen scoren
#
# `wr.score(regio)` berekent per perceel de indicatoren (grootte, bestemming,
# bedrijventerrein, OV-bereikbaarheid als PTAL, glasvezel, afstanden) en weegt ze per
# **profiel**:
#
# * `schuifruimte`: percelen van 1500–2500 m² (grootteklasse `groot`) voor
#   doorgroeiende bedrijven;
# * `middensegment`: percelen van 400–1500 m² (`midden`) bij centrum, station of een
#   informele werklocatie.
#
# Elk perceel krijgt een `score` (0–100), `kandidaat` (ja/nee: harde eisen gehaald,
# score minstens de minimumscore en bij de top-N van de gemeente), een `uitleg` in
# gewone taal en een `rang_stabiliteit` (hoe vaak het in de top blijft als de gewichten
# anders gekozen worden). Dit duurt enkele seconden.

# %%
percelen = wr.score(regio)
kandidaten = percelen[percelen["kandidaat"]]
n_schuif = int((kandidaten["profiel"] == "schuifruimte").sum())
n_midden = int((kandidaten["profiel"] == "middensegment").sum())
print(
    f"{geheel(len(percelen))} percelen gescoord: {geheel(len(kandidaten))} kandidaten "
    f"({geheel(n_schuif)} schuifruimte, {geheel(n_midden)} middensegment)."
)

# %% [markdown]
# ### Een tabel per gemeente
#
# Hoeveel percelen vallen in elke grootteklasse, en hoeveel daarvan zijn kandidaat?

# %%
per_gemeente = pd.crosstab(percelen["gemeente"], percelen["grootteklasse"])
per_gemeente = per_gemeente[["groot", "midden", "overig"]]
per_gemeente = (
    per_gemeente.join(
        pd.crosstab(kandidaten["gemeente"], kandidaten["profiel"]).add_prefix("kandidaat ")
    )
    .fillna(0)
    .astype(int)
)
per_gemeente["kandidaten (ha)"] = (
    kandidaten.groupby("gemeente")["oppervlakte_m2"].sum() / 10_000
).round(1)
per_gemeente.loc["totaal"] = per_gemeente.sum()
per_gemeente

# %% [markdown]
# De verdeling van de scores per profiel. De stippellijn is de minimumscore van het
# profiel; wie daarboven zit en aan de harde eisen voldoet, dingt mee naar de top-N
# van zijn gemeente.

# %%
profielen = {p.naam: p for p in wr.profielen_uit_config(regio.config)}
fig, axes = plt.subplots(1, len(profielen), figsize=(12, 3.5), sharey=True)
for ax, (naam, profiel) in zip(axes, profielen.items(), strict=True):
    in_profiel = percelen[percelen["grootteklasse"].isin(profiel.grootteklassen)]
    ax.hist(
        in_profiel["score"],
        bins=50,
        range=(0, 100),
        color="lightgrey",
        label="alle percelen",
    )
    ax.hist(
        in_profiel.loc[in_profiel["kandidaat"], "score"],
        bins=50,
        range=(0, 100),
        color="tab:green",
        label="kandidaten",
    )
    ax.axvline(profiel.min_score, color="black", linestyle="--", linewidth=1)
    ax.set_title(f"profiel {naam}")
    ax.set_xlabel("score")
axes[0].set_ylabel("aantal percelen")
axes[0].legend()
plt.show()

# %% [markdown]
# ## Vraag 1: welke percelen in mijn gemeente kunnen een bedrijf van 1500–2500 m² huisvesten?
#
# Zet hieronder uw eigen gemeente (zoals in de tabel hierboven, bv. `"Hilversum"` of
# `"Laren (NH.)"`). We tonen de kandidaten van de klasse `groot`, de beste eerst.

# %%
GEMEENTE = "Huizen"

mijn_gemeente = percelen["gemeente"] == GEMEENTE
groot = percelen[mijn_gemeente & (percelen["grootteklasse"] == "groot")]
groot_kandidaten = groot[groot["kandidaat"]].sort_values("score", ascending=False)
print(
    f"{GEMEENTE}: {geheel(len(groot))} percelen van 1500–2500 m², waarvan "
    f"{geheel(len(groot_kandidaten))} kandidaat voor schuifruimte."
)
kolommen = [
    "perceel_id",
    "oppervlakte_m2",
    "bestemming",
    "terrein_naam",
    "ov_klasse",
    "glasvezel_dekking",
    "afstand_snelweg_m",
    "score",
    "rang_stabiliteit",
]
groot_kandidaten[kolommen].head(15).round(2)

# %% [markdown]
# Op de kaart: alle percelen van 1500–2500 m² in de gemeente (grijs) en de kandidaten
# gekleurd naar score. De zwarte randen zijn bedrijventerreinen.

# %%
grens = regio.gemeenten[regio.gemeenten["gemeente"] == GEMEENTE]
fig, ax = plt.subplots(figsize=(9, 9))
grens.boundary.plot(ax=ax, color="dimgrey")
groot.plot(ax=ax, color="lightgrey")
groot_kandidaten.plot(
    ax=ax,
    column="score",
    cmap="viridis",
    legend=True,
    legend_kwds={"label": "score", "shrink": 0.6},
)
regio.bedrijventerreinen.clip(grens).boundary.plot(ax=ax, color="black", linewidth=1)
ax.set_title(f"{GEMEENTE}: kandidaten van 1500–2500 m² (fictieve gegevens)")
ax.set_axis_off()
plt.show()

# %% [markdown]
# ## Vraag 2: waar is middensegmentruimte bij centrum of station?
#
# Middensegment is bedrijfsruimte van 400–1500 m². We nemen de kandidaten van het
# profiel `middensegment` die een **centrumbestemming** hebben of binnen **800 m**
# van een station liggen (10 minuten lopen).

# %%
LOOPAFSTAND_STATION_M = 800

midden = kandidaten[kandidaten["profiel"] == "middensegment"]
bij_centrum = midden["bestemming"] == "centrum"
bij_station = midden["afstand_station_m"] <= LOOPAFSTAND_STATION_M
centrum_station = midden[bij_centrum | bij_station]
print(
    f"{geheel(len(centrum_station))} van de {geheel(len(midden))} middensegment-kandidaten "
    f"liggen in een centrum of binnen {LOOPAFSTAND_STATION_M} m van een station, samen "
    f"{geheel(centrum_station['oppervlakte_m2'].sum())} m²."
)
pd.DataFrame(
    {
        "centrum": bij_centrum.groupby(midden["gemeente"]).sum(),
        "bij station": bij_station.groupby(midden["gemeente"]).sum(),
        "samen (percelen)": centrum_station.groupby("gemeente").size(),
        "samen (m²)": centrum_station.groupby("gemeente")["oppervlakte_m2"].sum(),
    }
).fillna(0).astype(int)

# %% [markdown]
# De kansenkaart van alleen deze selectie. Klik op een perceel voor de uitleg; rechts
# boven zet u lagen aan en uit. De kaart werkt ook zonder internet.

# %%
kaart = wr.kansenkaart(regio, centrum_station)
kaart

# %% [markdown]
# ## Vraag 3: waarom scoort dit perceel laag?
#
# Elk perceel heeft een `uitleg`: per criterium de waarde, hoeveel punten dat oplevert,
# wat het zwaarst telt, en waarom het wel of geen kandidaat is. Hieronder de
# laagst scorende percelen van 1500–2500 m² in de gemeente: één die op een harde eis
# afvalt en één met een werkbestemming die het toch niet haalt.

# %%
harde_eis = groot[groot["uitleg"].str.contains("harde eis")].nsmallest(1, "score")
werk_maar_geen_kandidaat = groot[
    (groot["bestemming_soort"] == "werk") & ~groot["kandidaat"]
].nsmallest(1, "score")
for _, perceel in pd.concat([harde_eis, werk_maar_geen_kandidaat]).iterrows():
    print(f"perceel {perceel['perceel_id']} ({perceel['gemeente']}):")
    print(f"  {perceel['uitleg']}")
    print()

# %% [markdown]
# Waar verliest een perceel punten ten opzichte van de kandidaten? Vul een eigen
# perceelnummer in (`perceel_id`, de BRK-identificatie) of laat het voorbeeld staan.
# Per criterium: het gewicht, de deelscore (0–1) en de punten van dit perceel naast
# die van de mediane kandidaat van hetzelfde profiel in dezelfde gemeente.

# %%
PERCEEL_ID = werk_maar_geen_kandidaat["perceel_id"].iloc[0]

perceel = percelen[percelen["perceel_id"] == PERCEEL_ID].iloc[0]
profiel = profielen[perceel["profiel"]]
vergelijk = kandidaten[
    (kandidaten["profiel"] == profiel.naam) & (kandidaten["gemeente"] == perceel["gemeente"])
]
punten = pd.DataFrame(
    {
        "gewicht": profiel.gewichten,
        "deelscore perceel": {c: perceel[f"s_{c}"] for c in profiel.criteria},
        "deelscore mediane kandidaat": {c: vergelijk[f"s_{c}"].median() for c in profiel.criteria},
    }
)
punten["punten perceel"] = 100 * punten["gewicht"] * punten["deelscore perceel"]
punten["punten kandidaat"] = 100 * punten["gewicht"] * punten["deelscore mediane kandidaat"]
punten["verschil"] = punten["punten perceel"] - punten["punten kandidaat"]
print(f"perceel {PERCEEL_ID}: score {getal(perceel['score'], 1)}, profiel {profiel.naam}")
punten.sort_values("verschil").round(2)

# %% [markdown]
# ## Hoe zeker is de top?
#
# `rang_stabiliteit` zegt hoe vaak een kandidaat in de top-N van zijn gemeente blijft
# als de gewichten willekeurig ±25 % gevarieerd worden (200 trekkingen). 1 is een
# robuuste keuze; een lage waarde betekent dat het perceel afhangt van één gewicht.
# Dit zijn de minst zekere kandidaten in de gemeente:

# %%
in_gemeente = kandidaten[kandidaten["gemeente"] == GEMEENTE]
print(
    f"{GEMEENTE}: {geheel((in_gemeente['rang_stabiliteit'] >= 0.9).sum())} van de "
    f"{geheel(len(in_gemeente))} kandidaten blijven in minstens 90% van de trekkingen "
    "in de top."
)
in_gemeente.nsmallest(5, "rang_stabiliteit")[
    ["perceel_id", "profiel", "oppervlakte_m2", "score", "rang_stabiliteit"]
].round(2)

# %% [markdown]
# ## Verder
#
# * `02_criteria_afstemmen`: gewichten en grenzen veranderen en zien welke kandidaten
#   veranderen;
# * `03_schuifruimte_en_driedeling`: kandidaten clusteren tegen de 14 ha, en de
#   STEC-driedeling van werklocaties;
# * `04_eigen_gemeente`: rekenen met de gegevens van uw eigen gemeente.
#
# De begrippen staan uitgelegd in `docs/begrippen.md`.
