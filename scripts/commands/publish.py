"""`publish`: check, record the new permanent addresses, and build the site ready to upload."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from laeken.drafts import draft_lines
from laeken.permalinks import record_new

from commands.check import collect_problems
from commands.common import Problem, build_problems_in, mkdocs_build


def add_parser(commands) -> None:
    parser = commands.add_parser("publish", help="construire le site prêt à publier", description="Vérifie tout, enregistre les nouvelles adresses publiées, et construit le site, avec le PDF de chaque analyse, dans un dossier prêt à envoyer sur le serveur.")
    parser.add_argument("--out", metavar="DOSSIER", help="le dossier de sortie (par défaut : site/)")


def run(args, root: Path) -> int:
    errors, warnings = collect_problems(root, build=False)
    if errors:
        print("La publication est arrêtée : corrigez d'abord ces erreurs.")
        for line in errors:
            print(f"  {line}")
        return 1
    out = Path(args.out).resolve() if args.out else root / "site"
    if out.exists() and any(out.iterdir()) and not (out / "sitemap.xml").exists():
        raise Problem(f"{out} n'est pas vide et ne contient pas un site déjà publié : choisissez un dossier vide avec --out.")
    staging = Path(tempfile.mkdtemp(prefix="publication-"))
    try:
        manifest = staging / "manifest.json"
        # The published site has a PDF of each analysis in each language (scripts/hooks/printing.py).
        # Drafts are left out of the published site, and so of the recorded addresses (laeken/drafts.py).
        process = mkdocs_build(root, staging / "site", {"PERMALINKS_MANIFEST": str(manifest), "SITE_PDF": "true",
                                                        "SITE_DRAFTS": "false"})
        if process.returncode != 0:
            print("La publication est arrêtée : le site ne se construit pas.")
            for line in build_problems_in(process):
                print(f"  {line}")
            return 1
        added = record_new(root, json.loads(manifest.read_text(encoding="utf-8")))
        if out.exists():
            shutil.rmtree(out)
        shutil.move(str(staging / "site"), out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"Le site est prêt à être envoyé sur le serveur : {out}")
    print(f"Avec {len(list(out.rglob('*.pdf')))} PDF (chaque analyse, en français et en néerlandais).")
    if added:
        print(f"{added} nouvelle(s) adresse(s) enregistrée(s) dans docs/_data/permalinks.yml : ajoutez ce fichier au dépôt.")
    drafts = draft_lines(root, root / "docs")
    if drafts:
        print(f"{len(drafts)} brouillon(s) laissé(s) de côté, publiés quand ils seront terminés\u00a0:")
        for line in drafts:
            print(f"  {line}")
    for line in warnings:
        if line not in drafts:
            print(f"  (avertissement) {line}")
    return 0
