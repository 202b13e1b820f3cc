"""Unit tests of scripts/laeken/analyses.py: reading analyses, chapters and their front matter."""

from __future__ import annotations

import pytest

from laeken.analyses import load_analyses
from laeken.errors import ContentError
from fixtures import write


INDEX = """---
title: Titre
year: {year}
authors: [Coordination sociale de Laeken]
kind: analysis
summary: Résumé.
---

Texte.
"""


def make_analysis(docs, folder, year=None, index=None):
    year = year or int(folder[:4])
    write(docs / "analyses" / folder / "index.fr.md", index or INDEX.format(year=year))


def test_analyses_are_sorted_newest_first_with_chapters_in_order(tmp_path):
    make_analysis(tmp_path, "2020-a")
    make_analysis(tmp_path, "2022-c")
    make_analysis(tmp_path, "2021-b")
    write(tmp_path / "analyses/2021-b/deux.fr.md", "---\norder: 2\n---\n# Deux { #deux }\n")
    write(tmp_path / "analyses/2021-b/un.fr.md", "---\norder: 1\n---\n# Un { #un }\n")
    write(tmp_path / "analyses/2021-b/un.nl.md", "---\norder: 1\n---\n# Een { #un }\n")
    analyses = load_analyses(tmp_path)
    assert [a.folder for a in analyses] == ["2022-c", "2021-b", "2020-a"]
    chapters = analyses[1].chapters
    assert [c.slug for c in chapters] == ["un", "deux"]
    assert chapters[0].title("nl") == "Een"
    assert chapters[1].title("nl") == "Deux"  # falls back to French


def test_dutch_index_translates_only_the_translated_fields(tmp_path):
    make_analysis(tmp_path, "2020-a")
    write(tmp_path / "analyses/2020-a/index.nl.md", "---\ntitle: Titel\nyear: 1999\n---\n")
    (analysis,) = load_analyses(tmp_path)
    assert analysis.field("title", "nl") == "Titel"
    assert analysis.field("summary", "nl") == "Résumé."  # not translated yet: French
    assert analysis.field("year", "nl") == 2020  # never taken from the translation


def test_no_analyses_folder_means_no_analyses(tmp_path):
    assert load_analyses(tmp_path) == []


@pytest.mark.parametrize(
    "folder, index, expected",
    [
        ("2020-a", INDEX.format(year=2020).replace("title: Titre\n", ""), "il manque le champ `title`"),
        ("2020-a", INDEX.format(year="'deux mille'"), "`year` vaut « deux mille » : il n’est pas une année"),
        ("2020-a", INDEX.format(year=2021), "il ne correspond pas au nom du dossier, qui dit 2020"),
        ("2020-a", INDEX.format(year=2020).replace("kind: analysis", "kind: essai"), "écrivez `kind: analysis` (analyse de terrain) ou `kind: return`"),
        ("2020-a", INDEX.format(year=2020).replace("kind: analysis", "kind: return"), "doit nommer l’analyse qu’il suit"),
        (
            "2020-a",
            INDEX.format(year=2020).replace("kind: analysis", "kind: return\nfollows: 2019-x"),
            "`follows` vaut « 2019-x » : il n’est pas un dossier d’analyse",
        ),
        ("2020-a", "---\ntitle: [unclosed\n---\n", "pas du YAML valide"),
        ("Virtualisation", INDEX.format(year=2020), "<année>-<nom-court>"),
    ],
)
def test_bad_metadata_is_reported_with_the_file_and_what_is_right(tmp_path, folder, index, expected):
    make_analysis(tmp_path, folder, year=2020, index=index)
    with pytest.raises(ContentError) as raised:
        load_analyses(tmp_path)
    assert expected in str(raised.value)
    assert folder in str(raised.value)


def test_yaml_error_names_the_line(tmp_path):
    make_analysis(tmp_path, "2020-a", index="---\ntitle: ok\nyear: [2020\n---\n")
    with pytest.raises(ContentError) as raised:
        load_analyses(tmp_path)
    assert raised.value.line is not None and raised.value.line >= 3


def test_chapter_without_order_or_french_original_is_an_error(tmp_path):
    make_analysis(tmp_path, "2020-a")
    write(tmp_path / "analyses/2020-a/chapitre.fr.md", "# Chapitre { #chapitre }\n")
    with pytest.raises(ContentError, match="il manque le champ `order`"):
        load_analyses(tmp_path)
    (tmp_path / "analyses/2020-a/chapitre.fr.md").unlink()
    write(tmp_path / "analyses/2020-a/hoofdstuk.nl.md", "---\norder: 1\n---\n# H { #h }\n")
    with pytest.raises(ContentError, match="pas d’original français"):
        load_analyses(tmp_path)
