"""`import`: a chapter from a Word document (.docx) or an OCR text (.txt)."""

from __future__ import annotations

import re
from pathlib import Path

from laeken.analyses import ANALYSES_DIR, load_analyses
from laeken.text import slugify

from commands.common import Problem, UsageProblem, docs_dir


def add_parser(commands) -> None:
    parser = commands.add_parser("import", help="importer un chapitre (Word .docx ou texte OCR)", description="Importe un chapitre depuis un document Word (.docx) ou un texte OCR (.txt) et l'écrit comme nouveau fichier, sans jamais en écraser un. Liste toutes les modifications à relire.")
    parser.add_argument("file", metavar="FICHIER")
    parser.add_argument("--into", required=True, metavar="ANALYSE", help="le dossier de l'analyse, par exemple 2020-virtualisation")
    parser.add_argument("--chapter", metavar="SLUG", help="nom court du chapitre (par défaut : le nom du fichier)")


def _is_docx(path: Path) -> bool:
    with path.open("rb") as handle:
        return path.suffix.lower() == ".docx" or handle.read(2) == b"PK"


def run(args, root: Path) -> int:
    source = Path(args.file)
    if not source.is_file():
        raise Problem(f"Le fichier {source} n'existe pas.")
    folder = docs_dir(root) / ANALYSES_DIR / args.into
    if not (folder / "index.fr.md").exists():
        known = [a.folder for a in load_analyses(docs_dir(root))]
        raise Problem(f"L'analyse « {args.into} » n'existe pas. Analyses connues : {', '.join(known) or 'aucune'}.")
    slug = args.chapter or slugify(source.stem, fallback="chapitre")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) or slug == "index":
        raise UsageProblem(f"« {slug} » ne convient pas comme nom de chapitre : minuscules, chiffres et tirets (--chapter).")
    target = folder / f"{slug}.fr.md"
    if target.exists():
        raise Problem(f"{target.relative_to(root)} existe déjà : rien n'a été modifié. Choisissez un autre nom avec --chapter.")
    images: dict[str, bytes] = {}
    if _is_docx(source):
        from importers.docx import DocxImportError, import_docx

        try:
            result = import_docx(source, image_prefix=f"images/{slug}-")
        except DocxImportError as error:
            raise Problem(str(error)) from None
        images = result.images
    else:
        from importers.ocr import OcrImportError, import_ocr

        try:
            text = source.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            raise Problem(
                f"Le fichier {source} ne ressemble pas à du texte (caractères binaires) : "
                "s'agit-il d'un .docx ou d'un PDF ? Un texte doit être enregistré en UTF-8."
            ) from None
        try:
            result = import_ocr(text, source_name=source.name)
        except OcrImportError as error:
            raise Problem(str(error)) from None
    order = 1 + max((chapter.order for a in load_analyses(docs_dir(root)) if a.folder == args.into
                     for chapter in a.chapters), default=0)
    body = result.markdown.strip()
    if not body.lstrip().startswith("# "):
        body = f"# {slug.replace('-', ' ').capitalize()} {{ #{slug} }}\n\n" + body
    page = f"---\norder: {order}\nthemes: []\n---\n\n{body}\n"
    image_dir = folder / "images"
    clashes = [image_dir / f"{slug}-{name}" for name in images if (image_dir / f"{slug}-{name}").exists()]
    if clashes:
        raise Problem(f"{clashes[0].relative_to(root)} existe déjà : rien n'a été modifié.")
    written: list[Path] = []
    try:
        for name, data in images.items():
            image_dir.mkdir(exist_ok=True)
            path = image_dir / f"{slug}-{name}"
            path.write_bytes(data)
            written.append(path)
        partial = target.with_suffix(".md.partiel")
        partial.write_text(page, encoding="utf-8")
        partial.rename(target)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    print(f"Chapitre importé dans {target.relative_to(root)} (ordre {order}).")
    if images:
        print(f"{len(images)} image(s) enregistrée(s) dans {image_dir.relative_to(root)}.")
    print(f"À relire — {len(result.changes)} modification(s) faite(s) pendant l'import :")
    for change in result.changes:
        print(f"  - {change}")
    return 0
