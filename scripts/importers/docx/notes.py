"""Footnotes and endnotes: called as `[^1]`, defined at the end of the chapter."""

from __future__ import annotations

from importers.docx.inline import NOTE_ID
from importers.docx.tree import Node
from importers.markdown import WIDTH


class NoteWriter:
    """The converter's part for notes (state: notes, note_numbers, in_notes)."""

    @staticmethod
    def is_notes(node: Node) -> bool:
        items = [child for child in node.children if isinstance(child, Node)]
        return bool(items) and all(
            item.tag == "li" and NOTE_ID.match(item.attrs.get("id", "")) for item in items
        )

    def note_definitions(self) -> list[str]:
        self.in_notes = True
        blocks = []
        for note_id, number in sorted(self.note_numbers.items(), key=lambda item: item[1]):
            item = self.notes.get(note_id)
            if item is None:
                continue
            children = [self.without_backlink(child) for child in item.children]
            inner = self.blocks(children, WIDTH - 6)
            if not inner:
                inner = [""]
            label = f"[^{number}]: "
            first, *others = inner
            lines = first.split("\n")
            text = label + lines[0] + "".join("\n    " + line for line in lines[1:])
            for block in others:
                text += "\n\n" + "\n".join(("    " + line) if line else "" for line in block.split("\n"))
            blocks.append(text)
        return blocks

    def without_backlink(self, node):
        if not isinstance(node, Node):
            return node
        children = []
        for child in node.children:
            if isinstance(child, Node) and child.tag == "a" and child.attrs.get("href", "").startswith(("#footnote-ref-", "#endnote-ref-")):
                continue
            children.append(self.without_backlink(child))
        return Node(node.tag, node.attrs, children)

