"""Our own interface strings (notices, labels), French and Dutch, from docs/_data/interface.yml."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import yaml

from laeken.datafiles import YamlLoader
from laeken.errors import ContentError
from laeken.languages import LANGUAGES


@functools.lru_cache(maxsize=None)
def _interface(path: Path, mtime: float) -> dict:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=YamlLoader) or {}
    for key, value in data.items():
        missing = [lang for lang in LANGUAGES if not (isinstance(value, dict) and value.get(lang))]
        if missing:
            raise ContentError(path, f"le texte `{key}` n’a pas de version {' / '.join(missing)}")
    return data


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
