"""Reading a .docx: the file checked (kind, limits), read by mammoth into HTML, and what
mammoth drops without a word found in the document's XML."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import mammoth

from importers.docx.review import n

# Beyond what a chapter needs: refused before anything is unpacked (a "zip bomb" is a small
# file that unpacks to gigabytes).
MAX_FILE_BYTES = 20_000_000
MAX_UNPACKED_BYTES = 20_000_000
MAX_ENTRIES = 1000
MAX_RATIO = 200  # unpacked / packed size of one part; Word's XML rarely exceeds 20

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


class DocxImportError(ValueError):
    """A file that cannot be imported, with a message in plain French for the coordinator."""


def to_html(path: Path, data: bytes, convert_image):
    """mammoth's result (HTML and messages) for the document's bytes."""
    try:
        return mammoth.convert_to_html(
            io.BytesIO(data), style_map=STYLE_MAP, convert_image=mammoth.images.img_element(convert_image)
        )
    except Exception as error:  # mammoth raises whatever a broken part gives (zip, XML, KeyError)
        raise DocxImportError(_unreadable(path)) from error


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",") + " Mo"


def _check_limits(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse, from the archive's table of contents alone, what no chapter needs."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise DocxImportError(
            f"Le fichier « {path.name} » contient {len(entries)} parties (au plus {MAX_ENTRIES} pour un chapitre) : "
            "ce n'est pas un document Word ordinaire, il n'a pas été ouvert — enregistrez le chapitre seul dans un nouveau document Word."
        )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        raise DocxImportError(
            f"Le fichier « {path.name} » ferait {_megabytes(unpacked)} une fois décompressé (au plus "
            f"{_megabytes(MAX_UNPACKED_BYTES)} pour un chapitre) : il n'a pas été ouvert — réduisez ses images dans Word "
            "(Fichier › Compresser les images) ou importez le chapitre en plusieurs parties."
        )
    for entry in entries:
        if entry.file_size > 1_000_000 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise DocxImportError(
                f"Le fichier « {path.name} » est compressé de façon anormale ({entry.filename} : "
                f"{_megabytes(entry.compress_size)} qui deviendraient {_megabytes(entry.file_size)}) : ce n'est pas un "
                "document Word ordinaire, il n'a pas été ouvert — enregistrez le chapitre dans un nouveau document Word."
            )


def _unreadable(path: Path) -> str:
    return (
        f"Le fichier « {path.name} » n'est pas un document Word lisible (.docx) : il est peut-être "
        "abîmé, ou c'est un ancien .doc — enregistrez-le en .docx depuis Word."
    )


def read_document(path: Path) -> bytes:
    if path.is_dir():
        raise DocxImportError(f"« {path} » est un dossier, pas un document Word (.docx).")
    if not path.exists():
        raise DocxImportError(f"Le fichier « {path} » est introuvable : vérifiez son nom et son dossier.")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise DocxImportError(
                f"Le fichier « {path.name} » pèse {_megabytes(path.stat().st_size)} (au plus "
                f"{_megabytes(MAX_FILE_BYTES)} pour un chapitre) : il n'a pas été ouvert — réduisez ses images dans Word "
                "(Fichier › Compresser les images) ou importez le chapitre en plusieurs parties."
            )
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
            _check_limits(path, archive)
            names = set(archive.namelist())
            is_odt = "mimetype" in names and b"opendocument" in archive.read("mimetype")
            broken = archive.testzip() is not None
    except DocxImportError:
        raise
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


def audit(path: Path, data: bytes) -> list[str]:
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
        found.append(f"{n(count, 'commentaire Word', 'commentaires Word')} non repris : relisez-les dans Word.")
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


def warnings(messages) -> list[str]:
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
