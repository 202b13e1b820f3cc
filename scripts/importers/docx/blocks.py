"""Blocks: headings (the chapter's title, levels shifted under it, sector sections),
paragraphs, quotes and lists."""

from __future__ import annotations

import re

from importers import markdown
from importers.docx.inline import Context
from importers.docx.tree import Node, has_text, text_of, walk
from importers.markdown import WIDTH, one_line, unique_id, wrap
from importers.sectors import sector_named

_HEADING = re.compile(r"h[1-6]")
_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "dl", "hr"}


def _headings(nodes: list) -> list[Node]:
    return [element for node in nodes for element in walk(node)
            if isinstance(element, Node) and _HEADING.fullmatch(element.tag) and one_line(text_of(element))]


def find_title(body: list) -> Node | None:
    """The document's title: its paragraph in Word's « Titre » style, or else its first
    heading when nothing comes before it and every other heading is below it."""
    for node in body:
        if isinstance(node, Node) and "docx-title" in node.classes() and one_line(text_of(node)):
            return node
    first = next((node for node in body if isinstance(node, Node) and has_text(node)), None)
    if first is None or not _HEADING.fullmatch(first.tag) or not one_line(text_of(first)):
        return None
    level = int(first.tag[1])
    if all(int(other.tag[1]) > level for other in _headings(body) if other is not first):
        return first
    return None


class BlockWriter:
    """The converter's part for blocks (state: heading_info, bookmarks, headings, counts...)."""

    def name_headings(self, body: list, title: Node | None, title_id: str | None, sectors: dict) -> None:
        """Give every heading its id and level first, so that links to a heading further down
        resolve: the title is `#`, the other headings shift so that the highest is `##`; a
        heading that names a known sector becomes that sector's section."""
        used: set[str] = {title_id} if title_id else set()
        others = [element for element in _headings(body) if element is not title]
        shift = 2 - min((int(element.tag[1]) for element in others), default=2)
        for element in _headings(body):
            text = one_line(text_of(element))
            if element is title:
                slug, level, sector = title_id, 1, None
            else:
                level = min(int(element.tag[1]) + shift, 6)
                sector = sector_named(text, sectors)
                slug = unique_id(sector or text, used)
            self.heading_info[id(element)] = (slug, level, sector)
            for anchor in walk(element):
                if isinstance(anchor, Node) and anchor.tag == "a" and "href" not in anchor.attrs and anchor.attrs.get("id"):
                    self.bookmarks[anchor.attrs["id"]] = slug

    def blocks(self, nodes: list, width: int) -> list[str]:
        """Markdown blocks (to be joined by blank lines) for a sequence of HTML nodes."""
        out: list[str] = []
        loose: list = []  # inline content outside any block (inside list items)

        def flush():
            if loose:
                text = self.text(loose)
                if text.strip():
                    out.append(markdown.paragraph(text, width))
                loose.clear()

        previous_list = None
        for node in nodes:
            if isinstance(node, str) or node.tag not in _BLOCK_TAGS:
                loose.append(node)
                continue
            flush()
            if node.tag in ("ul", "ol"):
                if previous_list is not None and out and out[-1] is previous_list:
                    # Python-Markdown would join two lists that follow each other into one.
                    out.append("<!-- -->")
                block = self.list_block(node, width)
                out.append(block)
                previous_list = block
                continue
            block = self.block(node, width)
            if block:
                out.append(block)
        flush()
        return out

    def block(self, node: Node, width: int) -> str:
        tag = node.tag
        if _HEADING.fullmatch(tag):
            return self.heading(node)
        if tag == "p":
            return self.paragraph(node, width)
        if tag == "blockquote":
            self.count("quote")
            inner = "\n\n".join(self.blocks(node.children, width - 2))
            return "\n".join(("> " + line) if line else ">" for line in inner.split("\n"))
        if tag == "table":
            return self.table(node)
        return ""

    def heading(self, node: Node) -> str:
        info = self.heading_info.get(id(node))
        if info is None:  # a heading without text: an image in a heading style, for instance
            text = self.inline(node.children, Context())
            return wrap(text.strip(), WIDTH) if text.strip() else ""
        slug, level, sector = info
        text = one_line(self.inline(node.children, Context(heading=True)))
        word_level = 0 if "docx-title" in node.classes() else int(node.tag[1])
        self.headings.append((word_level, level, one_line(text_of(node)), slug, sector))
        return markdown.heading(level, text, slug, sector)

    def paragraph(self, node: Node, width: int) -> str:
        classes = node.classes()
        if "docx-toc" in classes:
            self.count("toc")
            return ""
        if "docx-subtitle" in classes:
            self.count("subtitle")
        text = self.text(node.children)
        if not text.strip():
            return ""
        plain = one_line(text_of(node))
        if plain and not self.in_notes:
            self.count("paragraph")
        significant = [c for c in node.children if not (isinstance(c, str) and not c.strip())]
        if (
            not self.in_notes and len(significant) == 1 and isinstance(significant[0], Node) and significant[0].tag == "strong"
            and len(plain) <= 100 and not plain.endswith((".", ":", ";", ","))
        ):
            self.bold_paragraphs.append(plain)
        return markdown.paragraph(text, width)

    def list_block(self, node: Node, width: int, indent: str = "") -> str:
        if not indent:
            self.count("ol" if node.tag == "ol" else "ul")
        lines: list[str] = []
        number = 0
        for item in node.children:
            if not isinstance(item, Node):
                continue
            number += 1
            marker = f"{number}. " if node.tag == "ol" else "- "
            lines.append(self.list_item(item, width, indent, marker))
        return "\n".join(lines)

    def list_item(self, item: Node, width: int, indent: str, marker: str) -> str:
        inner = indent + "    "
        parts: list[str] = []
        inline: list = []
        sublists: list[Node] = []
        other: list[Node] = []
        for child in item.children:
            if isinstance(child, Node) and child.tag in ("ul", "ol"):
                sublists.append(child)
            elif isinstance(child, Node) and child.tag in ("p", "table", "blockquote"):
                other.append(child)
            else:
                inline.append(child)
        text = self.text(inline)
        first = markdown.paragraph(text, width, first=indent + marker, rest=inner) if text.strip() else indent + marker.rstrip()
        parts.append(first)
        for sub in sublists:
            parts.append(self.list_block(sub, width, inner))
        result = "\n".join(parts)
        for block in other:
            rendered = self.block(block, width - len(inner))
            if rendered:
                result += "\n\n" + "\n".join((inner + line) if line else "" for line in rendered.split("\n"))
        return result

