"""Hook: text from files is data, never markup, on every page (scripts/laeken/safe.py).

- Whatever Markdown renders, the pages' own text as well as what hooks write from data
  files: no `javascript:`, `vbscript:` or `data:` link and no event-handler attribute.
  (A link pasted from elsewhere, or written in a summary, stays as its text.)
- Page titles, descriptions and subtitles from front matter (and from the hooks' generated
  pages) are escaped: MkDocs and Material treat them as HTML in the menu, `<title>`, the
  header, the meta description and the search index.
- Material gives a title that its menu or header shortens a `title` of its text: the
  browser shows it as text (Material's own tooltips, content.tooltips, which would show it
  as HTML, are off).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from laeken.safe import SafeMarkdownExtension, html_title  # noqa: E402

# Front-matter fields that Material writes into the page as they are.
HTML_TEXT_FIELDS = ("title", "description", "subtitle", "author")


def on_config(config):
    if not any(isinstance(ext, SafeMarkdownExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(SafeMarkdownExtension())
    return config


# Last: after the hooks that set a page's description (scripts/hooks/citation.py). Every
# page is read before any is put in its template, so the menu of each page sees every title escaped.
@event_priority(-200)
def on_page_markdown(markdown, page, config, files):
    for name in HTML_TEXT_FIELDS:
        value = page.meta.get(name)
        if isinstance(value, str):
            page.meta[name] = html_title(value)
    return markdown

