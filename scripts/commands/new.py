"""`new`: start the folder of a new analysis or detailed return."""

from __future__ import annotations

import datetime
import re
import shutil
import tempfile
from pathlib import Path

from laeken.analyses import ANALYSES_DIR, load_analyses

from commands.common import Problem, UsageProblem, docs_dir

DEFAULT_AUTHOR = "Coordination sociale de Laeken"
KIND_NAMES = {"analysis": "analyse", "return": "retour détaillé"}


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



def add_parser(commands) -> None:
    parser = commands.add_parser("new", help="créer une nouvelle analyse", description="Crée le dossier d'une nouvelle analyse, avec une présentation et un premier chapitre à compléter. Refuse si le dossier existe.")
    parser.add_argument("year", metavar="ANNÉE", help="l'année de l'analyse, par exemple 2021")
    parser.add_argument("slug", metavar="SLUG", help="nom court pour l'adresse, par exemple retour-maraudes")
    parser.add_argument("--title", required=True, help="le titre de l'analyse")
    parser.add_argument("--kind", choices=["analysis", "return"], default="analysis", help="analysis (par défaut) ou return (retour détaillé)")
    parser.add_argument("--follows", metavar="ANALYSE", help="pour un retour détaillé : l'analyse qu'il suit, par exemple 2020-virtualisation")


def run(args, root: Path) -> int:
    if not re.fullmatch(r"\d{4}", args.year) or not 1990 <= int(args.year) <= 2100:
        raise UsageProblem(f"« {args.year} » n'est pas une année : écrivez-la en quatre chiffres, par exemple 2021.")
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", args.slug):
        raise UsageProblem(
            f"« {args.slug} » ne convient pas comme nom court : utilisez des minuscules sans accents, "
            "des chiffres et des tirets, par exemple retour-maraudes."
        )
    if not args.title.strip():
        raise UsageProblem("Le titre est vide : donnez-le avec --title \"Le titre\".")
    analyses_dir = docs_dir(root) / ANALYSES_DIR
    folder = analyses_dir / f"{args.year}-{args.slug}"
    if folder.exists():
        raise Problem(f"{folder.relative_to(root)} existe déjà : rien n'a été modifié. Choisissez un autre nom court.")
    known = {a.folder: a for a in load_analyses(docs_dir(root))}
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
