"""Hook: the glossary, from one data file (docs/_data/glossary.yml).

- In every page, each occurrence of a term or one of its variants (in the language of
  the page's text) is marked and described by its one-line definition (`aria-describedby`):
  the page holds each definition it uses once, hidden, at the end of its text, and
  docs/assets/javascripts/glossary.js shows it as a tooltip on hover, keyboard focus and
  tap. The first occurrence in the page links to the glossary entry; the first in each
  later section is a focusable <abbr>; the others are plain <abbr> (one tab stop per term
  and section). Headings, links, code and the glossary page itself are left alone.
- The glossary page (`<!-- glossary:entries -->` in glossaire.*.md) lists the entries in
  the alphabetical order of its language, with letter navigation, and for each entry its
  sources with the day each was checked, and the pages and sections that use it, collected
  while the pages are rendered.
"""

from __future__ import annotations

import html
import re
import sys
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from laeken.errors import ContentError  # noqa: E402
from laeken.glossary import checked_date, load_glossary, term_pattern  # noqa: E402
from laeken.interface import interface_by_language  # noqa: E402
from laeken.languages import LANGUAGES, SOURCE_LANGUAGE  # noqa: E402
from laeken.safe import markdown_field, markdown_text, markdown_url  # noqa: E402
from laeken.text import sort_key  # noqa: E402
from laeken.typography import french_html  # noqa: E402
from laeken.urls import page_uri  # noqa: E402

GLOSSARY_PAGE = "glossaire.md"
ENTRIES_MARKER = "<!-- glossary:entries -->"
USED_IN_MARKER = "<!-- glossary-used-in:{} -->"
USED_IN = re.compile(r"<!-- glossary-used-in:([a-z0-9-]+) -->")
SKIPPED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "code", "pre", "kbd", "samp",
                "script", "style", "button", "textarea", "svg", "math", "dfn"}
SKIPPED_CLASSES = {"admonition-title", "analysis-byline", "translation-note"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# The id of a definition's hidden element: its language (a Dutch page may show a French text)
# and the entry's id, which is lower-case letters, digits and hyphens.
DEFINITION_ID = "glossary-{}-{}"
DESCRIBED_BY = re.compile(r'aria-describedby="glossary-([a-z]+)-([a-z0-9-]+)"')
DESCRIBED_BY_START = 'aria-describedby="glossary-'

_state: dict = {}



# After mkdocs-static-i18n's on_config (-100), which sets the build's language.
@event_priority(-110)
def on_config(config):
    try:
        entries = load_glossary(config.docs_dir)
    except ContentError as error:
        raise PluginError(f"Glossaire : {error}") from None
    _state.update(
        entries={entry.id: entry for entry in entries},
        patterns={},
        usage={},  # entry id -> {src_uri: (page, [(section id, section title), ...])}
        link_parts={},  # see _link_parts
        entry_of={},  # lang -> {text as found in a page: entry id}
        definitions={},  # (page language, text language, entry id) -> its hidden element
        page=None,
        glossary_page=None,
        ui=interface_by_language(config.docs_dir),
    )
    for lang in LANGUAGES:
        forms = {form: entry.id for entry in entries for form in entry.forms(lang)}
        _state["patterns"][lang] = (term_pattern(list(forms)) if forms else None, forms)
    if not any(isinstance(ext, GlossaryExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(GlossaryExtension())
    return config


def _ui(lang: str) -> dict:
    return _state["ui"][lang]


# After mkdocs-static-i18n's on_nav (-100): the order of the "used in" lists.
@event_priority(-120)
def on_nav(nav, config, files):
    _state["nav_order"] = {page.file.src_uri: number for number, page in enumerate(nav.pages)}
    glossary = files.get_file_from_path(GLOSSARY_PAGE)
    _state["glossary_page_url"] = glossary.url if glossary is not None else None
    return nav


def on_page_markdown(markdown, page, config, files):
    # Pages are rendered one at a time right after this event: the tree processor below
    # marks the terms of this page, in the language of its text.
    is_glossary = page_uri(page.file) == GLOSSARY_PAGE
    _state["page"] = None if is_glossary else page
    _state["seen"] = set()
    if is_glossary:
        _state["glossary_page"] = page
        if ENTRIES_MARKER not in markdown:
            raise PluginError(f"Glossaire : {page.file.src_path} doit contenir la ligne {ENTRIES_MARKER}")
        lang = getattr(page.file, "locale", config.theme["language"])
        return markdown.replace(ENTRIES_MARKER, _entries_markdown(lang))
    return markdown


def _entries_markdown(lang: str) -> str:
    ui = _ui(lang)
    entries = sorted(_state["entries"].values(), key=lambda e: sort_key(e.term(lang)))
    letters: dict[str, list] = {}
    for entry in entries:
        letters.setdefault(sort_key(entry.term(lang))[:1].upper(), []).append(entry)
    parts = [
        f'<nav class="glossary-letters" aria-label="{html.escape(ui["glossary_letters"])}" markdown>\n\n'
        + " ".join(f"[{markdown_text(letter)}](#lettre-{letter.lower()})" for letter in letters)
        + "\n\n</nav>\n"
    ]
    for letter, letter_entries in letters.items():
        parts.append(f"{markdown_text(letter)}\n{{ #lettre-{letter.lower()} .glossary-letter }}\n")
        for entry in letter_entries:
            part = entry.languages[lang]
            parts.append(f"## {markdown_text(part['term'])} {{ #{entry.id} }}\n")
            others = [_variant(form, entry, lang) for form in entry.forms(lang) if form != part["term"]]
            if others:
                parts.append(f"{markdown_text(ui['glossary_variants'])} {', '.join(others)}\n{{ .glossary-variants }}\n")
            parts.append(markdown_field(part["definition"].strip()) + "\n")
            if entry.sources.get(lang):
                parts.append(_sources_markdown(entry.sources[lang], ui))
            if part.get("link"):
                parts.append(f"[{markdown_text(ui['glossary_link'])}]({markdown_url(part['link'])}){{ .glossary-link }}\n")
            parts.append(USED_IN_MARKER.format(entry.id) + "\n")
    return "\n".join(parts)


def _sources_markdown(sources, ui) -> str:
    """Under the definition: where its outside facts come from and the day each page was read,
    « Source : <titre>, <éditeur>, vérifié le 30 novembre 2026 »; several as a list."""
    items = []
    for source in sources:
        marked = f'{{ lang="{source.lang}" }}' if source.lang else ""
        checked = ui["glossary_checked"].replace("{date}", checked_date(source.checked, ui))
        items.append(f"[{markdown_text(source.title)}]({markdown_url(source.url)}){marked}, "
                     f"{markdown_text(source.publisher)}, {markdown_text(checked)}")
    if len(items) == 1:
        body = f"{markdown_text(ui['glossary_source'])} {items[0]}\n"
    else:
        body = f"{markdown_text(ui['glossary_sources'])}\n\n" + "".join(f"- {item}\n" for item in items)
    return f'<div class="glossary-sources" markdown>\n\n{body}\n</div>\n'


def _variant(form: str, entry, lang: str) -> str:
    """A variant in Markdown; the other language's term is in italics, marked with its lang.
    (Only the term: each language lists the other's names too, so a shared form could be
    either language.)"""
    for other in LANGUAGES:
        if other != lang and form == entry.term(other):
            return f'*{markdown_text(form)}*{{ lang="{other}" }}'
    return markdown_text(form)


class GlossaryTreeprocessor(Treeprocessor):
    def run(self, root):
        page = _state.get("page")
        if page is None or not _state.get("entries"):
            return
        lang = getattr(page.file, "locale", None) or SOURCE_LANGUAGE
        pattern, forms = _state["patterns"][lang]
        if pattern is None:
            return
        # The link's final address: this runs after MkDocs has resolved the page's own links
        # (the entry anchors are made from the same data as the links).
        glossary_url = None
        if _state.get("glossary_page_url") is not None:
            glossary_url = get_relative_url(_state["glossary_page_url"], page.url)
        walker = _Marker(page, lang, pattern, forms, glossary_url)
        walker.visit(root)


class _Marker:
    def __init__(self, page, lang, pattern, forms, glossary_url):
        self.page, self.lang, self.pattern, self.forms = page, lang, pattern, forms
        self.glossary_url = glossary_url
        self.section = (None, page.title)
        self.in_section = set()  # entries already focusable in this section
        self.entry_of = _state["entry_of"].setdefault(lang, {})  # text as found -> entry id
        self.sections_of = {}  # entry id -> this page's sections in _state["usage"]

    def visit(self, element):
        children = list(element)
        # A text of white space alone (most tails) holds no term: not searched.
        if element.text and not element.text.isspace():
            new = self.mark(element.text)
            if new:
                element.text = new[0]
                element[0:0] = new[1:]
        shift = len(element) - len(children)  # nodes inserted before the current child
        for position, child in enumerate(children):
            if child.tag in HEADINGS:
                self.section = (child.get("id"), _heading_text(child))
                self.in_section = set()
            elif child.tag not in SKIPPED_TAGS:
                classes = child.get("class")
                if not classes or SKIPPED_CLASSES.isdisjoint(classes.split()):
                    self.visit(child)
            if child.tail and not child.tail.isspace():
                new = self.mark(child.tail)
                if new:
                    child.tail = new[0]
                    index = position + shift + 1
                    element[index:index] = new[1:]
                    shift += len(new) - 1

    def mark(self, text: str):
        """Split `text` into [leading text, element, element, ...] (tails carry the rest)."""
        result = None
        for match in self.pattern.finditer(text):
            start, end = match.span()
            if result is None:
                result = [text[:start]]
            else:
                result[-1].tail = text[previous_end:start]
            found = match.group()
            result.append(self._node(self._entry_for(found), found))
            previous_end = end
        if result is not None:
            result[-1].tail = text[previous_end:]
        return result

    def _entry_for(self, found: str) -> str:
        entry_id = self.entry_of.get(found)
        if entry_id is None:
            normalised = " ".join(found.split())
            entry_id = self.forms.get(normalised)
            if entry_id is None:  # a capitalised form of a lower-case variant
                entry_id = self.forms[normalised[0].lower() + normalised[1:]]
            self.entry_of[found] = entry_id
        return entry_id

    def _node(self, entry_id: str, found: str):
        sections = self.sections_of.get(entry_id)
        if sections is None:
            # Pages are not hashable: key by their source path, keep the page for its URL.
            _, sections = _state["usage"].setdefault(entry_id, {}).setdefault(self.page.file.src_uri, (self.page, []))
            self.sections_of[entry_id] = sections
        if self.section not in sections:
            sections.append(self.section)
        described_by = DEFINITION_ID.format(self.lang, entry_id)
        if entry_id not in _state["seen"] and self.glossary_url is not None:
            _state["seen"].add(entry_id)
            self.in_section.add(entry_id)
            node = etree.Element("a", {"class": "glossary-term", "aria-describedby": described_by,
                                       "href": f"{self.glossary_url}#{entry_id}"})
        elif entry_id not in self.in_section:
            self.in_section.add(entry_id)
            node = etree.Element("abbr", {"class": "glossary-term", "aria-describedby": described_by, "tabindex": "0"})
        else:  # described on hover and tap; the keyboard met it earlier in the section
            node = etree.Element("abbr", {"class": "glossary-term", "aria-describedby": described_by})
        node.text = found
        return node


def _heading_text(heading) -> str:
    """A heading's text, without the permanent link (¶) that toc has added to it."""
    parts = [heading.text or ""]
    for child in heading:
        if "headerlink" not in (child.get("class") or "").split():
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts).strip()


class GlossaryExtension(Extension):
    def extendMarkdown(self, md):
        # Last: after the heading ids (attr_list 8, toc 5) and after MkDocs has checked and
        # rewritten the page's links (relpath 0), which it need not do for each term.
        md.treeprocessors.register(GlossaryTreeprocessor(md), "glossary", -5)


def _used_in_html(entry_id: str, glossary_page, ui) -> str:
    usage = _state["usage"].get(entry_id)
    if not usage:
        return ""
    items = []
    order = _state["nav_order"]
    for page, sections in sorted(usage.values(), key=lambda item: order.get(item[0].file.src_uri, len(order))):
        url, title = _link_parts(page, glossary_page)
        links = [f'<a href="{url}">{title}</a>']
        links += [
            f'<a href="{url}#{html.escape(section_id)}">{html.escape(section_title)}</a>'
            for section_id, section_title in sections
            if section_id and section_title != page.title
        ]
        items.append(f"<li>{links[0]}{' — ' + ', '.join(links[1:]) if links[1:] else ''}</li>")
    return (
        f'<div class="glossary-used-in"><p>{html.escape(ui["glossary_used_in"])}</p>'
        f"<ul>{''.join(items)}</ul></div>"
    )


def _link_parts(page, glossary_page) -> tuple[str, str]:
    """A page's address from the glossary, escaped, and its title (MkDocs' titles are HTML:
    scripts/hooks/safe_text.py escapes those from front matter); worked out once per page
    (most pages use several terms; a build has one glossary page)."""
    key = page.file.src_uri
    if key not in _state["link_parts"]:
        title = page.title
        parent = getattr(page, "parent", None)
        if parent is not None and parent.title and page.title not in parent.title:
            title = f"{parent.title} › {page.title}"
        _state["link_parts"][key] = (html.escape(get_relative_url(page.url, glossary_page.url)), title)
    return _state["link_parts"][key]


def _definitions_html(output: str, start: int, lang: str) -> str:
    """The definitions that the page's terms point to, once each, hidden (shown by
    glossary.js, read by screen readers as the terms' description). Found in the finished
    page, so the print page, made of several chapters, gets those of all of them; searched
    from `start`, the first term (the page's long navigation comes before)."""
    cache = _state["definitions"]
    spans = []
    for text_lang, entry_id in dict.fromkeys(DESCRIBED_BY.findall(output, start)):
        key = (lang, text_lang, entry_id)
        if key not in cache:
            cache[key] = _definition_html(text_lang, entry_id, lang)
        spans.append(cache[key])
    spans = "".join(spans)
    return f'<div class="glossary-definitions" hidden>{spans}</div>' if spans else ""


def _definition_html(text_lang: str, entry_id: str, lang: str) -> str:
    """One definition's hidden element ("" for an unknown entry or language)."""
    entry = _state["entries"].get(entry_id)
    if entry is None or text_lang not in entry.languages:
        return ""
    marked = f' lang="{text_lang}"' if text_lang != lang else ""
    short = html.escape(" ".join(entry.languages[text_lang]["short"].split()))
    # Set the French way here, once per build, as scripts/hooks/typography.py would set it on
    # every page: that hook then finds the page already set at a glance.
    return french_html(f'<span id="{DEFINITION_ID.format(text_lang, entry_id)}"{marked}>{short}</span>', lang)


@event_priority(-110)
def on_post_page(output, page, config):
    if page_uri(page.file) != GLOSSARY_PAGE:
        # After the search index is made (from the page's text alone): the definitions go
        # at the end of the article, where they are not indexed with the page.
        start = output.find(DESCRIBED_BY_START)
        if start == -1:
            return output
        definitions = _definitions_html(output, start, config.theme["language"])
        end = output.rfind("</article>")
        return output[:end] + definitions + output[end:] if end != -1 and definitions else output
    ui = _ui(getattr(page.file, "locale", config.theme["language"]))
    return USED_IN.sub(lambda match: _used_in_html(match.group(1), page, ui), output)
