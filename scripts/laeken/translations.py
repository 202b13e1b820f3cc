"""Translation status.

A Dutch page records, in its front matter, a fingerprint of the French text it translates
(`source_hash`), set by `python scripts/analyses.py translations --mark PAGE`. When the French
changes, the fingerprints differ and the translation is outdated. A hash, not a git date, so
that it works from a downloaded archive too. Next to it, `source_paragraphs` holds a short
fingerprint of each French paragraph (§1, §2... as the site numbers them), so that the tool
can say which paragraphs changed since the mark.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

from laeken.analyses import TRANSLATED_FIELDS
from laeken.languages import SOURCE_LANGUAGE
from laeken.pages import read_page

HASH_FIELD = "source_hash"
PARAGRAPHS_FIELD = "source_paragraphs"
# Blocks that are not paragraphs of the text (the site numbers only plain paragraphs).
NOT_A_PARAGRAPH = re.compile(r"(?:#|[-*+] |<|!!!|\?\?\?|\||>|```|~~~|\{|\[\^|\d+\. )")
# A paragraph whose last line is `{ .suite-du-paragraphe }` continues the numbered paragraph
# before it and shares its number: a published paragraph split in two keeps the numbers that
# follow it, which readers have cited (the site numbers no paragraph that has a class).
CONTINUED = "suite-du-paragraphe"
CONTINUED_MARK = re.compile(r"^\{:?[^}]*\." + CONTINUED + r"(?=[\s}])[^}]*\}$")


def paragraphs(body: str) -> list[str]:
    """The top-level text paragraphs of a Markdown body, in order: what the site numbers §1,
    §2... (headings, lists, admonitions, tables, HTML, code and footnotes are not numbered;
    a continued paragraph is part of the one before it)."""
    found, in_fence = [], False
    for block in re.split(r"\n[ \t]*\n", body):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        fences = sum(line.lstrip().startswith(("```", "~~~")) for line in lines)
        if in_fence or lines[0].startswith(("    ", "\t")) or NOT_A_PARAGRAPH.match(lines[0].lstrip()):
            in_fence = in_fence != (fences % 2 == 1)
            continue
        text = "\n".join(line.strip() for line in lines)
        if found and CONTINUED_MARK.match(lines[-1].strip()):
            found[-1] += "\n\n" + text
        else:
            found.append(text)
    return found


def paragraph_fingerprints(french: Path) -> str:
    """A short fingerprint of each paragraph of a page, in order, space-separated."""
    return " ".join(hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]
                    for text in paragraphs(read_page(french)[1]))


def changed_paragraphs(french: Path, translated: Path) -> list[int] | None:
    """The numbers of the French paragraphs that changed, were added or removed since the
    translation was marked; None when the mark recorded no paragraph fingerprints."""
    recorded = read_page(translated)[0].get(PARAGRAPHS_FIELD)
    if not recorded:
        return None
    old, new = str(recorded).split(), paragraph_fingerprints(french).split()
    return [number for number in range(1, max(len(old), len(new)) + 1)
            if number > min(len(old), len(new)) or old[number - 1] != new[number - 1]]


def source_hash(french: Path) -> str:
    """Fingerprint of what a translation translates: the text and the translated fields."""
    meta, body = read_page(french)
    return _fingerprint("\n".join(f"{name}: {meta[name]}" for name in TRANSLATED_FIELDS if name in meta), body)


@functools.lru_cache(maxsize=1024)
def _fingerprint(translated: str, body: str) -> str:
    # Kept: a build asks for each French page's fingerprint on its Dutch page and its print page.
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
