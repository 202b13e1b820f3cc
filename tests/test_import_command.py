"""`import FICHIER --into ANALYSE`, run as a coordinator runs it, on copies of the site: real
.docx files made with python-docx, the OCR source of the 2020 analysis, hostile files."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx  # python-docx: a test-only package (requirements-test.txt)
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from conftest import SHARED, build_site
from fixtures import tool as run

ANALYSIS = "2020-virtualisation"
SOURCE = SHARED / "sources" / "analyse-2020-virtualisation.ocr.txt"


def snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def chapter_files(root: Path, analysis: str = ANALYSIS) -> set[str]:
    return {p.name for p in (root / "docs/analyses" / analysis).glob("*.md")}


def add_hyperlink(paragraph, text: str, url: str) -> None:
    """python-docx has no hyperlink API: a relationship and a w:hyperlink element, as Word writes them."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    paragraph._p.append(parse_xml(
        f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:hyperlink>'
    ))


def word_chapter(path: Path, title: str = "L’accès aux droits après la crise") -> Path:
    """A chapter as a coordinator writes it: a title, sector sections "A) …", a sub-heading,
    a javascript: link and text that looks like HTML."""
    document = docx.Document()
    document.add_heading(title, level=0)  # Word's « Titre » style
    document.add_heading("A) Maison médicale", level=1)
    paragraph = document.add_paragraph("Les patients arrivent sans rendez-vous, voir ")
    add_hyperlink(paragraph, "la page du service", "javascript:alert(document.cookie)")
    paragraph.add_run(" et ")
    add_hyperlink(paragraph, "l’autre page", " JaVa\tScRiPt:alert(2)")
    paragraph.add_run(", ou ")
    add_hyperlink(paragraph, "une image", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")
    paragraph.add_run(".")
    document.add_heading("Les horaires", level=2)
    document.add_paragraph("Le texte <script>alert(1)</script> et <img src=x onerror=alert(1)> reste du texte.")
    document.add_heading("B) EPN", level=1)
    document.add_paragraph("Dans les EPN, les animateurs remplissent des formulaires.")
    document.save(path)
    return path


def headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("#")]


# --- the address comes from the title ----------------------------------------------------------


def test_word_chapter_address_title_levels_sectors_and_safe_links(site_copy, tmp_path):
    source = word_chapter(tmp_path / "Analyse 2021 - chapitre 1 (VF).docx")
    process = run(site_copy, "import", str(source), "--into", ANALYSIS)
    assert process.returncode == 0, process.stderr
    assert "Adresse du chapitre : l-acces-aux-droits-apres-la-crise" in process.stdout
    assert "--chapter" in process.stdout
    chapter = site_copy / f"docs/analyses/{ANALYSIS}/l-acces-aux-droits-apres-la-crise.fr.md"
    text = chapter.read_text(encoding="utf-8")
    assert headings(text) == [
        "# L’accès aux droits après la crise { #l-acces-aux-droits-apres-la-crise }",
        '## A) Maison médicale { #maison-medicale data-sector="maison-medicale" }',
        "### Les horaires { #les-horaires }",
        '## B) EPN { #epn data-sector="epn" }',
    ]
    assert "javascript" not in text.lower() and "data:" not in text
    assert "la page du service" in text and "l’autre page" in text
    assert "<script" not in text and "<img" not in text
    refused = [line for line in process.stdout.splitlines() if "n'est pas repris" in line]
    assert len(refused) == 3 and all("texte simple" in line for line in refused)
    assert "\t" not in process.stdout  # the document's control characters never reach the terminal

    site = build_site(site_copy)
    page = site.html(f"analyses/{ANALYSIS}/l-acces-aux-droits-apres-la-crise/")
    article = page.select_one("article")
    assert article.select_one("h1").get_text(strip=True).startswith("L’accès aux droits après la crise")
    assert article.select_one("h2#maison-medicale")["data-sector"] == "maison-medicale"
    assert not any(re.match(r"\s*(javascript|data|vbscript):", a.get("href", ""), re.IGNORECASE)
                   for a in page.find_all("a"))
    assert not article.find("script") and not article.find("img", src="x")
    assert "<script>alert(1)</script>" in article.get_text()


def test_chapter_option_chooses_another_address(site_copy, tmp_path):
    source = word_chapter(tmp_path / "chapitre.docx")
    process = run(site_copy, "import", str(source), "--into", ANALYSIS, "--chapter", "acces-aux-droits")
    assert process.returncode == 0, process.stderr
    text = (site_copy / f"docs/analyses/{ANALYSIS}/acces-aux-droits.fr.md").read_text(encoding="utf-8")
    assert headings(text)[0] == "# L’accès aux droits après la crise { #acces-aux-droits }"


def test_ocr_title_gives_the_address_and_is_written_once(site_copy, tmp_path):
    source = tmp_path / "scan.txt"
    source.write_text("La virtualisation des services sociaux\n\n" + SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    process = run(site_copy, "import", str(source), "--into", ANALYSIS)
    assert process.returncode == 0, process.stderr
    assert "Adresse du chapitre : la-virtualisation-des-services-sociaux" in process.stdout
    text = (site_copy / f"docs/analyses/{ANALYSIS}/la-virtualisation-des-services-sociaux.fr.md").read_text(encoding="utf-8")
    titles = [line for line in headings(text) if "La virtualisation des services sociaux" in line]
    assert titles == ["# La virtualisation des services sociaux { #la-virtualisation-des-services-sociaux }"]
    assert [line for line in headings(text) if line.startswith("# ")] == titles
    assert text.count("{ #la-virtualisation-des-services-sociaux") == 1


def test_a_document_without_title_needs_the_chapter_option(site_copy, tmp_path):
    source = tmp_path / "sans-titre.docx"
    document = docx.Document()
    document.add_paragraph("Un paragraphe sans titre.")
    document.save(source)
    before = snapshot(site_copy / "docs")
    process = run(site_copy, "import", str(source), "--into", ANALYSIS)
    assert process.returncode == 1 and "Traceback" not in process.stderr
    assert "sans-titre.docx" in process.stderr and "n'a pas de titre" in process.stderr and "--chapter" in process.stderr
    assert snapshot(site_copy / "docs") == before



def test_a_text_without_title_is_told_to_put_its_title_on_the_first_line(site_copy, tmp_path):
    source = tmp_path / "scan.txt"
    source.write_text(SOURCE.read_text(encoding="utf-8"), encoding="utf-8")  # the OCR text starts with a paragraph
    before = snapshot(site_copy / "docs")
    process = run(site_copy, "import", str(source), "--into", ANALYSIS)
    assert process.returncode == 1 and "Traceback" not in process.stderr
    assert "seul sur la première ligne du texte" in process.stderr and "--chapter" in process.stderr
    assert "Word" not in process.stderr  # advice for the document given, not for another kind
    assert snapshot(site_copy / "docs") == before


def test_the_chapter_option_never_gives_a_section_the_title_id(site_copy, tmp_path):
    # The OCR text has no title and a section « Sur le terrain »: --chapter sur-le-terrain,
    # the example the tool gives, makes the title `# Sur le terrain { #sur-le-terrain }`.
    source = tmp_path / "scan.txt"
    source.write_text(SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    assert run(site_copy, "new", "2021", "essai", "--title", "Essai").returncode == 0
    process = run(site_copy, "import", str(source), "--into", "2021-essai", "--chapter", "sur-le-terrain")
    assert process.returncode == 0, process.stderr
    text = (site_copy / "docs/analyses/2021-essai/sur-le-terrain.fr.md").read_text(encoding="utf-8")
    ids = re.findall(r"\{ #([\w-]+)", text)
    assert ids[0] == "sur-le-terrain" and len(ids) == len(set(ids)), ids
    assert "Attention" not in process.stdout, process.stdout

# --- --into and --chapter name a folder and a file of the analysis, nothing else ---------------


@pytest.mark.parametrize("into", [".", "..", "a/b", "../docs", f"{ANALYSIS}/..", f"./{ANALYSIS}", f"{ANALYSIS}/", "", "ABS"])
def test_into_must_name_an_analysis_folder(site_copy, tmp_path, into):
    outside = tmp_path / "ailleurs"
    (outside / "2020-virtualisation").mkdir(parents=True)
    (outside / "2020-virtualisation" / "index.fr.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    into = str(outside / "2020-virtualisation") if into == "ABS" else into
    source = word_chapter(tmp_path / "chapitre.docx")
    before, before_outside = snapshot(site_copy), snapshot(outside)
    process = run(site_copy, "import", str(source), "--into", into)
    assert process.returncode == 2, process.stdout
    assert "--into" in process.stderr and "docs/analyses/" in process.stderr and "Traceback" not in process.stderr
    assert snapshot(site_copy) == before and snapshot(outside) == before_outside


def test_into_an_unknown_analysis_names_the_known_ones(site_copy, tmp_path):
    source = word_chapter(tmp_path / "chapitre.docx")
    before = snapshot(site_copy / "docs")
    process = run(site_copy, "import", str(source), "--into", "2019-inconnue")
    assert process.returncode == 1 and "n'existe pas" in process.stderr and ANALYSIS in process.stderr
    assert snapshot(site_copy / "docs") == before


@pytest.mark.parametrize("chapter", ["../evil", "a/b", "index", "imprimer", "Majuscules", "/tmp/x", ".."])
def test_chapter_must_be_a_plain_address(site_copy, tmp_path, chapter):
    source = word_chapter(tmp_path / "chapitre.docx")
    before = snapshot(site_copy)
    process = run(site_copy, "import", str(source), "--into", ANALYSIS, "--chapter", chapter)
    assert process.returncode == 2 and "--chapter" in process.stderr and "Traceback" not in process.stderr
    assert snapshot(site_copy) == before


# --- limits: refused before any heavy work -----------------------------------------------------


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def real_docx_parts(tmp_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(word_chapter(tmp_path / "modele.docx")) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("kind, message", [
    ("bomb", "une fois décompressé"),
    ("ratio", "compressé de façon anormale"),
    ("entries", "parties"),
])
def test_oversized_word_files_are_refused_with_a_french_message(site_copy, tmp_path, kind, message):
    parts = real_docx_parts(tmp_path)
    if kind == "bomb":  # 300 KB on disk, 60 MB once unpacked
        parts["word/media/vide.bin"] = bytes(60_000_000)
    elif kind == "ratio":  # under the size limit, but 5 MB of zeros in a few kilobytes
        parts["word/media/vide.bin"] = bytes(5_000_000)
    else:
        parts.update({f"customXml/item{number}.xml": b"<a/>" for number in range(1500)})
    source = tmp_path / "piege.docx"
    source.write_bytes(zipped(parts))
    before = snapshot(site_copy / "docs")
    process = run(site_copy, "import", str(source), "--into", ANALYSIS)
    assert process.returncode == 1 and "Traceback" not in process.stderr
    assert "piege.docx" in process.stderr and message in process.stderr and "n'a pas été ouvert" in process.stderr
    assert snapshot(site_copy / "docs") == before


@pytest.mark.parametrize("size, message", [(5_000_000, "trop gros"), (1_000_000, ":1: ligne de 1000000 caractères")])
def test_oversized_or_one_line_texts_are_refused(site_copy, tmp_path, size, message):
    source = tmp_path / "texte.txt"
    source.write_text("Une phrase sans fin " * (size // 20), encoding="utf-8")
    before = snapshot(site_copy / "docs")
    process = run(site_copy, "import", str(source), "--into", ANALYSIS, "--chapter", "texte")
    assert process.returncode == 1 and "Traceback" not in process.stderr
    assert "texte.txt" in process.stderr and message in process.stderr
    assert snapshot(site_copy / "docs") == before


# --- the journey: new, the placeholder replaced, a second import while a chapter is unfinished --


def test_placeholder_replaced_and_a_second_import_while_a_chapter_is_unfinished(site_copy, tmp_path):
    assert run(site_copy, "new", "2021", "droits", "--title", "L’accès aux droits").returncode == 0
    analysis = "2021-droits"
    assert "premier-chapitre.fr.md" in chapter_files(site_copy, analysis)

    scan = tmp_path / "scan.txt"
    scan.write_text(SOURCE.read_text(encoding="utf-8"), encoding="utf-8")  # no title: its A) sections wait for their sector
    process = run(site_copy, "import", str(scan), "--into", analysis, "--chapter", "sur-le-terrain")
    assert process.returncode == 0, process.stderr
    assert "premier-chapitre.fr.md" in process.stdout and "remplacé" in process.stdout
    assert chapter_files(site_copy, analysis) == {"index.fr.md", "sur-le-terrain.fr.md"}
    first = (site_copy / f"docs/analyses/{analysis}/sur-le-terrain.fr.md").read_text(encoding="utf-8")
    assert first.startswith("---\norder: 1\n") and '.secteur-a-preciser }' in first

    index = site_copy / f"docs/analyses/{analysis}/index.fr.md"
    index.write_text(index.read_text(encoding="utf-8").replace("themes: []", "themes: [theme-inconnu]"), encoding="utf-8")
    process = run(site_copy, "import", str(word_chapter(tmp_path / "chapitre.docx")), "--into", analysis)
    assert process.returncode == 0, process.stderr
    assert "Attention" in process.stdout and "Traceback" not in process.stderr
    second = (site_copy / f"docs/analyses/{analysis}/l-acces-aux-droits-apres-la-crise.fr.md").read_text(encoding="utf-8")
    assert second.startswith("---\norder: 2\n")
    assert "premier-chapitre.fr.md" not in chapter_files(site_copy, analysis)


def test_a_placeholder_with_the_coordinators_text_is_kept(site_copy, tmp_path):
    assert run(site_copy, "new", "2021", "droits", "--title", "L’accès aux droits").returncode == 0
    placeholder = site_copy / "docs/analyses/2021-droits/premier-chapitre.fr.md"
    placeholder.write_text("---\norder: 1\nthemes: []\n---\n\n# Premier chapitre { #premier-chapitre }\n\nNotre texte.\n",
                           encoding="utf-8")
    process = run(site_copy, "import", str(word_chapter(tmp_path / "chapitre.docx")), "--into", "2021-droits")
    assert process.returncode == 0, process.stderr
    assert placeholder.exists() and "remplacé" not in process.stdout
    second = site_copy / "docs/analyses/2021-droits/l-acces-aux-droits-apres-la-crise.fr.md"
    assert second.read_text(encoding="utf-8").startswith("---\norder: 2\n")
