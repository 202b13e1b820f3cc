"""Build tests of the bilingual site: pages, languages, switcher, ids, no third party.

Each runs on the real site and on the fixture site (the real one with a second analysis, a
French-only return and a Dutch page out of date: tests/fixtures.py)."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from laeken.interface import interface_strings

SECTOR_IDS = ("epn", "ecole-de-devoirs", "sante-mentale", "maison-medicale")
CHAPTERS = (
    "analyses/2020-virtualisation/",
    "analyses/2020-virtualisation/sur-le-terrain/",
    "analyses/2020-virtualisation/virtualisation-sur-le-terrain/",
    "analyses/2020-virtualisation/quelques-conclusions/",
)


def test_site_builds_strictly_without_warnings(site):
    assert "WARNING" not in site.log
    assert (site.dir / "index.html").exists()
    assert (site.dir / "nl" / "index.html").exists()


def test_expected_pages_exist_in_both_languages(site):
    french = site.pages("fr")
    for path in ("", "analyses/", "a-propos/", *CHAPTERS):
        assert path in french


def test_every_french_page_has_its_dutch_page_at_the_same_path(site):
    french = site.pages("fr")
    dutch = {path.removeprefix("nl/") for path in site.pages("nl")}
    assert french, "no French page was built"
    assert set(french) == dutch


def test_html_lang_is_right_on_every_page(site):
    for lang in ("fr", "nl"):
        for path in site.pages(lang):
            assert site.html(path).html["lang"] == lang, path


def _switcher_targets(site, path):
    page = site.html(path)
    links = page.select("a.md-select__link[hreflang]")
    assert links, f"{path}: no language switcher"
    base = "http://site/" + path
    return {link["hreflang"]: urlsplit(urljoin(base, link["href"])).path for link in links}


def test_language_switcher_leads_to_the_same_page_in_the_other_language(site):
    for path in site.pages("fr"):
        targets = _switcher_targets(site, path)
        assert targets == {"fr": "/" + path, "nl": "/nl/" + path}, path
    for path in site.pages("nl"):
        targets = _switcher_targets(site, path)
        french = path.removeprefix("nl/")
        assert targets == {"fr": "/" + french, "nl": "/" + path}, path


def test_no_relative_head_alternate_that_makes_material_fetch_a_missing_sitemap(site):
    # Material's JavaScript fetches sitemap.xml next to each head <link rel=alternate>.
    for lang in ("fr", "nl"):
        for path in site.pages(lang):
            page = site.html(path)
            for link in page.head.select('link[rel="alternate"]'):
                target = urljoin("http://site/" + path, link["href"])
                sitemap = urlsplit(urljoin(target, "sitemap.xml")).path
                assert (site.dir / sitemap.lstrip("/")).exists(), (path, link)


def test_sitemap_lists_every_page_with_its_absolute_alternates(site):
    sitemap = (site.dir / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="nl" href="https://' in sitemap
    assert "/nl/analyses/2020-virtualisation/sur-le-terrain/" in sitemap


@pytest.mark.parametrize("lang_prefix", ["", "nl/"])
def test_sector_sections_exist_with_their_ids_and_sector_keys(site, lang_prefix):
    page = site.html(lang_prefix + "analyses/2020-virtualisation/virtualisation-sur-le-terrain/")
    for sector in SECTOR_IDS:
        heading = page.find(id=sector)
        assert heading is not None and heading.name == "h2", sector
        assert heading["data-sector"] == sector


def _heading_ids(page):
    return [h.get("id") for h in page.select("article h1, article h2, article h3, article h4")]


def test_every_page_has_the_same_heading_ids_in_french_and_dutch(site):
    for path in site.pages("fr"):
        french = _heading_ids(site.html(path))
        dutch = _heading_ids(site.html("nl/" + path))
        assert None not in french, f"{path}: a heading has no id"
        assert len(french) == len(set(french)), f"{path}: a heading id is used twice"
        # The same set; the order may differ where it follows the language (the glossary). A
        # translation out of date may lack what the French gained since (it says so).
        if site.translation_state("nl/" + path) != "outdated":
            assert sorted(french) == sorted(dutch), path


def test_every_source_heading_has_an_explicit_id(site):
    from laeken.pages import headings, read_page

    for path in sorted((site.root / "docs").rglob("*.md")):
        _, body = read_page(path)
        for level, text, heading_id in headings(body):
            assert heading_id, f"{path}: heading {text!r} has no {{ #id }}"


def test_dutch_pages_say_whether_they_are_a_translation_or_still_french(site):
    ui = interface_strings(site.root / "docs", "nl")
    for path in site.pages("nl"):
        page = site.html(path)
        state = site.translation_state(path)
        note, notice = page.select_one(".translation-note"), page.select_one(".translation-notice")
        if state is None:
            continue  # generated in each language: see test_print.py and test_themes.py
        if state == "fallback":
            assert notice is not None and note is None, path  # not claimed as a translation
            assert ui["fallback_title"] in notice.get_text(), path
            assert page.select_one('article div[lang="fr"]') is not None, path
            continue
        if state == "outdated":
            assert notice is not None and ui["outdated_title"] in notice.get_text(), path
            continue
        assert note is not None and notice is None, path
        assert ui["translated_notice"] in note.get_text()
        link = note.find("a")
        assert urlsplit(urljoin("http://site/" + path, link["href"])).path == "/" + path.removeprefix("nl/")


def test_pages_generated_in_each_language_are_not_marked_as_translations(site):
    for path in site.pages("nl"):
        if path.startswith(("nl/themes/", "nl/secteurs/")):
            page = site.html(path)
            assert page.select_one(".translation-note") is None and page.select_one(".translation-notice") is None, path


def test_dutch_page_states_on_a_fixture_site(fixture_site):
    """The fixture site has each state: translated, out of date, French only."""
    from fixtures import ANALYSIS, FRENCH_ONLY_PAGE

    states = {path: fixture_site.translation_state(path) for path in fixture_site.pages("nl")}
    assert states[f"nl/analyses/{ANALYSIS}/les-constats/"] == "translated"
    assert states[f"nl/analyses/{ANALYSIS}/les-reponses/"] == "outdated"
    assert states[f"nl/{FRENCH_ONLY_PAGE}/"] == "fallback"


def test_every_analysis_is_in_the_navigation_of_its_pages_with_its_chapters(site):
    from laeken.analyses import load_analyses
    from laeken.typography import typeset

    for analysis in load_analyses(site.root / "docs"):
        for prefix, lang in (("", "fr"), ("nl/", "nl")):
            # navigation.prune renders the open branch only: the chapters show on the analysis's pages.
            page = site.html(f"{prefix}analyses/{analysis.folder}/")
            nav = page.select_one("nav.md-nav--primary")
            title = typeset(analysis.field("title", lang), lang)  # as the page sets it (French typography)
            assert f"{analysis.year} · {title}" in nav.get_text(" ", strip=True), (lang, analysis.folder)
            links = {urlsplit(urljoin(f"http://site/{prefix}analyses/{analysis.folder}/", a["href"])).path
                     for a in nav.select("a[href]")}
            for chapter in analysis.chapters:
                assert f"/{prefix}analyses/{analysis.folder}/{chapter.slug}/" in links, (lang, chapter.slug)


ASSET_SELECTORS = ("script[src]", "link[href]", "img[src]", "source[src]", "iframe[src]", "audio[src]", "video[src]")


def test_no_script_stylesheet_font_or_image_comes_from_another_host(site):
    pages = list(site.dir.rglob("*.html"))
    assert pages
    from bs4 import BeautifulSoup

    for html_file in pages:
        page = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for element in page.select(", ".join(ASSET_SELECTORS)):
            if element.name == "link" and element.get("rel") and set(element["rel"]) <= {"alternate", "canonical", "prev", "next", "license"}:
                continue  # navigation between documents, not a resource the page loads
            url = element.get("src") or element.get("href")
            assert not urlsplit(url).netloc and not url.startswith("//"), f"{html_file}: {url}"
    for css in site.dir.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "@import url(http" not in text, css


def test_the_single_404_page_speaks_both_languages(site):
    from bs4 import BeautifulSoup

    page = BeautifulSoup((site.dir / "404.html").read_text(encoding="utf-8"), "html.parser")
    french, dutch = page.select_one('article div[lang="fr"]'), page.select_one('article div[lang="nl"]')
    titles = {lang: interface_strings(site.root / "docs", lang)["not_found_title"] for lang in ("fr", "nl")}
    assert titles["fr"] in french.get_text() and titles["nl"] in dutch.get_text()
    assert urlsplit(urljoin("http://site/x/y/", french.a["href"])).path in ("/", "/.")
    assert urlsplit(urljoin("http://site/x/y/", dutch.a["href"])).path == "/nl/"
