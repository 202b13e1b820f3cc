"""Every problem of the content at once: the data files, the front matter of every page
against its schema (laeken/schema.py), the analyses. The build stops on the errors before
anything is built (hooks/validation.py); `check` adds what a careful editor would see."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from laeken.analyses import ANALYSES_DIR, load_analyses
from laeken.easy_read import EASY_READ_FILE, load_rules
from laeken.errors import ContentError, Problem
from laeken.glossary import load_glossary
from laeken.interface import load_interface
from laeken.organisation import load_organisation
from laeken.pages import duplicate_id_problems, front_matter_lines, read_page
from laeken.permalinks import load_record, load_redirects
from laeken.schema import Context, schema_for, validate
from laeken.vocabulary import load_vocabulary

DATA_FILES = {
    "glossary.yml": lambda docs: load_glossary(docs),
    "themes.yml": lambda docs: load_vocabulary(docs, "themes"),
    "sectors.yml": lambda docs: load_vocabulary(docs, "sectors"),
    "interface.yml": lambda docs: load_interface(docs),
    "organisation.yml": lambda docs: load_organisation(docs),
    "permalinks.yml": lambda docs: load_record(docs / "_data" / "permalinks.yml"),
    "redirects.yml": lambda docs: load_redirects(docs / "_data" / "redirects.yml"),
    EASY_READ_FILE: lambda docs: load_rules(docs),
}

# A further check of a page: (path, front matter, body) -> problems.
PageCheck = Callable[[Path, dict, str], Iterable[Problem]]


def data_problems(docs: Path) -> list[Problem]:
    """Every problem of every data file under docs/_data/."""
    found = []
    for name, load in DATA_FILES.items():
        if (docs / "_data" / name).exists():
            try:
                load(docs)
            except ContentError as error:
                found += error.problems
    return found


def pages(docs: Path) -> list[Path]:
    """Every Markdown page of the site (not under _data/ or a hidden folder)."""
    return [path for path in sorted(docs.rglob("*.md"))
            if not path.relative_to(docs).parts[0].startswith(("_", "."))]


def content_problems(docs: Path | str, strict: bool = False, page_checks: tuple[PageCheck, ...] = ()) -> list[Problem]:
    """Every problem of the content, each once. `strict` (check): missing recommended
    fields are errors, unknown fields warnings; `page_checks` look further into each page."""
    docs = Path(docs)
    found = data_problems(docs)
    try:
        themes = load_vocabulary(docs, "themes")
    except ContentError:
        themes = {}
    root = docs / ANALYSES_DIR
    folders = frozenset(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else frozenset()
    for path in pages(docs):
        relative = path.relative_to(docs)
        folder = relative.parts[1] if len(relative.parts) == 3 and relative.parts[0] == ANALYSES_DIR else ""
        try:
            meta, body = read_page(path)
        except ContentError as error:
            found += error.problems
            continue
        context = Context(folder=folder, folders=folders, themes=themes)
        found += validate(path, schema_for(relative), meta, front_matter_lines(path), context, strict=strict)
        found += duplicate_id_problems(path, body)  # the second heading could never be linked to
        for check in page_checks:
            found += check(path, meta, body)
    try:
        load_analyses(docs)
    except ContentError as error:
        found += error.problems
    return list(dict.fromkeys(found))  # the analyses and the page scan may both see one
