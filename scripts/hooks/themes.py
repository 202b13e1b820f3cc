"""Hook: theme and sector pages that never move, feeds and data for partners.

From the closed vocabularies (docs/_data/themes.yml, sectors.yml) and the analyses'
declarations (front matter `themes:` of analyses and chapters, `data-sector` of sector
sections), this hook
- generates, in both languages, /themes/ and /themes/<slug>/, /secteurs/ and
  /secteurs/<slug>/ (a page for every slug, even with nothing tagged yet), each listing
  what is tagged, newest analysis first, with a link to the exact anchor;
- shows on each analysis page its themes and sectors, linked to their pages;
- writes per language an Atom feed of all publications and one per theme, and a JSON
  file (schema: docs/assets/analyses.schema.json) of analyses, chapters, sections,
  themes and sectors, linked from every page's head.

Material's tags plugin was not used: it has no section-level entries and no page for a
tag nobody uses yet, and its tags are per language build, not one slug for both.

Feeds sit at the site root because Material's JavaScript fetches a sitemap.xml next to
every <link rel="alternate"> of a page; the root has one.
"""

from __future__ import annotations

import html
import itertools
import json
import posixpath
import sys
from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from laeken.analyses import analysis_pages  # noqa: E402
from laeken.drafts import site_analyses  # noqa: E402
from laeken.errors import ContentError  # noqa: E402
from laeken.generated import SharedMarkdown, add_generated_pages, add_to_toc, restore_generated_pages  # noqa: E402
from laeken.interface import interface_by_language  # noqa: E402
from laeken.languages import LANGUAGES, SOURCE_LANGUAGE  # noqa: E402
from laeken.safe import markdown_field, markdown_text, one_line  # noqa: E402
from laeken.text import plain_text, sort_key  # noqa: E402
from laeken.typography import typeset  # noqa: E402
from laeken.urls import page_link, page_uri, url_path  # noqa: E402
from laeken.vocabulary import load_vocabulary  # noqa: E402

KINDS = {"themes": "themes", "sectors": "secteurs"}  # vocabulary -> URL folder
JSON_SCHEMA = "assets/analyses.schema.json"
# The lists of a theme or sector page stay out of the search index (Material leaves out a
# heading's section marked so): they are titles of chapters and sections that search finds on
# their own pages, and each would come back once per theme and sector.
NOT_INDEXED = 'data-search-exclude="true"'
FOOTNOTES = '<div class="footnote">'  # where Python-Markdown's footnotes extension puts them
TERM_FOLDERS = tuple(f"{folder}/" for folder in KINDS.values())
PUBLICATIONS = "<!-- themes:publications -->"  # where a term page's list goes (on_page_content)

_state: dict = {}


def feed_name(lang: str, theme: str | None = None) -> str:
    return f"atom-{lang}{'-' + theme if theme else ''}.xml"


def json_name(lang: str) -> str:
    return f"analyses-{lang}.json"


@event_priority(-110)  # after mkdocs-static-i18n's on_config, which sets the language
def on_config(config):
    try:
        analyses = site_analyses(config)
        _state.update(
            lang=config.theme["language"],
            ui=interface_by_language(config.docs_dir),
            analyses=analyses,
            pages=analysis_pages(analyses),
            vocabularies={kind: load_vocabulary(config.docs_dir, kind) for kind in KINDS},
            tagged={},
            publications={},  # (term page, language) -> its list of what is tagged (see _term_page)
            shared_markdown=SharedMarkdown(config),
        )
    except ContentError as error:
        raise PluginError(f"Thèmes et secteurs : {error}") from None
    return config


def _ui(lang):
    return _state["ui"][lang]


# --- What is tagged --------------------------------------------------------------------------


def tagged(kind: str, slug: str, lang: str) -> list[dict]:
    """Entries tagged with a theme or sector, newest analysis first (analyses are sorted)."""
    if (kind, lang) not in _state["tagged"]:  # every slug of a kind at once, once per build
        _state["tagged"][(kind, lang)] = _tagged(kind, lang)
    return _state["tagged"][(kind, lang)].get(slug, [])


def _tagged(kind: str, lang: str) -> dict[str, list[dict]]:
    """slug -> its entries, for every slug of `kind` that something is tagged with."""
    entries: dict[str, list[dict]] = {}
    for analysis in _state["analyses"]:
        title = analysis.field("title", lang)
        if kind == "themes":
            for slug in dict.fromkeys(analysis.meta.get("themes") or []):
                entries.setdefault(slug, []).append({"analysis": analysis, "uri": analysis.src_uri, "anchor": None, "title": title})
        for chapter in analysis.chapters:
            chapter_title = chapter.title(lang)
            uri = analysis.chapter_uri(chapter)
            if kind == "themes":
                for slug in dict.fromkeys(chapter.themes):
                    entries.setdefault(slug, []).append({"analysis": analysis, "uri": uri, "anchor": None, "title": chapter_title})
            if kind == "sectors":
                for section_id, section_title, sector in chapter.sections(lang):
                    if sector:
                        entries.setdefault(sector, []).append({"analysis": analysis, "uri": uri, "anchor": section_id,
                                                               "title": f"{chapter_title} › {section_title}"})
    return entries


# --- Generated pages ---------------------------------------------------------------------------


def _link(from_uri: str, to_uri: str, anchor: str | None = None) -> str:
    target = posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")
    return f"{target}#{anchor}" if anchor else target


def _index_page(kind: str, lang: str) -> str:
    ui = _ui(lang)
    folder = KINDS[kind]
    uri = f"{folder}/index.md"
    # The title in JSON, which is YAML: any text reads back as it is.
    lines = [f"---\ntitle: {json.dumps(ui[f'{kind}_title'], ensure_ascii=False)}\ntranslation: false\n---\n",
             f"# {markdown_text(ui[f'{kind}_title'])} {{ #{folder} }}\n", markdown_text(ui[f"{kind}_intro"]) + "\n"]
    for slug, entry in sorted(_state["vocabularies"][kind].items(), key=lambda item: sort_key(item[1][lang]["name"])):
        count = len(tagged(kind, slug, lang))
        lines.append(f"- [{markdown_text(entry[lang]['name'])}]({_link(uri, f'{folder}/{slug}.md')}) — "
                     f"{markdown_field(one_line(entry[lang]['description']))} ({count})")
    return "\n".join(lines) + "\n"


def _term_page(kind: str, slug: str, lang: str) -> str:
    ui = _ui(lang)
    folder = KINDS[kind]
    uri = f"{folder}/{slug}.md"
    entry = _state["vocabularies"][kind][slug][lang]
    lines = [f"---\ntitle: {json.dumps(entry['name'], ensure_ascii=False)}\ntranslation: false\n---\n",
             f"# {markdown_text(entry['name'])} {{ #{slug} }}\n", markdown_field(entry["description"]) + "\n",
             f"## {markdown_text(ui['tagged_title'])} {{ #publications {NOT_INDEXED} }}\n"]
    entries = tagged(kind, slug, lang)
    if not entries:
        lines.append(markdown_text(ui["tagged_none"]) + "\n")
    # What is tagged goes in after Markdown (on_page_content), in HTML with final addresses: a
    # sector page links to a section of every chapter of every year, which Markdown would parse
    # and MkDocs resolve one by one; and each analysis's heading is the same on every page
    # that lists it, rendered once (SharedMarkdown).
    sections = []
    for analysis, items in itertools.groupby(entries, key=lambda item: item["analysis"]):
        heading = f"### {analysis.year} · {markdown_text(analysis.field('title', lang))} {{ #{analysis.folder} {NOT_INDEXED} }}"
        links = []
        for item in items:
            target = page_link(uri, item["uri"])
            target += f"#{item['anchor']}" if item["anchor"] else ""
            links.append(f'<li><a href="{html.escape(target)}">{html.escape(plain_text(item["title"]))}</a></li>')
        sections.append((heading, "<ul>" + "".join(links) + "</ul>"))
    if sections:
        _state["publications"][(uri, lang)] = sections
        lines.append(f"\n{PUBLICATIONS}\n")
    if kind == "themes":
        # The page is served at [/nl]/<folder>/<slug>/; the feeds are at the site root.
        depth = 2 + (lang != SOURCE_LANGUAGE)
        feed = "../" * depth + feed_name(lang, slug)
        lines.append(f'\n<p class="feed-link"><a href="{feed}" type="application/atom+xml">{html.escape(ui["feed_theme"])}</a></p>\n')
    return "\n".join(lines) + "\n"


def on_files(files, config):
    """Add the theme and sector pages, in both languages, before mkdocs-static-i18n sorts them.
    (add_generated_pages: a path in docs_dir now, their text back in on_nav)."""
    generated = {}
    for kind, folder in KINDS.items():
        for lang in LANGUAGES:
            generated[f"{folder}/index.{lang}.md"] = _index_page(kind, lang)
            for slug in _state["vocabularies"][kind]:
                generated[f"{folder}/{slug}.{lang}.md"] = _term_page(kind, slug, lang)
    try:
        add_generated_pages(files, config, generated)
    except ContentError as error:
        raise PluginError(f"Thèmes et secteurs : {error}") from None
    _state["generated"] = generated
    return files


@event_priority(-120)
def on_nav(nav, config, files):
    restore_generated_pages(files, _state["generated"])
    # The analyses' headings of the term pages, rendered before any page is: the hooks'
    # Markdown extensions then have no page to act on.
    _state["shared_markdown"].render_headings(
        heading for (_, lang), sections in _state["publications"].items() if lang == _state["lang"]
        for heading, _ in sections)
    return nav


# --- Term page lists and analysis page tags, after Markdown ------------------------------------


def on_page_content(html_text, page, config, files):
    """A theme or sector page gets its lists; an analysis page, its themes and sectors at the
    end of its text (before its footnotes). Both in HTML with final addresses, put in after
    Markdown: nothing for Markdown to parse or MkDocs to check on every page."""
    uri = page_uri(page.file)
    if uri.startswith(TERM_FOLDERS):  # a theme or sector page
        return _publications(html_text, page, uri)
    # Labels and names in the build's language, also on a page that falls back to French.
    lang = _state["lang"]
    ui = _ui(lang)
    analysis, chapter = _state["pages"].get(uri, (None, None))
    if analysis is None:
        return html_text
    if chapter is None:  # the presentation page: the analysis's themes, all its sectors
        themes, sectors = list(analysis.meta.get("themes") or []), []
        for each in analysis.chapters:
            sectors += [sector for _, _, sector in each.sections(lang) if sector not in sectors]
    else:
        themes = chapter.themes
        sectors = list(dict.fromkeys(sector for _, _, sector in chapter.sections(lang)))
    parts = []
    for kind, slugs in (("themes", themes), ("sectors", sectors)):
        known = _state["vocabularies"][kind]
        links = [f'<a href="{page_link(uri, f"{KINDS[kind]}/{slug}.md")}">{html.escape(known[slug][lang]["name"], quote=False)}</a>'
                 for slug in slugs if slug in known]
        if links:
            parts.append(f"{html.escape(ui[f'{kind}_label'], quote=False)} {' · '.join(links)}")
    if not parts:
        return html_text
    marked = f' lang="{lang}"' if getattr(page.file, "locale", lang) != lang else ""
    tags = f'<p class="page-tags"{marked}>' + "<br />\n".join(parts) + "</p>\n"
    footnotes = html_text.find(FOOTNOTES)
    if footnotes < 0:
        return html_text.rstrip("\n") + "\n" + tags
    return html_text[:footnotes] + tags + html_text[footnotes:]


def _publications(html_text: str, page, uri: str) -> str:
    """A term page's list of what is tagged (see _term_page): each analysis's heading, in the
    page and in its table of contents, and the links under it."""
    sections = _state["publications"].get((uri, _state["lang"]))
    if not sections:
        return html_text
    parts, tokens = [], []
    for heading, links in sections:
        heading_html, heading_tokens = _state["shared_markdown"].render(heading)
        parts.append(f"{heading_html}\n{links}")
        tokens += heading_tokens
    add_to_toc(page, "publications", tokens)
    return html_text.replace(PUBLICATIONS, "\n\n".join(parts), 1)


# --- Head links, feeds and JSON ------------------------------------------------------------------


def on_page_context(context, page, config, nav):
    lang = config.theme["language"]
    ui = _ui(lang)
    feeds = [(ui["feed_all"], feed_name(lang))]
    uri = page_uri(page.file)
    if uri.startswith("themes/") and uri != "themes/index.md":
        slug = posixpath.splitext(posixpath.basename(uri))[0]
        feeds.append((ui["feed_theme"], feed_name(lang, slug)))
    depth = page.url.count("/")  # from the page's folder back to the site root
    context["site_feeds"] = [(title, "../" * depth + name) for title, name in feeds]
    context["site_data"] = "../" * depth + json_name(lang)
    return context


def _absolute(config, path: str) -> str:
    return config.site_url.rstrip("/") + "/" + path.lstrip("/")


def _date(analysis) -> str:
    parts = [int(p) for p in str(analysis.meta.get("published") or analysis.year).split("-")][:3]
    parts += [1] * (3 - len(parts))
    return datetime(*parts, tzinfo=timezone.utc).isoformat().replace("+00:00", "Z")


def atom(config, lang: str, theme: str | None) -> str:
    ui = _ui(lang)
    # The analyses tagged with the theme (themselves or a chapter), in one pass over its entries.
    in_theme = None if theme is None else {id(entry["analysis"]) for entry in tagged("themes", theme, lang)}
    analyses = [a for a in _state["analyses"] if in_theme is None or id(a) in in_theme]
    title = config.site_name
    if theme:
        title += " — " + _state["vocabularies"]["themes"][theme][lang]["name"]
    self_url = _absolute(config, feed_name(lang, theme))
    home = _absolute(config, "" if lang == SOURCE_LANGUAGE else f"{lang}/")
    dates = {a.folder: _date(a) for a in analyses}
    updated = max(dates.values(), default="2020-01-01T00:00:00Z")
    themes = _state["vocabularies"]["themes"]
    entries = []
    for analysis in analyses:
        url = _absolute(config, url_path(analysis.src_uri, lang))
        categories = "".join(
            f'<category term="{slug}" label="{xml_escape(themes[slug][lang]["name"], {chr(34): "&quot;"})}"/>'
            for slug in analysis.meta.get("themes") or [] if slug in themes
        )
        # An entry whose text is still French in another language's feed says so.
        entry_lang = "" if analysis.translations.get(lang, {}).get("title") or lang == SOURCE_LANGUAGE else f' xml:lang="{SOURCE_LANGUAGE}"'
        text_lang = SOURCE_LANGUAGE if entry_lang else lang  # set as on the pages (laeken/typography.py)
        entries.append(
            f"<entry{entry_lang}><title>{xml_escape(typeset(analysis.field('title', lang), text_lang))}</title>"
            f'<link rel="alternate" type="text/html" hreflang="{lang}" href="{url}"/>'
            f"<id>{url}</id><published>{dates[analysis.folder]}</published><updated>{dates[analysis.folder]}</updated>"
            + "".join(f"<author><name>{xml_escape(a)}</name></author>" for a in analysis.meta["authors"])
            + f"<summary>{xml_escape(typeset(' '.join(str(analysis.field('summary', lang)).split()), text_lang))}</summary>"
            f"{categories}</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">'
        f"<title>{xml_escape(typeset(title, lang))}</title><subtitle>{xml_escape(typeset(ui['feed_theme' if theme else 'feed_all'], lang))}</subtitle>"
        f'<link rel="self" type="application/atom+xml" href="{self_url}"/>'
        f'<link rel="alternate" type="text/html" href="{home}"/>'
        f"<id>{self_url}</id><updated>{updated}</updated>"
        f"<author><name>{xml_escape(config.extra['publisher']['name'])}</name></author>"
        + "".join(entries) + "</feed>\n"
    )


def data(config, lang: str) -> dict:
    vocabularies = _state["vocabularies"]
    analyses = []
    for analysis in _state["analyses"]:
        chapters = []
        for chapter in analysis.chapters:
            url = _absolute(config, url_path(analysis.chapter_uri(chapter), lang))
            chapters.append({
                "title": chapter.title(lang),
                "url": url,
                "themes": list(chapter.themes),
                "sections": [{"id": section_id, "title": title, "sector": sector, "url": f"{url}#{section_id}"}
                             for section_id, title, sector in chapter.sections(lang)],
            })
        analyses.append({
            "id": analysis.folder,
            "title": analysis.field("title", lang),
            "year": analysis.year,
            "published": str(analysis.meta.get("published", analysis.year)),
            "kind": analysis.meta["kind"],
            "follows": analysis.meta.get("follows"),
            "authors": list(analysis.meta["authors"]),
            "summary": " ".join(str(analysis.field("summary", lang)).split()),
            "url": _absolute(config, url_path(analysis.src_uri, lang)),
            "themes": list(analysis.meta.get("themes") or []),
            "chapters": chapters,
        })

    def terms(kind):
        return [{"slug": slug, "name": entry[lang]["name"], "description": entry[lang]["description"],
                 "url": _absolute(config, url_path(f"{KINDS[kind]}/{slug}.md", lang)),
                 **({"feed": _absolute(config, feed_name(lang, slug))} if kind == "themes" else {})}
                for slug, entry in vocabularies[kind].items()]

    return {
        "$schema": _absolute(config, JSON_SCHEMA),
        "language": lang,
        "site": _absolute(config, "" if lang == SOURCE_LANGUAGE else f"{lang}/"),
        "feed": _absolute(config, feed_name(lang)),
        "analyses": analyses,
        "themes": terms("themes"),
        "sectors": terms("sectors"),
    }


def on_post_build(config):
    lang = _state["lang"]
    root = Path(config.site_dir)
    if root.name == lang:
        root = root.parent
    (root / feed_name(lang)).write_text(atom(config, lang, None), encoding="utf-8")
    for theme in _state["vocabularies"]["themes"]:
        (root / feed_name(lang, theme)).write_text(atom(config, lang, theme), encoding="utf-8")
    (root / json_name(lang)).write_text(
        # Compact, as data for programs is: Python's JSON writer is pure Python (slow) when it indents.
        json.dumps(data(config, lang), ensure_ascii=False) + "\n", encoding="utf-8"
    )
