"""Text helpers shared by the hooks, the importers and the tools: slugs, line starts, plain text, sorting."""

from __future__ import annotations

import re
import unicodedata

# The shape of every short name (slug): vocabularies, glossary ids, folders.
ENTRY_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

SLUG_MAX = 60


def slugify(text: str, fallback: str = "section") -> str:
    """An id or URL segment from a title: ASCII lower case, digits and dashes, cut at a word
    under SLUG_MAX characters. Never `p<number>`: the site numbers paragraphs #p1, #p2..."""
    for char, ascii_form in (("œ", "oe"), ("Œ", "OE"), ("æ", "ae"), ("Æ", "AE"), ("ß", "ss"), ("’", "-")):
        text = text.replace(char, ascii_form)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0]
    if re.fullmatch(r"p\d+", slug):
        slug += "-section"
    return slug or fallback


def protect_line_start(text: str) -> str:
    """Escape the start of a block (or of a line after a forced break) that Markdown would
    read as markup: list, heading, quote, admonition, definition, setext underline, fence.
    With escapes and character references only: what the reader sees stays the same.
    (The importers write every paragraph through it.)"""
    match = re.match(r"\d+(?=[.)](?: |$))", text)
    if match:
        return text[: match.end()] + "\\" + text[match.end():]
    if re.match(r"[-+*](?: |$)|[>#]|!!!", text):
        return "\\" + text
    if re.match(r":(?: |$)", text):
        return "&#58;" + text[1:]
    if re.match(r"=+(?: |$)", text):
        return "&#61;" + text[1:]
    if text.startswith(("~~~", "???")):
        return {"~": "&#126;", "?": "&#63;"}[text[0]] + text[1:]
    return text


INLINE_MARKUP = re.compile(r"\{:?[^}]*\}|[*_`]+|\\(?=[^\w\s])")


def plain_text(text: str) -> str:
    """A heading's Markdown as plain text: without emphasis, code marks, attribute lists
    and escapes (`*espaces*{ lang="fr" }` -> `espaces`)."""
    return INLINE_MARKUP.sub("", text)



def sort_key(text: str) -> str:
    """Alphabetical order as a reader expects it: accents and case ignored (é = e)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
