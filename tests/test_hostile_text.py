"""Hostile text in every field of every data file: it shows as text wherever it lands.

One fixture site (a copy of the real one) gets quotes, `<script>`, `<img onerror>`,
`</script><!--`, braces, a trailing backslash, `javascript:` links and a line break in an
author's name, in the front matter of an analysis and a chapter, the themes, sectors,
glossary and interface strings, and mkdocs.yml's `extra`. It is built with the strict build;
every page is parsed with a real HTML parser, and the feeds, JSON and citation exports with
their formats' readers.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Comment

from conftest import build_site, copy_site
from test_browser import browser  # noqa: F401 (the Chromium fixture, skipped without Chromium unless CI is set)

ATTACKS = '"guillemets" <script>alert(1)</script> <img src=x onerror=alert(1)> </script><!-- {accolade} & fin'
LINKS = "[lien](javascript:alert(1)) [autre](JaVa&#x53;cript:alert(2)) [données](data:text/html,x)"
TITLE = f"Titre {ATTACKS} \\"  # ends with a backslash
SUMMARY = f"Résumé {ATTACKS} {LINKS}\n{{ onclick=alert(3) }}"
AUTHOR = "Autrice <img src=x onerror=alert(1)> {x}\nsur deux lignes \\"
# Without braces: a chapter's title is read as a Markdown heading, whose `{…}` is an attribute list.
CHAPTER_TITLE = f"Chapitre {ATTACKS.replace('{accolade} ', '')}"
THEME = f"Thème {ATTACKS}"
SECTOR = f"Secteur {ATTACKS}"
TERM = 'Zorglub <b>gras</b> "q"'
SHORT = f"Court {ATTACKS}"
PUBLISHER = f"Éditeur {ATTACKS} \\"
SOURCE_TITLE = f"Source [lien](javascript:alert(1)) *gras* {ATTACKS}"
UI_KEYS = ("nav_analyses", "summary", "chapters", "cite_title", "not_found_title", "kind_analysis",
           "themes_title", "glossary_variants", "feed_all", "data_label", "print_authors", "fallback_title",
           "cite_section")
ANALYSIS = "analyses/2020-virtualisation/"
CHAPTER = "sur-le-terrain"
UNSAFE_SCHEME = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


def one_line(text: str) -> str:
    return " ".join(text.split())


def _set_front_matter(path: Path, **fields) -> None:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    meta.update(fields)
    path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body, encoding="utf-8")


def _edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _make_hostile(root: Path) -> None:
    docs = root / "docs"
    analysis = docs / ANALYSIS
    _set_front_matter(analysis / "index.fr.md", title=TITLE, summary=SUMMARY,
                      authors=["Coordination sociale de Laeken", AUTHOR])
    _set_front_matter(analysis / "index.nl.md", title=TITLE, summary=SUMMARY)
    chapter = analysis / f"{CHAPTER}.fr.md"
    _set_front_matter(chapter, title=CHAPTER_TITLE)
    _set_front_matter(analysis / f"{CHAPTER}.nl.md", title=CHAPTER_TITLE)
    with chapter.open("a", encoding="utf-8") as file:  # a coordinator pastes a link
        # (Its own raw HTML is the coordinators' markup, as in every page: not written here.)
        file.write(f"\nUn mot, zorglub, et des liens : {LINKS}.\n{{ onclick=alert(4) }}\n\n"
                   '## Section x" onmouseover="alert(6) { #section-hostile }\n\nTexte.\n')

    def themes(data):
        for lang in ("fr", "nl"):
            data["virtualisation"][lang] = {"name": THEME, "description": f"Description {ATTACKS} {LINKS}"}

    def sectors(data):
        for lang in ("fr", "nl"):
            data["epn"][lang] = {"name": SECTOR, "description": f"Description {ATTACKS} {LINKS}"}

    def glossary(data):
        part = {"term": TERM, "variants": ["zorglub"], "short": SHORT,
                "definition": f"Définition {ATTACKS} {LINKS}\n\n<div onclick=alert(5)>bloc</div>\n",
                "link": "https://example.org/a) <img src=x onerror=alert(1)> (b",
                "sources": [{"title": SOURCE_TITLE, "publisher": PUBLISHER, "checked": datetime.date.today(),
                             "url": 'https://example.org/s)"><img/src=x/onerror=alert(1)>(b', "lang": "fr"}]}
        data["zorglub"] = {"fr": part, "nl": part}

    def interface(data):
        for key in UI_KEYS:
            for lang in ("fr", "nl"):
                data[key][lang] = f"{data[key][lang]} {ATTACKS}"

    _edit_yaml(docs / "_data" / "themes.yml", themes)
    _edit_yaml(docs / "_data" / "sectors.yml", sectors)
    _edit_yaml(docs / "_data" / "glossary.yml", glossary)
    _edit_yaml(docs / "_data" / "interface.yml", interface)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    # The publisher's name, then the contact's: both are `name: Coordination sociale de Laeken`.
    config = config.replace("    name: Coordination sociale de Laeken", f"    name: {json.dumps(PUBLISHER)}", 1)
    config = config.replace("    name: Coordination sociale de Laeken", f"    name: {json.dumps(f'Contact {ATTACKS}')}", 1)
    config = config.replace("    place_fr: Bruxelles", f"    place_fr: {json.dumps(f'Lieu {ATTACKS}')}")
    config = config.replace("    name: CC BY 4.0", f"    name: {json.dumps(f'Licence {ATTACKS}')}")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = copy_site(tmp_path_factory.mktemp("hostile-site"))
    _make_hostile(root)
    return build_site(root)


def _html_files(site) -> list[Path]:
    return [path for path in sorted(site.dir.rglob("*.html")) if "assets" not in path.relative_to(site.dir).parts]


def _text(element) -> str:
    """An element's text without the heading's permanent link (¶)."""
    for link in element.select("a.headerlink"):
        link.decompose()
    return one_line(element.get_text())


def test_no_element_attribute_script_or_link_comes_from_the_hostile_text(site):
    pages = _html_files(site)
    assert len(pages) > 20
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(site.dir)
        for element in soup.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert not handlers, f"{where}: <{element.name} {handlers}>"
            for name in ("href", "src"):
                assert not UNSAFE_SCHEME.match(str(element.get(name, ""))), f"{where}: {element}"
        assert not soup.select("img[src=x]"), where
        assert not soup.find_all("b", string="gras"), where
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                assert "<" not in script.string
                json.loads(script.string)
            else:
                assert "alert" not in (script.string or ""), f"{where}: {script}"
        for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
            assert "accolade" not in comment, f"{where}: the text became a comment"


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_the_analysis_title_and_summary_show_as_text(site, prefix):
    page = site.html(prefix + ANALYSIS)
    title = one_line(TITLE)
    assert page.title.string.startswith(f"{title} - ")
    assert _text(page.find("h1")) == title
    menu = [_text(label) for label in page.select(".md-nav__item--section label, .md-nav__item--nested label")]
    assert any(label == f"2020 · {title}" for label in menu), menu
    assert page.find("meta", attrs={"name": "description"})["content"] == one_line(SUMMARY)
    assert page.find("meta", attrs={"property": "og:title"})["content"] == TITLE
    assert page.find("meta", attrs={"name": "citation_author", "content": one_line(AUTHOR) + ","}) is not None
    jsonld = json.loads(page.find("script", type="application/ld+json").string)
    assert jsonld["name"] == TITLE and jsonld["description"] == one_line(SUMMARY)
    byline = _text(page.find(class_="analysis-byline"))
    assert one_line(AUTHOR) in byline
    assert f"Résumé {ATTACKS} lien autre données" in _text(page.select_one(".admonition.abstract"))
    chapters = [_text(item) for item in page.select(".md-content ol li")]
    assert one_line(CHAPTER_TITLE) in chapters


def test_the_chapter_title_shows_as_text_and_pasted_links_are_dead(site):
    page = site.html(f"{ANALYSIS}{CHAPTER}/")
    assert page.title.string.startswith(f"{CHAPTER_TITLE} - ")
    active = page.select_one(".md-nav__link--active")
    assert _text(active) == CHAPTER_TITLE
    (pasted,) = [p for p in page.select("article p[id^=p]") if "zorglub" in p.get_text()]
    assert "lien autre données" in _text(pasted) and not pasted.find("a", href=UNSAFE_SCHEME)
    button = page.find(id="section-hostile").find("button", class_="cite-section")
    assert button["aria-label"].endswith('x" onmouseover="alert(6)')
    reference = page.find(id="cite-reference")
    assert f"{one_line(AUTHOR)} (2020)" in one_line(reference["data-cite-reference"])
    assert one_line(AUTHOR) in _text(reference)


def test_lists_theme_and_sector_pages_show_the_names_as_text(site):
    listing = site.html("analyses/")
    assert _text(listing.find("h2", id="2020-virtualisation")) == one_line(TITLE)
    home = site.html("")
    assert one_line(TITLE) in _text(home.find(class_="latest-analysis"))
    theme = site.html("themes/virtualisation/")
    assert _text(theme.find("h1")) == THEME
    assert theme.title.string.startswith(f"{THEME} - ")
    assert _text(theme.find("h3")) == f"2020 · {one_line(TITLE)}"
    sector = site.html("secteurs/epn/")
    assert _text(sector.find("h1")) == SECTOR
    themes = site.html("themes/")
    assert any(_text(link) == THEME for link in themes.select("article li a"))


def test_glossary_fields_show_as_text(site):
    glossary = site.html("glossaire/")
    assert _text(glossary.find("h2", id="zorglub")) == TERM
    definition = glossary.find("h2", id="zorglub").find_next_sibling("p", class_=None)
    assert _text(definition) == f"Définition {ATTACKS} lien autre données"
    assert _text(definition.find_next_sibling("p")) == "<div onclick=alert(5)>bloc</div>"
    link = glossary.select_one("#zorglub ~ p a.glossary-link")
    assert link["href"].startswith("https://example.org/a%29%20%3Cimg")
    # Its source: the title and publisher as typed, the address percent-encoded.
    source = glossary.select_one("#zorglub ~ div.glossary-sources")
    (title,) = source.select("a")
    assert _text(title) == one_line(SOURCE_TITLE) and title["href"].startswith("https://example.org/s%29%22%3E%3Cimg")
    assert one_line(PUBLISHER) in _text(source)
    chapter = site.html(f"{ANALYSIS}{CHAPTER}/")
    term = chapter.find(class_="glossary-term", string="zorglub")
    # The definition the term points to: text, shown as such by glossary.js (test below).
    definition = chapter.find(id=term["aria-describedby"])
    assert definition.get_text() == SHORT and definition.find(True) is None
    assert not term.has_attr("title")
    # A button's title is the browser's tooltip (Material's own are off): text as written.
    assert chapter.select_one("button.cite-section")["title"].endswith(ATTACKS)


def test_print_and_404_pages_show_the_text(site):
    printed = site.html(f"{ANALYSIS}imprimer/")
    assert _text(printed.find("h1")) == one_line(TITLE)
    assert one_line(AUTHOR) in _text(printed.find(class_="print-meta"))
    missing = BeautifulSoup((site.dir / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert _text(missing.find("h1")).endswith(ATTACKS)


def test_footer_and_about_page_show_mkdocs_yml_values_as_text(site):
    about = site.html("a-propos/")
    assert f"Contact {ATTACKS}" in _text(about.find(class_="md-copyright"))
    assert f"Licence {ATTACKS}" in _text(about.find("article"))


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_feeds_and_partners_json_hold_the_text(site, lang):
    import feedparser

    feed = feedparser.parse((site.dir / f"atom-{lang}.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    (entry,) = [e for e in feed.entries if e.link.endswith(ANALYSIS)]
    assert entry.title == TITLE
    assert entry.summary == one_line(SUMMARY)
    assert [author.name for author in entry.authors] == ["Coordination sociale de Laeken", AUTHOR]
    assert THEME in [tag.label for tag in entry.tags]
    themed = feedparser.parse((site.dir / f"atom-{lang}-virtualisation.xml").read_bytes())
    assert not themed.bozo and themed.feed.title.endswith(THEME)
    data = json.loads((site.dir / f"analyses-{lang}.json").read_text(encoding="utf-8"))
    (analysis,) = [a for a in data["analyses"] if a["id"] == "2020-virtualisation"]
    assert analysis["title"] == TITLE and analysis["authors"][1] == AUTHOR
    assert THEME in [theme["name"] for theme in data["themes"]]


def _export(site, lang: str, extension: str) -> str:
    prefix = "" if lang == "fr" else "nl/"
    return (site.dir / f"{prefix}{ANALYSIS}2020-virtualisation.{lang}.{extension}").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_citation_exports_read_back_the_text(site, lang):
    import bibtexparser
    import rispy
    from bibtexparser.middlewares import LatexDecodingMiddleware

    library = bibtexparser.parse_string(_export(site, lang, "bib"), append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry["title"] == one_line(TITLE)
    assert entry["institution"] == one_line(PUBLISHER)
    assert one_line(AUTHOR) in entry["author"]

    records = rispy.loads(_export(site, lang, "ris"))
    assert len(records) == 1
    assert records[0]["authors"] == ["Coordination sociale de Laeken", one_line(AUTHOR)]
    assert records[0]["title"] == one_line(TITLE)
    assert records[0]["publisher"] == one_line(PUBLISHER)

    (item,) = json.loads(_export(site, lang, "json"))
    assert item["title"] == one_line(TITLE)
    assert item["author"][1] == {"literal": one_line(AUTHOR)}


def test_search_index_holds_no_markup_from_the_text(site):
    """Material's search shows titles and text of its results as HTML."""
    for lang_prefix in ("", "nl/"):
        index = json.loads((site.dir / lang_prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
        for doc in index["docs"]:
            for field in ("title", "text"):
                soup = BeautifulSoup(doc.get(field, ""), "html.parser")
                assert not soup.find_all(["img", "script", "b"]), doc["location"]
                assert not [e for e in soup.find_all(True) if any(a.startswith("on") for a in e.attrs)], doc["location"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)",
                                 "jav&#x61;script:alert(1)", "VBSCRIPT:x", "data:text/html,<b>x</b>", "\x01javascript:x"])
def test_unsafe_addresses_are_recognised_as_a_browser_reads_them(url):
    from laeken.safe import unsafe_url

    assert unsafe_url(url)


@pytest.mark.parametrize("url", ["https://example.org/javascript:", "../page/", "#p3", "mailto:a@b.be", "javascript.html"])
def test_ordinary_addresses_are_left_alone(url):
    from laeken.safe import unsafe_url

    assert not unsafe_url(url)


@pytest.mark.parametrize("text", [TITLE, AUTHOR, TERM, "# 1. *a* _b_ `c` [d](e) ![f](g) {: #h } + - !!! > \\\\ &amp; &#x41;"])
def test_plain_text_in_markdown_renders_exactly_as_typed(text):
    import markdown
    from laeken.safe import markdown_text

    rendered = markdown.markdown(markdown_text(text), extensions=["attr_list", "pymdownx.smartsymbols"])
    soup = BeautifulSoup(rendered, "html.parser")
    assert [element.name for element in soup.find_all(True)] == ["p"]
    assert soup.get_text() == one_line(text)


HOSTILE_PAGES = ["", "analyses/", ANALYSIS, f"{ANALYSIS}{CHAPTER}/", f"{ANALYSIS}imprimer/", "themes/",
                 "themes/virtualisation/", "secteurs/epn/", "glossaire/", "a-propos/", "404.html"]


@pytest.mark.browser
def test_no_script_runs_in_chromium_on_hover_focus_or_search(site, browser):
    """Opened in Chromium, with the glossary tooltip shown and a search typed: no alert."""
    import functools
    import http.server
    import threading

    from test_browser import QuietHandler

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site.dir)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    server = f"http://127.0.0.1:{httpd.server_address[1]}/"
    page = browser.new_page()
    dialogs = []

    def dialog(opened):
        dialogs.append(f"{page.url}: {opened.message}")
        opened.dismiss()

    page.on("dialog", dialog)
    try:
        for lang_prefix in ("", "nl/"):
            for path in HOSTILE_PAGES:
                page.goto(server + lang_prefix + path)
                page.wait_for_load_state("networkidle")
        page.goto(server + f"{ANALYSIS}{CHAPTER}/")
        page.wait_for_load_state("networkidle")
        term = page.locator("article .glossary-term", has_text="zorglub").first
        term.hover()
        tooltip = page.locator(".glossary-tooltip")
        tooltip.wait_for(state="visible", timeout=3000)
        shown = tooltip.inner_text().strip()
        page.locator("button.cite-section").first.hover()
        # Material gives a title it shortens (menu, header) a `title` of its text: the
        # browser's tooltip (Material's own, which would show it as HTML, are off).
        shortened = []
        for width in (1000, 390):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(server + f"{ANALYSIS}{CHAPTER}/")
            page.wait_for_load_state("networkidle")
            page.mouse.wheel(0, 600)  # the header shows the page's title once the page scrolls
            page.wait_for_timeout(500)
            for x, y in page.evaluate("""Array.from(document.querySelectorAll('.md-ellipsis'))
                    .map(span => span.closest('a') || span).filter(element => element.getAttribute('title'))
                    .map(element => element.getBoundingClientRect()).map(box => [box.x + box.width / 2, box.y + box.height / 2])"""):
                page.mouse.move(x, y)
                page.wait_for_timeout(100)
            shortened += page.evaluate("""Array.from(document.querySelectorAll('.md-ellipsis'))
                    .map(span => (span.closest('a') || span).getAttribute('title')).filter(Boolean)""")
            assert page.locator(".md-tooltip2").count() == 0
        page.set_viewport_size({"width": 1280, "height": 720})
        page.goto(server)
        page.wait_for_load_state("networkidle")
        page.click(".md-search__input")
        page.keyboard.type("Titre")
        page.wait_for_selector(".md-search-result__item", timeout=10000)
        page.wait_for_timeout(200)  # results are drawn as they come: let the last ones in
    finally:
        page.close()
        httpd.shutdown()
    assert dialogs == []
    assert shown == SHORT
    assert one_line(CHAPTER_TITLE) in [one_line(text) for text in shortened]
