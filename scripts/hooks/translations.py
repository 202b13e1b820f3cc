"""Hook: tell the reader what language a page is really in.

mkdocs-static-i18n serves the French page when a Dutch one is missing (fallback). The
template (overrides/main.html) then shows a notice in Dutch and marks the French text
`lang="fr"`. A translated Dutch page says it is a translation and links to the original.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from laeken.easy_read import is_easy_read  # noqa: E402
from laeken.languages import SOURCE_LANGUAGE  # noqa: E402
from laeken.translations import translation_status  # noqa: E402


def on_page_context(context, page, config, nav):
    build_lang = config.theme["language"]
    file_lang = getattr(page.file, "locale", build_lang)
    if file_lang != build_lang:
        context["translation_state"] = "fallback"
    elif (build_lang != SOURCE_LANGUAGE and page.meta.get("translation") is not False
          and not is_easy_read(Path(page.file.abs_src_path))):
        # Pages generated in each language from data (`translation: false`) and easy-read
        # pages, written in each language, are not translations.
        context["translation_state"] = "translated"
        original = getattr(page.file, "alternates", {}).get(SOURCE_LANGUAGE)
        context["original_url"] = original.url if original else None
        if original is not None:
            french = Path(config.docs_dir) / original.src_uri
            if french.exists() and translation_status(french, build_lang) == "outdated":
                context["translation_state"] = "outdated"
    else:
        context["translation_state"] = "original"
    return context
