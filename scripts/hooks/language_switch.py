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

HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


@event_priority(-110)
def on_post_page(output, page, config):
    head_end = output.find("</head>")
    return HEAD_ALTERNATE.sub("", output[:head_end]) + output[head_end:]
