"""Hook: the collection of analyses.

Everything that lists analyses is generated from the analysis folders and their front
matter, so adding a folder under docs/analyses/ makes it appear everywhere, newest first:
- the navigation: `analyses/index.md` in mkdocs.yml's nav becomes a section holding every
  analysis (presentation page, then chapters in their `order`); each page's menu shows the
  NAV_RECENT latest analyses and the page's own, so that pages do not grow with the years
  (the list page has them all);
- the list of analyses (`<!-- analyses:list -->` in analyses/index.*.md);
- the home page's latest analysis (`<!-- analyses:latest -->` in index.*.md);
- each presentation page's title, byline (and a note when the coordination has not
  confirmed its title or month: docs/_data/organisation.yml), summary, chapter list and
  follow-up links.
"""

from __future__ import annotations

import copy
import html
import posixpath
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation, Section, _add_parent_links, _add_previous_and_next_links
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from laeken.analyses import FOLDER_PATTERN, Analysis, analysis_pages, easy_read_pages  # noqa: E402
from laeken.drafts import site_analyses  # noqa: E402
from laeken.errors import ContentError  # noqa: E402
from laeken.generated import AfterMarkdown  # noqa: E402
from laeken.interface import interface_by_language  # noqa: E402
from laeken.languages import SOURCE_LANGUAGE  # noqa: E402
from laeken.organisation import load_organisation  # noqa: E402
from laeken.safe import html_title, markdown_field, markdown_text  # noqa: E402
from laeken.text import plain_text  # noqa: E402
from laeken.urls import page_link, page_uri  # noqa: E402

LIST_MARKER = "<!-- analyses:list -->"
LATEST_MARKER = "<!-- analyses:latest -->"
LIST_PAGE = "analyses/index.md"
HOME_PAGE = "index.md"
NAV_RECENT = 5  # analyses in every page's menu, newest first

_state: dict = {}


# After mkdocs-static-i18n's on_config (-100), which sets the build's language.
@event_priority(-110)
def on_config(config):
    # Called once per language build: mkdocs-static-i18n sets theme.language first.
    _state["lang"] = config.theme["language"]
    _state["ui_of"] = interface_by_language(config.docs_dir)
    try:
        _state["analyses"] = site_analyses(config)
    except ContentError as error:
        raise PluginError(f"Analyses : {error}") from None
    _state["pages"] = analysis_pages(_state["analyses"])
    _state["easy_read"] = easy_read_pages(_state["analyses"])
    _state["organisation"] = load_organisation(config.docs_dir)  # titles and months not confirmed
    _state["after_markdown"] = AfterMarkdown("analyses:lists")  # presentation pages' lists



def _page(files, src_uri: str) -> Page:
    file = files.get_file_from_path(src_uri)
    if file is None or file.page is None:
        raise PluginError(f"Analyses: the page {src_uri} is missing")
    return file.page


# After mkdocs-static-i18n (-100), which rebuilds the navigation of each language.
@event_priority(-110)
def on_nav(nav, config, files):
    lang = _state["lang"]
    ui = _state["ui_of"][lang]
    analysis_sections = []
    for analysis in _state["analyses"]:
        pages = [_page(files, analysis.src_uri)]
        pages += [_page(files, analysis.chapter_uri(chapter)) for chapter in analysis.chapters]
        if analysis.easy_read:
            pages.append(_page(files, analysis.easy_read_uri))
        # Material shows a section's title as HTML.
        title = f"{analysis.year} · {html_title(analysis.field('title', lang))}"
        analysis_sections.append(Section(title=title, children=pages))
    _state["menu_of"] = dict(zip((a.folder for a in _state["analyses"]), analysis_sections))

    items = list(nav.items)
    for position, item in enumerate(items):
        if isinstance(item, Page) and page_uri(item.file) == LIST_PAGE:
            items[position] = _state["menu"] = Section(title=html_title(ui["nav_analyses"]), children=[item, *analysis_sections])
            break
    else:
        raise PluginError(f"Analyses: mkdocs.yml's nav must list {LIST_PAGE}")

    pages = []

    def collect(entries):
        for entry in entries:
            if isinstance(entry, Page):
                pages.append(entry)
            elif isinstance(entry, Section):
                collect(entry.children)

    collect(items)
    # overrides/partials/toc.html asks whether each page is in the menu: a set answers at
    # once, where Jinja's `page in nav.pages` compared the page with every page of the menu.
    _state["in_menu"] = {id(page) for page in pages}
    _add_previous_and_next_links(pages)
    _add_parent_links(items)
    new_nav = Navigation(items, pages)
    new_nav.homepage = nav.homepage
    return new_nav


def on_page_context(context, page, config, nav):
    """The page's menu: the list page, the NAV_RECENT latest analyses and the page's own."""
    context["page_in_menu"] = id(page) in _state["in_menu"]
    section = _state["menu"]
    if len(section.children) <= 1 + NAV_RECENT:
        return context
    kept = section.children[: 1 + NAV_RECENT]
    analysis, _ = _state["pages"].get(page_uri(page.file), (None, None))
    own = _state["menu_of"].get(analysis.folder) if analysis else None
    if own is not None and own not in kept:
        kept.append(own)  # older than the latest: still newest first
    menu = Section(title=section.title, children=kept)
    menu.active, menu.parent = section.active, section.parent
    page_nav = copy.copy(nav)
    page_nav.items = [menu if item is section else item for item in nav.items]
    context["nav"] = page_nav
    return context


def _link(from_uri: str, to_uri: str) -> str:
    """A Markdown link target from one page to another, as MkDocs resolves and checks it."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def _byline(analysis: Analysis, ui: dict) -> str:
    """The analysis's kind, year and authors, in Markdown."""
    kind = ui[f"kind_{analysis.meta['kind']}"]
    authors = ", ".join(markdown_text(author) for author in analysis.meta["authors"])
    return f"{markdown_text(kind)} · {analysis.year} · {authors}"


def _field_lang(analysis: Analysis, name: str, lang: str) -> str:
    """The language a metadata field is shown in: `lang` when translated, else French."""
    return lang if analysis.translations.get(lang, {}).get(name) else SOURCE_LANGUAGE


def _lang(shown: str, around: str, attr_list: bool = False) -> str:
    """A `lang` attribute for text in `shown` inside text in `around` (none when they match)."""
    if shown == around:
        return ""
    return f' lang="{shown}"' if not attr_list else f" lang={shown}"


def _by_folder(folder: str) -> Analysis:
    return next(a for a in _state["analyses"] if a.folder == folder)


def _analysis_list(from_uri: str, lang: str, ui: dict) -> str:
    blocks = []
    for analysis in _state["analyses"]:
        link = _link(from_uri, analysis.src_uri)
        blocks.append(
            f"## [{markdown_text(analysis.field('title', lang))}]({link}) {{ #{analysis.folder}{_lang(_field_lang(analysis, 'title', lang), lang, True)} }}\n\n"
            f"{_byline(analysis, ui)}\n{{ .analysis-byline }}\n\n"
            f"{markdown_field(analysis.field('summary', lang))}{_marked(analysis, 'summary', lang)}\n"
        )
    return "\n".join(blocks) if blocks else markdown_text(ui["no_analysis_yet"])


def _marked(analysis: Analysis, name: str, lang: str) -> str:
    """An attribute list that marks a paragraph holding a field not translated into `lang`."""
    shown = _lang(_field_lang(analysis, name, lang), lang, True)
    return f"\n{{{shown} }}" if shown else ""


def _latest(from_uri: str, lang: str, ui: dict) -> str:
    if not _state["analyses"]:
        return markdown_text(ui["no_analysis_yet"])
    analysis = _state["analyses"][0]
    link = _link(from_uri, analysis.src_uri)
    return (
        f'<div class="latest-analysis" markdown>\n\n'
        f"**[{markdown_text(analysis.field('title', lang))}]({link})**{_marked(analysis, 'title', lang)}\n\n"
        f"{_byline(analysis, ui)}\n{{ .analysis-byline }}\n\n"
        f"{markdown_field(analysis.field('summary', lang))}{_marked(analysis, 'summary', lang)}\n\n"
        f"[{markdown_text(ui['read_analysis'])}]({link}){{ .md-button }}"
        + (f" [{markdown_text(ui['easy_read'])}]({_link(from_uri, analysis.easy_read_uri)}){{ .md-button .easy-read-link }}"
           if analysis.easy_read else "")
        + "\n\n</div>\n"
    )


def _presentation(analysis: Analysis, body: str, lang: str, ui: dict, pdf_link: str | None = None,
                  text_lang: str | None = None) -> str:
    """The presentation page in the build's language `lang`: labels, titles and names that
    exist in it, around a text in `text_lang` (French on a page that falls back to it), each
    part marked with its language where it differs."""
    text_lang = text_lang or lang
    from_uri = analysis.src_uri
    slug = FOLDER_PATTERN.match(analysis.folder).group("slug")
    ui_lang = _lang(lang, text_lang, True)
    parts = [
        f"# {markdown_text(analysis.field('title', lang))} {{ #{slug}{_lang(_field_lang(analysis, 'title', lang), text_lang, True)} }}\n",
        f"{_byline(analysis, ui)}\n{{ .analysis-byline{ui_lang} }}\n",
    ]
    # A title or month the coordination has not confirmed is the web edition's: the reader is told.
    unconfirmed = _state["organisation"].unconfirmed(analysis.folder)
    if unconfirmed:
        note = " ".join(markdown_text(ui[f"edition_{what}"]) for what in unconfirmed)
        parts.append(f"{note}\n{{ .analysis-edition{ui_lang} }}\n")
    follows = analysis.meta.get("follows")
    if follows:
        previous = _by_folder(follows)
        parts.append(
            f"{markdown_text(ui['follows'])} [{markdown_text(previous.field('title', lang))}]"
            f"({_link(from_uri, previous.src_uri)}) ({previous.year}).\n{{ .analysis-follows{ui_lang} }}\n"
        )
    for later in _state["analyses"]:
        if later.meta.get("follows") == analysis.folder:
            parts.append(
                f"{markdown_text(ui['followed_by'])} [{markdown_text(later.field('title', lang))}]"
                f"({_link(from_uri, later.src_uri)}) ({later.year}).\n{{ .analysis-follows{ui_lang} }}\n"
            )
    summary = markdown_field(analysis.field("summary", lang).strip().replace("\n", " "))
    summary_lang = _lang(_field_lang(analysis, "summary", lang), text_lang, True)
    if ui_lang or summary_lang:
        # Python-Markdown's admonition cannot mark its title's language: the same box, written out.
        parts.append(
            f'<div class="admonition abstract" markdown>\n<p class="admonition-title"{_lang(lang, text_lang)}>'
            f'{html.escape(ui["summary"], quote=False)}</p>\n\n{summary}\n'
            + (f"{{{summary_lang} }}\n" if summary_lang else "") + "\n</div>\n"
        )
    else:
        parts.append(f'!!! abstract "{markdown_text(ui["summary"])}"\n\n    {summary}\n')
    parts.append(body.strip() + "\n")
    # The lists below are in HTML with final addresses (page_link), put in after
    # Markdown (AfterMarkdown): links made from data need no parsing nor checking.
    lists = []
    if analysis.chapters:
        parts.append(f"## {markdown_text(ui['chapters'])} {{ #chapitres{ui_lang} }}\n")
        lists.append(
            "<ol>\n"
            + "".join(
                f'<li{_lang(chapter.language(lang), text_lang)}><a href="{page_link(from_uri, analysis.chapter_uri(chapter))}">'
                f"{html.escape(plain_text(chapter.title(lang)), quote=False)}</a></li>\n"
                for chapter in analysis.chapters
            )
            + "</ol>\n"
        )
    if analysis.easy_read:
        lists.append(f'<p class="easy-read-link"{_lang(analysis.easy_read.language(lang), text_lang)}>'
                     f'<a href="{page_link(from_uri, analysis.easy_read_uri)}">{html.escape(ui["easy_read"], quote=False)}</a></p>\n')
    # The whole analysis on one page, and its PDF when the build makes PDFs (scripts/hooks/printing.py).
    print_links = f'<a href="{page_link(from_uri, analysis.print_uri)}">{html.escape(ui["print_all"], quote=False)}</a>'
    if pdf_link:
        print_links += f" · {pdf_link}"
    lists.append(f'<p class="print-links"{_lang(lang, text_lang)}>{print_links}</p>\n')
    parts.append(_state["after_markdown"].placeholder("".join(lists)) + "\n")
    return "\n".join(parts)


def _replace_marker(markdown: str, marker: str, replacement: str, page) -> str:
    if marker not in markdown:
        raise PluginError(
            f"Analyses: {page.file.src_path} must contain the line {marker} "
            "where the generated list goes"
        )
    return markdown.replace(marker, replacement)


def on_page_markdown(markdown, page, config, files):
    uri = page_uri(page.file)
    # Generated labels, names and titles are in the build's language wherever they exist in it,
    # also on a Dutch page that falls back to the French original (the template marks that
    # text lang="fr"; _presentation marks what differs).
    lang = _state["lang"]
    ui = _state["ui_of"][lang]
    if uri == LIST_PAGE:
        return _replace_marker(markdown, LIST_MARKER, _analysis_list(uri, lang, ui), page)
    if uri == HOME_PAGE:
        return _replace_marker(markdown, LATEST_MARKER, _latest(uri, lang, ui), page)
    if uri in _state["easy_read"]:
        return _easy_read(markdown, page, ui)
    analysis, chapter = _state["pages"].get(uri, (None, None))
    if analysis is not None and chapter is None:
        # The PDF of the build's language: a Dutch page that falls back to French links the Dutch PDF.
        pdf = analysis.pdf_link(_state["lang"], page.url, ui["pdf_download"]) if config.extra.get("pdf") else None
        return _presentation(analysis, markdown, lang, ui, pdf, getattr(page.file, "locale", lang))
    return markdown


def _easy_read(markdown: str, page, ui: dict) -> str:
    """An easy-read page: the note that it is the web edition's summary, under its title.
    Written in each language, the Dutch page is no translation (hooks/translations.py)."""
    text_lang = getattr(page.file, "locale", _state["lang"])
    note = f"{markdown_text(ui['easy_read_note'])}\n{{ .easy-read-note{_lang(_state['lang'], text_lang, True)} }}\n"
    lines = markdown.split("\n")
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), -1)
    return "\n".join(lines[: title + 1] + ["", note] + lines[title + 1:])


def on_page_content(html_text, page, config, files):
    """The presentation page's chapter list and print links (see _presentation); an
    easy-read page in large type (class easy-read, docs/assets/stylesheets/site.css)."""
    if page_uri(page.file) in _state["easy_read"]:
        return f'<div class="easy-read">\n{html_text}\n</div>'
    analysis, chapter = _state["pages"].get(page_uri(page.file), (None, None))
    return _state["after_markdown"].fill(html_text) if analysis is not None and chapter is None else html_text
