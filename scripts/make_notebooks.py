"""Schrijf de notebooks in ``notebooks/`` uit de cellen in dit script.

De notebooks voor RO-medewerkers worden hier als gewone Python-tekst bijgehouden, zodat
een wijziging in een review te lezen is. Ze worden zonder uitvoer en zonder
uitvoeringsnummers geschreven, met vaste cel-id's: twee keer draaien geeft dezelfde
bestanden.

Gebruik::

    .venv/bin/python scripts/make_notebooks.py           # schrijft notebooks/*.ipynb
    .venv/bin/python scripts/make_notebooks.py --check   # exit 1 als ze afwijken

``tests/test_notebooks.py`` voert de notebooks uit op de demoregio en controleert dat
de bestanden in git gelijk zijn aan wat dit script maakt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from textwrap import dedent

import nbformat

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"

#: One cell: ("md" | "py", source).
Cel = tuple[str, str]


def md(text: str) -> Cel:
    """A markdown cell."""
    return ("md", dedent(text).strip())


def py(text: str) -> Cel:
    """A code cell."""
    return ("py", dedent(text).strip())


# ---------------------------------------------------------------------------
# Shared code cells
# ---------------------------------------------------------------------------

_SETUP = """
pd.set_option("display.max_columns", 30)
pd.set_option("display.width", 180)
pd.set_option("display.max_colwidth", 140)


def getal(x: float, decimalen: int = 0) -> str:
    \"\"\"Getal in Nederlandse notatie: 31451 -> '31.451', 2.75 -> '2,75'.\"\"\"
    tekst = f"{x:,.{decimalen}f}"
    return tekst.replace(",", " ").replace(".", ",").replace(" ", ".")
"""


def _imports(*, stdlib: str = "", plt: bool = True, werkruimte: str = "") -> str:
    """The first code cell: imports (isort order), display options, the number helper."""
    blocks = [
        stdlib.strip(),
        ("import matplotlib.pyplot as plt\n" if plt else "") + "import pandas as pd",
        ("import werkruimte as wr\n" + werkruimte.strip()).strip(),
    ]
    return "\n\n".join(b for b in blocks if b) + "\n" + _SETUP


_IMPORTS = _imports()

_LAGEN_TABEL = """
def lagen_tabel(regio: wr.Regio) -> pd.DataFrame:
    \"\"\"Dezelfde tabel als `werkruimte validate`: laag, rijen, CRS, bestand, herstel.\"\"\"
    return pd.DataFrame(
        [
            {
                "laag": info.naam,
                "rijen": "-" if info.rijen is None else getal(info.rijen),
                "CRS": info.crs or "-",
                "bestand": info.pad.name if info.pad else "(niet opgegeven)",
                "hersteld / opmerking": "; ".join(info.hersteld) or "-",
            }
            for info in regio.lagen.values()
        ]
    )
"""

# ---------------------------------------------------------------------------
# 01_verkennen
# ---------------------------------------------------------------------------

NB01: list[Cel] = [
    md(
        """
        # 1. De regio verkennen

        Dit notebook is voor RO-medewerkers van de gemeenten in regio Gooi en Vechtstreek.
        Het laadt de regio, laat de lagen zien, scoort alle kadastrale percelen volgens de
        criteria van het *Werkplan Werklandschappen* en beantwoordt drie vragen die we in
        de praktijk vaak horen:

        1. Welke percelen in mijn gemeente kunnen een bedrijf van **1500–2500 m²** huisvesten?
        2. Waar is **middensegmentruimte** (400–1500 m²) bij het centrum of een station?
        3. **Waarom scoort dit perceel laag?**

        > **Let op:** dit notebook draait op de ingebouwde **demoregio**. De gemeentegrenzen
        > zijn echt (CBS 2025), maar alle percelen, terreinen, plannen, werklocaties, de
        > dienstregeling en de glasvezeldekking zijn **fictief**. Gebruik de uitkomsten niet
        > voor beleid. Hoe u uw eigen gegevens gebruikt, staat in notebook
        > `04_eigen_gemeente`.

        Draai het notebook van boven naar beneden (*Run All*); alles samen duurt ongeveer een
        halve minuut. Er wordt niets weggeschreven.
        """
    ),
    py(_IMPORTS),
    md(
        """
        ## De regio laden

        `wr.load_demo()` leest alle bronnen van de demoregio, controleert ze en zet ze in
        het Rijksdriehoekstelsel (RD New, EPSG:28992). Voor uw eigen gegevens gebruikt u
        `wr.load_regio("werkruimte.toml")`.
        """
    ),
    py(
        """
        regio = wr.load_demo()
        regio
        """
    ),
    md(
        """
        Welke lagen zijn geladen, hoeveel rijen hebben ze en is er iets hersteld? Dit is
        dezelfde tabel die `werkruimte validate` op de opdrachtregel toont.
        """
    ),
    py(
        _LAGEN_TABEL
        + """

lagen_tabel(regio)
"""
    ),
    py(
        """
        print(
            f"{getal(len(regio.percelen))} percelen in {len(regio.gemeenten)} gemeenten, "
            f"{len(regio.bedrijventerreinen)} bedrijventerreinen en "
            f"{len(regio.hotspots)} informele werklocaties."
        )
        """
    ),
    md(
        """
        ## De regio op de kaart

        De bestemmingsplannen (IMRO2012), ingedeeld zoals werkruimte ze weegt: een
        **werkbestemming** (bedrijf, bedrijventerrein, kantoor, gemengd, centrum,
        dienstverlening), **potentieel** werk (maatschappelijk, agrarisch, sport, ...),
        wonen en overig. Daarop de bedrijventerreinen uit IBIS (zwarte rand) en de
        informele werklocaties (broedplaatsen, bedrijfsverzamelgebouwen, centrumlocaties;
        rode punten). Welke hoofdgroepen als werk tellen, staat in `[criteria.bestemming]`.
        """
    ),
    py(
        """
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
        legenda = [Patch(color=kleur, label=naam) for naam, (kleur, _) in kleuren.items()]
        legenda += [
            Patch(facecolor="whitesmoke", edgecolor="grey", label="overig"),
            Patch(facecolor="none", edgecolor="black", label="bedrijventerrein"),
            Line2D([], [], color="red", marker="o", linestyle="", label="informele werklocatie"),
        ]
        ax.legend(handles=legenda, loc="upper left")
        ax.set_title("Demoregio Gooi en Vechtstreek (fictieve inhoud)")
        ax.set_axis_off()
        plt.show()
        """
    ),
    md(
        """
        ## Alle percelen scoren

        `wr.score(regio)` berekent per perceel de indicatoren (grootte, bestemming,
        bedrijventerrein, OV-bereikbaarheid als PTAL, glasvezel, afstanden) en weegt ze per
        **profiel**:

        * `schuifruimte`: percelen van 1500–2500 m² (grootteklasse `groot`) voor
          doorgroeiende bedrijven;
        * `middensegment`: percelen van 400–1500 m² (`midden`) bij centrum, station of een
          informele werklocatie.

        Elk perceel krijgt een `score` (0–100), `kandidaat` (ja/nee: harde eisen gehaald,
        score minstens de minimumscore en bij de top-N van de gemeente), een `uitleg` in
        gewone taal en een `rang_stabiliteit` (hoe vaak het in de top blijft als de gewichten
        anders gekozen worden). Dit duurt enkele seconden.
        """
    ),
    py(
        """
        percelen = wr.score(regio)
        kandidaten = percelen[percelen["kandidaat"]]
        n_schuif = int((kandidaten["profiel"] == "schuifruimte").sum())
        n_midden = int((kandidaten["profiel"] == "middensegment").sum())
        print(
            f"{getal(len(percelen))} percelen gescoord: {getal(len(kandidaten))} kandidaten "
            f"({getal(n_schuif)} schuifruimte, {getal(n_midden)} middensegment)."
        )
        """
    ),
    md(
        """
        ### Een tabel per gemeente

        Hoeveel percelen vallen in elke grootteklasse, en hoeveel daarvan zijn kandidaat?
        """
    ),
    py(
        """
        per_gemeente = pd.crosstab(percelen["gemeente"], percelen["grootteklasse"])
        per_gemeente = per_gemeente[["groot", "midden", "overig"]]
        per_gemeente = per_gemeente.join(
            pd.crosstab(kandidaten["gemeente"], kandidaten["profiel"]).add_prefix("kandidaat ")
        ).fillna(0).astype(int)
        per_gemeente["kandidaten (ha)"] = (
            kandidaten.groupby("gemeente")["oppervlakte_m2"].sum() / 10_000
        ).round(1)
        per_gemeente.loc["totaal"] = per_gemeente.sum()
        per_gemeente
        """
    ),
    md(
        """
        De verdeling van de scores per profiel. De stippellijn is de minimumscore van het
        profiel; wie daarboven zit en aan de harde eisen voldoet, dingt mee naar de top-N
        van zijn gemeente.
        """
    ),
    py(
        """
        profielen = {p.naam: p for p in wr.profielen_uit_config(regio.config)}
        fig, axes = plt.subplots(1, len(profielen), figsize=(12, 3.5), sharey=True)
        for ax, (naam, profiel) in zip(axes, profielen.items(), strict=True):
            in_profiel = percelen[percelen["grootteklasse"].isin(profiel.grootteklassen)]
            ax.hist(
                in_profiel["score"], bins=50, range=(0, 100), color="lightgrey",
                label="alle percelen",
            )
            ax.hist(
                in_profiel.loc[in_profiel["kandidaat"], "score"], bins=50, range=(0, 100),
                color="tab:green", label="kandidaten",
            )
            ax.axvline(profiel.min_score, color="black", linestyle="--", linewidth=1)
            ax.set_title(f"profiel {naam}")
            ax.set_xlabel("score")
        axes[0].set_ylabel("aantal percelen")
        axes[0].legend()
        plt.show()
        """
    ),
    md(
        """
        ## Vraag 1: welke percelen in mijn gemeente kunnen een bedrijf van 1500–2500 m² huisvesten?

        Zet hieronder uw eigen gemeente (zoals in de tabel hierboven, bv. `"Hilversum"` of
        `"Laren (NH.)"`). We tonen de kandidaten van de klasse `groot`, de beste eerst.
        """
    ),
    py(
        """
        GEMEENTE = "Huizen"

        mijn_gemeente = percelen["gemeente"] == GEMEENTE
        groot = percelen[mijn_gemeente & (percelen["grootteklasse"] == "groot")]
        groot_kandidaten = groot[groot["kandidaat"]].sort_values("score", ascending=False)
        print(
            f"{GEMEENTE}: {getal(len(groot))} percelen van 1500–2500 m², waarvan "
            f"{getal(len(groot_kandidaten))} kandidaat voor schuifruimte."
        )
        kolommen = [
            "perceel_id", "oppervlakte_m2", "bestemming", "terrein_naam", "ov_klasse",
            "glasvezel_dekking", "afstand_snelweg_m", "score", "rang_stabiliteit",
        ]
        groot_kandidaten[kolommen].head(15).round(2)
        """
    ),
    md(
        """
        Op de kaart: alle percelen van 1500–2500 m² in de gemeente (grijs) en de kandidaten
        gekleurd naar score. De zwarte randen zijn bedrijventerreinen.
        """
    ),
    py(
        """
        grens = regio.gemeenten[regio.gemeenten["gemeente"] == GEMEENTE]
        fig, ax = plt.subplots(figsize=(9, 9))
        grens.boundary.plot(ax=ax, color="dimgrey")
        groot.plot(ax=ax, color="lightgrey")
        groot_kandidaten.plot(
            ax=ax, column="score", cmap="viridis", legend=True,
            legend_kwds={"label": "score", "shrink": 0.6},
        )
        regio.bedrijventerreinen.clip(grens).boundary.plot(ax=ax, color="black", linewidth=1)
        ax.set_title(f"{GEMEENTE}: kandidaten van 1500–2500 m² (fictieve gegevens)")
        ax.set_axis_off()
        plt.show()
        """
    ),
    md(
        """
        ## Vraag 2: waar is middensegmentruimte bij centrum of station?

        Middensegment is bedrijfsruimte van 400–1500 m². We nemen de kandidaten van het
        profiel `middensegment` die een **centrumbestemming** hebben of binnen **800 m**
        van een station liggen (10 minuten lopen).
        """
    ),
    py(
        """
        LOOPAFSTAND_STATION_M = 800

        midden = kandidaten[kandidaten["profiel"] == "middensegment"]
        bij_centrum = midden["bestemming"] == "centrum"
        bij_station = midden["afstand_station_m"] <= LOOPAFSTAND_STATION_M
        centrum_station = midden[bij_centrum | bij_station]
        print(
            f"{getal(len(centrum_station))} van de {getal(len(midden))} middensegment-kandidaten "
            f"liggen in een centrum of binnen {LOOPAFSTAND_STATION_M} m van een station, samen "
            f"{getal(centrum_station['oppervlakte_m2'].sum())} m²."
        )
        pd.DataFrame(
            {
                "centrum": bij_centrum.groupby(midden["gemeente"]).sum(),
                "bij station": bij_station.groupby(midden["gemeente"]).sum(),
                "samen (percelen)": centrum_station.groupby("gemeente").size(),
                "samen (m²)": centrum_station.groupby("gemeente")["oppervlakte_m2"].sum(),
            }
        ).fillna(0).astype(int)
        """
    ),
    md(
        """
        De kansenkaart van alleen deze selectie. Klik op een perceel voor de uitleg; rechts
        boven zet u lagen aan en uit. De kaart werkt ook zonder internet.
        """
    ),
    py(
        """
        kaart = wr.kansenkaart(regio, centrum_station)
        kaart
        """
    ),
    md(
        """
        ## Vraag 3: waarom scoort dit perceel laag?

        Elk perceel heeft een `uitleg`: per criterium de waarde, hoeveel punten dat oplevert,
        wat het zwaarst telt, en waarom het wel of geen kandidaat is. Hieronder de
        laagst scorende percelen van 1500–2500 m² in de gemeente: één die op een harde eis
        afvalt en één met een werkbestemming die het toch niet haalt.
        """
    ),
    py(
        """
        harde_eis = groot[groot["uitleg"].str.contains("harde eis")].nsmallest(1, "score")
        werk_maar_geen_kandidaat = groot[
            (groot["bestemming_soort"] == "werk") & ~groot["kandidaat"]
        ].nsmallest(1, "score")
        for _, perceel in pd.concat([harde_eis, werk_maar_geen_kandidaat]).iterrows():
            print(f"perceel {perceel['perceel_id']} ({perceel['gemeente']}):")
            print(f"  {perceel['uitleg']}")
            print()
        """
    ),
    md(
        """
        Waar verliest een perceel punten ten opzichte van de kandidaten? Vul een eigen
        perceelnummer in (`perceel_id`, de BRK-identificatie) of laat het voorbeeld staan.
        Per criterium: het gewicht, de deelscore (0–1) en de punten van dit perceel naast
        die van de mediane kandidaat van hetzelfde profiel in dezelfde gemeente.
        """
    ),
    py(
        """
        PERCEEL_ID = werk_maar_geen_kandidaat["perceel_id"].iloc[0]

        perceel = percelen[percelen["perceel_id"] == PERCEEL_ID].iloc[0]
        profiel = profielen[perceel["profiel"]]
        vergelijk = kandidaten[
            (kandidaten["profiel"] == profiel.naam)
            & (kandidaten["gemeente"] == perceel["gemeente"])
        ]
        punten = pd.DataFrame(
            {
                "gewicht": profiel.gewichten,
                "deelscore perceel": {c: perceel[f"s_{c}"] for c in profiel.criteria},
                "deelscore mediane kandidaat": {
                    c: vergelijk[f"s_{c}"].median() for c in profiel.criteria
                },
            }
        )
        punten["punten perceel"] = 100 * punten["gewicht"] * punten["deelscore perceel"]
        punten["punten kandidaat"] = 100 * punten["gewicht"] * punten["deelscore mediane kandidaat"]
        punten["verschil"] = punten["punten perceel"] - punten["punten kandidaat"]
        print(f"perceel {PERCEEL_ID}: score {getal(perceel['score'], 1)}, profiel {profiel.naam}")
        punten.sort_values("verschil").round(2)
        """
    ),
    md(
        """
        ## Hoe zeker is de top?

        `rang_stabiliteit` zegt hoe vaak een kandidaat in de top-N van zijn gemeente blijft
        als de gewichten willekeurig ±25 % gevarieerd worden (200 trekkingen). 1 is een
        robuuste keuze; een lage waarde betekent dat het perceel afhangt van één gewicht.
        Dit zijn de minst zekere kandidaten in de gemeente:
        """
    ),
    py(
        """
        in_gemeente = kandidaten[kandidaten["gemeente"] == GEMEENTE]
        print(
            f"{GEMEENTE}: {getal((in_gemeente['rang_stabiliteit'] >= 0.9).sum())} van de "
            f"{getal(len(in_gemeente))} kandidaten blijven in minstens 90% van de trekkingen "
            "in de top."
        )
        in_gemeente.nsmallest(5, "rang_stabiliteit")[
            ["perceel_id", "profiel", "oppervlakte_m2", "score", "rang_stabiliteit"]
        ].round(2)
        """
    ),
    md(
        """
        ## Verder

        * `02_criteria_afstemmen`: gewichten en grenzen veranderen en zien welke kandidaten
          veranderen;
        * `03_schuifruimte_en_driedeling`: kandidaten clusteren tegen de 14 ha, en de
          STEC-driedeling van werklocaties;
        * `04_eigen_gemeente`: rekenen met de gegevens van uw eigen gemeente.

        De begrippen staan uitgelegd in `docs/begrippen.md`.
        """
    ),
]

# ---------------------------------------------------------------------------
# 02_criteria_afstemmen
# ---------------------------------------------------------------------------

NB02: list[Cel] = [
    md(
        """
        # 2. Criteria afstemmen

        Gewichten zijn keuzes: hoe zwaar telt OV-bereikbaarheid tegenover de nabijheid van
        de snelweg? Die keuze maakt de werkgroep, niet het gereedschap. Dit notebook laat
        zien hoe u gewichten en grenzen in code verandert met `Config.with_changes`, welke
        kandidaten daardoor veranderen, en hoe gevoelig de top is voor de gewichten.

        > De demoregio is **fictief**: de uitkomsten zeggen niets over echte percelen.

        Draaitijd: ongeveer een halve minuut. Er wordt niets weggeschreven.
        """
    ),
    py(_IMPORTS),
    py(
        """
        regio = wr.load_demo()
        basis_config = regio.config
        """
    ),
    md(
        """
        ## De huidige instellingen

        De standaardgewichten volgen het Werkplan (zie `werkruimte/standaard.toml`). In
        `werkruimte.toml` noemt u alleen wat afwijkt. Het gereedschap schaalt de gewichten
        zodat ze samen 1 zijn; hieronder de geschaalde gewichten per profiel.
        """
    ),
    py(
        """
        def gewichten_tabel(config: wr.Config) -> pd.DataFrame:
            \"\"\"Geschaalde gewichten (som 1) per criterium en profiel.\"\"\"
            profielen = wr.profielen_uit_config(config)
            return pd.DataFrame({p.naam: p.gewichten for p in profielen}).fillna(0.0).round(3)


        for p in wr.profielen_uit_config(basis_config):
            print(
                f"{p.naam}: {p.omschrijving}; minimumscore {getal(p.min_score)}, "
                f"top-{p.top_n} per gemeente, harde eisen {p.harde_eisen}"
            )
        gewichten_tabel(basis_config)
        """
    ),
    md(
        """
        ## Indicatoren één keer berekenen, daarna alleen opnieuw wegen

        `wr.score(regio)` doet twee dingen: de **indicatoren** berekenen (afstanden, PTAL,
        glasvezeldekking: het trage deel) en die **wegen** tot een score. Wie alleen
        gewichten, waardefuncties, harde eisen, top-N of de grenzen van de grootteklassen
        verandert, hoeft de indicatoren niet opnieuw te berekenen. Dat doen we hier één keer.

        Verandert u iets in `[criteria.bestemming]`, `[criteria.ov]` of
        `[criteria.bedrijventerrein]`, dan veranderen de indicatoren zelf; reken dan opnieuw
        met `wr.score(dataclasses.replace(regio, config=nieuwe_config))`.
        """
    ),
    py(
        """
        from werkruimte.indicators.grootte import grootteklasse
        from werkruimte.scoring import score_indicatoren

        indicatoren = wr.indicatoren(regio)


        def herscoor(
            config: wr.Config, profiel: str | None = None, *, gevoeligheid: bool = True
        ) -> pd.DataFrame:
            \"\"\"Score de percelen opnieuw met `config`, op de al berekende indicatoren.\"\"\"
            ind = indicatoren.assign(
                grootteklasse=grootteklasse(
                    indicatoren["oppervlakte_m2"], **config.criteria["grootte"]
                )
            )
            instellingen = config.criteria["gevoeligheid"] if gevoeligheid else None
            return score_indicatoren(
                ind, wr.profielen_uit_config(config, profiel), gevoeligheid=instellingen
            )


        def vergelijk(oud: pd.DataFrame, nieuw: pd.DataFrame, wat: str) -> pd.DataFrame:
            \"\"\"Druk af hoeveel kandidaten erbij komen en afvallen; geef de wissels terug.\"\"\"
            erbij = nieuw["kandidaat"] & ~oud["kandidaat"]
            eraf = oud["kandidaat"] & ~nieuw["kandidaat"]
            print(
                f"{wat}: {getal(nieuw['kandidaat'].sum())} kandidaten "
                f"(was {getal(oud['kandidaat'].sum())}): {getal(erbij.sum())} erbij, "
                f"{getal(eraf.sum())} eraf."
            )
            wissel = nieuw.loc[erbij | eraf, ["perceel_id", "gemeente", "oppervlakte_m2"]].copy()
            wissel["verandering"] = erbij[erbij | eraf].map({True: "erbij", False: "eraf"})
            wissel["profiel"] = nieuw["profiel"].where(erbij, oud["profiel"])[erbij | eraf]
            wissel["score oud"] = oud.loc[wissel.index, "score"]
            wissel["score nieuw"] = nieuw.loc[wissel.index, "score"]
            return wissel


        basis = herscoor(basis_config)
        print(f"Basis: {getal(basis['kandidaat'].sum())} kandidaten.")
        """
    ),
    md(
        """
        ## Gewichten veranderen: OV zwaarder voor schuifruimte

        *"Het Werkplan noemt OV-bereikbaarheid een zwakke plek. Wat als OV voor schuifruimte
        even zwaar telt als de bestemming?"* We zetten het gewicht van `ov` in het profiel
        `schuifruimte` van 1 op 3; de andere gewichten blijven staan. In een
        `werkruimte.toml` zou dat zijn:

        ```toml
        [criteria.profielen.schuifruimte]
        gewichten = { ov = 3.0 }
        ```
        """
    ),
    py(
        """
        ov_config = basis_config.with_changes(
            {"criteria": {"profielen": {"schuifruimte": {"gewichten": {"ov": 3.0}}}}}
        )
        ov_gewichten = gewichten_tabel(ov_config)["schuifruimte"]
        ov_zwaar = herscoor(ov_config)
        wissel_ov = vergelijk(basis, ov_zwaar, "OV-gewicht 3")
        basis_ov = gewichten_tabel(basis_config).loc["ov", "schuifruimte"]
        print(
            f"Gewicht ov in schuifruimte: {getal(basis_ov, 3)} -> {getal(ov_gewichten['ov'], 3)}"
        )
        """
    ),
    md(
        """
        Welke percelen wisselen, en waar? Er gebeuren twee dingen. Waar meer dan 40
        percelen de minimumscore halen, duwt een perceel met goed OV een ander uit de
        top-40 van de gemeente: evenveel erbij als eraf. Waar het OV zwak is, zakken
        percelen onder de minimumscore van 55 en vallen ze af zonder vervanging. In de
        demoregio is het OV in Eemnes en delen van Wijdemeren bewust zwak gemaakt.
        """
    ),
    py(
        """
        print(pd.crosstab(wissel_ov["gemeente"], wissel_ov["verandering"]))
        wissel_ov.sort_values(
            ["gemeente", "verandering", "score nieuw"], ascending=[True, True, False]
        ).round(1)
        """
    ),
    md(
        """
        De kandidaten voor schuifruimte liggen nu gemiddeld beter aan het OV, en verder van
        de snelweg:
        """
    ),
    py(
        """
        def gemiddelden(percelen: pd.DataFrame) -> pd.Series:
            k = percelen[percelen["kandidaat"] & (percelen["profiel"] == "schuifruimte")]
            return k[["ov_index", "afstand_snelweg_m", "afstand_bedrijventerrein_m"]].mean()


        pd.DataFrame({"basis": gemiddelden(basis), "OV-gewicht 3": gemiddelden(ov_zwaar)}).round(1)
        """
    ),
    md(
        """
        ## Grenzen veranderen

        ### Een strengere minimumscore

        *"We willen alleen echt goede plekken: minimumscore 65 in plaats van 55."*
        """
    ),
    py(
        """
        streng_config = basis_config.with_changes(
            {"criteria": {"profielen": {"schuifruimte": {"min_score": 65.0}}}}
        )
        streng = herscoor(streng_config, gevoeligheid=False)
        wissel_streng = vergelijk(basis, streng, "minimumscore 65")
        wissel_streng.groupby("gemeente").size().rename("afgevallen")
        """
    ),
    md(
        """
        ### Een bredere grootteklasse

        *"Er zijn ook bedrijven die 1200 of 3000 m² zoeken."* We verbreden de klasse `groot`
        naar 1200–3000 m² (en laten het middensegment bij 1200 m² ophouden, want de klassen
        mogen niet overlappen). Alleen de klasse verbreden helpt weinig: de waardefunctie
        voor grootte geeft nog steeds de meeste punten rond 2000 m². Daarom verbreden we in
        een tweede stap ook het ideaal.
        """
    ),
    py(
        """
        breed_config = basis_config.with_changes(
            {
                "criteria": {
                    "grootte": {"groot_min": 1200.0, "groot_max": 3000.0, "midden_max": 1200.0}
                }
            }
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
                                    "type": "ideaal", "kolom": "oppervlakte_m2",
                                    "ideaal": 2100.0, "tolerantie": 900.0, "nul": 750.0,
                                }
                            }
                        }
                    }
                }
            }
        )
        breed_ideaal = herscoor(breed_ideaal_config, gevoeligheid=False)
        wissel_breed_ideaal = vergelijk(
            basis, breed_ideaal, "groot = 1200–3000 m² met breder ideaal"
        )
        """
    ),
    py(
        """
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
        """
    ),
    md(
        """
        ## Gevoeligheid: hoe zeker is de top?

        ### Rangstabiliteit van de kandidaten

        Bij het scoren zijn de gewichten 200 keer willekeurig gevarieerd (lognormaal, spreiding
        25 %, vaste seed). `rang_stabiliteit` is het deel van die trekkingen waarin een
        kandidaat in de top-N van zijn gemeente blijft.
        """
    ),
    py(
        """
        kand = basis[basis["kandidaat"]]
        robuust = kand["rang_stabiliteit"] >= 0.9
        print(
            f"{getal(robuust.sum())} van de {getal(len(kand))} kandidaten zijn robuust "
            "(in minstens 90% van de trekkingen in de top)."
        )
        fig, ax = plt.subplots(figsize=(8, 3))
        for naam, groep in kand.groupby("profiel"):
            ax.hist(groep["rang_stabiliteit"], bins=20, range=(0, 1), alpha=0.6, label=naam)
        ax.set_xlabel("rang_stabiliteit")
        ax.set_ylabel("aantal kandidaten")
        ax.legend()
        plt.show()
        """
    ),
    md(
        """
        De beste kandidaten staan vast (stabiliteit 1); de twijfelgevallen zitten onderaan
        de top-N van hun gemeente, of net boven de minimumscore. Hieronder per profiel de
        vijf beste en de vijf minst stabiele kandidaten.
        """
    ),
    py(
        """
        kolommen = ["perceel_id", "gemeente", "profiel", "score", "rang_stabiliteit"]
        top = kand.sort_values("score", ascending=False).groupby("profiel").head(5)
        twijfel = kand.sort_values("rang_stabiliteit").groupby("profiel").head(5)
        pd.concat({"beste": top[kolommen], "minst stabiel": twijfel[kolommen]}).round(2)
        """
    ),
    md(
        """
        Waarom twijfelt het minst stabiele perceel? De uitleg zegt welk criterium het zwaarst
        telt: als dat gewicht omlaag gaat, zakt het perceel uit de top.
        """
    ),
    py(
        """
        print(twijfel.iloc[0]["uitleg"])
        """
    ),
    md(
        """
        ### Eén gewicht stap voor stap

        Hoeveel kandidaten voor schuifruimte veranderen als we het OV-gewicht van 0,5 tot 4
        laten lopen? We scoren alleen het profiel `schuifruimte` en zonder Monte Carlo, dat
        is snel. Bij gewicht 1 (de standaard) moet alles gelijk blijven.
        """
    ),
    py(
        """
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
        """
    ),
    md(
        """
        ### Hoe groot is de onzekerheid in de gewichten?

        De spreiding van de Monte-Carlo-trekkingen staat in `[criteria.gevoeligheid]`. Met
        een grotere spreiding worden minder kandidaten robuust. Voor deze vergelijking zijn
        50 trekkingen genoeg.
        """
    ),
    py(
        """
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
        """
    ),
    md(
        """
        ## Vastleggen

        Bevalt een keuze, zet die dan in `werkruimte.toml`, zodat iedereen met dezelfde
        instellingen rekent en de keuze in het manifest van elke run staat:

        ```toml
        [criteria.profielen.schuifruimte]
        gewichten = { ov = 3.0 }
        min_score = 60.0

        [criteria.gevoeligheid]
        spreiding = 0.25
        ```

        en reken met `werkruimte kansenkaart --config werkruimte.toml`. Gewichten kunnen
        ook uit een paarsgewijze vergelijking (AHP) komen: zie `ahp` in
        `werkruimte/standaard.toml`.
        """
    ),
]

# ---------------------------------------------------------------------------
# 03_schuifruimte_en_driedeling
# ---------------------------------------------------------------------------

NB03: list[Cel] = [
    md(
        """
        # 3. Schuifruimte en driedeling

        Het Werkplan vraagt in de regio ongeveer **14 ha schuifruimte**: ruimte waarheen
        bedrijven kunnen verhuizen of doorgroeien. Eén perceel is zelden zulke ruimte; een
        groep kandidaat-percelen dicht bij elkaar wel. Dit notebook

        1. clustert de kandidaten tot schuifruimte en zet het aanbod af tegen de 14 ha;
        2. deelt elke werklocatie in volgens de **STEC-driedeling** (behouden, menging,
           transformatie) met de regel die besliste;
        3. toont het middensegment per gemeente en de **glasvezelgaten**;
        4. zet alles op de kansenkaart.

        > De demoregio is **fictief**. Draaitijd: ongeveer een halve minuut. De kaart en de
        > tabellen komen in een tijdelijke map, niet in de repository.
        """
    ),
    py(_IMPORTS),
    py(
        """
        import tempfile
        from pathlib import Path

        from werkruimte.schuifruimte import options_from_config

        regio = wr.load_demo()
        percelen = wr.score(regio)
        uitmap = Path(tempfile.mkdtemp(prefix="werkruimte-notebook-"))
        print(f"{getal(percelen['kandidaat'].sum())} kandidaten; uitvoer in {uitmap}")
        """
    ),
    md(
        """
        ## Schuifruimte clusteren

        Twee kandidaten horen bij hetzelfde cluster als hun randen hoogstens `afstand_m`
        (standaard 100 m: een straat over, of één perceel ertussen) van elkaar liggen; een
        keten van buren is één cluster. Clusters kleiner dan `min_oppervlakte_m2` (0,5 ha)
        tellen niet mee. Alleen kandidaten van het profiel `schuifruimte` (1500–2500 m²)
        vormen schuifruimte. Die instellingen staan in `[criteria.schuifruimte]`;
        `options_from_config` leest ze uit de configuratie, precies zoals
        `werkruimte kansenkaart` doet.
        """
    ),
    py(
        """
        opties = options_from_config(regio.config)
        vraag_ha = regio.config.criteria["schuifruimte"]["vraag_ha"]
        print(opties)

        percelen, clusters = wr.cluster_schuifruimte(percelen, **opties)
        balans = wr.vraag_en_aanbod(clusters, vraag_ha=vraag_ha)
        print(balans.tekst())
        """
    ),
    md(
        """
        De clusters, de beste eerst (`rang` 1). De oppervlakte is de som van de percelen, niet
        van de omhullende op de kaart. De gekozen clusters zijn de beste die samen de vraag
        dekken.
        """
    ),
    py(
        """
        overzicht = clusters.drop(columns=["geometry", "percelen"]).copy()
        overzicht["gekozen"] = overzicht["cluster_id"].isin(balans.gekozen)
        overzicht["cumulatief (ha)"] = overzicht["oppervlakte_ha"].cumsum()
        overzicht.round(2)
        """
    ),
    py(
        """
        fig, ax = plt.subplots(figsize=(10, 4))
        kleuren = ["tab:green" if g else "lightgrey" for g in overzicht["gekozen"]]
        ax.bar(overzicht["rang"], overzicht["oppervlakte_ha"], color=kleuren, label="cluster (ha)")
        ax.plot(
            overzicht["rang"], overzicht["cumulatief (ha)"], color="black", marker=".",
            label="cumulatief",
        )
        ax.axhline(vraag_ha, color="tab:red", linestyle="--", label=f"vraag {getal(vraag_ha)} ha")
        ax.set_xticks(overzicht["rang"])
        ax.set_xlabel("rang van het cluster")
        ax.set_ylabel("hectare")
        ax.set_title(balans.tekst(), fontsize=9)
        ax.legend()
        plt.show()
        """
    ),
    md(
        """
        Waar ligt de schuifruimte? Per gemeente de hectares in clusters (som van de
        percelen), en op de kaart de clusters (groen = gekozen).
        """
    ),
    py(
        """
        in_cluster = percelen[percelen["cluster_id"] >= 0]
        per_gemeente = pd.DataFrame(
            {
                "clusters": in_cluster.groupby("gemeente")["cluster_id"].nunique(),
                "percelen": in_cluster.groupby("gemeente").size(),
                "schuifruimte (ha)": (
                    in_cluster.groupby("gemeente")["oppervlakte_m2"].sum() / 10_000
                ).round(2),
            }
        ).reindex(regio.gemeenten["gemeente"]).fillna(0)
        per_gemeente.loc["totaal"] = per_gemeente.sum()
        per_gemeente
        """
    ),
    py(
        """
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
        """
    ),
    md(
        """
        ### Hoe gevoelig is het aanbod voor de clusterregels?

        Clusteren is snel, dus we kunnen de regels variëren: een kleinere of grotere
        loopafstand tussen percelen, en een lagere ondergrens voor een cluster.
        """
    ),
    py(
        """
        kandidaten_scores = percelen.drop(columns="cluster_id")
        rijen = []
        for afstand_m in [50.0, 100.0, 200.0]:
            for min_m2 in [2500.0, 5000.0]:
                _, c = wr.cluster_schuifruimte(
                    kandidaten_scores, afstand_m=afstand_m, min_oppervlakte_m2=min_m2,
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
        """
    ),
    md(
        """
        ## De STEC-driedeling van werklocaties

        Elke werklocatie, formeel (bedrijventerrein uit IBIS) en informeel (hotspot), krijgt
        één klasse:

        * **behouden**: alleen werken, geen andere functies;
        * **menging**: een bredere mix van functies, terwijl de werkruimte blijft;
        * **transformatie**: omzetting toegestaan, met een bijdrage aan het
          Transformatiefonds.

        De regels staan in volgorde in `[[criteria.driedeling.regels]]`; de eerste regel
        waarvan alle voorwaarden gelden beslist, en `reden` noemt die regel met de waarden.
        Geldt er geen, dan is de klasse `menging` (instelbaar).
        """
    ),
    py(
        """
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
        """
    ),
    py(
        """
        tabel = wr.driedeling(regio, percelen)
        klassen = tabel["klasse"].value_counts()
        telling = ", ".join(
            f"{k} {klassen.get(k, 0)}" for k in ["behouden", "menging", "transformatie"]
        )
        print(f"{len(tabel)} werklocaties: {telling}.")
        pd.crosstab(tabel["soort"], tabel["klasse"], margins=True, margins_name="totaal")
        """
    ),
    md(
        """
        Welke regel besliste hoe vaak, met een voorbeeld van de reden:
        """
    ),
    py(
        """
        redenen = tabel.groupby(["klasse", "regel"]).agg(
            aantal=("id", "size"), voorbeeld=("reden", "first")
        )
        redenen
        """
    ),
    md(
        """
        Per gemeente, en de werklocaties die voor transformatie in aanmerking komen:
        """
    ),
    py(
        """
        print(pd.crosstab(tabel["gemeente"], tabel["klasse"], margins=True, margins_name="totaal"))
        tabel.loc[
            tabel["klasse"] == "transformatie",
            ["naam", "soort", "type", "gemeente", "leegstand_pct", "ov_klasse", "reden"],
        ].round(2)
        """
    ),
    md(
        """
        ### Een regel aanpassen

        *"De werkgroep vindt 15 % leegstand al structureel."* Regels zijn configuratie: we
        passen de drempel van de regel `leegstand_ov` aan en delen opnieuw in.
        """
    ),
    py(
        """
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
        """
    ),
    md(
        """
        ## Middensegment per gemeente

        Is er genoeg ruimte van 400–1500 m²? Per gemeente het aanbod in informele
        werklocaties en kandidaat-percelen, met een oordeel (`geen`, `dun`, `voldoende`;
        drempels in `[criteria.middensegment]`).
        """
    ),
    py(
        """
        middensegment = wr.middensegment_match(regio, percelen)
        middensegment[
            ["gemeente", "hotspots_middensegment", "kandidaten_middensegment", "aanbod_plekken",
             "aanbod_m2", "oordeel", "toelichting"]
        ]
        """
    ),
    md(
        """
        ## Glasvezelgaten: waar loont vraagbundeling?

        Werklocaties en schuifruimteclusters met een glasvezeldekking onder de drempel
        (`[criteria.glasvezel] drempel`, 80 %), gegroepeerd met hun buren binnen 250 m. Waar
        bedrijven samen vraag bundelen, wordt aanleg rendabel.
        """
    ),
    py(
        """
        gaten = wr.glasvezel_gaten(regio, percelen, clusters, tabel)
        print(
            f"{len(gaten)} vraagbundelingsgebieden, samen "
            f"{getal(gaten['oppervlakte_ha'].sum(), 1)} ha en "
            f"{getal(gaten['aantal_percelen'].sum())} percelen."
        )
        gaten.drop(columns="geometry").round(2)
        """
    ),
    md(
        """
        ## Alles op de kansenkaart

        Kandidaten, clusters, driedeling, OV, glasvezel en de gaten op één kaart. We bewaren
        hem in de tijdelijke map en tonen hem hier. `werkruimte kansenkaart` schrijft dezelfde
        kaart naar `maps/kansenkaart.html`, met de tabellen in `output/`.
        """
    ),
    py(
        """
        from werkruimte.driedeling import write_tabellen

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
            print(f"{pad.name}: {getal(pad.stat().st_size / 1024)} kB")
        kaart
        """
    ),
]

# ---------------------------------------------------------------------------
# 04_eigen_gemeente
# ---------------------------------------------------------------------------

NB04: list[Cel] = [
    md(
        """
        # 4. Uw eigen gemeente

        De notebooks 1 tot 3 rekenen op de fictieve demoregio. Dit notebook laat zien hoe u
        met de echte gegevens van uw gemeente werkt:

        1. de openbare bronnen ophalen met `werkruimte fetch`;
        2. eigen bestanden (PDOK, IMRO, IBIS, GTFS) aanwijzen in een `werkruimte.toml`;
        3. controleren wat er geladen is (`validate`) en rekenen.

        Stap 3 doen we hier echt, met een configuratie in een tijdelijke map die naar een
        deel van de demobestanden wijst. Er is geen internet nodig en er wordt niets in de
        repository geschreven.
        """
    ),
    md(
        """
        ## Stap 1: openbare bronnen ophalen

        Op de opdrachtregel (niet in dit notebook; daar is internet voor nodig):

        ```sh
        werkruimte fetch --gemeente Hilversum
        ```

        Dat haalt voor het gebied van de gemeente (de CBS-grens plus 500 m, `--marge`) op:

        * de **percelen** uit de BRK Kadastrale Kaart (PDOK, OGC API);
        * de **OV-dienstregeling** (landelijke GTFS, ingekort tot het gebied; een andere feed
          met `--gtfs-url`);
        * het **loopnetwerk** en de **op- en afritten** uit OpenStreetMap.

        Alles komt in `cache/hilversum/`, met bij elk bestand een `.json` met bron, datum en
        aantal objecten. Daarna schrijft de opdracht een `werkruimte.toml` die naar de cache
        wijst. Gebruik de naam of de CBS-code (`--gemeente GM0402`), of `--gemeente regio`
        voor alle zeven gemeenten. Onderbroken? Start dezelfde opdracht opnieuw: wat binnen
        is, wordt overgeslagen. Zonder internet gebruikt `--offline` alleen de cache.

        Bestemmingsplannen en IBIS-bedrijventerreinen staan niet als OGC API bij PDOK: geef
        een eigen adres (`--url-bestemmingsplannen`, `--url-bedrijventerreinen`) of wijs in
        stap 2 een eigen bestand aan. Informele werklocaties en glasvezeldekking levert u
        zelf aan.
        """
    ),
    md(
        """
        ## Stap 2: eigen bestanden in `werkruimte.toml`

        Hebt u de bestanden zelf gedownload, schrijf dan een `werkruimte.toml` naast uw
        bestanden. Paden zijn relatief aan het toml-bestand (of absoluut). Bijvoorbeeld:

        ```toml
        [regio]
        naam = "Hilversum"

        [bronnen]
        # PDOK Kadastrale Kaart als GML (de laag Perceel wordt vanzelf gekozen)
        percelen = "downloads/kadastralekaart_perceel.gml"
        # een map met IMRO2012-GML's van ruimtelijkeplannen.nl (enkelbestemmingen)
        bestemmingsplannen = "downloads/imro/"
        # IBIS-bedrijventerreinen als shapefile (RIN_NUMMER, PLAN_NAAM, MILIEUCAT_MAX ...)
        bedrijventerreinen = "downloads/ibis/bedrijventerreinen.shp"
        # een GTFS-zip, bv. de landelijke feed van gtfs.ovapi.nl
        gtfs = "downloads/gtfs-nl.zip"
        # eigen inventarisatie van informele werklocaties (CSV met x, y of lon, lat; of XLSX)
        hotspots = "eigen/werklocaties.csv"
        # glasvezeldekking als GeoTIFF, 0..1 of 0..100
        glasvezel = "eigen/glasvezel.tif"
        # leeg laten = de ingebouwde CBS-grenzen van Gooi en Vechtstreek
        gemeenten = ""
        # alleen nodig als een bestand geen CRS heeft (bv. een shapefile zonder .prj)
        crs = "EPSG:28992"

        [criteria.glasvezel]
        eenheid = "procent"
        ```

        Een bron die u leeg laat, levert geen gegevens: dat criterium geeft dan 0 punten en
        de uitleg zegt "onbekend" (wat dat betekent, ziet u in stap 3). Alle sleutels met hun
        standaardwaarde staan in `werkruimte/standaard.toml`.
        """
    ),
    md(
        """
        ## Stap 3: een configuratie proberen

        We doen alsof de demobestanden uw eigen downloads zijn, en wijzen alleen de
        **percelen**, de **bestemmingsplannen** en de **gemeentegrenzen** aan. De
        configuratie komt in een tijdelijke map.
        """
    ),
    py(
        _imports(
            stdlib="import tempfile\nfrom pathlib import Path",
            plt=False,
            werkruimte="from werkruimte.config import demo_config_path",
        )
        + "\n"
        + _LAGEN_TABEL
    ),
    py(
        """
demo = wr.load_config(demo_config_path())  # alleen om de demobestanden te vinden
mijn_map = Path(tempfile.mkdtemp(prefix="werkruimte-eigen-"))
toml_pad = mijn_map / "werkruimte.toml"
toml_pad.write_text(
    f'''[regio]
naam = "Mijn gemeente (demobestanden, fictief)"
fictief = true

[bronnen]
percelen = "{demo.bron("percelen").as_posix()}"
percelen_laag = "perceel"
bestemmingsplannen = "{demo.bron("bestemmingsplannen").as_posix()}"
gemeenten = "{demo.bron("gemeenten").as_posix()}"
''',
    encoding="utf-8",
)
print(toml_pad.read_text(encoding="utf-8"))
"""
    ),
    md(
        """
        `wr.load_regio` leest de configuratie en alle bronnen. De tabel hieronder is wat
        `werkruimte validate --config werkruimte.toml` zou tonen: per laag het aantal rijen,
        het CRS, het bestand en wat er hersteld is of ontbreekt.
        """
    ),
    py(
        """
        eigen = wr.load_regio(toml_pad)
        lagen_tabel(eigen)
        """
    ),
    md(
        """
        Rekenen gaat precies als op de demoregio. (Voor een snelle proef zetten we de
        gevoeligheidsanalyse uit.)
        """
    ),
    py(
        """
        eigen_percelen = wr.score(eigen, gevoeligheid=False)
        print(
            f"{getal(len(eigen_percelen))} percelen gescoord, "
            f"{getal(eigen_percelen['kandidaat'].sum())} kandidaten."
        )
        print()
        print(eigen_percelen.sort_values("score", ascending=False)["uitleg"].iloc[0])
        """
    ),
    md(
        """
        Criteria waarvoor geen bron is opgegeven (hier OV, glasvezel, bedrijventerreinen,
        informele werklocaties en afritten) tellen niet mee: werkruimte laat ze weg, schaalt
        de gewichten van de overige criteria opnieuw tot samen 1 en meldt dat met een
        waarschuwing. Per profiel de criteria die meetellen:
        """
    ),
    py(
        """
        def haalbaar(percelen: pd.DataFrame, config: wr.Config) -> None:
            \"\"\"Druk per profiel de hoogst haalbare score af met de criteria met gegevens.\"\"\"
            for p in wr.profielen_uit_config(config):
                met_gegevens = [c for c in p.criteria if percelen[f"s_{c}"].max() > 0]
                totaal = sum(p.gewichten[c] for c in met_gegevens)
                hoogst = 100 * sum(p.gewichten[c] / totaal for c in met_gegevens)
                print(
                    f"profiel {p.naam}: criteria met gegevens {', '.join(met_gegevens)}; "
                    f"hoogst haalbaar {getal(hoogst)} punten, minimumscore {getal(p.min_score)}."
                )


        haalbaar(eigen_percelen, eigen.config)
        """
    ),
    md(
        """
        Wilt u een criterium bewust niet laten meetellen, ook als de bron er wel is, zet dan
        zijn gewicht op 0 in `werkruimte.toml`; de overige gewichten worden ook dan opnieuw
        geschaald tot samen 1. Hier geeft dat dezelfde uitkomst, want die bronnen ontbreken
        al:
        """
    ),
    py(
        """
        with toml_pad.open("a", encoding="utf-8") as f:
            f.write(
                "\\n[criteria.profielen.schuifruimte]\\n"
                "gewichten = { bedrijventerrein = 0.0, ov = 0.0, glasvezel = 0.0, auto = 0.0 }\\n"
                "\\n[criteria.profielen.middensegment]\\n"
                "gewichten = { hotspot = 0.0, station = 0.0, ov = 0.0, glasvezel = 0.0 }\\n"
            )
        print(toml_pad.read_text(encoding="utf-8"))

        eigen = wr.load_regio(toml_pad)
        eigen_percelen = wr.score(eigen, gevoeligheid=False)
        haalbaar(eigen_percelen, eigen.config)
        eigen_kandidaten = eigen_percelen[eigen_percelen["kandidaat"]]
        print(
            f"{getal(len(eigen_percelen))} percelen gescoord, "
            f"{getal(len(eigen_kandidaten))} kandidaten."
        )
        print()
        print(eigen_kandidaten.sort_values("score", ascending=False)["uitleg"].iloc[0])
        pd.crosstab(eigen_kandidaten["gemeente"], eigen_kandidaten["profiel"])
        """
    ),
    md(
        """
        ## Als er iets mis is

        Een tikfout in een sleutel of een bestand dat niet bestaat geeft één duidelijke
        melding: welk bestand, welke sleutel, wat er verwacht werd en hoe u het oplost. Op
        de opdrachtregel is dat exitcode 2, zonder halve uitvoer.
        """
    ),
    py(
        """
        fout_pad = mijn_map / "tikfout.toml"
        fout_pad.write_text('[bronnen]\\nperceelen = "percelen.gpkg"\\n', encoding="utf-8")
        try:
            wr.load_config(fout_pad)
        except wr.ConfigError as fout:
            print(f"ConfigError: {fout}")

        weg_pad = mijn_map / "ontbreekt.toml"
        weg_pad.write_text(
            '[bronnen]\\npercelen = "downloads/bestaat_niet.gml"\\n', encoding="utf-8"
        )
        try:
            wr.load_regio(weg_pad)
        except wr.InputError as fout:
            print(f"InputError: {fout}")
        """
    ),
    md(
        """
        ## Stap 4: rekenen op uw eigen regio

        Op de opdrachtregel:

        ```sh
        werkruimte validate --config werkruimte.toml
        werkruimte kansenkaart --config werkruimte.toml --out uitvoer/
        ```

        In de notebooks 1 tot 3 vervangt u `wr.load_demo()` door
        `wr.load_regio("pad/naar/werkruimte.toml")`; de rest blijft gelijk. Verversen:
        verwijder `cache/hilversum/` en haal opnieuw op.
        """
    ),
]

NOTEBOOKS: dict[str, list[Cel]] = {
    "01_verkennen": NB01,
    "02_criteria_afstemmen": NB02,
    "03_schuifruimte_en_driedeling": NB03,
    "04_eigen_gemeente": NB04,
}


def build(name: str) -> nbformat.NotebookNode:
    """The notebook ``name`` without outputs, with stable cell ids."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
            "name": "python3",
        },
        "language_info": {"name": "python"},
    }
    for i, (kind, source) in enumerate(NOTEBOOKS[name], start=1):
        if kind == "md":
            cell = nbformat.v4.new_markdown_cell(source)
        else:
            cell = nbformat.v4.new_code_cell(source)
        cell.id = f"cel-{i:02d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def render(name: str) -> str:
    """The notebook ``name`` as the exact text written to disk."""
    return nbformat.writes(build(name)) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check compare) every notebook; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="niet schrijven; exit 1 als een notebook afwijkt"
    )
    parser.add_argument(
        "--out", type=Path, default=NOTEBOOK_DIR, help="doelmap (standaard: notebooks/)"
    )
    args = parser.parse_args(argv)
    afwijkend = []
    for name in NOTEBOOKS:
        path = args.out / f"{name}.ipynb"
        text = render(name)
        if args.check:
            if not path.is_file() or path.read_text("utf-8") != text:
                afwijkend.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, "utf-8")
        tmp.replace(path)
        print(f"geschreven: {path}")
    for path in afwijkend:
        print(f"wijkt af van scripts/make_notebooks.py: {path}", file=sys.stderr)
    return 1 if afwijkend else 0


if __name__ == "__main__":
    raise SystemExit(main())
