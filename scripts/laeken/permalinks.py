"""The record of published addresses, docs/_data/permalinks.yml, and the redirects of pages
that moved, docs/_data/redirects.yml. Every build checks the record (hooks/permalinks.py);
`python scripts/analyses.py publish` adds what is new to it and never removes anything."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from laeken.datafiles import YamlLoader

HEADER = """\
# Every published page of the site (its address without /nl/: the same in both languages),
# with its anchors: heading ids and numbered paragraphs (§). Each build checks that they all
# still exist. For each paragraph, the first words of the French text show when numbers move.
# Added by `python scripts/analyses.py publish`; never remove a line:
# readers have cited these addresses. A page that moves gets a line in redirects.yml.
"""


def merge(record: dict, built: dict) -> tuple[dict, list[str]]:
    """Add what was built to the record; return (new record, the new addresses, as `/page/#anchor`)."""
    source = built.get("fr", {})
    added = []
    merged = {path: dict(entry) for path, entry in record.items()}
    for path, page in source.items():
        entry = merged.setdefault(path, {"anchors": [], "paragraphs": {}})
        if not record.get(path):
            added.append(f"/{path}")
        anchors = list(entry.get("anchors", []))
        for anchor in page["anchors"]:
            if anchor not in anchors:
                anchors.append(anchor)
                added.append(f"/{path}#{anchor}")
        entry["anchors"] = anchors
        paragraphs = dict(entry.get("paragraphs") or {})
        for anchor, start in page["paragraphs"].items():
            paragraphs.setdefault(anchor, start)
        if paragraphs:
            entry["paragraphs"] = paragraphs
        else:
            entry.pop("paragraphs", None)
    return merged, added


def record_path(root: Path) -> Path:
    return root / "docs" / "_data" / "permalinks.yml"


def record_new(root: Path, built: dict) -> tuple[str | None, list[str]]:
    """(the record's new text, or None when nothing is new; the new addresses). Writes nothing:
    `publish` writes the text with write_record once the new site is in place."""
    path = record_path(root)
    record = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    # Addresses are written /like/this/ in the file, and kept without the leading / here.
    record = {str(key or "").lstrip("/"): value for key, value in (record or {}).items()}
    merged, added = merge(record, built)
    if not added:
        return None, added
    readable = {f"/{path}": entry for path, entry in sorted(merged.items())}
    return HEADER + yaml.safe_dump(readable, allow_unicode=True, sort_keys=False, width=100), added


def write_record(root: Path, text: str) -> None:
    """Replace the record in one step: readers see the old file or the new one, never a part."""
    path = record_path(root)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=".permalinks.",
                                     suffix=".tmp", delete=False) as partial:
        try:
            partial.write(text)
            partial.flush()
            os.fsync(partial.fileno())
            os.chmod(partial.name, mode)  # a temporary file is private (0600); the record is not
            os.replace(partial.name, path)
        except BaseException:
            os.unlink(partial.name)
            raise


def load_yaml(path: Path) -> dict:
    if not path.exists():
        return {}
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=YamlLoader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise PluginError(f"Permanent links: {path}:{mark.line + 1 if mark else ''}: not valid YAML") from None
    if not isinstance(data, dict):
        raise PluginError(f"Permanent links: {path}: expected `address: ...` lines")
    return {("" if key in (None, "/") else str(key).lstrip("/")): value for key, value in data.items()}
