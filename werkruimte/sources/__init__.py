"""Loaders for the real sources, one module each.

Every loader reads its source in the real format and returns a frame in EPSG:28992
with canonical column names (see ``docs/architecture.md``). Bad input raises
:class:`werkruimte.errors.InputError`; mended input warns with
:class:`werkruimte.errors.HerstelWaarschuwing`.
"""
