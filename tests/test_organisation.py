"""What the coordination says about itself (docs/_data/organisation.yml), and nothing else:
its sentences where the fixed pages hold a marker, in the page's language, as text; nothing
while a field is empty; a note on the presentation page of an analysis whose title or
month it has not confirmed, and references without that month; `check` lists what is
still to say. (The file's mistakes: tests/test_data_files.py.)"""

from __future__ import annotations

import re

import pytest

from conftest import build_site
from fixtures import tool as run
from laeken.analyses import load_analyses
from laeken.interface import interface_strings
from laeken.organisation import TEXT_FIELDS, load_organisation

MARKER = re.compile(r"<!-- organisation:([\w-]+) -->")


def text(element) -> str:
    return " ".join(element.get_text(" ").split())


def plain(value: str) -> str:
    """Words only: without Markdown's emphasis marks and tags, on one line."""
    return " ".join(re.sub(r"[*_]|<[^>]*>", "", value).split())


def marked_pages(root):
    """(page address without language prefix, field) for each marker of a fixed page."""
    found = []
    for page in sorted((root / "docs").rglob("*.fr.md")):
        relative = page.relative_to(root / "docs").as_posix().removesuffix(".fr.md")
        address = "" if relative == "index" else relative.removesuffix("index") if relative.endswith("/index") else relative + "/"
        found += [(address, name) for name in MARKER.findall(page.read_text(encoding="utf-8"))]
    return found


def assert_fields_shown_as_written(site):
    organisation = load_organisation(site.root / "docs")
    marked = marked_pages(site.root)
    assert {name for _, name in marked} == set(TEXT_FIELDS)  # each field has its place
    for address, name in marked:
        for prefix, lang in (("", "fr"), ("nl/", "nl")):
            page = site.html(prefix + address)
            assert not MARKER.search(str(page)), (address, name)
            article = plain(text(page.select_one("article")))
            written = organisation.text(name, lang)
            if written:  # as typed, Markdown's marks aside (tags show as text)
                assert plain(written) in article, (address, name, lang)
            for other in (lang_ for lang_ in ("fr", "nl") if lang_ != lang):
                foreign = organisation.text(name, other)
                if foreign and foreign != written:
                    assert foreign not in article, (address, name, lang)  # never the other language's


def assert_unconfirmed_titles_and_months_are_told(site):
    organisation = load_organisation(site.root / "docs")
    for analysis in load_analyses(site.root / "docs"):
        unconfirmed = organisation.unconfirmed(analysis.folder)
        for prefix, lang in (("", "fr"), ("nl/", "nl")):
            page = site.html(f"{prefix}analyses/{analysis.folder}/")
            note = page.select_one("article .analysis-edition")
            ui = interface_strings(site.root / "docs", lang)
            if unconfirmed:
                assert note is not None and text(note) == " ".join(ui[f"edition_{what}"] for what in unconfirmed)
            else:
                assert note is None, analysis.folder
            date = page.select_one('meta[name="citation_publication_date"]')["content"]
            published = str(analysis.meta.get("published") or analysis.year)
            assert date == (str(analysis.year) if "published" in unconfirmed else published.replace("-", "/"))
            # The print page's metadata: the month only once confirmed, as in the references.
            printed = text(site.html(f"{prefix}analyses/{analysis.folder}/imprimer/").select_one("dl.print-meta"))
            month = int(published.split("-")[1]) if published.count("-") else None
            if month is not None:
                assert (ui["months"][month - 1] in printed) == ("published" not in unconfirmed), (analysis.folder, printed)


def test_the_real_site_says_what_the_file_says_and_nothing_else(real_site):
    assert_fields_shown_as_written(real_site)
    assert_unconfirmed_titles_and_months_are_told(real_site)


FILLED = """\
members:
  fr: >-
    Des *services* <b>sociaux</b> & co de Laeken.
  nl: >-
    Sociale *diensten* <b>uit</b> Laken & co.
activities:
  fr: Ses membres se réunissent autour d’une table ronde.
  nl:
rhythm:
  fr: La Coordination publie une analyse chaque printemps.
  nl: De Coordination publiceert elke lente een analyse.
analyses:
  2020-virtualisation:
    title_confirmed: oui
    published_confirmed: oui
"""


@pytest.fixture(scope="module")
def filled_site(tmp_path_factory):
    from conftest import copy_site

    root = copy_site(tmp_path_factory.mktemp("organisation"))
    (root / "docs/_data/organisation.yml").write_text(FILLED, encoding="utf-8")
    return build_site(root)


def test_filled_fields_show_as_text_in_their_language_and_an_empty_one_not_at_all(filled_site):
    assert_fields_shown_as_written(filled_site)
    assert_unconfirmed_titles_and_months_are_told(filled_site)
    home = filled_site.html("")
    assert home.select_one("article em").get_text() == "services"  # Markdown kept
    assert home.select_one("article b") is None and "<b>sociaux</b> & co" in text(home.select_one("article"))
    about_nl = text(filled_site.html("nl/a-propos/").select_one("article"))
    assert "table ronde" not in about_nl  # no Dutch text: nothing, not the French


def test_check_lists_what_the_coordination_has_still_to_say_without_failing(site_copy):
    path = site_copy / "docs/_data/organisation.yml"
    path.write_text(FILLED.replace("  nl: De Coordination publiceert elke lente een analyse.\n", "  nl:\n")
                    .replace("    title_confirmed: oui", "    title_confirmed: non"), encoding="utf-8")
    process = run(site_copy, "check", "--no-build")
    assert process.returncode == 0, process.stdout
    notices = process.stdout.split("À compléter par la Coordination", 1)[1]
    lines = path.read_text(encoding="utf-8").splitlines()
    listed = [line.strip() for line in notices.splitlines() if line.startswith("  docs/")]
    assert len(listed) == 3, listed
    for field, lang in (("activities", "nl"), ("rhythm", "nl")):
        line = next(n for n, line in enumerate(lines, 1) if line.startswith(f"{field}:")) + (2 if lang == "nl" else 1)
        assert any(entry.startswith(f"docs/_data/organisation.yml:{line}: `{field}` en néerlandais est vide") for entry in listed), listed
    title = next(n for n, line in enumerate(lines, 1) if "title_confirmed" in line)
    assert any(entry.startswith(f"docs/_data/organisation.yml:{title}: analyse 2020-virtualisation : le titre")
               and entry.endswith("écrivez `title_confirmed: oui`") for entry in listed), listed
    assert "Tout est en ordre." in process.stdout
