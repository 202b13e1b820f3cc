"""The site's content model, shared by the MkDocs hooks and the coordinators' tools.

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
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# libyaml's fast parser when PyYAML has it (every build reads the data of both languages).
_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SOURCE_LANGUAGE = "fr"
LANGUAGES = ("fr", "nl")
TRANSLATED_FIELDS = ("title", "summary")
REQUIRED_FIELDS = {"title": str, "year": int, "authors": list, "kind": str, "summary": str}
KINDS = ("analysis", "return")
ANALYSES_DIR = "analyses"
PRINT_PAGE = "imprimer"  # analyses/<folder>/imprimer/: the whole analysis on one page (hooks/printing.py)
FOLDER_PATTERN = re.compile(r"^(?P<year>\d{4})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)$")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*\n", re.DOTALL)
HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.+?)[ \t]*$", re.MULTILINE)
ATTR_LIST = re.compile(r"[ \t]*\{:?(?P<attrs>[^}]*)\}[ \t]*$")
HEADING_ID = re.compile(r"(?:^|\s)#(?P<id>[\w-]+)")


class ContentError(Exception):
    """Bad content, with the file (and line) at fault and what would be right."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


def read_page(path: Path) -> tuple[dict, str]:
    """Return (front matter, body) of a Markdown page; an error names the file and line."""
    path = Path(path)
    stat = path.stat()
    meta, body = _read_page(path, stat.st_mtime_ns, stat.st_size)
    return dict(meta), body


@functools.lru_cache(maxsize=4096)
def _read_page(path: Path, mtime_ns: int, size: int) -> tuple[dict, str]:
    # Cached by modification time: hooks and tools read the same pages many times per build.
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.load(match.group("yaml") or "", Loader=_YamlLoader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else None  # +1 for 1-based, +1 for the opening ---
        raise ContentError(path, f"l’en-tête (front matter) n’est pas du YAML valide ({error.problem})", line)
    if not isinstance(meta, dict):
        raise ContentError(path, "l’en-tête doit être une liste de lignes `champ: valeur`", 2)
    return meta, text[match.end():]


def headings(body: str) -> list[tuple[int, str, str | None]]:
    """(level, text without its attribute list, explicit id or None) of each ATX heading."""
    return list(_headings(body))


@functools.lru_cache(maxsize=1024)
def _headings(body: str) -> tuple[tuple[int, str, str | None], ...]:
    found = []
    in_fence = False
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = None if in_fence else HEADING.match(line)
        if not match:
            continue
        text, heading_id = match.group("text"), None
        attrs = ATTR_LIST.search(text)
        if attrs:
            text = text[: attrs.start()]
            id_match = HEADING_ID.search(attrs.group("attrs"))
            heading_id = id_match.group("id") if id_match else None
        found.append((len(match.group("hashes")), text.strip(), heading_id))
    return tuple(found)


SECTOR_ATTR = re.compile(r'data-sector="(?P<sector>[^"]*)"')


def sector_sections(body: str) -> list[tuple[int, str, str | None, str]]:
    """(line, heading text, id, sector) of each heading that carries `data-sector="..."`."""
    return list(_sector_sections(body))


@functools.lru_cache(maxsize=1024)
def _sector_sections(body: str) -> tuple[tuple[int, str, str | None, str], ...]:
    found = []
    for number, line in enumerate(body.splitlines(), start=1):
        match = HEADING.match(line)
        attrs = ATTR_LIST.search(match.group("text")) if match else None
        sector = SECTOR_ATTR.search(attrs.group("attrs")) if attrs else None
        if sector:
            id_match = HEADING_ID.search(attrs.group("attrs"))
            text = match.group("text")[: attrs.start()].strip()
            found.append((number, text, id_match.group("id") if id_match else None, sector.group("sector")))
    return tuple(found)


SLUG_MAX = 60


def slugify(text: str, fallback: str = "section") -> str:
    """An id or URL segment from a title: ASCII lower case, digits and dashes, cut at a word
    under SLUG_MAX characters. Never `p<number>`: the site numbers paragraphs #p1, #p2..."""
    for char, ascii_form in (("œ", "oe"), ("Œ", "OE"), ("æ", "ae"), ("Æ", "AE"), ("ß", "ss"), ("’", "-")):
        text = text.replace(char, ascii_form)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0]
    if re.fullmatch(r"p\d+", slug):
        slug += "-section"
    return slug or fallback


def protect_line_start(text: str) -> str:
    """Escape the start of a block (or of a line after a forced break) that Markdown would
    read as markup: list, heading, quote, admonition, definition, setext underline, fence.
    With escapes and character references only: what the reader sees stays the same.
    (The importers write every paragraph through it.)"""
    match = re.match(r"\d+(?=[.)](?: |$))", text)
    if match:
        return text[: match.end()] + "\\" + text[match.end():]
    if re.match(r"[-+*](?: |$)|[>#]|!!!", text):
        return "\\" + text
    if re.match(r":(?: |$)", text):
        return "&#58;" + text[1:]
    if re.match(r"=+(?: |$)", text):
        return "&#61;" + text[1:]
    if text.startswith(("~~~", "???")):
        return {"~": "&#126;", "?": "&#63;"}[text[0]] + text[1:]
    return text


INLINE_MARKUP = re.compile(r"\{:?[^}]*\}|[*_`]+|\\(?=[^\w\s])")


def plain_text(text: str) -> str:
    """A heading's Markdown as plain text: without emphasis, code marks, attribute lists
    and escapes (`*espaces*{ lang="fr" }` -> `espaces`)."""
    return INLINE_MARKUP.sub("", text)


def add_generated_pages(files, config, pages: dict[str, str]) -> None:
    """Add pages made by a hook (src_uri with language suffix -> Markdown) to MkDocs' files.

    mkdocs-static-i18n only localises files that lie in docs_dir, and re-creates each File
    from its path: the pages get a (virtual) path in docs_dir here, and their text back from
    restore_generated_pages after it has run (on_nav, priority below -100)."""
    from mkdocs.structure.files import File

    for src_uri, text in pages.items():
        if files.get_file_from_path(src_uri) is not None:
            raise ContentError(Path(config.docs_dir) / src_uri, "cette page est générée : supprimez ce fichier")
        file = File.generated(config, src_uri, content=text)
        file.abs_src_path = os.path.join(config.docs_dir, src_uri)
        files.append(file)


def restore_generated_pages(files, pages: dict[str, str]) -> None:
    """See add_generated_pages."""
    for file in files:
        text = pages.get(file.src_uri)
        if text is not None:
            file.content_string = text


def page_uri(file) -> str:
    """A page's path without its language suffix (mkdocs-static-i18n keeps it apart)."""
    return getattr(file, "norm_src_uri", file.src_uri)


def url_path(uri: str, lang: str = SOURCE_LANGUAGE) -> str:
    """The URL path of a page in `lang`, from its source path without language suffix
    (directory URLs): `analyses/x/chapitre.md` -> `analyses/x/chapitre/`, `nl/analyses/x/chapitre/`."""
    path = uri[: -len("index.md")] if uri.endswith("index.md") else uri[: -len(".md")] + "/"
    return ("" if lang == SOURCE_LANGUAGE else f"{lang}/") + path


def page_link(from_uri: str, to_uri: str) -> str:
    """The final relative address of one page from another (source paths), written in HTML
    by the hooks: MkDocs need not parse, resolve and check a Markdown link made from data."""
    from mkdocs.utils import get_relative_url

    return get_relative_url(url_path(to_uri), url_path(from_uri))


class AfterMarkdown:
    """HTML that a hook writes itself (with final addresses), put in a page after Markdown:
    raw HTML in the Markdown would be parsed again by Markdown and by MkDocs, on every page.
    The Markdown holds a placeholder comment, which Markdown leaves alone; the hook's
    on_page_content fills it in. One per hook and build, each with its own name."""

    def __init__(self, name: str):
        self.name, self.parts = name, []
        self.pattern = re.compile(rf"<!-- {re.escape(name)} (\d+) -->")

    def placeholder(self, html_text: str) -> str:
        self.parts.append(html_text)
        return f"<!-- {self.name} {len(self.parts) - 1} -->"

    def fill(self, html_text: str) -> str:
        return self.pattern.sub(lambda match: self.parts[int(match.group(1))], html_text)


def localized(path_without_suffix: Path, lang: str) -> Path:
    """`chapter` + `nl` -> `chapter.nl.md`."""
    return path_without_suffix.with_name(f"{path_without_suffix.name}.{lang}.md")


@dataclass
class Chapter:
    slug: str
    order: int
    base: Path  # docs/analyses/<folder>/<slug>, without language suffix
    themes: list = field(default_factory=list)
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
            return translated if translated.exists() else localized(self.base, SOURCE_LANGUAGE)
        return self._remember(("path", lang), compute)

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
        return (self.year, str(self.meta.get("published", "")), self.folder)


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


def load_vocabulary(docs_dir: Path | str, kind: str) -> dict[str, dict]:
    """A closed vocabulary (docs/_data/themes.yml or sectors.yml): slug -> {lang: {name, description}}."""
    path = Path(docs_dir) / "_data" / f"{kind}.yml"
    if not path.exists():
        return {}
    return _load_vocabulary(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _load_vocabulary(path: Path, mtime_ns: int) -> dict[str, dict]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YamlLoader) or {}
    for slug, entry in data.items():
        if not ENTRY_ID.match(str(slug)):
            raise ContentError(path, f"`{slug}` : un nom court s’écrit en minuscules, chiffres et tirets")
        for lang in LANGUAGES:
            part = entry.get(lang) if isinstance(entry, dict) else None
            if not isinstance(part, dict) or not part.get("name") or not part.get("description"):
                raise ContentError(path, f"`{slug}` : la partie {LANGUAGE_NAMES[lang]} ({lang}) doit avoir un nom (name) et une description")
    return data


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


def _file_line(path: Path, body: str, line: int) -> int:
    """The line in the file of line `line` of its body (after the front matter)."""
    return line + len(path.read_text(encoding="utf-8").splitlines()) - len(body.splitlines())


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
                            _file_line(path, body, line),
                        )
                    if not heading_id:
                        raise ContentError(path, "une section de secteur a besoin d’un identifiant : `{ #id data-sector=... }`", _file_line(path, body, line))
    return tuple(sorted(analyses, key=lambda analysis: analysis.sort_key, reverse=True))


@functools.lru_cache(maxsize=None)
def _interface(path: Path, mtime: float) -> dict:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YamlLoader) or {}
    for key, value in data.items():
        missing = [lang for lang in LANGUAGES if not (isinstance(value, dict) and value.get(lang))]
        if missing:
            raise ContentError(path, f"le texte `{key}` n’a pas de version {' / '.join(missing)}")
    return data


def interface_strings(docs_dir: Path | str, lang: str) -> dict[str, str]:
    """Our own interface strings (notices, labels) in `lang`, from docs/_data/interface.yml.
    Shared between callers (hooks ask for them on every page): read it, never change it."""
    path = os.path.join(docs_dir, "_data", "interface.yml")
    return _interface_in(path, os.stat(path).st_mtime, lang)


def interface_by_language(docs_dir: Path | str) -> dict[str, dict[str, str]]:
    """interface_strings of every language: hooks take them once per build (on_config), as a
    page asks for them several times."""
    return {lang: interface_strings(docs_dir, lang) for lang in LANGUAGES}


@functools.lru_cache(maxsize=8)
def _interface_in(path: str, mtime: float, lang: str) -> dict[str, str]:
    return {key: value[lang] for key, value in _interface(Path(path), mtime).items()}


# --- Glossary ------------------------------------------------------------------------------
# docs/_data/glossary.yml: one entry per term, keyed by a stable id (the anchor on the
# glossary page), with per language the term, its variants, a one-line definition for the
# tooltip, a longer definition (Markdown) for the glossary page and an optional link.

GLOSSARY_FILE = Path("_data") / "glossary.yml"
GLOSSARY_FIELDS = {"term": str, "variants": list, "short": str, "definition": str}
GLOSSARY_OPTIONAL = {"link": str}
ENTRY_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SHORT_MAX = 200
LANGUAGE_NAMES = {"fr": "française", "nl": "néerlandaise"}


@dataclass
class GlossaryEntry:
    id: str
    line: int
    languages: dict  # lang -> {"term", "variants", "short", "definition", "link"?}

    def term(self, lang: str) -> str:
        return self.languages[lang]["term"]

    def forms(self, lang: str) -> list[str]:
        """Every written form to look for in a text: the term and its variants."""
        return list(dict.fromkeys([self.term(lang), *self.languages[lang]["variants"]]))




def _entry_error(path, line, entry_id, message):
    return ContentError(path, f"entrée `{entry_id}` : {message}", line)


def _check_entry(path: Path, entry_id: str, line: int, value) -> GlossaryEntry:
    if not ENTRY_ID.match(entry_id):
        raise _entry_error(path, line, entry_id, "un identifiant s’écrit en minuscules, chiffres et tirets, comme `maison-medicale`")
    if not isinstance(value, dict):
        raise _entry_error(path, line, entry_id, "elle doit avoir une partie `fr:` et une partie `nl:`")
    for lang in LANGUAGES:
        part = value.get(lang)
        name = f"la partie {LANGUAGE_NAMES[lang]} ({lang})"
        if not isinstance(part, dict):
            raise _entry_error(path, line, entry_id, f"{name} manque : ajoutez `{lang}:` avec term, variants, short, definition")
        for field_name, expected in {**GLOSSARY_FIELDS, **GLOSSARY_OPTIONAL}.items():
            if field_name not in part or part[field_name] in (None, ""):
                if field_name in GLOSSARY_OPTIONAL:
                    continue
                raise _entry_error(path, line, entry_id, f"{name} n’a pas de champ `{field_name}`")
            if not isinstance(part[field_name], expected):
                kind = "une liste, comme [a, b]" if expected is list else "un texte"
                raise _entry_error(path, line, entry_id, f"dans {name}, `{field_name}` doit être {kind}")
        if not all(isinstance(variant, str) and variant.strip() for variant in part["variants"]):
            raise _entry_error(path, line, entry_id, f"dans {name}, chaque variante doit être un texte non vide")
        short = part["short"].strip()
        if "\n" in short or len(short) > SHORT_MAX:
            raise _entry_error(path, line, entry_id, f"dans {name}, `short` doit tenir en une ligne de {SHORT_MAX} caractères au plus (c’est l’infobulle)")
        if part.get("link") and not re.match(r"^https?://", part["link"]):
            raise _entry_error(path, line, entry_id, f"dans {name}, `link` doit être une adresse web qui commence par https://")
        unknown = set(part) - set(GLOSSARY_FIELDS) - set(GLOSSARY_OPTIONAL)
        if unknown:
            raise _entry_error(path, line, entry_id, f"dans {name}, champ(s) inconnu(s) {', '.join(sorted(unknown))}")
    extra = set(value) - set(LANGUAGES)
    if extra:
        raise _entry_error(path, line, entry_id, f"partie(s) inconnue(s) {', '.join(sorted(extra))} : seulement {' et '.join(LANGUAGES)}")
    return GlossaryEntry(id=entry_id, line=line, languages={lang: value[lang] for lang in LANGUAGES})


def load_glossary(docs_dir: Path | str) -> list[GlossaryEntry]:
    """Read and check the glossary. Raises ContentError naming the file, line and entry."""
    path = Path(docs_dir) / GLOSSARY_FILE
    if not path.exists():
        return []
    return list(_load_glossary(path, path.stat().st_mtime))


@functools.lru_cache(maxsize=4)
def _load_glossary(path: Path, mtime: float) -> tuple[GlossaryEntry, ...]:
    # Cached by modification time: both languages' builds share one reading of the file.
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=_YamlLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ContentError(path, f"ce n’est pas du YAML valide ({error.problem})", mark.line + 1 if mark else None)
    if root is None:
        return ()
    if not isinstance(root, yaml.MappingNode):
        raise ContentError(path, "le glossaire est une suite d’entrées `id:`, chacune avec `fr:` et `nl:`", 1)
    loader = _YamlLoader("")
    entries, seen = [], {}
    for key_node, value_node in root.value:
        entry_id, line = str(key_node.value), key_node.start_mark.line + 1
        if entry_id in seen:
            raise _entry_error(path, line, entry_id, f"cet identifiant est déjà utilisé ligne {seen[entry_id]} : chaque identifiant est unique")
        seen[entry_id] = line
        entries.append(_check_entry(path, entry_id, line, loader.construct_object(value_node, deep=True)))
    for lang in LANGUAGES:
        owners: dict[str, GlossaryEntry] = {}
        for entry in entries:
            for form in entry.forms(lang):
                other = owners.setdefault(form.casefold(), entry)
                if other is not entry:
                    raise _entry_error(
                        path, entry.line, entry.id,
                        f"la variante {LANGUAGE_NAMES[lang]} {form!r} est aussi dans l’entrée "
                        f"`{other.id}` (ligne {other.line}) : une variante n’appartient qu’à une entrée",
                    )
    return tuple(entries)


def sort_key(text: str) -> str:
    """Alphabetical order as a reader expects it: accents and case ignored (é = e)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@functools.lru_cache(maxsize=8)
def _term_pattern(forms: tuple[str, ...]) -> re.Pattern:
    """A regex finding any form as a whole word, the longest form first, so that "maison
    médicale" wins over "maison". An acronym (all capitals) matches only in capitals;
    a form starting with a lower-case letter also matches with a capital first letter;
    words may be separated by any white space (a line break, a no-break space).
    The forms are merged into a tree of shared beginnings: the regex tries a handful of
    letters at each place of the text instead of every form (the glossary reads every page)."""
    tree: dict = {}
    for form in forms:
        node = tree
        for position, char in enumerate(form):
            if char.isspace():
                unit = r"\s+"
            elif position == 0 and char.islower():
                unit = f"[{re.escape(char)}{re.escape(char.upper())}]"
            else:
                unit = re.escape(char)
            node = node.setdefault(unit, {})
        node[""] = {}  # a form ends here
    return re.compile(r"(?<![\w-])" + _tree_regex(tree) + r"(?![\w-])")


def _tree_regex(tree: dict) -> str:
    branches = [unit + _tree_regex(child) for unit, child in tree.items() if unit]
    if not branches:
        return ""
    alternatives = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Where a form ends but longer ones go on, the longer are tried first (greedy `?`).
    return f"(?:{alternatives})?" if "" in tree else alternatives


def term_pattern(forms) -> re.Pattern:
    """See _term_pattern; compiled once per set of forms (both language builds share it)."""
    return _term_pattern(tuple(forms))


# --- Translation status --------------------------------------------------------------------
# A Dutch page records, in its front matter, a fingerprint of the French text it translates
# (`source_hash`), set by `python scripts/analyses.py translations --mark PAGE`. When the French
# changes, the fingerprints differ and the translation is outdated. A hash, not a git date, so
# that it works from a downloaded archive too.

HASH_FIELD = "source_hash"


def source_hash(french: Path) -> str:
    """Fingerprint of what a translation translates: the text and the translated fields."""
    import hashlib

    meta, body = read_page(french)
    translated = "\n".join(f"{name}: {meta[name]}" for name in TRANSLATED_FIELDS if name in meta)
    normalised = "\n".join(line.rstrip() for line in (translated + "\n" + body).strip().splitlines())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def translation_status(french: Path, lang: str) -> str:
    """`missing`, `unmarked` (no fingerprint yet), `outdated` or `up-to-date`."""
    translated = french.with_name(french.name.replace(f".{SOURCE_LANGUAGE}.md", f".{lang}.md"))
    if not translated.exists():
        return "missing"
    recorded = read_page(translated)[0].get(HASH_FIELD)
    if not recorded:
        return "unmarked"
    return "up-to-date" if str(recorded) == source_hash(french) else "outdated"
