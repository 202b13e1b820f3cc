"""The whole analysis on one page to print, and its PDF (scripts/hooks/printing.py).

The print pages are read from the real site (built without PDFs, as `mkdocs serve` and
`make build` do); the PDFs from one build with PDFs on, of a copy of the real site with a
second analysis whose chapter is not translated yet."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from laeken.analyses import load_analyses
from laeken.errors import ContentError
from laeken.interface import interface_strings
from laeken.organisation import load_organisation
from laeken.typography import typeset
from conftest import ROOT, build, build_site, copy_site, language_of
import fixtures

PREFIXES = [("", "fr"), ("nl/", "nl")]
SITE_URL = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["site_url"]


def analyses(root=ROOT):
    return load_analyses(root / "docs")


def print_path(prefix, analysis):
    return f"{prefix}analyses/{analysis.folder}/imprimer/"


def resolve(page_path, href):
    """A link of a page as a site path, without its fragment."""
    return urlsplit(urljoin("http://site/" + page_path, href)).path.lstrip("/")


def exists(site, path):
    target = site.dir / path
    return (target / "index.html").exists() if path == "" or path.endswith("/") else target.exists()


def chapter_parts(page):
    return page.select("article section.print-chapter")


@pytest.fixture(scope="module")
def pdf_site(tmp_path_factory):
    root = copy_site(tmp_path_factory.mktemp("pdf-site"))
    fixtures.add_next_year(root)  # a translated analysis and a return in French only
    fixtures.add_partly_translated_return(root)
    # French typed with ordinary spaces, in French only: the Dutch PDF shows it as the French original.
    presentation = root / "docs" / "analyses" / fixtures.RETURN / "index.fr.md"
    presentation.write_text(presentation.read_text(encoding="utf-8") + f"\n{TYPED_FRENCH}\n", encoding="utf-8")
    return build_site(root, env={"SITE_PDF": "true"})


TYPED_FRENCH = "Qui répond ? Personne ; pas même le service ! Une « maraude » : voilà."


# --- The print page ------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix, lang", PREFIXES)
def test_print_page_holds_title_metadata_presentation_every_chapter_and_reference(real_site, prefix, lang):
    for analysis in analyses(real_site.root):
        page = real_site.html(print_path(prefix, analysis))
        article = page.select_one("article")
        assert page.html["lang"] == lang
        assert article.h1.get_text(strip=True).removesuffix("¶") == typeset(analysis.field("title", lang), language_of(article.h1))
        meta = article.select_one("dl.print-meta").get_text(" ", strip=True)
        assert all(author in meta for author in analysis.meta["authors"])
        published = str(analysis.meta.get("published", analysis.year)).split("-")
        assert published[0] in meta
        if len(published) > 1 and load_organisation(real_site.root / "docs").confirmed(analysis.folder, "published"):
            assert interface_strings(ROOT / "docs", lang)["months"][int(published[1]) - 1] in meta
        assert ("Bruxelles" if lang == "fr" else "Brussel") in meta
        presentation = article.select_one("section.print-presentation")
        assert " ".join(analysis.field("summary", lang).split()) in " ".join(presentation.get_text().split())
        assert presentation.select_one("#p1 .paragraph-number") is not None

        parts = chapter_parts(page)
        assert [part.h2.get_text(strip=True).removesuffix("¶") for part in parts] == [
            typeset(c.title(lang), language_of(part.h2)) for c, part in zip(analysis.chapters, parts)]
        for chapter, part in zip(analysis.chapters, parts):
            own = real_site.html(f"{prefix}analyses/{analysis.folder}/{chapter.slug}/")
            numbers = [p["data-number"] for p in part.select("p > a.paragraph-number")]
            assert numbers == [a["data-number"] for a in own.select("article p > a.paragraph-number")]
            assert all(p["id"] == f"{chapter.slug}-p{p.a['data-number']}" for p in part.select("p[id]"))
            own_sections = [h.get_text(strip=True) for h in own.select("article h2[id]") if h["id"] != "citer"]
            assert [h.get_text(strip=True) for h in part.select("h3")] == own_sections  # one level down
            # The terms of the glossary are marked as on the chapter's own page.
            assert len(part.select(".glossary-term")) == len(own.select("article .glossary-term"))

        reference = article.select("section")[-1]
        assert "cite-box" in reference["class"] and reference.h2["id"] == "citer"
        text = " ".join(reference.get_text().split())
        assert analysis.field("title", lang) in text and f"{SITE_URL}{prefix}analyses/{analysis.folder}/" in text


@pytest.mark.parametrize("prefix, lang", PREFIXES)
def test_print_page_ids_are_unique_and_every_link_leads_somewhere(real_site, prefix, lang):
    for analysis in analyses(real_site.root):
        path = print_path(prefix, analysis)
        page = real_site.html(path)
        ids = [element["id"] for element in page.select("[id]")]
        assert not [i for i, count in Counter(ids).items() if count > 1]
        for link in page.select("article a[href]"):
            href = link["href"]
            if href.startswith("#"):
                assert href[1:] in ids, href
            elif not urlsplit(href).scheme:
                assert exists(real_site, resolve(path, href)), href
        # The chapter list of the presentation leads to the chapters inside the page.
        targets = [a["href"] for a in page.select("section.print-presentation ol a")]
        assert targets == [f"#{part.h2['id']}" for part in chapter_parts(page)]


@pytest.mark.parametrize("prefix, lang", PREFIXES)
def test_presentation_page_links_to_the_print_page(real_site, prefix, lang):
    for analysis in analyses(real_site.root):
        path = f"{prefix}analyses/{analysis.folder}/"
        link = real_site.html(path).select_one("article p.print-links a")
        # In the language of the text around it: French on a Dutch page not translated yet.
        assert link.get_text(strip=True) == interface_strings(ROOT / "docs", language_of(link))["print_all"]
        assert resolve(path, link["href"]) == print_path(prefix, analysis)


def test_print_page_stays_out_of_search_results_and_sitemap(real_site):
    sitemap = (real_site.dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "/imprimer/" not in sitemap and "/sur-le-terrain/" in sitemap
    for prefix, _ in PREFIXES:
        index = (real_site.dir / prefix / "search" / "search_index.json").read_text(encoding="utf-8")
        assert "imprimer" not in index
        page = real_site.html(print_path(prefix, analyses(real_site.root)[0]))
        assert page.select_one('meta[name="robots"]')["content"] == "noindex"


def test_a_build_without_pdfs_has_no_pdf_link_meta_or_file(real_site):
    assert not list(real_site.dir.rglob("*.pdf"))
    for lang in ("fr", "nl"):
        for path in real_site.pages(lang):
            page = real_site.html(path)
            assert page.select_one('meta[name="citation_pdf_url"]') is None, path
            assert page.select_one('a[href$=".pdf"]') is None, path


def test_a_dutch_part_not_translated_yet_is_the_french_text_with_a_dutch_notice(pdf_site):
    ui = interface_strings(ROOT / "docs", "nl")
    page = pdf_site.html(f"nl/analyses/{fixtures.PARTLY_TRANSLATED}/imprimer/")
    (part,) = chapter_parts(page)
    assert part.select_one(".translation-notice").get_text(strip=True) == ui["print_fallback"]
    french = part.select_one('div[lang="fr"]')
    assert french.h2.get_text(strip=True).removesuffix("¶") == "Premier chapitre" and "Un paragraphe." in french.get_text()
    presentation = page.select_one("section.print-presentation")
    assert presentation.select_one(".translation-notice") is None  # index.nl.md is translated
    assert "De openingstekst van de terugkoppeling." in presentation.get_text()


# --- The PDFs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix, lang", PREFIXES)
def test_each_analysis_has_its_pdf_with_its_title_and_every_chapter(pdf_site, prefix, lang):
    from pypdf import PdfReader

    found = analyses(pdf_site.root)
    assert {fixtures.ANALYSIS, fixtures.RETURN, "2020-virtualisation"} <= {a.folder for a in found}
    for analysis in found:
        path = pdf_site.dir / analysis.pdf_path(lang)
        assert path.name == f"{analysis.folder}.{lang}.pdf" and path.parent == pdf_site.dir / f"{prefix}analyses/{analysis.folder}"
        reader = PdfReader(path)
        assert reader.metadata.title == analysis.field("title", lang)
        assert reader.metadata.author == ", ".join(analysis.meta["authors"])
        assert reader.trailer["/Root"]["/Lang"] == lang
        text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
        for chapter in analysis.chapters:
            assert chapter.title(lang) in text, (path.name, chapter.title(lang))
        assert interface_strings(ROOT / "docs", lang)["print_cite_title"] in text


def spaces_before_marks(path) -> list[tuple[str, str, float]]:
    """(mark, space, how much narrower than the font's glyph it is drawn, in thousandths of an em,
    beyond the run's letter spacing) for each `? ; ! :` a PDF draws right after a space, in the
    same run of text. A font without a narrow no-break space (U+202F) draws it as its space
    glyph, made narrower."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream, NumberObject, FloatObject

    reader, found = PdfReader(path), []
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        chars = {}
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                cmap = fonts[operands[0]].get_object()["/ToUnicode"].get_object().get_data().decode("latin-1")
                chars = {int(glyph, 16): chr(int(code, 16)) for glyph, code in
                         re.findall(r"<([0-9a-fA-F]{4})> <([0-9a-fA-F]{4})>", cmap)}
            elif operator == b"TJ":
                drawn = []  # [character, adjustment after it]
                for item in operands[0]:
                    if isinstance(item, (NumberObject, FloatObject)):
                        if drawn:
                            drawn[-1][1] += float(item)
                        continue
                    data = item.original_bytes if hasattr(item, "original_bytes") else bytes(item)
                    drawn += [[chars.get(int.from_bytes(data[i:i + 2], "big"), "\ufffd"), 0.0] for i in range(0, len(data), 2)]
                spacing = statistics.median(adjustment for _, adjustment in drawn) if drawn else 0
                found += [(mark, space, narrower - spacing) for (space, narrower), (mark, _) in zip(drawn, drawn[1:])
                          if mark in "?;!:" and space in " \u00a0\u202f"]
    return found


@pytest.mark.parametrize("prefix, lang", PREFIXES)
def test_the_pdf_sets_french_text_the_french_way(pdf_site, prefix, lang):
    """A narrow no-break space before ? ; ! and a no-break one, the width of a space, before
    `:` (the print page has them: tests/test_typography.py; here, the PDF draws them)."""
    path = pdf_site.dir / next(a for a in analyses(pdf_site.root) if a.folder == fixtures.RETURN).pdf_path(lang)
    found = spaces_before_marks(path)
    # Narrower by a twentieth of an em at least (a narrow no-break space is about half a space;
    # letter spacing rounded glyph by glyph differs by a thousandth or so).
    narrow = {mark for mark, space, narrower in found if space == "\u202f" or narrower > 50}
    assert narrow == {"?", ";", "!"}, found  # the typed sentence's; never before `:`
    assert any(mark == ":" for mark, _, _ in found), found


def pdf_links(path):
    """(web addresses, in-PDF destinations, named destinations) of a PDF's link annotations."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    uris, destinations = [], []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if action is not None and action.get("/S") == "/URI":
                uris.append(str(action["/URI"]))
            else:
                destinations.append(str(annotation.get("/Dest") or action.get("/D")))
    return uris, destinations, set(reader.named_destinations)


@pytest.mark.parametrize("prefix, lang", PREFIXES)
def test_pdf_links_lead_to_the_published_site_or_inside_the_pdf(pdf_site, prefix, lang):
    for analysis in analyses(pdf_site.root):
        path = pdf_site.dir / analysis.pdf_path(lang)
        uris, destinations, named = pdf_links(path)
        assert uris and destinations, path
        for uri in uris:
            assert not uri.startswith("file:") and str(pdf_site.root) not in uri, (path.name, uri)
            if urlsplit(uri).netloc == urlsplit(SITE_URL).netloc:
                site_path = uri.removeprefix(SITE_URL).partition("#")[0]
                # Every address of the site the PDF links to is a page or file of the built site.
                assert uri.startswith(SITE_URL) and exists(pdf_site, site_path), (path.name, uri)
        # The links between parts of the analysis stay inside the PDF, to anchors it has.
        assert set(destinations) <= named, (path.name, set(destinations) - named)
        assert not any(f"/{analysis.folder}/" in uri and "#" in uri and "/imprimer/" in uri for uri in uris)


@pytest.mark.parametrize("prefix, lang", PREFIXES)
def test_with_pdfs_pages_link_the_pdf_and_carry_citation_pdf_url(pdf_site, prefix, lang):
    for analysis in analyses(pdf_site.root):
        pdf = analysis.pdf_path(lang)
        for path in (f"{prefix}analyses/{analysis.folder}/", print_path(prefix, analysis)):
            link = pdf_site.html(path).select_one('article p.print-links a[type="application/pdf"]')
            label = interface_strings(ROOT / "docs", language_of(link))["pdf_download"]
            assert link.get_text(strip=True) == label and resolve(path, link["href"]) == pdf
        for chapter in [None, *analysis.chapters]:
            path = f"{prefix}analyses/{analysis.folder}/{chapter.slug + '/' if chapter else ''}"
            meta = pdf_site.html(path).select_one('meta[name="citation_pdf_url"]')
            # A Dutch page that is still French cites the French text, and its PDF.
            source = chapter.path(lang) if chapter else pdf_site.root / f"docs/analyses/{analysis.folder}/index.{lang}.md"
            text_lang = lang if source.name.endswith(f".{lang}.md") and source.exists() else "fr"
            assert meta["content"] == SITE_URL + analysis.pdf_path(text_lang), path


def test_the_pdf_fetches_nothing_outside_the_built_site(tmp_path):
    from hooks import printing
    from mkdocs.exceptions import PluginError

    site = tmp_path / "site"
    site.mkdir()
    for url in ("https://fonts.example.org/font.css", (tmp_path / "outside.css").as_uri()):
        (tmp_path / "outside.css").write_text("p { color: red }", encoding="utf-8")
        page = site / "index.html"
        page.write_text(f'<html><head><link rel="stylesheet" href="{url}"></head><body><p>x</p></body></html>',
                        encoding="utf-8")
        with pytest.raises(PluginError, match="n’est pas un fichier du site"):
            printing.write_pdf(page, site / "x.pdf", site, page_url="https://example.org/", title="T", authors=["A"], lang="fr")
        assert not (site / "x.pdf").exists()


def test_a_bad_pdf_setting_or_a_chapter_named_imprimer_fails_with_a_clear_message(site_copy):
    process = build(site_copy, check=False, env={"SITE_PDF": "oui-peut-etre"})
    assert process.returncode != 0 and "SITE_PDF" in process.stderr
    chapter = site_copy / "docs/analyses/2020-virtualisation/imprimer.fr.md"
    chapter.write_text("---\norder: 9\n---\n\n# Imprimer { #imprimer }\n", encoding="utf-8")
    with pytest.raises(ContentError, match="version imprimable"):
        load_analyses(site_copy / "docs")
