"""Hook: the language switcher leads to the same page, with no request that fails.

mkdocs-static-i18n points Material's language switcher (config.extra.alternate) at the
current page's translation, which is what readers want. But Material's base.html also
writes those links into the head as `<link rel="alternate" hreflang>`, and Material's
JavaScript treats every head `link[rel=alternate]` as a language root: it fetches
`sitemap.xml` relative to it (`new URL("sitemap.xml", link.href)` in the bundle), so
from /analyses/x/ it asks for /nl/analyses/x/sitemap.xml, which does not exist (404 on
every page but the homes). We drop those relative head links: the switcher in the header
still links each page to its translation, and search engines get the per-page hreflang
alternates from the i18n-aware sitemap.xml that mkdocs-static-i18n writes.
"""

from __future__ import annotations

import re

from mkdocs.plugins import event_priority

# The line break before it and its indentation (led by a plain character, the regex skips ahead).
HEAD_ALTERNATE = re.compile(r'\n[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


@event_priority(-110)
def on_post_page(output, page, config):
    head_end = output.find("</head>")
    return HEAD_ALTERNATE.sub("", output[:head_end]) + output[head_end:]


@event_priority(-110)  # after mkdocs-static-i18n's own rewriting of the switcher
def on_page_context(context, page, config, nav):
    """Point the switcher of every page, home pages included, at the translation's URL.

    mkdocs-static-i18n leaves the home pages' switcher on absolute paths (`/`, `/nl/`), which
    break when the site is served from a sub-path; page URLs are made relative by the theme."""
    alternates = getattr(page.file, "alternates", {})
    # mkdocs-static-i18n sets `config.extra.alternate` as an attribute, which the template reads.
    for alternate in getattr(config.extra, "alternate", None) or []:
        translation = alternates.get(alternate.get("lang"))
        if translation is not None:
            alternate["link"] = translation.url or "./"
    return context
