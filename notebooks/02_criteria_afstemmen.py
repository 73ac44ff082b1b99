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
# # 2. Criteria afstemmen
#
# Gewichten zijn keuzes: hoe zwaar telt OV-bereikbaarheid tegenover de nabijheid van
# de snelweg? Die keuze maakt de werkgroep, niet het gereedschap. Dit notebook laat
# zien hoe u gewichten en grenzen in code verandert met `Config.with_changes`, welke
# kandidaten daardoor veranderen, en hoe gevoelig de top is voor de gewichten.
#
# > De demoregio is **fictief**: de uitkomsten zeggen niets over echte percelen.
#
# Draaitijd: ongeveer een halve minuut. Er wordt niets weggeschreven.

# %%
import matplotlib.pyplot as plt
import pandas as pd

import werkruimte as wr
from werkruimte._nl import geheel, getal

pd.set_option("display.max_columns", 30)
pd.set_option("display.width", 180)
pd.set_option("display.max_colwidth", 140)

# %%
regio = wr.load_demo()
basis_config = regio.config


# %% [markdown]
# ## De huidige instellingen
#
# De standaardgewichten volgen het Werkplan (zie `werkruimte/standaard.toml`). In
# `werkruimte.toml` noemt u alleen wat afwijkt. Het gereedschap schaalt de gewichten
# zodat ze samen 1 zijn; hieronder de geschaalde gewichten per profiel.


# %%
def gewichten_tabel(config: wr.Config) -> pd.DataFrame:
    """Geschaalde gewichten (som 1) per criterium en profiel."""
    profielen = wr.profielen_uit_config(config)
    return pd.DataFrame({p.naam: p.gewichten for p in profielen}).fillna(0.0).round(3)


for p in wr.profielen_uit_config(basis_config):
    print(
        f"{p.naam}: {p.omschrijving}; minimumscore {geheel(p.min_score)}, "
        f"top-{p.top_n} per gemeente, harde eisen {p.harde_eisen}"
    )
gewichten_tabel(basis_config)

# %% [markdown]
# ## Indicatoren één keer berekenen, daarna alleen opnieuw wegen
#
# `wr.score(regio)` doet twee dingen: de **indicatoren** berekenen (afstanden, PTAL,
# glasvezeldekking: het trage deel) en die **wegen** tot een score. Wie alleen
# gewichten, waardefuncties, harde eisen, top-N of de grenzen van de grootteklassen
# verandert, hoeft de indicatoren niet opnieuw te berekenen. Dat doen we hier één keer.
#
# Verandert u iets in `[criteria.bestemming]`, `[criteria.ov]` of
# `[criteria.bedrijventerrein]`, dan veranderen de indicatoren zelf; reken dan opnieuw
# met `wr.score(dataclasses.replace(regio, config=nieuwe_config))`.

# %%
from werkruimte.indicators.grootte import grootteklasse
from werkruimte.scoring import score_indicatoren

indicatoren = wr.indicatoren(regio)


def herscoor(
    config: wr.Config, profiel: str | None = None, *, gevoeligheid: bool = True
) -> pd.DataFrame:
    """Score de percelen opnieuw met `config`, op de al berekende indicatoren."""
    ind = indicatoren.assign(
        grootteklasse=grootteklasse(indicatoren["oppervlakte_m2"], **config.criteria["grootte"])
    )
    instellingen = config.criteria["gevoeligheid"] if gevoeligheid else None
    return score_indicatoren(
        ind, wr.profielen_uit_config(config, profiel), gevoeligheid=instellingen
    )


def vergelijk(oud: pd.DataFrame, nieuw: pd.DataFrame, wat: str) -> pd.DataFrame:
    """Druk af hoeveel kandidaten erbij komen en afvallen; geef de wissels terug."""
    erbij = nieuw["kandidaat"] & ~oud["kandidaat"]
    eraf = oud["kandidaat"] & ~nieuw["kandidaat"]
    print(
        f"{wat}: {geheel(nieuw['kandidaat'].sum())} kandidaten "
        f"(was {geheel(oud['kandidaat'].sum())}): {geheel(erbij.sum())} erbij, "
        f"{geheel(eraf.sum())} eraf."
    )
    wissel = nieuw.loc[erbij | eraf, ["perceel_id", "gemeente", "oppervlakte_m2"]].copy()
    wissel["verandering"] = erbij[erbij | eraf].map({True: "erbij", False: "eraf"})
    wissel["profiel"] = nieuw["profiel"].where(erbij, oud["profiel"])[erbij | eraf]
    wissel["score oud"] = oud.loc[wissel.index, "score"]
    wissel["score nieuw"] = nieuw.loc[wissel.index, "score"]
    return wissel


basis = herscoor(basis_config)
print(f"Basis: {geheel(basis['kandidaat'].sum())} kandidaten.")

# %% [markdown]
# ## Gewichten veranderen: OV zwaarder voor schuifruimte
#
# *"Het Werkplan noemt OV-bereikbaarheid een zwakke plek. Wat als OV voor schuifruimte
# even zwaar telt als de bestemming?"* We zetten het gewicht van `ov` in het profiel
# `schuifruimte` van 1 op 3; de andere gewichten blijven staan. In een
# `werkruimte.toml` zou dat zijn:
#
# ```toml
# [criteria.profielen.schuifruimte]
# gewichten = { ov = 3.0 }
# ```

# %%
ov_config = basis_config.with_changes(
    {"criteria": {"profielen": {"schuifruimte": {"gewichten": {"ov": 3.0}}}}}
)
ov_gewichten = gewichten_tabel(ov_config)["schuifruimte"]
ov_zwaar = herscoor(ov_config)
wissel_ov = vergelijk(basis, ov_zwaar, "OV-gewicht 3")
basis_ov = gewichten_tabel(basis_config)["schuifruimte"]["ov"]
print(f"Gewicht ov in schuifruimte: {getal(basis_ov, 3)} -> {getal(ov_gewichten['ov'], 3)}")

# %% [markdown]
# Welke percelen wisselen, en waar? Er gebeuren twee dingen. Waar meer dan 40
# percelen de minimumscore halen, duwt een perceel met goed OV een ander uit de
# top-40 van de gemeente: evenveel erbij als eraf. Waar het OV zwak is, zakken
# percelen onder de minimumscore van 55 en vallen ze af zonder vervanging. In de
# demoregio is het OV in Eemnes en delen van Wijdemeren bewust zwak gemaakt.

# %%
print(pd.crosstab(wissel_ov["gemeente"], wissel_ov["verandering"]))
wissel_ov.sort_values(
    ["gemeente", "verandering", "score nieuw"], ascending=[True, True, False]
).round(1)


# %% [markdown]
# De kandidaten voor schuifruimte liggen nu gemiddeld beter aan het OV, en verder van
# de snelweg:


# %%
def gemiddelden(percelen: pd.DataFrame) -> pd.Series:
    k = percelen[percelen["kandidaat"] & (percelen["profiel"] == "schuifruimte")]
    return k[["ov_index", "afstand_snelweg_m", "afstand_bedrijventerrein_m"]].mean()


pd.DataFrame({"basis": gemiddelden(basis), "OV-gewicht 3": gemiddelden(ov_zwaar)}).round(1)

# %% [markdown]
# ## Grenzen veranderen
#
# ### Een strengere minimumscore
#
# *"We willen alleen echt goede plekken: minimumscore 65 in plaats van 55."*

# %%
streng_config = basis_config.with_changes(
    {"criteria": {"profielen": {"schuifruimte": {"min_score": 65.0}}}}
)
streng = herscoor(streng_config, gevoeligheid=False)
wissel_streng = vergelijk(basis, streng, "minimumscore 65")
wissel_streng.groupby("gemeente").size().rename("afgevallen")

# %% [markdown]
# ### Een bredere grootteklasse
#
# *"Er zijn ook bedrijven die 1200 of 3000 m² zoeken."* We verbreden de klasse `groot`
# naar 1200–3000 m² (en laten het middensegment bij 1200 m² ophouden, want de klassen
# mogen niet overlappen). Alleen de klasse verbreden helpt weinig: de waardefunctie
# voor grootte geeft nog steeds de meeste punten rond 2000 m². Daarom verbreden we in
# een tweede stap ook het ideaal.

# %%
breed_config = basis_config.with_changes(
    {"criteria": {"grootte": {"groot_min": 1200.0, "groot_max": 3000.0, "midden_max": 1200.0}}}
)
breed = herscoor(breed_config, gevoeligheid=False)
wissel_breed = vergelijk(basis, breed, "groot = 1200–3000 m²")

breed_ideaal_config = breed_config.with_changes(
    {
        "criteria": {
            "profielen": {
                "schuifruimte": {
                    "waardefuncties": {
                        "grootte": {
                            "type": "ideaal",
                            "kolom": "oppervlakte_m2",
                            "ideaal": 2100.0,
                            "tolerantie": 900.0,
                            "nul": 750.0,
                        }
                    }
                }
            }
        }
    }
)
breed_ideaal = herscoor(breed_ideaal_config, gevoeligheid=False)
wissel_breed_ideaal = vergelijk(basis, breed_ideaal, "groot = 1200–3000 m² met breder ideaal")


# %%
def grootte_van_kandidaten(percelen: pd.DataFrame) -> pd.Series:
    k = percelen[percelen["kandidaat"] & (percelen["profiel"] == "schuifruimte")]
    bins = [0, 1200, 1500, 2500, 3000, float("inf")]
    labels = ["< 1200", "1200–1500", "1500–2500", "2500–3000", "> 3000"]
    klassen = pd.cut(k["oppervlakte_m2"], bins, labels=labels, right=False)
    return klassen.value_counts().sort_index()


pd.DataFrame(
    {
        "basis": grootte_van_kandidaten(basis),
        "bredere klasse": grootte_van_kandidaten(breed),
        "bredere klasse en ideaal": grootte_van_kandidaten(breed_ideaal),
    }
)

# %% [markdown]
# ## Gevoeligheid: hoe zeker is de top?
#
# ### Rangstabiliteit van de kandidaten
#
# Bij het scoren zijn de gewichten 200 keer willekeurig gevarieerd (lognormaal, spreiding
# 25 %, vaste seed). `rang_stabiliteit` is het deel van die trekkingen waarin een
# kandidaat in de top-N van zijn gemeente blijft.

# %%
kand = basis[basis["kandidaat"]]
robuust = kand["rang_stabiliteit"] >= 0.9
print(
    f"{geheel(robuust.sum())} van de {geheel(len(kand))} kandidaten zijn robuust "
    "(in minstens 90% van de trekkingen in de top)."
)
fig, ax = plt.subplots(figsize=(8, 3))
for naam, groep in kand.groupby("profiel"):
    ax.hist(groep["rang_stabiliteit"], bins=20, range=(0, 1), alpha=0.6, label=str(naam))
ax.set_xlabel("rang_stabiliteit")
ax.set_ylabel("aantal kandidaten")
ax.legend()
plt.show()

# %% [markdown]
# De beste kandidaten staan vast (stabiliteit 1); de twijfelgevallen zitten onderaan
# de top-N van hun gemeente, of net boven de minimumscore. Hieronder per profiel de
# vijf beste en de vijf minst stabiele kandidaten.

# %%
kolommen = ["perceel_id", "gemeente", "profiel", "score", "rang_stabiliteit"]
top = kand.sort_values("score", ascending=False).groupby("profiel").head(5)
twijfel = kand.sort_values("rang_stabiliteit").groupby("profiel").head(5)
pd.concat({"beste": top[kolommen], "minst stabiel": twijfel[kolommen]}).round(2)

# %% [markdown]
# Waarom twijfelt het minst stabiele perceel? De uitleg zegt welk criterium het zwaarst
# telt: als dat gewicht omlaag gaat, zakt het perceel uit de top.

# %%
print(twijfel.iloc[0]["uitleg"])

# %% [markdown]
# ### Eén gewicht stap voor stap
#
# Hoeveel kandidaten voor schuifruimte veranderen als we het OV-gewicht van 0,5 tot 4
# laten lopen? We scoren alleen het profiel `schuifruimte` en zonder Monte Carlo, dat
# is snel. Bij gewicht 1 (de standaard) moet alles gelijk blijven.

# %%
basis_schuif = basis["kandidaat"] & (basis["profiel"] == "schuifruimte")
rijen = []
for gewicht in [0.5, 1.0, 2.0, 3.0, 4.0]:
    config = basis_config.with_changes(
        {"criteria": {"profielen": {"schuifruimte": {"gewichten": {"ov": gewicht}}}}}
    )
    nieuw = herscoor(config, "schuifruimte", gevoeligheid=False)["kandidaat"]
    rijen.append(
        {
            "gewicht ov": gewicht,
            "kandidaten": int(nieuw.sum()),
            "erbij": int((nieuw & ~basis_schuif).sum()),
            "eraf": int((basis_schuif & ~nieuw).sum()),
            "zelfde als basis (%)": round(
                100 * (nieuw & basis_schuif).sum() / basis_schuif.sum(), 1
            ),
        }
    )
ov_reeks = pd.DataFrame(rijen)
ov_reeks

# %% [markdown]
# ### Hoe groot is de onzekerheid in de gewichten?
#
# De spreiding van de Monte-Carlo-trekkingen staat in `[criteria.gevoeligheid]`. Met
# een grotere spreiding worden minder kandidaten robuust. Voor deze vergelijking zijn
# 50 trekkingen genoeg.

# %%
rijen = []
for spreiding in [0.1, 0.25, 0.5]:
    config = basis_config.with_changes(
        {"criteria": {"gevoeligheid": {"runs": 50, "spreiding": spreiding}}}
    )
    k = herscoor(config, "schuifruimte").query("kandidaat")
    rijen.append(
        {
            "spreiding": spreiding,
            "gemiddelde rang_stabiliteit": round(k["rang_stabiliteit"].mean(), 3),
            "robuust (≥ 0,9)": int((k["rang_stabiliteit"] >= 0.9).sum()),
            "kandidaten": len(k),
        }
    )
pd.DataFrame(rijen)

# %% [markdown]
# ## Vastleggen
#
# Bevalt een keuze, zet die dan in `werkruimte.toml`, zodat iedereen met dezelfde
# instellingen rekent en de keuze in het manifest van elke run staat:
#
# ```toml
# [criteria.profielen.schuifruimte]
# gewichten = { ov = 3.0 }
# min_score = 60.0
#
# [criteria.gevoeligheid]
# spreiding = 0.25
# ```
#
# en reken met `werkruimte kansenkaart --config werkruimte.toml`. Gewichten kunnen
# ook uit een paarsgewijze vergelijking (AHP) komen: zie `ahp` in
# `werkruimte/standaard.toml`.
