"""Bouw de notebooks (``.ipynb``) uit hun jupytext-bron (``.py``, formaat ``py:percent``).

De bron van elk notebook is het ``.py``-bestand ernaast: gewone Python die ruff en mypy
controleren, met ``# %%`` voor een codecel en ``# %% [markdown]`` voor een tekstcel. Het
``.ipynb`` wordt daaruit gebouwd met jupytext, zonder uitvoer en met vaste cel-id's
(``cel-01``, ``cel-02``, ...): twee keer bouwen geeft hetzelfde bestand.

Gebruik (of ``make notebooks``)::

    .venv/bin/python notebooks/_bouw.py           # schrijft notebooks/*.ipynb
    .venv/bin/python notebooks/_bouw.py --check   # exit 1 als een .ipynb afwijkt

``tests/test_notebooks.py`` controleert dat elk ``.ipynb`` in git gelijk is aan wat dit
script bouwt, en voert de notebooks uit op de demoregio.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import jupytext
import nbformat

MAP = Path(__file__).resolve().parent

#: De notebooks: elk ``NN_naam.py`` in deze map, op volgorde.
NAMEN: tuple[str, ...] = tuple(sorted(p.stem for p in MAP.glob("[0-9][0-9]_*.py")))


def bouw(naam: str) -> str:
    """De tekst van ``naam.ipynb``, gebouwd uit ``naam.py``."""
    nb = jupytext.read(MAP / f"{naam}.py", fmt="py:percent")
    for i, cel in enumerate(nb.cells, start=1):
        cel.id = f"cel-{i:02d}"
        # Hoeveel lege regels er in de .py na de cel staan, hoort niet in het notebook.
        cel.metadata.pop("lines_to_next_cell", None)
    nbformat.validate(nb)
    tekst: str = jupytext.writes(nb, fmt="ipynb")
    return tekst


def main(argv: list[str] | None = None) -> int:
    """Schrijf (of met ``--check``: vergelijk) elk notebook; geeft de exitcode."""
    parser = argparse.ArgumentParser(description="Bouw notebooks/*.ipynb uit notebooks/*.py.")
    parser.add_argument(
        "--check", action="store_true", help="niet schrijven; exit 1 als een notebook afwijkt"
    )
    args = parser.parse_args(argv)
    afwijkend = []
    for naam in NAMEN:
        pad = MAP / f"{naam}.ipynb"
        tekst = bouw(naam)
        if pad.is_file() and pad.read_text("utf-8") == tekst:
            continue
        if args.check:
            afwijkend.append(pad)
            continue
        pad.write_text(tekst, "utf-8")
        print(f"gebouwd: {pad} (uit {naam}.py)")
    for pad in afwijkend:
        print(f"wijkt af van {pad.stem}.py; bouw opnieuw met `make notebooks`: {pad}")
    return 1 if afwijkend else 0


if __name__ == "__main__":
    sys.exit(main())
