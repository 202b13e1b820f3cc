"""Hook: the whole analysis on one page, to print, and as a PDF.

- For each analysis, in both languages, a generated page `analyses/<folder>/imprimer/`
  holds the title, the metadata (authors, date, publisher), the presentation, every chapter
  in order and the reference. The presentation and the chapters are taken as rendered on
  their own pages (numbered paragraphs, glossary terms, sector sections), so nothing is
  written twice. Ids are made unique on the page (a chapter's ids get its name as prefix,
  `sur-le-terrain-p3`), and links are rewritten for the page's address: a link to another
  part of the analysis becomes a link inside the page.
- On the Dutch page, a part that is not translated yet shows the French original with a
  notice, as the site does for a whole page.
- When `extra.pdf` is on (SITE_PDF=true; `python scripts/analyses.py publish` sets it),
  WeasyPrint renders each print page after the build into `<folder>.<lang>.pdf` beside the
  presentation page (named like the citation exports), reading only files of the built
  site. The page is read as if from its published address: links in the PDF lead to the
  published site (`site_url`) or inside the PDF, never to a local path, and two builds of
  the same text give the same bytes. Off by default: it takes seconds, and `mkdocs serve`
  then shows no PDF link.

The print page duplicates the chapters: it is left out of the search index and of the
sitemap, and asks search engines not to index it, so that readers land on the chapter
pages, where each paragraph can be cited. Its address is recorded in permalinks.yml like
every page; its anchors follow the chapters and are not a promise (`translation: false`,
as for the other generated pages).
"""

from __future__ import annotations

import gzip
import html
import json
import logging
import mimetypes
import re
import sys
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from laeken.analyses import FOLDER_PATTERN, PRINT_PAGE  # noqa: E402
from laeken.drafts import site_analyses  # noqa: E402
from laeken.errors import ContentError  # noqa: E402
from laeken.generated import add_generated_pages, restore_generated_pages  # noqa: E402
from laeken.interface import interface_by_language  # noqa: E402
from laeken.languages import LANGUAGES, SOURCE_LANGUAGE  # noqa: E402
from laeken.translations import translation_status  # noqa: E402
from laeken.organisation import load_organisation  # noqa: E402
from laeken.safe import markdown_text  # noqa: E402
from laeken.urls import page_uri  # noqa: E402

BODY_MARKER = "<!-- print:body -->"
# An id, href or src attribute's `="value"`, the value kept by split(). (Found from its `="`, a
# fixed start that the regex engine looks for fast, with the name looked at behind it: three
# times faster than starting from the space before the name.)
ATTRIBUTE = re.compile(r'="(?:(?<=\sid=")|(?<=\shref=")|(?<=\ssrc="))([^"]*)"')
# A heading's tag, of a level that goes one down (an h6 stays one), and what it becomes.
HEADING_TAG = re.compile(r"</?h[1-5]\b")
LOWER_HEADING = {f"<{end}h{level}": f"<{end}h{level + 1}" for end in ("", "/") for level in range(1, 6)}
FIRST_H1 = re.compile(r"<h1\b[^>]*>.*?</h1>\s*", re.DOTALL)
FIRST_H1_ID = re.compile(r'<h1\b[^>]*?\sid="([^"]+)"')
# Lines of the pages that make no sense on paper or are on the print page already.
DROPPED = re.compile(r'<p class="(?:analysis-byline|page-tags|print-links)">.*?</p>\s*', re.DOTALL)
SITEMAP_URL = re.compile(r"\s*<url>.*?</url>", re.DOTALL)
PDF_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # a W3C date, as WeasyPrint takes it

log = logging.getLogger("mkdocs.hooks.printing")
_state: dict = {}


@event_priority(-110)  # after mkdocs-static-i18n's on_config, which sets the language
def on_config(config):
    pdf = config.extra.get("pdf", False)
    if pdf not in (True, False, 0, 1):
        raise PluginError(f"PDF : extra.pdf (variable SITE_PDF) vaut {pdf!r} ; elle doit valoir true ou false")
    config.extra["pdf"] = bool(pdf)
    try:
        analyses = site_analyses(config)
    except ContentError as error:
        raise PluginError(f"Version imprimable : {error}") from None
    _state.update(lang=config.theme["language"], analyses=analyses,
                  ui=interface_by_language(config.docs_dir),
                  organisation=load_organisation(config.docs_dir),  # months not confirmed
                  pages={analysis.print_uri: analysis for analysis in analyses}, built={})
    return config


def _ui(lang: str) -> dict:
    return _state["ui"][lang]


def _title_id(analysis) -> str:
    """The id of the print page's title: the presentation page's (analyses.py)."""
    return FOLDER_PATTERN.match(analysis.folder).group("slug")


def _markdown(analysis, lang: str) -> str:
    ui = _ui(lang)
    title = analysis.field("title", lang)
    meta = {
        "title": f"{title} ({ui['print_page']})",
        "translation": False,  # made in each language from the parts, not translated
        "search": {"exclude": True},
        "robots": "noindex",
        "template": "print.html",  # no menu nor table of contents (overrides/print.html)
    }
    front = json.dumps(meta, ensure_ascii=False)  # JSON is YAML, and much faster to write
    return f"---\n{front}\n---\n\n# {markdown_text(title)} {{ #{_title_id(analysis)} }}\n\n{BODY_MARKER}\n"


def on_files(files, config):
    """Add the print pages, in both languages, as scripts/hooks/themes.py adds its pages:
    with a path in docs_dir, so that mkdocs-static-i18n localises them, and their content
    given back after it has run (on_nav below)."""
    generated = {}
    for analysis in _state["analyses"]:
        base = analysis.print_uri.removesuffix(".md")
        for lang in LANGUAGES:
            generated[f"{base}.{lang}.md"] = _markdown(analysis, lang)
    try:
        add_generated_pages(files, config, generated)
    except ContentError as error:
        raise PluginError(f"Version imprimable : {error}") from None
    _state["generated"] = generated
    return files


@event_priority(-120)  # after mkdocs-static-i18n's on_nav (-100)
def on_nav(nav, config, files):
    restore_generated_pages(files, _state["generated"])
    return nav


def on_env(env, config, files):
    _state["files"] = files  # every page is rendered by now; the print pages gather them
    _state["found"] = {}  # path -> page, as files gives it (a presentation is asked for thrice)
    return env


# --- The print page ----------------------------------------------------------------------------


def _part_html(page, is_presentation: bool) -> str:
    """A page's rendered text as it goes on the print page."""
    text = DROPPED.sub("", page.content)
    if is_presentation:
        return FIRST_H1.sub("", text, count=1)  # the print page has the title
    # A chapter's title becomes a section of the page: every heading goes one level down.
    return HEADING_TAG.sub(lambda match: LOWER_HEADING[match.group()], text)


def _unique_ids(pieces: list, prefix: str, keep: set, taken: set) -> dict:
    """old id -> id on the print page: prefixed, and never one already taken.
    `pieces`: the part's text split at its attributes (ATTRIBUTE.split: text, value, text...)."""
    mapping = {}
    for before, old in zip(pieces[::2], pieces[1::2]):
        if before[-1] != "d" or not old:  # (the name ends the text before the value: id, href, src)
            continue
        wanted = old if not prefix or old in keep else f"{prefix}-{old}"
        new, number = wanted, 2
        while new in taken:
            new, number = f"{wanted}-{number}", number + 1
        taken.add(new)
        mapping[old] = new
    return mapping


def _rewrite(pieces: list, page_url: str, mapping: dict, parts: dict, print_url: str) -> str:
    """Ids renamed; links made right from the print page's address. `pieces`: as for _unique_ids."""
    resolved = {}  # a link's address without its fragment -> (path in the site, address from the print page)
    out = pieces[:]
    for index in range(1, len(pieces), 2):
        value = pieces[index]
        if pieces[index - 1][-1] == "d":  # id
            new = mapping.get(value, value)
        elif value.startswith("#"):  # most links: paragraph numbers, permalinks (ids need no escaping)
            new = "#" + mapping.get(value[1:], value[1:])
        else:
            new = value
            address, _, fragment = html.unescape(value).partition("#")
            if address not in resolved:  # the same few addresses come back (the glossary's above all)
                if urlsplit(address).scheme or urlsplit(address).netloc:
                    resolved[address] = None  # another site, or mailto:
                else:
                    path = urlsplit(urljoin("http://site/" + page_url, address)).path.lstrip("/")
                    resolved[address] = (path, get_relative_url(path, print_url))
            if resolved[address] is not None:
                path, relative = resolved[address]
                if path in parts:  # another part of this analysis: a link inside the page
                    ids, top = parts[path]
                    new = html.escape("#" + (ids.get(fragment, fragment) if fragment else top))
                else:
                    new = html.escape(relative + (f"#{fragment}" if fragment else ""))
        out[index] = f'="{new}"'
    return "".join(out)


def _published(analysis) -> str:
    """The date of publication as the references give it: the year only while the
    coordination has not confirmed the month (docs/_data/organisation.yml)."""
    if not _state["organisation"].confirmed(analysis.folder, "published"):
        return str(analysis.year)
    return str(analysis.meta.get("published") or analysis.year)


def _date(analysis, lang: str) -> str:
    parts = _published(analysis).split("-")[:3]
    months = _ui(lang)["months"]
    words = [str(int(parts[2]))] if len(parts) > 2 else []
    words += [months[int(parts[1]) - 1]] if len(parts) > 1 else []
    return " ".join(words + [parts[0]])


def _head(analysis, page, config, lang: str, translated: bool) -> str:
    """Metadata, the online address and the PDF link, under the title."""
    ui = _ui(lang)
    publisher = config.extra["publisher"]
    place = publisher.get(f"place_{lang}", publisher.get("place_fr", ""))
    online = _presentation(analysis).canonical_url
    rows = [
        (ui["print_authors"], html.escape(", ".join(analysis.meta["authors"]))),
        (ui["print_published"], html.escape(_date(analysis, lang))),
        (ui["print_publisher"], html.escape(", ".join(filter(None, [publisher["name"], place])))),
        (ui["print_online"], f'<a href="{html.escape(online)}">{html.escape(online)}</a>'),
    ]
    parts = ['<dl class="print-meta">' + "".join(f"<dt>{html.escape(name)}</dt><dd>{value}</dd>" for name, value in rows)
             + "</dl>"]
    original = getattr(page.file, "alternates", {}).get(SOURCE_LANGUAGE)
    if translated and original is not None:
        parts.append(f'<p class="translation-note">{html.escape(ui["translated_notice"])} '
                     f'<a href="{get_relative_url(original.url, page.url)}" hreflang="{SOURCE_LANGUAGE}">'
                     f'{html.escape(ui["original_link"])}</a></p>')
    if config.extra["pdf"]:
        parts.append(f'<p class="print-links">{analysis.pdf_link(lang, page.url, ui["pdf_download"])}</p>')
    return "\n".join(parts)


def _reference(analysis, config, lang: str) -> str:
    """The reference of the analysis, as in its cite box (scripts/hooks/citation.py)."""
    citation = next((hook for name, hook in config.plugins.items() if name.endswith("hooks/citation.py")), None)
    if citation is None:
        raise PluginError("Printing: scripts/hooks/citation.py must be in mkdocs.yml's hooks (it makes the reference)")
    ui = _ui(lang)
    _, reference = citation.reference_parts(analysis, None, None, lang, config)
    url = html.escape(_presentation(analysis).canonical_url)
    return (
        f'<section class="cite-box" aria-labelledby="citer"><h2 id="citer">{html.escape(ui["print_cite_title"])}</h2>'
        f'<p class="cite-box__reference">{reference} <a href="{url}">{url}</a> '
        f'({html.escape(ui["cite_consulted"])} <span class="cite-date">{html.escape(ui["cite_date_placeholder"])}</span>).</p>'
        "</section>"
    )


def _page(uri: str):
    if uri not in _state["found"]:
        file = _state["files"].get_file_from_path(uri)
        if file is None or file.page is None:
            raise PluginError(f"Printing: the page {uri} is missing")
        if file.page.content is None:  # `--dirty`: MkDocs rendered only the pages that changed
            raise PluginError("Version imprimable : une construction partielle (--dirty) ne refait que les pages "
                              "modifiées, et la version imprimable les rassemble toutes : construisez sans --dirty")
        _state["found"][uri] = file.page
    return _state["found"][uri]


def _presentation(analysis):
    return _page(analysis.src_uri)


def _body(analysis, page, config) -> str:
    lang = config.theme["language"]
    ui = _ui(lang)
    pages = [_presentation(analysis)] + [_page(analysis.chapter_uri(chapter)) for chapter in analysis.chapters]
    prefixes = [""] + [chapter.slug for chapter in analysis.chapters]
    taken = {_title_id(analysis), "citer"}
    texts, parts = [], {}
    for number, (part, prefix) in enumerate(zip(pages, prefixes)):
        text = _part_html(part, is_presentation=number == 0)
        pieces = ATTRIBUTE.split(text)  # read once, for the ids and for the links
        title = FIRST_H1_ID.search(part.content) if number else None
        keep = {title.group(1)} if title else set()  # a chapter keeps its title's id
        mapping = _unique_ids(pieces, prefix, keep, taken)
        parts[part.url] = (mapping, mapping[title.group(1)] if title else _title_id(analysis))
        texts.append(pieces)
    sections = []
    for part, pieces in zip(pages, texts):
        text = _rewrite(pieces, part.url, parts[part.url][0], parts, page.url)
        part_lang = getattr(part.file, "locale", lang)
        if part_lang == lang != SOURCE_LANGUAGE and _outdated(part, config, lang):  # as on its own page
            text = (f'<div class="admonition warning translation-notice" role="note"><p class="admonition-title">'
                    f'{html.escape(ui["outdated_title"])}</p><p>{html.escape(ui["outdated_text"])}</p></div>\n{text}')
        if part_lang != lang:  # not translated yet: the French original, as on its own page
            text = (f'<div class="admonition warning translation-notice" role="note"><p>{html.escape(ui["print_fallback"])}</p></div>\n'
                    f'<div lang="{part_lang}">\n{text}\n</div>')
        kind = "print-presentation" if part is pages[0] else "print-chapter"
        sections.append(f'<section class="print-part {kind}">\n{text}\n</section>')
    translated = any(getattr(part.file, "locale", lang) == lang for part in pages)
    return "\n".join([_head(analysis, page, config, lang, translated and lang != SOURCE_LANGUAGE),
                      *sections, _reference(analysis, config, lang)])


def _outdated(part, config, lang: str) -> bool:
    """Whether a translated part no longer follows the French (laeken/translations.py)."""
    original = getattr(part.file, "alternates", {}).get(SOURCE_LANGUAGE)
    french = Path(config.docs_dir) / original.src_uri if original is not None else None
    return french is not None and french.exists() and translation_status(french, lang) == "outdated"


def on_page_context(context, page, config, nav):
    analysis = _state["pages"].get(page_uri(page.file))
    if analysis is None:
        return context
    if BODY_MARKER not in page.content:
        raise PluginError(f"Printing: the print page of {analysis.folder} lost its {BODY_MARKER} line")
    page.content = page.content.replace(BODY_MARKER, _body(analysis, page, config), 1)
    _state["built"][analysis.folder] = (Path(page.file.abs_dest_path), page.canonical_url)
    return context


# --- After the build: sitemap, PDFs ------------------------------------------------------------


def _drop_from_sitemap(site_dir: Path) -> None:
    """The print pages ask not to be indexed: a sitemap that lists them contradicts that."""
    path = site_dir / "sitemap.xml"
    if not path.exists():
        return
    suffix = f"/{PRINT_PAGE}/</loc>"
    text = SITEMAP_URL.sub(lambda m: "" if suffix in m.group(0) else m.group(0), path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    compressed = path.with_name("sitemap.xml.gz")
    if compressed.exists():
        compressed.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def on_post_build(config):
    lang = _state["lang"]
    site_dir = Path(config.site_dir)
    _drop_from_sitemap(site_dir)
    if not config.extra["pdf"]:
        return
    root = site_dir.parent if lang != SOURCE_LANGUAGE and site_dir.name == lang else site_dir
    for analysis in _state["analyses"]:
        html_path, page_url = _state["built"][analysis.folder]
        write_pdf(html_path, root / analysis.pdf_path(lang), root, page_url=page_url,
                  title=analysis.field("title", lang), authors=list(analysis.meta["authors"]), lang=lang,
                  date=_pdf_date(analysis))


def _pdf_date(analysis) -> str:
    """The PDF's date: the month of publication, never the time of the build, so that two
    builds of the same text give the same bytes."""
    published = _published(analysis)
    return published if PDF_DATE.match(published) else str(analysis.year)


def write_pdf(html_path: Path, pdf_path: Path, site_root: Path, *, page_url: str, title: str, authors: list,
              lang: str, date: str | None = None) -> None:
    """Render a built page to PDF with WeasyPrint, fetching only files under site_root.

    The page is read as if from its published address `page_url`, and the site's files
    are served from site_root under that address: links in the PDF then lead to the
    published site (or inside the PDF, for its own anchors), never to a local path."""
    try:
        from weasyprint import HTML
        from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse
    except (ImportError, OSError) as error:  # OSError: Pango or HarfBuzz missing
        raise PluginError(
            f"PDF : WeasyPrint ne se charge pas ({error}). Installez les paquets Debian libpango-1.0-0, "
            "libpangoft2-1.0-0 et libharfbuzz-subset0 (voir le README, « PDF »), ou construisez sans PDF (SITE_PDF=false)"
        ) from None

    site_root = site_root.resolve()
    relative = html_path.resolve().parent.relative_to(site_root).as_posix()
    page_url = page_url or ""
    site_url = page_url.removesuffix("" if relative == "." else relative + "/")
    if not urlsplit(site_url).scheme or not site_url.endswith("/"):
        raise PluginError(f"PDF : l’adresse du site ({page_url}) n’est pas complète : donnez site_url dans mkdocs.yml, "
                          "par exemple https://analyses.exemple.be/")

    class SiteFiles(URLFetcher):
        """The site makes no third-party request, and neither does its PDF: an address of
        the site is read from the built files."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = None
            if url.startswith(site_url):
                path = (site_root / url2pathname(urlsplit(url[len(site_url):]).path)).resolve()
            if path is None or not path.is_relative_to(site_root) or not path.is_file():
                raise ValueError(f"{url} n’est pas un fichier du site")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    # A tagged PDF (screen readers get headings and reading order), and no file identifier:
    # nothing in the file that changes from one build to the next.
    options = {"pdf_tags": True, "pdf_identifier": None}
    start = time.perf_counter()
    try:
        document = HTML(string=html_path.read_text(encoding="utf-8"), base_url=page_url,
                        url_fetcher=SiteFiles(fail_on_errors=True)).render(**options)
    except FatalURLFetchingError as error:
        raise PluginError(
            f"PDF : {html_path.relative_to(site_root)} ne peut pas être rendu : {error.__cause__}. Le site et ses PDF "
            "ne chargent rien d’un autre serveur : copiez l’image ou le fichier dans le dossier de l’analyse"
        ) from None
    document.metadata.title = title
    document.metadata.authors = authors
    document.metadata.lang = lang
    document.metadata.created = document.metadata.modified = date
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(pdf_path, **options)
    log.info(f"PDF {pdf_path.relative_to(site_root)}: {len(document.pages)} pages in {time.perf_counter() - start:.1f} s")
