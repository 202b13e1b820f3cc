"""`new`: start the folder of a new analysis or detailed return.

What it writes is a draft (`draft: true`, and the text still to write on lines starting with
« À compléter », see laeken/drafts.py): the site shows it with a « Brouillon » banner and
`publish` leaves it out until it is finished.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import tempfile
from pathlib import Path

import yaml

from laeken.analyses import ANALYSES_DIR, load_analyses
from laeken.drafts import TEMPLATE_MARK
from laeken.schema import FIRST_YEAR, last_year
from laeken.vocabulary import load_vocabulary

from commands.common import Problem, UsageProblem, docs_dir

DEFAULT_AUTHOR = "Coordination sociale de Laeken"
# What is created, with the agreement of French grammar.
CREATED = {"analysis": "Nouvelle analyse créée", "return": "Nouveau retour détaillé créé"}
FOLDER_MODE, FILE_MODE = 0o755, 0o644  # readable by the web server and the other accounts
NBSP = "\u00a0"

SUMMARY_TO_WRITE = f"{TEMPLATE_MARK}{NBSP}: deux ou trois phrases qui disent de quoi parle cette publication."

INDEX_TEMPLATE = """---
{title}
year: {year}
published: {published}  # mois de publication (AAAA-MM)
authors:
  - {author}
kind: {kind}
{follows}{summary}
{themes}  # voir docs/_data/themes.yml
draft: true  # brouillon{nbsp}: retirez cette ligne quand la publication est prête
---

{mark}{nbsp}: le texte d’ouverture, qui présente la publication avant ses chapitres.
"""

CHAPTER_TEMPLATE = """---
order: 1
themes: []
---

# Premier chapitre {{ #premier-chapitre }}

{mark}{nbsp}: le texte du chapitre, ou remplacez ce chapitre par un chapitre importé
(commande import).

{mark}{nbsp}: chaque titre porte un identifiant qui ne change plus une fois publié, par
exemple `## Dans les EPN {{ #epn data-sector="epn" }}` pour une section de secteur (voir
docs/_data/sectors.yml).
"""


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "new", help="créer une nouvelle analyse",
        description="Crée le dossier d’une nouvelle analyse (ou d’un retour détaillé), avec une présentation et un "
                    "premier chapitre à compléter. C’est un brouillon : le site le montre avec un bandeau "
                    "« Brouillon », et la publication le laisse de côté tant qu’il reste quelque chose à faire. "
                    "Refuse si le dossier existe.")
    parser.add_argument("year", metavar="ANNÉE", help="l’année de l’analyse, par exemple 2021")
    parser.add_argument("slug", metavar="SLUG", help="nom court pour l’adresse, par exemple retour-maraudes")
    parser.add_argument("--title", required=True, help="le titre de l’analyse")
    parser.add_argument("--summary", help="le résumé : deux ou trois phrases (sinon, à compléter dans index.fr.md)")
    parser.add_argument("--themes", metavar="THÈMES",
                        help="les thèmes, séparés par des virgules, par exemple virtualisation,fracture-numerique "
                             "(liste dans docs/_data/themes.yml)")
    parser.add_argument("--kind", choices=["analysis", "return"], default="analysis",
                        help="analysis (par défaut) ou return (retour détaillé)")
    parser.add_argument("--follows", metavar="ANALYSE",
                        help="pour un retour détaillé : l’analyse qu’il suit, par exemple 2020-virtualisation")


def french_typography(text: str) -> str:
    """Typed text as French prints it: ’ for ', « » for "", a no-break space before : ; ? ! and inside « »."""
    text = " ".join(text.split()).replace("'", "’")
    text = re.sub(r'"([^"]*)"', r"«\1»", text)  # "mot" -> « mot »
    text = re.sub(r"\s*([:;?!])", lambda m: NBSP + m.group(1), text)
    text = re.sub(r"«\s*", "«" + NBSP, text)
    text = re.sub(r"\s*»", NBSP + "»", text)
    return text.replace(NBSP + ":/", ":/")  # an address (https://...) keeps its colon


def yaml_field(name: str, value) -> str:
    """One front-matter field written by PyYAML: quotes, colons, line breaks cannot break it."""
    if isinstance(value, list):  # a list on one line: `themes: [a, b]`
        return f"{name}: " + yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1_000_000).rstrip("\n")
    return yaml.safe_dump({name: value}, allow_unicode=True, default_flow_style=False, width=1_000_000).rstrip("\n")


def _themes(argument: str | None, root: Path) -> list[str]:
    if argument is None:
        return []
    themes = [slug.strip() for slug in argument.split(",") if slug.strip()]
    known = load_vocabulary(docs_dir(root), "themes")
    unknown = [slug for slug in themes if slug not in known]
    if unknown:
        raise UsageProblem(
            f"thème{'s' if len(unknown) > 1 else ''} inconnu{'s' if len(unknown) > 1 else ''}{NBSP}: "
            f"{', '.join(unknown)} — thèmes connus{NBSP}: {', '.join(sorted(known)) or 'aucun'} "
            "(un nouveau thème s’ajoute d’abord dans docs/_data/themes.yml)."
        )
    return list(dict.fromkeys(themes))


def run(args, root: Path) -> int:
    if not re.fullmatch(r"\d{4}", args.year):
        raise UsageProblem(f"«{NBSP}{args.year}{NBSP}» n’est pas une année{NBSP}: écrivez-la en quatre chiffres, par exemple 2021.")
    if not FIRST_YEAR <= int(args.year) <= last_year():  # the range the site accepts (laeken/schema.py)
        raise UsageProblem(f"«{NBSP}{args.year}{NBSP}» n’est pas une année possible{NBSP}: "
                           f"une analyse est d’une année de {FIRST_YEAR} à {last_year()}.")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", args.slug):
        raise UsageProblem(
            f"«{NBSP}{args.slug}{NBSP}» ne convient pas comme nom court{NBSP}: utilisez des minuscules sans accents, "
            "des chiffres et des tirets, par exemple retour-maraudes."
        )
    title = french_typography(args.title)
    if not title:
        raise UsageProblem(f"Le titre est vide{NBSP}: donnez-le avec --title \"Le titre\".")
    summary = french_typography(args.summary) if args.summary and args.summary.strip() else SUMMARY_TO_WRITE
    themes = _themes(args.themes, root)
    analyses_dir = docs_dir(root) / ANALYSES_DIR
    folder = analyses_dir / f"{args.year}-{args.slug}"
    if folder.exists():
        raise Problem(f"{folder.relative_to(root)} existe déjà{NBSP}: rien n’a été modifié. Choisissez un autre nom court.")
    known = {a.folder: a for a in load_analyses(docs_dir(root))}
    follows = ""
    if args.kind == "return":
        if not args.follows:
            raise UsageProblem(f"Un retour détaillé fait suite à une analyse{NBSP}: ajoutez --follows, par exemple --follows 2020-virtualisation.")
        if args.follows not in known:
            raise Problem(
                f"L’analyse «{NBSP}{args.follows}{NBSP}» n’existe pas. Analyses connues{NBSP}: {', '.join(sorted(known)) or 'aucune'}."
            )
        follows = yaml_field("follows", args.follows) + "\n"
    elif args.follows:
        raise UsageProblem(f"--follows ne sert qu’aux retours détaillés{NBSP}: ajoutez --kind return.")
    today = datetime.date.today()
    published = f"{args.year}-{today.month:02d}" if int(args.year) == today.year else f"{args.year}-12"
    index = INDEX_TEMPLATE.format(
        title=yaml_field("title", title), year=int(args.year), published=published, author=DEFAULT_AUTHOR,
        kind=args.kind, follows=follows, summary=yaml_field("summary", summary), themes=yaml_field("themes", themes),
        mark=TEMPLATE_MARK, nbsp=NBSP,
    )
    chapter = CHAPTER_TEMPLATE.format(mark=TEMPLATE_MARK, nbsp=NBSP)
    # Written in a temporary folder first, then moved into place: all or nothing.
    staging = Path(tempfile.mkdtemp(prefix=".nouvelle-analyse-", dir=analyses_dir))
    try:
        for name, text in (("index.fr.md", index), ("premier-chapitre.fr.md", chapter)):
            (staging / name).write_text(text, encoding="utf-8")
            os.chmod(staging / name, FILE_MODE)
        os.chmod(staging, FOLDER_MODE)  # mkdtemp makes it private (0700)
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    print(f"{CREATED[args.kind]} dans {folder.relative_to(root)}{NBSP}:")
    print(f"  - index.fr.md{NBSP}: la présentation (titre, résumé, thèmes)")
    print(f"  - premier-chapitre.fr.md{NBSP}: un premier chapitre à remplir ou à remplacer (commande import)")
    print(f"C’est un brouillon{NBSP}: le site l’affiche avec un bandeau «{NBSP}Brouillon{NBSP}» qui dit ce qui reste à faire, "
          f"et la publication le laisse de côté. Complétez les lignes «{NBSP}{TEMPLATE_MARK}{NBSP}», puis retirez "
          "la ligne «\u00a0draft: true\u00a0» de index.fr.md.")
    print(f"Les pages néerlandaises n’existent pas encore{NBSP}: le site les montre comme «{NBSP}pas encore traduites{NBSP}».")
    print(f"Aperçu{NBSP}: make serve, puis http://127.0.0.1:8000/")
    return 0
