"""Pages and HTML that hooks make: generated pages added to MkDocs' files, HTML put in after Markdown."""

from __future__ import annotations

import os
import re
from pathlib import Path

from laeken.errors import ContentError


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
