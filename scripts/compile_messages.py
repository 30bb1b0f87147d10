"""Compile the .po catalogues to .mo with polib, so a fresh machine needs no GNU gettext.

python scripts/compile_messages.py          # write .mo files that are missing or stale
python scripts/compile_messages.py --check  # exit 1 if a .mo is missing or stale
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "outsourcing" / "locale"


def stale(po_path: Path, mo_path: Path) -> bool:
    return not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime


def main(check: bool) -> int:
    problems = 0
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if check:
            expected = polib.pofile(str(po_path)).to_binary()
            if not mo_path.exists() or mo_path.read_bytes() != expected:
                print(f"stale: {mo_path.relative_to(ROOT)}")
                problems += 1
        elif stale(po_path, mo_path):
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            print(f"compiled {mo_path.relative_to(ROOT)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv))
