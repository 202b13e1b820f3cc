"""Which known sector a heading names: "A) Maison médicale", "Wijkgezondheidscentra", "epn"...

The sectors are those of docs/_data/sectors.yml (key -> {fr: {name}, nl: {name}}), passed in
by the caller. A heading names a sector when, without an `A)` / `1.` marker in front, it is
the sector's key, its French or Dutch name, or that name without its explanation in
brackets, singular or plural ("Maison médicale" for "Maisons médicales").
"""

from __future__ import annotations

import re

from laeken.text import slugify

_MARKER = re.compile(r"^\s*(?:[A-Za-z]|\d{1,2})[).]\s+")


def _forms(text: str) -> set[str]:
    slug = slugify(text, fallback="")
    singular = "-".join(word[:-1] if len(word) > 3 and word.endswith(("s", "x")) else word for word in slug.split("-"))
    return {slug, singular} - {""}


def _names(key: str, entry) -> set[str]:
    forms = _forms(key)
    for language in (entry or {}).values() if isinstance(entry, dict) else ():
        name = str((language or {}).get("name") or "") if isinstance(language, dict) else ""
        forms |= _forms(name) | _forms(name.split("(")[0])
    return forms


def sector_named(heading: str, sectors: dict) -> str | None:
    """The key of the sector that `heading` names, or None."""
    wanted = _forms(_MARKER.sub("", heading))
    if not wanted:
        return None
    for key, entry in sectors.items():
        if wanted & _names(str(key), entry):
            return str(key)
    return None
