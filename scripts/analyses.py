"""L’outil des coordinateurs : commencer l’analyse de l’année, importer ses chapitres, tout
vérifier, suivre la traduction néerlandaise, publier. Le guide pas à pas : GUIDE.md.

    python3 scripts/analyses.py new ANNÉE SLUG --title TITRE [--summary RÉSUMÉ] [--themes a,b]
                                              [--kind return --follows ANALYSE]
        commencer une analyse, ou un retour détaillé sur une analyse déjà publiée
    python3 scripts/analyses.py import FICHIER --into ANALYSE [--chapter SLUG]
        ajouter un chapitre depuis un document Word (.docx) ou un texte OCR (.txt)
    python3 scripts/analyses.py check
        tout vérifier ; une ligne par problème : fichier:ligne: problème — comment corriger
    python3 scripts/analyses.py translations [--start PAGE | --mark PAGE]
        l’état des traductions néerlandaises ; commencer la traduction d’une page ;
        la marquer traduite et à jour
    python3 scripts/analyses.py publish [--out DOSSIER]
        tout vérifier et construire le site prêt à mettre en ligne (sans les brouillons)

Chaque commande a son aide : python3 scripts/analyses.py COMMANDE --help

Codes de sortie : 0 si tout va bien, 1 si des problèmes sont trouvés, 2 si la commande est
mal écrite. Aucun fichier existant n’est écrasé sans qu’on le demande, et une étape qui
échoue laisse les fichiers comme ils étaient.
"""

from __future__ import annotations

import argparse
import gettext
import importlib.util
import os
import shutil
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(SCRIPTS))  # the tool's packages: commands, laeken, importers
ROOT = SCRIPTS.parent
PROJECT_VENV = ROOT / ".venv"
# Set before re-executing in the project's environment, so that it happens at most once.
RESTARTED = "ANALYSES_RELANCE_DANS_VENV"
# What the tool and the site cannot run without (requirements.txt installs them).
NEEDED_MODULES = ("yaml", "mkdocs", "material", "mkdocs_static_i18n", "pymdownx")


def run_in_project_environment() -> None:
    """Started with another Python than the project's `.venv` (`python3 scripts/analyses.py`),
    run again with the `.venv` one, same arguments. With no usable environment, say in French
    which command sets the project up, and stop (exit 1), before anything needs MkDocs."""
    venv_python = PROJECT_VENV / "bin" / "python"
    in_project_venv = Path(sys.prefix).resolve() == PROJECT_VENV.resolve()
    if not in_project_venv and venv_python.exists() and not os.environ.get(RESTARTED):
        os.environ[RESTARTED] = "1"
        try:
            os.execv(venv_python, [str(venv_python), str(Path(__file__).resolve()), *sys.argv[1:]])
        except OSError:
            pass  # a broken .venv: the advice below says how to repair it
    missing = [name for name in NEEDED_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        sys.stderr.write(setup_advice())
        sys.exit(1)
    os.environ.pop(RESTARTED, None)


def setup_advice() -> str:
    """What stops the tool, and the one command that sets the project up."""
    if (PROJECT_VENV / "bin" / "python").exists():
        problem = "l’environnement du projet (.venv) est incomplet : MkDocs et les modules du site n’y sont pas tous installés"
        command = ".venv/bin/python -m pip install -r requirements.txt"
    else:
        problem = (f"MkDocs et les modules du site ne sont pas installés pour ce Python ({sys.executable}), "
                   "et le projet n’a pas encore son environnement (.venv)")
        use_make = shutil.which("make") and (ROOT / "Makefile").exists() and not PROJECT_VENV.exists()
        command = "make serve" if use_make else "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt"
    then = " ; elle montre ensuite le site : arrêtez-la avec Ctrl+C" if command == "make serve" else ""
    return (
        f"Problème : l’outil ne peut pas démarrer : {problem} — préparez le projet une fois "
        f"(quelques minutes, avec Internet{then}), dans le dossier {ROOT} :\n\n    {command}\n\n"
        "Relancez ensuite votre commande : l’outil se servira de cet environnement tout seul.\n"
    )


class ArgparseInFrench(gettext.NullTranslations):
    """argparse's own words (usage, headings, errors) from the French catalogue
    scripts/argparse.fr.yml; a text it lacks stays as argparse wrote it."""

    def __init__(self, catalogue: dict):
        super().__init__()
        self.catalogue = catalogue

    def gettext(self, message):
        french = self.catalogue.get(message, message)
        return french[0] if isinstance(french, list) else french

    def ngettext(self, singular, plural, n):
        if singular not in self.catalogue:
            return singular if n == 1 else plural
        singular, plural = self.catalogue[singular]
        return singular if n <= 1 else plural  # French: 0 and 1 take the singular


def speak_french() -> None:
    """argparse passes each of its texts through its module's `_` and `ngettext` (gettext's);
    answer them in French, before any parser is made (the headings are set in the constructor)."""
    import yaml

    catalogue = yaml.safe_load((SCRIPTS / "argparse.fr.yml").read_text(encoding="utf-8"))
    translation = ArgparseInFrench(catalogue)
    argparse._ = translation.gettext
    argparse.ngettext = translation.ngettext


class FrenchParser(argparse.ArgumentParser):
    def add_argument(self, *names, **options):
        # An option that takes a value shows a placeholder after it in the help; without a
        # metavar argparse makes one from the English name of the value (--title TITLE).
        takes_value = options.get("action", "store") in ("store", "append") and options.get("nargs") != 0
        if names and names[0].startswith("-") and takes_value and "metavar" not in options and "choices" not in options:
            options["metavar"] = "VALEUR"
        return super().add_argument(*names, **options)

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(2, f"Commande mal écrite : {message}\nAide : {self.prog} --help\n")


def parser() -> argparse.ArgumentParser:
    speak_french()
    main = FrenchParser(prog="python3 scripts/analyses.py", description=__doc__,
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    main.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    commands = main.add_subparsers(dest="command", required=True, parser_class=FrenchParser,
                                   metavar="COMMANDE", title="commandes")
    for command in commands_by_name().values():
        command.add_parser(commands)
    return main


def commands_by_name() -> dict:
    # Imported here, once the environment is known to hold what they need (yaml, MkDocs).
    from commands import check, importing, new, publish, translations

    return {"new": new, "import": importing, "check": check, "translations": translations, "publish": publish}


def main(argv=None) -> int:
    from commands.common import Problem, UsageProblem
    from laeken.errors import ContentError

    args = parser().parse_args(argv)
    try:
        return commands_by_name()[args.command].run(args, args.root.resolve())
    except UsageProblem as problem:
        print(f"Commande mal écrite : {problem}", file=sys.stderr)
        return 2
    except (Problem, ContentError) as problem:
        print(f"Problème : {problem}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    try:
        run_in_project_environment()
        sys.exit(main())
    except BrokenPipeError:
        # The output went to a program that stopped reading (`... | head`): as Python's
        # documentation advises, no traceback, and nothing more written to the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except KeyboardInterrupt:
        # Ctrl-C before a command takes over its own interruptions (publish does): nothing has
        # been written by then, or the command has put things back; no traceback.
        print("\nInterrompu (Ctrl+C) : rien n’a été modifié par cette étape.", file=sys.stderr)
        sys.exit(130)
