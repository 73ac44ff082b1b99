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
