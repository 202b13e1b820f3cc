"""WCAG 2.1 AA: axe-core finds no violation on the main kinds of pages, in both languages
and both colour schemes; the keyboard reaches what matters."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from laeken.analyses import load_analyses
from test_browser import CHAPTER, browser, server  # noqa: F401  (shared fixtures)

pytestmark = pytest.mark.browser

PAGES = ("", "analyses/", "analyses/2020-virtualisation/", CHAPTER, "glossaire/",
         "themes/fracture-numerique/", "secteurs/epn/", "analyses/2020-virtualisation/imprimer/")
# The easy-read pages the site has (large type, its note): the first one, if any.
PAGES += tuple(f"analyses/{analysis.folder}/facile/" for analysis in load_analyses(ROOT / "docs")
               if analysis.easy_read)[:1]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_script() -> str:
    import axe_playwright_python

    return str(Path(axe_playwright_python.__file__).parent / "axe.min.js")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_axe_finds_no_violation(browser, server, scheme, prefix):  # noqa: F811
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = []
    for path in PAGES:
        page.goto(server + prefix + path)
        page.wait_for_load_state("networkidle")
        page.add_script_tag(path=axe_script())
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
        assert result["passes"], "axe ran no rule"
        for violation in result["violations"]:
            node = violation["nodes"][0]
            found.append(f"{prefix}{path}: {violation['id']} ({len(violation['nodes'])}×) {node['target']} — {node.get('failureSummary', '')[:160]}")
    context.close()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("prefix", ["", "nl/"])
def test_search_dialog_is_named_in_the_language_of_the_page(browser, server, real_site, prefix):  # noqa: F811
    """axe's aria-dialog-name (a best practice, outside the WCAG tags above; Lighthouse counts it)."""
    from laeken.interface import interface_strings

    page = browser.new_page()
    page.goto(server + prefix + CHAPTER)
    page.wait_for_load_state("networkidle")
    page.click(".md-search__input")
    lang = page.evaluate("document.documentElement.lang")
    name = interface_strings(real_site.root / "docs", lang)["search_dialog"]
    assert page.get_by_role("dialog", name=name, exact=True).is_visible()
    page.add_script_tag(path=axe_script())
    result = page.evaluate("axe.run(document, {runOnly: {type: 'rule', values: ['aria-dialog-name']}})")
    assert result["passes"] and not result["violations"], result["violations"]
    page.close()


def test_keyboard_reaches_the_skip_link_first_and_the_cite_box(browser, server):  # noqa: F811
    page = browser.new_page()
    page.goto(server + CHAPTER)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("Tab")
    first = page.evaluate("[document.activeElement.className, document.activeElement.getAttribute('href')]")
    assert "md-skip" in first[0] and first[1].startswith("#")
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.cite-box__copy')"):
            break
    else:
        pytest.fail("the cite box's copy button is not reachable with the keyboard")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle + getComputedStyle(document.activeElement).boxShadow")
    assert outline not in ("nonenone", "none"), "no visible focus"
    page.close()
