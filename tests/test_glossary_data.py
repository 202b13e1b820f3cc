"""Unit tests of the glossary data: loading, validation and term matching."""

from __future__ import annotations

import datetime
import textwrap

import pytest

from conftest import ROOT
from laeken.errors import ContentError
from laeken.glossary import checked_date, load_glossary, stale_sources, term_pattern
from laeken.interface import interface_strings
from laeken.text import sort_key

GOOD = textwrap.dedent(
    """\
    cpas:
      fr:
        term: CPAS
        variants: [centre public d’action sociale, cpas, OCMW]
        short: Centre public d’action sociale.
        definition: Le CPAS aide.
        link: https://www.mi-is.be/fr
      nl:
        term: OCMW
        variants: [openbaar centrum voor maatschappelijk welzijn, CPAS]
        short: Openbaar centrum voor maatschappelijk welzijn.
        definition: Het OCMW helpt.
    mutuelle:
      fr:
        term: mutuelle
        variants: [mutuelles, ziekenfonds]
        short: Caisse d’assurance maladie.
        definition: Longue définition.
      nl:
        term: ziekenfonds
        variants: [ziekenfondsen, mutuelle]
        short: Ziekenfonds.
        definition: Lange uitleg.
    """
)


def load(tmp_path, text):
    path = tmp_path / "_data" / "glossary.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return load_glossary(tmp_path)


def test_a_good_glossary_loads_in_file_order(tmp_path):
    entries = load(tmp_path, GOOD)
    assert [entry.id for entry in entries] == ["cpas", "mutuelle"]
    assert entries[0].term("nl") == "OCMW"
    assert entries[0].forms("fr") == ["CPAS", "centre public d’action sociale", "cpas", "OCMW"]
    assert entries[0].languages["fr"]["link"] == "https://www.mi-is.be/fr"
    assert entries[1].line == 13


def test_no_glossary_file_means_no_entries(tmp_path):
    assert load_glossary(tmp_path) == []


@pytest.mark.parametrize(
    "change, message, line",
    [
        (lambda t: t.replace("    short: Ziekenfonds.\n", ""), "entrée `mutuelle` : la partie néerlandaise (nl) n’a pas de champ `short`", 19),
        (lambda t: t.replace("  nl:\n    term: OCMW", "  de:\n    term: OCMW"), "entrée `cpas` : la partie néerlandaise (nl) manque", 1),
        (lambda t: t.replace("mutuelle:\n", "cpas:\n"), "`cpas` est déjà utilisé ligne 1", 13),
        (lambda t: t.replace("[mutuelles, ziekenfonds]", "[mutuelles, cpas]"), "la variante française 'cpas' est aussi dans l’entrée `cpas` (ligne 1)", 13),
        (lambda t: t.replace("[ziekenfondsen, mutuelle]", "[ziekenfondsen, ocmw]"), "la variante néerlandaise 'ocmw' est aussi dans l’entrée `cpas`", 13),
        (lambda t: t.replace("variants: [mutuelles, ziekenfonds]", "variants: mutuelles"), "`variants` doit être une liste", 16),
        (lambda t: t.replace("short: Caisse d’assurance maladie.", "short: \"a\\nb\""), "`short` doit tenir en une ligne", 17),
        (lambda t: t.replace("link: https://www.mi-is.be/fr", "link: www.mi-is.be"), "`link` doit être une adresse web", 7),
        (lambda t: t.replace("mutuelle:\n", "Mutuelle Santé:\n"), "un identifiant s’écrit en minuscules", 13),
        (lambda t: t.replace("    definition: Lange uitleg.\n", "    definition: Lange uitleg.\n    note: x\n"), "champ(s) inconnu(s) note", 24),
    ],
)
def test_bad_entries_name_the_file_line_entry_and_what_is_wrong(tmp_path, change, message, line):
    with pytest.raises(ContentError) as raised:
        load(tmp_path, change(GOOD))
    error = raised.value
    assert message in str(error)
    assert error.path.name == "glossary.yml"
    assert error.line == line
    assert f"{error.path}:{line}: " in str(error)  # the line of the field at fault


def test_malformed_yaml_names_the_line(tmp_path):
    with pytest.raises(ContentError) as raised:
        load(tmp_path, GOOD.replace("term: OCMW", "term: [OCMW"))
    assert "pas du YAML valide" in str(raised.value)
    assert raised.value.line is not None and 9 <= raised.value.line <= 11


def test_a_list_instead_of_entries_is_explained(tmp_path):
    with pytest.raises(ContentError, match="entrées `id:`"):
        load(tmp_path, "- cpas\n- mutuelle\n")


@pytest.mark.parametrize(
    "text, found",
    [
        ("Les mutuelles et la Mutuelle", ["mutuelles", "Mutuelle"]),
        ("immutuelle, mutuellement, pré-mutuelle", []),
        ("le CPAS, le cpas, le Cpas", ["CPAS", "cpas", "Cpas"]),
        ("le Centre public\nd’action sociale", ["Centre public\nd’action sociale"]),
        ("l’EPN, les EPN’s", ["EPN", "EPN"]),
        ("epn en minuscules", []),
    ],
)
def test_terms_match_whole_words_and_case_where_it_matters(text, found):
    pattern = term_pattern(["mutuelle", "mutuelles", "CPAS", "cpas", "centre public d’action sociale", "EPN"])
    assert [match.group(0) for match in pattern.finditer(text)] == found


def test_sort_key_ignores_accents_and_case():
    words = ["maison médicale", "École de devoirs", "EPN", "actiris", "Écrivain"]
    assert sorted(words, key=sort_key) == ["actiris", "École de devoirs", "Écrivain", "EPN", "maison médicale"]


# Sources: each outside fact's official page, and the day it was read. The days are written
# relative to today, so that these tests mean the same next year.
TODAY = datetime.date.today()
READ = (TODAY - datetime.timedelta(days=30)).isoformat()
SOURCED = GOOD.replace(
    "    link: https://www.mi-is.be/fr\n",
    "    link: https://www.mi-is.be/fr\n"
    "    sources:\n"
    "      - title: Les centres publics d’action sociale (CPAS)\n"
    "        publisher: Région de Bruxelles-Capitale\n"
    "        url: https://be.brussels/fr/cpas\n"
    f"        checked: {READ}\n",
).replace(
    "    definition: Het OCMW helpt.\n",
    "    definition: Het OCMW helpt.\n"
    "    sources:\n"
    "      - title: Les centres publics d’action sociale (CPAS)\n"
    "        publisher: Brussels Hoofdstedelijk Gewest\n"
    "        url: https://be.brussels/fr/cpas\n"
    f"        checked: {READ}\n"
    "        lang: fr\n",
)
assert SOURCED.count("sources:") == 2
FIRST_SOURCE = 9  # the line of the French source's `- title:`


def test_sources_load_with_their_day_and_line(tmp_path):
    (cpas, mutuelle) = load(tmp_path, SOURCED)
    (source,) = cpas.sources["fr"]
    assert (source.title, source.publisher, source.url) == (
        "Les centres publics d’action sociale (CPAS)", "Région de Bruxelles-Capitale", "https://be.brussels/fr/cpas")
    assert source.checked == datetime.date.fromisoformat(READ) and source.line == FIRST_SOURCE and source.lang is None
    assert cpas.sources["nl"][0].lang == "fr"
    assert mutuelle.sources == {}  # no outside fact, no source
    # Quoted, the day is a text: read the same.
    (quoted, _) = load(tmp_path, SOURCED.replace(f"checked: {READ}", f'checked: "{READ}"'))
    assert quoted.sources["fr"][0].checked == source.checked


FUTURE = (TODAY + datetime.timedelta(days=3)).isoformat()


@pytest.mark.parametrize(
    "change, message, fix, line",
    [
        (lambda t: t.replace("url: https://be.brussels/fr/cpas", "url: javascript:alert(1)", 1),
         "la source n° 1 : `url` vaut « javascript:alert(1) », ce n’est pas une adresse web", "commence par https://", FIRST_SOURCE + 2),
        (lambda t: t.replace("url: https://be.brussels/fr/cpas", "url: be.brussels/fr/cpas", 1),
         "`url` vaut « be.brussels/fr/cpas », ce n’est pas une adresse web", "commence par https://", FIRST_SOURCE + 2),
        (lambda t: t.replace("url: https://be.brussels/fr/cpas", "url: ftp://be.brussels/cpas", 1),
         "ce n’est pas une adresse web", "commence par https://", FIRST_SOURCE + 2),
        (lambda t: t.replace(f"checked: {READ}", "checked: 30/11/2026", 1),
         "`checked` vaut « 30/11/2026 », ce n’est pas une date", "par exemple `checked: 2026-11-30`", FIRST_SOURCE + 3),
        (lambda t: t.replace(f"checked: {READ}", 'checked: "2026-13-01"', 1),
         "`checked` vaut « 2026-13-01 », ce n’est pas une date", "année-mois-jour", FIRST_SOURCE + 3),
        (lambda t: t.replace(f"checked: {READ}", "checked: 2026-11-30 10:00:00", 1),
         "ce n’est pas une date", "année-mois-jour", FIRST_SOURCE + 3),
        (lambda t: t.replace(f"checked: {READ}", f"checked: {FUTURE}", 1),
         f"`checked` est le {FUTURE}, un jour qui n’est pas encore arrivé", f"au plus tard aujourd’hui, {TODAY.isoformat()}", FIRST_SOURCE + 3),
        (lambda t: t.replace("        publisher: Région de Bruxelles-Capitale\n", ""),
         "dans la partie française (fr), la source n° 1 n’a pas de `publisher`", "écrivez `publisher:`", FIRST_SOURCE),
        (lambda t: t.replace("title: Les centres publics d’action sociale (CPAS)", "title: ''", 1),
         "la source n° 1 : `title` est vide", "écrivez `title:`", FIRST_SOURCE),
        (lambda t: t.replace("        publisher: Région de Bruxelles-Capitale\n",
                             "        publisher: Région de Bruxelles-Capitale\n        note: lue\n"),
         "la source n° 1 a un champ inconnu `note`", "title, publisher, url, checked, lang", FIRST_SOURCE + 2),
        (lambda t: t.replace("        lang: fr\n", "        lang: français\n"),
         "`lang` vaut « français », ce n’est pas un code de langue", "deux lettres", FIRST_SOURCE + 14),
        (lambda t: t.replace("      - title: Les centres publics d’action sociale (CPAS)\n        publisher: Région",
                             "      - https://be.brussels/fr/cpas\n      - title: Les centres publics d’action sociale (CPAS)\n        publisher: Région"),
         "la source n° 1 n’est pas écrite comme title, publisher, url, checked", "`- title: …`", FIRST_SOURCE),
        (lambda t: t.replace("    sources:\n      - title: Les centres publics d’action sociale (CPAS)\n"
                             "        publisher: Brussels", "    sources: []\n    x:\n      - title: x\n        publisher: Brussels"),
         "la partie française a des `sources`, la partie néerlandaise (nl) n’en a pas", "ajoutez sous `nl:` les mêmes sources", 13),
        (lambda t: t.replace("    sources:\n      - title: Les centres publics d’action sociale (CPAS)\n        publisher: Région",
                             "    sources: une page\n    x:\n      - title: Les centres publics d’action sociale (CPAS)\n        publisher: Région"),
         "`sources` doit être une liste", "écrivez `sources:`", 8),
    ],
)
def test_bad_sources_name_the_file_line_entry_field_and_what_is_right(tmp_path, change, message, fix, line):
    with pytest.raises(ContentError) as raised:
        load(tmp_path, change(SOURCED))
    problem = next(p for p in raised.value.problems if message in p.message)
    assert problem.message.startswith("entrée `cpas` : ")
    assert problem.path.name == "glossary.yml" and problem.line == line, problem
    assert fix in problem.fix


def test_a_day_that_does_not_exist_is_named_with_its_line(tmp_path):
    # YAML's reader stops on it before any check: the message still gives the line.
    with pytest.raises(ContentError) as raised:
        load(tmp_path, SOURCED.replace(f"checked: {READ}", "checked: 2026-02-30", 1))
    assert raised.value.line == FIRST_SOURCE + 3
    assert "`checked` vaut « 2026-02-30 », un jour qui n’existe pas" in str(raised.value)


def test_a_source_is_stale_after_a_year_from_the_day_given(tmp_path):
    entries = load(tmp_path, SOURCED)
    read = datetime.date.fromisoformat(READ)
    assert stale_sources(entries, read) == []
    assert stale_sources(entries, read.replace(year=read.year + 1)) == []  # a year: not more
    stale = stale_sources(entries, read.replace(year=read.year + 1) + datetime.timedelta(days=1))
    assert [(entry.id, lang, source.title) for entry, lang, source in stale] == [
        ("cpas", "fr", "Les centres publics d’action sociale (CPAS)"),
        ("cpas", "nl", "Les centres publics d’action sociale (CPAS)"),
    ]


@pytest.mark.parametrize("lang", ["fr", "nl"])
@pytest.mark.parametrize("day", [datetime.date(2026, 11, 30), datetime.date(2027, 12, 1)])
def test_checked_days_read_day_month_year_in_each_language(day, lang):
    # The words come from docs/_data/interface.yml (an editor may change them): read there.
    ui = interface_strings(ROOT / "docs", lang)
    first = ui["day_one"] if day.day == 1 else str(day.day)
    assert checked_date(day, ui) == f"{first} {ui['months'][day.month - 1]} {day.year}"
