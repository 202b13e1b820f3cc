"""Reading a Markdown page: front matter, headings, sector sections; localised file names."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from laeken.datafiles import parse_yaml
from laeken.errors import ContentError, Problem

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*\n", re.DOTALL)
HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.+?)[ \t]*$", re.MULTILINE)
ATTR_LIST = re.compile(r"[ \t]*\{:?(?P<attrs>[^}]*)\}[ \t]*$")
HEADING_ID = re.compile(r"(?:^|\s)#(?P<id>[\w-]+)")


# The files under docs/ as the current build found them (hooks/validation.py takes them when a
# build starts and lets them go when it ends): each build stats them once, however many times its
# hooks ask for the analyses or the drafts, and a file saved between two builds is always seen.
_build_files: dict[str, tuple] = {}


def docs_files(docs_dir: Path | str) -> tuple[tuple[str, int, int], ...]:
    """(path, modification time, size) of every file under docs_dir: what the caches of the
    content (validation, analyses, drafts) are keyed on."""
    docs = os.fspath(docs_dir)
    found = _build_files.get(docs)
    return found if found is not None else _scan(docs)


def start_build(docs_dir: Path | str) -> None:
    """A build starts: docs_files answers from one look at the files until end_build."""
    docs = os.fspath(docs_dir)
    _build_files.clear()
    _build_files[docs] = _scan(docs)


def end_build() -> None:
    _build_files.clear()


def _scan(folder: str) -> tuple[tuple[str, int, int], ...]:
    found = []
    folders = [folder]
    while folders:
        try:
            entries = os.scandir(folders.pop())
        except (FileNotFoundError, NotADirectoryError):
            continue  # no docs/ (yet): nothing to key on
        with entries:
            for entry in entries:
                if entry.is_dir():  # symbolic links followed, as MkDocs does
                    folders.append(entry.path)
                else:
                    stat = entry.stat()
                    found.append((entry.path, stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(found))


def read_page(path: Path) -> tuple[dict, str]:
    """Return (front matter, body) of a Markdown page; an error names the file and line."""
    meta, body, _ = _cached_page(path)
    return dict(meta), body


def front_matter_lines(path: Path) -> dict:
    """The line in the file of each field of a page's front matter."""
    return dict(_cached_page(path)[2])


def page_text(path: Path) -> str:
    """The whole text of a page, front matter included (read once while the file is unchanged)."""
    path = path if isinstance(path, Path) else Path(path)
    stat = os.stat(path)
    return _read_text(path, stat.st_mtime_ns, stat.st_size)


def _cached_page(path: Path) -> tuple[dict, str, dict]:
    # Keyed on the same Path object whenever possible: Path(path) would parse it again.
    path = path if isinstance(path, Path) else Path(path)
    stat = os.stat(path)
    return _read_page(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4096)
def _read_text(path: Path, mtime_ns: int, size: int) -> str:
    return path.read_text(encoding="utf-8")


@functools.lru_cache(maxsize=4096)
def _read_page(path: Path, mtime_ns: int, size: int) -> tuple[dict, str, dict]:
    # Cached by modification time: hooks and tools read the same pages many times per build.
    text = _read_text(path, mtime_ns, size)
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text, {}
    front = parse_yaml(path, match.group("yaml") or "", first_line=2, what="l’en-tête (front matter)")  # line 1 is the opening ---
    if front.data is None:
        return {}, text[match.end():], {}
    if not isinstance(front.data, dict):
        raise ContentError(path, "l’en-tête n’est pas une suite de lignes `champ: valeur`", 2,
                           "écrivez une ligne par champ, comme `title: \"Titre\"`, sans « - » devant")
    lines = {key[0]: line for key, line in front.lines.items() if len(key) == 1}
    return front.data, text[match.end():], lines


def headings(body: str) -> list[tuple[int, str, str | None]]:
    """(level, text without its attribute list, explicit id or None) of each ATX heading."""
    return [heading[1:] for heading in _headings(body)]


def heading_lines(body: str) -> list[tuple[int, int, str, str | None]]:
    """(line in the body, level, text, explicit id or None) of each ATX heading."""
    return list(_headings(body))


@functools.lru_cache(maxsize=1024)
def _headings(body: str) -> tuple[tuple[int, int, str, str | None], ...]:
    found = []
    in_fence = False
    fenced = "```" in body or "~~~" in body  # else no line opens a fence: not looked for
    for number, line in enumerate(body.splitlines(), start=1):
        if fenced and line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = None if in_fence or not line.startswith("#") else HEADING.match(line)
        if not match:
            continue
        text, heading_id = match.group("text"), None
        attrs = ATTR_LIST.search(text)
        if attrs:
            text = text[: attrs.start()]
            id_match = HEADING_ID.search(attrs.group("attrs"))
            heading_id = id_match.group("id") if id_match else None
        found.append((number, len(match.group("hashes")), text.strip(), heading_id))
    return tuple(found)


def duplicate_ids(body: str) -> list[tuple[int, str, int]]:
    """(line, id, line of its first use) of each heading whose explicit id an earlier
    heading of the page already has: the second could never be linked to."""
    first, found = {}, []
    for number, _, _, heading_id in _headings(body):
        if heading_id and heading_id in first:
            found.append((number, heading_id, first[heading_id]))
        first.setdefault(heading_id, number)
    return found


def duplicate_id_problems(path: Path, body: str) -> list[Problem]:
    """duplicate_ids as problems of the page at `path`."""
    return [
        Problem(path, f"l’identifiant {{ #{heading_id} }} est déjà celui du titre de la ligne {file_line(path, body, first)}",
                file_line(path, body, line), "donnez à chaque titre de la page un identifiant différent")
        for line, heading_id, first in duplicate_ids(body)
    ]


SECTOR_ATTR = re.compile(r'data-sector="(?P<sector>[^"]*)"')


def sector_sections(body: str) -> list[tuple[int, str, str | None, str]]:
    """(line, heading text, id, sector) of each heading that carries `data-sector="..."`."""
    return list(_sector_sections(body))


@functools.lru_cache(maxsize=1024)
def _sector_sections(body: str) -> tuple[tuple[int, str, str | None, str], ...]:
    found = []
    if 'data-sector="' not in body:  # the cheap answer of most pages
        return ()
    for number, line in enumerate(body.splitlines(), start=1):
        match = HEADING.match(line) if line.startswith("#") else None
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
