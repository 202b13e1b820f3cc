"""Hook: our own interface strings and the site-wide footer, in the build's language.

Strings come from docs/_data/interface.yml (both languages, one place); templates read
them as `ui.<key>`. The licence and contact are set once in mkdocs.yml (`extra`) and
shown in the footer of every page in both languages.

Compiling Material's templates took a third of a build of this site (once per language,
and again on every save under `mkdocs serve`): Jinja keeps them compiled in the project's
own `.cache/jinja/` (ignored by git), checked against each template's source. Not in the
system's temporary folder, which every build on the machine shares and anyone may clean.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from laeken.interface import interface_strings  # noqa: E402
from laeken.languages import LANGUAGES  # noqa: E402
from laeken.safe import markdown_text, markdown_url, unsafe_url  # noqa: E402

_state: dict = {}


# After mkdocs-static-i18n's on_config (-100), which sets the build's language.
@event_priority(-110)
def on_config(config):
    lang = config.theme["language"]
    ui = interface_strings(config.docs_dir, lang)
    _state["ui"] = ui
    licence, contact = config.extra["licence"], config.extra["contact"]
    licence_url = licence.get(f"url_{lang}", licence["url"])
    if unsafe_url(licence_url):  # the footer is HTML: no link there may run code
        raise PluginError(f"mkdocs.yml : extra.licence, l’adresse {licence_url!r} n’est pas une page web — "
                          "écrivez une adresse qui commence par https://")
    # The ¶ link after each heading: its title in the build's language (Markdown's default is English).
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = ui["permalink_title"]
    config.copyright = (  # Material shows it in every footer; HTML is allowed there
        f"{html.escape(contact['name'])} · {html.escape(ui['licence_text'])} "
        f'<a href="{html.escape(licence_url)}" rel="license">{html.escape(licence["name"])}</a>'
        f" · {html.escape(ui['contact_label'])} "
        f'<a href="mailto:{html.escape(contact["email"])}">{html.escape(contact["email"])}</a>'
    )
    return config


def on_env(env, config, files):
    cache = Path(config.config_file_path).resolve().parent / ".cache" / "jinja"
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    env.globals["ui"] = _state["ui"]
    # For the one page that speaks both languages: the 404 page.
    env.globals["ui_by_lang"] = {
        lang: interface_strings(config.docs_dir, lang) for lang in LANGUAGES
    }
    return env


CONTACT_MARKER = "<!-- site:contact -->"


def on_page_markdown(markdown, page, config, files):
    """The about page's contact and licence, from mkdocs.yml, never written twice."""
    if CONTACT_MARKER not in markdown:
        return markdown
    ui, licence, contact = _state["ui"], config.extra["licence"], config.extra["contact"]
    licence_url = licence.get(f"url_{config.theme['language']}", licence["url"])
    block = (
        # <address>: Markdown's mail link, its characters written as references.
        f"- {markdown_text(ui['contact_label'])} {markdown_text(contact['name'])}, <{html.escape(contact['email'].strip())}>\n"
        f"- {markdown_text(ui['licence_text'])} [{markdown_text(licence['name'])}]({markdown_url(licence_url)}).\n"
    )
    return markdown.replace(CONTACT_MARKER, block)
