"""`check` finds what a careful editor would, all at once, each as `fichier:ligne: problème —
comment corriger`; when MkDocs fails it shows MkDocs' real problem in French, never its
INFO lines; when MkDocs is missing it says how to set the project up."""

from __future__ import annotations

import datetime
import shutil
import subprocess

from commands.common import build_problems_in
from test_cli import edit, run, snapshot

FOLDER = "docs/analyses/2020-virtualisation"
CHAPTER = f"{FOLDER}/sur-le-terrain.fr.md"
NEW = "docs/analyses/2021-retour"

# What `python scripts/analyses.py new` writes, left as it is: the template's own text.
UNFINISHED_INDEX = """---
title: "Retour sur les maraudes"
year: 2021
published: 2021-12
authors:
  - Coordination sociale de Laeken
kind: return
follows: 2020-virtualisation
summary: >-
  À compléter : deux ou trois phrases qui disent de quoi parle cette analyse.
themes: []
---

À compléter : le texte d’ouverture de l’analyse.
"""


def lines_of(path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def number(path, needle: str) -> int:
    return next(n for n, line in enumerate(lines_of(path), start=1) if needle in line)


def test_check_lists_everything_an_editor_would_see_at_once(site_copy):
    index = site_copy / NEW / "index.fr.md"
    index.parent.mkdir()
    index.write_text(UNFINISHED_INDEX, encoding="utf-8")
    chapter = site_copy / CHAPTER
    edit(chapter, "\n# Sur le terrain { #sur-le-terrain }\n",
         "\n# Sur le terrain { #sur-le-terrain }\n\n# Un second titre { #second }\n\n## Sans identifiant\n\n"
         "À compléter : la suite.\n\n![](photo.png)\n\n## Le même { #second }\n")
    before = snapshot(site_copy)
    process = run(site_copy, "check", "--no-build")
    output = process.stdout
    assert process.returncode == 1 and "Traceback" not in output + process.stderr
    expected = [
        # Template text left makes a draft: listed with what remains, left out by publish.
        f"{NEW}/index.fr.md:{number(index, 'summary:') + 1}: brouillon, non publié — reste à faire\u00a0: remplacer le texte du modèle "
        f"(les lignes «\u00a0À compléter\u00a0») (lignes {number(index, 'summary:') + 1}, {number(index, 'le texte d’ouverture')})",
        f"{NEW}/index.fr.md:{number(index, 'themes:')}: le champ `themes` est vide (page de présentation d’une analyse) — remplissez-le, par exemple `themes: [",
        f"{CHAPTER}:{number(chapter, 'Un second titre')}: la page a plusieurs titres `#` (le premier ligne {number(chapter, '# Sur le terrain')}) — gardez un seul titre `#`",
        f"{CHAPTER}:{number(chapter, 'Sans identifiant')}: le titre « Sans identifiant » n’a pas d’identifiant — ajoutez-le à la fin du titre, il ne changera plus : `{{ #sans-identifiant }}`",
        f"{CHAPTER}:{number(chapter, 'À compléter')}: brouillon, non publié — reste à faire\u00a0: remplacer le texte du modèle",
        f"{CHAPTER}:{number(chapter, '![](photo.png)')}: une image n’a pas de texte de remplacement — décrivez-la entre les crochets",
        f"{CHAPTER}:{number(chapter, 'Le même')}: l’identifiant {{ #second }} est déjà celui du titre de la ligne {number(chapter, 'Un second titre')}",
    ]
    for line in expected:
        assert f"  {line}" in output, (line, output)
    assert snapshot(site_copy) == before


def test_an_analysis_without_chapter_or_summary_is_reported(site_copy):
    index = site_copy / NEW / "index.fr.md"
    index.parent.mkdir()
    index.write_text(UNFINISHED_INDEX.replace("summary: >-\n  À compléter : deux ou trois phrases qui disent de quoi parle cette analyse.\n", "")
                     .replace("themes: []", "themes: [virtualisation]"), encoding="utf-8")
    process = run(site_copy, "check", "--no-build")
    assert process.returncode == 1
    assert f"{NEW}/index.fr.md:1: il manque le champ `summary`" in process.stdout
    # The model problem comes first; once it is fixed, the missing chapter is named: the
    # analysis is a draft until it has one (publish leaves it out, so it is no error).
    edit(index, "themes:", "summary: Un résumé.\nthemes:")
    edit(index, "À compléter : le texte d’ouverture de l’analyse.", "Le texte.")
    process = run(site_copy, "check", "--no-build")
    assert process.returncode == 0, process.stdout
    assert f"{NEW}/index.fr.md: brouillon, non publié — reste à faire\u00a0: terminer au moins un chapitre" in process.stdout


# What check says of a link to a page or file that does not exist.
NOT_FOUND = (
    "mène à une page ou un fichier qui n’existe pas — corrigez le lien : le chemin du fichier visé, relatif à cette "
    "page (par exemple ../glossaire.md, ou images/photo.png pour une image du dossier images/ de l’analyse), ou "
    "mettez le fichier à cette place"
)


def failed_check(root):
    """check's output and its problem lines, once it has failed."""
    process = run(root, "check")
    assert process.returncode == 1, process.stdout + process.stderr
    return process.stdout, [line for line in process.stdout.splitlines() if line.startswith("  ")]


def test_a_failed_build_shows_the_real_problem_in_french_and_no_info_lines(site_copy):
    page = site_copy / "docs/a-propos.fr.md"
    edit(page, "## Les maraudes", "Voir [la page](nulle-part.md).\n\n## Les maraudes")
    before = snapshot(site_copy)
    output, errors = failed_check(site_copy)
    assert errors == [f"  docs/a-propos.fr.md:{number(page, 'nulle-part.md')}: le lien « nulle-part.md » {NOT_FOUND}"], output
    assert "nav" not in output and "INFO" not in output
    assert snapshot(site_copy) == before


def test_a_missing_image_in_a_chapter_is_named_once_per_page_in_french(site_copy):
    # MkDocs says it in English, once per language, naming the target ("but the target '…'").
    page = site_copy / "docs/analyses/2020-virtualisation/sur-le-terrain.fr.md"
    for language in ("fr", "nl"):  # one more paragraph in each language
        path = page.with_name(f"sur-le-terrain.{language}.md")
        text = path.read_text(encoding="utf-8")
        path.write_text(text.rstrip("\n") + "\n\n![Une file devant le CPAS](images/file.png)\n", encoding="utf-8")
    output, errors = failed_check(site_copy)
    line = {language: number(page.with_name(f"sur-le-terrain.{language}.md"), "images/file.png") for language in ("fr", "nl")}
    assert errors == [f"  docs/analyses/2020-virtualisation/sur-le-terrain.{language}.md:{line[language]}: le lien « images/file.png » {NOT_FOUND}"
                      for language in ("fr", "nl")], output


def test_a_header_that_is_not_yaml_is_listed_with_the_other_problems(site_copy):
    index = site_copy / "docs/analyses/2020-virtualisation/index.fr.md"
    edit(index, "title: La virtualisation des services sociaux", "title: L’accès aux droits : après la crise")
    chapter = site_copy / "docs/analyses/2020-virtualisation/sur-le-terrain.fr.md"
    edit(chapter, "\n\nLors du p", "\n\n![](photo.png)\n\nLors du p")
    process = run(site_copy, "check", "--no-build")
    assert process.returncode == 1 and "Traceback" not in process.stdout + process.stderr
    errors = [line.strip() for line in process.stdout.splitlines() if line.startswith("  ")]
    assert [line.split(":")[0] for line in errors] == [
        "docs/analyses/2020-virtualisation/index.fr.md", "docs/analyses/2020-virtualisation/sur-le-terrain.fr.md"
    ], process.stdout + process.stderr
    assert "n’est pas du YAML valide" in errors[0] and "texte de remplacement" in errors[1]

def test_mkdocs_info_lines_and_their_lists_are_never_problems():
    log = (
        "INFO    -  Building documentation to directory: /tmp/site\n"
        "INFO    -  The following pages exist in the docs directory, but are not included in the \"nav\" configuration:\n"
        "  - themes/virtualisation.fr.md\n"
        "  - secteurs/epn.fr.md\n"
        "WARNING -  Doc file 'a-propos.fr.md' contains a link '#nulle-part', but there is no such anchor on this page.\n"
        "ERROR   -  Analyses : 2 problèmes :\n"
        "  docs/analyses/2020-x/index.fr.md:4: le champ `published` vaut « 2021-13 » : il n’est pas un mois — un mois s’écrit AAAA-MM\n"
        "  docs/analyses/2020-x/un.fr.md:3: le champ `order` vaut « un » : il n’est pas un numéro de chapitre — écrivez un nombre\n"
        "INFO    -  Documentation built in 0.48 seconds\n"
        "  - analyses/2020-x/imprimer.nl.md\n"
    )
    found = build_problems_in(subprocess.CompletedProcess([], 1, "Aborted with 1 warnings in strict mode!\n", log))
    assert found == [
        "docs/a-propos.fr.md: le lien « #nulle-part » mène à une ancre que cette page n’a pas — "
        "utilisez l’identifiant d’un titre de la page, écrit { #identifiant } après le titre",
        "docs/analyses/2020-x/index.fr.md:4: le champ `published` vaut « 2021-13 » : il n’est pas un mois — un mois s’écrit AAAA-MM",
        "docs/analyses/2020-x/un.fr.md:3: le champ `order` vaut « un » : il n’est pas un numéro de chapitre — écrivez un nombre",
    ]


def test_without_mkdocs_check_says_how_to_set_the_project_up(site_copy):
    # The system's Python, as the help used to say (`python scripts/analyses.py check`): it
    # has PyYAML here but not MkDocs.
    python = shutil.which("python3", path="/usr/bin:/bin")
    probe = subprocess.run([python, "-c", "import yaml, mkdocs"], capture_output=True, text=True)
    assert "No module named" in probe.stderr  # this test needs such a Python
    process = subprocess.run([python, "scripts/analyses.py", "check"], cwd=site_copy, capture_output=True, text=True)
    output = process.stdout + process.stderr
    assert process.returncode == 1 and "Traceback" not in output, output
    assert "MkDocs et les modules du site ne sont pas installés" in output
    assert "pip install -r requirements.txt" in output
    assert "la construction du site a échoué" not in output


ZORGLUB = """
zorglub:
  fr:
    term: zorglub
    variants: [zorglub]
    short: Un mot d’essai.
    definition: Un mot d’essai, qui vient d’une page officielle.
    sources:
      - title: La page du zorglub
        publisher: Service public du zorglub
        url: https://example.org/zorglub
        checked: {checked}
  nl:
    term: zorglub
    variants: [zorglub]
    short: Een testwoord.
    definition: Een testwoord, uit een officiële pagina.
    sources:
      - title: La page du zorglub
        publisher: Openbare dienst zorglub
        url: https://example.org/zorglub
        checked: {checked}
        lang: fr
"""


def test_check_warns_when_a_glossary_source_was_read_more_than_a_year_ago(site_copy):
    from commands.check import collect_problems

    path = site_copy / "docs/_data/glossary.yml"
    read = datetime.date.today() - datetime.timedelta(days=800)  # more than two years ago
    path.write_text(path.read_text(encoding="utf-8") + ZORGLUB.format(checked=read.isoformat()), encoding="utf-8")
    french = number(path, "- title: La page du zorglub")
    process = run(site_copy, "check", "--no-build")
    # A warning, not an error: the site stays right, the build and CI stay green.
    assert process.returncode == 0 and "Traceback" not in process.stdout + process.stderr
    warnings = [line.strip() for line in process.stdout.splitlines() if "zorglub" in line]
    assert len(warnings) == 2, process.stdout  # the French part and the Dutch part
    assert warnings[0].startswith(f"docs/_data/glossary.yml:{french}: entrée `zorglub`, partie française : "
                                  "la source « La page du zorglub » a été vérifiée le ")
    assert "il y a plus d’un an — relisez https://example.org/zorglub" in warnings[0]
    assert f"mettez `checked: {datetime.date.today().isoformat()}`" in warnings[0]
    assert "partie néerlandaise" in warnings[1]
    # Measured from the day given: a year after the reading is not yet more than a year.
    for today, stale in ((read + datetime.timedelta(days=365), False), (read + datetime.timedelta(days=367), True)):
        _, found = collect_problems(site_copy, build=False, today=today)
        assert any("entrée `zorglub`" in line for line in found) is stale, today
