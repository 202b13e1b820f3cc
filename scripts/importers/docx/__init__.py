"""Turn a Word document (.docx) into a Markdown chapter for the site.

For the coordinators (social workers, not developers): they write an analysis in Word, and
`import_docx` gives back the chapter's Markdown, the images to save next to it, and the list
of everything that was done or left out, in French, to review before publishing. This package
writes no file: the caller (the `import` command of scripts/analyses.py) does.

Why mammoth (1.13.0, pure Python, one small dependency: cobble) to read the .docx:
- it reads what a chapter needs and python-docx does not: footnotes and endnotes (python-docx
  1.2 has no API for them), hyperlinks, images with their description (alt text), nested
  bulleted and numbered lists resolved from Word's numbering definitions, tables;
- it maps Word *styles* (Heading 1, Quote...) rather than looks (font size), which is how a
  chapter is structured, and reports the styles it does not know;
- it is maintained and its HTML output is its stable, documented API. Its own Markdown
  output is deprecated, so its HTML is turned into Markdown here with the standard library's
  html.parser: no other dependency, and full control over what the site needs (heading ids,
  Python-Markdown footnotes, 90-character lines, escaping that keeps the text unchanged).
python-docx is only used by the tests, to build the documents they import.

What is kept: the title (Word's « Titre » style, or a first heading above all the others)
as the chapter's `#`, the other headings shifted under it (the highest becomes `##`), each
with an explicit `{ #id }`, ASCII and unique, a heading naming a known sector becoming that
sector's section (`{ #epn data-sector="epn" }`); paragraphs (hard-wrapped around 90
characters), bold, italic, bulleted and numbered lists (nested), hyperlinks (and links to a
heading of the document), footnotes and endnotes (as Markdown footnotes `[^1]`, defined at
the end), images (extracted, with their alt text), tables (as pipe tables), quotes (Word's
« Citation » style), line breaks (`<br>`), superscript, subscript and strikethrough (as
inline HTML). The text itself is not changed: characters that Markdown would read as markup
or HTML are escaped, never replaced, and a wrapped line never starts with one. What is not
kept (each reported in `changes` when present): links other than http, https, mailto, ftp
and tel (javascript:, data:... stay plain text), underlining, comments, Word's table of
contents, charts, SmartArt, equations, merged table cells (split), lists or tables inside a
table cell (flattened); tracked changes are taken as accepted. Fonts, sizes, colours,
highlighting, alignment, headers and footers never are: the site has its own layout.

A file beyond what a chapter needs (over 20 MB unpacked, too many parts, or compressed like
a "zip bomb") is refused from the archive's table of contents, before anything is unpacked.

Modules: reading (the file, its limits, mammoth), tree (mammoth's HTML), converter (the
parts together), blocks, inline, tables, notes, images, review (the list of changes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from importers.docx.converter import Converter, split_body
from importers.docx.blocks import find_title
from importers.docx.images import ImageCollector
from importers.docx.reading import DocxImportError, audit, read_document, to_html, warnings
from importers.docx.tree import has_text, parse_html, text_of
from importers.markdown import one_line

__all__ = ["DocxImportError", "ImportResult", "WordDocument", "import_docx", "read_docx"]


@dataclass
class ImportResult:
    """The chapter's Markdown (its `# title` line first when the document has a title); what
    was done, one line each in French, for the coordinator to review; the images, file name
    -> bytes, for the caller to write next to the chapter; the title as plain text, or None."""

    markdown: str
    changes: list[str] = field(default_factory=list)
    images: dict[str, bytes] = field(default_factory=dict)
    title: str | None = None


class WordDocument:
    """A .docx read and checked: its title is known before it is written as Markdown (the
    chapter's address comes from it, and the images' names from the address)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        data = read_document(self.path)
        self.audit = audit(self.path, data)
        self.images = ImageCollector()
        converted = to_html(self.path, data, self.images)
        self.messages = converted.messages
        self.tree = parse_html(converted.value)
        if not has_text(self.tree) and not self.images.files:
            raise DocxImportError(f"Le document « {self.path.name} » ne contient aucun texte.")
        title = find_title(split_body(self.tree)[0])
        self.title = one_line(text_of(title).replace("\u00a0", " ")) if title is not None else None

    def convert(self, *, image_prefix: str, title_id: str | None = None, sectors: dict | None = None) -> ImportResult:
        """The Markdown; each image referred to as `{image_prefix}{name}`, `name` a key of
        `images`; the title's id is `title_id` (by default made from the title)."""
        converter = Converter(image_prefix, sectors or {})
        text = converter.convert(self.tree, title_id)
        changes = converter.changes() + self.images.changes() + self.audit + warnings(self.messages)
        changes.append(
            "Polices, tailles, couleurs, surlignages, alignements, en-têtes et pieds de page de Word ne "
            "sont pas repris : le site a sa propre mise en page."
        )
        return ImportResult(markdown=text, changes=changes, images=dict(self.images.files), title=self.title)


def read_docx(path: Path) -> WordDocument:
    """Read and check the Word document at `path`. Raises DocxImportError (message in
    French) for a missing, unreadable, oversized or empty document."""
    return WordDocument(path)


def import_docx(path: Path, *, image_prefix: str, title_id: str | None = None, sectors: dict | None = None) -> ImportResult:
    """Convert the Word document at `path` into Markdown; writes no file."""
    return read_docx(path).convert(image_prefix=image_prefix, title_id=title_id, sectors=sectors)
