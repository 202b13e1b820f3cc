"""Unit tests of scripts/laeken/text.py: slugs and the protection of a paragraph's start."""

from __future__ import annotations

from laeken.text import SLUG_MAX, protect_line_start, slugify


def test_slugify_gives_ascii_ids_that_never_look_like_paragraph_numbers():
    assert slugify("Cœur de l’École de devoirs") == "coeur-de-l-ecole-de-devoirs"
    assert slugify("P1") == "p1-section"  # #p1 is the first paragraph's anchor
    assert slugify("…") == "section"
    assert slugify("…", fallback="chapitre") == "chapitre"
    long = slugify("une " * 30)
    assert len(long) <= SLUG_MAX and not long.endswith("-") and long.endswith("une")


def test_a_paragraph_start_that_markdown_would_read_as_markup_is_escaped_invisibly():
    from html import unescape

    import markdown

    for start in ("1. Un", "2) Deux", "- tiret", "+ plus", "> cité", "# dièse", "!!! note",
                  ": deux-points", "== égal", "~~~ tildes", "??? question"):
        html = markdown.markdown(protect_line_start(start), extensions=["def_list", "admonition"])
        assert html.startswith("<p>") and html.endswith("</p>") and html.count("<") == 2, (start, html)
        assert unescape(html[3:-4]) == start  # the reader sees the text as written
    assert protect_line_start("Un texte") == "Un texte"
