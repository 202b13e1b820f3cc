"""Inline runs: text, bold, italic, links, notes calls, superscript... as inline Markdown."""

from __future__ import annotations

import re

from importers.docx.tree import Node, text_of
from importers.markdown import BREAK, escape, one_line, trim, url

_SPACES = re.compile(r"[ \t\r\n\f\v]+")  # not str.split(): it would eat non-breaking spaces
NOTE_ID = re.compile(r"^#?((?:foot|end)note-[^\s]+)$")
# The addresses a link may have on the site; any other scheme (javascript:, data:, vbscript:,
# file:...) would run code or point at the author's computer: the link is kept as plain text.
SAFE_SCHEMES = ("http", "https", "mailto", "ftp", "tel")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


def unsafe_address(href: str) -> bool:
    """True for an address with a scheme other than SAFE_SCHEMES. Browsers ignore spaces and
    control characters in a scheme (`java\\tscript:`): they are ignored here too."""
    compact = re.sub(r"[\x00-\x20\x7f]+", "", href).lower()
    scheme = _SCHEME.match(compact)
    return bool(scheme) and scheme.group(1) not in SAFE_SCHEMES


class Context:
    def __init__(self, heading: bool = False, cell: bool = False, link: bool = False):
        self.heading = heading
        self.cell = cell
        self.link = link


class InlineWriter:
    """The converter's part for inline runs (state: counts, links, lost_links, unsafe_links,
    underlined, note_numbers, bookmarks)."""

    def text(self, nodes: list) -> str:
        """The inline Markdown of a paragraph, trimmed, its forced line breaks counted."""
        text = trim(self.inline(nodes, Context()))
        self.count("break", text.count(BREAK))
        return text

    def inline(self, nodes: list, context: Context) -> str:
        return "".join(self.inline_node(node, context) for node in nodes)

    def inline_node(self, node, context: Context) -> str:
        if isinstance(node, str):
            if "\t" in node:
                self.count("tab", node.count("\t"))
            return escape(_SPACES.sub(" ", node))
        tag = node.tag
        if tag == "br":
            return " " if context.heading else BREAK
        if tag == "img":
            return self.image(node, context)
        if tag == "a":
            return self.link(node, context)
        inner = self.inline(node.children, context)
        if tag in ("strong", "em"):
            if context.heading or not inner.strip():
                return inner
            self.count(tag)
            mark = "**" if tag == "strong" else "*"
            stripped = inner.strip(" ")
            lead = " " if inner.startswith(" ") else ""
            trail = " " if inner.endswith(" ") else ""
            return f"{lead}{mark}{stripped}{mark}{trail}"
        if tag == "u":
            if inner.strip() and not context.link:  # Word underlines its links: not a choice of the author
                self.underlined.append(text_of(node))
            return inner
        if tag in ("sup", "sub"):
            notes_only = all(
                (isinstance(c, Node) and c.tag == "a" and NOTE_ID.match(c.attrs.get("href", "")))
                or (isinstance(c, Node) and c.tag in ("sup", "sub"))
                or (isinstance(c, str) and not c.strip())
                for c in node.children
            )
            if notes_only or not inner.strip():
                return inner
            return f"<{tag}>{inner}</{tag}>"
        if tag == "s":
            if not inner.strip():
                return inner
            self.count("strike")
            return f"<s>{inner}</s>"
        if tag == "input":
            self.count("checkbox")
            return "☒" if "checked" in node.attrs else "☐"
        return inner

    def link(self, node: Node, context: Context) -> str:
        href = node.attrs.get("href")
        inner = self.inline(node.children, Context(context.heading, context.cell, link=href is not None))
        if href is None:
            return inner  # a Word bookmark: the heading ids take their place
        note = NOTE_ID.match(href)
        if note and node.attrs.get("id", "").startswith(("footnote-ref-", "endnote-ref-")):
            note_id = note.group(1)
            if note_id not in self.note_numbers:
                self.note_numbers[note_id] = len(self.note_numbers) + 1
                self.count("endnote" if note_id.startswith("endnote") else "footnote")
            return f"[^{self.note_numbers[note_id]}]"
        if not inner.strip():
            return inner
        if href.startswith("#"):
            slug = self.bookmarks.get(href[1:])
            if slug is None:
                self.lost_links.append(text_of(node))
                return inner
            self.links.append((text_of(node), f"#{slug}"))
            return f"[{inner}](#{slug})"
        if unsafe_address(href):
            self.unsafe_links.append((text_of(node), href))
            return inner
        self.links.append((text_of(node), href))
        if one_line(text_of(node)) == href and re.match(r"(?:https?|ftp)://\S+$|mailto:\S+$", href) and not context.cell:
            return f"<{url(href)}>"
        return f"[{inner}]({url(href)})"
