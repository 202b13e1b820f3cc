"""Hook: French text set the French way on every page (scripts/laeken/typography.py).

Authors type ordinary spaces; the built pages carry a no-break space before `; : ! ?` and
`»` and after `«` in their French text, wherever it comes from: the analyses and fixed
pages, the glossary, interface strings, generated lists, templates, the print page (and so
its PDF, which WeasyPrint renders from it), and French passages of Dutch pages. Dutch text
is left as written.

Twice per page, both cheap: on the page's content, last, so that the search index (made
from it) and the print page (made of the chapters' content) have it; then on the whole
page, for what templates and the later hooks (glossary definitions, citation buttons) add.
The French Atom feeds get it in scripts/hooks/themes.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from laeken.typography import french_html  # noqa: E402

_settled: dict[str, str] = {}  # each page's content as set on_page_content, until its on_post_page


# After every hook that writes into the content (the draft banner is at -200) and after
# scripts/hooks/permalinks.py has recorded each paragraph's first words as the author wrote
# them; before Material's search plugin indexes the page (on_page_context).
@event_priority(-250)
def on_page_content(html_text, page, config, files):
    # A Dutch page that has no translation yet shows the French file: its own language.
    content = french_html(html_text, getattr(page.file, "locale", config.theme["language"]))
    _settled[page.file.src_uri] = content
    return content


@event_priority(-250)  # last: after the hooks that add text to the page (-110)
def on_post_page(output, page, config):
    # The content set above, if no hook has changed it since (the print page's is made
    # later), is in the page as it was: only what surrounds it is left to set.
    content = page.content or ""
    unchanged = _settled.pop(page.file.src_uri, None) == content and len(content) > 200
    start = output.find(content) if unchanged else -1
    settled = (start, start + len(content)) if start >= 0 else None
    return french_html(output, config.theme["language"], settled)


def on_post_template(output, template_name, config):
    """The 404 page (a template, not a page), which speaks both languages, each marked."""
    return french_html(output, config.theme["language"]) if template_name.endswith(".html") else output
