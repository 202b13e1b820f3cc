"""Search as a reader on a phone needs it, in Debian's Chromium, with Material's interface:
a page view downloads neither the search index nor sitemap.xml; the index comes when the
reader first uses search, and what they typed meanwhile gets its results; a query without
accents finds what the accented one finds, a plural what its singular finds."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from urllib.parse import parse_qs, urlsplit

import pytest

from test_browser import CHAPTER, PageLog, browser, server  # noqa: F401  (shared fixtures)

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
# Requests that a page view must not make: the index, the sitemap, the search code.
ON_DEMAND = re.compile(r"/search_index\.json$|/sitemap\.xml$|/workers/|/lunr/")

# Material's search worker, as the page names it in its configuration, driven directly: the
# full result list (the interface shows the first ten), and what it would highlight.
WORKER_SEARCH = """async ([index, queries]) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const worker = new Worker(new URL(config.search, location.href));
  const next = type => new Promise(resolve => worker.addEventListener("message", function on(event) {
    if (event.data.type === type) { worker.removeEventListener("message", on); resolve(event.data.data); }
  }));
  if (index === null) {
    const base = new URL(config.base.replace(/\\/?$/, "/"), location.href);
    index = await (await fetch(new URL("search/search_index.json", base))).json();
  }
  const ready = next(1);
  worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  await ready;
  const found = {};
  for (const query of queries) {
    const result = next(3);
    worker.postMessage({type: 2, data: query});
    found[query] = (await result).items.map(group => group.map(item => ({location: item.location, terms: item.terms})));
  }
  worker.terminate();
  return found;
}"""


def worker_search(page, path, queries, index=None):
    """{query: [[{location, terms}] per page]} from the page's search worker, on the page's
    own index (or on `index`, a search index as Material's build writes one)."""
    if not page.url.endswith(path):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    return page.evaluate(WORKER_SEARCH, [index, queries])


def pages(groups):
    return {group[0]["location"].split("#")[0] for group in groups}


def fold(word):
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def test_every_page_names_our_search_worker_with_materials_own_and_its_language(real_site):
    """The 404 page too (a template, not a page): a reader who lands there searches."""
    worker = re.compile(r"(?:^|/)assets/javascripts/workers/search-folding\.js\?worker=search\.\w+\.min\.js&lang=(fr|nl)$")
    for path in real_site.dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html)
        if config is None:
            continue  # not a page of Material's (redirect pages)
        found = worker.search(json.loads(config.group(1))["search"])
        assert found, path
        material = real_site.dir / "assets" / "javascripts" / "workers" / found.group(0).split("worker=")[1].split("&")[0]
        assert material.is_file(), path
        root = path.relative_to(real_site.dir).parts[0]
        assert found.group(1) == ("nl" if root == "nl" else "fr"), path


@pytest.fixture
def context(browser):  # noqa: F811
    context = browser.new_context()
    yield context
    context.close()


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_a_page_view_downloads_neither_the_search_index_nor_the_sitemap(context, server, prefix):  # noqa: F811
    page = context.new_page()
    log = PageLog(page, server)
    requests = []
    page.on("request", lambda request: requests.append(urlsplit(request.url).path))
    for path in ("", CHAPTER):
        page.goto(server + prefix + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
    assert requests and not [r for r in requests if ON_DEMAND.search(r)]
    # Material's language selector, which asked for the sitemap, still leads to the translation.
    page.hover(".md-header .md-select")
    other = "fr" if prefix else "nl"
    page.click(f'.md-header a.md-select__link[hreflang="{other}"]')
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path == ("/" if prefix else "/nl/") + CHAPTER
    assert log.problems == []


def test_a_page_opened_with_a_query_shows_its_results(context, server):  # noqa: F811
    page = context.new_page()
    log = PageLog(page, server)
    page.goto(server + "nl/?q=ziekenfonds")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    assert page.input_value(".md-search__input") == "ziekenfonds"
    assert log.problems == []


def open_search(page, way):
    if way == "field":
        page.click(".md-search__input")
    elif way == "phone button":
        page.tap("label.md-header__button[for=__search]")
    else:
        page.keyboard.press(way)


@pytest.mark.parametrize("prefix, query, way", [
    ("", "mutuelle", "field"),
    ("nl/", "ziekenfonds", "field"),
    ("", "chomage", "phone button"),
    ("nl/", "ziekenfondsen", "phone button"),
    ("", "numerique", "/"),
    ("nl/", "ziekenfonds", "s"),
])
def test_the_index_comes_when_search_is_used_and_the_query_typed_meanwhile_gets_results(
        browser, server, prefix, query, way):  # noqa: F811
    context = browser.new_context(**(PHONE if way == "phone button" else {}))
    page = context.new_page()
    log = PageLog(page, server)
    requests, held = [], []
    page.on("request", lambda request: requests.append(urlsplit(request.url).path))
    page.route("**/search_index.json", lambda route: held.append(route))  # answered once the query is typed
    page.goto(server + prefix + CHAPTER)
    page.wait_for_load_state("networkidle")
    assert not [r for r in requests if ON_DEMAND.search(r)]

    open_search(page, way)
    page.keyboard.type(query)
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    assert [r for r in requests if r.endswith("search_index.json")] == [f"/{prefix}search/search_index.json"]
    assert page.locator(".md-search-result__item").count() == 0
    held[0].continue_()

    page.wait_for_selector(".md-search-result__item", timeout=10000)
    assert page.input_value(".md-search__input") == query
    links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.href)")
    paths = {urlsplit(link).path for link in links}
    assert f"/{prefix}{CHAPTER}" in paths or len(paths) >= 10  # the interface shows ten at first
    assert all(path.startswith("/nl/") == bool(prefix) for path in paths)  # each language its own
    assert [r for r in requests if ON_DEMAND.search(r) and "sitemap" in r] == []
    assert log.problems == []
    context.close()


def test_french_search_finds_without_accents_and_in_the_plural_what_it_finds_otherwise(context, server):  # noqa: F811
    page = context.new_page()
    found = worker_search(page, server + CHAPTER, ["mutuelle", "mutuelles", "numérique", "numerique",
                                                   "chômage", "chomage"])
    assert "/" + CHAPTER in {"/" + p for p in pages(found["mutuelle"])}
    for plain, written in (("mutuelles", "mutuelle"), ("numerique", "numérique"), ("chomage", "chômage")):
        assert pages(found[written]), written
        assert pages(found[plain]) >= pages(found[written]), (plain, pages(found[written]) - pages(found[plain]))


def test_dutch_search_finds_without_accents_and_in_the_plural_what_it_finds_otherwise(context, server, real_site):  # noqa: F811
    # The Dutch word with an accent or a trema found on the most Dutch pages (e.g. "coördinatie").
    index = json.loads((real_site.dir / "nl" / "search" / "search_index.json").read_text(encoding="utf-8"))
    counts = Counter()
    for doc in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]).lower()
        counts.update({word for word in re.findall(r"\w+", text) if fold(word) != word and word.isalpha()})
    assert counts, "no Dutch word with an accent or a trema"
    accented = counts.most_common(1)[0][0]

    page = context.new_page()
    queries = ["ziekenfonds", "ziekenfondsen", accented, fold(accented)]
    found = worker_search(page, server + "nl/" + CHAPTER, queries)
    assert CHAPTER in pages(found["ziekenfonds"])
    assert pages(found["ziekenfondsen"]) >= pages(found["ziekenfonds"])
    assert pages(found[accented]) and pages(found[fold(accented)]) >= pages(found[accented]), accented


SAMPLE = [
    {"location": "a/", "title": "Les écoles numériques", "text": "<p>L’accueil des mutuelles, le cœur du chômage et des allocations, un lieu.</p>"},
    {"location": "b/", "title": "Coördinatie", "text": "<p>Het ziekenfonds en de financiële steun van België, de keuze van de organisatie.</p>"},
    {"location": "c/", "title": "Autre chose", "text": "<p>Rien de tout cela, niets van dit alles.</p>"},
    # French set the French way (scripts/laeken/typography.py): no-break spaces split words too.
    {"location": "d/", "title": "Typographie", "text": "<p>Un report\u202f? La question\u00a0: «\u00a0maraude\u00a0».</p>"},
]


@pytest.mark.parametrize("lang, queries, expected", [
    ("fr", {"ecole": "écoles", "numerique": "numériques", "mutuelle": "mutuelles", "accueil": "accueil",
            "coeur": "cœur", "chomage": "chômage", "numér": "numériques", "l'accueil": "accueil",
            "mutu": "mutuelles", "allocati": "allocations", "lieux": "lieu"}, "a/"),
    ("fr", {"report": "report", "question": "question", "maraude": "maraude"}, "d/"),
    ("nl", {"coordinatie": "coördinatie", "ziekenfondsen": "ziekenfonds", "financiele": "financiële",
            "belgie": "belgië", "keuzes": "keuze", "organisaties": "organisatie"}, "b/"),
])
def test_the_worker_folds_accents_stems_words_and_highlights_them_as_written(context, server, real_site, lang, queries, expected):  # noqa: F811
    """On a small index with the site's search settings: each query finds its page (without
    accents, in the plural, elided, or typed halfway, past the stem: "allocati"), and the term
    it highlights (Material's `?h=`) is the word as written, accents included."""
    prefix = "nl/" if lang == "nl" else ""
    config = json.loads((real_site.dir / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    page = context.new_page()
    found = worker_search(page, server + prefix + CHAPTER, list(queries), {"config": config, "docs": SAMPLE})
    for query, written in queries.items():
        assert pages(found[query]) == {expected}, query
        terms = {term: hit for group in found[query] for item in group for term, hit in item["terms"].items()}
        assert terms.get(written) is True, (query, terms)


def test_a_result_found_without_accents_is_highlighted_on_its_page(context, server):  # noqa: F811
    page = context.new_page()
    log = PageLog(page, server)
    page.goto(server + CHAPTER)
    page.wait_for_load_state("networkidle")
    page.click(".md-search__input")
    page.keyboard.type("numerique")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    marked = page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent.toLowerCase())")
    assert marked and all(fold(word).startswith("numer") for word in marked) and any(fold(w) != w for w in marked)
    link = page.locator(".md-search-result__item a[href*='h=num']").first
    highlight = parse_qs(urlsplit(link.get_attribute("href")).query)["h"][0]
    assert "é" in highlight  # the words as the page writes them
    link.click()
    page.wait_for_selector("mark[data-md-highlight]", timeout=10000)
    highlighted = page.eval_on_selector_all("mark[data-md-highlight]", "els => els.map(e => e.textContent.toLowerCase())")
    assert any("numérique" in word for word in highlighted), highlighted
    assert log.problems == []
