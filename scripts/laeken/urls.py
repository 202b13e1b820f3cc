"""Where a page is: its source path without language suffix, its URL, a link from another page."""

from __future__ import annotations

from laeken.languages import SOURCE_LANGUAGE


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

    start, end = url_path(from_uri), url_path(to_uri)
    if start and end and start.partition("/")[0] != end.partition("/")[0]:
        # No folder in common (an analysis page and a theme page: thousands of links a build):
        # up to the site's root and down again, as get_relative_url writes it, without its cost.
        return "../" * start.count("/") + end
    return get_relative_url(end, start)
