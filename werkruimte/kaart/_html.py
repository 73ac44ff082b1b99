"""The one place where text becomes HTML on the kansenkaart.

Every text that reaches the map's HTML comes from data or configuration (parcel ids,
names of hotspots, terrains, gemeenten, plans and stops, profile names, the region's
name, driedeling classes) and is shown by Leaflet through ``innerHTML`` (tooltips,
popups, the layer control, legends, the title block). The layer builders therefore
take plain text; it is escaped here, in :func:`werkruimte.kaart.lagen.geojson` (every
text property of every feature) and where layer names, aliases, legends and the title
are set. On top of that the page carries a Content-Security-Policy (:data:`CSP`) that
forbids inline event handlers (``onerror=...``), plugins and a ``<base>`` that would
redirect the page's links; folium's own inline ``<script>`` blocks stay allowed.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd

__all__ = ["CSP", "csp_meta", "kolom", "opmaak", "tekst", "teksten"]

#: The map's Content-Security-Policy: no inline event handlers (``script-src-attr``),
#: no plugins, no ``<base>``, no form posts. Inline ``<script>`` blocks (folium's)
#: and data: images (the glasvezel overlay) stay allowed.
CSP = "script-src-attr 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"


def tekst(value: object) -> str:
    """``value`` as HTML text: ``& < > " '`` escaped (also safe inside attributes)."""
    return html.escape(str(value), quote=True)


def teksten(values: Sequence[object]) -> list[str]:
    """Each of ``values`` through :func:`tekst`."""
    return [tekst(v) for v in values]


def kolom(values: pd.Series) -> pd.Series:
    """A text column escaped with :func:`tekst`; missing values stay missing."""
    return values.astype("string").map(tekst, na_action="ignore").astype("string")


def opmaak(sjabloon: str, **velden: pd.Series) -> pd.Series:
    """Fill an HTML template per row with escaped values.

    Parameters
    ----------
    sjabloon
        HTML with ``{name}`` placeholders (the markup is trusted, it is ours).
    **velden
        Plain text per placeholder, aligned Series; each value is escaped.

    Returns
    -------
    pandas.Series
        One HTML string per row.
    """
    index = next(iter(velden.values())).index
    safe = {k: kolom(v.astype("string").fillna("–")).tolist() for k, v in velden.items()}
    rows = [sjabloon.format(**{k: safe[k][i] for k in safe}) for i in range(len(index))]
    return pd.Series(rows, index=index, dtype="string")


def csp_meta() -> str:
    """The ``<meta>`` element that sets :data:`CSP`."""
    assert '"' not in CSP  # our constant, safe inside the attribute as it is
    return f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
