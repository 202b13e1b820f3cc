"""The OCR importer: each correction rule of scripts/importers/ocr_rules.yml on a small text (where it
must apply, and where it must not), the paragraph and heading structure, the bad inputs, and
the real test: the 2020 analysis as OCR'd (../shared/sources) against its published,
hand-corrected French pages."""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from importers.ocr import BINARY_MESSAGE, RULES_FILE, ImportResult, OcrImportError, import_ocr, load_rules

ROOT = Path(__file__).resolve().parents[1]
SOURCE = Path(__file__).resolve().parents[1].parent / "shared" / "sources" / "analyse-2020-virtualisation.ocr.txt"
PUBLISHED = ROOT / "docs" / "analyses" / "2020-virtualisation"
CHAPTERS = ("index", "sur-le-terrain", "virtualisation-sur-le-terrain", "quelques-conclusions")
NBSP = "\u00a0"
SITE_EXTENSIONS = [
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
    "pymdownx.details", "pymdownx.smartsymbols", "pymdownx.superfences",
]


def normalise(text: str) -> str:
    """Whitespace (no-break spaces included) collapsed to one space, apostrophes unified."""
    text = unicodedata.normalize("NFC", text).replace("'", "’")
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def flat(result: ImportResult) -> str:
    return normalise(result.markdown)


def descriptions() -> dict[str, str]:
    return {rule.id: rule.description for rule in load_rules().rules}


def changes_by(result: ImportResult, rule_id: str) -> list[str]:
    return [line for line in result.changes if f"(règle : {descriptions()[rule_id]}" in line]


# --- one test per rule: where it applies, and where it must not ---------------------------------

# rule id, text where the rule applies, what it gives, text where it must not apply.
RULE_CASES = [
    ("ligatures", "La ﬁn du conﬂit.", "La fin du conflit.", "La fin du conflit."),
    ("caracteres-invisibles", "Un para\u00adgraphe.", "Un paragraphe.", "Un paragraphe."),
    ("apostrophe-typographique", "L'école d'été.", "L’école d’été.", "L’école d’été."),
    ("caractere-parasite-avant-apostrophe", "Mais c¢’est vrai.", "Mais c’est vrai.",
     "Un prix de 50 ¢ seulement."),
    ("apostrophe-doublee", "Le résultat d’'une analyse.", "Le résultat d’une analyse.",
     "Le résultat d’une analyse."),
    ("l-lu-i-majuscule", "Nous I'avons vu.", "Nous l’avons vu.", "Il écrit « I’m fine » en anglais."),
    ("l-perdu-devant-apostrophe", "Ils sont dans 'incapacité de payer.", "Ils sont dans l’incapacité de payer.",
     "Le mot 'ici' est court."),
    ("il-y-a", "Il'y a du monde.", "Il y a du monde.", "Il y a du monde."),
    ("tiret-long-dans-un-mot", "De celle—ci.", "De celle-ci.", "Il est venu — enfin — hier."),
    ("points-de-suspension", "Ils vont ensemble. .. Ensuite.", "Ils vont ensemble... Ensuite.",
     "Fin. Début."),
    ("accent-lu-comme-une-lettre", "Des probléemes de remboursement.", "Des problèmes de remboursement.",
     "Il parle réellement."),
    ("o-circonflexe-lu-d", "Le chdmage augmente.", "Le chômage augmente.", "Le mode change."),
    ("e-grave-en-fin-de-mot", "La premiére fois.", "La première fois.", "C’est évidement moins débattu."),
    ("accents-perdus", "Il est tres content.", "Il est très content.", "Il n’iraient pas dire."),
    ("u-circonflexe-lu-l", "On ne mesure pas les colts.", "On ne mesure pas les coûts.",
     "Les modèles colts-45 sont anciens."),
    ("taches-accent-circonflexe", "Les taches administratives.", "Les tâches administratives.",
     "Des taches de café."),
    ("la-adverbe", "Mais la on ne postpose pas.", "Mais là on ne postpose pas.", "Si on la fait pas."),
    ("ou-relatif", "Un mur ou rien n’est expliqué.", "Un mur où rien n’est expliqué.",
     "Tout ou rien n’est possible."),
    ("a-majuscule-en-debut-de-phrase", "Non. A vrai dire, oui.", "Non. À vrai dire, oui.",
     "Le plan A est prêt."),
    ("a-locution", "Il avance peu a peu.", "Il avance peu à peu.", "La face a un défaut."),
    ("a-un-certain-niveau", "Ce qui est refoulé a un certain niveau revient.",
     "Ce qui est refoulé à un certain niveau revient.", "Elle a un certain niveau."),
    ("a-devant-infinitif", "Des formulaires a remplir.", "Des formulaires à remplir.", "Il a encore faim."),
    ("a-apres-participe", "Les animateurs sont confrontés a un nouveau public.",
     "Les animateurs sont confrontés à un nouveau public.", "Le public concerné a le droit de savoir."),
    ("a-apres-verbe-conjugue", "Elle évalue a échelle de la mutuelle.", "Elle évalue à échelle de la mutuelle.",
     "Ce qu’il dit a la valeur d’une promesse."),
    ("a-proposition-complete", "La demande n’est pas une initiation a l’informatique.",
     "La demande n’est pas une initiation à l’informatique.", "En attendant, cette analyse a un sujet."),
    ("a-enumeration", "Il est circonscrit aux réseaux sociaux et a quelques applications.",
     "Il est circonscrit aux réseaux sociaux et à quelques applications.", "Il mange et a la grippe."),
    ("guillemets-anglais", 'Il dit "bonjour" à tous.', "Il dit « bonjour » à tous.", "Il dit « bonjour » à tous."),
    ("espaces-guillemets", "Une «maraude» en ville.", "Une « maraude » en ville.", "Une «\u00a0maraude\u00a0» en ville."),
    ("espace-insecable-ponctuation", "Quoi ? Rien: tout.", "Quoi ? Rien : tout.", "Rendez-vous à 10:30 précises."),
]


def test_every_rule_has_a_test_case():
    ids = [rule.id for rule in load_rules().rules]
    assert sorted(ids) == sorted(case[0] for case in RULE_CASES)


@pytest.mark.parametrize("rule_id, text, expected, _negative", RULE_CASES, ids=[case[0] for case in RULE_CASES])
def test_rule_applies(rule_id, text, expected, _negative):
    result = import_ocr(text)
    assert flat(result) == expected
    assert changes_by(result, rule_id), result.changes


@pytest.mark.parametrize("rule_id, _text, _expected, negative", RULE_CASES, ids=[case[0] for case in RULE_CASES])
def test_rule_does_not_apply(rule_id, _text, _expected, negative):
    result = import_ocr(negative)
    assert not changes_by(result, rule_id), result.changes
    assert flat(result) == normalise(negative)


def test_rule_changes_name_the_source_line():
    result = import_ocr("Un premier paragraphe.\n\nLe chdmage\nmonte tres vite.\n")
    assert "ligne 3 : « chdmage » → « chômage » (règle : o circonflexe lu « d »)" in result.changes
    assert "ligne 4 : « tres » → « très » (règle : accent perdu ou mal lu (tres, deuxieme, apercu, maitrise))" in result.changes


def test_no_break_spaces_are_written_where_french_typography_wants_them():
    result = import_ocr("Il dit «  oui » : pourquoi ? Et alors ; rien !")
    assert f"«{NBSP}oui{NBSP}»{NBSP}: pourquoi{NBSP}? Et alors{NBSP}; rien{NBSP}!" in result.markdown


def test_the_authors_own_words_are_kept():
    text = (
        "Il n’iraient pas dire. Voici une aperçu des choses, mais ça ne reprend pas les codes "
        "universitaire. C’est pas nouveau, c’est évidement moins débattu (mutuelles, cpas...)."
    )
    result = import_ocr(text)
    assert flat(result) == text
    assert result.changes == []


def test_a_stays_a_where_it_is_the_verb_avoir():
    text = (
        "Il y a eu des discussions. On nous a expliqué le problème. Cette analyse-ci a comme sujet "
        "une question. Il n’y a plus la perte de temps. Personne n’a rien dit. La mutuelle a la charge "
        "du dossier. Ce qu’il dit a la valeur d’une promesse. Marie a un stage."
    )
    assert flat(import_ocr(text)) == text


def test_the_rules_file_is_the_only_place_for_word_corrections():
    code = (ROOT / "scripts" / "importers" / "ocr.py").read_text(encoding="utf-8")
    rules = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))["rules"]
    for rule in rules:
        for word in re.findall(r"[^\W\d_]{4,}", str(rule.get("replacement", ""))):
            assert word not in code, f"« {word} » (règle {rule['id']}) is written in the code"
    for word in ("chômage", "chdmage", "coûts", "colts", "tâche", "maîtrise"):
        assert word not in code


# --- structure: paragraphs, page breaks, hyphens, headings --------------------------------------


def test_lines_are_joined_and_paragraphs_kept_apart():
    result = import_ocr("Une première ligne\net sa suite.\n\nUn autre paragraphe.\n")
    assert result.markdown == "Une première ligne et sa suite.\n\nUn autre paragraphe.\n"


def test_a_blank_line_inside_a_sentence_is_a_page_break():
    result = import_ocr("Dans un contexte un peu\n\ndifférent, moins improvisé.\n\nLa suite de\n\nLa phrase.\n")
    assert result.markdown == "Dans un contexte un peu différent, moins improvisé.\n\nLa suite de La phrase.\n"
    assert sum("saut de page ou de colonne" in line for line in result.changes) == 2
    assert any(line.startswith("lignes 1 à 3 :") for line in result.changes)


def test_a_sentence_ending_on_a_short_line_ends_its_paragraph():
    # The OCR lost the blank line after it (section C of the 2020 analysis).
    result = import_ocr("Une ligne assez longue pour donner la largeur de colonne,\nqui finit ici.\n"
                        "La suite est un autre paragraphe, qui finit sur\nune ligne courte, etc.\nsans fin de phrase.\n")
    assert result.markdown == ("Une ligne assez longue pour donner la largeur de colonne, qui finit ici.\n\n"
                               "La suite est un autre paragraphe, qui finit sur une ligne courte, etc. sans fin de phrase.\n")
    assert [line for line in result.changes if "ligne courte" in line] == [
        "ligne 2 : « …qui finit ici. » finit une phrase sur une ligne courte : la ligne suivante, "
        "« La suite est… », commence un nouveau paragraphe (vérifiez sur le papier)"]


def test_a_page_number_alone_on_its_line_is_dropped():
    result = import_ocr("Une phrase coupée\n\n12\n\npar la page.\n")
    assert result.markdown == "Une phrase coupée par la page.\n"
    assert any("ligne 3 : « 12 »" in line and "numéro de page" in line for line in result.changes)


def test_a_word_cut_at_a_line_end_is_joined_only_if_it_is_a_word():
    result = import_ocr("La virtualisation est très aléa-\ntoire selon les écoles et une auto—\névaluation "
                        "des activités extra-\nscolaires au—\ndela de tout.\n")
    assert flat(result) == ("La virtualisation est très aléatoire selon les écoles et une auto-évaluation "
                            "des activités extra-scolaires au-delà de tout.")
    assert any("recollé en « aléatoire »" in line for line in result.changes)
    assert any("trait d’union gardé, « auto-évaluation »" in line for line in result.changes)
    assert any("trait d’union gardé, « extra-scolaires »" in line for line in result.changes)


def test_headings_and_sector_markers():
    text = ("Premier paragraphe ?\n\nSur le terrain\n\nLors du premier confinement.\n\n"
            "La virtualisation sur le terrain\n\nA)\n\nDans les EPN.\n\nB)\n\nDans une école.\n")
    result = import_ocr(text)
    assert result.markdown == (
        "Premier paragraphe\u00a0?\n\n## Sur le terrain { #sur-le-terrain }\n\nLors du premier confinement.\n\n"
        "## La virtualisation sur le terrain { #la-virtualisation-sur-le-terrain }\n\n"
        '## A) { #section-a .secteur-a-preciser }\n\nDans les EPN.\n\n'
        '## B) { #section-b .secteur-a-preciser }\n\nDans une école.\n'
    )
    todo = [line for line in result.changes if "remplacez « .secteur-a-preciser » par data-sector" in line]
    assert len(todo) == 2 and todo[0].startswith("ligne 9 : « A) »")
    assert any(line.startswith("ligne 3 : « Sur le terrain »") and "devient un titre" in line
               for line in result.changes)


def test_a_short_line_inside_a_sentence_is_not_a_heading():
    result = import_ocr("Une phrase qui\ncontinue\n\nAprès le saut\n\nEt finit ici.\n")
    assert result.markdown == "Une phrase qui continue Après le saut Et finit ici.\n"


def test_heading_ids_are_unique():
    result = import_ocr("Intro.\n\nLe point\n\nTexte.\n\nLe point\n\nTexte encore.\n")
    assert "{ #le-point }" in result.markdown and "{ #le-point-2 }" in result.markdown


def test_paragraphs_are_wrapped_at_about_90_characters():
    result = import_ocr(" ".join(["Une phrase assez longue pour être coupée."] * 12))
    lines = result.markdown.splitlines()
    assert len(lines) > 4 and all(len(line) <= 90 for line in lines)


def test_the_markdown_reads_as_the_site_reads_it():
    text = "Intro : le point.\n\n- 1. Un tiret * et des [crochets] <b>.\n\nSur le terrain\n\nTexte.\n\nA)\n\nSuite.\n"
    html = markdown.markdown(import_ocr(text).markdown, extensions=SITE_EXTENSIONS)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("h2", id="sur-le-terrain").get_text() == "Sur le terrain"
    sector = soup.find("h2", id="section-a")
    assert sector["class"] == ["secteur-a-preciser"] and not sector.get("data-sector") and sector.get_text() == "A)"
    paragraphs = [p.get_text() for p in soup.find_all("p")]
    assert paragraphs[1] == "- 1. Un tiret * et des [crochets] <b>."
    assert not soup.find(["ul", "ol", "b", "em"])


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, message", [
    ("", "Le fichier « essai.txt » est vide : il n’y a rien à importer."),
    ("   \n\t\n  \n", "Le fichier « essai.txt » est vide : il ne contient que des espaces ou des lignes vides."),
    ("PK\x03\x04\x00\x00word/document.xml", BINARY_MESSAGE),
    ("%PDF-1.7\n" + "".join(chr(c) for c in range(1, 32) if c not in (9, 10, 13)) * 20, BINARY_MESSAGE),
    ("Du texte \ufffd\ufffd\ufffd abîmé \ufffd\ufffd\ufffd\ufffd", BINARY_MESSAGE),
    ("A)\n\nB)\n\n12\n", "Aucun paragraphe trouvé dans « essai.txt »"),
])
def test_bad_input_gives_a_clear_message(text, message):
    with pytest.raises(OcrImportError) as error:
        import_ocr(text, source_name="essai.txt")
    assert message in str(error.value)
    assert isinstance(error.value, ValueError)


def test_bytes_are_refused_with_a_message():
    with pytest.raises(OcrImportError, match="UTF-8"):
        import_ocr(b"Un texte.")  # type: ignore[arg-type]


def test_binary_message_says_what_the_file_may_be():
    assert BINARY_MESSAGE == (
        "Ce fichier ne ressemble pas à du texte (caractères binaires) : s'agit-il d'un .docx ou d'un PDF ?"
    )


# --- the real source ----------------------------------------------------------------------------


def published_paragraphs() -> list[str]:
    paragraphs = []
    for chapter in CHAPTERS:
        text = (PUBLISHED / f"{chapter}.fr.md").read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("\n---\n", 1)[1]
        for block in re.split(r"\n\s*\n", text):
            # An admonition is the web edition's note, not the text; a paragraph's attribute
            # list ({ .suite-du-paragraphe }) is the site's.
            if block.strip() and not block.lstrip().startswith(("#", "!!!")) and not block.startswith("    "):
                paragraphs.append(normalise(re.sub(r"\n\{[^}\n]*\}\s*$", "", block)))
    return paragraphs


def imported_paragraphs(result: ImportResult) -> list[str]:
    return [normalise(block) for block in re.split(r"\n\s*\n", result.markdown)
            if block.strip() and not block.lstrip().startswith("#")]


def test_the_2020_analysis_imports_as_published():
    assert SOURCE.exists(), f"the source text is missing: {SOURCE}"
    result = import_ocr(SOURCE.read_text(encoding="utf-8"), source_name=SOURCE.name)
    published = published_paragraphs()
    imported = imported_paragraphs(result)
    assert len(published) >= 15
    missing = [paragraph for paragraph in published if paragraph not in imported]
    for paragraph in missing:
        closest = max(imported, key=lambda other: difflib.SequenceMatcher(None, paragraph, other).ratio())
        diff = [d for d in difflib.ndiff(closest.split(" "), paragraph.split(" ")) if d[0] in "+-"]
        print(f"NOT FOUND: {paragraph[:80]}…\n  differences (- imported, + published): {diff}")
    rate = 1 - len(missing) / len(published)
    print(f"{len(published) - len(missing)}/{len(published)} published paragraphs found ({rate:.0%})")
    assert rate >= 0.95
    # every change is listed with its source line
    assert result.changes and all(re.match(r"lignes? \d+", line) for line in result.changes)


# --- limits: refused before the corrections, whose work grows with a paragraph's length ---------


def test_a_paragraph_without_blank_lines_is_refused_with_its_lines():
    text = "\n".join(["Une ligne de texte courante et ordinaire"] * 600) + ".\n"
    with pytest.raises(OcrImportError) as error:
        import_ocr(text, source_name="essai.txt")
    assert str(error.value).startswith("essai.txt:1: paragraphe de ") and "ligne vide" in str(error.value)


def test_a_text_title_is_the_chapter_title_once():
    result = import_ocr("Sur le terrain\n\nLors du premier confinement.\n", title_id="terrain")
    assert result.title == "Sur le terrain"
    assert result.markdown == "# Sur le terrain { #terrain }\n\nLors du premier confinement.\n"


def test_a_heading_naming_a_known_sector_gets_it():
    sectors = {"maison-medicale": {"fr": {"name": "Maisons médicales"}, "nl": {"name": "Wijkgezondheidscentra"}}}
    result = import_ocr("Intro.\n\nA) Maison médicale\n\nTexte.\n\nWijkgezondheidscentra\n\nSuite.\n", sectors=sectors)
    assert '## A) Maison médicale { #maison-medicale data-sector="maison-medicale" }' in result.markdown
    assert '## Wijkgezondheidscentra { #maison-medicale-2 data-sector="maison-medicale" }' in result.markdown
