"""Our own interface strings (notices, labels), French and Dutch, from docs/_data/interface.yml."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from laeken.datafiles import blank, read_mapping
from laeken.errors import Problems
from laeken.languages import LANGUAGE_NAMES, LANGUAGES


@functools.lru_cache(maxsize=None)
def _interface(path: Path, mtime: float) -> dict:
    data = read_mapping(path, "`clé:` avec une ligne `fr:` et une ligne `nl:`")
    problems = Problems(data.problems)
    for key, value in data.data.items():
        if not isinstance(value, dict):
            problems.add(path, f"le texte `{key}` doit avoir une ligne par langue", data.line(key),
                         "écrivez en dessous `  fr: ...` et `  nl: ...`")
            continue
        for lang in LANGUAGES:
            text = value.get(lang)
            if blank(text) or not isinstance(text, (str, list)) or (
                    isinstance(text, list) and any(blank(item) or not isinstance(item, str) for item in text)):
                problems.add(path, f"le texte `{key}` n’a pas de version {lang} ({LANGUAGE_NAMES[lang]})",
                             data.line(key, lang), f"ajoutez sous `{key}:` la ligne `  {lang}: <texte>`")
        for extra in sorted(set(value) - set(LANGUAGES), key=str):
            problems.add(path, f"le texte `{key}` a une langue inconnue `{extra}`", data.line(key, extra),
                         f"seulement {' et '.join(LANGUAGES)}")
    problems.raise_if_errors()
    return data.data


def load_interface(docs_dir: Path | str) -> dict:
    """Read and check docs/_data/interface.yml; raises ContentError listing every problem."""
    path = os.path.join(docs_dir, "_data", "interface.yml")
    return _interface(Path(path), os.stat(path).st_mtime)


def interface_strings(docs_dir: Path | str, lang: str) -> dict[str, str]:
    """Our own interface strings (notices, labels) in `lang`, from docs/_data/interface.yml.
    Shared between callers (hooks ask for them on every page): read it, never change it."""
    path = os.path.join(docs_dir, "_data", "interface.yml")
    return _interface_in(path, os.stat(path).st_mtime, lang)


def interface_by_language(docs_dir: Path | str) -> dict[str, dict[str, str]]:
    """interface_strings of every language: hooks take them once per build (on_config), as a
    page asks for them several times."""
    return {lang: interface_strings(docs_dir, lang) for lang in LANGUAGES}


@functools.lru_cache(maxsize=8)
def _interface_in(path: str, mtime: float, lang: str) -> dict[str, str]:
    return {key: value[lang] for key, value in _interface(Path(path), mtime).items()}
