"""Themes and sectors: closed, bilingual vocabularies (docs/_data/themes.yml, sectors.yml)."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from laeken.datafiles import YamlLoader
from laeken.errors import ContentError
from laeken.languages import LANGUAGE_NAMES, LANGUAGES
from laeken.text import ENTRY_ID


def load_vocabulary(docs_dir: Path | str, kind: str) -> dict[str, dict]:
    """A closed vocabulary (docs/_data/themes.yml or sectors.yml): slug -> {lang: {name, description}}."""
    path = Path(docs_dir) / "_data" / f"{kind}.yml"
    if not path.exists():
        return {}
    return _load_vocabulary(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _load_vocabulary(path: Path, mtime_ns: int) -> dict[str, dict]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=YamlLoader) or {}
    for slug, entry in data.items():
        if not ENTRY_ID.match(str(slug)):
            raise ContentError(path, f"`{slug}` : un nom court s’écrit en minuscules, chiffres et tirets")
        for lang in LANGUAGES:
            part = entry.get(lang) if isinstance(entry, dict) else None
            if not isinstance(part, dict) or not part.get("name") or not part.get("description"):
                raise ContentError(path, f"`{slug}` : la partie {LANGUAGE_NAMES[lang]} ({lang}) doit avoir un nom (name) et une description")
    return data
