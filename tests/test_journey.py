"""The coordinator's year, replayed end to end on a copy of the repository, as the guide
(GUIDE.md) tells it: `new`, a Word chapter and an OCR text imported, `check`, `publish` while
the work is a draft (nothing of it goes online or into the record), the work finished,
`publish` again, `translations --start`. Each step is the real command; each assertion is on
the files, the messages, and the published output."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from conftest import SHARED
from fixtures import tool as run
from laeken.interface import interface_strings
from test_import_command import word_chapter

FOLDER = "2021-droits"
WORD_CHAPTER = "l-acces-aux-droits-apres-la-crise"


def published_text(out: Path) -> str:
    """Every page, feed and data file of a published site, as one text."""
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(out.rglob("*"))
                     if path.suffix in (".html", ".xml", ".json") and path.is_file())


def recorded(root: Path) -> dict:
    return yaml.safe_load((root / "docs/_data/permalinks.yml").read_text(encoding="utf-8"))


def test_a_coordinators_year_from_new_to_published(site_copy, tmp_path):
    analysis = site_copy / "docs/analyses" / FOLDER
    out = tmp_path / "public"

    # Start the year: files a reader could not take for finished text, and a draft.
    process = run(site_copy, "new", "2021", "droits", "--title", "L'accès aux droits : après la crise",
                  "--summary", "Ce que les services voient un an après.", "--themes", "virtualisation")
    assert process.returncode == 0, process.stderr
    index = (analysis / "index.fr.md").read_text(encoding="utf-8")
    assert "L’accès aux droits" in index and "draft: true" in index

    # An OCR text whose sector sections wait for their sector, then a Word chapter while it does.
    scan = tmp_path / "scan.txt"
    scan.write_text((SHARED / "sources/analyse-2020-virtualisation.ocr.txt").read_text(encoding="utf-8"), encoding="utf-8")
    process = run(site_copy, "import", str(scan), "--into", FOLDER, "--chapter", "terrain")
    assert process.returncode == 0, process.stderr
    assert "premier-chapitre.fr.md" in process.stdout  # the untouched placeholder is replaced
    process = run(site_copy, "import", str(word_chapter(tmp_path / "Analyse 2021 - chapitre 1 (VF).docx")), "--into", FOLDER)
    assert process.returncode == 0, process.stderr
    word = (analysis / f"{WORD_CHAPTER}.fr.md").read_text(encoding="utf-8")  # the address from the title
    assert '## A) Maison médicale { #maison-medicale data-sector="maison-medicale" }' in word
    assert sorted(path.name for path in analysis.glob("*.md")) == ["index.fr.md", f"{WORD_CHAPTER}.fr.md", "terrain.fr.md"]

    # `check` lists what remains as drafts; `publish` leaves them out and records none of them.
    process = run(site_copy, "check", "--no-build")
    assert "Traceback" not in process.stdout + process.stderr
    assert f"docs/analyses/{FOLDER}/index.fr.md" in process.stdout and "brouillon, non publié" in process.stdout
    process = run(site_copy, "publish", "--out", str(out))
    assert process.returncode == 0, process.stdout + process.stderr
    assert "brouillon(s) laissé(s) de côté" in process.stdout
    text = published_text(out)
    assert FOLDER not in text and "À compléter" not in text
    assert not any(FOLDER in address for address in recorded(site_copy))

    # The work finished: the sections named, the template text replaced, the draft mark removed.
    terrain = analysis / "terrain.fr.md"
    sectors = iter(["epn", "ecole-de-devoirs", "sante-mentale", "maison-medicale"])
    terrain.write_text(re.sub(r"\{ #(section-\w) \.secteur-a-preciser \}",
                              lambda match: f'{{ #{match.group(1)} data-sector="{next(sectors)}" }}',
                              terrain.read_text(encoding="utf-8")), encoding="utf-8")
    index = (analysis / "index.fr.md").read_text(encoding="utf-8")
    index = re.sub(r"(?m)^draft: true.*\n", "", index)
    index = re.sub(r"(?m)^À compléter\s*:.*(\n.+)*", "Un an après, les maraudes reprennent.", index)
    (analysis / "index.fr.md").write_text(index, encoding="utf-8")
    process = run(site_copy, "check", "--no-build")
    assert process.returncode == 0 and "brouillon" not in process.stdout, process.stdout

    # Published: online and recorded, the Word chapter at the address of its title.
    process = run(site_copy, "publish", "--out", str(out))
    assert process.returncode == 0, process.stdout + process.stderr
    chapter = out / "analyses" / FOLDER / WORD_CHAPTER / "index.html"
    soup = BeautifulSoup(chapter.read_text(encoding="utf-8"), "html.parser")
    assert soup.find("h2", id="maison-medicale")["data-sector"] == "maison-medicale"
    assert not soup.select('a[href^="javascript"]')
    assert f"/analyses/{FOLDER}/{WORD_CHAPTER}/" in recorded(site_copy)
    assert "À compléter" not in published_text(out)
    # The Dutch page falls back to French, around Dutch labels.
    dutch = BeautifulSoup((out / "nl/analyses" / FOLDER / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert dutch.find(id="chapitres").get_text(strip=True).startswith(interface_strings(site_copy / "docs", "nl")["chapters"])

    # The translation started by the tool: the same heading ids, a draft until marked.
    process = run(site_copy, "translations", "--start", f"analyses/{FOLDER}/{WORD_CHAPTER}")
    assert process.returncode == 0, process.stderr
    heading_ids = re.compile(r"(?m)^#+ .*\{ #([\w-]+)")
    dutch_text = (analysis / f"{WORD_CHAPTER}.nl.md").read_text(encoding="utf-8")
    assert heading_ids.findall(dutch_text) == heading_ids.findall(word) and "draft: true" in dutch_text

    # A month written wrong is named with its right form.
    (analysis / "index.fr.md").write_text(index.replace("published: 2021-12", "published: 2021-13"), encoding="utf-8")
    process = run(site_copy, "check", "--no-build")
    assert process.returncode == 1
    assert f"docs/analyses/{FOLDER}/index.fr.md:" in process.stdout and "AAAA-MM" in process.stdout
