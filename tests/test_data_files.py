"""The data files (docs/_data/*.yml) on a copy of the site: each fault gets a French line
naming the file, the line, what is wrong and how to correct it, from `check` and from the
strict build, all problems at once, never a traceback; nothing is changed, and nothing is
written outside the output folder."""

from __future__ import annotations

import re
import types

import pytest
from mkdocs.exceptions import PluginError

from conftest import build
from hooks.permalinks import _write_redirects
from test_cli import edit, run, snapshot
from test_front_matter import assert_clean

DATA = "docs/_data"
CHAPTER = "docs/analyses/2020-virtualisation/sur-le-terrain.fr.md"


def write(path, text):
    path.write_text(text, encoding="utf-8")


def replace(name, old, new):
    return lambda root: edit(root / DATA / name, old, new)


def replace_all(name, text):
    return lambda root: write(root / DATA / name, text)


# (fault, what the line of every output must start with, what it must say); the build and
# `check --no-build` both find these (tracebacks before, for most of them).
FAULTS = {
    "themes-as-a-list": (replace_all("themes.yml", "- virtualisation\n- non-recours\n"),
                         f"{DATA}/themes.yml:1: ce fichier est écrit comme une liste",
                         "il doit être une suite d’entrées `nom-court:`"),
    "sectors-yaml-error": (replace("sectors.yml", "epn:\n  fr:\n", "epn:\n  fr: [\n"),
                           f"{DATA}/sectors.yml:", "ce fichier n’est pas du YAML valide"),
    "interface-yaml-error": (replace("interface.yml", "summary:\n  fr: En bref", "summary:\n  fr: En bref : court"),
                             f"{DATA}/interface.yml:", "mettez le texte entre guillemets"),
    "interface-without-nl": (replace("interface.yml", "summary:\n  fr: En bref\n  nl: In het kort\n", "summary:\n  fr: En bref\n"),
                             f"{DATA}/interface.yml:", "le texte `summary` n’a pas de version nl (néerlandaise) — ajoutez sous `summary:` la ligne `  nl: <texte>`"),
    "glossary-as-a-list": (replace_all("glossary.yml", "- epn\n"), f"{DATA}/glossary.yml:1: ce fichier est écrit comme une liste", "`id:`"),
    "glossary-blank-short": (replace("glossary.yml", "    short: \"Espace public numérique", "    short: \"   \"\n    x: \"Espace public numérique"),
                             f"{DATA}/glossary.yml:", "entrée `epn` : dans la partie française (fr), `short` est vide ou fait seulement d’espaces"),
    "theme-without-dutch": (replace("themes.yml", "  nl:\n    name: Virtualisering van de sociale diensten\n", "  nl:\n"),
                            f"{DATA}/themes.yml:", "`virtualisation` : dans la partie néerlandaise (nl), `name` est vide"),
    "permalink-entry-not-a-mapping": (replace("permalinks.yml", "/a-propos/:\n  anchors:\n", "/a-propos/: oui\n/a-propos-2/:\n  anchors:\n"),
                                      f"{DATA}/permalinks.yml:", "l’adresse /a-propos/ n’a pas la forme d’une entrée du registre"),
    "organisation-as-a-list": (replace_all("organisation.yml", "- members\n"),
                               f"{DATA}/organisation.yml:1: ce fichier est écrit comme une liste", "`champ:`"),
    "organisation-unknown-field": (replace_all("organisation.yml", "members:\n  fr:\nrythme:\n  fr: Chaque année.\n"),
                                   f"{DATA}/organisation.yml:3: champ inconnu `rythme`",
                                   "champs connus : members, activities, rhythm, analyses"),
    "organisation-text-not-a-text": (replace_all("organisation.yml", "members:\n  fr: [CPAS, EPN]\n"),
                                     f"{DATA}/organisation.yml:2: `members` : la version française (fr) n’est pas un texte", ""),
    "organisation-unknown-folder": (replace_all("organisation.yml", "analyses:\n  2019-inconnue:\n    title_confirmed: non\n"),
                                    f"{DATA}/organisation.yml:2: `analyses` : le dossier `2019-inconnue` n’existe pas sous docs/analyses/", ""),
    "organisation-not-yes-or-no": (replace_all("organisation.yml", "analyses:\n  2020-virtualisation:\n    title_confirmed: peut-être\n"),
                                   f"{DATA}/organisation.yml:3: `analyses` : `2020-virtualisation`, `title_confirmed` vaut « peut-être »",
                                   "écrivez oui ou non"),
    "redirects-as-a-list": (replace_all("redirects.yml", "- /ancienne/\n"), f"{DATA}/redirects.yml:1: ce fichier est écrit comme une liste", ""),
    "redirect-out-of-the-site": (replace_all("redirects.yml", "/../../../evil/: /a-propos/\n"),
                                 f"{DATA}/redirects.yml:1: l’ancienne adresse « /../../../evil/ » contient « .. »", ""),
    "redirect-to-another-site": (replace_all("redirects.yml", "/ancienne/: https://example.org/\n"),
                                 f"{DATA}/redirects.yml:1: la nouvelle adresse « https://example.org/ » n’est pas une adresse de ce site", ""),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_bad_data_file_is_explained_by_check_and_by_the_build(site_copy, fault):
    change, where, message = FAULTS[fault]
    change(site_copy)
    before = snapshot(site_copy)
    for process in (run(site_copy, "check", "--no-build"), build(site_copy, check=False)):
        output = assert_clean(process)
        assert where in output and message in output, output
        file = where.split(":")[0]
        assert re.search(rf"{re.escape(file)}:\d+: \S", output), output  # the file and its line
    assert snapshot(site_copy) == before
    assert not (site_copy.parent / "evil").exists() and not (site_copy / "evil").exists()


def test_every_problem_of_a_data_file_is_listed_at_once(site_copy):
    glossary = site_copy / DATA / "glossary.yml"
    edit(glossary, "    short: \"Espace public numérique", "    short: \" \"\n    x: \"Espace public numérique")
    edit(glossary, "  nl:\n    term: EPN\n", "  nl:\n    term: \"  \"\n")
    edit(site_copy / DATA / "themes.yml", "  nl:\n    name: Digitale kloof\n", "  nl:\n    name: \"\"\n")
    edit(site_copy / DATA / "interface.yml", "  nl: In het kort\n", "")
    output = assert_clean(run(site_copy, "check", "--no-build"))
    errors = [line for line in output.splitlines() if line.startswith("  docs/")]
    assert any("glossary.yml" in line and "`short` est vide" in line for line in errors)
    assert any("glossary.yml" in line and "`term` est vide" in line for line in errors)
    assert any("themes.yml" in line and "`fracture-numerique`" in line for line in errors)
    assert any("interface.yml" in line and "`summary` n’a pas de version nl" in line for line in errors)
    # Each line names its own line of the file: the field at fault.
    lines = glossary.read_text(encoding="utf-8").splitlines()
    short = next(line for line in errors if "`short` est vide" in line)
    assert lines[int(short.split(":")[1]) - 1].strip().startswith("short:")


def test_a_redirect_to_a_page_that_does_not_exist_fails_the_build(site_copy):
    write(site_copy / DATA / "redirects.yml", "# moved pages\n/ancienne-page/: /page-disparue/\n")
    output = assert_clean(build(site_copy, check=False))
    assert f"{DATA}/redirects.yml:2: la redirection de /ancienne-page/ mène à /page-disparue/, qui n’est pas une page du site" in output
    assert not (site_copy / "site" / "ancienne-page").exists()


def test_a_redirect_to_a_page_that_exists_is_written_in_both_languages(site_copy):
    write(site_copy / DATA / "redirects.yml", "/ancienne-page/: /a-propos/\n")
    build(site_copy)
    assert "a-propos/" in (site_copy / "site/ancienne-page/index.html").read_text(encoding="utf-8")
    assert (site_copy / "site/nl/ancienne-page/index.html").exists()


def test_redirect_pages_are_never_written_outside_the_output_folder(tmp_path):
    # load_redirects refuses such addresses; the writer checks again before writing.
    site = tmp_path / "site"
    site.mkdir()
    config = types.SimpleNamespace(site_dir=str(site), site_url="https://example.org/")
    with pytest.raises(PluginError, match="sortirait du site"):
        _write_redirects(config, {"../../evil/": "a-propos/"}, "fr")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["site"]


def test_two_headings_with_the_same_id_are_refused(site_copy):
    chapter = site_copy / CHAPTER
    edit(chapter, "\n# Sur le terrain { #sur-le-terrain }\n", "\n# Sur le terrain { #sur-le-terrain }\n\n## Encore { #sur-le-terrain }\n")
    edit(site_copy / "docs/a-propos.fr.md", "## Les maraudes { #les-maraudes }", "## Les maraudes { #la-coordination }")
    second = next(n for n, line in enumerate(chapter.read_text(encoding="utf-8").splitlines(), 1) if "Encore" in line)
    checked = assert_clean(run(site_copy, "check", "--no-build"))
    assert f"{CHAPTER}:{second}: l’identifiant {{ #sur-le-terrain }} est déjà celui du titre de la ligne {second - 2}" in checked
    assert "docs/a-propos.fr.md:" in checked and "{ #la-coordination } est déjà celui du titre" in checked
    built = assert_clean(build(site_copy, check=False))
    assert f"{CHAPTER}:{second}: l’identifiant {{ #sur-le-terrain }}" in built


def test_the_build_lists_the_problems_of_every_file_at_once(site_copy):
    edit(site_copy / DATA / "interface.yml", "  nl: In het kort\n", "")
    write(site_copy / DATA / "themes.yml", "- virtualisation\n")
    write(site_copy / DATA / "redirects.yml", "/x/: https://example.org/\n")
    edit(site_copy / "docs/analyses/2020-virtualisation/index.fr.md", "published: 2020-12", "published: 2020-13")
    output = assert_clean(build(site_copy, check=False))
    for start in (f"{DATA}/interface.yml:", f"{DATA}/themes.yml:1:", f"{DATA}/redirects.yml:1:",
                  "docs/analyses/2020-virtualisation/index.fr.md:4:"):
        assert f"\n  {start}" in output, (start, output)
