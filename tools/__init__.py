"""Developer tools of the werkruimte repository (not part of the installed package)."""
