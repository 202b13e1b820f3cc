"""Drafts: shown with a banner in a normal build, left out of a published one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import BuiltSite, build, build_site
from laeken.drafts import find_drafts
from laeken.interface import interface_strings
from test_cli import run

NEW = "analyses/2021-acces"
CHAPTER = "analyses/2020-virtualisation/quelques-conclusions"


@pytest.fixture
def drafts_site(site_copy):
    """The real site with a new draft analysis and a Dutch translation just started."""
    assert run(site_copy, "new", "2021", "acces", "--title", "L'accès", "--themes", "virtualisation").returncode == 0
    (site_copy / f"docs/{CHAPTER}.nl.md").unlink()
    assert run(site_copy, "translations", "--start", CHAPTER).returncode == 0
    return site_copy


def reasons(root: Path, page: str) -> set[str]:
    return {reason.key for reason in find_drafts(root / "docs").get((root / "docs" / page).resolve(), [])}


def test_what_makes_a_draft(drafts_site):
    assert reasons(drafts_site, f"{NEW}/index.fr.md") == {"marked", "template", "no_chapter"}
    assert reasons(drafts_site, f"{NEW}/premier-chapitre.fr.md") == {"template", "in_draft_analysis"}
    assert reasons(drafts_site, f"{CHAPTER}.nl.md") == {"untranslated"}  # its draft: true is --start's, which --mark takes away
    assert reasons(drafts_site, f"{CHAPTER}.fr.md") == set()
    chapter = drafts_site / "docs" / NEW / "premier-chapitre.fr.md"
    chapter.write_text("---\norder: 1\n---\n\n# Titre { #titre }\n\n## A) { #section-a .secteur-a-preciser }\n\nTexte.\n",
                       encoding="utf-8")
    assert reasons(drafts_site, f"{NEW}/premier-chapitre.fr.md") == {"sector", "in_draft_analysis"}
    # A sentence of the text that a line break puts first is no template text.
    french = drafts_site / "docs/a-propos.fr.md"
    french.write_text(french.read_text(encoding="utf-8") + "\nIl reste des formulaires\nÀ compléter le soir.\n", encoding="utf-8")
    assert reasons(drafts_site, "a-propos.fr.md") == set()
    dutch = drafts_site / "docs/a-propos.nl.md"  # any Dutch page not marked translated
    dutch.write_text(dutch.read_text(encoding="utf-8").replace("source_hash:", "old_hash:"), encoding="utf-8")
    assert reasons(drafts_site, "a-propos.nl.md") == {"untranslated"}


def test_drafts_are_shown_with_what_remains(drafts_site):
    site = build_site(drafts_site, env={"PERMALINKS_MANIFEST": str(drafts_site / "manifest.json")})
    french = site.html(f"{NEW}/").select_one(".draft-notice")
    ui = {lang: interface_strings(drafts_site / "docs", lang) for lang in ("fr", "nl")}
    assert french.select_one(".admonition-title").get_text() == ui["fr"]["draft_title"]
    assert any("au moins un chapitre" in item.get_text() for item in french.select("li"))
    dutch = site.html(f"nl/{CHAPTER}/").select_one(".draft-notice")
    assert dutch.select_one(".admonition-title").get_text() == ui["nl"]["draft_title"] and dutch["lang"] == "nl"
    assert any("translations --mark" in item.get_text() for item in dutch.select("li"))
    assert site.html(f"{CHAPTER}/").select_one(".draft-notice") is None
    # A draft's address is no promise yet: the record of published addresses never gets it.
    manifest = json.loads((drafts_site / "manifest.json").read_text(encoding="utf-8"))
    assert not any(NEW in path for pages in manifest.values() for path in pages)
    assert f"{CHAPTER}/" not in manifest["nl"] and f"{CHAPTER}/" in manifest["fr"]


def test_published_build_leaves_drafts_out_everywhere(drafts_site):
    manifest = drafts_site / "manifest.json"
    site = BuiltSite(drafts_site, build(drafts_site, env={"SITE_DRAFTS": "false", "PERMALINKS_MANIFEST": str(manifest)}).stdout)
    assert not (site.dir / NEW).exists() and not (site.dir / "nl" / NEW).exists()
    for path in site.dir.rglob("*"):
        if path.suffix in (".html", ".xml", ".json"):
            assert "2021-acces" not in path.read_text(encoding="utf-8"), path
    assert (site.dir / "search/search_index.json").exists() and (site.dir / "sitemap.xml").exists()
    dutch = site.html(f"nl/{CHAPTER}/")  # the Dutch draft falls back to French
    assert dutch.select_one(".draft-notice") is None
    assert dutch.select_one(".translation-notice") is not None
    assert dutch.select_one('article [lang="fr"], div[lang="fr"]') is not None
    recorded = json.loads(manifest.read_text(encoding="utf-8"))
    assert not any("2021-acces" in path for pages in recorded.values() for path in pages)


def test_publish_names_the_drafts_it_left_out_and_records_none(drafts_site, tmp_path):
    process = run(drafts_site, "publish", "--out", str(tmp_path / "public"))
    assert process.returncode == 0, process.stdout + process.stderr
    assert "brouillon" in process.stdout and f"docs/{NEW}/index.fr.md" in process.stdout
    assert "2021-acces" not in (drafts_site / "docs/_data/permalinks.yml").read_text(encoding="utf-8")
    assert not (tmp_path / "public" / NEW).exists()


def test_check_lists_drafts_as_warnings(drafts_site):
    process = run(drafts_site, "check", "--no-build")
    warnings = process.stdout.split("Avertissements", 1)[1]
    assert f"docs/{NEW}/index.fr.md:" in warnings and "brouillon, non publié — reste à faire" in warnings


def test_a_published_page_that_is_a_draft_again_stops_publish_and_says_why(site_copy, tmp_path):
    page = site_copy / f"docs/{CHAPTER}.fr.md"
    page.write_text(page.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    record = (site_copy / "docs/_data/permalinks.yml").read_bytes()
    process = run(site_copy, "publish", "--out", str(tmp_path / "public"))
    assert process.returncode == 1 and "Traceback" not in process.stdout + process.stderr
    assert f"docs/{CHAPTER}.fr.md: la page /{CHAPTER}/, déjà publiée, est redevenue un brouillon" in process.stdout
    assert not (tmp_path / "public").exists()
    assert (site_copy / "docs/_data/permalinks.yml").read_bytes() == record
