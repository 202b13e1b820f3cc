"""The site's languages: French is the source, Dutch the translation."""

from __future__ import annotations

SOURCE_LANGUAGE = "fr"
LANGUAGES = ("fr", "nl")
LANGUAGE_NAMES = {"fr": "française", "nl": "néerlandaise"}
