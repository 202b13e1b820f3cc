"""The converter: mammoth's HTML tree -> the chapter's Markdown, and the review list.

One class made of one part per kind of content (blocks, inline runs, tables, notes, images,
the review list), each in its module; they share the state set up here.
"""

from __future__ import annotations

from importers import markdown
from importers.docx.blocks import BlockWriter, find_title
from importers.docx.images import ImageWriter
from importers.docx.inline import InlineWriter
from importers.docx.notes import NoteWriter
from importers.docx.review import Review
from importers.docx.tables import TableWriter
from importers.docx.tree import Node, text_of
from importers.markdown import WIDTH


def split_body(tree: Node) -> tuple[list, dict[str, Node]]:
    """The document's body, and its notes (note id -> its <li>) that mammoth puts at the end."""
    body, notes = [], {}
    for child in tree.children:
        if isinstance(child, Node) and child.tag == "ol" and NoteWriter.is_notes(child):
            for item in child.children:
                if isinstance(item, Node):
                    notes[item.attrs["id"]] = item
        elif isinstance(child, Node) and child.tag == "dl":
            continue  # comments: only there if a style map asks for them
        else:
            body.append(child)
    return body, notes


class Converter(BlockWriter, InlineWriter, TableWriter, NoteWriter, ImageWriter, Review):
    def __init__(self, image_prefix: str, sectors: dict):
        self.image_prefix = image_prefix
        self.sectors = sectors
        self.notes: dict[str, Node] = {}  # note id -> its <li>
        self.note_numbers: dict[str, int] = {}
        self.heading_info: dict[int, tuple[str, int, str | None]] = {}  # id(<hN>) -> slug, level, sector
        self.bookmarks: dict[str, str] = {}  # Word bookmark -> slug of the heading it is in
        self.headings: list[tuple[int, int, str, str, str | None]] = []  # Word level, level, text, slug, sector
        self.counts: dict[str, int] = {}
        self.links: list[tuple[str, str]] = []
        self.lost_links: list[str] = []
        self.unsafe_links: list[tuple[str, str]] = []
        self.image_lines: list[str] = []
        self.tables: list[str] = []
        self.bold_paragraphs: list[str] = []
        self.underlined: list[str] = []
        self.in_notes = False

    def count(self, what: str, by: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + by

    def convert(self, tree: Node, title_id: str | None) -> str:
        """The chapter's Markdown: its title first (`# … { #title_id }`) when the document
        has one, then the body, then the notes' definitions."""
        body, self.notes = split_body(tree)
        title = find_title(body)
        if title is not None:
            body = [node for node in body if node is not title]
            title_id = title_id or markdown.unique_id(markdown.one_line(text_of(title)), set())
        self.name_headings([title, *body] if title is not None else body, title, title_id, self.sectors)
        blocks = [self.heading(title)] if title is not None else []
        blocks += self.blocks(body, WIDTH)
        blocks += self.note_definitions()
        text = "\n\n".join(block for block in blocks if block.strip())
        return text.rstrip() + "\n"

