"""The French pages publish the 2020 source text faithfully: every sentence, OCR corrected,
in the source's paragraphs.

The source is the OCR text in ../shared/sources. Its lines are joined, the reviewed OCR
corrections in tests/data/ocr-corrections-2020.yml are applied, and each sentence must be
found in the built French pages; each paragraph of those pages must come from the source,
and the pages break the text into paragraphs where the source does.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from conftest import SHARED
from laeken.translations import CONTINUED

SOURCE = SHARED / "sources" / "analyse-2020-virtualisation.ocr.txt"
CORRECTIONS = Path(__file__).parent / "data" / "ocr-corrections-2020.yml"
ANALYSIS = "analyses/2020-virtualisation/"
PAGES = ("", "sur-le-terrain/", "virtualisation-sur-le-terrain/", "quelques-conclusions/")
CHAPTER_TITLES = ("Sur le terrain", "La virtualisation sur le terrain", "Quelques conclusions")
SECTOR_MARKERS = ("A)", "B)", "C)", "D)")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("'", "’").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def source_lines() -> list[str]:
    assert SOURCE.exists(), f"the source text is missing: {SOURCE}"
    return [line.strip() for line in SOURCE.read_text(encoding="utf-8").splitlines()]


def corrections() -> list[tuple[str, str]]:
    return [tuple(pair) for pair in yaml.safe_load(CORRECTIONS.read_text(encoding="utf-8"))]


def joined_source_text() -> str:
    """The source's body text, lines joined, without its heading and sector-marker lines."""
    skipped = set(CHAPTER_TITLES) | set(SECTOR_MARKERS)
    return " ".join(line for line in source_lines() if line and line not in skipped)


def corrected_source_text() -> str:
    text = joined_source_text()
    for ocr, right in corrections():
        text = text.replace(ocr, right)
    return normalise(text)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+(?=[A-ZÀ-ÖØ-Þ«(])", text) if s]


def page_paragraphs(site, path: str) -> list[str]:
    article = site.html(path).select_one("article")
    # The text's paragraphs; generated ones (the byline) carry a class, a paragraph that
    # shares the number of the one before carries CONTINUED.
    return [normalise(p.get_text()) for p in article.find_all("p", recursive=False)
            if not p.get("class") or CONTINUED in p["class"]]


def source_paragraphs() -> list[str]:
    """The source's paragraphs, as printed: a blank line after the end of a sentence ends one
    (a blank line inside a sentence is a column or page break of the print), and so does a
    sentence that ends on a line shorter than the paragraph's column (a paragraph break the
    OCR kept without its blank line)."""
    lines = source_lines()
    skipped = set(CHAPTER_TITLES) | set(SECTOR_MARKERS)
    ends_sentence = re.compile(r"[.?!…]$")
    found, current = [], []
    for line in [*lines, ""]:
        if line in skipped or (not line and current and ends_sentence.search(current[-1])):
            if current:
                found.append(normalise(" ".join(current)))
            current = []
        elif line:
            current.append(line)
            if ends_sentence.search(line) and len(line) < 0.75 * max(map(len, current)):
                found.append(normalise(" ".join(current)))
                current = []
    return found


def test_every_correction_is_an_ocr_fix_found_in_the_source():
    joined = normalise(joined_source_text())

    def skeleton(text: str) -> str:
        # What OCR cannot change: letters without accents, dashes and apostrophes unified.
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        return re.sub(r"[—–-]", "-", text).replace("’", "'").replace("¢", "")

    for ocr, right in corrections():
        assert normalise(ocr) in joined, f"correction {ocr!r} does not occur in the source"
        ratio = difflib.SequenceMatcher(None, skeleton(ocr), skeleton(right)).ratio()
        assert ratio >= 0.85, f"{ocr!r} -> {right!r} rewrites more than an OCR error"


def test_every_source_sentence_is_on_the_french_pages(real_site):
    published = " ".join(" ".join(page_paragraphs(real_site, ANALYSIS + page)) for page in PAGES)
    expected = sentences(corrected_source_text())
    assert len(expected) >= 60  # the 2020 text has 63 sentences
    missing = [sentence for sentence in expected if sentence not in published]
    assert not missing, "sentences of the source missing or reworded:\n" + "\n".join(missing)


def test_every_published_paragraph_comes_from_the_source(real_site):
    source = corrected_source_text()
    for page in PAGES:
        for paragraph in page_paragraphs(real_site, ANALYSIS + page):
            if paragraph:
                assert paragraph in source, f"{page}: not in the source text: {paragraph[:120]}"


def test_the_paragraphs_are_the_sources(real_site):
    # Compared one for one, give or take the OCR corrections: a paragraph merged or split on
    # the site shifts every one after it.
    published = [paragraph for page in PAGES for paragraph in page_paragraphs(real_site, ANALYSIS + page)]
    source = source_paragraphs()
    assert len(source) >= 15  # the 2020 text has 20 paragraphs
    for number, (ours, theirs) in enumerate(zip(published, source), start=1):
        ratio = difflib.SequenceMatcher(None, ours, theirs, autojunk=False).ratio()
        assert ratio >= 0.9, f"paragraph {number} of the text differs from the source's:\n{ours[:200]}\n{theirs[:200]}"
    assert len(published) == len(source)


def test_chapter_titles_and_sector_markers_follow_the_source(real_site):
    lines = source_lines()
    for title in CHAPTER_TITLES:
        assert title in lines
    titles = [normalise(real_site.html(ANALYSIS + page).select_one("article h1").get_text()).rstrip("¶ ")
              for page in PAGES[1:]]
    assert titles == list(CHAPTER_TITLES)
    sectors = real_site.html(ANALYSIS + "virtualisation-sur-le-terrain/").select("article h2[data-sector]")
    assert [normalise(h.get_text())[:2] for h in sectors] == list(SECTOR_MARKERS)


@pytest.mark.parametrize("dropped", ["Or il est clair que beaucoup de ces dispositifs seront pérennisés."])
def test_a_dropped_sentence_is_detected(real_site, dropped):
    # The check above must be able to fail: remove one sentence and look again.
    published = " ".join(" ".join(page_paragraphs(real_site, ANALYSIS + page)) for page in PAGES)
    assert dropped in published
    without = published.replace(dropped, "")
    assert any(sentence not in without for sentence in sentences(corrected_source_text()))
