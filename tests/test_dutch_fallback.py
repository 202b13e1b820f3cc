"""Dutch around French text, and which publication is "the latest"."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import yaml

from conftest import build_site, language_of
from laeken.analyses import load_analyses
from laeken.pages import headings, read_page
from laeken.typography import typeset

FOLDER = "analyses/2020-virtualisation"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def data(root: Path, name: str) -> dict:
    return yaml.safe_load((root / "docs/_data" / name).read_text(encoding="utf-8"))


def test_labels_names_and_translated_titles_are_dutch_on_a_fallback_page(site_copy):
    docs = site_copy / "docs" / FOLDER
    (docs / "index.nl.md").unlink()
    analysis = next(a for a in load_analyses(site_copy / "docs") if a.folder == FOLDER.split("/")[1])
    untranslated = analysis.chapters[-1]
    (docs / f"{untranslated.slug}.nl.md").unlink()
    ui = {key: value["nl"] for key, value in data(site_copy, "interface.yml").items()}
    themes = data(site_copy, "themes.yml")
    site = build_site(site_copy)

    page = site.html(f"nl/{FOLDER}/")
    assert page.select_one(".translation-notice") is not None  # the text is French
    article = page.select_one("article")
    byline = article.select_one(".analysis-byline")
    assert byline.get_text().startswith(ui[f"kind_{analysis.meta['kind']}"]) and byline["lang"] == "nl"
    assert article.select_one(".admonition.abstract .admonition-title").get_text() == ui["summary"]
    assert article.select_one("#chapitres").get_text(strip=True).startswith(ui["chapters"])
    assert article.select_one(".print-links").get_text(strip=True).startswith(ui["print_all"])
    tags = article.select_one(".page-tags")
    assert tags["lang"] == "nl" and tags.get_text().startswith(ui["themes_label"])
    names = [a.get_text() for a in tags.select('a[href*="themes/"]')]
    assert names == [themes[slug]["nl"]["name"] for slug in analysis.meta["themes"]]
    items = article.select("ol li")
    for chapter, item in zip(analysis.chapters, items, strict=True):
        if chapter is untranslated:
            title = next(text for level, text, _ in headings(read_page(docs / f"{chapter.slug}.fr.md")[1]) if level == 1)
            assert item.get_text() == typeset(title, language_of(item)) and not item.get("lang")
        else:
            title = next(text for level, text, _ in headings(read_page(docs / f"{chapter.slug}.nl.md")[1]) if level == 1)
            assert item.get_text() == typeset(title, "nl") and item["lang"] == "nl"

    chapter_page = site.html(f"nl/{FOLDER}/{untranslated.slug}/")
    tags = chapter_page.select_one(".page-tags")
    assert tags is None or tags.get_text().startswith((ui["themes_label"], ui["sectors_label"]))

    home = site.html("nl/").select_one(".latest-analysis")  # the home page marks the French it shows
    if home.a["href"].rstrip("/").endswith(FOLDER.split("/")[1]):
        assert home.select_one('p[lang="fr"] a') is not None

    feed = ElementTree.parse(site.dir / "atom-nl.xml").getroot()
    entry = next(e for e in feed.iter("{http://www.w3.org/2005/Atom}entry") if FOLDER in e.find("{http://www.w3.org/2005/Atom}id").text)
    assert entry.get(XML_LANG) == "fr"
    french_feed = ElementTree.parse(site.dir / "atom-fr.xml").getroot()
    assert all(e.get(XML_LANG) is None for e in french_feed.iter("{http://www.w3.org/2005/Atom}entry"))


def write_publication(docs: Path, folder: str, kind: str, published: str) -> None:
    base = docs / "analyses" / folder
    base.mkdir()
    follows = "follows: 2020-virtualisation\n" if kind == "return" else ""
    (base / "index.fr.md").write_text(
        f"---\ntitle: Publication {folder}\nyear: 2021\npublished: {published}\nauthors: [Coordination sociale de Laeken]\n"
        f"kind: {kind}\n{follows}summary: Résumé de {folder}.\nthemes: [virtualisation]\n---\n\nOuverture.\n", encoding="utf-8")
    (base / "chapitre.fr.md").write_text("---\norder: 1\n---\n\n# Chapitre { #chapitre }\n\nTexte.\n", encoding="utf-8")


def test_the_latest_is_chosen_by_the_rule_when_two_share_a_month(site_copy):
    docs = site_copy / "docs"
    # Alphabetically the return comes first: only the rule puts the analysis before it.
    write_publication(docs, "2021-aa-retour", "return", "2021-12")
    write_publication(docs, "2021-zz-analyse", "analysis", "2021-12")
    write_publication(docs, "2021-mm-plus-tot", "analysis", "2021-03")
    order = [a.folder for a in load_analyses(docs)]
    assert order.index("2021-zz-analyse") < order.index("2021-aa-retour") < order.index("2021-mm-plus-tot")
    site = build_site(site_copy)
    for lang in ("", "nl/"):
        latest = site.html(lang).select_one(".latest-analysis a")
        assert latest["href"].rstrip("/").endswith("2021-zz-analyse")
        listed = [h["id"] for h in site.html(f"{lang}analyses/").select("article h2[id]")]
        assert listed[:3] == ["2021-zz-analyse", "2021-aa-retour", "2021-mm-plus-tot"]
