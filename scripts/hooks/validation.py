"""Hook: the content is checked whole before anything is built (laeken/validation.py):
every data file, the front matter of every page, the analyses. All the problems in one
message, each as `fichier:ligne: problème — comment corriger`, never a traceback; the other
hooks then read files known to be right."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from laeken.validation import content_problems  # noqa: E402


@event_priority(100)  # before every other hook, which would stop at the first file it reads
def on_config(config):
    errors = _errors(Path(config.docs_dir), _signature(Path(config.docs_dir)))
    if errors:
        raise PluginError(f"Le contenu a {len(errors)} problème(s) à corriger :\n"
                          + "\n".join(f"  {problem}" for problem in errors))
    return config


def _signature(docs: Path) -> tuple:
    """Name, modification time and size of every file under docs/: the check is made again
    only when one changed (each language's build asks; `mkdocs serve` rebuilds on each save)."""
    entries = sorted(str(entry) for entry in docs.rglob("*"))
    return tuple((entry, stat.st_mtime_ns, stat.st_size) for entry, stat in zip(entries, map(os.stat, entries)))


@functools.lru_cache(maxsize=2)
def _errors(docs: Path, signature: tuple) -> tuple:
    return tuple(problem for problem in content_problems(docs) if not problem.warning)
