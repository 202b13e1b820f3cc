"""Hook: drafts (scripts/laeken/drafts.py says what a draft is).

- `extra.drafts` true (SITE_DRAFTS unset: `make serve`, `make build`): a draft page is built
  with a « Brouillon » banner at the top of its text, in the build's language, listing what
  remains to do; `page.meta["draft_remaining"]` tells the other hooks (permalinks.py leaves
  its address out of what `publish` records).
- `extra.drafts` false (SITE_DRAFTS=false: `publish`): the draft files are removed before
  mkdocs-static-i18n sorts the files (a Dutch draft then falls back to French), and from
  mkdocs.yml's nav; the other hooks take their analyses from laeken.drafts.site_analyses,
  which leaves the draft analyses and chapters out.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from laeken.drafts import Reason, describe, drafts_shown, find_drafts  # noqa: E402
from laeken.errors import ContentError  # noqa: E402
from laeken.interface import interface_strings  # noqa: E402
from laeken.languages import SOURCE_LANGUAGE  # noqa: E402

DRAFT_META = "draft_remaining"
_state: dict = {}


# After mkdocs-static-i18n's on_config (-100), which sets the language; before the other
# hooks (-110), which read extra.drafts through laeken.drafts.site_analyses.
@event_priority(-105)
def on_config(config):
    shown = config.extra.get("drafts", True)
    if shown not in (True, False):
        raise PluginError(f"Brouillons : extra.drafts (variable SITE_DRAFTS) vaut {shown!r} ; elle doit valoir true ou false")
    config.extra["drafts"] = bool(shown)
    try:
        drafts = find_drafts(config.docs_dir)
    except ContentError:
        drafts = {}  # content that cannot be read: scripts/hooks/analyses.py says what and where
    _state.update(drafts=drafts, shown=drafts_shown(config), docs_dir=config.docs_dir,
                  ui=interface_strings(config.docs_dir, config.theme["language"]))
    return config


def on_files(files, config):
    """Published build: the drafts' files and nav entries are left out (before mkdocs-static-i18n, at -100)."""
    if _state["shown"]:
        return files
    left_out = set()
    for file in list(files):
        if file.abs_src_path and Path(file.abs_src_path).resolve() in _state["drafts"]:
            files.remove(file)
            left_out.add(file.src_uri)
    if config.nav:
        config.nav = _without(config.nav, left_out)
    return files


def _without(nav, left_out: set):
    """mkdocs.yml's nav without the pages whose French file is a draft (`page.md` -> `page.fr.md`)."""
    kept = []
    for entry in nav:
        target = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(target, list):
            kept.append({next(iter(entry)): _without(target, left_out)})
        elif not (isinstance(target, str) and target.endswith(".md")
                  and target.removesuffix(".md") + f".{SOURCE_LANGUAGE}.md" in left_out):
            kept.append(entry)
    return kept


def _reasons(page):
    if not _state["shown"] or not _state["drafts"]:
        return None
    # Generated pages have no file of their own: their path in docs/ stands for it.
    path = Path(page.file.abs_src_path or Path(_state["docs_dir"]) / page.file.src_uri).resolve()
    reasons = _state["drafts"].get(path)
    if reasons is None and not path.exists():  # a generated page (the print page) of a draft analysis
        if path.with_name(f"index.{SOURCE_LANGUAGE}.md") in _state["drafts"]:
            reasons = [Reason("in_draft_analysis")]
    return reasons


def on_page_markdown(markdown, page, config, files):
    reasons = _reasons(page)
    if reasons:
        page.meta[DRAFT_META] = [describe(reason, _state["ui"]) for reason in reasons]
    return markdown


@event_priority(-200)  # last: the banner is no paragraph to number nor anchor to record
def on_page_content(html_text, page, config, files):
    remaining = page.meta.get(DRAFT_META)
    if not remaining:
        return html_text
    ui = _state["ui"]
    banner = (
        f'<div class="admonition danger draft-notice" role="note" lang="{html.escape(config.theme["language"])}">'
        f'<p class="admonition-title">{html.escape(ui["draft_title"])}</p>'
        f"<p>{html.escape(ui['draft_text'])}</p>"
        "<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in remaining) + "</ul></div>\n"
    )
    return banner + html_text
