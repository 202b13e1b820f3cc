"""L'outil des coordinateurs : créer, importer, vérifier, suivre la traduction, publier.

    python scripts/analyses.py new ANNÉE SLUG --title TITRE [--kind analysis|return] [--follows ANALYSE]
    python scripts/analyses.py import FICHIER --into ANALYSE [--chapter SLUG]
    python scripts/analyses.py check
    python scripts/analyses.py translations [--mark PAGE]
    python scripts/analyses.py publish [--out DOSSIER]

Codes de sortie : 0 si tout va bien, 1 si des problèmes sont trouvés, 2 si la commande est
mal écrite. Aucun fichier existant n'est jamais écrasé sans qu'on le demande, et une étape
qui échoue laisse les fichiers comme ils étaient.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(SCRIPTS))
import content  # noqa: E402

ROOT = SCRIPTS.parent
DEFAULT_AUTHOR = "Coordination sociale de Laeken"
ACRONYM = re.compile(r"(?<![\w-])[A-ZÀ-Ý]{2,}(?:’s)?(?![\w-])")
KIND_NAMES = {"analysis": "analyse", "return": "retour détaillé"}


class Problem(Exception):
    """Something the coordinator must fix; the message says what and how, in French."""


class UsageProblem(Problem):
    """The command itself is wrongly written (exit code 2)."""


def docs_dir(root: Path) -> Path:
    return root / "docs"


# --- new -------------------------------------------------------------------------------------------

INDEX_TEMPLATE = """---
title: {title}
year: {year}
published: {published}  # mois de publication (AAAA-MM)
authors:
  - {author}
kind: {kind}
{follows}summary: >-
  À compléter : deux ou trois phrases qui disent de quoi parle cette analyse.
themes: []  # voir docs/_data/themes.yml
---

À compléter : le texte d’ouverture de l’analyse.
"""

CHAPTER_TEMPLATE = """---
order: 1
themes: []
---

# Premier chapitre {{ #premier-chapitre }}

À compléter : le texte du chapitre. Chaque titre porte un identifiant qui ne change plus
une fois publié, par exemple `## Dans les EPN {{ #epn data-sector="epn" }}` pour une section
de secteur (voir docs/_data/sectors.yml).
"""


def command_new(args, root: Path) -> int:
    if not re.fullmatch(r"\d{4}", args.year) or not 1990 <= int(args.year) <= 2100:
        raise UsageProblem(f"« {args.year} » n'est pas une année : écrivez-la en quatre chiffres, par exemple 2021.")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", args.slug):
        raise UsageProblem(
            f"« {args.slug} » ne convient pas comme nom court : utilisez des minuscules sans accents, "
            "des chiffres et des tirets, par exemple retour-maraudes."
        )
    if not args.title.strip():
        raise UsageProblem("Le titre est vide : donnez-le avec --title \"Le titre\".")
    analyses_dir = docs_dir(root) / content.ANALYSES_DIR
    folder = analyses_dir / f"{args.year}-{args.slug}"
    if folder.exists():
        raise Problem(f"{folder.relative_to(root)} existe déjà : rien n'a été modifié. Choisissez un autre nom court.")
    known = {a.folder: a for a in content.load_analyses(docs_dir(root))}
    follows = ""
    if args.kind == "return":
        if not args.follows:
            raise UsageProblem("Un retour détaillé fait suite à une analyse : ajoutez --follows, par exemple --follows 2020-virtualisation.")
        if args.follows not in known:
            raise Problem(
                f"L'analyse « {args.follows} » n'existe pas. Analyses connues : {', '.join(sorted(known)) or 'aucune'}."
            )
        follows = f"follows: {args.follows}\n"
    elif args.follows:
        raise UsageProblem("--follows ne sert qu'aux retours détaillés : ajoutez --kind return.")
    published = f"{args.year}-{datetime.date.today().month:02d}" if int(args.year) == datetime.date.today().year else f"{args.year}-12"
    title = args.title.strip().replace('"', "'")
    index = INDEX_TEMPLATE.format(
        title=f'"{title}"', year=int(args.year), published=published, author=DEFAULT_AUTHOR,
        kind=args.kind, follows=follows,
    )
    # Written in a temporary folder first, then moved into place: all or nothing.
    staging = Path(tempfile.mkdtemp(prefix=".nouvelle-analyse-", dir=analyses_dir))
    try:
        (staging / "index.fr.md").write_text(index, encoding="utf-8")
        (staging / "premier-chapitre.fr.md").write_text(CHAPTER_TEMPLATE, encoding="utf-8")
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    print(f"Nouvelle {KIND_NAMES[args.kind]} créée dans {folder.relative_to(root)} :")
    print("  - index.fr.md : la présentation (titre, résumé, thèmes à compléter)")
    print("  - premier-chapitre.fr.md : un premier chapitre à remplir ou à remplacer (commande import)")
    print("Les pages néerlandaises n'existent pas encore : le site les montre comme « pas encore traduites ».")
    print("Aperçu : make serve, puis http://127.0.0.1:8000/")
    return 0


# --- import ----------------------------------------------------------------------------------------


def _is_docx(path: Path) -> bool:
    with path.open("rb") as handle:
        return path.suffix.lower() == ".docx" or handle.read(2) == b"PK"


def command_import(args, root: Path) -> int:
    source = Path(args.file)
    if not source.is_file():
        raise Problem(f"Le fichier {source} n'existe pas.")
    folder = docs_dir(root) / content.ANALYSES_DIR / args.into
    if not (folder / "index.fr.md").exists():
        known = [a.folder for a in content.load_analyses(docs_dir(root))]
        raise Problem(f"L'analyse « {args.into} » n'existe pas. Analyses connues : {', '.join(known) or 'aucune'}.")
    slug = args.chapter or content.slugify(source.stem, fallback="chapitre")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) or slug == "index":
        raise UsageProblem(f"« {slug} » ne convient pas comme nom de chapitre : minuscules, chiffres et tirets (--chapter).")
    target = folder / f"{slug}.fr.md"
    if target.exists():
        raise Problem(f"{target.relative_to(root)} existe déjà : rien n'a été modifié. Choisissez un autre nom avec --chapter.")
    images: dict[str, bytes] = {}
    if _is_docx(source):
        from docx_import import DocxImportError, import_docx

        try:
            result = import_docx(source, image_prefix=f"images/{slug}-")
        except DocxImportError as error:
            raise Problem(str(error)) from None
        images = result.images
    else:
        from ocr_import import OcrImportError, import_ocr

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
    order = 1 + max((chapter.order for a in content.load_analyses(docs_dir(root)) if a.folder == args.into
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


# --- check -----------------------------------------------------------------------------------------


def _paragraph_count(body: str) -> int:
    """Top-level text paragraphs of a Markdown body (what the site numbers §1, §2...)."""
    count = 0
    for block in re.split(r"\n\s*\n", body):
        lines = [line for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        first = lines[0].lstrip()
        if first.startswith(("#", "-", "*", "+", "<", "!!!", "???", "|", ">", "```", "{", "[^")) or re.match(r"\d+\.\s", first):
            continue
        if lines[0].startswith(("    ", "\t")):
            continue
        count += 1
    return count


def _line_of(path: Path, needle: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    return None


def collect_problems(root: Path, build: bool = True) -> tuple[list[str], list[str]]:
    """(errors, warnings), each `file:line: problème — comment corriger`."""
    docs = docs_dir(root)
    errors: list[str] = []
    warnings: list[str] = []

    def where(path: Path, line: int | None = None) -> str:
        relative = path.relative_to(root) if path.is_absolute() and root in path.parents else path
        return f"{relative}:{line}" if line else f"{relative}"

    for loader in (lambda: content.load_analyses(docs), lambda: content.load_glossary(docs),
                   lambda: content.load_vocabulary(docs, "themes"), lambda: content.load_vocabulary(docs, "sectors")):
        try:
            loader()
        except content.ContentError as error:
            errors.append(f"{where(error.path, error.line)}: {error.message}")
    if errors:
        return errors, warnings  # the rest reads the same files

    glossary_forms = {form for entry in content.load_glossary(docs) for form in entry.forms(content.SOURCE_LANGUAGE)}
    glossary_forms |= {form.removesuffix("’s") for form in glossary_forms}
    for analysis in content.load_analyses(docs):
        pages = [(docs / content.ANALYSES_DIR / analysis.folder / "index", True)]
        pages += [(chapter.base, False) for chapter in analysis.chapters]
        for base, is_index in pages:
            french = content.localized(base, content.SOURCE_LANGUAGE)
            french_meta, french_body = content.read_page(french)
            for number, line in enumerate(french.read_text(encoding="utf-8").splitlines(), start=1):
                if line.lstrip().startswith("#"):
                    continue
                for match in ACRONYM.finditer(line):
                    word = match.group(0).removesuffix("’s")
                    if word not in glossary_forms:
                        warnings.append(
                            f"{where(french, number)}: le sigle « {word} » n'est pas dans le glossaire — "
                            "ajoutez-le à docs/_data/glossary.yml pour que les lecteurs aient sa définition"
                        )
            dutch = content.localized(base, "nl")
            if not dutch.exists():
                continue
            dutch_meta, dutch_body = content.read_page(dutch)
            french_ids = {h[2] for h in content.headings(french_body)}
            dutch_ids = {h[2] for h in content.headings(dutch_body)}
            for missing in sorted(i for i in french_ids - dutch_ids if i):
                errors.append(
                    f"{where(dutch)}: le titre {{ #{missing} }} du français manque en néerlandais — "
                    "donnez au titre traduit le même identifiant"
                )
            for extra in sorted(i for i in dutch_ids - french_ids if i):
                errors.append(
                    f"{where(dutch, _line_of(dutch, '#' + extra))}: l'identifiant {{ #{extra} }} n'existe pas "
                    "en français — utilisez celui du titre français"
                )
            french_count, dutch_count = _paragraph_count(french_body), _paragraph_count(dutch_body)
            if french_count != dutch_count:
                errors.append(
                    f"{where(dutch)}: {dutch_count} paragraphes en néerlandais pour {french_count} en français — "
                    "chaque paragraphe traduit garde son numéro : un paragraphe néerlandais par paragraphe français"
                )
            if is_index:
                extra_fields = set(dutch_meta) - set(content.TRANSLATED_FIELDS) - {content.HASH_FIELD}
                for name in sorted(extra_fields):
                    warnings.append(
                        f"{where(dutch, _line_of(dutch, name + ':'))}: le champ « {name} » est ignoré en néerlandais "
                        "(il est repris du français) — retirez-le de la page néerlandaise"
                    )
    if build:
        errors += _build_problems(root)
    return errors, warnings


def _build_problems(root: Path) -> list[str]:
    """Everything the strict build checks (links, anchors, permanent links...)."""
    with tempfile.TemporaryDirectory() as tmp:
        return _problems_in(_mkdocs_build(root, Path(tmp) / "site"))


def _problems_in(process: subprocess.CompletedProcess) -> list[str]:
    """The errors of a finished build, one line each."""
    if process.returncode == 0:
        return []
    found = []
    for line in (process.stdout + process.stderr).splitlines():
        if line.startswith(("WARNING", "ERROR")) or line.strip().startswith("- "):
            message = line.split("-", 1)[1].strip() if line.startswith(("WARNING", "ERROR")) else line.strip()
            if message and "Aborted" not in message:
                found.append(f"mkdocs.yml: {message} — le site ne se construit pas tant que ce n'est pas corrigé")
    return found or ["mkdocs.yml: la construction du site a échoué — lancez make build pour voir le détail"]


def _mkdocs_build(root: Path, site_dir: Path, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(extra_env or {}))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=root, env=env, capture_output=True, text=True,
    )


def command_check(args, root: Path) -> int:
    errors, warnings = collect_problems(root, build=not args.no_build)
    if errors:
        print(f"Erreurs ({len(errors)}) — à corriger avant de publier :")
        for line in errors:
            print(f"  {line}")
    if warnings:
        print(f"Avertissements ({len(warnings)}) — à vérifier :")
        for line in warnings:
            print(f"  {line}")
    if not errors and not warnings:
        print("Tout est en ordre.")
    elif not errors:
        print("Pas d'erreur.")
    return 1 if errors else 0


# --- translations ----------------------------------------------------------------------------------

STATUS_NAMES = {
    "up-to-date": "traduite, à jour",
    "outdated": "À METTRE À JOUR (le français a changé)",
    "missing": "MANQUANTE",
    "unmarked": "traduite, jamais marquée à jour",
}


def french_pages(root: Path) -> list[Path]:
    docs = docs_dir(root)
    return sorted(p for p in docs.rglob(f"*.{content.SOURCE_LANGUAGE}.md") if "_data" not in p.relative_to(docs).parts)


def _page_path(root: Path, argument: str) -> Path:
    """PAGE as given (docs/a-propos.md, a-propos, analyses/x/y.nl.md...) -> the French file."""
    docs = docs_dir(root)
    text = argument.removeprefix("docs/").removesuffix(".md").removesuffix(".nl").removesuffix(".fr")
    french = docs / f"{text}.{content.SOURCE_LANGUAGE}.md"
    if not french.exists():
        raise Problem(
            f"La page « {argument} » n'existe pas en français (cherchée : {french.relative_to(root)}). "
            "Donnez son chemin sous docs/, par exemple analyses/2020-virtualisation/sur-le-terrain."
        )
    return french


def set_front_matter_field(path: Path, name: str, value: str) -> None:
    """Set one `name: value` line of a page's front matter, leaving every other line as it is."""
    text = path.read_text(encoding="utf-8")
    line = f"{name}: {value}"
    match = content.FRONT_MATTER.match(text)
    if match:
        block = match.group("yaml") or ""
        pattern = re.compile(rf"^{re.escape(name)}:.*$", re.MULTILINE)
        block = pattern.sub(line, block) if pattern.search(block) else block + line + "\n"
        new_text = f"---\n{block}---\n" + text[match.end():]
    else:
        new_text = f"---\n{line}\n---\n\n" + text
    partial = path.with_suffix(".md.partiel")
    partial.write_text(new_text, encoding="utf-8")
    partial.replace(path)


def command_translations(args, root: Path) -> int:
    if args.mark:
        french = _page_path(root, args.mark)
        dutch = french.with_name(french.name.replace(".fr.md", ".nl.md"))
        if not dutch.exists():
            raise Problem(f"{dutch.relative_to(root)} n'existe pas : il n'y a pas encore de traduction à marquer.")
        set_front_matter_field(dutch, content.HASH_FIELD, content.source_hash(french))
        print(f"{dutch.relative_to(root)} est marquée à jour par rapport au français.")
        return 0
    rows = []
    for french in french_pages(root):
        status = content.translation_status(french, "nl")
        page = str(french.relative_to(docs_dir(root))).removesuffix(".fr.md")
        rows.append((page, status))
    width = max(len(page) for page, _ in rows)
    print(f"{'page'.ljust(width)}  néerlandais")
    for page, status in rows:
        print(f"{page.ljust(width)}  {STATUS_NAMES[status]}")
    todo = [row for row in rows if row[1] in ("missing", "outdated")]
    print(f"\n{len(rows) - len(todo)} page(s) traduite(s), {len(todo)} à traduire ou à mettre à jour.")
    if todo:
        print("Une fois une traduction faite ou revue : python scripts/analyses.py translations --mark PAGE")
    return 0


# --- publish ---------------------------------------------------------------------------------------


def command_publish(args, root: Path) -> int:
    errors, warnings = collect_problems(root, build=False)
    if errors:
        print("La publication est arrêtée : corrigez d'abord ces erreurs.")
        for line in errors:
            print(f"  {line}")
        return 1
    out = Path(args.out).resolve() if args.out else root / "site"
    if out.exists() and any(out.iterdir()) and not (out / "sitemap.xml").exists():
        raise Problem(f"{out} n'est pas vide et ne contient pas un site déjà publié : choisissez un dossier vide avec --out.")
    import permalinks

    staging = Path(tempfile.mkdtemp(prefix="publication-"))
    try:
        manifest = staging / "manifest.json"
        # The published site has a PDF of each analysis in each language (scripts/hooks/printing.py).
        process = _mkdocs_build(root, staging / "site", {"PERMALINKS_MANIFEST": str(manifest), "SITE_PDF": "true"})
        if process.returncode != 0:
            print("La publication est arrêtée : le site ne se construit pas.")
            for line in _problems_in(process):
                print(f"  {line}")
            return 1
        import json

        added = permalinks.record_new(root, json.loads(manifest.read_text(encoding="utf-8")))
        if out.exists():
            shutil.rmtree(out)
        shutil.move(str(staging / "site"), out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"Le site est prêt à être envoyé sur le serveur : {out}")
    print(f"Avec {len(list(out.rglob('*.pdf')))} PDF (chaque analyse, en français et en néerlandais).")
    if added:
        print(f"{added} nouvelle(s) adresse(s) enregistrée(s) dans docs/_data/permalinks.yml : ajoutez ce fichier au dépôt.")
    for line in warnings:
        print(f"  (avertissement) {line}")
    return 0


# --- command line ----------------------------------------------------------------------------------


class FrenchParser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(2, f"Commande mal écrite : {message}\nAide : python scripts/analyses.py --help\n")


def parser() -> argparse.ArgumentParser:
    main = FrenchParser(prog="python scripts/analyses.py", description=__doc__,
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    main.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    commands = main.add_subparsers(dest="command", required=True, parser_class=FrenchParser, metavar="COMMANDE")

    new = commands.add_parser("new", help="créer une nouvelle analyse", description="Crée le dossier d'une nouvelle analyse, avec une présentation et un premier chapitre à compléter. Refuse si le dossier existe.")
    new.add_argument("year", metavar="ANNÉE", help="l'année de l'analyse, par exemple 2021")
    new.add_argument("slug", metavar="SLUG", help="nom court pour l'adresse, par exemple retour-maraudes")
    new.add_argument("--title", required=True, help="le titre de l'analyse")
    new.add_argument("--kind", choices=["analysis", "return"], default="analysis", help="analysis (par défaut) ou return (retour détaillé)")
    new.add_argument("--follows", metavar="ANALYSE", help="pour un retour détaillé : l'analyse qu'il suit, par exemple 2020-virtualisation")

    imp = commands.add_parser("import", help="importer un chapitre (Word .docx ou texte OCR)", description="Importe un chapitre depuis un document Word (.docx) ou un texte OCR (.txt) et l'écrit comme nouveau fichier, sans jamais en écraser un. Liste toutes les modifications à relire.")
    imp.add_argument("file", metavar="FICHIER")
    imp.add_argument("--into", required=True, metavar="ANALYSE", help="le dossier de l'analyse, par exemple 2020-virtualisation")
    imp.add_argument("--chapter", metavar="SLUG", help="nom court du chapitre (par défaut : le nom du fichier)")

    check = commands.add_parser("check", help="vérifier tout le contenu", description="Vérifie le contenu comme le site (liens, ancres, adresses publiées), les métadonnées, les sigles sans entrée de glossaire et l'alignement français/néerlandais. Une ligne par problème : fichier:ligne: problème — comment corriger.")
    check.add_argument("--no-build", action="store_true", help="ne pas construire le site (plus rapide)")

    translations = commands.add_parser("translations", help="état des traductions néerlandaises", description="Affiche, pour chaque page, si sa traduction néerlandaise existe et si elle est à jour par rapport au français.")
    translations.add_argument("--mark", metavar="PAGE", help="marquer la traduction de PAGE (chemin sous docs/) comme à jour")

    publish = commands.add_parser("publish", help="construire le site prêt à publier", description="Vérifie tout, enregistre les nouvelles adresses publiées, et construit le site, avec le PDF de chaque analyse, dans un dossier prêt à envoyer sur le serveur.")
    publish.add_argument("--out", metavar="DOSSIER", help="le dossier de sortie (par défaut : site/)")
    return main


COMMANDS = {"new": command_new, "import": command_import, "check": command_check,
            "translations": command_translations, "publish": command_publish}


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args, args.root.resolve())
    except UsageProblem as problem:
        print(f"Commande mal écrite : {problem}", file=sys.stderr)
        return 2
    except Problem as problem:
        print(f"Problème : {problem}", file=sys.stderr)
        return 1
    except content.ContentError as error:
        print(f"Problème : {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
