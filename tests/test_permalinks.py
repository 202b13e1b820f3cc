"""Fixture sites: a recorded address that vanishes fails the build with a message that
says how to keep it; a moved page with a redirect passes; recording only adds."""

from __future__ import annotations

import pytest
import yaml

from conftest import build, build_site
from fixtures import tool
from laeken.pages import read_page
from laeken.translations import CONTINUED, paragraphs

CHAPTER = "docs/analyses/2020-virtualisation/virtualisation-sur-le-terrain"
CONCLUSIONS = "docs/analyses/2020-virtualisation/quelques-conclusions"


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def failure(root) -> str:
    process = build(root, check=False)
    assert process.returncode != 0, "the build should have failed"
    return process.stdout + process.stderr


@pytest.mark.content
def test_the_real_record_passes(site_copy):
    build_site(site_copy)


def test_a_removed_heading_id_fails_with_how_to_keep_it(site_copy):
    for lang in ("fr", "nl"):
        edit(site_copy / f"{CHAPTER}.{lang}.md", '{ #epn data-sector="epn" }', '{ #espaces-numeriques data-sector="epn" }')
    output = failure(site_copy)
    assert "/analyses/2020-virtualisation/virtualisation-sur-le-terrain/ a perdu l’ancre #epn" in output
    assert "{ #epn }" in output
    # check names the file to correct first, as `fichier: problème — comment corriger`
    process = tool(site_copy, "check")
    assert process.returncode == 1
    assert (f"  {CHAPTER}.fr.md: /analyses/2020-virtualisation/virtualisation-sur-le-terrain/ a perdu l’ancre #epn — "
            "rendez son identifiant au titre : `## Titre { #epn }`") in process.stdout.splitlines(), process.stdout
    assert "MkDocs signale" not in process.stdout


def test_a_removed_paragraph_fails(site_copy):
    for lang in ("fr", "nl"):
        path = site_copy / f"{CONCLUSIONS}.{lang}.md"
        paragraphs = path.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
        path.write_text("\n\n".join(paragraphs[:-1]) + "\n", encoding="utf-8")
    output = failure(site_copy)
    assert "a perdu le paragraphe §4 (#p4)" in output


def test_an_inserted_paragraph_that_moves_the_numbers_fails(site_copy):
    edit(site_copy / f"{CONCLUSIONS}.fr.md", "# Quelques conclusions { #quelques-conclusions }\n",
         "# Quelques conclusions { #quelques-conclusions }\n\nUn nouveau paragraphe ajouté en tête.\n")
    output = failure(site_copy)
    assert "§1 (#p1) commençait par « Lors de la seule rencontre en présentiel de… »" in output
    assert "les numéros ont bougé" in output


def test_a_published_paragraph_split_in_two_keeps_the_numbers_that_follow(site_copy):
    french = site_copy / f"{CONCLUSIONS}.fr.md"
    edit(french, "de leur expérience. Par exemple", "de leur expérience.\n\nPar exemple")
    output = failure(site_copy)  # the numbers after it moved
    assert "les numéros ont bougé" in output and f"{{ .{CONTINUED} }}" in output
    # Its second part marked as continuing the first: it has no number of its own.
    edit(french, "de frais de transport, etc.\n", f"de frais de transport, etc.\n{{ .{CONTINUED} }}\n")
    page = build_site(site_copy).html("analyses/2020-virtualisation/quelques-conclusions/")
    second = page.find("p", class_=CONTINUED)
    assert second.get_text().startswith("Par exemple") and not second.get("id") and not second.select(".paragraph-number")
    assert second.find_previous_sibling("p")["id"] == "p3" and second.find_next_sibling("p")["id"] == "p4"
    assert len(paragraphs(read_page(french)[1])) == 4  # what `translations` and `check` number: the site's §


def test_a_corrected_typo_keeps_the_paragraph(site_copy):
    edit(site_copy / f"{CONCLUSIONS}.fr.md", "Lors de la seule rencontre", "Lors de la seule rencontre,")
    build_site(site_copy)


def move_about_page(root):
    for lang in ("fr", "nl"):
        (root / f"docs/a-propos.{lang}.md").rename(root / f"docs/qui-sommes-nous.{lang}.md")
    edit(root / "mkdocs.yml", "  - a-propos.md\n", "  - qui-sommes-nous.md\n")


def test_a_moved_page_without_redirect_fails(site_copy):
    move_about_page(site_copy)
    output = failure(site_copy)
    assert "la page /a-propos/ n’existe plus" in output
    assert "docs/_data/redirects.yml" in output


def test_a_moved_page_with_a_redirect_passes_in_both_languages(site_copy):
    move_about_page(site_copy)
    (site_copy / "docs/_data/redirects.yml").write_text("/a-propos/: /qui-sommes-nous/\n", encoding="utf-8")
    site = build_site(site_copy)
    for prefix in ("", "nl/"):
        redirect = site.html(prefix + "a-propos/")
        assert redirect.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=../qui-sommes-nous/"
        assert "location.hash" in redirect.script.string
        assert redirect.select_one('link[rel="canonical"]')["href"].endswith(prefix + "qui-sommes-nous/")
        assert site.html(prefix + "qui-sommes-nous/").find(id="contact-et-licence") is not None


def record(root):
    """Publish, which records the new addresses (the PDFs are made too: slower but real)."""
    return tool(root, "publish", "--out", str(root / "public"))


def test_record_adds_new_addresses_and_never_removes(site_copy):
    path = site_copy / "docs/_data/permalinks.yml"
    before = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert "adresse(s) enregistrée(s)" not in record(site_copy).stdout
    edit(site_copy / f"{CONCLUSIONS}.fr.md", "les confrontations, mais on ne mesure pas les coûts.",
         "les confrontations, mais on ne mesure pas les coûts.\n\n## Annexe { #annexe }\n\nUn ajout.")
    edit(site_copy / f"{CONCLUSIONS}.nl.md", "maar men meet de kosten niet.",
         "maar men meet de kosten niet.\n\n## Bijlage { #annexe }\n\nEen toevoeging.")
    process = record(site_copy)
    assert process.returncode == 0, process.stderr
    after = yaml.safe_load(path.read_text(encoding="utf-8"))
    page = after["/analyses/2020-virtualisation/quelques-conclusions/"]
    assert {"annexe", "p5"} <= set(page["anchors"])
    assert page["paragraphs"]["p5"] == "Un ajout."
    for address, entry in before.items():
        assert set(entry["anchors"]) <= set(after[address]["anchors"])


def test_record_on_a_broken_site_changes_nothing(site_copy):
    path = site_copy / "docs/_data/permalinks.yml"
    before = path.read_bytes()
    for lang in ("fr", "nl"):
        edit(site_copy / f"{CHAPTER}.{lang}.md", '{ #epn data-sector="epn" }', '{ #x data-sector="epn" }')
    process = record(site_copy)
    assert process.returncode != 0
    assert "La publication est arrêtée" in process.stdout
    assert path.read_bytes() == before
