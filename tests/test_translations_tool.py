"""`translations`: starting a Dutch page, marking it, and what changed in French since."""

from __future__ import annotations

import pytest

from conftest import build_site
from test_cli import run, snapshot
from laeken.interface import interface_strings
from laeken.pages import headings, read_page
from laeken.translations import CONTINUED, paragraphs

CHAPTER = "analyses/2020-virtualisation/virtualisation-sur-le-terrain"


def test_start_writes_the_dutch_page_ready_to_translate(site_copy):
    french, dutch = (site_copy / f"docs/{CHAPTER}.{lang}.md" for lang in ("fr", "nl"))
    dutch.unlink()
    process = run(site_copy, "translations")
    assert f"translations --start {CHAPTER}" in process.stdout  # a missing page says how to start it
    process = run(site_copy, "translations", "--start", f"docs/{CHAPTER}.fr.md")
    assert process.returncode == 0, process.stderr
    meta, body = read_page(dutch)
    french_meta, french_body = read_page(french)
    assert meta["draft"] is True and "source_hash" not in meta
    assert meta.get("order") == french_meta["order"]
    assert [h[2] for h in headings(body)] == [h[2] for h in headings(french_body)]
    assert len(paragraphs(body)) == len(paragraphs(french_body)) > 0
    assert "résumé" not in body and "résumé" not in process.stdout  # a chapter's header has no title nor summary
    # A presentation page: the fields to translate.
    (site_copy / "docs/analyses/2020-virtualisation/index.nl.md").unlink()
    process = run(site_copy, "translations", "--start", "analyses/2020-virtualisation/index")
    assert process.returncode == 0 and "titre et résumé dans l’en-tête" in process.stdout
    meta, body = read_page(site_copy / "docs/analyses/2020-virtualisation/index.nl.md")
    assert {"title", "summary", "draft"} <= set(meta) and "le titre et le résumé ci-dessus" in body


def test_a_continued_paragraph_is_numbered_with_the_one_before():
    # As on the site (scripts/hooks/citation.py), so that `translations` and `check` count its §.
    body = f"# Titre {{ #titre }}\n\nUn.\n\nDeux.\n\nSuite de deux.\n{{ .{CONTINUED} }}\n\nTrois.\n{{ .autre }}\n"
    assert paragraphs(body) == ["Un.", f"Deux.\n\nSuite de deux.\n{{ .{CONTINUED} }}", "Trois.\n{ .autre }"]


def translate(dutch):
    """The translator's work: each French paragraph replaced by a Dutch one, one for one."""
    text = dutch.read_text(encoding="utf-8")
    for number, paragraph in enumerate(paragraphs(read_page(dutch)[1]), start=1):
        first = paragraph.splitlines()[0]
        text = text.replace(first, f"Vertaalde alinea {number}.", 1)
    dutch.write_text(text, encoding="utf-8")

def test_mark_ends_the_draft_and_changed_paragraphs_are_named(site_copy):
    dutch = site_copy / f"docs/{CHAPTER}.nl.md"
    dutch.unlink()
    assert run(site_copy, "translations", "--start", CHAPTER).returncode == 0
    # Still the French text: nothing is marked, the message says what to do.
    before = snapshot(site_copy)
    process = run(site_copy, "translations", "--mark", CHAPTER)
    assert process.returncode == 1 and "Traceback" not in process.stderr
    assert "pas encore traduite" in process.stderr and f"translations --mark {CHAPTER}" in process.stderr
    assert snapshot(site_copy) == before
    translate(dutch)
    assert run(site_copy, "translations", "--mark", CHAPTER).returncode == 0
    meta, body = read_page(dutch)
    assert "<!--" not in body  # the note of --start goes with the draft
    assert "draft" not in meta and meta["source_hash"] and len(str(meta["source_paragraphs"]).split()) > 2
    french = site_copy / f"docs/{CHAPTER}.fr.md"
    second = paragraphs(read_page(french)[1])[1]
    text = french.read_text(encoding="utf-8")
    french.write_text(text.replace(second, second + " Ajouté.", 1), encoding="utf-8")
    line = next(line for line in run(site_copy, "translations").stdout.splitlines() if line.startswith(CHAPTER + " "))
    assert "À METTRE À JOUR" in line and line.endswith("§2")


@pytest.mark.parametrize("page", ["../mkdocs", "/etc/passwd", "docs/../../x", "_data/glossary", "inexistante"])
@pytest.mark.parametrize("action", ["--start", "--mark"])
def test_pages_outside_docs_are_refused_and_nothing_changes(site_copy, page, action):
    before = snapshot(site_copy)
    process = run(site_copy, "translations", action, page)
    assert process.returncode in (1, 2) and "Traceback" not in process.stderr
    assert "docs/" in process.stderr
    assert snapshot(site_copy) == before


def test_start_never_overwrites(site_copy):
    before = snapshot(site_copy)
    process = run(site_copy, "translations", "--start", CHAPTER)
    assert process.returncode == 1 and "existe déjà" in process.stderr
    assert snapshot(site_copy) == before


def test_outdated_notice_on_the_dutch_print_page(site_copy):
    french = site_copy / f"docs/{CHAPTER}.fr.md"
    second = paragraphs(read_page(french)[1])[1]
    french.write_text(french.read_text(encoding="utf-8").replace(second, second + " Ajouté.", 1), encoding="utf-8")
    site = build_site(site_copy)
    notices = [n.get_text(" ", strip=True) for n in site.html("nl/analyses/2020-virtualisation/imprimer/").select(".translation-notice")]
    title = interface_strings(site_copy / "docs", "nl")["outdated_title"]
    assert any(title in notice for notice in notices)
    assert not site.html("analyses/2020-virtualisation/imprimer/").select(".translation-notice")
