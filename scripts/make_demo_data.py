"""Maak de fictieve demoregio opnieuw (dunne schil om werkruimte.demodata).

Gebruik::

    python scripts/make_demo_data.py [--out data] [--seed 20261123]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from werkruimte.demodata import DEFAULT_SEED, write_demo_data


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, write the demo region and list the files."""
    parser = argparse.ArgumentParser(description="Maak de fictieve demoregio (data/).")
    parser.add_argument("--out", default="data", help="doelmap (standaard: data)")
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"seed (standaard: {DEFAULT_SEED})"
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    paths = write_demo_data(Path(args.out), seed=args.seed)
    for name, path in paths.items():
        print(f"{name:20s} {path}  ({path.stat().st_size / 1e3:,.0f} kB)")
    print(f"klaar in {time.perf_counter() - start:.1f} s (seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
