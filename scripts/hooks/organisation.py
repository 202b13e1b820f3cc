"""Hook: what the coordination says about itself, from docs/_data/organisation.yml.

A fixed page holds a marker line `<!-- organisation:members -->` (or `activities`, `rhythm`)
where the coordination's own sentences go, in the page's language; while the field is
empty the marker leaves nothing, so that the site states no fact about the coordination
that neither it nor its analyses have written (laeken/organisation.py). Each value is
Markdown from a data file: its raw HTML shows as text (laeken/safe.py).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from laeken.organisation import TEXT_FIELDS, load_organisation  # noqa: E402
from laeken.safe import markdown_field  # noqa: E402

MARKER = re.compile(r"<!-- organisation:([\w-]+) -->")

_state: dict = {}


@event_priority(-110)  # after mkdocs-static-i18n's on_config, which sets the build's language
def on_config(config):
    _state["lang"] = config.theme["language"]
    _state["organisation"] = load_organisation(config.docs_dir)  # checked by hooks/validation.py
    return config


def on_page_markdown(markdown, page, config, files):
    if "<!-- organisation:" not in markdown:  # most pages
        return markdown
    # A Dutch page that falls back to the French text gets the French sentences.
    lang = getattr(page.file, "locale", _state["lang"])

    def fill(match):
        name = match.group(1)
        if name not in TEXT_FIELDS:
            raise PluginError(f"{page.file.src_path} : le repère « {match.group(0)} » ne correspond à aucun champ "
                              f"de docs/_data/organisation.yml — champs connus : {', '.join(TEXT_FIELDS)}")
        return markdown_field(_state["organisation"].text(name, lang))

    return MARKER.sub(fill, markdown)
