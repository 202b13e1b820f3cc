"""`new`: French, readable, safe files that start a draft analysis."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import build_site
from laeken.pages import read_page

HOSTILE_TITLE = 'L\'accès aux droits: après la crise "vraiment" # {pas un id} - [x]\nsuite'
NBSP = "\u00a0"


def run(root: Path, *args: str, umask: int = 0o022) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/analyses.py", *args], cwd=root, capture_output=True, text=True,
                          preexec_fn=lambda: os.umask(umask))


def test_new_writes_french_safe_readable_draft_files(site_copy):
    process = run(site_copy, "new", "2021", "acces", "--title", HOSTILE_TITLE, "--summary", "Un résumé: d'abord\nensuite",
                  "--themes", "virtualisation, fracture-numerique", umask=0o077)
    assert process.returncode == 0, process.stderr
    assert process.stdout.startswith("Nouvelle analyse créée")
    folder = site_copy / "docs/analyses/2021-acces"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        text = path.read_text(encoding="utf-8")
        assert "{{" not in text and "}}" not in text
        assert "'" not in text.replace("'L’accès", "").split("---", 2)[2]  # the template's text: ’ only
        assert any(line.startswith("À compléter") for line in text.splitlines())
    meta, _ = read_page(folder / "index.fr.md")
    assert meta["title"] == f"L’accès aux droits{NBSP}: après la crise «{NBSP}vraiment{NBSP}» # {{pas un id}} - [x] suite"
    assert meta["summary"] == f"Un résumé{NBSP}: d’abord ensuite"
    assert meta["themes"] == ["virtualisation", "fracture-numerique"]
    assert meta["draft"] is True and meta["kind"] == "analysis" and meta["year"] == 2021
    chapter = (folder / "premier-chapitre.fr.md").read_text(encoding="utf-8")
    assert "# Premier chapitre { #premier-chapitre }" in chapter
    assert yaml.safe_load(chapter.split("---")[1])["order"] == 1


def test_a_new_return_is_named_in_good_french(site_copy):
    process = run(site_copy, "new", "2021", "retour", "--title", "Retour", "--kind", "return", "--follows", "2020-virtualisation")
    assert process.returncode == 0, process.stderr
    assert process.stdout.startswith("Nouveau retour détaillé créé")
    assert read_page(site_copy / "docs/analyses/2021-retour/index.fr.md")[0]["follows"] == "2020-virtualisation"


def test_an_unknown_theme_is_refused_with_the_known_ones(site_copy):
    process = run(site_copy, "new", "2021", "x", "--title", "T", "--themes", "virtualisation,inconnu")
    assert process.returncode == 2
    assert "inconnu" in process.stderr and "virtualisation" in process.stderr and "fracture-numerique" in process.stderr
    assert not (site_copy / "docs/analyses/2021-x").exists()
    assert not list((site_copy / "docs/analyses").glob(".nouvelle-analyse-*"))


def test_the_new_analysis_builds_as_a_draft_with_a_proper_chapter(site_copy):
    assert run(site_copy, "new", "2021", "acces", "--title", HOSTILE_TITLE).returncode == 0
    site = build_site(site_copy)
    chapter = site.html("analyses/2021-acces/premier-chapitre/")
    assert chapter.select_one("article h1")["id"] == "premier-chapitre"
    assert "{" not in chapter.select_one("article h1").get_text()
    presentation = site.html("analyses/2021-acces/")
    assert [a.get_text() for a in presentation.select("article ol li a")] == ["Premier chapitre"]
    assert presentation.select_one(".draft-notice .admonition-title").get_text() == "Brouillon"
