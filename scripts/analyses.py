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
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(SCRIPTS))
from commands import check, importing, new, publish, translations  # noqa: E402
from commands.common import Problem, UsageProblem  # noqa: E402
from laeken.errors import ContentError  # noqa: E402

ROOT = SCRIPTS.parent


class FrenchParser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(2, f"Commande mal écrite : {message}\nAide : python scripts/analyses.py --help\n")


def parser() -> argparse.ArgumentParser:
    main = FrenchParser(prog="python scripts/analyses.py", description=__doc__,
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    main.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    commands = main.add_subparsers(dest="command", required=True, parser_class=FrenchParser, metavar="COMMANDE")
    for command in COMMANDS.values():
        command.add_parser(commands)
    return main


COMMANDS = {"new": new, "import": importing, "check": check, "translations": translations, "publish": publish}


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    try:
        return COMMANDS[args.command].run(args, args.root.resolve())
    except UsageProblem as problem:
        print(f"Commande mal écrite : {problem}", file=sys.stderr)
        return 2
    except Problem as problem:
        print(f"Problème : {problem}", file=sys.stderr)
        return 1
    except ContentError as error:
        print(f"Problème : {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
