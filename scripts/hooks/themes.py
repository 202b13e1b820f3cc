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
import re
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
from laeken.generated import SharedMarkdown, add_generated_pages, add_to_toc, redirect_page, restore_generated_pages  # noqa: E402
from laeken.interface import interface_by_language  # noqa: E402
from laeken.languages import LANGUAGES, SOURCE_LANGUAGE  # noqa: E402
from laeken.safe import markdown_field, markdown_text, one_line  # noqa: E402
from laeken.text import plain_text, sort_key  # noqa: E402
from laeken.typography import typeset  # noqa: E402
from laeken.urls import page_link, page_uri, url_path  # noqa: E402
from laeken.vocabulary import LATEST, TERM_FOLDERS as KINDS, load_vocabulary  # noqa: E402

JSON_SCHEMA = "assets/analyses.schema.json"
# The lists of a theme or sector page stay out of the search index (Material leaves out a
# heading's section marked so): they are titles of chapters and sections that search finds on
# their own pages, and each would come back once per theme and sector.
NOT_INDEXED = 'data-search-exclude="true"'
FOOTNOTES = '<div class="footnote">'  # where Python-Markdown's footnotes extension puts them
TERM_FOLDERS = tuple(f"{folder}/" for folder in KINDS.values())
PUBLICATIONS = "<!-- themes:publications -->"  # where a term page's list goes (on_page_content)
EXCERPT = re.compile(r"<!-- themes:excerpt (\d+) -->")  # where an excerpt goes (on_page_context)
EXCERPT_WORDS = 60  # a longer first paragraph is cut at the last sentence's end within this many words
PARAGRAPH_START = re.compile(r'<p id="p(\d+)"[^>]*>')  # a numbered paragraph; its text ends at the first </p>
PARAGRAPH_NUMBER = re.compile(r'<a [^>]*class="paragraph-number"[^>]*>.*?</a>\s*', re.S)
ID_ATTRIBUTE = re.compile(r'\sid="[^"]*"')
HREF = re.compile(r'\shref="([^"]*)"')
NOT_RELATIVE = re.compile(r"^[a-z][a-z0-9+.-]*:|^/|^//")  # an address with a scheme, or from the root
TAG = re.compile(r"<[^>]+>")
TAG_NAME = re.compile(r"</?([a-zA-Z0-9]+)")
TOKENS = re.compile(r"(<[^>]+>)|([^<]+)")
SENTENCE_END = re.compile(r"[.!?…][»”’\")]*(?=\s)")
VOID = {"br", "img", "wbr", "hr", "input"}

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
            analysis_pages={},  # analysis page uri -> its page in this build (its content is the excerpts' source)
            excerpts=[],  # (uri, anchor) of each excerpt placeholder of this build's term pages
            excerpt_html={},  # (uri, anchor) -> its excerpt's HTML, made once per build
            relpaths={},  # (target, start) -> relative path, for the excerpts' links (many lead to the same page)
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


def _term_page(kind: str, slug: str, lang: str, config) -> str:
    ui = _ui(lang)
    folder = KINDS[kind]
    uri = f"{folder}/{slug}.md"
    entry = _state["vocabularies"][kind][slug][lang]
    entries = tagged(kind, slug, lang)
    lines = [f"---\ntitle: {json.dumps(entry['name'], ensure_ascii=False)}\ntranslation: false\n---\n",
             f"# {markdown_text(entry['name'])} {{ #{slug} }}\n", markdown_field(entry["description"]) + "\n"]
    if entries:
        analyses = list({id(item["analysis"]): item["analysis"] for item in entries}.values())
        count = ui["dossier_count_one" if len(analyses) == 1 else "dossier_count_many"]
        since = min(int(a.year) for a in analyses)
        lines.append(markdown_text(count.format(count=len(analyses), year=since)) + "\n")
    lines.append(f"## {markdown_text(ui['tagged_title'])} {{ #publications {NOT_INDEXED} }}\n")
    if not entries:
        lines.append(markdown_text(ui["tagged_none"]) + "\n")
    # What is tagged goes in after Markdown (on_page_content), in HTML with final addresses: a
    # sector page links to a section of every chapter of every year, which Markdown would parse
    # and MkDocs resolve one by one; and each analysis's heading is the same on every page
    # that lists it, rendered once (SharedMarkdown). The excerpts go in last (on_page_context),
    # once every analysis page is rendered: they are quoted from the built text.
    sections = []
    for analysis, items in itertools.groupby(entries, key=lambda item: item["analysis"]):
        heading = f"### {analysis.year} · {markdown_text(analysis.field('title', lang))} {{ #{analysis.folder} {NOT_INDEXED} }}"
        parts = [f'<p class="dossier-kind">{html.escape(ui["kind_" + analysis.meta["kind"]], quote=False)}</p>']
        for item in items:
            target = page_link(uri, item["uri"])
            target += f"#{item['anchor']}" if item["anchor"] else ""
            parts.append(f'<div class="dossier-entry"><p class="dossier-title"><a href="{html.escape(target)}">'
                         f'{html.escape(plain_text(item["title"]))}</a></p>\n'
                         f'<!-- themes:excerpt {len(_state["excerpts"])} --></div>')
            _state["excerpts"].append((item["uri"], item["anchor"], target))
        sections.append((heading, "\n".join(parts)))
    if sections:
        _state["publications"][(uri, lang)] = sections
        lines.append(f"\n{PUBLICATIONS}\n")
    lines.append(_share_block(kind, slug, lang, config))
    return "\n".join(lines) + "\n"


def _share_block(kind: str, slug: str, lang: str, config) -> str:
    """Addresses for partners to copy: the page, its latest publication, the feed, the JSON."""
    ui = _ui(lang)
    uri = f"{KINDS[kind]}/{slug}.md"
    page = _absolute(config, url_path(uri, lang))
    rows = [("page", ui["dossier_share_page"], page), ("latest", ui["dossier_share_latest"], f"{page}{LATEST}/")]
    if kind == "themes":
        rows.append(("feed", ui["dossier_share_feed"], _absolute(config, feed_name(lang, slug))))
    rows.append(("json", ui["dossier_share_json"], _absolute(config, json_name(lang))))
    title = ui["dossier_share_theme" if kind == "themes" else "dossier_share_sector"]
    fields = "".join(
        f'<p><label for="share-{name}">{html.escape(label, quote=False)}</label>'
        f'<input id="share-{name}" type="url" readonly value="{html.escape(value)}"></p>\n'
        for name, label, value in rows)
    return f"\n## {markdown_text(title)} {{ #relayer {NOT_INDEXED} }}\n\n<div class=\"dossier-share\">\n{fields}</div>\n"


def on_files(files, config):
    """Add the theme and sector pages, in both languages, before mkdocs-static-i18n sorts them.
    (add_generated_pages: a path in docs_dir now, their text back in on_nav)."""
    generated = {}
    for kind, folder in KINDS.items():
        for lang in LANGUAGES:
            generated[f"{folder}/index.{lang}.md"] = _index_page(kind, lang)
            for slug in _state["vocabularies"][kind]:
                generated[f"{folder}/{slug}.{lang}.md"] = _term_page(kind, slug, lang, config)
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
    _state["analysis_pages"][uri] = page
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


# --- Excerpts, from the built analysis pages --------------------------------------------------


def _excerpt(uri: str, section: str | None, target: str, from_url: str, config) -> str:
    """The quotation of a tagged page or section: its first numbered paragraph as built (glossary
    terms and all), cut at a sentence's end, with its § and a link to read on."""
    lang = _state["lang"]
    ui = _ui(lang)
    page = _state["analysis_pages"].get(uri)
    read_on = f'<a href="{html.escape(target)}">{html.escape(ui["dossier_read_on"], quote=False)}</a>'
    if page is None or not page.content:
        return f'<p class="dossier-source">{read_on}</p>'
    content = page.content
    start = 0
    if section:  # the first paragraph after the section's heading
        start = max(content.find(f'id="{section}"'), 0)
    match = PARAGRAPH_START.search(content, start)
    end = content.find("</p>", match.end()) if match is not None else -1  # (str.find: a lazy regex is slower)
    if end >= 0 and section:  # none in the section (a list, a table): no excerpt from the next one
        following = content.find("<h2", start + 1)
        end = -1 if 0 <= following < match.start() else end
    if end < 0:
        return f'<p class="dossier-source">{read_on}</p>'
    number, inner = match.group(1), content[match.end():end]
    text_lang = getattr(page.file, "locale", lang)
    inner = _cut(_relocate(PARAGRAPH_NUMBER.sub("", inner, count=1), page.url, from_url))
    paragraph = page_link(_term_uri_of(from_url), uri) + f"#p{number}"
    cite = _absolute(config, url_path(uri, lang)) + f"#p{number}"
    marked = f' lang="{text_lang}"' if text_lang != lang else ""
    notice = (f'<p class="dossier-notice">{html.escape(ui["dossier_excerpt_untranslated"], quote=False)}</p>'
              if text_lang != lang else "")
    return (f'{notice}<blockquote class="dossier-excerpt" cite="{html.escape(cite)}"{marked}><p>{inner}</p></blockquote>'
            f'<p class="dossier-source"><a href="{html.escape(paragraph)}">§\u00a0{number}</a> · {read_on}</p>')


def _term_uri_of(url: str) -> str:
    """A term page's source path from its URL (directory URLs, language prefix dropped)."""
    path = url[len(_state["lang"]) + 1:] if _state["lang"] != SOURCE_LANGUAGE else url
    return path.rstrip("/") + ".md"


def _relocate(fragment: str, from_url: str, to_url: str) -> str:
    """Ids dropped (they are the chapter's), links rewritten to lead to the same place from the term page."""
    if 'id="' in fragment:  # seldom: a plain test first, quicker than the regex
        fragment = ID_ATTRIBUTE.sub("", fragment)
    base = from_url.rstrip("/") or "/"  # a directory URL's folder: posixpath.dirname(url.rstrip("/") + "/x")
    start = to_url.rstrip("/") or "/"
    relpaths = _state["relpaths"]

    def moved(match):
        href = html.unescape(match.group(1))
        if NOT_RELATIVE.match(href):
            return match.group(0)
        path, _, fragment_id = href.partition("#")
        target = posixpath.normpath(posixpath.join(base, path)) + ("/" if path.endswith("/") or not path else "")
        relative = relpaths.get((target, start))
        if relative is None:  # posixpath.relpath is slow, and the excerpts link to the same pages (glossary...)
            relative = relpaths[(target, start)] = posixpath.relpath(target, start)
        relative += "/" if target.endswith("/") and not relative.endswith("/") else ""
        return f' href="{html.escape(relative + ("#" + fragment_id if fragment_id else ""))}"'

    return HREF.sub(moved, fragment)


def _cut(fragment: str) -> str:
    """The paragraph whole if it is short; else its first sentences within EXCERPT_WORDS words (at
    least one), open elements closed."""
    if len(TAG.sub(" ", fragment).split()) <= EXCERPT_WORDS:
        return fragment
    words, stack, out, best = 0, [], [], None
    for tag, text in TOKENS.findall(fragment):
        if tag:
            out.append(tag)
            name = TAG_NAME.match(tag)
            if name and name.group(1).lower() not in VOID and not tag.endswith("/>"):
                if tag.startswith("</"):
                    if stack:
                        stack.pop()
                else:
                    stack.append(name.group(1).lower())
            continue
        for end in SENTENCE_END.finditer(text):
            count = words + len(text[:end.end()].split())
            if best is not None and count > EXCERPT_WORDS:
                break
            best = (len(out), text[:end.end()], list(stack))  # joined once, at the end
        words += len(text.split())
        out.append(text)
        if best is not None and words > EXCERPT_WORDS:
            break
    if best is None:
        return fragment
    before, kept, open_elements = best
    return "".join(out[:before]) + kept + "".join(f"</{name}>" for name in reversed(open_elements))


def _fill_excerpts(page, config) -> None:
    def fill(match):
        uri, section, target = _state["excerpts"][int(match.group(1))]
        key = (uri, section, page.url.count("/"))  # every term page is as deep: links the same
        if key not in _state["excerpt_html"]:
            _state["excerpt_html"][key] = _excerpt(uri, section, target, page.url, config)
        return _state["excerpt_html"][key]

    page.content = EXCERPT.sub(fill, page.content)


# --- Head links, feeds and JSON ------------------------------------------------------------------


def on_page_context(context, page, config, nav):
    lang = config.theme["language"]
    ui = _ui(lang)
    feeds = [(ui["feed_all"], feed_name(lang))]
    uri = page_uri(page.file)
    if uri.startswith(TERM_FOLDERS) and page.content and "<!-- themes:excerpt" in page.content:
        _fill_excerpts(page, config)  # every page's content is built by now (MkDocs renders all, then writes each)
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
    _write_latest(config, lang, root)
    (root / json_name(lang)).write_text(
        # Compact, as data for programs is: Python's JSON writer is pure Python (slow) when it indents.
        json.dumps(data(config, lang), ensure_ascii=False) + "\n", encoding="utf-8"
    )


def _write_latest(config, lang: str, root: Path) -> None:
    """/<folder>/<slug>/derniere/: a page that sends to the newest publication on the term
    (the term's page while nothing is tagged), rewritten at each build."""
    prefix = "" if lang == SOURCE_LANGUAGE else f"{lang}/"
    ui = _ui(lang)
    for kind, folder in KINDS.items():
        for slug, names in _state["vocabularies"][kind].items():
            entries = tagged(kind, slug, lang)
            latest = f"{prefix}{folder}/{slug}/{LATEST}/"
            if entries:
                target = url_path(entries[0]["uri"], lang) + (f"#{entries[0]['anchor']}" if entries[0]["anchor"] else "")
            else:
                target = url_path(f"{folder}/{slug}.md", lang)
            relative = "../" * latest.count("/") + target
            title = f"{ui['dossier_latest_title']} : {names[lang]['name']}" if lang == "fr" else \
                f"{ui['dossier_latest_title']}: {names[lang]['name']}"
            destination = root / latest / "index.html"
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text(redirect_page(lang, typeset(title, lang), relative, _absolute(config, target)),
                                   encoding="utf-8")
