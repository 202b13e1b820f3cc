"""Hook: the content is checked whole before anything is built (laeken/validation.py):
every data file, the front matter of every page, the analyses. All the problems in one
message, each as `fichier:ligne: problème — comment corriger`, never a traceback; the other
hooks then read files known to be right."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from laeken.validation import content_problems  # noqa: E402


@event_priority(100)  # before every other hook, which would stop at the first file it reads
def on_config(config):
    errors = [problem for problem in content_problems(config.docs_dir) if not problem.warning]
    if errors:
        raise PluginError(f"Le contenu a {len(errors)} problème(s) à corriger :\n"
                          + "\n".join(f"  {problem}" for problem in errors))
    return config
