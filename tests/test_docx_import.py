"""The Word importer: documents are built here with python-docx (a test-only package), with
the parts it has no API for (hyperlinks, footnotes, multi-level numbering) added by hand, as
Word writes them. The Markdown is also rendered with the site's Markdown extensions."""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

import docx  # python-docx: a test-only package (requirements-test.txt)
import markdown
import pytest
from bs4 import BeautifulSoup
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from importers.docx import DocxImportError, ImportResult, import_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PREFIX = "images/retour-"
# The site's Markdown extensions (mkdocs.yml), to read the Markdown as the site will.
SITE_EXTENSIONS = [
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
    "pymdownx.details", "pymdownx.smartsymbols", "pymdownx.superfences",
]


def tiny_png(width: int = 2, height: int = 2, red: int = 255) -> bytes:
    """A valid RGB PNG, made without Pillow."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes([red, 80, 0]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


# --- building Word documents -------------------------------------------------------------------


def add_hyperlink(paragraph, text: str, url: str) -> None:
    """python-docx has no hyperlink API: a relationship and a w:hyperlink element, as Word writes them."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    paragraph._p.append(parse_xml(
        f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/>'
        f'<w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:hyperlink>'
    ))


def add_footnotes(document, notes: dict[int, str]) -> None:
    """python-docx has no footnote API: the word/footnotes.xml part and its relationship."""
    bodies = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f"{runs}</w:p></w:footnote>"
        for number, runs in notes.items()
    )
    xml = (
        f'<w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        f"{bodies}</w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def add_footnote_reference(paragraph, number: int) -> None:
    paragraph._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{number}"/></w:r>'
    ))


def add_numbering(document) -> tuple[int, int]:
    """Two Word lists, as Word defines them: a two-level bulleted one and a numbered one."""
    numbering = document.part.numbering_part.element

    def level(ilvl: int, fmt: str, text: str) -> str:
        return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{720 * (ilvl + 1)}" w:hanging="360"/></w:pPr></w:lvl>')

    bullets = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="hybridMultilevel"/>'
                        f'{level(0, "bullet", "•")}{level(1, "bullet", "o")}</w:abstractNum>')
    numbers = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="91"><w:multiLevelType w:val="hybridMultilevel"/>'
                        f'{level(0, "decimal", "%1.")}{level(1, "lowerLetter", "%2.")}</w:abstractNum>')
    first_num = numbering.find(f"{{{W}}}num")
    first_num.addprevious(bullets)
    first_num.addprevious(numbers)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    return 90, 91


def add_list_item(document, text: str, num_id: int, level: int = 0):
    paragraph = document.add_paragraph(text, style="List Paragraph")
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ))
    return paragraph


LONG_SENTENCE = (
    "Les travailleurs sociaux de première ligne accueillent chaque semaine des personnes que la "
    "virtualisation des services a laissées sans interlocuteur : "
)
PNG = tiny_png()
PNG_WITHOUT_DESCRIPTION = tiny_png(3, 1, red=10)


def build_chapter(path: Path) -> Path:
    document = docx.Document()
    bullets, numbers = add_numbering(document)
    document.add_heading("Le retour des maraudes", level=1)
    document.add_heading("Santé & Œuvres : un bilan", level=2)

    first = document.add_paragraph("Un premier paragraphe avec ")
    first.add_run("du gras").bold = True
    first.add_run(" et de l’")
    first.add_run("italique").italic = True
    first.add_run(". " + LONG_SENTENCE + "voir ")
    add_hyperlink(first, "le site du réseau", "https://example.org/reseau")
    first.add_run(" et la note")
    add_footnote_reference(first, 1)
    first.add_run(".")

    second = document.add_paragraph("Un second paragraphe, ")
    second.add_run("tout en gras").bold = True
    second.add_run(" puis ")
    second.add_run("en italique").italic = True
    second.add_run(", avec des guillemets «\u00a0à la française\u00a0».")

    add_list_item(document, "premier point", bullets)
    add_list_item(document, "un sous-point", bullets, level=1)
    add_list_item(document, "second point", bullets)
    add_list_item(document, "appeler le CPAS", numbers)
    add_list_item(document, "prendre rendez-vous", numbers)

    picture = document.add_paragraph().add_run().add_picture(io.BytesIO(PNG))
    picture._inline.docPr.set("descr", "Une maraude dans le quartier Maritime")
    document.add_paragraph().add_run().add_picture(io.BytesIO(PNG_WITHOUT_DESCRIPTION))

    table = document.add_table(rows=2, cols=2)
    for (row, column), text in {(0, 0): "Service", (0, 1): "Ouvert", (1, 0): "CPAS", (1, 1): "sur rendez-vous"}.items():
        table.cell(row, column).text = text

    add_footnotes(document, {
        1: '<w:r><w:t xml:space="preserve"> Rapport annuel de la coordination, </w:t></w:r>'
           '<w:r><w:rPr><w:i/></w:rPr><w:t>édition 2021</w:t></w:r><w:r><w:t>.</w:t></w:r>',
    })
    document.save(path)
    return path


@pytest.fixture(scope="module")
def chapter(tmp_path_factory) -> ImportResult:
    folder = tmp_path_factory.mktemp("word")
    source = build_chapter(folder / "retour.docx")
    before = sorted(folder.iterdir())
    result = import_docx(source, image_prefix=PREFIX)
    assert sorted(folder.iterdir()) == before, "the importer writes no file"
    return result


def flat(text: str) -> str:
    """Line ends and runs of spaces as one space; non-breaking spaces kept (str.split would eat them)."""
    return re.sub(r"[ \t\n]+", " ", text).strip()


def render(markdown_text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(markdown_text, extensions=SITE_EXTENSIONS), "html.parser")


# --- the chapter ------------------------------------------------------------------------------


def test_headings_get_markdown_levels_and_explicit_ascii_ids(chapter):
    lines = chapter.markdown.splitlines()
    assert lines[0] == "# Le retour des maraudes { #le-retour-des-maraudes }"
    assert "## Santé & Œuvres : un bilan { #sante-oeuvres-un-bilan }" in lines
    html = render(chapter.markdown)
    assert html.find("h1")["id"] == "le-retour-des-maraudes"
    assert html.find("h2")["id"] == "sante-oeuvres-un-bilan"
    assert html.find("h2").get_text() == "Santé & Œuvres : un bilan"


def test_paragraphs_are_wrapped_with_bold_and_italic(chapter):
    text = chapter.markdown
    assert "Un premier paragraphe avec **du gras** et de l’*italique*." in text
    assert "**tout en gras** puis *en italique*" in text
    paragraphs = [block for block in text.split("\n\n") if block.startswith("Un ")]
    assert len(paragraphs) == 2
    assert len(paragraphs[0].splitlines()) > 1, "a long paragraph is hard-wrapped"
    assert all(len(line) <= 90 for block in paragraphs for line in block.splitlines())
    html = render(text)
    starts = [flat(p.get_text())[:27] for p in html.find_all("p", recursive=False)][:2]
    assert starts == ["Un premier paragraphe avec ", "Un second paragraphe, tout "]
    assert html.find("strong").get_text() == "du gras" and html.find("em").get_text() == "italique"


def test_the_text_itself_is_not_changed(chapter):
    html = render(chapter.markdown)
    assert flat(html.find_all("p")[1].get_text()) == (
        "Un second paragraphe, tout en gras puis en italique, avec des guillemets «\u00a0à la française\u00a0»."
    )
    assert "«\u00a0à la française\u00a0»" in flat(chapter.markdown), "non-breaking spaces are kept"
    assert flat(LONG_SENTENCE) in flat(html.find_all("p")[0].get_text())


def test_bulleted_list_is_nested_and_numbered_list_stays_separate(chapter):
    assert "- premier point\n    - un sous-point\n- second point" in chapter.markdown
    assert "1. appeler le CPAS\n2. prendre rendez-vous" in chapter.markdown
    html = render(chapter.markdown)
    outer = html.find("ul")
    assert [li.find(string=True, recursive=False).strip() for li in outer.find_all("li", recursive=False)] == [
        "premier point", "second point"
    ]
    assert outer.find("ul").find("li").get_text() == "un sous-point"
    assert [li.get_text() for li in html.find("ol").find_all("li")] == ["appeler le CPAS", "prendre rendez-vous"]


def test_hyperlink(chapter):
    assert "[le site du réseau](https://example.org/reseau)" in chapter.markdown
    link = render(chapter.markdown).find("a", href="https://example.org/reseau")
    assert link is not None and link.get_text() == "le site du réseau"


def test_footnote_reference_and_definition_at_the_end(chapter):
    text = chapter.markdown
    assert "et la note[^1]." in flat(text)
    assert text.rstrip().endswith("[^1]: Rapport annuel de la coordination, *édition 2021*.")
    html = render(text)
    assert html.find("sup", id="fnref:1") is not None
    note = html.find("div", class_="footnote").find("li", id="fn:1")
    assert "Rapport annuel de la coordination, édition 2021." in note.get_text()


def test_images_are_extracted_with_their_alt_text(chapter):
    assert chapter.images == {"image-1.png": PNG, "image-2.png": PNG_WITHOUT_DESCRIPTION}
    assert f"![Une maraude dans le quartier Maritime]({PREFIX}image-1.png)" in chapter.markdown
    assert f"![]({PREFIX}image-2.png)" in chapter.markdown
    images = render(chapter.markdown).find_all("img")
    assert [(img["src"], img["alt"]) for img in images] == [
        (f"{PREFIX}image-1.png", "Une maraude dans le quartier Maritime"), (f"{PREFIX}image-2.png", ""),
    ]


def test_tables_become_pipe_tables(chapter):
    assert "| Service | Ouvert |\n| --- | --- |\n| CPAS | sur rendez-vous |" in chapter.markdown
    table = render(chapter.markdown).find("table")
    assert [th.get_text() for th in table.find_all("th")] == ["Service", "Ouvert"]


def test_changes_list_what_was_done_in_french(chapter):
    changes = "\n".join(chapter.changes)
    assert all("\n" not in change for change in chapter.changes), "one line each"
    assert "Titre de niveau 1 « Le retour des maraudes »" in changes and "#le-retour-des-maraudes" in changes
    assert "Titre de niveau 2 « Santé & Œuvres : un bilan »" in changes and "#sante-oeuvres-un-bilan" in changes
    assert "2 paragraphes repris" in changes
    assert "gras (2), italique (3)" in changes  # the third one is in the footnote
    assert "Reprises : 1 liste à puces et 1 liste numérotée" in changes
    assert "Lien « le site du réseau » → https://example.org/reseau" in changes
    assert "1 note reprise" in changes and "[^1]" in changes
    assert "Image image-1.png extraite, texte alternatif : « Une maraude dans le quartier Maritime »" in changes
    missing = [change for change in chapter.changes if "image-2.png" in change]
    assert missing and "SANS texte alternatif" in missing[0]
    assert "Tableau 1 (2 lignes × 2 colonnes)" in changes
    assert "Unrecognised" not in changes and "warning" not in changes.lower()


# --- ids, escaping, what is dropped ------------------------------------------------------------


def test_heading_ids_are_unique_within_the_document(tmp_path):
    document = docx.Document()
    document.add_heading("Constats", level=1)
    document.add_heading("Constats", level=2)
    document.add_heading("Constats !", level=2)
    document.add_heading("P1", level=3)
    document.save(tmp_path / "titres.docx")
    ids = re.findall(r"\{ #([a-z0-9-]+) \}", import_docx(tmp_path / "titres.docx", image_prefix="").markdown)
    assert ids == ["constats", "constats-2", "constats-3", "p1-section"]


def test_markdown_look_alikes_in_the_text_stay_text(tmp_path):
    words = [
        "Selon", "elle", ":", "«\u00a0*pas", "de", "RDV*\u00a0»", "—", "cas", "(a),", "(b)", "et", "(c)",
        "[voir", "annexe]", "#laeken", "-", "1.", "2_3", "<b>", "&amp;", "> 18 ans",
    ]
    text = " ".join(words * 6)
    document = docx.Document()
    document.add_paragraph("1. Ce paragraphe commence comme une liste.")
    document.add_paragraph(text)
    document.save(tmp_path / "pieges.docx")
    result = import_docx(tmp_path / "pieges.docx", image_prefix="")
    html = render(result.markdown)
    assert [p.name for p in html.find_all(recursive=False)] == ["p", "p"], result.markdown
    assert html.find_all("p")[0].get_text() == "1. Ce paragraphe commence comme une liste."
    assert flat(html.find_all("p")[1].get_text()) == flat(text)
    assert not html.find(["em", "strong", "dl", "h1", "ul", "ol", "a", "blockquote"])


def test_underline_and_comments_are_dropped_and_reported(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("Un mot ")
    paragraph.add_run("souligné").underline = True
    paragraph.add_run(" et une ligne\tavec tabulation.")
    paragraph.runs[0].font.size = Pt(14)
    document.add_comment(paragraph.runs[1], text="À vérifier", author="Coordination")
    document.save(tmp_path / "souligne.docx")
    result = import_docx(tmp_path / "souligne.docx", image_prefix="")
    assert "Un mot souligné et une ligne avec tabulation." in result.markdown
    assert "À vérifier" not in result.markdown
    changes = "\n".join(result.changes)
    assert "Soulignement retiré" in changes and "« souligné »" in changes
    assert "1 commentaire Word non repris" in changes
    assert "Aucun titre trouvé" in changes


# --- bad input --------------------------------------------------------------------------------


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name, data", [
    ("abime.docx", bytes(range(256)) * 8),
    ("texte.docx", "Ceci est un simple texte, enregistré sous un faux nom.\n".encode("utf-8")),
    ("tronque.docx", b"PK\x03\x04 ceci n'est pas une archive complete"),
    ("ancien.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)),
])
def test_a_file_that_is_not_a_readable_docx_gets_a_clear_message(tmp_path, name, data):
    with pytest.raises(DocxImportError) as caught:
        import_docx(write(tmp_path / name, data), image_prefix="")
    message = str(caught.value)
    assert name in message
    assert "n'est pas un document Word lisible (.docx)" in message
    assert "abîmé" in message and "ancien .doc" in message and "enregistrez-le en .docx" in message


def test_a_truncated_real_docx_gets_the_same_message(tmp_path):
    source = build_chapter(tmp_path / "complet.docx")
    truncated = write(tmp_path / "coupe.docx", source.read_bytes()[: source.stat().st_size // 2])
    with pytest.raises(DocxImportError, match="n'est pas un document Word lisible"):
        import_docx(truncated, image_prefix="")


def test_an_empty_document_says_so(tmp_path):
    path = tmp_path / "vide.docx"
    document = docx.Document()
    document.add_paragraph("")
    document.add_paragraph("   ")
    document.save(path)
    with pytest.raises(DocxImportError) as caught:
        import_docx(path, image_prefix="")
    assert str(caught.value) == "Le document « vide.docx » ne contient aucun texte."


def test_a_zero_byte_file_says_it_is_empty(tmp_path):
    with pytest.raises(DocxImportError, match="est vide"):
        import_docx(write(tmp_path / "rien.docx", b""), image_prefix="")


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(DocxImportError) as caught:
        import_docx(tmp_path / "introuvable.docx", image_prefix="")
    assert "introuvable" in str(caught.value) and "vérifiez son nom" in str(caught.value)


def test_an_import_error_is_a_value_error():
    assert issubclass(DocxImportError, ValueError)


# --- the title and the levels under it ---------------------------------------------------------


def test_the_title_style_is_the_chapter_title_and_heading_1_becomes_level_2(tmp_path):
    document = docx.Document()
    document.add_paragraph("")
    document.add_heading("Le titre du chapitre", level=0)
    document.add_heading("Une section", level=1)
    document.add_heading("Une sous-section", level=2)
    document.add_paragraph("Du texte.")
    document.save(tmp_path / "titre.docx")
    result = import_docx(tmp_path / "titre.docx", image_prefix="", title_id="chapitre")
    assert result.title == "Le titre du chapitre"
    assert [line for line in result.markdown.splitlines() if line.startswith("#")] == [
        "# Le titre du chapitre { #chapitre }", "## Une section { #une-section }", "### Une sous-section { #une-sous-section }",
    ]


def test_a_first_heading_is_the_title_only_above_all_the_others(tmp_path):
    document = docx.Document()
    document.add_heading("A) EPN", level=1)
    document.add_paragraph("Du texte.")
    document.add_heading("B) École de devoirs", level=1)
    document.add_paragraph("Encore du texte.")
    document.save(tmp_path / "sections.docx")
    sectors = {"epn": {"fr": {"name": "EPN (espaces publics numériques)"}},
               "ecole-de-devoirs": {"fr": {"name": "Écoles de devoirs"}, "nl": {"name": "Huiswerkscholen"}}}
    result = import_docx(tmp_path / "sections.docx", image_prefix="", sectors=sectors)
    assert result.title is None
    assert [line for line in result.markdown.splitlines() if line.startswith("#")] == [
        '## A) EPN { #epn data-sector="epn" }', '## B) École de devoirs { #ecole-de-devoirs data-sector="ecole-de-devoirs" }',
    ]


def test_links_that_would_run_code_stay_plain_text(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("Voir ")
    add_hyperlink(paragraph, "ici", "vbscript:msgbox(1)")
    paragraph.add_run(" et ")
    add_hyperlink(paragraph, "là", "https://example.org/")
    document.save(tmp_path / "liens.docx")
    result = import_docx(tmp_path / "liens.docx", image_prefix="")
    html = render(result.markdown)
    assert [a["href"] for a in html.find_all("a")] == ["https://example.org/"]
    assert "Voir ici et là" in flat(html.get_text())
    assert any("vbscript:msgbox(1)" in change and "texte simple" in change for change in result.changes)
