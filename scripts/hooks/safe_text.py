"""Hook: text from files is data, never markup, on every page (scripts/laeken/safe.py).

- Whatever Markdown renders, the pages' own text as well as what hooks write from data
  files: no `javascript:`, `vbscript:` or `data:` link and no event-handler attribute.
  (A link pasted from elsewhere, or written in a summary, stays as its text.)
- Page titles, descriptions and subtitles from front matter (and from the hooks' generated
  pages) are escaped: MkDocs and Material treat them as HTML in the menu, `<title>`, the
  header, the meta description and the search index.
- Material makes a tooltip of a shortened title's text (menu, header) and shows it as HTML:
  a page whose menu or header holds a title with `<` gets a small script that escapes it
  (docs/assets/javascripts/shortened-titles.js); other pages are left as they are.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from laeken.safe import SafeMarkdownExtension, html_title  # noqa: E402

# Front-matter fields that Material writes into the page as they are.
HTML_TEXT_FIELDS = ("title", "description", "subtitle", "author")
# A title in Material's menu or header (which it may shorten) holding a `<`, however written.
SHORTENED_TITLE_WITH_MARKUP = re.compile(r'<span class="md-ellipsis">[^<]*?&(?:lt|#0*60|#x0*3c);', re.IGNORECASE)
# Material's own script, whose address from the page (Dutch pages and the 404 page differ) ours shares.
MATERIAL_BUNDLE = re.compile(r'<script src="([^"]*)assets/javascripts/bundle\.[^"]*"></script>\n?')
SHORTENED_TITLES_SCRIPT = "assets/javascripts/shortened-titles.js"


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


def on_post_page(output, page, config):
    if not SHORTENED_TITLE_WITH_MARKUP.search(output):  # most pages: one search, nothing to do
        return output
    bundle = MATERIAL_BUNDLE.search(output)  # no Material script, no tooltip
    if bundle is None:
        return output
    script = f'<script src="{bundle.group(1)}{SHORTENED_TITLES_SCRIPT}"></script>\n'
    return output[: bundle.end()] + script + output[bundle.end():]
