"""Record the site's published addresses, so that they are never lost.

    python scripts/permalinks.py record

Builds the site (which checks the addresses already recorded), then adds to
docs/_data/permalinks.yml every page, heading anchor and numbered paragraph that is new.
It never removes or changes a recorded address. Run it when publishing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
HEADER = """\
# Every published page of the site (its address without /nl/: the same in both languages),
# with its anchors: heading ids and numbered paragraphs (§). Each build checks that they all
# still exist. For each paragraph, the first words of the French text show when numbers move.
# Added by `python scripts/permalinks.py record` when publishing; never remove a line:
# readers have cited these addresses. A page that moves gets a line in redirects.yml.
"""


def build_manifest(root: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        manifest = Path(tmp) / "manifest.json"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PERMALINKS_MANIFEST=str(manifest))
        process = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(Path(tmp) / "site")],
            cwd=root, env=env, capture_output=True, text=True,
        )
        if process.returncode != 0:
            sys.stderr.write(process.stdout + process.stderr)
            raise SystemExit("The site does not build: nothing was recorded. Fix the errors above first.")
        return json.loads(manifest.read_text(encoding="utf-8"))


def merge(record: dict, built: dict) -> tuple[dict, int]:
    """Add what was built to the record; return (new record, number of new addresses)."""
    source = built.get("fr", {})
    added = 0
    merged = {path: dict(entry) for path, entry in record.items()}
    for path, page in source.items():
        entry = merged.setdefault(path, {"anchors": [], "paragraphs": {}})
        if not record.get(path):
            added += 1
        anchors = list(entry.get("anchors", []))
        for anchor in page["anchors"]:
            if anchor not in anchors:
                anchors.append(anchor)
                added += 1
        entry["anchors"] = anchors
        paragraphs = dict(entry.get("paragraphs") or {})
        for anchor, start in page["paragraphs"].items():
            paragraphs.setdefault(anchor, start)
        if paragraphs:
            entry["paragraphs"] = paragraphs
        else:
            entry.pop("paragraphs", None)
    return merged, added


def record_new(root: Path, built: dict) -> int:
    """Add the built addresses that are new to the record; return how many were added."""
    record_path = root / "docs" / "_data" / "permalinks.yml"
    record = yaml.safe_load(record_path.read_text(encoding="utf-8")) if record_path.exists() else {}
    # Addresses are written /like/this/ in the file, and kept without the leading / here.
    record = {str(key or "").lstrip("/"): value for key, value in (record or {}).items()}
    merged, added = merge(record, built)
    if added:
        readable = {f"/{path}": entry for path, entry in sorted(merged.items())}
        text = HEADER + yaml.safe_dump(readable, allow_unicode=True, sort_keys=False, width=100)
        partial = record_path.with_suffix(".yml.tmp")
        partial.write_text(text, encoding="utf-8")
        partial.replace(record_path)  # all or nothing
    return added


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["record"])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this one)")
    args = parser.parse_args(argv)
    added = record_new(args.root, build_manifest(args.root))
    if not added:
        print("Nothing new: every published address is already recorded.")
    else:
        print(f"{added} new address(es) recorded in docs/_data/permalinks.yml.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
