"""werkruimte: ruimte voor werk vinden en onderbouwen in regio Gooi en Vechtstreek."""

from werkruimte.config import Config, load_config
from werkruimte.errors import ConfigError, HerstelWaarschuwing, InputError, WerkruimteError
from werkruimte.regio import Regio, load_demo, load_regio

__version__ = "0.1.0"

__all__ = [
    "Config",
    "ConfigError",
    "HerstelWaarschuwing",
    "InputError",
    "Regio",
    "WerkruimteError",
    "__version__",
    "load_config",
    "load_demo",
    "load_regio",
]
