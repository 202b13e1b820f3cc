"""Hook: the content is checked whole before anything is built (laeken/validation.py):
every data file, the front matter of every page, the analyses. All the problems in one
message, each as `fichier:ligne: problème — comment corriger`, never a traceback; the other
hooks then read files known to be right."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from laeken.pages import docs_files, end_build, start_build  # noqa: E402
from laeken.validation import content_problems  # noqa: E402


@event_priority(100)  # before every other hook, which would stop at the first file it reads
def on_config(config):
    start_build(config.docs_dir)  # the files are looked at once for the whole build
    errors = _errors(Path(config.docs_dir), docs_files(config.docs_dir))
    if errors:  # on_build_error lets the files go
        raise PluginError(f"Le contenu a {len(errors)} problème(s) à corriger :\n"
                          + "\n".join(f"  {problem}" for problem in errors))
    return config


@event_priority(-1000)  # after every other hook
def on_post_build(config):
    end_build()


def on_build_error(error):  # MkDocs calls it for an error in any event, on_config included
    end_build()


@functools.lru_cache(maxsize=2)
def _errors(docs: Path, signature: tuple) -> tuple:
    """The check is made again only when a file under docs/ changed (`signature`): each
    language's build asks, and `mkdocs serve` rebuilds on each save."""
    return tuple(problem for problem in content_problems(docs) if not problem.warning)
