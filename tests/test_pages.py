"""Unit tests of scripts/laeken/pages.py: reading a page's headings."""

from __future__ import annotations

from laeken.pages import headings


def test_headings_read_text_and_explicit_ids_but_not_code():
    body = "# Titre { #titre }\n\n```\n# not a heading\n```\n\n## A) EPN { #epn data-sector=\"epn\" }\n### Sans id\n"
    assert headings(body) == [(1, "Titre", "titre"), (2, "A) EPN", "epn"), (3, "Sans id", None)]
