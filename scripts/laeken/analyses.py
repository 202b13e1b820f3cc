"""The analyses: one folder per analysis under docs/analyses/, its presentation page and chapters.

An analysis is a folder `docs/analyses/<year>-<slug>/`. Its `index.<lang>.md` carries the
analysis metadata in front matter; its other pages are the chapters, ordered by their
`order` field. French is the source language: the Dutch `index.nl.md` only carries the
fields that are translated (TRANSLATED_FIELDS); every other field is read from French.
"""

from __future__ import annotations

import functools
import html
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from laeken.errors import ContentError
from laeken.languages import LANGUAGES, SOURCE_LANGUAGE
from laeken.pages import file_line, headings, localized, read_page, sector_sections
from laeken.vocabulary import load_vocabulary

TRANSLATED_FIELDS = ("title", "summary")
REQUIRED_FIELDS = {"title": str, "year": int, "authors": list, "kind": str, "summary": str}
KINDS = ("analysis", "return")
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

    @property
    def year(self) -> int:
        return self.meta["year"]

    @property
    def src_uri(self) -> str:
        """The MkDocs path of the presentation page, without language suffix."""
        return f"{ANALYSES_DIR}/{self.folder}/index.md"

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


def _check_analysis_meta(path: Path, meta: dict, folder_year: int, known: set[str]) -> None:
    for name, expected in REQUIRED_FIELDS.items():
        if name not in meta or meta[name] in (None, "", []):
            raise ContentError(path, f"l’en-tête n’a pas de champ `{name}` : ajoutez `{name}: ...`")
        if not isinstance(meta[name], expected):
            kind = {str: "un texte", int: "un nombre", list: "une liste"}[expected]
            raise ContentError(path, f"le champ `{name}` doit être {kind}, pas {meta[name]!r}")
    if meta["year"] != folder_year:
        raise ContentError(
            path,
            f"le champ `year` dit {meta['year']} mais le nom du dossier dit {folder_year} : "
            "mettez la même année",
        )
    if meta["kind"] not in KINDS:
        raise ContentError(
            path, f"le champ `kind` vaut {meta['kind']!r} : il doit valoir {' ou '.join(KINDS)}"
        )
    if meta["kind"] == "return":
        follows = meta.get("follows")
        if not follows:
            raise ContentError(
                path, "un retour détaillé doit nommer l’analyse qu’il suit : ajoutez `follows: <dossier>`"
            )
        if follows not in known:
            raise ContentError(
                path,
                f"le champ `follows` nomme {follows!r}, qui n’est pas un dossier d’analyse ; "
                f"analyses connues : {', '.join(sorted(known)) or 'aucune'}",
            )


def _load_analysis(folder: Path, known: set[str]) -> Analysis:
    index = localized(folder / "index", SOURCE_LANGUAGE)
    if not index.exists():
        raise ContentError(index, "chaque dossier d’analyse a besoin de sa page de présentation en français")
    meta, _ = read_page(index)
    _check_analysis_meta(index, meta, int(FOLDER_PATTERN.match(folder.name).group("year")), known)
    analysis = Analysis(folder=folder.name, meta=meta)
    for lang in LANGUAGES:
        translated = localized(folder / "index", lang)
        if lang != SOURCE_LANGUAGE and translated.exists():
            translated_meta, _ = read_page(translated)
            analysis.translations[lang] = {
                name: translated_meta[name] for name in TRANSLATED_FIELDS if name in translated_meta
            }
    bases = sorted({p.name.split(".")[0] for p in folder.glob("*.md")} - {"index"})
    for slug in bases:
        source = localized(folder / slug, SOURCE_LANGUAGE)
        if slug == PRINT_PAGE:
            raise ContentError(
                next(folder.glob(f"{slug}.*.md")),
                f"« {PRINT_PAGE} » est l’adresse de la version imprimable de l’analyse : donnez un autre nom à ce chapitre",
            )
        if not source.exists():
            raise ContentError(
                next(folder.glob(f"{slug}.*.md")),
                f"cette page n’a pas d’original français : ajoutez {source.name} (le français est la langue source)",
            )
        chapter_meta, _ = read_page(source)
        order = chapter_meta.get("order")
        if not isinstance(order, int):
            raise ContentError(
                source, "le chapitre n’a pas de numéro `order` : ajoutez `order: 1` (sa place dans l’analyse)"
            )
        analysis.chapters.append(
            Chapter(slug=slug, order=order, base=folder / slug, themes=list(chapter_meta.get("themes") or []))
        )
    analysis.chapters.sort(key=lambda chapter: (chapter.order, chapter.slug))
    return analysis



def _check_slugs(path: Path, meta: dict, field: str, vocabulary: dict) -> None:
    if not vocabulary:
        return
    for slug in meta.get(field) or []:
        if slug not in vocabulary:
            raise ContentError(
                path,
                f"{'thème' if field == 'themes' else 'secteur'} inconnu `{slug}` dans `{field}` ; connus : {', '.join(sorted(vocabulary))} "
                f"(un nouveau s’ajoute d’abord dans docs/_data/{field}.yml)",
            )



def load_analyses(docs_dir: Path | str) -> list[Analysis]:
    """Every analysis under docs/analyses/, newest first. Raises ContentError on bad content.

    Read again only when a file of the analyses or a vocabulary changed: each build (and
    each language of it) asks several times, and `mkdocs serve` rebuilds on every save."""
    return list(_load_analyses(Path(docs_dir), _analyses_signature(Path(docs_dir))))


def analysis_pages(analyses) -> dict[str, tuple[Analysis, Chapter | None]]:
    """Each page of the analyses (its path without language suffix) -> (analysis, chapter,
    or None for the presentation page): hooks look every page up here, not in a loop."""
    pages = {}
    for analysis in analyses:
        pages[analysis.src_uri] = (analysis, None)
        for chapter in analysis.chapters:
            pages[analysis.chapter_uri(chapter)] = (analysis, chapter)
    return pages


def _analyses_signature(docs_dir: Path) -> tuple:
    """Name, modification time and size of every file that load_analyses reads."""
    signature = []
    for folder in (docs_dir / ANALYSES_DIR, docs_dir / "_data"):
        if not folder.is_dir():
            continue
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            entries = sorted(os.scandir(entry.path), key=lambda e: e.name) if entry.is_dir() else [entry]
            for item in entries:
                stat = item.stat()
                signature.append((item.path, stat.st_mtime_ns, stat.st_size))
    return tuple(signature)


@functools.lru_cache(maxsize=4)
def _load_analyses(docs_dir: Path, signature: tuple) -> tuple[Analysis, ...]:
    root = docs_dir / ANALYSES_DIR
    folders = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    for folder in folders:
        if not FOLDER_PATTERN.match(folder.name):
            raise ContentError(
                folder,
                "un dossier d’analyse s’appelle <année>-<nom-court>, par exemple 2021-retour-maraudes "
                "(minuscules, chiffres et tirets)",
            )
    known = {folder.name for folder in folders}
    analyses = [_load_analysis(folder, known) for folder in folders]
    themes = load_vocabulary(docs_dir, "themes")
    sectors = load_vocabulary(docs_dir, "sectors")
    for analysis in analyses:
        _check_slugs(root / analysis.folder / f"index.{SOURCE_LANGUAGE}.md", analysis.meta, "themes", themes)
        for chapter in analysis.chapters:
            for lang in LANGUAGES:
                path = localized(chapter.base, lang)
                if not path.exists():
                    continue
                meta, body = read_page(path)
                _check_slugs(path, meta, "themes", themes)
                for line, _, heading_id, sector in sector_sections(body):
                    if sectors and sector not in sectors:
                        raise ContentError(
                            path,
                            f"secteur inconnu `{sector}` dans `data-sector` ; connus : {', '.join(sorted(sectors))} "
                            "(un nouveau s’ajoute d’abord dans docs/_data/sectors.yml)",
                            file_line(path, body, line),
                        )
                    if not heading_id:
                        raise ContentError(path, "une section de secteur a besoin d’un identifiant : `{ #id data-sector=... }`", file_line(path, body, line))
    return tuple(sorted(analyses, key=lambda analysis: analysis.sort_key))
