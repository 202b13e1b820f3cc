"""Text from files is data, never markup: helpers that escape or sanitise it where it lands.

Shared by the hooks (scripts/hooks/) and the importers (scripts/importers/):
- markdown_text: a plain-text value (a title, a name, an author) put into Markdown that a
  hook writes: it shows as typed, nothing in it becomes markup;
- markdown_field: a Markdown value (a summary, a definition, a description) put into such
  Markdown: its Markdown is kept, its raw HTML shows as text;
- markdown_url: a web address from a data file as the target of a Markdown link;
- html_title: a plain-text value where MkDocs and Material expect a title in HTML (the
  menu, `<title>`, the header, the search index);
- json_in_html: JSON to put inside a `<script>` element (JSON-LD);
- unsafe_url and SafeMarkdownExtension: no `javascript:`, `vbscript:` or `data:` link and
  no event-handler attribute (`onclick`...) in anything Markdown renders.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

# Python-Markdown's own list of the characters it reads as markup (Markdown.ESCAPED_CHARS):
# a backslash before each makes it plain text, and the reader sees the same character.
# (Not `>`: markdown_text writes it as `&gt;`, which a backslash would not escape.)
MARKDOWN_CHARS = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
# Browsers skip white space and control characters inside a URL's scheme (`java\tscript:`).
IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "cite")


LINE_BREAK = re.compile(r"\s*[\r\n]\s*")


def one_line(text) -> str:
    """A value on one line: each line break, with the spaces around it, as one space (a
    no-break space elsewhere stays: French puts one before `:`)."""
    return LINE_BREAK.sub(" ", str(text)).strip(" \t\r\n")


def markdown_text(text) -> str:
    """Plain text for Markdown written by a hook: on one line (a line break could start a
    heading or end an attribute list), each Markdown character escaped with a backslash,
    `<` and `&` as character references (no raw HTML). Renders exactly as typed."""
    return html.escape(MARKDOWN_CHARS.sub(r"\\\1", one_line(text)), quote=False)


def markdown_field(text) -> str:
    """A Markdown value from a data file, for Markdown written by a hook: emphasis, links and
    paragraphs are kept; raw HTML (`<script>`, `<img onerror=…>`, comments) shows as text.
    Only `<` starts raw HTML in Markdown, so only `<` is written as a reference: `&…;`
    references stay text as in the pages' own Markdown, and `>` still starts a quote.
    (`<https://…>` written in angle brackets shows as text too: write `[text](https://…)`.)
    Links and attributes are then made safe by SafeMarkdownExtension, as in every page."""
    return str(text).replace("<", "&lt;")


def markdown_url(url) -> str:
    """A web address as the target of a Markdown link: spaces, parentheses, angle brackets,
    quotes and other characters that could end the link are percent-encoded (a reader's
    browser decodes them the same)."""
    return quote(str(url).strip(), safe=":/?#[]@!$&'*+,;=%~")


def html_title(text) -> str:
    """A plain-text title for MkDocs and Material, which treat titles as HTML (the menu,
    `<title>`, the header, the search index show them without escaping): on one line, escaped."""
    return html.escape(one_line(text))


def json_in_html(value) -> str:
    """JSON for a `<script>` element: `<`, `>` and `&` as \\u escapes, so that no `</script>`
    or `<!--` in a string can end or change the element; any JSON reader gets the same text.
    Compact: Python's JSON writer is pure Python (slow) as soon as it indents."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def unsafe_url(url: str) -> bool:
    """Whether a link or source address runs code or hides a document (javascript:,
    vbscript:, data:), as a browser reads it: character references decoded, white space
    and control characters ignored, in any case."""
    plain = IGNORED_IN_SCHEME.sub("", html.unescape(url)).lower()
    return plain.startswith(UNSAFE_SCHEMES)


class DropUnsafeAttributes(Treeprocessor):
    """Every element Markdown makes: event-handler attributes (`onclick`, set through an
    attribute list `{ onclick=… }`) are dropped; a link or image with an unsafe address (a
    `[link](javascript:…)`) becomes a plain `<span>` holding its text (MkDocs expects every
    link and image to have an address)."""

    def run(self, root):
        for element in root.iter():
            if not element.attrib:  # most elements: nothing to look at (this runs on every page)
                continue
            for name in [name for name in element.attrib if name.lower().startswith("on")]:
                del element.attrib[name]
            if any(unsafe_url(element.attrib[name]) for name in URL_ATTRIBUTES if name in element.attrib):
                for name in URL_ATTRIBUTES:
                    element.attrib.pop(name, None)
                if element.tag in ("a", "img"):
                    if element.tag == "img":
                        element.text = element.attrib.pop("alt", "")
                    element.tag = "span"


class SafeMarkdownExtension(Extension):
    def extendMarkdown(self, md):
        # After the links (inline, 20) and attribute lists (attr_list, 8) are made; before
        # MkDocs reads the page's title (1) and checks its links (0).
        md.treeprocessors.register(DropUnsafeAttributes(md), "drop_unsafe_attributes", 2)
