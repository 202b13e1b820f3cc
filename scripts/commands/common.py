"""What every command shares: the problems they report, where the content is, the strict build."""

from __future__ import annotations

import os
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



def build_problems_in(process: subprocess.CompletedProcess) -> list[str]:
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
