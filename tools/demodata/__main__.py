"""Write the fictitious demo region: ``python -m tools.demodata [--out MAP] [--seed N]``.

Run from the repository root (``make demo-data`` does this).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from tools.demodata import DEFAULT_SEED, write_demo_data

#: Where the committed demo region lives (package data of werkruimte).
DEMO_DIR = Path(__file__).resolve().parents[2] / "werkruimte" / "demo" / "data"


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, write the demo region and list the files."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.demodata",
        description="Maak de fictieve demoregio opnieuw (standaard in werkruimte/demo/data).",
    )
    parser.add_argument(
        "--out", default=str(DEMO_DIR), metavar="MAP", help="doelmap (standaard: %(default)s)"
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"seed (standaard: {DEFAULT_SEED})"
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="geen voortgang tonen")
    args = parser.parse_args(argv)
    if not args.quiet:
        logging.basicConfig(level=logging.INFO, format="%(message)s")
    start = time.perf_counter()
    paths = write_demo_data(Path(args.out), seed=args.seed)
    if not args.quiet:
        for name, path in paths.items():
            print(f"{name:20s} {path}  ({path.stat().st_size / 1e3:,.0f} kB)")
        print(f"klaar in {time.perf_counter() - start:.1f} s (seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
