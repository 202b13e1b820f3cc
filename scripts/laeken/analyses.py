"""The analyses: one folder per analysis under docs/analyses/, its presentation page and chapters.

An analysis is a folder `docs/analyses/<year>-<slug>/`. Its `index.<lang>.md` carries the
analysis metadata in front matter; its other pages are the chapters, ordered by their
`order` field. French is the source language: the Dutch `index.nl.md` only carries the
fields that are translated (TRANSLATED_FIELDS); every other field is read from French.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from laeken.easy_read import EASY_READ
from laeken.errors import ContentError, Problems
from laeken.languages import LANGUAGES, SOURCE_LANGUAGE
from laeken.pages import (
    docs_files,
    duplicate_id_problems,
    file_line,
    front_matter_lines,
    headings,
    localized,
    read_page,
    sector_sections,
)
from laeken.schema import KINDS, Context, schema_for, validate
from laeken.vocabulary import load_vocabulary

TRANSLATED_FIELDS = ("title", "summary")
ANALYSES_DIR = "analyses"
PRINT_PAGE = "imprimer"  # analyses/<folder>/imprimer/: the whole analysis on one page (hooks/printing.py)
FOLDER_PATTERN = re.compile(r"^(?P<year>\d{4})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)$")


@dataclass
class Chapter:
    slug: str
    order: int
    base: Path  # docs/analyses/<folder>/<slug>, without language suffix
    themes: list = field(default_factory=list)
    hidden_languages: tuple = ()  # translations left out of the build: drafts (laeken/drafts.py)
    # Answers per language, kept as long as the chapter: load_analyses makes new chapters
    # whenever a file of the analyses changes, and hooks ask the same questions many times.
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    def _remember(self, key, compute):
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def sections(self, lang: str) -> list[tuple[str, str, str]]:
        """(id, title, sector) of the chapter's sector sections, titles in `lang`."""
        return list(self._remember(("sections", lang), lambda: tuple(
            (heading_id, text, sector)
            for _, text, heading_id, sector in sector_sections(read_page(self.path(lang))[1]))))

    def path(self, lang: str) -> Path:
        """The page in `lang`, or the French page the site falls back to."""
        def compute():
            translated = localized(self.base, lang)
            shown = translated.exists() and lang not in self.hidden_languages
            return translated if shown else localized(self.base, SOURCE_LANGUAGE)
        return self._remember(("path", lang), compute)

    def language(self, lang: str) -> str:
        """The language the chapter is shown in, in the site of `lang`: `lang`, or French."""
        return lang if self.path(lang) == localized(self.base, lang) else SOURCE_LANGUAGE

    def title(self, lang: str) -> str:
        return self._remember(("title", lang), lambda: self._title(lang))

    def _title(self, lang: str) -> str:
        path = self.path(lang)
        meta, body = read_page(path)
        if meta.get("title"):
            return str(meta["title"])
        for level, text, _ in headings(body):
            if level == 1:
                return text
        raise ContentError(path, "le chapitre n’a pas de titre : commencez-le par une ligne `# Titre { #id }`")


@dataclass
class Analysis:
    folder: str  # e.g. 2020-virtualisation: the URL segment, never changes once published
    meta: dict  # French (source) front matter
    translations: dict = field(default_factory=dict)  # lang -> translated fields
    chapters: list[Chapter] = field(default_factory=list)
    easy_read: Chapter | None = None  # facile.<lang>.md: a summary for the web edition, no chapter

    @property
    def year(self) -> int:
        return self.meta["year"]

    @property
    def src_uri(self) -> str:
        """The MkDocs path of the presentation page, without language suffix."""
        return f"{ANALYSES_DIR}/{self.folder}/index.md"

    @property
    def easy_read_uri(self) -> str:
        return f"{ANALYSES_DIR}/{self.folder}/{EASY_READ}.md"

    def chapter_uri(self, chapter: Chapter) -> str:
        return f"{ANALYSES_DIR}/{self.folder}/{chapter.slug}.md"

    @property
    def print_uri(self) -> str:
        """The MkDocs path of the generated page holding the whole analysis, to print."""
        return f"{ANALYSES_DIR}/{self.folder}/{PRINT_PAGE}.md"

    def pdf_path(self, lang: str) -> str:
        """Where the analysis's PDF in `lang` is in the built site (named like the citation exports)."""
        prefix = "" if lang == SOURCE_LANGUAGE else f"{lang}/"
        return f"{prefix}{ANALYSES_DIR}/{self.folder}/{self.folder}.{lang}.pdf"

    def pdf_link(self, lang: str, from_url: str, label: str) -> str:
        """The HTML link to the PDF in `lang`, from the page at `from_url` (a directory URL)."""
        href = posixpath.relpath(self.pdf_path(lang), from_url.rstrip("/") or ".")
        return f'<a href="{html.escape(href)}" type="application/pdf" hreflang="{lang}">{html.escape(label)}</a>'

    def field(self, name: str, lang: str):
        """A metadata field in `lang`: the translation when there is one, else French."""
        value = self.translations.get(lang, {}).get(name)
        return value if value else self.meta.get(name)

    @property
    def sort_key(self):
        """The order of every list of analyses, newest first; the first is "the latest" (home
        page). The rule: the most recent month of publication (`published`, else the year);
        in the same month, an analysis before a detailed return (a return looks back on an
        earlier analysis); then the folder name, alphabetically, so the order never depends
        on chance."""
        published = str(self.meta.get("published") or self.year)
        year, _, rest = published.partition("-")
        month = int(rest[:2]) if rest[:2].isdigit() else 0
        year = int(year) if year.isdigit() else self.year
        return (-year, -month, KINDS.index(self.meta["kind"]) if self.meta.get("kind") in KINDS else len(KINDS),
                self.folder)


def _read(path: Path, problems: Problems):
    """(front matter, body) of a page, or None when its front matter cannot be read."""
    try:
        return read_page(path)
    except ContentError as error:
        problems.extend(error.problems)
        return None


def _validate(path: Path, docs_dir: Path, meta: dict, context: Context, problems: Problems) -> None:
    schema = schema_for(path.relative_to(docs_dir))
    problems.extend(validate(path, schema, meta, front_matter_lines(path), context))


def _check_body(path: Path, body: str, problems: Problems, sectors: dict) -> None:
    """What in a page's text would break the site: ids used twice, sector sections
    without id or with an unknown sector."""
    problems.extend(duplicate_id_problems(path, body))
    for line, _, heading_id, sector in sector_sections(body):
        if sectors and sector not in sectors:
            problems.add(path, f"secteur inconnu `{sector}` dans `data-sector`", file_line(path, body, line),
                         f"secteurs connus : {', '.join(sorted(sectors))} (un nouveau s’ajoute d’abord dans docs/_data/sectors.yml)")
        if not heading_id:
            problems.add(path, "cette section de secteur n’a pas d’identifiant", file_line(path, body, line),
                         "ajoutez-en un : `{ #id data-sector=... }`")


def _has_title(meta: dict, body: str) -> bool:
    return bool(meta.get("title")) or any(level == 1 for level, _, _ in headings(body))


def _load_analysis(folder: Path, docs_dir: Path, context: Context, sectors: dict, problems: Problems) -> Analysis | None:
    """The analysis in `folder`, or None when it has problems (added to `problems`)."""
    before = len(problems.errors())
    index = localized(folder / "index", SOURCE_LANGUAGE)
    if not index.exists():
        problems.add(index, "ce dossier d’analyse n’a pas de page de présentation en français",
                     fix=f"ajoutez {index.name} (ou créez l’analyse avec `python3 scripts/analyses.py new`)")
        return None
    page = _read(index, problems)
    meta = page[0] if page else {}
    if page:
        _validate(index, docs_dir, meta, context, problems)
        _check_body(index, page[1], problems, sectors)
    analysis = Analysis(folder=folder.name, meta=meta)
    for lang in LANGUAGES:
        translated = localized(folder / "index", lang)
        if lang != SOURCE_LANGUAGE and translated.exists():
            translated_page = _read(translated, problems)
            if translated_page:
                _validate(translated, docs_dir, translated_page[0], context, problems)
                _check_body(translated, translated_page[1], problems, sectors)
                analysis.translations[lang] = {
                    name: translated_page[0][name] for name in TRANSLATED_FIELDS if name in translated_page[0]
                }
    bases = sorted({p.name.split(".")[0] for p in folder.glob("*.md")} - {"index"})
    for slug in bases:
        source = localized(folder / slug, SOURCE_LANGUAGE)
        if slug == PRINT_PAGE:
            problems.add(next(folder.glob(f"{slug}.*.md")),
                         f"« {PRINT_PAGE} » est l’adresse de la version imprimable de l’analyse",
                         fix="donnez un autre nom à ce chapitre")
            continue
        if not source.exists():
            problems.add(next(folder.glob(f"{slug}.*.md")), "cette page n’a pas d’original français",
                         fix=f"ajoutez {source.name} (le français est la langue source)")
            continue
        chapter_meta = None
        for lang in LANGUAGES:
            path = localized(folder / slug, lang)
            chapter_page = _read(path, problems) if path.exists() else None
            if not chapter_page:
                continue
            _validate(path, docs_dir, chapter_page[0], context, problems)
            _check_body(path, chapter_page[1], problems, sectors)
            if not _has_title(*chapter_page):
                problems.add(path, "le chapitre n’a pas de titre", file_line(path, chapter_page[1], 1),
                             "commencez-le par une ligne `# Titre { #id }`")
            if lang == SOURCE_LANGUAGE:
                chapter_meta = chapter_page[0]
        if slug == EASY_READ:
            if chapter_meta is not None:  # not numbered, not printed: not the original's text
                analysis.easy_read = Chapter(slug=slug, order=0, base=folder / slug)
        elif chapter_meta is not None and isinstance(chapter_meta.get("order"), int):
            analysis.chapters.append(Chapter(slug=slug, order=chapter_meta["order"], base=folder / slug,
                                             themes=list(chapter_meta.get("themes") or [])))
    analysis.chapters.sort(key=lambda chapter: (chapter.order, chapter.slug))
    return analysis if len(problems.errors()) == before else None


def load_analyses(docs_dir: Path | str) -> list[Analysis]:
    """Every analysis under docs/analyses/, newest first. Raises ContentError on bad content.

    Read again only when a file under docs/ changed: each build (and
    each language of it) asks several times, and `mkdocs serve` rebuilds on every save."""
    return list(_load_analyses(Path(docs_dir), docs_files(docs_dir)))


def analysis_pages(analyses) -> dict[str, tuple[Analysis, Chapter | None]]:
    """Each page of the analyses (its path without language suffix) -> (analysis, chapter,
    or None for the presentation page): hooks look every page up here, not in a loop."""
    pages = {}
    for analysis in analyses:
        pages[analysis.src_uri] = (analysis, None)
        for chapter in analysis.chapters:
            pages[analysis.chapter_uri(chapter)] = (analysis, chapter)
    return pages


def easy_read_pages(analyses) -> dict[str, Analysis]:
    """Each easy-read page (its path without language suffix) -> its analysis."""
    return {analysis.easy_read_uri: analysis for analysis in analyses if analysis.easy_read}


@functools.lru_cache(maxsize=4)
def _load_analyses(docs_dir: Path, signature: tuple) -> tuple[Analysis, ...]:
    root = docs_dir / ANALYSES_DIR
    problems = Problems()
    folders = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    for folder in folders:
        if not FOLDER_PATTERN.match(folder.name):
            problems.add(folder, "ce nom de dossier d’analyse n’est pas valable",
                         fix="un dossier d’analyse s’appelle <année>-<nom-court>, par exemple 2021-retour-maraudes "
                             "(minuscules, chiffres et tirets)")
    folders = [folder for folder in folders if FOLDER_PATTERN.match(folder.name)]
    vocabularies = {}
    for kind in ("themes", "sectors"):
        try:
            vocabularies[kind] = load_vocabulary(docs_dir, kind)
        except ContentError as error:
            problems.extend(error.problems)
            vocabularies[kind] = {}
    known = frozenset(folder.name for folder in folders)
    analyses = []
    for folder in folders:
        context = Context(folder=folder.name, folders=known, themes=vocabularies["themes"])
        analysis = _load_analysis(folder, docs_dir, context, vocabularies["sectors"], problems)
        if analysis:
            analyses.append(analysis)
    problems.raise_if_errors()
    return tuple(sorted(analyses, key=lambda analysis: analysis.sort_key))
