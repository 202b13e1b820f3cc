"""Tables: Word tables as pipe tables (merged cells split, what a cell holds flattened)."""

from __future__ import annotations

import re

from importers.docx.inline import Context
from importers.docx.review import n
from importers.docx.tree import Node, walk
from importers.markdown import BREAK, one_line, trim


class TableWriter:
    """The converter's part for tables (state: tables, the notes to review)."""

    def table(self, node: Node) -> str:
        rows: list[list[tuple[str, int, int]]] = []
        rough = False
        trs = []
        for child in node.children:  # the rows of this table, not those of a table in a cell
            if isinstance(child, Node) and child.tag == "tr":
                trs.append(child)
            elif isinstance(child, Node) and child.tag in ("thead", "tbody", "tfoot"):
                trs.extend(row for row in child.children if isinstance(row, Node) and row.tag == "tr")
        for tr in trs:
            cells = []
            for cell in tr.children:
                if not (isinstance(cell, Node) and cell.tag in ("td", "th")):
                    continue
                cell_text, flattened = self.cell(cell)
                rough = rough or flattened
                colspan = int(cell.attrs.get("colspan") or 1)
                rowspan = int(cell.attrs.get("rowspan") or 1)
                cells.append((cell_text, max(colspan, 1), max(rowspan, 1)))
            rows.append(cells)
        if not rows:
            return ""
        # A Markdown table has no merged cells: the text goes in the first one, the others stay empty.
        grid: list[list[str]] = []
        covered: set[tuple[int, int]] = set()
        merged = False
        for row_index, cells in enumerate(rows):
            line: list[str] = []
            for cell_text, colspan, rowspan in cells:
                while (row_index, len(line)) in covered:
                    line.append("")
                merged = merged or colspan > 1 or rowspan > 1
                column = len(line)
                for offset in range(colspan):
                    line.append(cell_text if offset == 0 else "")
                    for below in range(1, rowspan):
                        covered.add((row_index + below, column + offset))
            while (row_index, len(line)) in covered:
                line.append("")
            grid.append(line)
        columns = max(len(line) for line in grid) or 1
        grid = [line + [""] * (columns - len(line)) for line in grid]
        out = ["| " + " | ".join(grid[0]) + " |", "| " + " | ".join(["---"] * columns) + " |"]
        out += ["| " + " | ".join(line) + " |" for line in grid[1:]]
        number = len(self.tables) + 1
        note = (
            f"Tableau {number} ({n(len(grid), 'ligne', 'lignes')} × {n(columns, 'colonne', 'colonnes')}) repris en "
            "tableau Markdown ; sa première ligne sert d'en-tête : vérifiez."
        )
        if merged:
            note += " Des cellules fusionnées ont été séparées (le texte dans la première, les autres vides)."
        if rough:
            note += " Des listes ou tableaux placés dans des cellules ont été mis à plat."
        self.tables.append(note)
        return "\n".join(out)

    def cell(self, cell: Node) -> tuple[str, bool]:
        pieces: list[str] = []
        rough = False
        loose: list = []

        def flush():
            if loose:
                pieces.append(self.inline(loose, Context(cell=True)).strip(" "))
                loose.clear()

        for child in cell.children:
            if isinstance(child, Node) and child.tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"):
                flush()
                pieces.append(self.inline(child.children if child.tag != "blockquote" else [child], Context(cell=True)).strip(" "))
            elif isinstance(child, Node) and child.tag in ("ul", "ol", "table"):
                flush()
                rough = True
                for element in walk(child):
                    if isinstance(element, Node) and element.tag in ("li", "td", "th"):
                        text = self.inline(
                            [c for c in element.children if not (isinstance(c, Node) and c.tag in ("ul", "ol", "table"))],
                            Context(cell=True),
                        ).strip(" ")
                        if text:
                            pieces.append(("• " if element.tag == "li" else "") + text)
            else:
                loose.append(child)
        flush()
        pieces = [trim(piece) for piece in pieces]
        self.count("break", sum(piece.count(BREAK) for piece in pieces))
        text = "<br>".join(piece for piece in pieces if piece.strip())
        text = one_line(text.replace(BREAK, "<br>"))
        text = re.sub(r"(?<!\\)\|", r"\\|", text)
        return text, rough

