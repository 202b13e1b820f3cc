"""Hook: citing an analysis.

On every page of an analysis, in the page's language:
- numbered paragraphs: each top-level paragraph gets the anchor `#pN` and a discreet
  visible number (a link to itself), like scholarly journals online;
- a cite box (overrides/partials/cite-box.html) with a ready reference, a copy button
  (Material's clipboard; assets/javascripts/cite.js adds today's date) and downloads;
- a copy-the-reference button on each section heading, with the section's anchor;
- metadata in the head: Highwire `citation_*` (Zotero files it as a report), Dublin Core,
  Open Graph, schema.org JSON-LD, and the summary as the meta description;
- BibTeX, RIS and CSL-JSON files per analysis and language, written after the build.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import sys
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from laeken.analyses import ANALYSES_DIR, analysis_pages  # noqa: E402
from laeken.drafts import site_analyses  # noqa: E402
from laeken.interface import interface_by_language  # noqa: E402
from laeken.languages import LANGUAGES, SOURCE_LANGUAGE  # noqa: E402
from laeken.organisation import load_organisation  # noqa: E402
from laeken.safe import json_in_html, one_line  # noqa: E402
from laeken.urls import page_uri  # noqa: E402
from laeken.vocabulary import load_vocabulary  # noqa: E402

LOCALES = {"fr": "fr_BE", "nl": "nl_BE"}
RAW_HTML_PLACEHOLDER = re.compile("\x02wzxhzdk:\\d+\x03")
TAG = re.compile(r"<[^>]+>")
SECTION_HEADING = re.compile(r'(<h([23])\b[^>]*?\sid="([^"]+)"[^>]*>)(.*?)(</h\2>)', re.DOTALL)
QUOTE_ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">'
    '<path d="M14 17h3l2-4V7h-6v6h3M6 17h3l2-4V7H5v6h3z"/></svg>'
)

_state: dict = {}


@event_priority(-110)  # after mkdocs-static-i18n's on_config, which sets the language
def on_config(config):
    analyses = site_analyses(config)
    _state.update(
        lang=config.theme["language"],
        analyses=analyses,
        pages=analysis_pages(analyses),
        docs_dir=config.docs_dir,
        themes=load_vocabulary(config.docs_dir, "themes"),  # for the keywords of each page
        ui=interface_by_language(config.docs_dir),
        organisation=load_organisation(config.docs_dir),  # months not confirmed
        page=None,
        # Made once per build: every section heading and page of an analysis repeats them.
        references={},  # (folder, chapter title, lang) -> the reference's parts (reference_parts)
        facts={},  # (folder, lang) -> what the head says of the analysis itself (_facts)
    )
    if not any(isinstance(ext, ParagraphNumbersExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(ParagraphNumbersExtension())
    return config



def _analysis_of(page):
    """(analysis, chapter or None) when the page belongs to an analysis, else (None, None)."""
    return _state["pages"].get(page_uri(page.file), (None, None))


def on_page_markdown(markdown, page, config, files):
    analysis, _ = _analysis_of(page)
    _state["page"] = page if analysis else None  # the tree processor numbers this page
    if analysis:
        lang = getattr(page.file, "locale", _state["lang"])
        page.meta["description"] = " ".join(str(analysis.field("summary", lang)).split())
    return markdown


class ParagraphNumbers(Treeprocessor):
    """Number the top-level paragraphs of an analysis page: id="pN" and a visible number."""

    def run(self, root):
        page = _state.get("page")
        if page is None:
            return
        lang = getattr(page.file, "locale", _state["lang"])
        label = _ui(lang)["paragraph_label"]
        number = 0
        for element in root:
            if element.tag != "p" or element.get("class") or element.get("id"):
                # Generated lines (byline...) carry a class, and so does a paragraph that continues
                # the one before and shares its number (laeken.translations.CONTINUED); keep explicit ids.
                continue
            if len(element) == 0 and RAW_HTML_PLACEHOLDER.fullmatch((element.text or "").strip()):
                continue  # a raw HTML block, not a paragraph of the text
            number += 1
            element.set("id", f"p{number}")
            marker = etree.Element(
                "a",
                {"class": "paragraph-number", "href": f"#p{number}", "data-number": str(number),
                 "aria-label": f"{label} {number}"},
            )
            marker.tail, element.text = element.text, None
            element.insert(0, marker)


class ParagraphNumbersExtension(Extension):
    def extendMarkdown(self, md):
        # After attr_list (8) and pymdownx.smartsymbols's inline pass (6.1), which need not walk
        # the numbers; before MkDocs collects the anchors (5), so links to #pN are checked.
        md.treeprocessors.register(ParagraphNumbers(md), "paragraph_numbers", 6)


def _ui(lang):
    return _state["ui"][lang]


def _quoted(text, ui):
    return f"{ui['cite_open_quote']}{text}{ui['cite_close_quote']}"


def reference_parts(analysis, chapter_title, section_title, lang, config):
    """The reference as (plain text, HTML), without the consultation date."""
    key = (analysis.folder, chapter_title, lang)
    if key not in _state["references"]:
        _state["references"][key] = _reference_frame(analysis, chapter_title, lang, config)
    lead, rest_text, rest_html = _state["references"][key]
    if section_title:
        lead += _quoted(section_title, _ui(lang)) + ". "
    return lead + rest_text, html.escape(lead) + rest_html


def _reference_frame(analysis, chapter_title, lang, config):
    """The reference's authors and year, then the rest after the section's title (plain text,
    HTML): the same for every section of a chapter."""
    ui = _ui(lang)
    publisher = config.extra["publisher"]
    authors = ", ".join(analysis.meta["authors"])
    title = analysis.field("title", lang)
    place = publisher.get(f"place_{lang}", publisher.get("place_fr", ""))
    sep = "\u00a0:" if lang == "fr" else ":"
    lead = f"{authors} ({analysis.year}). "
    if chapter_title:
        inside = _quoted(chapter_title, ui)
        rest_text = f"{inside}. {ui['cite_in']} {title}. "
        rest_html = f"{html.escape(inside)}. {html.escape(ui['cite_in'])} <i>{html.escape(title)}</i>. "
    else:
        rest_text = f"{title}. "
        rest_html = f"<i>{html.escape(title)}</i>. "
    tail = f"{place}{sep} {publisher['name']}. "
    if lang != SOURCE_LANGUAGE:
        tail += ui["cite_translation"] + " "
    tail += f"{config.site_name}."
    return lead, rest_text + tail, rest_html + html.escape(tail)


def _keywords(analysis, lang):
    """The analysis's themes, by their names in `lang`."""
    themes = _state["themes"]
    return [themes[slug][lang]["name"] if slug in themes else str(slug) for slug in analysis.meta.get("themes", [])]


def _export_base(analysis, lang):
    prefix = "" if lang == SOURCE_LANGUAGE else f"{lang}/"
    return f"{prefix}{ANALYSES_DIR}/{analysis.folder}/{analysis.folder}.{lang}"


def _absolute(config, url_path):
    return config.site_url.rstrip("/") + "/" + url_path.lstrip("/")


def _date_parts(analysis):
    """[year, month] of publication; the year only while the coordination has not confirmed
    the month (docs/_data/organisation.yml): a reference manager would keep it as a fact."""
    if not _state["organisation"].confirmed(analysis.folder, "published"):
        return [analysis.year]
    published = str(analysis.meta.get("published") or analysis.year)
    return [int(part) for part in published.split("-")[:3]]


def institutional(author) -> str:
    """An author's name as `citation_author` for one institutional name. Zotero's Embedded
    Metadata translator passes each name to ZU.cleanAuthor, which cuts a name without a
    comma at its last space ("Coordination sociale de" + "Laeken"); a name with a comma is
    "Last, First", and with nothing after the comma it keeps the whole name as one field
    (the translation server and the connector save it as `name`). Google Scholar's
    guidelines give names as "Last, First" too: the whole name is then the family name, as
    for an institution. (A name holding a comma or a semicolon of its own would still be
    split.) The exports already name it as one (BibTeX braces, RIS, CSL `literal`)."""
    return f"{one_line(author)},"


def _facts(analysis, lang, config):
    """What the head says of the analysis itself, the same on each of its pages."""
    key = (analysis.folder, lang)
    if key not in _state["facts"]:
        date = "/".join(f"{part:02d}" if i else str(part) for i, part in enumerate(_date_parts(analysis)))
        _state["facts"][key] = (
            analysis.field("title", lang),
            " ".join(str(analysis.field("summary", lang)).split()),
            date,
            date.replace("/", "-"),
            config.extra["publisher"]["name"],
            _keywords(analysis, lang),
        )
    return _state["facts"][key]


def _head_meta(analysis, chapter_title, page, lang, config):
    """(attribute, name, content) for each meta tag, and the JSON-LD object."""
    ui = _ui(lang)
    title, summary, date, iso_date, publisher, keywords = _facts(analysis, lang, config)
    full_title = f"{title} — {chapter_title}" if chapter_title else title
    url = page.canonical_url
    extra = config.extra
    meta = [("name", "citation_title", full_title)]
    meta += [("name", "citation_author", institutional(author)) for author in analysis.meta["authors"]]
    meta += [
        ("name", "citation_publication_date", date),
        ("name", "citation_language", lang),
        ("name", "citation_publisher", publisher),
        ("name", "citation_technical_report_institution", publisher),
        ("name", "citation_abstract", summary),
        ("name", "citation_public_url", url),
        ("name", "citation_fulltext_html_url", url),
    ]
    if extra.get("pdf"):  # the PDFs exist only in builds that make them (scripts/hooks/printing.py)
        meta.append(("name", "citation_pdf_url", _absolute(config, analysis.pdf_path(lang))))
    if keywords:
        meta.append(("name", "citation_keywords", "; ".join(keywords)))
    meta += [
        ("name", "DC.title", full_title),
        # As typed: Zotero reads DC.creator only for a page without citation_author.
        *[("name", "DC.creator", author) for author in analysis.meta["authors"]],
        ("name", "DC.date", iso_date),
        ("name", "DC.language", lang),
        ("name", "DC.publisher", publisher),
        ("name", "DC.description", summary),
        ("name", "DC.type", "Text"),
        ("name", "DC.identifier", url),
        ("name", "DC.rights", extra["licence"]["name"]),
        *[("name", "DC.subject", keyword) for keyword in keywords],
        ("property", "og:type", "article"),
        ("property", "og:title", full_title),
        ("property", "og:description", summary),
        ("property", "og:url", url),
        ("property", "og:site_name", config.site_name),
        ("property", "og:locale", LOCALES[lang]),
        *[("property", "og:locale:alternate", LOCALES[other]) for other in LANGUAGES if other != lang],
        ("property", "article:published_time", iso_date),
    ]
    alternates = {
        other_lang: _absolute(config, other_file.url)
        for other_lang, other_file in getattr(page.file, "alternates", {}).items()
    }
    organisation = {"@type": "Organization", "name": publisher}
    jsonld = {
        "@context": "https://schema.org",
        "@type": "Report",
        "@id": url,
        "url": url,
        "name": full_title,
        "headline": full_title,
        "inLanguage": lang,
        "author": [{"@type": "Organization", "name": author} for author in analysis.meta["authors"]],
        "publisher": organisation,
        "datePublished": iso_date,
        "description": summary,
        "keywords": keywords,
        "genre": ui[f"kind_{analysis.meta['kind']}"],
        "license": extra["licence"]["url"],
    }
    if chapter_title:
        index_url = _absolute(config, ("" if lang == SOURCE_LANGUAGE else f"{lang}/") + posixpath.dirname(analysis.src_uri) + "/")
        jsonld["isPartOf"] = {"@type": "Report", "@id": index_url, "name": title}
    original = alternates.get(SOURCE_LANGUAGE)
    if lang != SOURCE_LANGUAGE and original:
        jsonld["translationOfWork"] = {"@id": original}
    elif lang == SOURCE_LANGUAGE:
        translations = [{"@id": link, "inLanguage": other} for other, link in alternates.items() if other != lang]
        if translations:
            jsonld["workTranslation"] = translations
    return meta, jsonld


def on_page_context(context, page, config, nav):
    analysis, chapter = _analysis_of(page)
    if analysis is None:
        return context
    lang = getattr(page.file, "locale", _state["lang"])
    chapter_title = chapter.title(lang) if chapter else None
    text, reference_html = reference_parts(analysis, chapter_title, None, lang, config)
    meta, jsonld = _head_meta(analysis, chapter_title, page, lang, config)
    base = _export_base(analysis, lang)
    context["citation"] = {
        "reference": text,
        "reference_html": reference_html,
        "url": page.canonical_url,
        "meta": meta,
        "jsonld": json_in_html(jsonld),
        "exports": {kind: f"{base}.{extension}" for kind, extension in
                    (("BibTeX", "bib"), ("RIS", "ris"), ("CSL-JSON", "json"))},
    }
    return context


@event_priority(-110)
def on_post_page(output, page, config):
    """A button on each section heading that copies the section's own reference."""
    analysis, chapter = _analysis_of(page)
    if chapter is None:  # the presentation page's only section is its list of chapters
        return output
    lang = getattr(page.file, "locale", _state["lang"])
    ui = _ui(lang)
    chapter_title = chapter.title(lang)
    sep = "\u00a0:" if lang == "fr" else ":"
    title = html.escape(ui["cite_section"])

    def add_button(match):
        start, _, section_id, inner, end = match.groups()
        if section_id == "citer":
            return match.group(0)
        # The heading's text: HTML text holds quotes as they are, an attribute cannot.
        section_title = html.unescape(TAG.sub("", inner.split('<a class="headerlink"')[0]).strip())
        text, _ = reference_parts(analysis, chapter_title, section_title, lang, config)
        # cite.js puts today's date in place of {date}.
        text = f"{text} {page.canonical_url}#{section_id} ({ui['cite_consulted']} {{date}})."
        label = f"{ui['cite_section']}{sep} {section_title}"
        button = (
            f'<button type="button" class="cite-section" data-cite-reference="{html.escape(text)}" '
            f'title="{title}" '
            f'aria-label="{html.escape(label)}">{QUOTE_ICON}</button>'
        )
        return f"{start}{inner}{button}{end}"

    # The page's text only: the header, menus and footer hold no section of the chapter.
    start, end = output.find("<article"), output.rfind("</article>")
    if start < 0 or end < start:
        return output
    return output[:start] + SECTION_HEADING.sub(add_button, output[start:end]) + output[end:]


# --- Downloads: BibTeX, RIS, CSL-JSON ------------------------------------------------------


# BibTeX has no escaping of its own (and bibtexparser's writer, a test-only package here,
# writes values as given): its values are LaTeX. LaTeX's special characters are written as
# LaTeX, the backslash as a command (a value ending with `\` would escape its closing
# brace); `\{` and `\}` leave the braces that delimit the value balanced for BibTeX readers
# (bibtexparser, Zotero); `{}` between two dashes or quotes keeps LaTeX from joining them
# into one dash or quotation mark (`<!--` stays `<!--`). Text is on one line (export_record).
BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
BIBTEX_SPECIAL = re.compile("|".join(re.escape(char) for char in BIBTEX_SPECIALS) + r"|([-'`])(?=\1)")


def _bib_escape(text: str) -> str:
    return BIBTEX_SPECIAL.sub(lambda match: BIBTEX_SPECIALS.get(match.group(0), match.group(0) + "{}"), text)


def export_bibtex(record) -> str:
    month = record["date"][1] if len(record["date"]) > 1 else None
    fields = [
        # Braces keep an organisation's name whole (BibTeX would read "Laeken, Coordination").
        ("author", "{" + " and ".join("{" + _bib_escape(a) + "}" for a in record["authors"]) + "}"),
        ("title", "{" + _bib_escape(record["title"]) + "}"),
        ("institution", "{" + _bib_escape(record["publisher"]) + "}"),
        ("address", "{" + _bib_escape(record["place"]) + "}"),
        ("year", str(record["date"][0])),
    ]
    if month:
        fields.append(("month", str(month)))
    fields += [
        ("type", "{" + _bib_escape(record["genre"]) + "}"),
        ("language", "{" + record["language"] + "}"),
        ("url", "{" + record["url"] + "}"),  # verbatim in BibTeX; an address has no braces
        ("abstract", "{" + _bib_escape(record["abstract"]) + "}"),
        ("keywords", "{" + _bib_escape(", ".join(record["keywords"])) + "}"),
    ]
    if record.get("note"):
        fields.append(("note", "{" + _bib_escape(record["note"]) + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@techreport{{{record['id']},\n{body}\n}}\n"


def export_ris(record) -> str:
    """RIS has no escaping: one field per line, so every value is on one line (export_record)."""
    lines = ["TY  - RPRT"]
    lines += [f"AU  - {author}" for author in record["authors"]]
    lines += [
        f"TI  - {record['title']}",
        f"PY  - {record['date'][0]}",
        "DA  - " + "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(record["date"])),
        f"PB  - {record['publisher']}",
        f"CY  - {record['place']}",
        f"LA  - {record['language']}",
        f"M3  - {record['genre']}",
        f"UR  - {record['url']}",
        f"AB  - {record['abstract']}",
    ]
    lines += [f"KW  - {keyword}" for keyword in record["keywords"]]
    if record.get("note"):
        lines.append(f"N1  - {record['note']}")
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


def export_csl_json(record) -> str:
    item = {
        "id": record["id"],
        "type": "report",
        "title": record["title"],
        "author": [{"literal": author} for author in record["authors"]],
        "issued": {"date-parts": [record["date"]]},
        "publisher": record["publisher"],
        "publisher-place": record["place"],
        "genre": record["genre"],
        "language": record["language"],
        "URL": record["url"],
        "abstract": record["abstract"],
        "keyword": ", ".join(record["keywords"]),
    }
    if record.get("note"):
        item["note"] = record["note"]
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def export_record(analysis, lang, config) -> dict:
    """The analysis's reference for the exports, each text on one line: RIS reads a line
    break as the end of a field, and a reference has no paragraphs."""
    ui = _ui(lang)
    publisher = config.extra["publisher"]
    prefix = "" if lang == SOURCE_LANGUAGE else f"{lang}/"
    note = ui["cite_translation"] if lang != SOURCE_LANGUAGE else None
    return {
        "id": f"laeken{analysis.folder.replace('-', '')}{'' if lang == SOURCE_LANGUAGE else lang}",
        "authors": [one_line(author) for author in analysis.meta["authors"]],
        "title": one_line(analysis.field("title", lang)),
        "publisher": one_line(publisher["name"]),
        "place": one_line(publisher.get(f"place_{lang}", "")),
        "date": _date_parts(analysis),
        "genre": one_line(ui[f"kind_{analysis.meta['kind']}"]),
        "language": lang,
        "url": _absolute(config, f"{prefix}{ANALYSES_DIR}/{analysis.folder}/"),
        "abstract": " ".join(str(analysis.field("summary", lang)).split()),
        "keywords": [one_line(keyword) for keyword in _keywords(analysis, lang)],
        "note": one_line(note) if note else None,
    }


def on_post_build(config):
    lang = _state["lang"]
    root = Path(config.site_dir)
    if lang != SOURCE_LANGUAGE and root.name == lang:
        root = root.parent  # mkdocs-static-i18n builds other languages into site/<lang>/
    for analysis in _state["analyses"]:
        record = export_record(analysis, lang, config)
        base = root / _export_base(analysis, lang)
        base.parent.mkdir(parents=True, exist_ok=True)
        for extension, writer in (("bib", export_bibtex), ("ris", export_ris), ("json", export_csl_json)):
            base.with_name(f"{base.name}.{extension}").write_text(writer(record), encoding="utf-8")
