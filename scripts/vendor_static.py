"""Copy assets from npm packages into the tree and record what was taken: browser assets into
outsourcing/static/vendor/, the CJK font the PDFs embed into outsourcing/core/fonts/ (not served).

Run by a developer when an asset is added or upgraded (needs npm); `make run` needs no Node because
the files are committed. VENDORED.json records package, version, the tarball's integrity and each
file's SHA-256; tests/core/test_static_assets.py checks the committed files against it.

    python scripts/vendor_static.py          # fetch and copy
    python scripts/vendor_static.py --check  # verify committed files against VENDORED.json
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "outsourcing" / "static" / "vendor"
MANIFEST = TARGET / "VENDORED.json"

PACKAGES = {
    "bootstrap": {
        "version": "5.3.8",
        "files": {
            "dist/css/bootstrap.min.css": "bootstrap/bootstrap.min.css",
            "dist/js/bootstrap.bundle.min.js": "bootstrap/bootstrap.bundle.min.js",
        },
    },
    "bootstrap-icons": {
        "version": "1.13.1",
        "files": {
            "font/bootstrap-icons.min.css": "bootstrap-icons/bootstrap-icons.min.css",
            "font/fonts/bootstrap-icons.woff2": "bootstrap-icons/fonts/bootstrap-icons.woff2",
            "font/fonts/bootstrap-icons.woff": "bootstrap-icons/fonts/bootstrap-icons.woff",
        },
    },
    "htmx.org": {
        "version": "2.0.7",
        "files": {"dist/htmx.min.js": "htmx/htmx.min.js"},
    },
    # Chart.js (MIT): the performance dashboards' charts (PRF-4), the UMD build that needs no bundler.
    "chart.js": {
        "version": "4.5.1",
        "files": {"dist/chart.umd.min.js": "chartjs/chart.umd.min.js", "LICENSE.md": "chartjs/LICENSE.md"},
    },
    # Noto Sans SC (SIL Open Font License 1.1), whole TrueType files: fpdf2 embeds the glyphs a PDF uses.
    "@expo-google-fonts/noto-sans-sc": {
        "version": "0.4.3",
        "base": "outsourcing/core/fonts",
        "files": {
            "400Regular/NotoSansSC_400Regular.ttf": "NotoSansSC-Regular.ttf",
            "700Bold/NotoSansSC_700Bold.ttf": "NotoSansSC-Bold.ttf",
            "LICENSE_FONT": "OFL.txt",
        },
    },
}


def base_of(spec: dict) -> Path:
    return ROOT / spec["base"] if "base" in spec else TARGET


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def strip_source_map(content: bytes) -> bytes:
    """Drop `sourceMappingURL` comments: the maps are not shipped, and Django's manifest storage
    refuses references to missing files."""
    return re.sub(rb"\n?/[*/]# sourceMappingURL=[^\n]*", b"", content)


def fetch() -> None:
    manifest = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, spec in PACKAGES.items():
            out = subprocess.run(
                ["npm", "pack", f"{name}@{spec['version']}", "--json", "--pack-destination", tmp],
                check=True,
                capture_output=True,
                text=True,
            )
            info = json.loads(out.stdout)[0]
            with tarfile.open(Path(tmp) / info["filename"]) as tar:
                files = {}
                for source, dest in spec["files"].items():
                    member = tar.extractfile(f"package/{source}")
                    target = base_of(spec) / dest
                    target.parent.mkdir(parents=True, exist_ok=True)
                    content = member.read()
                    target.write_bytes(content if dest.endswith((".ttf", ".txt")) else strip_source_map(content))
                    files[dest] = sha256(target)
            manifest[name] = {"version": info["version"], "integrity": info["integrity"], "files": files}
            if "base" in spec:
                manifest[name]["base"] = spec["base"]
    MANIFEST.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"vendored {len(manifest)} packages into {TARGET}")


def check() -> int:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    bad = [
        dest
        for entry in manifest.values()
        for dest, digest in entry["files"].items()
        if not (base_of(entry) / dest).exists() or sha256(base_of(entry) / dest) != digest
    ]
    for dest in bad:
        print(f"mismatch: {dest}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(check() if "--check" in sys.argv else fetch())
