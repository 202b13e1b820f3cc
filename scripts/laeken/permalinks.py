"""The record of published addresses, docs/_data/permalinks.yml, and the redirects of pages
that moved, docs/_data/redirects.yml. Every build checks the record (hooks/permalinks.py);
`python scripts/analyses.py publish` adds what is new to it and never removes anything."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import yaml

from laeken.datafiles import read_mapping
from laeken.errors import Problems

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


ADDRESS_PROBLEMS = (
    (re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:"), "commence par un protocole (comme https:)"),
    (re.compile(r"(^|/)\.\.?(/|$)"), "contient « .. » ou « . » comme dossier"),
    (re.compile(r"\\"), "contient une barre oblique inverse \\"),
    (re.compile(r"^//"), "commence par //"),
    (re.compile(r"[?#\s]"), "contient « ? », « # » ou une espace"),
)


def address_problem(address: str) -> str | None:
    """What makes `address` not an address of this site, or None."""
    for pattern, problem in ADDRESS_PROBLEMS:
        if pattern.search(address):
            return problem
    return None


def load_record(path: Path) -> dict:
    """docs/_data/permalinks.yml: address (without the leading /) -> {anchors, paragraphs}.
    Raises ContentError listing every problem, each with its line."""
    data = read_mapping(path, "`/adresse/:` avec ses `anchors:` en dessous")
    problems = Problems(data.problems)
    record = {}
    for key, entry in data.data.items():
        fix = "écrivez sous l’adresse `  anchors:` puis une ligne `  - id` par ancre (ou rien)"
        if entry is not None and not isinstance(entry, dict):
            problems.add(path, f"l’adresse {key} n’a pas la forme d’une entrée du registre", data.line(key), fix)
            continue
        entry = entry or {}
        anchors, paragraphs = entry.get("anchors") or [], entry.get("paragraphs") or {}
        if not isinstance(anchors, list) or not all(isinstance(anchor, (str, int)) for anchor in anchors):
            problems.add(path, f"les ancres de {key} ne sont pas une liste", data.line(key, "anchors"), fix)
            continue
        if not isinstance(paragraphs, dict):
            problems.add(path, f"les paragraphes de {key} ne sont pas une suite `pN: début du texte`",
                         data.line(key, "paragraphs"), "écrivez une ligne `  p1: premiers mots` par paragraphe")
            continue
        record["" if key in (None, "/") else str(key).lstrip("/")] = {
            **entry, "anchors": [str(anchor) for anchor in anchors], "paragraphs": paragraphs}
    problems.raise_if_errors()
    return record


class Redirects(dict):
    """Old address -> new address, both without the leading /; `lines`: old -> its line."""

    def __init__(self):
        super().__init__()
        self.lines = {}


def load_redirects(path: Path) -> Redirects:
    """docs/_data/redirects.yml: old address -> new address, both without the leading /.
    Raises ContentError listing every problem (an address that is not one of this site,
    that would leave the site's folder), each with its line."""
    data = read_mapping(path, "`/ancienne/adresse/: /nouvelle/adresse/`")
    problems = Problems(data.problems)
    redirects = Redirects()
    for key, target in data.data.items():
        fix = "écrivez une ligne `/ancienne/adresse/: /nouvelle/adresse/`, deux adresses de ce site qui commencent et finissent par /"
        for what, address in (("l’ancienne adresse", key), ("la nouvelle adresse", target)):
            if not isinstance(address, str) or not address.startswith("/"):
                problems.add(path, f"{what} « {address} » n’est pas une adresse de ce site", data.line(key), fix)
                break
            problem = address_problem(address)
            if problem:
                problems.add(path, f"{what} « {address} » {problem}", data.line(key), fix)
                break
        else:
            if key.strip("/") == "":
                problems.add(path, "la page d’accueil ne peut pas être redirigée", data.line(key), "retirez cette ligne")
                continue
            redirects[key.lstrip("/")] = target.lstrip("/")
            redirects.lines[key.lstrip("/")] = data.line(key)
    problems.raise_if_errors()
    return redirects
