"""Writing the site's Markdown: the one writer both importers (Word and OCR) use.

Text from a document is escaped, never replaced: what the reader sees stays the same, and
nothing in it is read as markup or as HTML (raw HTML from a document stays text). Paragraphs
are hard-wrapped around 90 characters, and a line never starts with what Markdown would
read as markup (list, quote, heading, admonition, setext underline...).
"""

from __future__ import annotations

import re

from laeken.drafts import SECTOR_PENDING_CLASS
from laeken.text import protect_line_start, slugify

__all__ = [
    "BREAK", "PROTECTED", "RESERVED_IDS", "WIDTH", "escape", "heading", "one_line", "paragraph",
    "trim", "unique_id", "url", "wrap",
]

WIDTH = 90  # the site's Markdown is hard-wrapped around 90 characters
PROTECTED = "\x00"  # a space that must not become a line break (alt text)
BREAK = "\x01"  # a forced line break (Word's Shift+Enter), written as <br>
# Ids the site's pages already use (the "Pour citer" box): a heading never takes them.
RESERVED_IDS = frozenset({"citer", "cite-reference"})

# A line that starts like this would be read as markup (list, quote, heading, definition,
# setext underline, admonition, table...): the wrapping never starts a line with such a word.
_RISKY_WORD = re.compile(r"^(?:[-+*:]$|[-=]+$|\d+[.)]$|[>#|~]|!!!|\?\?\?|<(?!br>))")
_MARKUP = re.compile(r"([`*_\[\]{}|])")


def escape(text: str) -> str:
    """Escape what Markdown (and the site's extensions) would read as markup or HTML; the
    text shown stays the same."""
    text = text.replace("\\", "\\\\")
    text = _MARKUP.sub(r"\\\1", text)
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    text = text.replace("<", "&lt;")  # raw HTML from a document is never HTML on the site
    # pymdownx.smartsymbols would turn (c), (r), (tm) into ©, ®, ™: an enumeration "(c)" must stay.
    return re.sub(r"\((?=(?:c|r|tm)\))", r"\\(", text, flags=re.IGNORECASE)


def url(address: str) -> str:
    """A link or image address that cannot end the Markdown link early."""
    for char, code in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"), ("|", "%7C")):
        address = address.replace(char, code)
    return address


def wrap(text: str, width: int = WIDTH, first: str = "", rest: str = "") -> str:
    """Hard-wrap inline Markdown: `first` and `rest` prefix the first and following lines;
    BREAK becomes `<br>` and a line after it is protected as a line start."""
    lines: list[str] = []
    segments = text.split(BREAK)
    for index, segment in enumerate(segments):
        words = [word for word in segment.split(" ") if word]
        if index < len(segments) - 1:
            if words:
                words[-1] += "<br>"
            else:
                words = ["<br>"]
        if not words:
            continue
        if lines:  # a line after a forced break is a line start too
            words[0] = protect_line_start(words[0])
        prefix = first if not lines else rest
        line = prefix + words[0]
        for word in words[1:]:
            if len(line) + 1 + len(word) > width and len(line) > len(prefix) and not _RISKY_WORD.match(word):
                lines.append(line)
                line = rest + word
            else:
                line += " " + word
        lines.append(line)
    if not lines:
        return first.rstrip()
    return "\n".join(lines).replace(PROTECTED, " ")


def paragraph(text: str, width: int = WIDTH, first: str = "", rest: str = "") -> str:
    """A paragraph of inline Markdown (already escaped), protected at its start and wrapped."""
    return wrap(protect_line_start(text), width, first, rest)


def heading(level: int, text: str, heading_id: str, sector: str | None = None, sector_pending: bool = False) -> str:
    """`## Text { #id }`, with `data-sector` for a sector section, or the class that marks a
    section waiting for its sector (the page is a draft meanwhile, see laeken/drafts.py);
    `text` is inline Markdown."""
    text = protect_line_start(text) if text[:1] == "#" else text
    attributes = f"#{heading_id}" + (f' data-sector="{sector}"' if sector else "")
    attributes += f" .{SECTOR_PENDING_CLASS}" if sector_pending else ""
    return f"{'#' * level} {text} {{ {attributes} }}"


def unique_id(text: str, used: set) -> str:
    """An id for a heading from its text: ASCII, not reserved, not in `used` (then added)."""
    slug = base = slugify(text)
    number = 2
    while slug in used or slug in RESERVED_IDS:
        slug = f"{base}-{number}"
        number += 1
    used.add(slug)
    return slug


def trim(text: str) -> str:
    """Without the spaces and forced line breaks at the start and the end of a paragraph."""
    return text.strip(" " + BREAK)


def one_line(text: str) -> str:
    return re.sub(r" +", " ", text.replace(BREAK, " ").replace(PROTECTED, " ")).strip()
