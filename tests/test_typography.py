"""French typography (scripts/laeken/typography.py, scripts/hooks/typography.py): a no-break
space before `; : ! ?` and `»` and after `«` in every French text of the built site, none
added to Dutch text; code, URLs and attributes as written."""

from __future__ import annotations

import re
import textwrap

import pytest
from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, Tag

import fixtures
from conftest import build_site, copy_site
from laeken.typography import NARROW_NBSP as NNBSP, NBSP, french_html, french_text

# --- The functions ------------------------------------------------------------------------------


@pytest.mark.parametrize("typed, set_", [
    ("Pourquoi ?", f"Pourquoi{NNBSP}?"),
    ("Enfin !", f"Enfin{NNBSP}!"),
    ("un ; deux", f"un{NNBSP}; deux"),
    ("Question : réponse", f"Question{NBSP}: réponse"),
    ("« maraude »", f"«{NBSP}maraude{NBSP}»"),
    ("«maraude»", f"«{NBSP}maraude{NBSP}»"),  # guillemets are always spaced: added when missing
    ("mot \n  ?", f"mot{NNBSP}?"),  # several spaces, a line break: one space
    (f"déjà{NBSP}: et déjà{NBSP}?", f"déjà{NBSP}: et déjà{NNBSP}?"),  # a no-break space stays one, of the chosen width
    (f"«{NBSP}x{NBSP}» et ici{NNBSP}!", f"«{NBSP}x{NBSP}» et ici{NNBSP}!"),  # already right: unchanged
    ("mot&nbsp;: mot &#160;?", f"mot{NBSP}: mot{NNBSP}?"),
    ("Quoi ?!", f"Quoi{NNBSP}?!"),
])
def test_each_mark_gets_its_no_break_space(typed, set_):
    assert french_text(typed) == set_
    assert french_text(set_) == set_  # once is enough


@pytest.mark.parametrize("text", [
    "https://example.org/page?x=1&amp;y=2#a", "mailto:contact@example.org", "10:30", "1:2",
    "mot: pas de space ajoutée devant les deux-points", "Quoi?", "a &amp; b &lt; c",
])
def test_no_space_is_added_before_the_marks_that_urls_times_and_ratios_use(text):
    assert french_text(text) == text


def test_only_the_text_of_french_elements_changes():
    page = (
        '<!doctype html><html lang="fr"><head><title>Titre : sous-titre</title>'
        '<meta name="description" content="Résumé : ceci ?">'
        '<script>var a = b ? c : d; if (x < y) {}</script><style>a::after { content: " :"; }</style></head>'
        '<body><p class="x : y" title="Titre : attribut ?" id="a:b">Texte : <a href="https://x.be/?q=1">lien</a> !</p>'
        "<p>Du code <code>a : b ?</code> et <kbd>Ctrl ;</kbd></p><pre><code>x : y ;\n« z »</code></pre>"
        '<!-- commentaire : ? --><svg><text>a : b</text></svg>'
        '<p>Un mot <em lang="nl">wat ?</em> néerlandais ; <span lang="nl">Let op : <b>dit</b> !</span> fin ?</p>'
        "</body></html>"
    )
    expected = (
        '<!doctype html><html lang="fr"><head><title>Titre\u00a0: sous-titre</title>'
        '<meta name="description" content="Résumé : ceci ?">'
        '<script>var a = b ? c : d; if (x < y) {}</script><style>a::after { content: " :"; }</style></head>'
        '<body><p class="x : y" title="Titre : attribut ?" id="a:b">Texte\u00a0: <a href="https://x.be/?q=1">lien</a>\u202f!</p>'
        "<p>Du code <code>a : b ?</code> et <kbd>Ctrl ;</kbd></p><pre><code>x : y ;\n« z »</code></pre>"
        '<!-- commentaire : ? --><svg><text>a : b</text></svg>'
        '<p>Un mot <em lang="nl">wat ?</em> néerlandais\u202f; <span lang="nl">Let op : <b>dit</b> !</span> fin\u202f?</p>'
        "</body></html>"
    )
    assert french_html(page, "fr") == expected


def test_french_passages_of_a_dutch_page_get_french_rules_and_its_dutch_keeps_its_own():
    page = ('<html lang="nl"><body><p>Vraag : <em lang="fr">une « maraude » ?</em> Antwoord !</p>'
            '<div lang="fr"><p>Le texte : <div>imbriqué ?</div> <em lang="nl">ja ?</em> oui ?</p></div>'
            "<p>Weer Nederlands ?</p></body></html>")
    assert french_html(page, "nl") == (
        '<html lang="nl"><body><p>Vraag : <em lang="fr">une «\u00a0maraude\u00a0»\u202f?</em> Antwoord !</p>'
        '<div lang="fr"><p>Le texte\u00a0: <div>imbriqué\u202f?</div> <em lang="nl">ja ?</em> oui\u202f?</p></div>'
        "<p>Weer Nederlands ?</p></body></html>")
    assert french_html(page, "fr") == french_html(page, "nl")  # the page's own `lang` comes first
    other = '<p lang="fr">Source : <cite lang="en">City of Brussels: why ?</cite> ; vérifié</p>'
    assert french_html(other, "fr") == '<p lang="fr">Source\u00a0: <cite lang="en">City of Brussels: why ?</cite>\u202f; vérifié</p>'


def test_the_space_is_found_across_inline_tags_and_stays_where_the_author_put_it():
    assert french_html("<p><a href='#'>lien</a> : texte</p>", "fr") == "<p><a href='#'>lien</a>\u00a0: texte</p>"
    assert french_html("<p><em>mot </em>: x</p>", "fr") == "<p><em>mot\u00a0</em>: x</p>"
    assert french_html("<p>«<em>maraude</em>»</p>", "fr") == "<p>«\u00a0<em>maraude</em>\u00a0»</p>"
    # A block, a line break or code ends the line: nothing is joined across them.
    assert french_html("<p>mot</p>\n<p>: suite</p>", "fr") == "<p>mot</p>\n<p>: suite</p>"
    assert french_html("<p>mot<br>\n? suite</p>", "fr") == "<p>mot<br>\n? suite</p>"  # no space seen: none set
    assert french_html("<p>mot <code>x</code>: suite</p>", "fr") == "<p>mot <code>x</code>: suite</p>"
    assert french_html("<p>mot <code>x</code> : suite</p>", "fr") == "<p>mot <code>x</code>\u00a0: suite</p>"
    # A line that starts with a guillemet (after a paragraph's empty number link) gets no space before it.
    numbered = '<p><a class="paragraph-number" href="#p1"></a>» suite</p>'
    assert french_html(numbered, "fr") == numbered


def test_the_glance_that_finds_a_page_already_set_never_differs_from_the_full_pass(monkeypatch):
    """french_html returns a page unchanged at a glance when no mark could be set otherwise
    (laeken.typography._may_change): on random mixes of marks, spaces, references, tags,
    code and language marks, it gives what the full pass gives."""
    import random

    from laeken import typography

    pieces = ["mot", "a", " ", "  ", NBSP, NNBSP, "\n", ";", ":", "!", "?", "«", "»", "&nbsp;", "&amp;",
              "&#8239;", "<em>", "</em>", "<code>", "</code>", "<br>", "<p>", "</p>", '<span lang="nl">',
              "</span>", '<p lang="fr">', "<!-- x : y -->", '<a title="x : y">', "</a>", ">", "<"]
    generator = random.Random(15)
    cases = ["".join(generator.choice(pieces) for _ in range(generator.randint(1, 14))) for _ in range(20000)]
    cases += [f"«{NBSP}»", f"<p>«{NBSP}x{NBSP}»</p>", f"x{NBSP}: y{NNBSP}?", f"«{NBSP}<em>x</em>"]
    glance = {(case, lang): french_html(case, lang) for case in cases for lang in ("fr", "nl")}
    monkeypatch.setattr(typography, "_may_change", lambda html, position: True)
    assert {key: french_html(*key) for key in glance} == glance


# --- The built site -----------------------------------------------------------------------------

CODE = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg", "math"}
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "ins", "mark", "q", "s",
          "small", "span", "strong", "sub", "sup", "time", "u"}
# In French text: any space before ; ! ? is the narrow one; before : and », and after «, the
# no-break one; « » always hold their spaces (a line that starts with » needs none).
FRENCH_WRONG = re.compile(r"[^\S\u202f][;!?]|[^\S\u00a0][:»]|«[^\S\u00a0]|«\S|\S»")
# In Dutch text (and any other language's, as an English title of a source): no French spacing at all.
NOT_FRENCH_WRONG = re.compile(r"[\u00a0\u202f][;:!?»]|«[\u00a0\u202f]")


def lines_of_text(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(language, text) of each line of text of a page as a browser's parser reads it: the text
    between block boundaries, inline elements joined, without code, comments and attributes."""
    lines, current = [], []

    def end(lang):
        text = "".join(current).strip(" \t\r\n\f")  # spaces a browser does not show
        if text:
            lines.append((lang, text))
        current.clear()

    def walk(element, lang):
        for child in element.children:
            if isinstance(child, (Comment, Doctype)):
                continue
            if isinstance(child, NavigableString):
                current.append(str(child))
            elif isinstance(child, Tag):
                child_lang = child.get("lang", lang)
                if child.name in CODE:
                    end(lang)
                elif child.name in INLINE and child_lang == lang:
                    walk(child, lang)
                else:
                    end(lang)
                    walk(child, child_lang)
                    end(child_lang)

    walk(soup, "")
    return lines


def built_pages(site):
    return sorted(site.dir.rglob("*.html"))


def check_pages(site) -> tuple[int, list[str]]:
    french_lines, wrong = 0, []
    for path in built_pages(site):
        for lang, text in lines_of_text(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")):
            assert lang, f"{path}: text in no language: {text[:60]!r}"
            pattern = FRENCH_WRONG if lang.split("-")[0] == "fr" else NOT_FRENCH_WRONG
            french_lines += lang == "fr"
            for match in pattern.finditer(text):
                context = text[max(0, match.start() - 30):match.end() + 10]
                wrong.append(f"{path.relative_to(site.dir)} ({lang}): {context!r}")
    return french_lines, wrong


def test_every_french_text_of_the_site_is_set_the_french_way_and_dutch_text_the_dutch_way(site):
    french_lines, wrong = check_pages(site)
    assert french_lines > 100
    assert not wrong, "\n".join(wrong)


FRENCH_PAGE = """
    ---
    title: "Typographie : un essai"
    year: 2019
    published: 2019-05
    authors:
      - Coordination sociale de Laeken
    kind: analysis
    summary: "Une question : est-ce lisible ? Oui !"
    themes: [virtualisation]
    ---

    Une liste ; un point : une question ? Une exclamation ! Une « citation » et une «autre».

    Un [lien](https://example.org/page?x=1 "titre : attribut ?"), <https://example.org/?q=a:b>,
    une heure 10:30, un rapport 1:2, du code `a : b ?` et un mot néerlandais *wat ?*{ lang="nl" }.

    ```text
    bloc : code ?
    ```
    """


@pytest.fixture(scope="module")
def typed_site(tmp_path_factory):
    """A copy of the site with text typed with ordinary spaces: a French analysis not
    translated yet (the Dutch site shows it, marked French), and a French passage added to
    the Dutch about page."""
    root = copy_site(tmp_path_factory.mktemp("typed-site"))
    fixtures.write(root / "docs" / "analyses" / "2019-typographie" / "index.fr.md", FRENCH_PAGE)
    about = root / "docs" / "a-propos.nl.md"
    about.write_text(about.read_text(encoding="utf-8") + textwrap.dedent("""

        Een Nederlandse zin : *une phrase française ?*{ lang="fr" } Nog een vraag ?
        """), encoding="utf-8")
    return build_site(root)


def test_typed_text_is_set_on_the_page_its_fallback_the_search_index_and_the_feed(typed_site):
    french_lines, wrong = check_pages(typed_site)
    assert not wrong, "\n".join(wrong)
    for path in ("analyses/2019-typographie/", "nl/analyses/2019-typographie/"):
        article = typed_site.html(path).select_one("article")
        text = article.get_text()
        assert f"Une liste{NNBSP}; un point{NBSP}: une question{NNBSP}? Une exclamation{NNBSP}! " \
               f"Une «{NBSP}citation{NBSP}» et une «{NBSP}autre{NBSP}»." in text, path
        assert f"Typographie{NBSP}: un essai" in article.h1.get_text()
        # Code, URLs, times, attributes and the Dutch word as typed.
        assert article.select_one("p code").get_text() == "a : b ?"
        assert article.select_one("pre code").get_text().strip() == "bloc : code ?"
        assert article.select_one('a[href^="https://example.org/page"]')["title"] == "titre : attribut ?"
        assert "https://example.org/?q=a:b" in text and "10:30" in text and "1:2" in text
        assert article.select_one('em[lang="nl"]').get_text() == "wat ?"
    assert f"Typographie{NBSP}: un essai" in typed_site.html("analyses/2019-typographie/").title.get_text()  # a template's
    about = typed_site.html("nl/a-propos/").select_one("article").get_text()
    assert f"Een Nederlandse zin : une phrase française{NNBSP}? Nog een vraag ?" in about
    index = (typed_site.dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert f"une question{NNBSP}?" in index and "une question ?" not in index
    feed = (typed_site.dir / "atom-fr.xml").read_text(encoding="utf-8")
    assert f"<title>Typographie{NBSP}: un essai</title>" in feed
    assert f"Une question{NBSP}: est-ce lisible{NNBSP}? Oui{NNBSP}!" in feed
