"""«Citer ce passage» (docs/assets/javascripts/quote.js) in Debian's Chromium: words selected in
a numbered paragraph, with the mouse, the keyboard (caret browsing) or on a phone, are copied
with the cite box's reference, § N and the paragraph's address, as plain text and as HTML.
The chapter and its paragraphs are picked from the built site, never named here."""

from __future__ import annotations

import re
import shutil
import urllib.parse

import pytest
from bs4 import BeautifulSoup

from test_accessibility import WCAG_TAGS, axe_script
from test_browser import CHROMIUM, CHROMIUM_ARGS, PageLog, browser, server  # noqa: F401  (shared fixtures)

pytestmark = pytest.mark.browser

LANGS = [("", "fr"), ("nl/", "nl")]
BUTTON = ".quote-button"
WHITESPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's whitespace: a no-break space is a character
WORD = re.compile(r"[^ \t\n\r\f]+")
PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True}
CLIPBOARD = ["clipboard-read", "clipboard-write"]

# Browser helpers. Offsets are character offsets in a paragraph's text (its textContent).
JS_LOCATE = """
function locate(p, offset) {  // the text node holding a character, and the offset in it
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode()); offset -= node.data.length) {
    if (offset < node.data.length) return [node, offset];
  }
  throw new Error("no such character");
}
"""
JS_SELECT = """([startId, start, endId, end]) => {""" + JS_LOCATE + """
  const [a, i] = locate(document.getElementById(startId), start);
  const [b, j] = locate(document.getElementById(endId), end - 1);
  getSelection().setBaseAndExtent(a, i, b, j + 1);
}"""
JS_CHARACTER_BOXES = """([id, first, last]) => {""" + JS_LOCATE + """
  document.getElementById(id).scrollIntoView({block: "center"});
  return [first, last].map(offset => {
    const [node, i] = locate(document.getElementById(id), offset);
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    const box = range.getClientRects()[0];
    return {x: box.x, y: box.y, width: box.width, height: box.height};
  });
}"""
# Read again if the clipboard changed between listing its items and reading one (Chromium's
# "Clipboard data has changed", seen once in CI): the copy was still being written.
JS_CLIPBOARD = """async () => {
  for (let attempt = 1; ; attempt++) {
    try {
      const found = {};
      for (const item of await navigator.clipboard.read())
        for (const type of item.types) found[type] = await (await item.getType(type)).text();
      return found;
    } catch (error) {
      if (error.name !== "DataError" || attempt === 5) throw error;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
}"""


def normal(text: str) -> str:
    return WHITESPACE.sub(" ", text).strip()


def numbered_paragraphs(soup) -> list:
    """The article's paragraphs that carry a number (scripts/hooks/citation.py)."""
    return [a.parent for a in soup.select("article p > a.paragraph-number:first-child")]


@pytest.fixture(scope="module")
def chapter(real_site) -> str:
    """A French chapter page (with its cite box) that has two numbered paragraphs in a row and
    a numbered paragraph with a glossary term: the one with the most numbered paragraphs."""
    found = []
    for path in real_site.pages("fr"):
        soup = real_site.html(path)
        if path.count("/") != 3 or soup.select_one("#cite-reference") is None:
            continue  # not a chapter: a presentation page, a print page, another page
        paragraphs = numbered_paragraphs(soup)
        adjacent = any(p.find_next_sibling(True) is q for p, q in zip(paragraphs, paragraphs[1:]))
        if adjacent and any(p.select_one(".glossary-term") for p in paragraphs):
            found.append((len(paragraphs), path))
    assert found, "no chapter with two numbered paragraphs in a row and a glossary term"
    return max(found)[1]


@pytest.fixture(scope="module")
def ui(real_site):
    from laeken.interface import interface_by_language

    return interface_by_language(real_site.root / "docs")


@pytest.fixture(scope="module")
def caret_browser(browser):  # noqa: F811
    """Chromium with caret browsing on (F7 in a desktop Chromium): how a keyboard selects text."""
    launched = browser.browser_type.launch(executable_path=shutil.which(CHROMIUM) or CHROMIUM,
                                           args=[*CHROMIUM_ARGS, "--enable-caret-browsing"])
    yield launched
    launched.close()


def open_page(browser, server, path, **options):  # noqa: F811
    context = browser.new_context(permissions=CLIPBOARD, **options)
    page = context.new_page()
    page.log = PageLog(page, server)
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    assert page.locator(BUTTON).count() == 0, "the button exists before any selection"
    page.evaluate("navigator.clipboard.writeText('-')")  # what was there before the copy
    return page


def words_around(text: str, offset: int, before: int = 3, after: int = 3) -> tuple[int, int]:
    """(start, end) of a few whole words around a character offset of `text`."""
    spans = [match.span() for match in WORD.finditer(text)]
    index = next(i for i, (start, end) in enumerate(spans) if end > offset)
    return spans[max(0, index - before)][0], spans[min(len(spans) - 1, index + after)][1]


def offset_in(paragraph, element) -> int:
    """Where an element's text starts in its paragraph's text."""
    offset = 0
    for string in paragraph.find_all(string=True):
        if element in string.parents:
            return offset
        offset += len(string)
    raise AssertionError(f"{element} is not in the paragraph")


def expected_reference(page, ui, lang, numbers) -> tuple[str, str]:
    """The cite box's reference as the page shows it, with § N before the page's address and
    the paragraph's anchor after it; and the paragraph's address."""
    canonical = page.get_attribute('link[rel="canonical"]', "href")
    box = normal(page.inner_text("#cite-reference"))
    assert canonical.startswith("http") and canonical in box
    url = f"{canonical}#p{numbers[0]}"
    label = ui[lang]["quote_paragraph"].replace("{n}", "–".join(dict.fromkeys(numbers)))
    return box.replace(canonical, f"{label}. {url}", 1), url


def copied(page) -> dict:
    page.wait_for_function("navigator.clipboard.readText().then(t => t !== '-')")
    return page.evaluate(JS_CLIPBOARD)


def assert_copied(page, ui, lang, quote, numbers):
    """The clipboard holds the quote in the language's marks, then the reference with § N and
    the paragraph's absolute address, as text and as HTML; screen readers are told."""
    strings = ui[lang]
    reference, url = expected_reference(page, ui, lang, numbers)
    quoted = f"{strings['cite_open_quote']}{quote}{strings['cite_close_quote']}"
    clipboard = copied(page)
    assert clipboard["text/plain"] == f"{quoted}\n{reference}"
    html = BeautifulSoup(clipboard["text/html"], "html.parser")
    assert [normal(p.get_text()) for p in html.find_all("p")] == [quoted, reference]
    assert html.find("i") is not None, "the title is no longer in italics"
    link = html.find("a", string=url)
    assert link is not None, clipboard["text/html"]
    href, _, directive = link["href"].partition(":~:text=")
    assert href == url
    if directive:  # a text fragment: whole words of the quote
        for part in directive.split(","):
            assert urllib.parse.unquote(part) in quote
    status = page.locator("#quote-status")
    assert status.get_attribute("role") == "status"
    page.wait_for_function("t => document.getElementById('quote-status').textContent === t", arg=strings["quote_copied"])


def boxes_intersect(a, b) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def selection_boxes(page) -> list[dict]:
    return page.evaluate("""[...getSelection().getRangeAt(0).getClientRects()]
        .filter(r => r.width && r.height).map(r => ({x: r.x, y: r.y, width: r.width, height: r.height}))""")


@pytest.mark.parametrize("prefix, lang", LANGS)
def test_words_dragged_with_the_mouse_are_copied_with_their_reference(browser, server, real_site, chapter, ui, prefix, lang):  # noqa: F811
    """Desktop: drag over words around a glossary term, click the button. Neither the paragraph's
    number nor the term's definition (shown as the pointer passes) gets into the quote."""
    soup = real_site.html(prefix + chapter)
    focusable = "a.glossary-term, .glossary-term[tabindex]"
    paragraph = next(p for p in numbered_paragraphs(soup) if p.select_one(focusable))
    text = paragraph.get_text()
    # A drag that starts on a link drags the link: start and end on words of plain text.
    links = [(offset_in(paragraph, a), offset_in(paragraph, a) + len(a.get_text())) for a in paragraph.select("a:not(.paragraph-number)")]
    in_link = lambda offset: any(start <= offset < end for start, end in links)  # noqa: E731
    term_at = offset_in(paragraph, paragraph.select_one(focusable))
    spans = [words_around(text, term_at, before, after) for before in range(2, 8) for after in range(2, 8)]
    start, end = next((a, b) for a, b in spans if not in_link(a) and not in_link(b - 1))
    page = open_page(browser, server, prefix + chapter, viewport={"width": 1280, "height": 800})
    first, last = page.evaluate(JS_CHARACTER_BOXES, [paragraph["id"], start, end - 1])
    page.mouse.move(first["x"] + 1, first["y"] + first["height"] / 2)
    page.mouse.down()
    page.mouse.move(last["x"] + last["width"] - 1, last["y"] + last["height"] / 2, steps=10)
    page.mouse.up()
    quote = normal(text[start:end])
    assert normal(page.evaluate("getSelection().toString()")) == quote  # the drag selected those words
    button = page.locator(BUTTON)
    button.wait_for(state="visible")
    assert button.inner_text() == ui[lang]["quote_button"]
    assert not any(boxes_intersect(button.bounding_box(), box) for box in selection_boxes(page))
    button.click()
    assert_copied(page, ui, lang, quote, [paragraph["id"][1:]])
    assert page.evaluate("getSelection().toString()"), "the click lost the selection"
    assert page.log.problems == []
    page.context.close()


@pytest.mark.parametrize("prefix, lang", LANGS)
def test_the_quote_is_the_words_only_not_the_number_nor_a_definition_shown(browser, server, real_site, chapter, ui, prefix, lang):  # noqa: F811
    """A whole paragraph selected while a term's definition is shown: the quote is the
    paragraph's words, without its number (a link) nor the definition (the tooltip and the
    hidden definitions the page holds)."""
    soup = real_site.html(prefix + chapter)
    focusable = "a.glossary-term, .glossary-term[tabindex]"
    paragraph = next(p for p in numbered_paragraphs(soup) if p.select_one(focusable))
    text = paragraph.get_text()
    page = open_page(browser, server, prefix + chapter)
    page.focus(f"#{paragraph['id']} :is({focusable})")  # its definition shows while it has focus
    page.evaluate(JS_SELECT, [paragraph["id"], 0, paragraph["id"], len(text)])
    page.locator(BUTTON).wait_for(state="visible")
    assert page.locator(".glossary-tooltip").is_visible()
    page.keyboard.press("Escape")  # the definition hides (it may cover the button), the focus stays
    page.locator(BUTTON).click()
    assert_copied(page, ui, lang, normal(text), [paragraph["id"][1:]])
    quote = page.evaluate("navigator.clipboard.readText()").split("\n")[0]
    definitions = [normal(span.get_text()) for span in soup.select(".glossary-definitions [id]")]
    assert definitions and not any(definition in quote for definition in definitions)
    number = paragraph.a["data-number"]
    assert not quote.removeprefix(ui[lang]["cite_open_quote"]).startswith(number)
    assert f"§{number}" not in quote and f"{ui[lang]['paragraph_label']} {number}" not in quote
    assert page.log.problems == []
    page.context.close()


@pytest.mark.parametrize("prefix, lang, key", [("", "fr", "Enter"), ("nl/", "nl", " ")])
def test_a_keyboard_selection_reaches_the_button_with_tab_and_copies_with_enter_or_space(caret_browser, server, real_site, chapter, ui, prefix, lang, key):
    """Caret browsing: from the paragraph's number, Shift+arrows select the first words; Tab
    reaches the button after the paragraph's own links, focus visible; Enter or Space copies."""
    soup = real_site.html(prefix + chapter)
    paragraph = next(p for p in numbered_paragraphs(soup)
                     if isinstance(p.contents[1], str) and WORD.match(p.contents[1]) and len(WORD.findall(p.contents[1])) > 3)
    text = paragraph.get_text()
    end = [match.end() for match in WORD.finditer(text)][2]  # three words
    page = open_page(caret_browser, server, prefix + chapter)
    page.focus(f"#{paragraph['id']} .paragraph-number")  # where Tab takes a keyboard user
    page.keyboard.press("ArrowRight")  # the caret into the text
    for _ in range(len(WHITESPACE.sub(" ", text[:end]))):
        page.keyboard.press("Shift+ArrowRight")
    quote = normal(text[:end])
    assert normal(page.evaluate("getSelection().toString()")) == quote
    page.locator(BUTTON).wait_for(state="visible")
    for _ in range(50):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.quote-button')"):
            break
        # Before the button, only the rest of the paragraph: its glossary terms and links.
        assert page.evaluate("id => document.activeElement.closest('#' + id) !== null", paragraph["id"])
    else:
        pytest.fail("Tab does not reach the button")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "no visible focus"
    page.keyboard.press(key)
    assert_copied(page, ui, lang, quote, [paragraph["id"][1:]])
    assert page.log.problems == []
    page.context.close()


@pytest.mark.parametrize("prefix, lang", LANGS)
def test_on_a_phone_the_button_is_under_the_selection_inside_the_screen_and_a_tap_copies(browser, server, real_site, chapter, ui, prefix, lang):  # noqa: F811
    """360 × 740, touch. A long press cannot be made here: the selection is set by script, as
    the system's selection does, and the page reacts to it the same way."""
    soup = real_site.html(prefix + chapter)
    paragraph = max(numbered_paragraphs(soup), key=lambda p: len(p.get_text()))
    text = paragraph.get_text()
    start, end = words_around(text, len(text) // 3, 2, 8)
    page = open_page(browser, server, prefix + chapter, **PHONE)
    page.evaluate(f"document.getElementById('{paragraph['id']}').scrollIntoView({{block: 'center'}})")
    page.evaluate(JS_SELECT, [paragraph["id"], start, paragraph["id"], end])
    button = page.locator(BUTTON)
    button.wait_for(state="visible")
    box = button.bounding_box()
    selection = selection_boxes(page)
    assert selection and not any(boxes_intersect(box, rect) for rect in selection), (box, selection)
    assert box["y"] >= max(rect["y"] + rect["height"] for rect in selection), "not under the selection"
    width, height = page.evaluate("[document.documentElement.clientWidth, innerHeight]")
    assert 0 <= box["x"] and box["x"] + box["width"] <= width and 0 <= box["y"] and box["y"] + box["height"] <= height, box
    button.tap()
    assert_copied(page, ui, lang, normal(text[start:end]), [paragraph["id"][1:]])
    assert page.log.problems == []
    page.context.close()


@pytest.mark.parametrize("prefix, lang", LANGS)
def test_a_selection_over_two_paragraphs_cites_the_range_from_the_first(browser, server, real_site, chapter, ui, prefix, lang):  # noqa: F811
    soup = real_site.html(prefix + chapter)
    paragraphs = numbered_paragraphs(soup)
    first, second = next((p, q) for p, q in zip(paragraphs, paragraphs[1:]) if p.find_next_sibling(True) is q)
    first_text, second_text = first.get_text(), second.get_text()
    start = [match.start() for match in WORD.finditer(first_text)][-3]  # its last three words
    end = [match.end() for match in WORD.finditer(second_text)][2]  # the next one's first three
    page = open_page(browser, server, prefix + chapter)
    page.evaluate(f"document.getElementById('{first['id']}').scrollIntoView({{block: 'center'}})")
    page.evaluate(JS_SELECT, [first["id"], start, second["id"], end])
    page.locator(BUTTON).click()
    quote = f"{normal(first_text[start:])} {normal(second_text[:end])}"
    assert_copied(page, ui, lang, quote, [first["id"][1:], second["id"][1:]])
    assert page.log.problems == []
    page.context.close()


def test_no_button_outside_numbered_paragraphs_and_none_once_the_selection_is_gone(browser, server, real_site, chapter):  # noqa: F811
    soup = real_site.html(chapter)
    paragraphs = numbered_paragraphs(soup)
    page = open_page(browser, server, chapter)
    button = page.locator(BUTTON)
    for outside in ("article h1", "#cite-reference", ".md-footer"):
        page.evaluate("s => getSelection().selectAllChildren(document.querySelector(s))", outside)
        page.wait_for_timeout(400)  # longer than the button waits for a selection to settle
        assert button.count() == 0 or button.is_hidden(), outside
    # Across the edge of the numbered paragraphs, either way: no button either.
    for start, end in ((paragraphs[-1]["id"], "cite-reference"), ("", paragraphs[0]["id"])):
        page.evaluate("""([start, end]) => getSelection().setBaseAndExtent(
            start ? document.getElementById(start) : document.querySelector('article h1'), 1,
            document.getElementById(end), 2)""", [start, end])
        assert page.evaluate("getSelection().toString()").strip()
        page.wait_for_timeout(400)
        assert button.count() == 0 or button.is_hidden(), (start, end)

    text = paragraphs[0].get_text()
    start, end = words_around(text, len(text) // 2)
    page.evaluate(JS_SELECT, [paragraphs[0]["id"], start, paragraphs[0]["id"], end])
    button.wait_for(state="visible")
    page.click("article h1")  # a click elsewhere ends the selection
    button.wait_for(state="hidden")
    page.evaluate(JS_SELECT, [paragraphs[0]["id"], start, paragraphs[0]["id"], end])
    button.wait_for(state="visible")
    page.evaluate("getSelection().removeAllRanges()")
    button.wait_for(state="hidden")
    assert page.log.problems == []
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_axe_finds_no_violation_with_the_button_shown_and_print_hides_it(browser, server, real_site, chapter, prefix, scheme):  # noqa: F811
    paragraph = numbered_paragraphs(real_site.html(prefix + chapter))[0]
    text = paragraph.get_text()
    start, end = words_around(text, len(text) // 2)
    page = open_page(browser, server, prefix + chapter, color_scheme=scheme)
    page.evaluate(JS_SELECT, [paragraph["id"], start, paragraph["id"], end])
    page.locator(BUTTON).wait_for(state="visible")
    page.add_script_tag(path=axe_script())
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    assert result["passes"], "axe ran no rule"
    assert not result["violations"], [(v["id"], v["nodes"][0]["target"]) for v in result["violations"]]
    page.emulate_media(media="print")
    assert page.locator(BUTTON).is_hidden()
    assert page.log.problems == []
    page.context.close()
