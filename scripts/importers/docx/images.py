"""Images: mammoth hands each one to ImageCollector (its bytes kept once, under a safe file
name); ImageWriter writes `![alt](prefix + name)` and says what to check about it."""

from __future__ import annotations

import hashlib
import re

import mammoth

from importers.docx.inline import Context
from importers.docx.review import n, quote
from importers.docx.tree import Node
from importers.markdown import PROTECTED, one_line, url

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
_SPACES = re.compile(r"[ \t\r\n\f\v]+")  # not str.split(): it would eat non-breaking spaces


class ImageCollector:
    """mammoth's image converter: keeps each image's bytes under a file name, once."""

    def __init__(self):
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
                # the content type comes from the file: only letters and digits reach a file name
                extension = (mammoth.images.image_filename_extension(image) or "").split("+")[0].lower()
                extension = re.sub(r"[^a-z0-9]", "", extension)[:8] or "bin"
            name = f"image-{len(self.files) + 1}.{extension}"
            self.files[name] = data
            self.by_hash[digest] = name
        return {"src": "", "data-docx-name": name}

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
            lines.append(f"{n(self.failed, 'image illisible', 'images illisibles')} dans le document : non reprise(s).")
        return lines


class ImageWriter:
    """The converter's part for images (state: image_prefix, image_lines)."""

    def image(self, node: Node, context: Context) -> str:
        if node.attrs.get("data-docx-failed"):
            return ""
        name = node.attrs.get("data-docx-name", "")
        alt = one_line(_SPACES.sub(" ", node.attrs.get("alt", "")))
        escaped = re.sub(r"([\\\[\]])", r"\\\1", alt).replace(" ", PROTECTED)
        if not alt:
            self.image_lines.append(
                f"Image {name} extraite SANS texte alternatif : décrivez-la entre les crochets de ![](…{name}) "
                "pour les personnes qui ne la voient pas (ou laissez vide si elle est purement décorative)."
            )
        elif _AUTOMATIC_ALT.search(alt):
            self.image_lines.append(
                f"Image {name} extraite ; son texte alternatif a été généré automatiquement par Word "
                f"({quote(alt)}) : réécrivez-le pour dire ce que l'image montre."
            )
        else:
            self.image_lines.append(f"Image {name} extraite, texte alternatif : {quote(alt, 80)}.")
        return f"![{escaped}]({url(self.image_prefix + name)})"

