"""Reading a Markdown page: front matter, headings, sector sections; localised file names."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from laeken.datafiles import YamlLoader
from laeken.errors import ContentError

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*\n", re.DOTALL)
HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.+?)[ \t]*$", re.MULTILINE)
ATTR_LIST = re.compile(r"[ \t]*\{:?(?P<attrs>[^}]*)\}[ \t]*$")
HEADING_ID = re.compile(r"(?:^|\s)#(?P<id>[\w-]+)")


def read_page(path: Path) -> tuple[dict, str]:
    """Return (front matter, body) of a Markdown page; an error names the file and line."""
    path = Path(path)
    stat = path.stat()
    meta, body = _read_page(path, stat.st_mtime_ns, stat.st_size)
    return dict(meta), body


@functools.lru_cache(maxsize=4096)
def _read_page(path: Path, mtime_ns: int, size: int) -> tuple[dict, str]:
    # Cached by modification time: hooks and tools read the same pages many times per build.
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.load(match.group("yaml") or "", Loader=YamlLoader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else None  # +1 for 1-based, +1 for the opening ---
        raise ContentError(path, f"l’en-tête (front matter) n’est pas du YAML valide ({error.problem})", line)
    if not isinstance(meta, dict):
        raise ContentError(path, "l’en-tête doit être une liste de lignes `champ: valeur`", 2)
    return meta, text[match.end():]


def headings(body: str) -> list[tuple[int, str, str | None]]:
    """(level, text without its attribute list, explicit id or None) of each ATX heading."""
    return list(_headings(body))


@functools.lru_cache(maxsize=1024)
def _headings(body: str) -> tuple[tuple[int, str, str | None], ...]:
    found = []
    in_fence = False
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = None if in_fence else HEADING.match(line)
        if not match:
            continue
        text, heading_id = match.group("text"), None
        attrs = ATTR_LIST.search(text)
        if attrs:
            text = text[: attrs.start()]
            id_match = HEADING_ID.search(attrs.group("attrs"))
            heading_id = id_match.group("id") if id_match else None
        found.append((len(match.group("hashes")), text.strip(), heading_id))
    return tuple(found)


SECTOR_ATTR = re.compile(r'data-sector="(?P<sector>[^"]*)"')


def sector_sections(body: str) -> list[tuple[int, str, str | None, str]]:
    """(line, heading text, id, sector) of each heading that carries `data-sector="..."`."""
    return list(_sector_sections(body))


@functools.lru_cache(maxsize=1024)
def _sector_sections(body: str) -> tuple[tuple[int, str, str | None, str], ...]:
    found = []
    for number, line in enumerate(body.splitlines(), start=1):
        match = HEADING.match(line)
        attrs = ATTR_LIST.search(match.group("text")) if match else None
        sector = SECTOR_ATTR.search(attrs.group("attrs")) if attrs else None
        if sector:
            id_match = HEADING_ID.search(attrs.group("attrs"))
            text = match.group("text")[: attrs.start()].strip()
            found.append((number, text, id_match.group("id") if id_match else None, sector.group("sector")))
    return tuple(found)



def file_line(path: Path, body: str, line: int) -> int:
    """The line in the file of line `line` of its body (after the front matter)."""
    return line + len(path.read_text(encoding="utf-8").splitlines()) - len(body.splitlines())



def localized(path_without_suffix: Path, lang: str) -> Path:
    """`chapter` + `nl` -> `chapter.nl.md`."""
    return path_without_suffix.with_name(f"{path_without_suffix.name}.{lang}.md")
