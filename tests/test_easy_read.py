"""Easy-read pages ("Facile à lire" / "Makkelijk lezen"): the measures `check` applies
(laeken/easy_read.py, thresholds in docs/_data/easy_read.yml), the pages as built on a
fixture site, and the rules on whatever easy-read pages the real site has."""

from __future__ import annotations

import textwrap

import pytest

from conftest import ROOT, language_of
from test_browser import browser, definitions, page, server  # noqa: F401  (shared fixtures)
from laeken.analyses import load_analyses
from laeken.easy_read import (glossary_acronyms, is_easy_read, load_rules, measure, reading_ease, sentences,
                              unexplained_acronyms)
from laeken.errors import ContentError
from laeken.glossary import load_glossary
from laeken.interface import interface_strings
from laeken.languages import LANGUAGES
from laeken.pages import localized, read_page

RULES = load_rules(ROOT / "docs")


def body(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def long_sentence(words: int, lang: str) -> str:
    word = "mot" if lang == "fr" else "woord"
    return "Un " + " ".join([word] * (words - 1)) + "." if lang == "fr" else "Een " + " ".join([word] * (words - 1)) + "."


# Sentences and words

def test_sentences_are_split_at_their_end_and_at_each_block():
    found = sentences(body("""
        # Un titre n’est pas une phrase { #titre }

        Le CPAS aide les gens. Il donne de l’aide !
        Est-ce facile ? « Non. » Voilà…

        - Un point de liste
        - Un autre : Avec une majuscule.

        Un lien [vers la page](page.md) compte ses mots.
        { .classe }
        """))
    assert [s.text for s in found] == [
        "Le CPAS aide les gens.", "Il donne de l’aide !", "Est-ce facile ?", "« Non. »", "Voilà…",
        "Un point de liste", "Un autre :", "Avec une majuscule.", "Un lien vers la page compte ses mots."]
    assert [s.line for s in found][:6] == [3, 3, 4, 4, 4, 6] and found[-1].line == 9
    assert [s.words for s in found][:2] == [5, 5]  # l’aide: two words


def test_dutch_sentences_are_split_too():
    found = sentences("Het OCMW helpt mensen. Wat doet een EPN? Mensen krijgen er hulp.\n\nDat is goed.\n")
    assert [s.text for s in found] == ["Het OCMW helpt mensen.", "Wat doet een EPN?", "Mensen krijgen er hulp.",
                                       "Dat is goed."]


def test_a_lower_case_word_after_a_full_stop_does_not_start_a_sentence():
    # "p. ex." and the like: a sentence starts with a capital.
    assert len(sentences("Des services, p. ex. les mutuelles, sont sur internet.\n")) == 1


# Acronyms

def test_an_acronym_is_explained_by_parentheses_after_its_first_use():
    acronyms = {"CPAS", "EPN", "OCMW"}
    explained = "Le CPAS (centre public d’action sociale) aide. Le CPAS paie.\n\nUn EPN (espace public numérique).\n"
    assert unexplained_acronyms(explained, acronyms) == []
    later = "Le CPAS aide.\n\nLe CPAS (centre public d’action sociale) aide.\n"
    assert unexplained_acronyms(later, acronyms) == [(1, "CPAS")]  # the first use counts
    one_word = "Le CPAS (Bruxelles) aide.\n"
    assert unexplained_acronyms(one_word, acronyms) == [(1, "CPAS")]
    assert unexplained_acronyms("Twee EPN’s (openbare computerruimtes) hier.\n", acronyms) == []
    assert unexplained_acronyms("Les CPASS et EPNX ne sont pas des sigles connus.\n", acronyms) == []


def test_the_acronyms_to_explain_are_the_glossary_forms_in_capitals():
    glossary = load_glossary(ROOT / "docs")
    for lang in LANGUAGES:
        acronyms = glossary_acronyms(glossary, lang)
        forms = {form for entry in glossary for form in entry.forms(lang)}
        assert acronyms <= forms
        assert all(form.isupper() and len(form) >= 2 for form in acronyms)
        assert {form for form in forms if form.isalpha() and form.isupper() and len(form) > 1} == acronyms


# Thresholds and measures

def test_the_thresholds_are_read_from_the_data_file(site_copy):
    path = site_copy / "docs/_data/easy_read.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"max_mots_par_phrase: {RULES.longest}", "max_mots_par_phrase: 5"), encoding="utf-8")
    rules = load_rules(site_copy / "docs")
    assert rules.longest == 5 and rules.average == RULES.average
    problems = measure("Les gens vont au guichet du quartier.\n", "fr", rules, set())
    assert [message for _, message, _, _ in problems] == ["une phrase a 7 mots (au plus 5) : « Les gens vont au guichet du quartier.… »"]


@pytest.mark.parametrize("value", ["douze", "0", "-3", "true"])
def test_a_wrong_threshold_is_a_french_error_with_its_line(site_copy, value):
    path = site_copy / "docs/_data/easy_read.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith("moyenne_mots_par_phrase:"))
    lines[number - 1] = f"moyenne_mots_par_phrase: {value}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_rules(site_copy / "docs")
    problem = caught.value.problems[0]
    assert problem.line == number and "n’est pas un nombre positif" in problem.message and problem.fix


def test_a_missing_language_threshold_is_an_error(site_copy):
    path = site_copy / "docs/_data/easy_read.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  nl:", "  de:"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_rules(site_copy / "docs")
    assert {p.message.split(" ")[0] for p in caught.value.problems} == {"`lisibilite_min.nl`"}


EASY_FR = body("""
    # Facile à lire { #facile }

    Nous sommes allés voir les services.
    Le CPAS (centre public d’action sociale) aide les gens.
    Les gens ont besoin d’aide.
    """)
EASY_NL = body("""
    # Makkelijk lezen { #facile }

    We zijn naar de diensten gegaan.
    Het OCMW (openbaar centrum voor maatschappelijk welzijn) helpt mensen.
    Mensen hebben hulp nodig.
    """)


@pytest.mark.parametrize("lang, text", [("fr", EASY_FR), ("nl", EASY_NL)])
def test_an_easy_text_passes(lang, text):
    assert measure(text, lang, RULES, {"CPAS", "OCMW", "EPN"}) == []
    assert reading_ease(" ".join(s.text for s in sentences(text)), lang) >= RULES.reading_ease[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_sentence_over_the_longest_fails_with_its_line(lang):
    text = (EASY_FR if lang == "fr" else EASY_NL) + "\n" + long_sentence(RULES.longest + 1, lang) + "\n"
    problems = measure(text, lang, RULES, set())
    long = [p for p in problems if f"{RULES.longest + 1} mots" in p[1]]
    assert len(long) == 1 and long[0][0] == len(text.splitlines()) and "coupez-la" in long[0][2]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sentences_long_on_average_fail(lang):
    sentence = long_sentence(int(RULES.average) + 2, lang)
    problems = measure(f"{sentence} {sentence}\n", lang, RULES, set())
    assert any("en moyenne" in message for _, message, _, _ in problems)
    assert not any("en moyenne" in message for _, message, _, _ in measure(EASY_FR, "fr", RULES, set()))


def test_an_unexplained_acronym_fails_with_its_line():
    text = EASY_FR + "\nUn EPN est ouvert.\n"
    problems = measure(text, "fr", RULES, {"CPAS", "EPN"})
    assert [(line, message) for line, message, _, _ in problems] == [
        (len(text.splitlines()), "le sigle « EPN » n’est pas expliqué à sa première apparition")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_hard_text_fails_the_readability_score(lang):
    hard = {"fr": "Dématérialisation administrative incompréhensible. Inaccessibilité institutionnalisée systématiquement.",
            "nl": "Administratieve dematerialisering onbegrijpelijk. Geïnstitutionaliseerde ontoegankelijkheidsproblematiek."}
    problems = measure(hard[lang], lang, RULES, set())
    assert any("lisibilité" in message and f"au moins {RULES.reading_ease[lang]}" in message
               for _, message, _, _ in problems)


# The command

def test_check_reports_an_easy_read_page_that_breaks_the_rules(site_copy):
    from fixtures import ANALYSIS, EASY_READ, add_next_year, tool

    add_next_year(site_copy)
    page = site_copy / "docs" / f"{EASY_READ}.nl.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + long_sentence(RULES.longest + 3, "nl") + "\n"
                    + "Een EPN is open.\n", encoding="utf-8")
    lines = page.read_text(encoding="utf-8").splitlines()
    process = tool(site_copy, "check", "--no-build")
    assert process.returncode == 1, process.stdout
    relative = f"docs/{EASY_READ}.nl.md"
    assert f"{relative}:{len(lines) - 1}: Facile à lire : une phrase a {RULES.longest + 3} mots" in process.stdout
    assert f"{relative}:{len(lines)}: Facile à lire : le sigle « EPN »" in process.stdout
    assert ANALYSIS in relative


def test_translations_leaves_easy_read_pages_out(site_copy):
    from fixtures import EASY_READ, add_next_year, tool

    add_next_year(site_copy)
    assert EASY_READ not in tool(site_copy, "translations").stdout
    refused = tool(site_copy, "translations", "--mark", EASY_READ)
    assert refused.returncode != 0 and "Facile à lire" in refused.stdout + refused.stderr
    assert "source_hash" not in (site_copy / "docs" / f"{EASY_READ}.nl.md").read_text(encoding="utf-8")


# The pages as built (fixture site: an analysis with an easy-read page)

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_easy_read_page_is_linked_and_marked_on_a_fixture_site(fixture_site, lang):
    from fixtures import ANALYSIS, EASY_READ

    ui = interface_strings(fixture_site.root / "docs", lang)
    prefix = "" if lang == "fr" else "nl/"
    analysis = next(a for a in load_analyses(fixture_site.root / "docs") if a.folder == ANALYSIS)
    assert analysis.easy_read and analysis.easy_read_uri == f"{EASY_READ}.md"
    assert "facile" not in [chapter.slug for chapter in analysis.chapters]  # not a chapter of the original
    target = f"/{prefix}{EASY_READ}/"

    def links(url_path):
        page = fixture_site.html(prefix + url_path)
        return [a for a in page.select("article a[href]")
                if _absolute(prefix + url_path, a["href"]) == target]

    presentation = links(f"analyses/{ANALYSIS}/")
    assert [a.get_text(strip=True) for a in presentation] == [ui["easy_read"]]
    page = fixture_site.html(f"{prefix}analyses/{ANALYSIS}/")
    assert all(target != _absolute(f"{prefix}analyses/{ANALYSIS}/", a["href"]) for a in page.select("#chapitres ~ ol a"))
    latest = load_analyses(fixture_site.root / "docs")[0]
    if latest.folder == ANALYSIS:
        assert [a.get_text(strip=True) for a in links("")] == [ui["easy_read"]]

    easy = fixture_site.html(f"{prefix}{EASY_READ}/")
    article = easy.select_one("article .easy-read")
    assert article is not None and article.select_one("h1")["id"]
    note = article.select_one(".easy-read-note")
    assert " ".join(note.get_text().split()) == " ".join(ui["easy_read_note"].split())
    assert language_of(note) == lang
    assert easy.select_one(".translation-note") is None and easy.select_one(".translation-notice") is None
    assert easy.select_one(".draft-notice") is None
    # The glossary marks its acronyms here as on any page (CPAS / OCMW in the fixture).
    terms = article.select(".glossary-term")
    assert terms and all(easy.find(id=term["aria-describedby"]) is not None for term in terms)
    # Not the original's text: the print page does not hold it.
    printed = fixture_site.html(f"{prefix}analyses/{ANALYSIS}/imprimer/").get_text()
    assert note.get_text(strip=True) not in printed


def _absolute(from_path: str, href: str) -> str:
    from urllib.parse import urljoin, urlsplit

    return urlsplit(urljoin("http://site/" + from_path, href)).path


# The content: whatever easy-read pages the site has

def test_every_easy_read_page_keeps_the_rules():
    docs = ROOT / "docs"
    glossary = load_glossary(docs)
    for analysis in load_analyses(docs):
        if not analysis.easy_read:
            continue
        for lang in LANGUAGES:
            path = localized(analysis.easy_read.base, lang)
            if not path.exists():
                continue
            assert is_easy_read(path)
            meta, text = read_page(path)
            assert measure(text, lang, RULES, glossary_acronyms(glossary, lang)) == [], path
            assert all(s.words <= RULES.longest for s in sentences(text)), path


def test_every_dutch_easy_read_page_is_its_own_text():
    """Written for Dutch readers, not translated sentence by sentence: its sentences are
    not the French page's, one for one (their number of words differs somewhere)."""
    for analysis in load_analyses(ROOT / "docs"):
        if not analysis.easy_read:
            continue
        french, dutch = (localized(analysis.easy_read.base, lang) for lang in ("fr", "nl"))
        if dutch.exists():
            words = [[s.words for s in sentences(read_page(path)[1])] for path in (french, dutch)]
            assert words[0] != words[1], dutch
            assert "source_hash" not in read_page(dutch)[0], dutch


# In Chromium: glossary tooltips and large type on the real site's easy-read pages (if any)

def _real_easy_read_pages() -> list[str]:
    return [analysis.easy_read_uri.removesuffix(".md") + "/" for analysis in load_analyses(ROOT / "docs")
            if analysis.easy_read]


@pytest.mark.browser
@pytest.mark.parametrize("prefix, lang", [("", "fr"), ("nl/", "nl")])
def test_glossary_tooltips_work_on_easy_read_pages(page, server, definitions, prefix, lang):
    from test_browser import shown_definition

    for path in _real_easy_read_pages():
        page.goto(server + prefix + path)
        page.wait_for_load_state("networkidle")
        # Large type: the text is larger than on an ordinary page's body.
        sizes = page.evaluate("""() => [getComputedStyle(document.querySelector('.easy-read p')).fontSize,
                                        getComputedStyle(document.querySelector('.md-typeset')).fontSize]""")
        assert float(sizes[0].removesuffix("px")) > float(sizes[1].removesuffix("px")), path
        term = page.locator("article .easy-read .glossary-term").first
        term.hover()
        assert shown_definition(page) == definitions[term.get_attribute("aria-describedby")], path
        term.focus()
        assert shown_definition(page) == definitions[term.get_attribute("aria-describedby")], path
        assert page.log.problems == []
