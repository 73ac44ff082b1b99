"""The one colour and style table of the kansenkaart, the PNG maps and the XLSX tables.

Plain data and a few pure functions (numpy and pandas only, no folium, branca or
matplotlib), so any writer can import it cheaply. The tables are read-only mappings:
a writer that wants other colours makes its own copy.

One colour logic on every layer: a measure where more is better (score, OV
bereikbaarheid, glasvezeldekking) runs from light yellow (poor) to dark blue (good) on
the ColorBrewer YlGnBu ramp, which is sequential, readable in greyscale and safe for
colour-blind readers; classes without an order (driedeling) take Okabe-Ito colours,
distinguishable with every common form of colour blindness.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType

import numpy as np
import pandas as pd

__all__ = [
    "BESTEMMING_ANDERS",
    "BESTEMMING_KLEUREN",
    "CLUSTER_KLEUR",
    "DEKKING_KLEUREN",
    "EXTRA_KLEUREN",
    "GAT_KLEUR",
    "HOTSPOT_ANDERS",
    "HOTSPOT_STIJL",
    "KLASSE_KLEUREN",
    "ONBEKEND_KLEUR",
    "PTAL_KLEUREN",
    "PTAL_LABELS",
    "SCORE_GRENZEN",
    "SCORE_KLEUREN",
    "SCORE_TITEL",
    "YLGNBU",
    "dekking_rgba",
    "klasse_kleuren",
    "score_kleur",
    "score_labels",
]

#: Score bands (lower bounds; the last band is open) and their colours (YlGnBu).
SCORE_GRENZEN = (0.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0)
SCORE_KLEUREN = ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494")
#: Title of the score legend.
SCORE_TITEL = "Score kandidaten (0-100)"

#: Grey for what has no value or no class.
ONBEKEND_KLEUR = "#969696"

#: Colours of the default driedeling classes; other class names take EXTRA_KLEUREN.
KLASSE_KLEUREN: Mapping[str, str] = MappingProxyType(
    {
        "behouden": "#0072b2",
        "menging": "#cc79a7",
        "transformatie": "#e69f00",
    }
)
EXTRA_KLEUREN = ("#009e73", "#56b4e9", "#d55e00", "#f0e442", "#000000", "#a6761d")

#: ColorBrewer YlGnBu (9 classes), light to dark: the one "poor to good" ramp.
YLGNBU = (
    "#ffffd9",
    "#edf8b1",
    "#c7e9b4",
    "#7fcdbb",
    "#41b6c4",
    "#1d91c0",
    "#225ea8",
    "#253494",
    "#081d58",
)

#: TfL PTAL bands, from no access (light yellow) to excellent (dark blue), as the score.
PTAL_KLEUREN: Mapping[str, str] = MappingProxyType(
    dict(zip(("0", "1a", "1b", "2", "3", "4", "5", "6a", "6b"), YLGNBU, strict=True))
)
#: What each PTAL band means, as the legend and the tooltips say it.
PTAL_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "0": "0 (geen)",
        "1a": "1a (zeer slecht)",
        "1b": "1b (zeer slecht)",
        "2": "2 (slecht)",
        "3": "3 (matig)",
        "4": "4 (goed)",
        "5": "5 (zeer goed)",
        "6a": "6a (uitstekend)",
        "6b": "6b (uitstekend)",
    }
)

#: Informal werklocatie types: letter on the marker, colour, label.
HOTSPOT_STIJL: Mapping[str, tuple[str, str, str]] = MappingProxyType(
    {
        "broedplaats": ("B", "#e7298a", "broedplaats"),
        "flexplek": ("F", "#1b9e77", "flexplek"),
        "bedrijfsverzamelgebouw": ("V", "#7570b3", "bedrijfsverzamelgebouw"),
        "centrumlocatie": ("C", "#d95f02", "centrumlocatie"),
        "ov-knooppunt": ("O", "#1f78b4", "OV-knooppunt"),
        "concentratie aan uitvalsweg": ("U", "#525252", "concentratie aan uitvalsweg"),
    }
)
#: Marker of a hotspot whose type is not in HOTSPOT_STIJL.
HOTSPOT_ANDERS = ("?", "#969696", "overig")

#: Werkbestemmingen per IMRO2012 hoofdgroep, in the style of the SVBP2012 colours.
BESTEMMING_KLEUREN: Mapping[str, str] = MappingProxyType(
    {
        "bedrijf": "#b45fd2",
        "bedrijventerrein": "#9440b4",
        "kantoor": "#ebc3d7",
        "gemengd": "#ffbe87",
        "centrum": "#ffc8be",
        "dienstverlening": "#f091be",
    }
)
#: Colour of a werkbestemming not in BESTEMMING_KLEUREN.
BESTEMMING_ANDERS = "#c8a0d2"

#: Outline of the schuifruimte clusters and of the glasvezel gaps.
CLUSTER_KLEUR = "#d7301f"
GAT_KLEUR = "#b2182b"
#: Changes between two runs (vergelijk): Okabe-Ito bluish green and vermillion.
ERBIJ_KLEUR = "#009e73"
ERAF_KLEUR = "#d55e00"
#: Ground that could become work (potentie): Okabe-Ito orange, apart from the candidates.
POTENTIE_KLEUR = "#e69f00"

#: Glasvezel coverage, none (light yellow) to full (dark blue): the same YlGnBu ramp.
DEKKING_KLEUREN = YLGNBU


def score_kleur(scores: pd.Series | np.ndarray) -> np.ndarray:
    """Colour (hex) of each score by the bands :data:`SCORE_GRENZEN`.

    Parameters
    ----------
    scores
        Scores 0..100; what is not a number gets :data:`ONBEKEND_KLEUR`.

    Returns
    -------
    numpy.ndarray
        Object array of hex colours, one per score.
    """
    values = np.asarray(pd.to_numeric(pd.Series(scores), errors="coerce"), dtype="float64")
    band = np.clip(np.digitize(values, SCORE_GRENZEN[1:-1]), 0, len(SCORE_KLEUREN) - 1)
    out = np.asarray(SCORE_KLEUREN, dtype=object)[band]
    out[~np.isfinite(values)] = ONBEKEND_KLEUR
    return out


def score_labels() -> list[str]:
    """Legend label of each score band, lowest first: ``< 50``, ``50–60``, …, ``≥ 90``."""
    labels = []
    for i in range(len(SCORE_KLEUREN)):
        lo, hi = SCORE_GRENZEN[i], SCORE_GRENZEN[i + 1]
        if i == 0:
            labels.append(f"< {hi:g}")
        elif i == len(SCORE_KLEUREN) - 1:
            labels.append(f"≥ {lo:g}")
        else:
            labels.append(f"{lo:g}–{hi:g}")
    return labels


def klasse_kleuren(klassen: Sequence[str]) -> dict[str, str]:
    """Colour per driedeling class.

    Parameters
    ----------
    klassen
        Class names in the order they are shown; duplicates count once.

    Returns
    -------
    dict of str to str
        The default classes by name (:data:`KLASSE_KLEUREN`, case-insensitive), the
        others in order from :data:`EXTRA_KLEUREN`, then :data:`ONBEKEND_KLEUR`.
    """
    out: dict[str, str] = {}
    extra = iter(EXTRA_KLEUREN)
    for k in klassen:
        key = str(k)
        if key in out:
            continue
        out[key] = KLASSE_KLEUREN.get(key.lower()) or next(extra, ONBEKEND_KLEUR)
    return out


def dekking_rgba(values: np.ndarray, *, alpha: int = 200) -> np.ndarray:
    """RGBA (uint8) of coverage fractions on the YlGnBu ramp; transparent where NaN.

    Parameters
    ----------
    values
        Coverage 0..1 (any shape); values outside are clipped.
    alpha
        Opacity (0..255) of cells with data.

    Returns
    -------
    numpy.ndarray
        ``values.shape + (4,)``, dtype uint8.
    """
    v = np.asarray(values, dtype="float64")
    ok = np.isfinite(v)
    x = np.clip(np.where(ok, v, 0.0), 0.0, 1.0)
    stops = np.linspace(0.0, 1.0, len(DEKKING_KLEUREN))
    rgb = np.array(
        [[int(h[i : i + 2], 16) for i in (1, 3, 5)] for h in DEKKING_KLEUREN], dtype="float64"
    )
    out = np.empty((*v.shape, 4), dtype="uint8")
    for c in range(3):
        out[..., c] = np.rint(np.interp(x, stops, rgb[:, c])).astype("uint8")
    out[..., 3] = np.where(ok, alpha, 0).astype("uint8")
    return out
