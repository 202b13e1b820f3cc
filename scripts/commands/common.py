"""What every command shares: the problems they report, where the content is, the strict build."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path


class Problem(Exception):
    """Something the coordinator must fix; the message says what and how, in French."""


class UsageProblem(Problem):
    """The command itself is wrongly written (exit code 2)."""


def docs_dir(root: Path) -> Path:
    return root / "docs"



def mkdocs_build(root: Path, site_dir: Path, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(extra_env or {}))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=root, env=env, capture_output=True, text=True,
    )



MKDOCS_MISSING = (
    "MkDocs n’est pas installé pour ce Python ({python}) — préparez le projet une fois avec "
    "`make serve` (ou `python3 -m venv .venv && .venv/bin/pip install -r requirements.txt`), "
    "puis lancez l’outil avec `.venv/bin/python scripts/analyses.py`"
)
LOG_LINE = re.compile(r"^(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL)\s*-\s+(?P<message>.*)$")
OUR_PROBLEM = re.compile(r"^(?:[^:\n]+ : )?(?P<problem>\S+\.(?:md|yml):\d*:? .*)$")  # a ContentError, prefixed by its hook
# MkDocs' own messages (mkdocs/structure/pages.py, nav.py, config) -> (file, what is wrong, how to correct it).
MKDOCS_MESSAGES = (
    (re.compile(r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)', but the target (?:'[^']+' )?is not found among documentation files\."),
     "le lien « {link} » mène à une page ou un fichier qui n’existe pas",
     "corrigez le lien : le chemin du fichier visé, relatif à cette page (par exemple ../glossaire.md, ou "
     "images/photo.png pour une image du dossier images/ de l’analyse), ou mettez le fichier à cette place"),
    (re.compile(r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)', but there is no such anchor on this page\."),
     "le lien « {link} » mène à une ancre que cette page n’a pas",
     "utilisez l’identifiant d’un titre de la page, écrit { #identifiant } après le titre"),
    (re.compile(r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)', but the doc '(?P<doc>[^']+)' does not contain an anchor '(?P<anchor>[^']+)'\."),
     "le lien « {link} » mène à l’ancre {anchor}, que la page {doc} n’a pas",
     "utilisez l’identifiant d’un titre de cette page, écrit { #identifiant } après le titre"),
    (re.compile(r"Doc file '(?P<file>[^']+)' contains an absolute link '(?P<link>[^']+)'.*"),
     "le lien « {link} » est absolu : il ne marche pas quand le site est publié dans un sous-dossier",
     "écrivez le chemin du fichier .md visé, relatif à cette page"),
    (re.compile(r"Doc file '(?P<file>[^']+)' contains an unrecognized relative link '(?P<link>[^']+)'.*"),
     "le lien « {link} » ne mène à aucun fichier du site",
     "écrivez le chemin du fichier .md visé, relatif à cette page"),
    (re.compile(r"A reference to '(?P<link>[^']+)' is included in the 'nav' configuration, which is not found in the documentation files\.?"),
     "le menu (nav) de mkdocs.yml nomme « {link} », qui n’existe pas",
     "corrigez le nom de la page dans mkdocs.yml, ou recréez-la"),
    (re.compile(r"Config value '(?P<link>[^']+)': (?P<doc>.*)"),
     "le réglage « {link} » de mkdocs.yml est faux ({doc})",
     "corrigez-le dans mkdocs.yml"),
)


def line_of(path: Path, needle: str) -> int | None:
    """The first line of the file at `path` that holds `needle`."""
    if not path.is_file():
        return None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    return None


def _explained(message: str, root: Path) -> str:
    """One MkDocs WARNING or ERROR as `fichier:ligne: problème — comment corriger`, in French."""
    ours = OUR_PROBLEM.match(message)
    if ours:
        return ours.group("problem")
    for pattern, problem, fix in MKDOCS_MESSAGES:
        match = pattern.fullmatch(message)
        if match:
            fields = match.groupdict()
            if fields.get("file"):
                path = root / "docs" / fields["file"]
                line = line_of(path, f"]({fields['link']}") or line_of(path, fields["link"])
                where = f"docs/{fields['file']}" + (f":{line}" if line else "")
            else:
                where = "mkdocs.yml"
            return f"{where}: {problem.format(**fields)} — {fix}"
    return f"mkdocs.yml: MkDocs signale : {message} — le site ne se construit pas tant que ce n’est pas corrigé"


def build_problems_in(process: subprocess.CompletedProcess, root: Path | None = None) -> list[str]:
    """The problems of a finished build, one line each, in French: MkDocs' WARNING and ERROR
    messages (with the lines that continue them), never its INFO lines (such as the list of
    pages outside the menu, which is normal here)."""
    if process.returncode == 0:
        return []
    root = Path(root or Path.cwd())
    output = process.stderr + "\n" + process.stdout
    if "No module named mkdocs" in output:
        return [MKDOCS_MISSING.format(python=sys.executable)]
    found, level, header = [], None, ""
    for line in output.splitlines():
        match = LOG_LINE.match(line)
        if match:
            level, header = match.group("level"), match.group("message").strip()
            if level in ("WARNING", "ERROR", "CRITICAL") and not header.endswith(":"):
                found.append(_explained(header, root))
        elif line.startswith((" ", "\t")) and line.strip():
            if level in ("WARNING", "ERROR", "CRITICAL"):  # continues the message above it
                item = line.strip().removeprefix("- ")
                found.append(_explained(item if OUR_PROBLEM.match(item) else f"{header} {item}", root))
        else:
            level = None  # "Aborted with...", a traceback: not a log message
    if "Traceback (most recent call last)" in output:
        last = [line for line in output.splitlines() if line.strip()][-1].strip()
        found.append(f"mkdocs.yml: erreur inattendue du programme ({last}) — signalez-la à qui maintient le site, avec ce message")
    found = list(dict.fromkeys(found))  # the same problem, met once per language, said once
    return found or ["mkdocs.yml: la construction du site a échoué sans message — lancez `make build` pour voir le détail"]
