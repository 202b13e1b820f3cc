"""Pages and HTML that hooks make: generated pages added to MkDocs' files, HTML put in after Markdown."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from laeken.errors import ContentError

_REDIRECT_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="canonical" href="{absolute}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target}">{script}
</head>
<body><p><a href="{target}">{title}</a></p></body>
</html>
"""


def redirect_page(lang: str, title: str, target: str, absolute: str, keep_fragment: bool = False) -> str:
    """A page that sends its reader on to `target` (relative), with a link for those whose
    browser does not follow; `absolute` is the target's full address. With `keep_fragment`,
    the reader's #anchor goes along (an old address of a page that moved)."""
    script = f'\n<script>location.replace("{html.escape(target)}" + location.hash)</script>' if keep_fragment else ""
    return _REDIRECT_PAGE.format(lang=html.escape(lang), title=html.escape(title), target=html.escape(target),
                                 absolute=html.escape(absolute), script=script)


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


class SharedMarkdown:
    """Markdown that many generated pages hold the same (the heading of an analysis on each of
    its theme and sector pages), rendered once per build by the site's own Markdown: the same
    extensions and settings as a page, so the same HTML, and the table-of-contents entries a
    page would get from it. MkDocs makes a new Markdown for every page and parses every
    block of it; this one is reused (reset between texts) and keeps what it rendered."""

    def __init__(self, config):
        self.config, self.md, self.rendered = config, None, {}

    def render(self, text: str) -> tuple[str, list]:
        """(HTML, table-of-contents tokens as Python-Markdown's toc makes them) of `text`."""
        if text not in self.rendered:
            self.rendered[text] = self._convert(text)
        return self.rendered[text]

    def render_headings(self, headings) -> None:
        """Render Markdown headings of one level (`### …`, one line each) in one pass: each is
        one line of HTML and one table-of-contents entry, as when rendered alone. (A heading
        whose text would not render so is rendered alone.)"""
        todo = [text for text in dict.fromkeys(headings) if text not in self.rendered]
        if not todo:
            return
        html_text, tokens = self._convert("\n\n".join(todo))
        lines = html_text.split("\n")
        if len(lines) == len(tokens) == len(todo) and all(not token["children"] for token in tokens):
            for text, line, token in zip(todo, lines, tokens):
                self.rendered[text] = (line, [token])
        else:
            for text in todo:
                self.render(text)

    def _convert(self, text: str) -> tuple[str, list]:
        if self.md is None:
            import markdown

            self.md = markdown.Markdown(extensions=self.config.markdown_extensions,
                                        extension_configs=self.config.mdx_configs or {})
        self.md.reset()
        html_text = self.md.convert(text)
        return html_text, list(getattr(self.md, "toc_tokens", []))


def add_to_toc(page, parent_id: str, tokens: list) -> None:
    """Add table-of-contents entries (toc tokens, see SharedMarkdown) under the entry
    `parent_id` of a page's table of contents, and their ids to the page's anchors (which
    MkDocs checks links against), as if Markdown had found the headings in the page."""
    from mkdocs.structure.toc import AnchorLink

    ids = set()

    def anchor(token):
        ids.add(token["id"])
        link = AnchorLink(token["name"], token["id"], token["level"])
        link.children = [anchor(child) for child in token["children"]]
        return link

    def find(items):
        for item in items:
            found = item if item.id == parent_id else find(item.children)
            if found is not None:
                return found
        return None

    parent = find(page.toc.items)
    if parent is None:
        raise ContentError(Path(page.file.src_path), f"la page n’a pas de titre #{parent_id}")
    parent.children += [anchor(token) for token in tokens]
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= ids
