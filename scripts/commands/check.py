"""`check`: everything the site checks, and what a careful editor would see, as
`file:line: problème — comment corriger`."""

from __future__ import annotations

import dataclasses
import datetime
import re
import tempfile
from pathlib import Path

from laeken.analyses import ANALYSES_DIR, load_analyses
from laeken.easy_read import glossary_acronyms, load_rules, measure
from laeken.drafts import draft_lines, find_drafts, presentation_page
from laeken.errors import ContentError, Problem
from laeken.glossary import GLOSSARY_FILE, checked_date, load_glossary, stale_sources
from laeken.interface import interface_strings
from laeken.languages import LANGUAGE_NAMES, LANGUAGES, SOURCE_LANGUAGE
from laeken.organisation import organisation_notices
from laeken.pages import file_line, heading_lines, headings, localized, read_page
from laeken.text import slugify
from laeken.translations import paragraphs
from laeken.validation import content_problems

from commands.common import build_problems_in, docs_dir, line_of, mkdocs_build

ACRONYM = re.compile(r"(?<![\w-])[A-ZÀ-Ý]{2,}(?:’s)?(?![\w-])")


def add_parser(commands) -> None:
    parser = commands.add_parser("check", help="vérifier tout le contenu", description="Vérifie le contenu comme le site (liens, ancres, adresses publiées), les métadonnées, les sigles sans entrée de glossaire, les sources du glossaire vérifiées il y a plus d'un an l’alignement français/néerlandais et les règles des pages Facile à lire (docs/_data/easy_read.yml), et liste ce que seule la Coordination peut compléter (docs/_data/organisation.yml). Une ligne par problème : fichier:ligne: problème — comment corriger.")
    parser.add_argument("--no-build", action="store_true", help="ne pas construire le site (plus rapide)")


IMAGE_WITHOUT_TEXT = re.compile(r"!\[\s*\]\(|<img\b(?![^>]*\balt=\"[^\"]+\")[^>]*>")


def _editor_problems(path: Path, meta: dict, body: str) -> list[Problem]:
    """What a careful editor would see in a page beyond its front matter: several `#` titles,
    headings without id, images without text. (Template text left makes the page a draft:
    laeken/drafts.py finds it, and `check` lists it with the drafts.)"""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if IMAGE_WITHOUT_TEXT.search(line):
            found.append(Problem(path, "une image n’a pas de texte de remplacement", number,
                                 "décrivez-la entre les crochets : ![Ce que montre l’image](image.png)"))
    titles = [line for line, level, _, _ in heading_lines(body) if level == 1]
    for line in titles[1:]:
        found.append(Problem(path, f"la page a plusieurs titres `#` (le premier ligne {file_line(path, body, titles[0])})",
                             file_line(path, body, line), "gardez un seul titre `#` ; les parties commencent par `##`"))
    for line, _, text, heading_id in heading_lines(body):
        if not heading_id:
            found.append(Problem(path, f"le titre « {text} » n’a pas d’identifiant", file_line(path, body, line),
                                 f"ajoutez-le à la fin du titre, il ne changera plus : `{{ #{slugify(text)} }}`"))
    return found


def _stale_glossary_sources(glossary, docs: Path, today: datetime.date, where) -> list[str]:
    """A warning for each glossary source read more than a year before `today`: the page may
    have changed since (a warning, not an error: the site stays right as long as nobody knows
    otherwise, and the build does not fail on the calendar)."""
    ui = interface_strings(docs, SOURCE_LANGUAGE)
    return [
        f"{where(docs / GLOSSARY_FILE, source.line)}: entrée `{entry.id}`, partie {LANGUAGE_NAMES[lang]} : la source "
        f"« {source.title} » a été vérifiée le {checked_date(source.checked, ui)}, il y a plus d’un an — relisez "
        f"{source.url} : si elle dit toujours ce que dit la définition, mettez `checked: {today.isoformat()}` ; "
        "sinon corrigez la définition (ou retirez le fait qu’aucune page officielle n’appuie plus)"
        for entry, lang, source in stale_sources(glossary, today)
    ]


def collect_problems(root: Path, build: bool = True, today: datetime.date | None = None) -> tuple[list[str], list[str]]:
    """(errors, warnings), each `file:line: problème — comment corriger`. `today`: the day the
    glossary's source checks are measured from (tests set it; by default, today)."""
    docs = docs_dir(root)
    # What the build needs is an error everywhere. What a careful editor asks for on top of it
    # (recommended fields, the checks above) is an error on a finished page, and a warning on a
    # draft: it is listed as work that remains, and publish leaves the draft out meanwhile.
    needed = set(content_problems(docs))
    drafts = find_drafts(docs)
    found = [problem if problem in needed or Path(problem.path).resolve() not in drafts
             else dataclasses.replace(problem, warning=True)
             for problem in content_problems(docs, strict=True, page_checks=(_editor_problems,))]
    problems = sorted(found, key=lambda problem: (str(problem.path), problem.line or 0))  # file by file, top to bottom
    errors = [problem.text(root) for problem in problems if not problem.warning]
    warnings = [problem.text(root) for problem in problems if problem.warning]
    if drafts:
        warnings += draft_lines(root, docs)  # shown in the preview, left out by publish
    if errors:
        return errors, warnings  # the rest reads the same files, and the build would stop on the same

    def where(path: Path, line: int | None = None) -> str:
        return Problem(path, "", line).where(root)

    glossary = load_glossary(docs)
    warnings += _stale_glossary_sources(glossary, docs, today or datetime.date.today(), where)
    glossary_forms = {form for entry in glossary for form in entry.forms(SOURCE_LANGUAGE)}
    glossary_forms |= {form.removesuffix("’s") for form in glossary_forms}
    for analysis in load_analyses(docs):
        pages = [(docs / ANALYSES_DIR / analysis.folder / "index", True)]
        pages += [(chapter.base, False) for chapter in analysis.chapters]
        if not analysis.chapters and presentation_page(docs, analysis.folder).resolve() not in drafts:
            errors.append(f"{where(docs / ANALYSES_DIR / analysis.folder)}: l’analyse n’a aucun chapitre — "
                          "importez-en un (`python3 scripts/analyses.py import FICHIER --into DOSSIER`) "
                          "ou écrivez-le dans une page du dossier, avec `order: 1` dans son en-tête")
        for base, is_index in pages:
            french = localized(base, SOURCE_LANGUAGE)
            french_meta, french_body = read_page(french)
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
            dutch = localized(base, "nl")
            if not dutch.exists():
                continue
            dutch_meta, dutch_body = read_page(dutch)
            french_ids = {h[2] for h in headings(french_body)}
            dutch_ids = {h[2] for h in headings(dutch_body)}
            for missing in sorted(i for i in french_ids - dutch_ids if i):
                errors.append(
                    f"{where(dutch)}: le titre {{ #{missing} }} du français manque en néerlandais — "
                    "donnez au titre traduit le même identifiant"
                )
            for extra in sorted(i for i in dutch_ids - french_ids if i):
                errors.append(
                    f"{where(dutch, line_of(dutch, '#' + extra))}: l'identifiant {{ #{extra} }} n'existe pas "
                    "en français — utilisez celui du titre français"
                )
            french_count, dutch_count = len(paragraphs(french_body)), len(paragraphs(dutch_body))
            if french_count != dutch_count:
                errors.append(
                    f"{where(dutch)}: {dutch_count} paragraphes en néerlandais pour {french_count} en français — "
                    "chaque paragraphe traduit garde son numéro : un paragraphe néerlandais par paragraphe français"
                )
    easy_errors, easy_warnings = _easy_read_problems(docs, glossary, load_analyses(docs), where)
    errors += easy_errors
    warnings += easy_warnings
    if build and not errors:
        errors += _build_problems(root)
    return errors, warnings


def _easy_read_problems(docs: Path, glossary, analyses, where) -> tuple[list[str], list[str]]:
    """Every easy-read page measured against docs/_data/easy_read.yml (GUIDE.md, « Facile à lire »)."""
    rules = load_rules(docs)
    errors, warnings = [], []
    for analysis in analyses:
        if not analysis.easy_read:
            continue
        if rules is None:
            errors.append(f"{where(docs / '_data' / 'easy_read.yml')}: ce fichier manque, il donne les règles des "
                          "pages Facile à lire — recopiez-le depuis le site de la Coordination")
            break
        for lang in LANGUAGES:
            path = localized(analysis.easy_read.base, lang)
            if not path.exists():
                continue
            _, body = read_page(path)
            for line, message, fix, warning in measure(body, lang, rules, glossary_acronyms(glossary, lang)):
                at = file_line(path, body, line) if line else None
                (warnings if warning else errors).append(f"{where(path, at)}: Facile à lire : {message} — {fix}")
    return errors, warnings


def _build_problems(root: Path) -> list[str]:
    """Everything the strict build checks (links, anchors, permanent links...)."""
    with tempfile.TemporaryDirectory() as tmp:
        return build_problems_in(mkdocs_build(root, Path(tmp) / "site"), root)



def coordination_notices(root: Path) -> list[str]:
    """What only the coordination can say and has not said yet (docs/_data/organisation.yml):
    not a problem of the site, which leaves it out, so neither an error nor a warning."""
    try:
        return [problem.text(root) for problem in organisation_notices(docs_dir(root))]
    except ContentError:
        return []  # a mistake in the file: listed with the errors


def run(args, root: Path) -> int:
    errors, warnings = collect_problems(root, build=not args.no_build)
    notices = [] if errors else coordination_notices(root)  # errors first: they stop publish
    if errors:
        print(f"Erreurs ({len(errors)}) — à corriger avant de publier :")
        for line in errors:
            print(f"  {line}")
    if warnings:
        print(f"Avertissements ({len(warnings)}) — à vérifier :")
        for line in warnings:
            print(f"  {line}")
    if notices:
        print(f"À compléter par la Coordination, quand elle le souhaite ({len(notices)}) — pas des erreurs, "
              "le site n’invente rien à la place :")
        for line in notices:
            print(f"  {line}")
    if not errors and not warnings:
        print("Tout est en ordre.")
    elif not errors:
        print("Pas d'erreur.")
    return 1 if errors else 0
