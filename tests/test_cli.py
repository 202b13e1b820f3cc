"""The coordinators' command line, on throwaway copies of the site."""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import SHARED, build_site
from fixtures import tool as run
from laeken.analyses import load_analyses
from laeken.interface import interface_strings
from laeken.pages import read_page
from laeken.translations import paragraphs

NEW = "docs/analyses/2021-retour-maraudes"


def snapshot(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "docs").rglob("*")) if p.is_file()}


def test_every_command_has_help(site_copy):
    for command in ("new", "import", "check", "translations", "publish"):
        process = run(site_copy, command, "--help")
        assert process.returncode == 0 and "utilisation :" in process.stdout


def test_new_creates_an_analysis_that_builds_strictly_and_appears_everywhere(site_copy):
    process = run(site_copy, "new", "2021", "retour-maraudes", "--title", "Retour sur les maraudes",
                  "--kind", "return", "--follows", "2020-virtualisation")
    assert process.returncode == 0, process.stderr
    assert (site_copy / NEW / "index.fr.md").exists() and (site_copy / NEW / "premier-chapitre.fr.md").exists()
    site = build_site(site_copy)
    assert "WARNING" not in site.log
    listing = [h["id"] for h in site.html("analyses/").select("article h2")]
    assert listing.index("2021-retour-maraudes") < listing.index("2020-virtualisation")
    new = site.html("analyses/2021-retour-maraudes/")
    assert new.select_one('article a[href$="2020-virtualisation/"]') is not None
    assert site.html("analyses/2020-virtualisation/").select_one('article a[href$="2021-retour-maraudes/"]') is not None
    dutch = site.html("nl/analyses/2021-retour-maraudes/premier-chapitre/")
    assert dutch.select_one(".translation-notice") is not None  # shown as not yet translated


def test_new_refuses_to_overwrite_and_changes_nothing(site_copy):
    assert run(site_copy, "new", "2021", "retour", "--title", "Un").returncode == 0
    before = snapshot(site_copy)
    process = run(site_copy, "new", "2021", "retour", "--title", "Deux")
    assert process.returncode == 1
    assert "existe déjà" in process.stderr and "rien n’a été modifié" in process.stderr
    assert snapshot(site_copy) == before


@pytest.mark.parametrize("args, code, message", [
    (["new", "deux-mille", "x", "--title", "T"], 2, "n’est pas une année"),
    (["new", "20211", "x", "--title", "T"], 2, "n’est pas une année"),
    (["new", "1850", "x", "--title", "T"], 2, "n’est pas une année possible"),
    (["new", "3000", "x", "--title", "T"], 2, "n’est pas une année possible"),
    (["new", "2021", "Mon Analyse", "--title", "T"], 2, "nom court"),
    (["new", "2021", "x", "--title", "T", "--kind", "return"], 2, "--follows"),
    (["new", "2021", "x", "--title", "T", "--kind", "return", "--follows", "2019-inconnue"], 1, "n’existe pas"),
    (["new", "2021", "x"], 2, "Commande mal écrite"),
    (["inconnue"], 2, "Commande mal écrite"),
])
def test_bad_usage_gives_a_clear_message_and_leaves_every_file_as_it_was(site_copy, args, code, message):
    before = snapshot(site_copy)
    process = run(site_copy, *args)
    assert process.returncode == code, process.stderr
    assert message in process.stderr
    assert snapshot(site_copy) == before


@pytest.mark.content
def test_check_passes_on_the_real_content(site_copy):
    process = run(site_copy, "check")
    assert process.returncode == 0, process.stdout
    assert "Tout est en ordre" in process.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_check_reports_each_problem_with_file_line_and_fix(site_copy):
    chapter = site_copy / "docs/analyses/2020-virtualisation/virtualisation-sur-le-terrain"
    edit(chapter.with_name("virtualisation-sur-le-terrain.nl.md"), "{ #omnipresence }", "{ #alomtegenwoordig }")
    edit(chapter.with_name("virtualisation-sur-le-terrain.fr.md"), "une bonne connexion", "une bonne connexion ONE")
    dutch = chapter.with_name("quelques-conclusions.nl.md")
    dutch.write_text(dutch.read_text(encoding="utf-8") + "\nEen alinea te veel.\n", encoding="utf-8")
    count = len(paragraphs(read_page(chapter.with_name("quelques-conclusions.fr.md"))[1]))
    process = run(site_copy, "check", "--no-build")
    assert process.returncode == 1
    out = process.stdout
    errors, warnings = out.split("Avertissements")
    assert "virtualisation-sur-le-terrain.nl.md: le titre { #omnipresence } du français manque en néerlandais — donnez" in errors
    assert "virtualisation-sur-le-terrain.nl.md:" in errors and "{ #alomtegenwoordig } n'existe pas en français" in errors
    assert f"quelques-conclusions.nl.md: {count + 1} paragraphes en néerlandais pour {count} en français" in errors
    french = chapter.with_name("virtualisation-sur-le-terrain.fr.md").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(french, 1) if "connexion ONE" in text)
    assert f"virtualisation-sur-le-terrain.fr.md:{line}: le sigle « ONE » n'est pas dans le glossaire — ajoutez-le" in warnings


def test_check_reports_front_matter_and_slug_problems(site_copy):
    index = site_copy / "docs/analyses/2020-virtualisation/index.fr.md"
    edit(index, "year: 2020\n", "")
    process = run(site_copy, "check", "--no-build")
    assert process.returncode == 1
    assert "docs/analyses/2020-virtualisation/index.fr.md:1: il manque le champ `year` dans l’en-tête" in process.stdout
    edit(index, "kind: analysis", "year: 2020\nkind: analysis")
    edit(index, "  - virtualisation\n", "  - virtualisations\n")
    process = run(site_copy, "check", "--no-build")
    assert "thème inconnu `virtualisations`" in process.stdout and process.returncode == 1


def test_check_reports_what_the_build_finds(site_copy):
    edit(site_copy / "docs/a-propos.fr.md", "## Les maraudes", "[lien cassé](nulle-part.md)\n\n## Les maraudes")
    process = run(site_copy, "check")
    assert process.returncode == 1
    assert "nulle-part.md" in process.stdout


def test_translations_reports_an_edited_french_page_as_outdated_and_the_site_says_so(site_copy):
    assert run(site_copy, "translations", "--mark", "analyses/2020-virtualisation/quelques-conclusions").returncode == 0
    process = run(site_copy, "translations")
    line = next(l for l in process.stdout.splitlines() if l.startswith("analyses/2020-virtualisation/quelques-conclusions"))
    assert process.returncode == 0 and "METTRE" not in line
    french = site_copy / "docs/analyses/2020-virtualisation/quelques-conclusions.fr.md"
    edit(french, "mais on ne mesure pas les coûts.", "mais on ne mesure pas les coûts. Phrase ajoutée.")
    process = run(site_copy, "translations")
    line = next(l for l in process.stdout.splitlines() if l.startswith("analyses/2020-virtualisation/quelques-conclusions"))
    assert "À METTRE À JOUR" in line
    site = build_site(site_copy)
    notice = site.html("nl/analyses/2020-virtualisation/quelques-conclusions/").select_one(".translation-notice")
    assert notice is not None and interface_strings(site_copy / "docs", "nl")["outdated_title"] in notice.get_text()
    assert urlsplit(urljoin("http://s/nl/analyses/2020-virtualisation/quelques-conclusions/", notice.a["href"])).path == \
        "/analyses/2020-virtualisation/quelques-conclusions/"
    assert site.html("nl/analyses/2020-virtualisation/sur-le-terrain/").select_one(".translation-notice") is None

    assert run(site_copy, "translations", "--mark", "analyses/2020-virtualisation/quelques-conclusions").returncode == 0
    line = next(l for l in run(site_copy, "translations").stdout.splitlines()
                if l.startswith("analyses/2020-virtualisation/quelques-conclusions"))
    assert "à jour" in line and "METTRE" not in line


def test_translations_lists_a_missing_translation(site_copy):
    assert run(site_copy, "new", "2021", "retour", "--title", "Un").returncode == 0
    out = run(site_copy, "translations").stdout
    assert any(l.startswith("analyses/2021-retour/index") and "MANQUANTE" in l for l in out.splitlines())
    process = run(site_copy, "translations", "--mark", "analyses/2021-retour/index")
    assert process.returncode == 1 and "pas encore de traduction" in process.stderr


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_publish_builds_a_site_that_works_from_a_sub_path(site_copy, tmp_path):
    out = tmp_path / "www" / "analyses-laeken"
    process = run(site_copy, "publish", "--out", str(out))
    assert process.returncode == 0, process.stdout + process.stderr
    assert str(out) in process.stdout
    assert (out / "index.html").exists() and (out / "nl" / "index.html").exists()
    # Published with the PDF of each analysis in each language, linked from its presentation.
    assert f"{2 * len(load_analyses(site_copy / 'docs'))} PDF" in process.stdout
    for prefix, lang in (("", "fr"), ("nl/", "nl")):
        assert (out / f"{prefix}analyses/2020-virtualisation/2020-virtualisation.{lang}.pdf").read_bytes().startswith(b"%PDF")
        presentation = BeautifulSoup((out / f"{prefix}analyses/2020-virtualisation/index.html").read_text(encoding="utf-8"), "html.parser")
        assert presentation.select_one(f'a[href="2020-virtualisation.{lang}.pdf"]') is not None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path / "www")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/analyses-laeken/"
    try:
        for page in ("", "nl/", "analyses/2020-virtualisation/sur-le-terrain/", "nl/themes/virtualisation/"):
            html = urllib.request.urlopen(base + page).read().decode("utf-8")
            soup = BeautifulSoup(html, "html.parser")
            for element in soup.select("script[src], link[href], img[src], a[href]"):
                url = urljoin(base + page, element.get("src") or element["href"])
                if urlsplit(url).netloc != urlsplit(base).netloc or element.name == "a" and "#" in element["href"][:1]:
                    continue
                assert urlsplit(url).path.startswith("/analyses-laeken/"), (page, url)
                if element.name != "a":
                    assert urllib.request.urlopen(url).status == 200, url
    finally:
        server.shutdown()


def test_publish_stops_on_errors_and_leaves_the_output_alone(site_copy, tmp_path):
    out = tmp_path / "out"
    edit(site_copy / "docs/analyses/2020-virtualisation/index.fr.md", "kind: analysis", "kind: essai")
    process = run(site_copy, "publish", "--out", str(out))
    assert process.returncode == 1 and "kind" in process.stdout
    assert not out.exists()


SOURCE = SHARED / "sources" / "analyse-2020-virtualisation.ocr.txt"


def test_import_ocr_text_writes_a_new_chapter_and_lists_the_changes(site_copy):
    process = run(site_copy, "import", str(SOURCE), "--into", "2020-virtualisation", "--chapter", "texte-importe")
    assert process.returncode == 0, process.stderr
    chapter = site_copy / "docs/analyses/2020-virtualisation/texte-importe.fr.md"
    text = chapter.read_text(encoding="utf-8")
    assert text.startswith("---\norder: 4\n")
    assert "chômage" in text and "chdmage" not in text
    assert "À relire" in process.stdout and "chômage" in process.stdout


def test_import_docx_saves_the_images_in_the_analysis_folder(site_copy, tmp_path):
    import docx
    import base64

    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    (tmp_path / "pixel.png").write_bytes(png)
    document = docx.Document()
    document.add_heading("Le retour des maraudes", level=1)
    document.add_paragraph("Un premier paragraphe.")
    document.add_picture(str(tmp_path / "pixel.png"))
    path = tmp_path / "retour.docx"
    document.save(path)
    process = run(site_copy, "import", str(path), "--into", "2020-virtualisation")
    assert process.returncode == 0, process.stderr
    chapter = site_copy / "docs/analyses/2020-virtualisation/le-retour-des-maraudes.fr.md"  # address from the title
    assert "Un premier paragraphe." in chapter.read_text(encoding="utf-8")
    images = list((site_copy / "docs/analyses/2020-virtualisation/images").iterdir())
    assert len(images) == 1 and images[0].name.startswith("le-retour-des-maraudes-") and images[0].read_bytes() == png


@pytest.mark.parametrize("name, data, message", [
    ("abime.docx", b"PK\x03\x04 ceci n'est pas un document", "document Word"),
    ("vide.txt", b"", "vide"),
    ("binaire.txt", bytes(range(256)) * 4, "ne ressemble pas à du texte"),
])
def test_bad_import_files_give_a_clear_message_and_change_nothing(site_copy, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    before = snapshot(site_copy)
    process = run(site_copy, "import", str(path), "--into", "2020-virtualisation")
    assert process.returncode == 1
    assert message in process.stderr, process.stderr
    assert snapshot(site_copy) == before


def test_import_refuses_an_existing_chapter_or_an_unknown_analysis(site_copy, tmp_path):
    path = tmp_path / "texte.txt"
    path.write_text("Sur le terrain\n\nUn paragraphe.\n", encoding="utf-8")  # its title gives the address
    before = snapshot(site_copy)
    process = run(site_copy, "import", str(path), "--into", "2020-virtualisation")
    assert process.returncode == 1 and "existe déjà" in process.stderr
    process = run(site_copy, "import", str(path), "--into", "2019-inconnue")
    assert process.returncode == 1 and "n'existe pas" in process.stderr and "2020-virtualisation" in process.stderr
    assert snapshot(site_copy) == before


def test_check_explains_a_page_without_front_matter(site_copy):
    index = site_copy / "docs/analyses/2020-virtualisation/index.fr.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.split("---\n", 2)[2], encoding="utf-8")
    before = snapshot(site_copy)
    process = run(site_copy, "check", "--no-build")
    assert process.returncode == 1
    assert "docs/analyses/2020-virtualisation/index.fr.md:1: il manque le champ `title` dans l’en-tête" in process.stdout
    assert snapshot(site_copy) == before
