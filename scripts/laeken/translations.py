"""Translation status.

A Dutch page records, in its front matter, a fingerprint of the French text it translates
(`source_hash`), set by `python scripts/analyses.py translations --mark PAGE`. When the French
changes, the fingerprints differ and the translation is outdated. A hash, not a git date, so
that it works from a downloaded archive too.
"""

from __future__ import annotations

from pathlib import Path

from laeken.analyses import TRANSLATED_FIELDS
from laeken.languages import SOURCE_LANGUAGE
from laeken.pages import read_page

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
