"""Themes and sectors: closed, bilingual vocabularies (docs/_data/themes.yml, sectors.yml)."""

from __future__ import annotations

import functools
from pathlib import Path

from laeken.datafiles import blank, read_mapping
from laeken.errors import Problems
from laeken.languages import LANGUAGE_NAMES, LANGUAGES
from laeken.text import ENTRY_ID

VOCABULARY_FIELDS = ("name", "description")


def load_vocabulary(docs_dir: Path | str, kind: str) -> dict[str, dict]:
    """A closed vocabulary (docs/_data/themes.yml or sectors.yml): slug -> {lang: {name, description}}.
    Raises ContentError listing every problem of the file."""
    path = Path(docs_dir) / "_data" / f"{kind}.yml"
    try:
        stat = path.stat()  # once: hooks ask on every page
    except FileNotFoundError:
        return {}
    return _load_vocabulary(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _load_vocabulary(path: Path, mtime_ns: int, size: int) -> dict[str, dict]:
    data = read_mapping(path, "`nom-court:` avec une partie `fr:` et une partie `nl:` (name, description)")
    problems = Problems(data.problems)
    for slug, entry in data.data.items():
        line = data.line(slug)
        if not ENTRY_ID.match(str(slug)):
            problems.add(path, f"`{slug}` n’est pas un nom court valable", line,
                         "un nom court s’écrit en minuscules, chiffres et tirets, comme `sante-mentale`")
        if not isinstance(entry, dict):
            problems.add(path, f"`{slug}` n’a ni partie `fr:` ni partie `nl:`", line,
                         "écrivez en dessous `  fr:` et `  nl:`, chacune avec `name:` et `description:`")
            continue
        for lang in LANGUAGES:
            part = entry.get(lang)
            name = f"la partie {LANGUAGE_NAMES[lang]} ({lang})"
            if not isinstance(part, dict):
                problems.add(path, f"`{slug}` : {name} manque", data.line(slug, lang),
                             f"ajoutez `{lang}:` avec `name:` et `description:` en dessous")
                continue
            for field_name in VOCABULARY_FIELDS:
                value = part.get(field_name)
                if blank(value) or not isinstance(value, str):
                    problems.add(path, f"`{slug}` : dans {name}, `{field_name}` est vide ou n’est pas un texte",
                                 data.line(slug, lang, field_name), f"écrivez `{field_name}: <texte>`")
        for extra in sorted(set(entry) - set(LANGUAGES), key=str):
            problems.add(path, f"`{slug}` : partie inconnue `{extra}`", data.line(slug, extra),
                         f"seulement {' et '.join(LANGUAGES)}")
    problems.raise_if_errors()
    return data.data


TERM_FOLDERS = {"themes": "themes", "sectors": "secteurs"}  # vocabulary -> URL folder
LATEST = "derniere"  # /<folder>/<slug>/derniere/ leads to the newest publication on the term


def latest_addresses(docs_dir: Path | str) -> list[str]:
    """The address (without the leading / and the language) of each theme's and sector's
    latest publication page, written by scripts/hooks/themes.py: a promise like a page's."""
    return [f"{folder}/{slug}/{LATEST}/" for kind, folder in TERM_FOLDERS.items()
            for slug in load_vocabulary(docs_dir, kind)]
