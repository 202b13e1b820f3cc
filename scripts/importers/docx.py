"""Turn a Word document (.docx) into a Markdown chapter for the site.

For the coordinators (social workers, not developers): they write an analysis in Word, and
`import_docx` gives back the chapter's Markdown, the images to save next to it, and the list
of everything that was done or left out, in French, to review before publishing. This module
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

What is kept: headings (Heading 1 => `#`..., each with an explicit `{ #id }`, ASCII and
unique), paragraphs (hard-wrapped around 90 characters), bold, italic, bulleted and numbered
lists (nested), hyperlinks (and links to a heading of the document), footnotes and endnotes
(as Markdown footnotes `[^1]`, defined at the end), images (extracted, with their alt text),
tables (as pipe tables), quotes (Word's « Citation » style), line breaks (`<br>`), superscript,
subscript and strikethrough (as inline HTML). The text itself is not changed: characters that
Markdown would read as markup are escaped, never replaced, and a wrapped line never starts
with one. What is not kept (each reported in `changes` when present): underlining, comments,
Word's table of contents, charts, SmartArt, equations, merged table cells (split), lists or
tables inside a table cell (flattened); tracked changes are taken as accepted. Fonts, sizes,
colours, highlighting, alignment, headers and footers never are: the site has its own layout.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import mammoth

from laeken.text import protect_line_start, slugify

__all__ = ["DocxImportError", "ImportResult", "import_docx"]

WIDTH = 90  # the site's Markdown is hard-wrapped around 90 characters
# Ids the site's pages already use (the "Pour citer" box): a heading never takes them.
RESERVED_IDS = {"citer", "cite-reference"}

# Added before mammoth's default style map (Heading 1..6 => h1..h6, lists, footnotes...).
# The classes mark what the converter reports or leaves out.
STYLE_MAP = """
p[style-name='Title'] => h1.docx-title:fresh
p[style-name='Subtitle'] => p.docx-subtitle:fresh
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote > p:fresh
p[style-name^='toc '] => p.docx-toc:fresh
p[style-name='TOC Heading'] => p.docx-toc:fresh
u => u
"""

# Paragraph and character styles whose text is rightly an ordinary paragraph or run:
# mammoth's "unrecognised style" warnings about them are noise for the coordinator.
_HARMLESS_STYLES = {
    "list paragraph", "body text", "body text 2", "body text 3", "body text indent",
    "body text first indent", "no spacing", "normal (web)", "plain text", "default paragraph font",
    "footnote text", "footnote reference", "endnote text", "endnote reference", "hyperlink",
    "followedhyperlink", "strong", "emphasis", "caption", "none",
}

_IMAGE_EXTENSIONS = {
    "image/png": "png", "image/jpeg": "jpg", "image/jpg": "jpg", "image/gif": "gif",
    "image/svg+xml": "svg", "image/webp": "webp", "image/bmp": "bmp", "image/tiff": "tif",
    "image/x-emf": "emf", "image/emf": "emf", "image/x-wmf": "wmf", "image/wmf": "wmf",
}
_NOT_FOR_BROWSERS = {"emf", "wmf", "tif"}
_AUTOMATIC_ALT = re.compile(
    r"description (?:générée|generee) automatiquement|description automatically generated"
    r"|automatisch gegenereerde beschrijving",
    re.IGNORECASE,
)


class DocxImportError(ValueError):
    """A file that cannot be imported, with a message in plain French for the coordinator."""


@dataclass
class ImportResult:
    """The chapter's Markdown; what was done, one line each in French, for the coordinator to
    review; the images, file name -> bytes, for the caller to write next to the chapter."""

    markdown: str
    changes: list[str] = field(default_factory=list)
    images: dict[str, bytes] = field(default_factory=dict)


def import_docx(path: Path, *, image_prefix: str) -> ImportResult:
    """Convert the Word document at `path` into Markdown; writes no file.

    The Markdown refers to each image as `{image_prefix}{name}`, `name` being a key of
    `images`. Raises DocxImportError (message in French) for a missing, unreadable or
    empty document.
    """
    path = Path(path)
    data = _read_document(path)
    audit = _audit(path, data)
    images = _ImageCollector(image_prefix)
    try:
        converted = mammoth.convert_to_html(
            io.BytesIO(data), style_map=STYLE_MAP, convert_image=mammoth.images.img_element(images)
        )
    except Exception as error:  # mammoth raises whatever a broken part gives (zip, XML, KeyError)
        raise DocxImportError(_unreadable(path)) from error
    tree = _parse_html(converted.value)
    if not _has_text(tree) and not images.files:
        raise DocxImportError(f"Le document « {path.name} » ne contient aucun texte.")
    converter = _Converter(images)
    markdown = converter.convert(tree)
    changes = converter.changes() + images.changes() + audit + _warnings(converted.messages)
    changes.append(
        "Polices, tailles, couleurs, surlignages, alignements, en-têtes et pieds de page de Word ne "
        "sont pas repris : le site a sa propre mise en page."
    )
    return ImportResult(markdown=markdown, changes=changes, images=dict(images.files))


# --- reading and checking the file ------------------------------------------------------------


def _unreadable(path: Path) -> str:
    return (
        f"Le fichier « {path.name} » n'est pas un document Word lisible (.docx) : il est peut-être "
        "abîmé, ou c'est un ancien .doc — enregistrez-le en .docx depuis Word."
    )


def _read_document(path: Path) -> bytes:
    if path.is_dir():
        raise DocxImportError(f"« {path} » est un dossier, pas un document Word (.docx).")
    if not path.exists():
        raise DocxImportError(f"Le fichier « {path} » est introuvable : vérifiez son nom et son dossier.")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DocxImportError(f"Le fichier « {path} » ne peut pas être ouvert ({error.strerror}).") from error
    if not data:
        raise DocxImportError(f"Le fichier « {path.name} » est vide (0 octet) : ce n'est pas un document Word.")
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # OLE container: Word 97-2003 .doc, or a password-protected file
        raise DocxImportError(
            _unreadable(path) + " S'il est protégé par un mot de passe, retirez d'abord la protection."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            is_odt = "mimetype" in names and b"opendocument" in archive.read("mimetype")
            broken = archive.testzip() is not None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, RuntimeError, ValueError) as error:
        raise DocxImportError(_unreadable(path)) from error
    if is_odt:
        raise DocxImportError(
            f"Le fichier « {path.name} » est un document LibreOffice (.odt), pas un document Word (.docx) : "
            "enregistrez-le au format Word (.docx) puis réimportez-le."
        )
    if broken or "word/document.xml" not in names:
        raise DocxImportError(_unreadable(path))
    return data


def _audit(path: Path, data: bytes) -> list[str]:
    """What mammoth drops without a word: found by looking at the document's XML."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            body = archive.read("word/document.xml").decode("utf-8", "replace")
        except Exception as error:
            raise DocxImportError(_unreadable(path)) from error
        comments = ""
        if "word/comments.xml" in archive.namelist():
            comments = archive.read("word/comments.xml").decode("utf-8", "replace")
    if re.search(r"<w:(?:ins|del)\b", body):
        found.append(
            "Le document contenait des modifications suivies : elles ont été acceptées (texte inséré "
            "gardé, texte supprimé retiré). Vérifiez que c'est bien la version voulue."
        )
    count = len(re.findall(r"<w:comment\b", comments))
    if count:
        found.append(f"{_n(count, 'commentaire Word', 'commentaires Word')} non repris : relisez-les dans Word.")
    for pattern, what in (
        (r"drawingml/2006/chart", "graphique Word"),
        (r"drawingml/2006/diagram", "SmartArt"),
    ):
        count = len(re.findall(r'<a:graphicData uri="http://schemas\.openxmlformats\.org/' + pattern, body))
        if count:
            found.append(
                f"{what} non repris ({count}) : dans Word, copiez-le et collez-le comme image (PNG), "
                "ajoutez-lui une description, puis réimportez."
            )
    count = len(re.findall(r"<m:oMath\b", body))
    if count:
        found.append(f"Équation non reprise ({count}) : réécrivez-la en texte ou insérez-la comme image.")
    if "<w:txbxContent" in body:
        found.append(
            "Zone de texte : son contenu a été placé dans le fil du texte, à l'endroit de son ancrage. "
            "Vérifiez sa place."
        )
    return found


def _warnings(messages) -> list[str]:
    """mammoth's warnings, in French, once each; the harmless ones left out."""
    lines: list[str] = []
    for message in messages:
        text = message.message
        style = re.match(r"Unrecognised (paragraph|run) style: (?:'(.*)'|None) \(Style ID: (.*)\)$", text)
        if style:
            kind, name, style_id = style.groups()
            name = name or style_id
            if name.lower() in _HARMLESS_STYLES or style_id.lower() in {s.replace(" ", "") for s in _HARMLESS_STYLES}:
                continue
            if kind == "paragraph":
                line = f"Style de paragraphe Word « {name} » inconnu du site : texte gardé comme paragraphe ordinaire."
            else:
                line = f"Style de caractères Word « {name} » ignoré : texte gardé sans cette mise en forme."
        elif "was referenced but not defined" in text:
            continue
        elif text.startswith("Image of type"):
            continue  # reported with the image itself
        elif "external image" in text or "could not open" in text:
            line = "Une image liée (non incorporée au document) n'a pas pu être lue : elle manque dans le texte importé."
        else:
            line = f"Avertissement à la lecture du document : {text}"
        if line not in lines:
            lines.append(line)
    return lines


# --- images -----------------------------------------------------------------------------------


class _ImageCollector:
    """mammoth's image converter: keeps each image's bytes under a file name, once."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.files: dict[str, bytes] = {}
        self.by_hash: dict[str, str] = {}
        self.failed = 0

    def __call__(self, image) -> dict:
        try:
            with image.open() as handle:
                data = handle.read()
        except Exception:
            self.failed += 1
            return {"src": "", "data-docx-failed": "1"}
        digest = hashlib.sha256(data).hexdigest()
        name = self.by_hash.get(digest)
        if name is None:
            extension = _IMAGE_EXTENSIONS.get((image.content_type or "").lower())
            if extension is None:
                extension = (mammoth.images.image_filename_extension(image) or "bin").split("+")[0].lower()
            name = f"image-{len(self.files) + 1}.{extension}"
            self.files[name] = data
            self.by_hash[digest] = name
        return {"src": _url(self.prefix + name), "data-docx-name": name}

    def changes(self) -> list[str]:
        lines = []
        for name, data in self.files.items():
            extension = name.rsplit(".", 1)[-1]
            if extension in _NOT_FOR_BROWSERS:
                lines.append(
                    f"L'image {name} est au format {extension.upper()}, que les navigateurs n'affichent pas : "
                    "dans Word, enregistrez-la en PNG ou JPEG (clic droit › Enregistrer en tant qu'image), puis remplacez le fichier."
                )
            if len(data) > 1_000_000:
                size = f"{len(data) / 1_000_000:.1f}".replace(".", ",")
                lines.append(
                    f"L'image {name} pèse {size} Mo : réduisez-la (1 600 pixels de large suffisent) pour les lecteurs sur téléphone."
                )
        if self.failed:
            lines.append(f"{_n(self.failed, 'image illisible', 'images illisibles')} dans le document : non reprise(s).")
        return lines


# --- HTML tree --------------------------------------------------------------------------------


class _Node:
    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag: str, attrs: dict, children: list | None = None):
        self.tag = tag
        self.attrs = attrs
        self.children: list = [] if children is None else children

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


_VOID = {"img", "br", "hr", "input"}


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, {key: value or "" for key, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(_Node(tag, {key: value or "" for key, value in attrs}))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _parse_html(text: str) -> _Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def _text_of(node) -> str:
    if isinstance(node, str):
        return node
    return "".join(_text_of(child) for child in node.children)


def _has_text(tree: _Node) -> bool:
    return bool(re.sub(r"[\s\u200b\ufeff]+", "", _text_of(tree)))


def _walk(node):
    yield node
    if isinstance(node, _Node):
        for child in node.children:
            yield from _walk(child)


# --- text helpers -----------------------------------------------------------------------------

_NBSP_SAFE_SPACE = re.compile(r"[ \t\r\n\f\v]+")  # not str.split(): it would eat non-breaking spaces
PROTECTED = "\x00"  # a space that must not become a line break (alt text)
BREAK = "\x01"  # Word's line break (Shift+Enter)


def _escape(text: str) -> str:
    """Escape what Markdown (and the site's extensions) would read as markup; the text shown stays the same."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([`*_\[\]{}])", r"\\\1", text)
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    text = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)
    # pymdownx.smartsymbols would turn (c), (r), (tm) into ©, ®, ™: an enumeration "(c)" must stay.
    text = re.sub(r"\((?=(?:c|r|tm)\))", r"\\(", text, flags=re.IGNORECASE)
    return text


def _url(url: str) -> str:
    for char, code in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"), ("|", "%7C")):
        url = url.replace(char, code)
    return url


# A line of a paragraph that starts like this would be read as markup (list, quote, heading,
# definition, setext underline, admonition...): the wrapping never starts a line with such a word.
_RISKY_WORD = re.compile(r"^(?:[-+*:]$|[-=]+$|\d+[.)]$|[>#|~]|!!!|\?\?\?|<(?!br>))")


def _wrap(text: str, width: int = WIDTH, first: str = "", rest: str = "") -> str:
    """Hard-wrap inline Markdown: `first` and `rest` prefix the first and following lines."""
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


def _trim(text: str) -> str:
    """Without the spaces and line breaks at the start and the end of a paragraph."""
    return text.strip(" " + BREAK)


def _one_line(text: str) -> str:
    return re.sub(r" +", " ", text.replace(BREAK, " ").replace(PROTECTED, " ")).strip()


def _n(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def _quote(text: str, limit: int = 60) -> str:
    text = _one_line(text)
    return f"« {text if len(text) <= limit else text[: limit - 1].rstrip() + '…'} »"


# --- HTML to Markdown ---------------------------------------------------------------------------


class _Context:
    def __init__(self, heading: bool = False, cell: bool = False, link: bool = False):
        self.heading = heading
        self.cell = cell
        self.link = link


_NOTE_ID = re.compile(r"^#?((?:foot|end)note-[^\s]+)$")


class _Converter:
    def __init__(self, images: _ImageCollector):
        self.images = images
        self.notes: dict[str, _Node] = {}  # note id -> its <li>
        self.note_numbers: dict[str, int] = {}
        self.heading_slugs: dict[int, str] = {}  # id(<hN>) -> slug
        self.bookmarks: dict[str, str] = {}  # Word bookmark -> slug of the heading it is in
        self.headings: list[tuple[int, str, str]] = []
        self.counts: dict[str, int] = {}
        self.links: list[tuple[str, str]] = []
        self.lost_links: list[str] = []
        self.image_lines: list[str] = []
        self.tables: list[str] = []
        self.bold_paragraphs: list[str] = []
        self.underlined: list[str] = []
        self.in_notes = False

    def count(self, what: str, by: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + by

    # The document

    def convert(self, tree: _Node) -> str:
        body = []
        for child in tree.children:
            if isinstance(child, _Node) and child.tag == "ol" and self._is_notes(child):
                for item in child.children:
                    if isinstance(item, _Node):
                        self.notes[item.attrs["id"]] = item
            elif isinstance(child, _Node) and child.tag == "dl":
                continue  # comments: only there if a style map asks for them
            else:
                body.append(child)
        self._name_headings(body)
        blocks = self.blocks(body, WIDTH)
        blocks += self.note_definitions()
        markdown = "\n\n".join(block for block in blocks if block.strip())
        return markdown.rstrip() + "\n"

    @staticmethod
    def _is_notes(node: _Node) -> bool:
        items = [child for child in node.children if isinstance(child, _Node)]
        return bool(items) and all(
            item.tag == "li" and _NOTE_ID.match(item.attrs.get("id", "")) for item in items
        )

    def _name_headings(self, body: list) -> None:
        """Give every heading its id first, so that links to a heading further down resolve."""
        used: set[str] = set(RESERVED_IDS)
        for node in body:
            for element in _walk(node):
                if not (isinstance(element, _Node) and re.fullmatch(r"h[1-6]", element.tag)):
                    continue
                text = _one_line(_text_of(element))
                if not text:
                    continue
                slug = base = slugify(text)
                if re.fullmatch(r"p\d+", slug):  # the site numbers paragraphs #p1, #p2...
                    slug = base = f"{slug}-section"
                number = 2
                while slug in used:
                    slug = f"{base}-{number}"
                    number += 1
                used.add(slug)
                self.heading_slugs[id(element)] = slug
                for anchor in _walk(element):
                    if isinstance(anchor, _Node) and anchor.tag == "a" and "href" not in anchor.attrs and anchor.attrs.get("id"):
                        self.bookmarks[anchor.attrs["id"]] = slug

    # Blocks

    def blocks(self, nodes: list, width: int) -> list[str]:
        """Markdown blocks (to be joined by blank lines) for a sequence of HTML nodes."""
        out: list[str] = []
        loose: list = []  # inline content outside any block (inside list items)

        def flush():
            if loose:
                text = self.text(loose)
                if text.strip():
                    out.append(_wrap(protect_line_start(text), width))
                loose.clear()

        previous_list = None
        for node in nodes:
            if isinstance(node, str) or node.tag not in {
                "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "dl", "hr",
            }:
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

    def block(self, node: _Node, width: int) -> str:
        tag = node.tag
        if re.fullmatch(r"h[1-6]", tag):
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

    def heading(self, node: _Node) -> str:
        slug = self.heading_slugs.get(id(node))
        if slug is None:  # a heading without text: an image in a heading style, for instance
            text = self.inline(node.children, _Context())
            return _wrap(text.strip(), WIDTH) if text.strip() else ""
        level = int(node.tag[1])
        text = _one_line(self.inline(node.children, _Context(heading=True)))
        text = protect_line_start(text) if text[:1] in "#" else text
        if "docx-title" in node.classes():
            self.count("title-style")
        self.headings.append((level, _one_line(_text_of(node)), slug))
        return f"{'#' * level} {text} {{ #{slug} }}"

    def paragraph(self, node: _Node, width: int) -> str:
        classes = node.classes()
        if "docx-toc" in classes:
            self.count("toc")
            return ""
        if "docx-subtitle" in classes:
            self.count("subtitle")
        text = self.text(node.children)
        if not text.strip():
            return ""
        plain = _one_line(_text_of(node))
        if plain and not self.in_notes:
            self.count("paragraph")
        significant = [c for c in node.children if not (isinstance(c, str) and not c.strip())]
        if (
            not self.in_notes and len(significant) == 1 and isinstance(significant[0], _Node) and significant[0].tag == "strong"
            and len(plain) <= 100 and not plain.endswith((".", ":", ";", ","))
        ):
            self.bold_paragraphs.append(plain)
        return _wrap(protect_line_start(text), width)

    def list_block(self, node: _Node, width: int, indent: str = "") -> str:
        if not indent:
            self.count("ol" if node.tag == "ol" else "ul")
        lines: list[str] = []
        number = 0
        for item in node.children:
            if not isinstance(item, _Node):
                continue
            number += 1
            marker = f"{number}. " if node.tag == "ol" else "- "
            lines.append(self.list_item(item, width, indent, marker))
        return "\n".join(lines)

    def list_item(self, item: _Node, width: int, indent: str, marker: str) -> str:
        inner = indent + "    "
        parts: list[str] = []
        inline: list = []
        sublists: list[_Node] = []
        other: list[_Node] = []
        for child in item.children:
            if isinstance(child, _Node) and child.tag in ("ul", "ol"):
                sublists.append(child)
            elif isinstance(child, _Node) and child.tag in ("p", "table", "blockquote"):
                other.append(child)
            else:
                inline.append(child)
        text = self.text(inline)
        first = _wrap(protect_line_start(text), width, first=indent + marker, rest=inner) if text.strip() else indent + marker.rstrip()
        parts.append(first)
        for sub in sublists:
            parts.append(self.list_block(sub, width, inner))
        result = "\n".join(parts)
        for block in other:
            rendered = self.block(block, width - len(inner))
            if rendered:
                result += "\n\n" + "\n".join((inner + line) if line else "" for line in rendered.split("\n"))
        return result

    def table(self, node: _Node) -> str:
        rows: list[list[tuple[str, int, int]]] = []
        rough = False
        trs = []
        for child in node.children:  # the rows of this table, not those of a table in a cell
            if isinstance(child, _Node) and child.tag == "tr":
                trs.append(child)
            elif isinstance(child, _Node) and child.tag in ("thead", "tbody", "tfoot"):
                trs.extend(row for row in child.children if isinstance(row, _Node) and row.tag == "tr")
        for tr in trs:
            cells = []
            for cell in tr.children:
                if not (isinstance(cell, _Node) and cell.tag in ("td", "th")):
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
            f"Tableau {number} ({_n(len(grid), 'ligne', 'lignes')} × {_n(columns, 'colonne', 'colonnes')}) repris en "
            "tableau Markdown ; sa première ligne sert d'en-tête : vérifiez."
        )
        if merged:
            note += " Des cellules fusionnées ont été séparées (le texte dans la première, les autres vides)."
        if rough:
            note += " Des listes ou tableaux placés dans des cellules ont été mis à plat."
        self.tables.append(note)
        return "\n".join(out)

    def cell(self, cell: _Node) -> tuple[str, bool]:
        pieces: list[str] = []
        rough = False
        loose: list = []

        def flush():
            if loose:
                pieces.append(self.inline(loose, _Context(cell=True)).strip(" "))
                loose.clear()

        for child in cell.children:
            if isinstance(child, _Node) and child.tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"):
                flush()
                pieces.append(self.inline(child.children if child.tag != "blockquote" else [child], _Context(cell=True)).strip(" "))
            elif isinstance(child, _Node) and child.tag in ("ul", "ol", "table"):
                flush()
                rough = True
                for element in _walk(child):
                    if isinstance(element, _Node) and element.tag in ("li", "td", "th"):
                        text = self.inline(
                            [c for c in element.children if not (isinstance(c, _Node) and c.tag in ("ul", "ol", "table"))],
                            _Context(cell=True),
                        ).strip(" ")
                        if text:
                            pieces.append(("• " if element.tag == "li" else "") + text)
            else:
                loose.append(child)
        flush()
        pieces = [_trim(piece) for piece in pieces]
        self.count("break", sum(piece.count(BREAK) for piece in pieces))
        text = "<br>".join(piece for piece in pieces if piece.strip())
        text = _one_line(text.replace(BREAK, "<br>"))
        text = re.sub(r"(?<!\\)\|", r"\\|", text)
        return text, rough

    def note_definitions(self) -> list[str]:
        self.in_notes = True
        blocks = []
        for note_id, number in sorted(self.note_numbers.items(), key=lambda item: item[1]):
            item = self.notes.get(note_id)
            if item is None:
                continue
            children = [self._without_backlink(child) for child in item.children]
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

    def _without_backlink(self, node):
        if not isinstance(node, _Node):
            return node
        children = []
        for child in node.children:
            if isinstance(child, _Node) and child.tag == "a" and child.attrs.get("href", "").startswith(("#footnote-ref-", "#endnote-ref-")):
                continue
            children.append(self._without_backlink(child))
        return _Node(node.tag, node.attrs, children)

    # Inline

    def text(self, nodes: list) -> str:
        """The inline Markdown of a paragraph, trimmed, its forced line breaks counted."""
        text = _trim(self.inline(nodes, _Context()))
        self.count("break", text.count(BREAK))
        return text

    def inline(self, nodes: list, context: _Context) -> str:
        return "".join(self.inline_node(node, context) for node in nodes)

    def inline_node(self, node, context: _Context) -> str:
        if isinstance(node, str):
            if "\t" in node:
                self.count("tab", node.count("\t"))
            return _escape(_NBSP_SAFE_SPACE.sub(" ", node))
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
                self.underlined.append(_text_of(node))
            return inner
        if tag in ("sup", "sub"):
            notes_only = all(
                (isinstance(c, _Node) and c.tag == "a" and _NOTE_ID.match(c.attrs.get("href", "")))
                or (isinstance(c, _Node) and c.tag in ("sup", "sub"))
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

    def link(self, node: _Node, context: _Context) -> str:
        href = node.attrs.get("href")
        inner = self.inline(node.children, _Context(context.heading, context.cell, link=href is not None))
        if href is None:
            return inner  # a Word bookmark: the heading ids take their place
        note = _NOTE_ID.match(href)
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
                self.lost_links.append(_text_of(node))
                return inner
            self.links.append((_text_of(node), f"#{slug}"))
            return f"[{inner}](#{slug})"
        self.links.append((_text_of(node), href))
        if _one_line(_text_of(node)) == href and re.match(r"(?:https?|ftp)://\S+$|mailto:\S+$", href) and not context.cell:
            return f"<{_url(href)}>"
        return f"[{inner}]({_url(href)})"

    def image(self, node: _Node, context: _Context) -> str:
        if node.attrs.get("data-docx-failed"):
            return ""
        name = node.attrs.get("data-docx-name", "")
        alt = _one_line(_NBSP_SAFE_SPACE.sub(" ", node.attrs.get("alt", "")))
        escaped = re.sub(r"([\\\[\]])", r"\\\1", alt).replace(" ", PROTECTED)
        if not alt:
            self.image_lines.append(
                f"Image {name} extraite SANS texte alternatif : décrivez-la entre les crochets de ![](…{name}) "
                "pour les personnes qui ne la voient pas (ou laissez vide si elle est purement décorative)."
            )
        elif _AUTOMATIC_ALT.search(alt):
            self.image_lines.append(
                f"Image {name} extraite ; son texte alternatif a été généré automatiquement par Word "
                f"({_quote(alt)}) : réécrivez-le pour dire ce que l'image montre."
            )
        else:
            self.image_lines.append(f"Image {name} extraite, texte alternatif : {_quote(alt, 80)}.")
        return f"![{escaped}]({node.attrs.get('src', '')})"

    # The review list

    def changes(self) -> list[str]:
        lines: list[str] = []
        c = self.counts.get
        if self.headings:
            lines.append(
                f"{_n(len(self.headings), 'titre repris', 'titres repris')}, chacun avec un identifiant : c'est l'adresse "
                "permanente de la section, à vérifier avant publication puis à ne plus changer."
            )
            for level, text, slug in self.headings:
                lines.append(f"Titre de niveau {level} {_quote(text)} → {'#' * level} … {{ #{slug} }}")
            level_ones = sum(1 for level, _, _ in self.headings if level == 1)
            if level_ones > 1:
                lines.append(
                    f"Le document a {level_ones} titres de niveau 1 : un chapitre n'en a normalement qu'un (son titre) ; "
                    "les autres devraient sans doute être de niveau 2 (##)."
                )
            previous = 0
            for level, text, _ in self.headings:
                if previous and level > previous + 1:
                    lines.append(
                        f"Le titre {_quote(text)} (niveau {level}) suit un titre de niveau {previous} : un niveau est sauté."
                    )
                previous = level
        else:
            lines.append(
                "Aucun titre trouvé : dans Word, appliquez les styles « Titre 1 », « Titre 2 »… aux titres "
                "(sinon le site ne peut pas les reconnaître)."
            )
        if c("title-style"):
            lines.append("Le style Word « Titre » a été repris comme titre de niveau 1 (#).")
        for text in self.bold_paragraphs[:5]:
            lines.append(
                f"Le paragraphe {_quote(text)} est tout en gras : si c'est un titre, appliquez-lui un style "
                "« Titre » dans Word, ou écrivez-le « ## … » dans le Markdown."
            )
        if c("paragraph"):
            lines.append(
                f"{_n(c('paragraph'), 'paragraphe repris', 'paragraphes repris')}, lignes coupées vers "
                f"{WIDTH} caractères (le texte n'est pas modifié)."
            )
        formats = [f"{label} ({c(key)})" for key, label in (("strong", "gras"), ("em", "italique")) if c(key)]
        if formats:
            lines.append("Mises en forme gardées : " + ", ".join(formats) + ".")
        kinds = [text for text in (
            c("ul") and _n(c("ul"), "liste à puces", "listes à puces"),
            c("ol") and _n(c("ol"), "liste numérotée", "listes numérotées") + " (le site recalcule les numéros)",
        ) if text]
        if kinds:
            lines.append("Reprises : " + " et ".join(kinds) + ", avec leurs sous-niveaux.")
        if c("quote"):
            lines.append(f"{_n(c('quote'), 'citation reprise', 'citations reprises')} (style « Citation ») en bloc de citation (>).")
        for text, href in self.links:
            lines.append(f"Lien {_quote(text)} → {href}")
        for text in self.lost_links:
            lines.append(
                f"Le lien interne {_quote(text)} pointait vers un signet Word qui n'est pas un titre : gardé comme texte simple."
            )
        notes = c("footnote", 0) + c("endnote", 0)
        if notes:
            line = (
                f"{_n(notes, 'note reprise', 'notes reprises')} en notes Markdown ([^1]"
                + (f" à [^{notes}]" if notes > 1 else "")
                + "), leur texte en fin de chapitre."
            )
            if c("endnote"):
                line += f" Dont {c('endnote')} note(s) de fin, numérotées avec les notes de bas de page."
            lines.append(line)
        lines.extend(self.image_lines)
        lines.extend(self.tables)
        if self.underlined:
            examples = ", ".join(_quote(text, 30) for text in self.underlined[:3])
            lines.append(
                f"Soulignement retiré ({len(self.underlined)}, par ex. {examples}) : sur le web, un texte souligné "
                "passe pour un lien. Mettez en gras ou en italique si l'insistance compte."
            )
        if c("strike"):
            lines.append(f"Texte barré gardé tel quel ({c('strike')}) : est-ce voulu dans la version publiée ?")
        if c("break"):
            lines.append(
                f"{_n(c('break'), 'retour à la ligne forcé', 'retours à la ligne forcés')} (Maj+Entrée) dans un paragraphe : "
                + ("gardé" if c("break") == 1 else "gardés") + " comme <br>."
            )
        if c("tab"):
            lines.append(f"{_n(c('tab'), 'tabulation remplacée', 'tabulations remplacées')} par une espace.")
        if c("toc"):
            lines.append("Table des matières de Word retirée : le site affiche la sienne.")
        if c("subtitle"):
            lines.append("Le sous-titre (style « Sous-titre ») est gardé comme paragraphe ordinaire.")
        if c("checkbox"):
            lines.append(f"Cases à cocher remplacées par ☐ ou ☒ ({c('checkbox')}).")
        return lines
