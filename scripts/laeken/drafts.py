"""Drafts: unfinished work, shown while it is written, left out when the site is published.

As in Material's blog plugin (`draft`, `draft_on_serve`), but decided from the text itself:
a page is a draft while something remains to do on it. The reasons, each a key of
docs/_data/interface.yml (`draft_<key>`, French and Dutch):

- `marked`: its front matter says `draft: true` (`new` and `translations --start` write it);
- `template`: it still holds template text: a line, or a front-matter value, that starts with
  « À compléter : » (TEMPLATE_MARK and its colon; `new` writes them);
- `sector`: a sector section waits for its sector: a heading with the class
  `.secteur-a-preciser` (`## A) { #section-a .secteur-a-preciser }`, the form the OCR importer
  writes), until the coordinator writes `data-sector="<slug>"` in its place (the class is
  plain Markdown: the page builds and previews meanwhile, where an unknown sector key would
  stop the build);
- `untranslated`: a Dutch page started but not yet marked translated (no `source_hash`,
  which `translations --mark` sets);
and through the analyses:
- `no_chapter`: the presentation page of an analysis without a finished chapter;
- `follows_draft`: a detailed return on an analysis that is itself a draft;
- `in_draft_analysis`: every other page of a draft analysis;
- `french_draft`: the Dutch page of a French draft.

mkdocs.yml's `extra.drafts` (environment variable SITE_DRAFTS, true by default) decides:
true (`make serve`, `make build`), drafts are built with a « Brouillon » banner listing what
remains (scripts/hooks/drafts.py); false (`publish`), their files are left out: a Dutch draft
falls back to French, a draft analysis disappears with its chapters from every list, feed,
theme page, JSON file, sitemap and search index, and no address of a draft is recorded.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path

from laeken.analyses import ANALYSES_DIR, Analysis, load_analyses
from laeken.errors import ContentError
from laeken.languages import LANGUAGES, SOURCE_LANGUAGE
from laeken.pages import FRONT_MATTER, HEADING, docs_files, localized, page_text, read_page
from laeken.easy_read import is_easy_read
from laeken.translations import HASH_FIELD

DRAFT_FIELD = "draft"
TEMPLATE_MARK = "À compléter"
SECTOR_PENDING_CLASS = "secteur-a-preciser"
# « À compléter : » with its colon, so that a sentence of the text wrapped before « À compléter
# le dossier… » is not taken for template text; in the text, or as a field's value.
TEMPLATE_TEXT = rf"{TEMPLATE_MARK}\s*:"
TEMPLATE_LINE = re.compile(rf"\s*(?:[\w-]+:\s*)?['\"]?{TEMPLATE_TEXT}")
SECTOR_PENDING = re.compile(rf"\{{[^}}]*\.{SECTOR_PENDING_CLASS}\b[^}}]*\}}\s*$")


@dataclasses.dataclass(frozen=True)
class Reason:
    """One thing that remains to do on a page: `key` names its text in interface.yml."""

    key: str
    lines: tuple[int, ...] = ()  # where, in the file


def page_reasons(path: Path, lang: str) -> list[Reason]:
    """What remains to do on one page file, on its own (see the module's list)."""
    try:
        meta, _ = read_page(path)
    except ContentError:
        meta = {}  # a header that cannot be read: `check` reports it with every other problem
    text = page_text(path)  # read once per build with the front matter (read_page)
    front = FRONT_MATTER.match(text)
    body_start = text[: front.end()].count("\n") if front else 0
    reasons = []
    # An easy-read page is written in each language (laeken/easy_read.py): never a translation.
    untranslated = (lang != SOURCE_LANGUAGE and not meta.get(HASH_FIELD) and meta.get("translation") is not False
                    and not is_easy_read(path))
    # A translation's `draft: true` is --start's, taken away by --mark: "untranslated" says it all.
    if meta.get(DRAFT_FIELD) is True and not untranslated:
        reasons.append(Reason("marked", _lines(text, lambda line: re.match(rf"{DRAFT_FIELD}\s*:", line))))
    # Lines are looked at only when the mark is in the text: this reads every page of every build.
    template = _lines(text, lambda line: TEMPLATE_LINE.match(line)) if TEMPLATE_MARK in text else ()
    if template or any(isinstance(value, str) and re.match(rf"\s*{TEMPLATE_TEXT}", value) for value in meta.values()):
        reasons.append(Reason("template", template))
    pending = tuple(number for number in _lines(text, lambda line: HEADING.match(line) and SECTOR_PENDING.search(line))
                    if number > body_start) if SECTOR_PENDING_CLASS in text else ()
    if pending:
        reasons.append(Reason("sector", pending))
    if untranslated:
        reasons.append(Reason("untranslated"))
    return reasons


def _lines(text: str, wanted) -> tuple[int, ...]:
    return tuple(number for number, line in enumerate(text.splitlines(), start=1) if wanted(line))


def _language(path: Path) -> str | None:
    parts = path.name.split(".")
    return parts[-2] if len(parts) >= 3 and parts[-2] in LANGUAGES else None


def find_drafts(docs_dir: Path | str) -> dict[Path, list[Reason]]:
    """Every draft page under docs/ (resolved path) -> what remains to do on it. When the
    analyses cannot be read, only what the pages themselves say (`check` reports the rest)."""
    docs = Path(docs_dir).resolve()
    return {path: list(reasons) for path, reasons in _find_drafts(docs, docs_files(docs_dir)).items()}


@functools.lru_cache(maxsize=4)
def _find_drafts(docs: Path, signature: tuple) -> dict[Path, tuple[Reason, ...]]:
    """`signature`: the files under docs/ (laeken.pages.docs_files), read again when one changed."""
    drafts: dict[Path, list[Reason]] = {}
    for path in sorted(path for path in docs.rglob("*.md") if "_data" not in path.relative_to(docs).parts):
        lang = _language(path)
        reasons = page_reasons(path, lang) if lang else []
        if reasons:
            drafts[path] = reasons
    for path in [p for p in drafts if _language(p) == SOURCE_LANGUAGE]:
        for lang in LANGUAGES:
            translated = path.with_name(path.name.replace(f".{SOURCE_LANGUAGE}.md", f".{lang}.md"))
            if lang != SOURCE_LANGUAGE and translated.exists():
                drafts.setdefault(translated, []).append(Reason("french_draft"))
    try:
        analyses = {analysis.folder: analysis for analysis in load_analyses(docs)}
    except ContentError:
        analyses = {}  # what the pages say is still known; the analyses' problems are reported apart
    status: dict[str, list[Reason]] = {}

    def analysis_reasons(folder: str) -> list[Reason]:
        if folder not in status:
            status[folder] = []  # a loop of `follows` cannot recurse for ever
            analysis = analyses[folder]
            reasons = []
            if not any(localized(chapter.base, SOURCE_LANGUAGE) not in drafts for chapter in analysis.chapters):
                reasons.append(Reason("no_chapter"))
            follows = analysis.meta.get("follows")
            if follows in analyses and (presentation_page(docs, follows) in drafts or analysis_reasons(follows)):
                reasons.append(Reason("follows_draft"))
            status[folder] = reasons
        return status[folder]

    for folder in analyses:
        index = presentation_page(docs, folder)
        reasons = analysis_reasons(folder)
        if reasons:
            drafts.setdefault(index, []).extend(reasons)
        if index in drafts:
            for path in sorted(index.parent.glob("*.md")):
                if path != index and Reason("in_draft_analysis") not in drafts.get(path, []):
                    drafts.setdefault(path, []).append(Reason("in_draft_analysis"))
    return {path: tuple(reasons) for path, reasons in drafts.items()}


def presentation_page(docs: Path, folder: str) -> Path:
    """The French presentation page (index.fr.md) of the analysis in `folder`."""
    return localized(docs / ANALYSES_DIR / folder / "index", SOURCE_LANGUAGE)


def published_analyses(analyses, drafts: dict[Path, list[Reason]], docs_dir: Path | str) -> list[Analysis]:
    """The analyses as published: without draft analyses, draft chapters, and with the Dutch
    drafts left out (their pages fall back to French)."""
    kept = []
    for analysis in analyses:
        index = presentation_page(Path(docs_dir), analysis.folder)
        if index.resolve() in drafts:
            continue
        chapters = []
        for chapter in analysis.chapters:
            if localized(chapter.base, SOURCE_LANGUAGE).resolve() in drafts:
                continue
            hidden = tuple(lang for lang in LANGUAGES if localized(chapter.base, lang).resolve() in drafts)
            chapters.append(dataclasses.replace(chapter, hidden_languages=hidden, _memo={}) if hidden else chapter)
        easy_read = analysis.easy_read
        if easy_read and localized(easy_read.base, SOURCE_LANGUAGE).resolve() in drafts:
            easy_read = None
        elif easy_read:
            hidden = tuple(lang for lang in LANGUAGES if localized(easy_read.base, lang).resolve() in drafts)
            easy_read = dataclasses.replace(easy_read, hidden_languages=hidden, _memo={}) if hidden else easy_read
        translations = {lang: fields for lang, fields in analysis.translations.items()
                        if index.with_name(f"index.{lang}.md").resolve() not in drafts}
        kept.append(dataclasses.replace(analysis, chapters=chapters, translations=translations, easy_read=easy_read))
    return kept


def drafts_shown(config) -> bool:
    """mkdocs.yml's `extra.drafts` (SITE_DRAFTS): are drafts built, with their banner?"""
    return config.extra.get("drafts", True) is not False


def site_analyses(config) -> list[Analysis]:
    """The analyses a build shows: every one, or only what is published (see drafts_shown).
    Hooks take their analyses here."""
    analyses = load_analyses(config.docs_dir)
    return list(analyses) if drafts_shown(config) else published_analyses(analyses, find_drafts(config.docs_dir), config.docs_dir)


def describe(reason: Reason, ui: dict) -> str:
    """A reason in words, from the interface strings of a language."""
    text = ui[f"draft_{reason.key}"]
    if reason.lines:
        text += f" ({ui['draft_line' if len(reason.lines) == 1 else 'draft_lines']} {', '.join(map(str, reason.lines))})"
    return text


def draft_lines(root: Path, docs_dir: Path | str) -> list[str]:
    """Every draft, one line each, for the coordinators' tool (check, publish):
    `fichier:ligne: brouillon, non publié — reste à faire : …`."""
    from laeken.interface import interface_strings

    ui = interface_strings(docs_dir, SOURCE_LANGUAGE)
    lines = []
    for path, reasons in sorted(find_drafts(docs_dir).items()):
        where = path.relative_to(Path(root).resolve()) if path.is_relative_to(Path(root).resolve()) else path
        line = next((reason.lines[0] for reason in reasons if reason.lines), None)
        todo = " ; ".join(describe(reason, ui) for reason in reasons)
        lines.append(f"{where}{f':{line}' if line else ''}: brouillon, non publié — reste à faire\u00a0: {todo}")
    return lines
