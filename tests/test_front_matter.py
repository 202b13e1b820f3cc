"""Front matter of every kind of page, checked against its schema (scripts/laeken/schema.py):
on a copy of the site, each fault gets one French line naming the file, the line of the
field, what is wrong and the right form, from `check` and from the strict build, never a
traceback, and nothing is changed."""

from __future__ import annotations

import datetime

import pytest
import yaml

from conftest import build
from laeken.schema import ANALYSIS, ANALYSIS_TRANSLATION, CHAPTER, CHAPTER_TRANSLATION, PAGE, schema_for
from test_cli import edit, run, snapshot

FOLDER = "docs/analyses/2020-virtualisation"
INDEX = f"{FOLDER}/index.fr.md"
CHAPTER_FILE = f"{FOLDER}/sur-le-terrain.fr.md"
NEXT_YEAR = datetime.date.today().year + 1


def line_of(path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def assert_clean(process) -> str:
    """The output, after checking that it is a failure explained without a traceback."""
    output = process.stdout + process.stderr
    assert process.returncode == 1, output
    assert "Traceback" not in output and "<unicode string>" not in output, output
    return output


def test_each_kind_of_page_has_its_schema():
    assert schema_for("analyses/2020-x/index.fr.md") is ANALYSIS
    assert schema_for("analyses/2020-x/index.nl.md") is ANALYSIS_TRANSLATION
    assert schema_for("analyses/2020-x/chapitre.fr.md") is CHAPTER
    assert schema_for("analyses/2020-x/chapitre.nl.md") is CHAPTER_TRANSLATION
    assert schema_for("a-propos.fr.md") is PAGE and schema_for("analyses/index.nl.md") is PAGE
    for schema in (ANALYSIS, ANALYSIS_TRANSLATION, CHAPTER, CHAPTER_TRANSLATION, PAGE):
        assert "draft" in schema.fields  # drafts (scripts/laeken/drafts.py) are declared everywhere
    assert {"title", "year", "published", "authors", "kind", "follows", "summary", "themes", "featured"} <= set(ANALYSIS.fields)


# (file, text to replace, replacement, field whose line is named, what the message says)
FAULTS = [
    (INDEX, "published: 2020-12", "published: 2021-13", "published",
     "le champ `published` vaut « 2021-13 » : il n’est pas un mois — un mois s’écrit AAAA-MM, de 01 à 12, par exemple 2020-12"),
    (INDEX, "published: 2020-12", "published: décembre 2020", "published",
     "le champ `published` vaut « décembre 2020 » : il n’est pas un mois — un mois s’écrit AAAA-MM, de 01 à 12, par exemple 2020-12"),
    (INDEX, "published: 2020-12", "published: 2020-12-01", "published", "un mois s’écrit AAAA-MM"),
    (INDEX, "year: 2020", "year: 1850", "year", f"il n’est pas une année possible — une année va de 1990 à {NEXT_YEAR}"),
    (INDEX, "year: 2020", "year: 3000", "year", f"il n’est pas une année possible — une année va de 1990 à {NEXT_YEAR}"),
    (INDEX, "year: 2020", "year: deux mille vingt", "year", "écrivez l’année en chiffres, par exemple `year: 2020`"),
    (INDEX, "kind: analysis", "kind: return\nfollows: 2020-virtualisation", "follows",
     "le champ `follows` vaut « 2020-virtualisation » : il nomme l’analyse elle-même"),
    (INDEX, "kind: analysis", "kind: return\nfollows: 2019-inconnue", "follows",
     "le champ `follows` vaut « 2019-inconnue » : il n’est pas un dossier d’analyse"),
    (INDEX, "kind: analysis", "kind: return", "kind", "un retour détaillé doit nommer l’analyse qu’il suit — ajoutez `follows:"),
    (INDEX, "kind: analysis", "kind: essai", "kind", "écrivez `kind: analysis` (analyse de terrain) ou `kind: return`"),
    (INDEX, "authors:\n  - Coordination sociale de Laeken", "authors: Coordination", "authors", "il n’est pas une liste de noms"),
    (INDEX, "kind: analysis", "kind: analysis\ndraft: oui", "draft", "le champ `draft` vaut « oui » : il n’est ni true ni false"),
    (INDEX, "kind: analysis", "kind: analysis\nfeatured: 1", "featured", "il n’est ni true ni false — écrivez true (oui) ou false (non)"),
    (INDEX, "  - virtualisation\n", "  - virtualisations\n", "themes", "nomme un thème inconnu `virtualisations` — thèmes connus :"),
    (CHAPTER_FILE, "order: 1", "order: premier", "order", "le champ `order` vaut « premier » : il n’est pas un numéro de chapitre"),
    (CHAPTER_FILE, "order: 1", "order: 0", "order", "écrivez un nombre entier à partir de 1"),
    (CHAPTER_FILE, "order: 1", "order: 1\ndraft: [oui]", "draft", "il n’est ni true ni false"),
    (f"{FOLDER}/index.nl.md", "title: De virtualisering van de sociale diensten", "title: [De, virtualisering]", "title",
     "le champ `title` vaut « ['De', 'virtualisering'] » : il n’est pas un texte"),
]


@pytest.mark.parametrize("path, old, new, field, message", FAULTS, ids=[f"{f[3]}:{f[2][:20]}" for f in FAULTS])
def test_check_names_the_file_the_line_of_the_field_and_the_right_form(site_copy, path, old, new, field, message):
    edit(site_copy / path, old, new)
    before = snapshot(site_copy)
    output = assert_clean(run(site_copy, "check", "--no-build"))
    assert f"{path}:{line_of(site_copy / path, field + ':')}: " in output
    assert message in output
    assert snapshot(site_copy) == before


@pytest.mark.parametrize("new", ["published: 2021-13", "published: décembre 2020"])
def test_the_build_explains_a_wrong_month_instead_of_crashing(site_copy, new):
    # The print page and the citation used to split this value and raise IndexError/ValueError.
    edit(site_copy / INDEX, "published: 2020-12", new)
    output = assert_clean(build(site_copy, check=False))
    assert f"{INDEX}:4: le champ `published` vaut « {new.split(': ')[1]} » : il n’est pas un mois — " \
           "un mois s’écrit AAAA-MM, de 01 à 12, par exemple 2020-12" in output


def test_every_problem_of_the_front_matter_is_listed_at_once_by_check_and_by_the_build(site_copy):
    index, chapter = site_copy / INDEX, site_copy / CHAPTER_FILE
    edit(index, "year: 2020", "year: 3000")
    edit(index, "published: 2020-12", "published: 2020-13")
    edit(index, "kind: analysis", "kind: return\nfollows: 2020-virtualisation")
    edit(chapter, "order: 1", "order: un")
    before = snapshot(site_copy)
    expected = [f"{INDEX}:3: le champ `year`", f"{INDEX}:4: le champ `published`", f"{INDEX}:8: le champ `follows`",
                f"{CHAPTER_FILE}:3: le champ `order`"]
    checked = assert_clean(run(site_copy, "check", "--no-build"))
    built = assert_clean(build(site_copy, check=False))
    for output in (checked, built):
        for start in expected:
            assert start in output, (start, output)
    assert "Erreurs (4)" in checked
    assert snapshot(site_copy) == before


def test_a_title_with_a_colon_gets_the_hint_about_quotes(site_copy):
    edit(site_copy / INDEX, "title: La virtualisation des services sociaux", "title: L’accès aux droits : après la crise")
    for process in (run(site_copy, "check", "--no-build"), build(site_copy, check=False)):
        output = assert_clean(process)
        assert f"{INDEX}:2: l’en-tête (front matter) n’est pas du YAML valide" in output
        assert "mettez le texte entre guillemets" in output
        assert "mapping values" not in output  # PyYAML's English, which the hint replaces


def test_a_missing_field_is_asked_for_with_an_example(site_copy):
    edit(site_copy / INDEX, "year: 2020\n", "")
    edit(site_copy / CHAPTER_FILE, "order: 1\n", "")
    output = assert_clean(run(site_copy, "check", "--no-build"))
    assert f"{INDEX}:1: il manque le champ `year` dans l’en-tête (page de présentation d’une analyse) — ajoutez la ligne `year: 2020`" in output
    assert f"{CHAPTER_FILE}:1: il manque le champ `order` dans l’en-tête (chapitre) — ajoutez la ligne `order: 1`" in output


def test_every_example_is_one_line_to_copy_into_the_header():
    # The message says « ajoutez la ligne `…` »: what is copied must be that field, in YAML.
    for schema in (ANALYSIS, ANALYSIS_TRANSLATION, CHAPTER, CHAPTER_TRANSLATION, PAGE):
        for name, spec in schema.fields.items():
            if "..." in spec.example:
                continue  # written by the tool, never by hand
            line = spec.example.replace("{year}", "2021")
            assert "\n" not in line and list(yaml.safe_load(line)) == [name], (schema.name, line)


def test_an_unknown_field_is_a_warning_that_lists_the_known_ones(site_copy):
    edit(site_copy / INDEX, "kind: analysis", "kind: analysis\nauteur: Marie")
    edit(site_copy / f"{FOLDER}/index.nl.md", "title: De", "year: 2020\ntitle: De")
    process = run(site_copy, "check", "--no-build")
    assert process.returncode == 0, process.stdout
    warnings = process.stdout.split("Avertissements")[1]
    assert f"{INDEX}:{line_of(site_copy / INDEX, 'auteur:')}: le champ `auteur` n’est pas un champ connu " \
           "(page de présentation d’une analyse) — vérifiez son orthographe ; champs connus : title, year, published, authors" in warnings
    assert f"{FOLDER}/index.nl.md:2: le champ `year` n’est pas un champ connu (page de présentation traduite)" in warnings
    assert "champs connus : title, summary, source_hash, source_paragraphs, draft" in warnings
