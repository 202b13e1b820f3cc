"""`import`: a chapter from a Word document (.docx) or an OCR text (.txt).

The chapter's address comes from the document's title (printed; --chapter chooses another).
Every argument is checked, and the document read and converted, before anything is written;
then the images and the chapter are written, and the untouched placeholder chapter that `new`
wrote is replaced. Problems elsewhere in the analysis are reported, not in the way.
"""

from __future__ import annotations

import re
from pathlib import Path

from importers import markdown
from laeken.analyses import ANALYSES_DIR, FOLDER_PATTERN, PRINT_PAGE, load_analyses
from laeken.drafts import TEMPLATE_MARK
from laeken.errors import ContentError
from laeken.languages import SOURCE_LANGUAGE
from laeken.pages import read_page
from laeken.text import ENTRY_ID, slugify
from laeken.vocabulary import load_vocabulary

from commands.common import Problem, UsageProblem, docs_dir

# What `new` writes as the first chapter: replaced by the first import while untouched.
PLACEHOLDER = "premier-chapitre"


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "import", help="importer un chapitre (Word .docx ou texte OCR)",
        description=(
            "Importe un chapitre depuis un document Word (.docx) ou un texte OCR (.txt) et l'écrit comme "
            "nouveau fichier de l'analyse, sans jamais en écraser un (seul le premier chapitre à compléter "
            "écrit par new est remplacé). L'adresse du chapitre vient du titre du document. Liste toutes les "
            "modifications à relire."
        ),
    )
    parser.add_argument("file", metavar="FICHIER")
    parser.add_argument("--into", required=True, metavar="ANALYSE",
                        help="le nom du dossier de l'analyse dans docs/analyses/, par exemple 2020-virtualisation")
    parser.add_argument("--chapter", metavar="SLUG",
                        help="l'adresse du chapitre (par défaut : tirée du titre du document), par exemple sur-le-terrain")


def _known_analyses(analyses: Path) -> list[str]:
    if not analyses.is_dir():
        return []
    return sorted(p.name for p in analyses.iterdir()
                  if p.is_dir() and FOLDER_PATTERN.match(p.name) and (p / f"index.{SOURCE_LANGUAGE}.md").is_file())


def _analysis_folder(root: Path, name: str) -> Path:
    """docs/analyses/<name>/, an existing analysis: `name` is a folder name, nothing else."""
    analyses = (docs_dir(root) / ANALYSES_DIR).resolve()
    known = _known_analyses(analyses)
    example = known[0] if known else "2021-retour-maraudes"
    candidate = (analyses / name).resolve()
    if candidate.parent != analyses or candidate.name != name or not FOLDER_PATTERN.match(name):
        raise UsageProblem(
            f"--into « {name} » : ce n'est pas un nom d'analyse — donnez seulement le nom de son dossier dans "
            f"docs/analyses/ (sans / ni ..), par exemple --into {example}."
        )
    if name not in known:
        raise Problem(
            f"--into « {name} » : l'analyse « {name} » n'existe pas. Analyses connues : {', '.join(known) or 'aucune'} "
            "(une nouvelle analyse se crée avec la commande new)."
        )
    return candidate


def _check_slug(slug: str, folder: Path, given: bool) -> Path:
    """docs/analyses/<analysis>/<slug>.fr.md, once the slug is known to be a plain address."""
    where = "--chapter" if given else "L'adresse tirée du titre"
    if not ENTRY_ID.match(slug) or slug in ("index", PRINT_PAGE):
        raise UsageProblem(
            f"{where} « {slug} » ne convient pas comme adresse de chapitre : minuscules sans accents, chiffres "
            f"et tirets, ni « index » ni « {PRINT_PAGE} » — choisissez-en une avec --chapter, par exemple --chapter sur-le-terrain."
        )
    target = (folder / f"{slug}.{SOURCE_LANGUAGE}.md").resolve()
    if target.parent != folder:
        raise UsageProblem(f"{where} « {slug} » sortirait du dossier de l'analyse — choisissez une autre adresse avec --chapter.")
    return target


def _untouched_placeholder(folder: Path) -> Path | None:
    """The first chapter `new` wrote, if its template text is still there and it has no translation."""
    path = folder / f"{PLACEHOLDER}.{SOURCE_LANGUAGE}.md"
    if not path.is_file() or any(p != path for p in folder.glob(f"{PLACEHOLDER}.*.md")):
        return None
    return path if TEMPLATE_MARK in path.read_text(encoding="utf-8", errors="replace") else None


def _next_order(folder: Path, leaving: Path | None) -> int:
    """After the last chapter; a chapter whose header cannot be read is skipped (check reports it)."""
    orders = []
    for path in folder.glob(f"*.{SOURCE_LANGUAGE}.md"):
        if path.name.startswith("index.") or path == leaving:
            continue
        try:
            order = read_page(path)[0].get("order")
        except (ContentError, OSError, UnicodeDecodeError):
            continue
        if isinstance(order, int) and not isinstance(order, bool):
            orders.append(order)
    return max(orders, default=0) + 1


def _is_docx(path: Path) -> bool:
    with path.open("rb") as handle:
        return path.suffix.lower() == ".docx" or handle.read(2) == b"PK"


def _read(source: Path):
    """The document read and checked, nothing converted yet (its `.title` is known), and
    whether it is a Word document."""
    if _is_docx(source):
        from importers.docx import DocxImportError, read_docx

        try:
            return read_docx(source), True
        except DocxImportError as error:
            raise Problem(str(error)) from None
    from importers.ocr import OcrImportError, check_size, read_ocr

    try:
        check_size(source.stat().st_size, source.name)  # before reading it
        text = source.read_bytes().decode("utf-8")
        return read_ocr(text, source_name=source.name), False
    except OcrImportError as error:
        raise Problem(str(error)) from None
    except UnicodeDecodeError:
        raise Problem(
            f"Le fichier {source} ne ressemble pas à du texte (caractères binaires) : "
            "s'agit-il d'un .docx ou d'un PDF ? Un texte doit être enregistré en UTF-8."
        ) from None


def _sectors(docs: Path) -> tuple[dict, str | None]:
    try:
        return load_vocabulary(docs, "sectors"), None
    except Exception as error:  # reported, not in the way: check says what to fix
        return {}, f"les secteurs (docs/_data/sectors.yml) n'ont pas pu être lus ({error}) : aucun titre n'a été reconnu comme section de secteur"


def run(args, root: Path) -> int:
    source = Path(args.file)
    if not source.is_file():
        raise Problem(f"{args.file} : ce fichier n'existe pas (ou c'est un dossier) — vérifiez son nom et son dossier.")
    folder = _analysis_folder(root, args.into)
    if args.chapter is not None:
        _check_slug(args.chapter, folder, given=True)
    document, is_word = _read(source)
    if args.chapter is None and document.title is None:
        where = ("dans Word, mettez le titre au style « Titre » (ou en « Titre 1 » au début, les autres titres "
                 "en « Titre 2 » et au-delà)" if is_word else
                 "écrivez le titre du chapitre seul sur la première ligne du texte, suivi d'une ligne vide")
        raise Problem(
            f"{source.name} : le document n'a pas de titre, l'adresse du chapitre ne peut pas en être tirée — "
            f"{where} ; ou donnez l'adresse avec --chapter, par exemple --chapter sur-le-terrain."
        )
    slug = args.chapter or slugify(document.title, fallback="chapitre")
    target = _check_slug(slug, folder, given=args.chapter is not None)
    placeholder = _untouched_placeholder(folder)
    taken = sorted((p for p in folder.glob(f"{slug}.*.md") if p != placeholder), key=lambda p: p.name != target.name)
    if taken:
        raise Problem(
            f"{taken[0].relative_to(root)} existe déjà : rien n'a été modifié. Choisissez une autre adresse avec --chapter."
        )
    sectors, sectors_problem = _sectors(docs_dir(root))
    if is_word:
        result = document.convert(image_prefix=f"images/{slug}-", title_id=slug, sectors=sectors)
    else:
        result = document.convert(title_id=slug, sectors=sectors)
    images = {f"{slug}-{name}": data for name, data in result.images.items()} if is_word else {}
    changes = list(result.changes)
    body = result.markdown.strip()
    if result.title is None:
        title = slug.replace("-", " ").capitalize()
        body = markdown.heading(1, markdown.escape(title), slug) + "\n\n" + body
        changes.insert(0, f"Le document n'a pas de titre : « # {title} » a été fait à partir de --chapter, remplacez-le par le vrai titre.")
    order = _next_order(folder, placeholder)
    _write(root, folder, target, f"---\norder: {order}\nthemes: []\n---\n\n{body}\n", images)
    if placeholder is not None and placeholder != target:
        placeholder.unlink()

    if args.chapter is None:
        print(f"Adresse du chapitre : {slug} (tirée du titre « {_printable(result.title)} » ; pour en choisir une autre : --chapter).")
    print(f"Chapitre importé dans {target.relative_to(root)} (ordre {order}).")
    if placeholder is not None:
        print(f"Le premier chapitre à compléter écrit par new ({placeholder.name}) a été remplacé par celui-ci.")
    if images:
        print(f"{len(images)} image(s) enregistrée(s) dans {(folder / 'images').relative_to(root)}.")
    print(f"À relire — {len(changes)} modification(s) faite(s) pendant l'import :")
    for change in changes:
        print(f"  - {_printable(change)}")
    for warning in [sectors_problem, *_problems_elsewhere(docs_dir(root))]:
        if warning:
            print(f"Attention (l'import est fait ; à corriger avant de publier) : {warning.replace(str(root) + '/', '')}")
    return 0


def _write(root: Path, folder: Path, target: Path, page: str, images: dict[str, bytes]) -> None:
    """The images, then the chapter (written aside, then renamed): all or nothing."""
    image_dir = folder / "images"
    if image_dir.exists() and (image_dir.is_symlink() or not image_dir.is_dir()):
        raise Problem(f"{image_dir.relative_to(root)} n'est pas un dossier ordinaire : rien n'a été modifié.")
    clashes = [image_dir / name for name in images if (image_dir / name).exists()]
    if clashes:
        raise Problem(f"{clashes[0].relative_to(root)} existe déjà : rien n'a été modifié.")
    made_dir = bool(images) and not image_dir.exists()
    written: list[Path] = []
    partial = target.with_name(target.name + ".partiel")
    try:
        for name, data in images.items():
            image_dir.mkdir(exist_ok=True)
            (image_dir / name).write_bytes(data)
            written.append(image_dir / name)
        partial.write_text(page, encoding="utf-8")
        partial.rename(target)
    except BaseException:
        for path in [*written, partial]:
            path.unlink(missing_ok=True)
        if made_dir and image_dir.is_dir() and not any(image_dir.iterdir()):
            image_dir.rmdir()
        raise


def _printable(text: str) -> str:
    """Text from the document, shown in the terminal: its control characters (escape
    sequences, tabs, line ends) as spaces, so that the terminal only shows it."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]+", " ", text)


def _problems_elsewhere(docs: Path) -> list[str]:
    """What the content model says about the analyses now: shown, never in the way."""
    try:
        load_analyses(docs)
    except Exception as error:  # any problem is the coordinator's to fix later, with check
        return [str(error)]
    return []
