"""Build tests of the glossary on the real site, and of a bad glossary in a fixture site."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest

from laeken.glossary import checked_date, load_glossary
from laeken.interface import interface_strings
from laeken.text import sort_key
from laeken.typography import typeset
from conftest import ROOT, build

ANALYSIS = "analyses/2020-virtualisation/"
CHAPTERS = ("sur-le-terrain/", "virtualisation-sur-le-terrain/", "quelques-conclusions/")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@pytest.fixture(scope="module")
def glossary():
    return {entry.id: entry for entry in load_glossary(ROOT / "docs")}


def marked_terms(page):
    """(text, definition) of each marked term in the page's article: the text of the element
    its aria-describedby points to, which is in the page once."""
    terms = []
    for term in page.select("article .glossary-term"):
        (definition,) = page.select(f'[id="{term["aria-describedby"]}"]')
        terms.append((" ".join(term.get_text().split()), definition.get_text()))
    return terms


@pytest.mark.parametrize(
    "prefix, lang, expected",
    [
        ("", "fr", {"EPN": "epn", "cpas": "cpas", "Actiris": "actiris", "mutuelles": "mutuelle"}),
        ("nl/", "nl", {"OCMW": "cpas", "ziekenfondsen": "mutuelle", "Actiris": "actiris", "EPN’s": "epn"}),
    ],
)
def test_key_terms_carry_their_definition_in_the_page_language(real_site, glossary, prefix, lang, expected):
    found = {}
    for chapter in CHAPTERS:
        for text, title in marked_terms(real_site.html(prefix + ANALYSIS + chapter)):
            found.setdefault(text, set()).add(title)
    for text, entry_id in expected.items():
        assert text in found, f"{text!r} is not marked in the {lang} chapters"
        assert found[text] == {typeset(glossary[entry_id].languages[lang]["short"].strip(), lang)}


def test_first_occurrence_links_to_the_glossary_entry_and_one_per_section_is_focusable(real_site):
    for prefix in ("", "nl/"):
        page = real_site.html(prefix + ANALYSIS + "virtualisation-sur-le-terrain/")
        links = page.select("article a.glossary-term")
        hrefs = [urlsplit(a["href"]) for a in links]
        fragments = [href.fragment for href in hrefs]
        assert len(fragments) == len(set(fragments)), "an entry is linked twice on one page"
        assert all(href.path.endswith("glossaire/") for href in hrefs)
        assert "epn" in fragments
        # Each term once per section in the keyboard's path (the link or a focusable <abbr>);
        # its other occurrences there show the definition on hover and tap.
        reached, plain = set(), 0
        section = None
        for element in page.select(", ".join(f"article {tag}" for tag in (*HEADINGS, ".glossary-term"))):
            if element.name.startswith("h"):
                section = element.get("id")
                continue
            key = (section, element["aria-describedby"])
            if element.name == "a" or element.get("tabindex") == "0":
                assert key not in reached, f"{element} is a second tab stop in its section"
                reached.add(key)
            else:
                assert key in reached, f"{element} is not reachable with the keyboard in its section"
                assert "tabindex" not in element.attrs
                plain += 1
        assert plain, "no term is repeated in a section: the test sees nothing"
        assert not page.select("article .glossary-term[title]"), "a term has a title (the browser's tooltip too)"


def test_each_definition_a_page_uses_is_in_it_once_hidden_and_outside_the_search_index(site):
    for lang in ("fr", "nl"):
        for path in site.pages(lang):
            page = site.html(path)
            used = {term["aria-describedby"] for term in page.select(".glossary-term")}
            holders = page.select(".glossary-definitions")
            if not used:
                assert not holders, path
                continue
            (holder,) = holders
            assert holder.has_attr("hidden") and holder.find_parent("article") is not None
            assert {span["id"] for span in holder.find_all("span")} == used, path
            for definition_id in used:
                assert len(page.select(f'[id="{definition_id}"]')) == 1, (path, definition_id)
    for prefix in ("", "nl/"):
        index = (site.dir / prefix / "search" / "search_index.json").read_text(encoding="utf-8")
        assert "glossary-" not in index and "aria-describedby" not in index


def test_no_term_is_marked_inside_a_heading_a_link_or_code(site):
    for lang in ("fr", "nl"):
        for path in site.pages(lang):
            page = site.html(path)
            for term in page.select(".glossary-term"):
                ancestors = {parent.name for parent in term.parents}
                assert not ancestors & {*HEADINGS, "a", "code", "pre"}, (path, term)
                assert term.find(["a", "abbr"]) is None


def test_glossary_pages_have_the_entries_anchors_in_both_languages(real_site, glossary):
    for prefix in ("", "nl/"):
        page = real_site.html(prefix + "glossaire/")
        ids = {h2["id"] for h2 in page.select("article h2")}
        assert {"epn", "cpas", "actiris", "mutuelle"} <= ids
        assert ids == set(glossary)
        assert page.select(".glossary-term") == [], "the glossary page marks terms"


@pytest.mark.parametrize("prefix, lang", [("", "fr"), ("nl/", "nl")])
def test_glossary_is_sorted_in_the_page_language_with_letter_navigation(real_site, glossary, prefix, lang):
    page = real_site.html(prefix + "glossaire/")
    terms = [h2.find(string=True, recursive=False).strip() for h2 in page.select("article h2")]
    assert terms == sorted(terms, key=sort_key)
    assert terms == sorted((entry.term(lang) for entry in glossary.values()), key=sort_key)
    letters = page.select("nav.glossary-letters a")
    assert letters and [a.get_text() for a in letters] == sorted({sort_key(t)[0].upper() for t in terms})
    for link in letters:
        assert page.find(id=link["href"].lstrip("#")) is not None


def test_glossary_entries_show_variants_definition_link_and_where_they_are_used(real_site, glossary):
    for prefix, lang in (("", "fr"), ("nl/", "nl")):
        path = prefix + "glossaire/"
        page = real_site.html(path)
        epn = page.find(id="epn")
        section = []
        for sibling in epn.find_next_siblings():
            if sibling.name == "h2" or "glossary-letter" in (sibling.get("class") or []):
                break
            section.append(sibling)
        used_in = next(s for s in section if "glossary-used-in" in (s.get("class") or []))
        targets = [urljoin("http://site/" + path, a["href"]) for a in used_in.select("a")]
        assert any(urlsplit(t).path == f"/{prefix}{ANALYSIS}virtualisation-sur-le-terrain/" and urlsplit(t).fragment == "epn" for t in targets)
        for target in targets:
            parts = urlsplit(target)
            linked = real_site.html(parts.path.lstrip("/"))
            if parts.fragment:
                assert linked.find(id=parts.fragment) is not None, target
        actiris = page.find(id="actiris")
        official = actiris.find_next(class_="glossary-link")
        assert official is not None and official["href"] == glossary["actiris"].languages[lang]["link"]


def entry_section(page, entry_id):
    """The elements of one entry on the glossary page: from its heading to the next one."""
    section = []
    for sibling in page.find(id=entry_id).find_next_siblings():
        if sibling.name == "h2" or "glossary-letter" in (sibling.get("class") or []):
            break
        section.append(sibling)
    return section


def plain(text: str) -> str:
    """Text with every kind of space as one space (French typography puts no-break spaces in)."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_entries_with_outside_facts_show_each_source_and_the_day_it_was_checked(real_site, glossary):
    sourced = [entry for entry in glossary.values() if entry.sources]
    assert sourced, "no glossary entry has sources: the test sees nothing"
    for prefix, lang in (("", "fr"), ("nl/", "nl")):
        ui = interface_strings(ROOT / "docs", lang)
        page = real_site.html(prefix + "glossaire/")
        for entry in sourced:
            sources = entry.sources[lang]
            section = entry_section(page, entry.id)
            classes = [" ".join(element.get("class") or []) for element in section]
            (holder,) = [element for element in section if "glossary-sources" in (element.get("class") or [])]
            # Under the definition, before the official link and the pages that use the term.
            assert classes.index("glossary-sources") > 0
            label = ui["glossary_source"] if len(sources) == 1 else ui["glossary_sources"]
            assert plain(holder.get_text()).startswith(plain(label)), (lang, entry.id)
            links = holder.select("a")
            assert [link["href"] for link in links] == [source.url for source in sources], (lang, entry.id)
            for link, source in zip(links, sources):
                assert plain(link.get_text()) == plain(source.title)
                assert link.get("lang") == source.lang  # a title in another language says so
                line = plain(link.find_parent(["li", "p"]).get_text())
                checked = ui["glossary_checked"].replace("{date}", checked_date(source.checked, ui))
                assert plain(source.publisher) in line and line.endswith(plain(checked)), (lang, entry.id, line)
    for prefix in ("", "nl/"):
        page = real_site.html(prefix + "glossaire/")
        without = [entry.id for entry in glossary.values() if not entry.sources]
        for entry_id in without:
            assert not any("glossary-sources" in (e.get("class") or []) for e in entry_section(page, entry_id))


def test_a_bad_glossary_fails_the_build_with_file_entry_and_problem(site_copy):
    path = site_copy / "docs" / "_data" / "glossary.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nactiris:\n  fr: {}\n", encoding="utf-8")
    process = build(site_copy, check=False)
    output = process.stdout + process.stderr
    assert process.returncode != 0
    assert "glossary.yml" in output and "entrée `actiris`" in output and "déjà utilisé" in output
