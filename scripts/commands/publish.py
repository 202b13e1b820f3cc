"""`publish`: check, build the site with its PDFs, put it in place of the old one, and record
the new permanent addresses.

What it guarantees (the README's "Publishing" says the same to its readers):
- It owns only what it wrote. The output folder's `.publication.json` lists those files
  with their SHA-256; the next publish replaces exactly them and keeps every other file
  of the folder (CNAME, .nojekyll, a .git checkout, uploads/...). A non-empty folder
  without that list is refused, and so is an output path that is a file, under a file,
  `/`, the project or one of its sources.
- The switch is atomic for readers: the new site is built in a hidden folder beside the
  output (same filesystem), the files publish does not own are linked into it, and the two
  folders are exchanged in one step. Interrupted (Ctrl-C, SIGTERM) before that step,
  nothing has changed; after it, the publish finishes first. No staging folder is left.
- One publish at a time per project: a lock in `.cache/publish.lock`.
- A failed publish changes nothing in the repository: docs/_data/permalinks.yml is
  written, in one step, only once the new site is in place (`--check-record` never
  writes it, and fails when the site has addresses it lacks).
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import os
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path

import yaml

from laeken.drafts import draft_lines
from laeken.permalinks import record_new, record_path, write_record

from commands.check import collect_problems
from commands.common import Problem, UsageProblem, build_problems_in, docs_dir, mkdocs_build

MANIFEST = ".publication.json"
# What `--out` may never be inside the project: its sources and tools.
PROJECT_PARTS = ("docs", "overrides", "scripts", "tests", "mkdocs.yml", ".git", ".github", ".venv", ".cache")
SHOWN = 10  # addresses listed when --check-record fails


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "publish", help="construire le site prêt à publier",
        description="Vérifie tout, construit le site avec le PDF de chaque analyse, le met à la place de "
                    "l’ancien dans le dossier de sortie (en gardant les fichiers que publish n’a pas écrits), "
                    "puis enregistre les nouvelles adresses publiées dans docs/_data/permalinks.yml.")
    parser.add_argument("--out", metavar="DOSSIER",
                        help="le dossier de sortie : nouveau, vide, ou déjà écrit par publish (par défaut : site/)")
    parser.add_argument("--check-record", action="store_true",
                        help="ne rien enregistrer : échouer si le site a des adresses absentes de "
                             "docs/_data/permalinks.yml (pour la publication automatique)")


# --- The output folder -------------------------------------------------------------------------


def output_folder(argument: str | None, root: Path) -> Path:
    """The output folder, resolved, once it is sure that publish may write there."""
    out = (Path(argument).expanduser() if argument else root / "site").resolve()
    shown = f"--out {argument or 'site'}"
    fix = "donnez un dossier nouveau, vide ou déjà écrit par publish, par exemple --out public"
    for folder in (out, *out.parents):
        if folder.exists() and not folder.is_dir():
            where = "c’est un fichier" if folder == out else f"{folder} est un fichier"
            raise UsageProblem(f"{shown} ({out}) : {where}, pas un dossier — {fix}")
    if out == Path(out.anchor):
        raise UsageProblem(f"{shown} : c’est la racine du disque — {fix}")
    if root == out or root.is_relative_to(out):
        raise UsageProblem(f"{shown} ({out}) : ce dossier contient le projet lui-même — {fix}")
    if out.is_relative_to(root):
        top = out.relative_to(root).parts[0]
        if top in PROJECT_PARTS or root / top == docs_dir(root):
            raise UsageProblem(f"{shown} ({out}) : c’est dans les sources du projet ({top}) — {fix}")
    try:
        foreign = out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file()
    except OSError as error:
        raise UsageProblem(f"{shown} ({out}) : ce dossier ne peut pas être lu ({error.strerror}) — {fix}") from None
    if foreign:
        hint = (" (c’est sans doute la construction de `make build` : supprimez le dossier site/, il est refait "
                "à chaque construction)") if out == root / "site" else ""
        raise UsageProblem(
            f"{shown} ({out}) : ce dossier n’est pas vide et publish ne l’a pas écrit (il n’a pas de {MANIFEST}){hint}. "
            "publish ne remplace que ce qu’il a écrit — choisissez un dossier nouveau ou vide, ou videz celui-ci")
    return out


def owned_files(out: Path) -> dict:
    """The files the last publish wrote in `out` (its manifest), path -> SHA-256."""
    path = out / MANIFEST
    if not path.exists():
        return {}
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files")
        if not isinstance(files, dict):
            raise ValueError("no files")
    except (ValueError, AttributeError, UnicodeDecodeError):
        raise Problem(f"{path}: cette liste des fichiers publiés est abîmée — videz le dossier de sortie "
                      "(ou choisissez-en un autre) et relancez publish") from None
    return files


def digest(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def files_of(folder: Path) -> dict:
    """Every file under `folder`, relative path -> SHA-256."""
    return {path.relative_to(folder).as_posix(): digest(path)
            for path in sorted(folder.rglob("*")) if path.is_file() and not path.is_symlink()}


def carry_over(old: Path, new: Path, owned: dict) -> list[str]:
    """Put into `new` every file, link and empty folder of `old` that publish did not write,
    as hard links (a copy where a link is refused): a .git checkout comes through intact.
    Returns the paths that clash with a file of the new site."""
    skipped = owned.keys() | {MANIFEST}
    built = {path for path in new.rglob("*") if path.is_dir()}
    clashes = []
    for folder, folders, files in os.walk(old):
        here, relative = Path(folder), Path(folder).relative_to(old)
        if not folders and not files:  # an empty folder: publish never makes one
            (new / relative).mkdir(parents=True, exist_ok=True)
        links = [name for name in folders if (here / name).is_symlink()]  # walked as files, never followed
        for name in files + links:
            if (relative / name).as_posix() in skipped:
                continue
            source, target = here / name, new / relative / name
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                if source.is_symlink():
                    os.symlink(os.readlink(source), target)
                else:
                    try:
                        os.link(source, target)
                    except PermissionError:  # linking another user's file may be refused
                        shutil.copy2(source, target)
            except (FileExistsError, NotADirectoryError):
                clashes.append((relative / name).as_posix())
    for folder in sorted(set(new.rglob("*")) - built, key=lambda path: -len(path.parts)):
        if folder.is_dir() and not folder.is_symlink():
            shutil.copystat(old / folder.relative_to(new), folder)  # the owner's folders keep their modes
    return clashes


# --- Switching in one step, and signals -----------------------------------------------------------


AT_FDCWD = -100
RENAME_EXCHANGE = 2  # linux/fs.h


def exchange(first: Path, second: Path) -> None:
    """Swap two directories in one step: Linux's renameat2(RENAME_EXCHANGE), through ctypes."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available")
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) != 0:
        number = ctypes.get_errno()
        raise OSError(number, os.strerror(number), str(first))


def switch(new: Path, out: Path, aside: Path) -> None:
    """Put the folder `new` at `out`; the old site, if any, ends up at `new` or `aside`."""
    if not out.exists():
        new.rename(out)
        return
    try:
        exchange(new, out)
    except OSError as error:
        if error.errno not in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
            raise
        # Not Linux, or a filesystem that cannot exchange: two renames. Between them (a
        # fraction of a millisecond) a reader finds no site; never half of one.
        out.rename(aside)
        try:
            new.rename(out)
        except OSError:
            aside.rename(out)
            raise


class Interrupted(Exception):
    def __init__(self, number: int):
        super().__init__(signal.Signals(number).name)
        self.number = number


class Signals:
    """Ctrl-C (SIGINT) and SIGTERM stop the publish cleanly while it can still be undone: an
    exception unwinds it, and its clean-up is not interrupted again. Once the switch has
    begun (`hold`), they wait: the publish finishes, then says it was asked to stop."""

    NUMBERS = (signal.SIGINT, signal.SIGTERM)

    def __enter__(self):
        self.hold, self.received = False, None
        self.previous = {number: signal.signal(number, self.handle) for number in self.NUMBERS}
        return self

    def handle(self, number, frame):
        self.received = number
        if not self.hold:
            self.hold = True
            raise Interrupted(number)

    def __exit__(self, *exc):
        for number, handler in self.previous.items():
            signal.signal(number, handler)


@contextmanager
def publication_lock(root: Path):
    """One publish at a time in a project (the kernel frees the lock if the process dies)."""
    cache = root / ".cache"
    cache.mkdir(exist_ok=True)
    with open(cache / "publish.lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Problem("une autre publication est en cours dans ce projet — attendez qu’elle se termine, "
                          "puis relancez publish") from None
        yield


# --- The command -----------------------------------------------------------------------------------


def run(args, root: Path) -> int:
    out = output_folder(args.out, root)
    with Signals() as signals:
        try:
            with publication_lock(root):
                return publish(root, out, args.check_record, signals)
        except Interrupted as interruption:
            print(f"Publication interrompue ({interruption}) : rien n’a changé, ni {out} ni docs/_data/permalinks.yml.")
            return 128 + interruption.number


def publish(root: Path, out: Path, check_record: bool, signals: Signals) -> int:
    errors, warnings = collect_problems(root, build=False)
    if errors:
        print("La publication est arrêtée : corrigez d'abord ces erreurs.")
        for line in errors:
            print(f"  {line}")
        return 1
    owned = owned_files(out)
    for stale in out.parent.glob(f".{out.name}.publication-*"):  # left by a publish killed outright
        shutil.rmtree(stale, ignore_errors=True)
    # Hidden, beside the output: on the same filesystem, so that the switch is one rename.
    staging = out.parent / f".{out.name}.publication-{os.getpid()}"
    created = [folder for folder in out.parents if not folder.exists()]  # deepest first
    try:
        staging.mkdir(parents=True)
        code = build_and_switch(root, out, staging, owned, check_record, signals)
    except BaseException as error:
        signals.hold = True  # the clean-up is not interrupted
        for folder in created:  # the folders above the output that this publish made, if still empty
            if folder.exists() and not any(folder.iterdir()):
                folder.rmdir()
        if isinstance(error, OSError):
            raise Problem(f"{out} : la publication n’a pas pu se faire ({error}) — rien n’a changé ; "
                          "vérifiez les droits et la place sur le disque, puis relancez publish") from None
        raise
    finally:
        signals.hold = True
        shutil.rmtree(staging, ignore_errors=True)
    drafts = draft_lines(root, root / "docs") if code == 0 else []
    if drafts:
        print(f"{len(drafts)} brouillon(s) laissé(s) de côté, publiés quand ils seront terminés\u00a0:")
        for line in drafts:
            print(f"  {line}")
    for line in warnings if code == 0 else []:
        if line not in drafts:
            print(f"  (avertissement) {line}")
    if signals.received:
        print("(Interruption reçue pendant la mise en place : la publication a été terminée d’abord.)")
    return code


def build_and_switch(root: Path, out: Path, staging: Path, owned: dict, check_record: bool, signals: Signals) -> int:
    site, addresses = staging / "site", staging / "addresses.json"
    # The published site has a PDF of each analysis in each language (scripts/hooks/printing.py).
    # Drafts are left out of the published site, and so of the recorded addresses (laeken/drafts.py).
    process = mkdocs_build(root, site, {"PERMALINKS_MANIFEST": str(addresses), "SITE_PDF": "true",
                                        "SITE_DRAFTS": "false"})
    if process.returncode != 0:
        print("La publication est arrêtée : le site ne se construit pas.")
        for line in build_problems_in(process):
            print(f"  {line}")
        return 1
    try:
        record, added = record_new(root, json.loads(addresses.read_text(encoding="utf-8")))
    except (OSError, ValueError, yaml.YAMLError) as error:
        raise Problem(f"{record_path(root).relative_to(root)} : illisible ({error}) — corrigez-le ou reprenez-le "
                      "du dépôt (git checkout docs/_data/permalinks.yml), puis relancez publish") from None
    if check_record and added:
        print(f"La publication est arrêtée : le site a {len(added)} adresse(s) que docs/_data/permalinks.yml "
              "n’a pas encore :")
        for address in added[:SHOWN]:
            print(f"  {address}")
        if len(added) > SHOWN:
            print(f"  … et {len(added) - SHOWN} autre(s)")
        print("Sur votre ordinateur, lancez `python3 scripts/analyses.py publish`, puis ajoutez "
              "docs/_data/permalinks.yml au dépôt : git add docs/_data/permalinks.yml && "
              "git commit -m \"Adresses publiées\" && git push")
        return 1
    files = files_of(site)
    edited = sorted(path for path, sha in owned.items() if (out / path).is_file() and digest(out / path) != sha)
    if out.exists():
        clashes = carry_over(out, site, owned)
        if clashes:
            raise Problem(f"{out} : publish n’a pas écrit {', '.join(clashes)}, et le nouveau site a un fichier "
                          "du même nom — déplacez ou renommez ces fichiers, puis relancez publish")
        shutil.copymode(out, site)
    manifest = {"written_by": "python scripts/analyses.py publish", "files": files}
    (site / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")

    signals.hold = True  # from here on, the publish finishes whatever happens
    switch(site, out, staging / "previous")
    print(f"Le site est prêt à être envoyé sur le serveur : {out}")
    print(f"Avec {sum(path.endswith('.pdf') for path in files)} PDF (chaque analyse, en français et en néerlandais).")
    for path in edited:
        print(f"  (avertissement) {path} avait été modifié à la main depuis la dernière publication : "
              "publish l’a remplacé par le sien (ou retiré), comme tout ce qu’il écrit")
    if record is None or check_record:
        return 0
    try:
        write_record(root, record)
    except OSError as error:
        print(f"ATTENTION : le nouveau site est en place, mais docs/_data/permalinks.yml n’a pas pu être écrit "
              f"({error}). Relancez publish pour y enregistrer les {len(added)} nouvelle(s) adresse(s).")
        return 1
    print(f"{len(added)} nouvelle(s) adresse(s) enregistrée(s) dans docs/_data/permalinks.yml : ajoutez ce fichier au dépôt.")
    return 0
