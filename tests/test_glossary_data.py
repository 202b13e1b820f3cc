"""Unit tests of the glossary data: loading, validation and term matching."""

from __future__ import annotations

import textwrap

import pytest

from laeken.errors import ContentError
from laeken.glossary import load_glossary, term_pattern
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
