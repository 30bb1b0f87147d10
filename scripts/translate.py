"""Fill Chinese translations into the catalogue from a JSON {msgid: msgstr} file and compile it.

    python scripts/translate.py translations.json

For developers after `make messages`: clears the fuzzy flag of each entry it fills; prints what is
still untranslated. A msgid that is not in the catalogue yet is appended at its end, so developers
working in parallel add strings without `make messages` rewriting the whole file (the catalogue merges
with git's union driver, see .gitattributes).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "outsourcing/locale/zh_Hans/LC_MESSAGES/django.po"


def main(path: str) -> int:
    translations = json.loads(Path(path).read_text(encoding="utf-8"))
    catalogue = polib.pofile(str(PO))
    seen = set()
    for entry in catalogue:
        if entry.msgid in translations:
            seen.add(entry.msgid)
            entry.msgstr = translations[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    for msgid, msgstr in translations.items():
        if msgid not in seen:
            catalogue.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    catalogue.save()
    catalogue.save_as_mofile(str(PO.with_suffix(".mo")))
    missing = [e.msgid for e in catalogue.untranslated_entries() + catalogue.fuzzy_entries()]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
