"""werkruimte: ruimte voor werk vinden en onderbouwen in regio Gooi en Vechtstreek.

The public API, as notebooks use it::

    import werkruimte as wr
    regio = wr.load_regio("werkruimte.toml")      # or wr.load_demo()
    percelen = wr.score(regio)
    percelen, clusters = wr.cluster_schuifruimte(percelen)
    tabel = wr.driedeling(regio, percelen)
    kaart = wr.kansenkaart(regio, percelen, clusters, tabel)

    # or the whole chain at once, as the CLI runs it:
    uitkomst = wr.draai_keten("werkruimte.toml")   # load, score, cluster, driedeling, map
    wr.schrijf_keten(uitkomst, "output")           # every output + manifest, all or nothing
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from werkruimte.config import Config, default_config, load_config
    from werkruimte.driedeling import driedeling
    from werkruimte.errors import ConfigError, HerstelWaarschuwing, InputError, WerkruimteError
    from werkruimte.kaart import kansenkaart
    from werkruimte.keten import Keten
    from werkruimte.keten import draai as draai_keten
    from werkruimte.keten import schrijf as schrijf_keten
    from werkruimte.middensegment import middensegment_match
    from werkruimte.regio import Regio, load_demo, load_regio
    from werkruimte.schuifruimte import Balans, cluster_schuifruimte, vraag_en_aanbod
    from werkruimte.scoring import (
        Profiel,
        ahp_gewichten,
        indicatoren,
        profielen_uit_config,
        score,
        score_indicatoren,
    )
    from werkruimte.vraagbundeling import glasvezel_gaten

#: Public name -> (module, attribute). Imported on first use (PEP 562), so that
#: ``import werkruimte`` and ``werkruimte --help`` do not load geopandas, scikit-learn,
#: gtfs-kit, rasterio or folium; ``from werkruimte import score`` works as before.
_API: dict[str, tuple[str, str]] = {
    "Config": ("werkruimte.config", "Config"),
    "default_config": ("werkruimte.config", "default_config"),
    "load_config": ("werkruimte.config", "load_config"),
    "driedeling": ("werkruimte.driedeling", "driedeling"),
    "ConfigError": ("werkruimte.errors", "ConfigError"),
    "HerstelWaarschuwing": ("werkruimte.errors", "HerstelWaarschuwing"),
    "InputError": ("werkruimte.errors", "InputError"),
    "WerkruimteError": ("werkruimte.errors", "WerkruimteError"),
    "kansenkaart": ("werkruimte.kaart", "kansenkaart"),
    "Keten": ("werkruimte.keten", "Keten"),
    "draai_keten": ("werkruimte.keten", "draai"),
    "schrijf_keten": ("werkruimte.keten", "schrijf"),
    "middensegment_match": ("werkruimte.middensegment", "middensegment_match"),
    "Regio": ("werkruimte.regio", "Regio"),
    "load_demo": ("werkruimte.regio", "load_demo"),
    "load_regio": ("werkruimte.regio", "load_regio"),
    "Balans": ("werkruimte.schuifruimte", "Balans"),
    "cluster_schuifruimte": ("werkruimte.schuifruimte", "cluster_schuifruimte"),
    "vraag_en_aanbod": ("werkruimte.schuifruimte", "vraag_en_aanbod"),
    "Profiel": ("werkruimte.scoring", "Profiel"),
    "ahp_gewichten": ("werkruimte.scoring", "ahp_gewichten"),
    "indicatoren": ("werkruimte.scoring", "indicatoren"),
    "profielen_uit_config": ("werkruimte.scoring", "profielen_uit_config"),
    "score": ("werkruimte.scoring", "score"),
    "score_indicatoren": ("werkruimte.scoring", "score_indicatoren"),
    "glasvezel_gaten": ("werkruimte.vraagbundeling", "glasvezel_gaten"),
}


def __getattr__(name: str) -> Any:
    """Import a public name (or a submodule, e.g. ``werkruimte.keten``) on first use."""
    if name in _API:
        module, attr = _API[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    if not name.startswith("_"):
        try:
            return importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})


class _Pakket(types.ModuleType):
    """The package module: a submodule import never hides a public function.

    Importing ``werkruimte.driedeling`` (the module) sets the package attribute
    ``driedeling``; with the eager imports of old, the function of the same name was
    set after it. Here the module is kept out of the attribute, so ``wr.driedeling``
    stays the function (``sys.modules`` still has the module).
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _API and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Pakket


__version__ = "0.1.0"

__all__ = [
    "Balans",
    "Config",
    "ConfigError",
    "HerstelWaarschuwing",
    "InputError",
    "Keten",
    "Profiel",
    "Regio",
    "WerkruimteError",
    "__version__",
    "ahp_gewichten",
    "cluster_schuifruimte",
    "default_config",
    "draai_keten",
    "driedeling",
    "glasvezel_gaten",
    "indicatoren",
    "kansenkaart",
    "load_config",
    "load_demo",
    "load_regio",
    "middensegment_match",
    "profielen_uit_config",
    "schrijf_keten",
    "score",
    "score_indicatoren",
    "vraag_en_aanbod",
]
