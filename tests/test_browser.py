"""In Debian's Chromium: open pages, switch language both ways, see no error and no
failed request. Without a browser these tests skip, except in CI (CI set) where they fail."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CHAPTER = "analyses/2020-virtualisation/virtualisation-sur-le-terrain/"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(real_site):
    handler = functools.partial(QuietHandler, directory=str(real_site.dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which(CHROMIUM) or (CHROMIUM if os.path.exists(CHROMIUM) else None)
    if executable is None:
        message = f"no Chromium at {CHROMIUM}: install Debian's chromium (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageLog:
    """Console errors, failed requests, error responses and requests to other hosts."""

    def __init__(self, page, origin):
        self.problems = []
        self.origin = urlsplit(origin).netloc
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}"))
        page.on("response", self.response)
        page.on("request", self.request)

    def console(self, message):
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def response(self, response):
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def request(self, request):
        if urlsplit(request.url).netloc not in (self.origin, "") and not request.url.startswith("data:"):
            self.problems.append(f"third-party request: {request.url}")


@pytest.fixture
def page(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.log = PageLog(page, server)
    yield page
    context.close()


def switch_language(page, lang):
    page.hover(".md-header .md-select")
    page.click(f'.md-header a.md-select__link[hreflang="{lang}"]')
    page.wait_for_load_state("load")


def test_home_and_chapter_open_without_errors(page, server):
    for path in ("", CHAPTER, "nl/", "nl/" + CHAPTER):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("article h1").count() == 1, path
    assert page.log.problems == []


def test_switching_language_both_ways_keeps_the_page(page, server):
    page.goto(server + CHAPTER)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.lang") == "fr"

    switch_language(page, "nl")
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path == "/nl/" + CHAPTER
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.locator("#epn").count() == 1

    switch_language(page, "fr")
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path == "/" + CHAPTER
    assert page.evaluate("document.documentElement.lang") == "fr"

    page.goto(server)
    switch_language(page, "nl")
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path == "/nl/"
    assert page.log.problems == []


# The glossary's tooltip (docs/assets/javascripts/glossary.js) and what a screen reader reads.
TOOLTIP = ".glossary-tooltip"
LANGS = [("", "fr"), ("nl/", "nl")]


@pytest.fixture(scope="module")
def definitions(real_site):
    """aria-describedby value of a term -> its one-line definition, from glossary.yml."""
    from laeken.glossary import load_glossary

    return {f"glossary-{lang}-{entry.id}": " ".join(part["short"].split())
            for entry in load_glossary(real_site.root / "docs") for lang, part in entry.languages.items()}


def shown_definition(page) -> str:
    tooltip = page.locator(TOOLTIP)
    tooltip.wait_for(state="visible", timeout=3000)
    return " ".join(tooltip.inner_text().split())


def accessible_descriptions(page, selector: str) -> list[str]:
    """The description Chromium's accessibility tree gives each element: what a screen
    reader reads after the term."""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        descriptions = []
        for node in cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]:
            (ax, *_) = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"]
            descriptions.append(" ".join(ax.get("description", {}).get("value", "").split()))
        return descriptions
    finally:
        cdp.detach()


@pytest.mark.parametrize("prefix, lang", LANGS)
def test_keyboard_focus_on_a_term_shows_its_definition(page, server, definitions, prefix, lang):
    page.goto(server + prefix + CHAPTER)
    page.wait_for_load_state("networkidle")
    for _ in range(300):  # Tab through the page until a term has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('article .glossary-term')"):
            break
    else:
        pytest.fail("no glossary term is reachable with the keyboard")
    expected = definitions[page.evaluate("document.activeElement.getAttribute('aria-describedby')")]
    assert shown_definition(page) == expected
    assert page.get_attribute(TOOLTIP, "lang") == lang
    assert accessible_descriptions(page, ":focus") == [expected]
    page.keyboard.press("Escape")  # dismissed without moving the focus (WCAG 1.4.13)
    page.locator(TOOLTIP).wait_for(state="hidden", timeout=3000)
    assert page.evaluate("document.activeElement.matches('article .glossary-term')")
    page.keyboard.press("Tab")  # the next term, or anything else: its definition or none
    if page.evaluate("document.activeElement.matches('article .glossary-term')"):
        assert shown_definition(page) == definitions[page.evaluate("document.activeElement.getAttribute('aria-describedby')")]
    else:
        page.locator(TOOLTIP).wait_for(state="hidden", timeout=3000)
    assert page.log.problems == []


@pytest.mark.parametrize("prefix, lang", LANGS)
def test_a_screen_reader_reads_each_terms_definition(page, server, definitions, prefix, lang):
    page.goto(server + prefix + CHAPTER)
    page.wait_for_load_state("networkidle")
    terms = page.locator("article .glossary-term")
    expected = [definitions[described] for described in terms.evaluate_all("ts => ts.map(t => t.getAttribute('aria-describedby'))")]
    assert expected and accessible_descriptions(page, "article .glossary-term") == expected
    # Read once, as the terms' description: the tooltip itself is not read again.
    terms.first.hover()
    shown_definition(page)
    assert page.get_attribute(TOOLTIP, "aria-hidden") == "true"
    assert page.log.problems == []


@pytest.mark.parametrize("prefix, lang", LANGS)
def test_hover_shows_the_definition_which_stays_under_the_pointer_until_escape(page, server, definitions, prefix, lang):
    page.goto(server + prefix + CHAPTER)
    page.wait_for_load_state("networkidle")
    term = page.locator("article abbr.glossary-term:not([tabindex])").first  # no tab stop: hover only
    term.hover()
    assert shown_definition(page) == definitions[term.get_attribute("aria-describedby")]
    page.hover(TOOLTIP)  # the pointer can move onto the tooltip: it stays
    page.wait_for_timeout(600)
    assert page.locator(TOOLTIP).is_visible()
    page.keyboard.press("Escape")
    page.locator(TOOLTIP).wait_for(state="hidden", timeout=3000)
    term.hover()
    shown_definition(page)
    page.mouse.move(1, 1)  # away from the term and the tooltip
    page.locator(TOOLTIP).wait_for(state="hidden", timeout=3000)
    assert page.locator(".md-tooltip2").count() == 0, "Material made a tooltip too"
    assert page.log.problems == []


@pytest.mark.parametrize("prefix, lang", LANGS)
def test_tapping_a_term_on_a_phone_shows_its_definition_within_the_screen(browser, server, definitions, prefix, lang):
    context = browser.new_context(viewport={"width": 360, "height": 640}, has_touch=True, is_mobile=True)
    page = context.new_page()
    log = PageLog(page, server)
    page.goto(server + prefix + CHAPTER)
    page.wait_for_load_state("networkidle")
    terms = page.locator("article .glossary-term")
    assert terms.count() > 1
    for number in range(terms.count()):
        term = terms.nth(number)
        term.scroll_into_view_if_needed()
        if term.evaluate("t => t.matches('a')"):
            term.focus()  # a tap on the link would follow it to the glossary
        else:
            term.tap()
        assert shown_definition(page) == definitions[term.get_attribute("aria-describedby")]
        box = page.locator(TOOLTIP).bounding_box()
        width = page.evaluate("document.documentElement.clientWidth")
        assert 0 <= box["x"] and box["x"] + box["width"] <= width, (term.inner_text(), box)
        page.locator(TOOLTIP).tap()  # a tap on the tooltip, or anywhere else, hides it
        page.locator(TOOLTIP).wait_for(state="hidden", timeout=3000)
        page.evaluate("document.activeElement.blur()")
    assert log.problems == []
    context.close()


FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre")


def test_copy_button_puts_the_reference_with_todays_date_on_the_clipboard(browser, server):
    import datetime

    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    log = PageLog(page, server)
    page.goto(server + CHAPTER)
    page.wait_for_load_state("networkidle")
    today = datetime.date.today()
    date = f"{today.day} {FRENCH_MONTHS[today.month - 1]} {today.year}"
    page.click(".cite-box__copy")
    page.wait_for_function("navigator.clipboard.readText().then(t => t.length > 0)")
    copied = " ".join(page.evaluate("navigator.clipboard.readText()").split())
    assert copied.startswith("Coordination sociale de Laeken (2020).")
    assert "La virtualisation des services sociaux" in copied and "La virtualisation sur le terrain" in copied
    assert copied.endswith(f"{CHAPTER} (consulté le {date}).")

    page.click("#sante-mentale button.cite-section")
    page.wait_for_function("navigator.clipboard.readText().then(t => t.includes('#sante-mentale'))")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.endswith(f"{CHAPTER}#sante-mentale (consulté le {date}).")
    assert log.problems == []
    context.close()


def search(page, server, path, query):
    """Type a query in Material's search on a page; return (result URLs, index requests)."""
    requests = []
    page.on("request", lambda request: requests.append(urlsplit(request.url).path))
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    page.click(".md-search__input")  # the desktop search box (the default viewport is wide)
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    links = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(a => a.href)")
    return [urlsplit(link).path for link in links], [r for r in requests if r.endswith("search_index.json")]


def test_french_search_finds_the_french_chapter(page, server):
    results, indexes = search(page, server, "", "mutuelle")
    assert "/" + CHAPTER in results
    assert all(not r.startswith("/nl/") for r in results)
    assert indexes == ["/search/search_index.json"]
    assert page.log.problems == []


def test_dutch_search_finds_the_dutch_chapter_and_no_french_page(page, server):
    results, indexes = search(page, server, "nl/" + CHAPTER, "ziekenfonds")
    assert "/nl/" + CHAPTER in results
    assert results and all(r.startswith("/nl/") for r in results)
    assert indexes == ["/nl/search/search_index.json"]
    assert page.log.problems == []


def test_a_printed_chapter_shows_no_navigation_and_keeps_numbers_and_reference(page, server, tmp_path):
    page.goto(server + CHAPTER)
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    page.screenshot(path=str(tmp_path / "print-chapter.png"), full_page=True)  # this test's own folder
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".cite-box__copy"):
        assert not page.is_visible(selector), f"{selector} is printed"
    assert page.is_visible("#p1 .paragraph-number")
    assert page.is_visible("#cite-reference")
    assert page.is_visible("article h1")
