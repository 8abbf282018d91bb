"""Time reading every letter in a folder: python bench/letters.py [FOLDER] [--workers N].

The budget is 30 s for the 68 published letters on 2 cores. Besides the wall-clock time
it prints the CPU time of this process and its workers, which does not depend on what else
the machine is doing. Exits 0 without output when the folder is absent (CI has only the
repository, not the shared corpus).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import Counter
from pathlib import Path

from jtai.letters import read_letters

DEFAULT_FOLDER = Path("/work/shared/data/published-letters")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--workers", type=int, help="processes to read with (default: all CPUs)")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        return 0
    paths = sorted(args.folder.glob("*.pdf"))
    started = time.perf_counter()
    records = read_letters(paths, args.workers)
    elapsed = time.perf_counter() - started
    cpu = sum(
        usage.ru_utime + usage.ru_stime
        for usage in (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
    )
    statuses = Counter(str(record.status) for record in records)
    print(
        f"read {len(paths)} files in {elapsed:.1f} s wall, {cpu:.1f} s CPU "
        f"({elapsed / max(len(paths), 1) * 1000:.0f} ms wall per file); "
        + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items()))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
