"""Hook: published URLs and anchors never die.

docs/_data/permalinks.yml records every published page and its anchors (heading ids and
numbered paragraphs, with the first words of each French paragraph). Every build checks
that each recorded page still exists in both languages, or is covered by a redirect in
docs/_data/redirects.yml, and that each recorded anchor is still on it; a paragraph number
that now holds another paragraph is an error too. `python scripts/analyses.py publish`
adds what is new (laeken/permalinks.py); it never removes anything.

Redirects are written here rather than by mkdocs-redirects, which keys its map on source
files: mkdocs-static-i18n gives them a language suffix, so a target is not found in the
other language's build. Ours maps URLs, and applies to both languages.
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from laeken.drafts import find_drafts  # noqa: E402
from laeken.errors import ContentError  # noqa: E402
from laeken.generated import redirect_page  # noqa: E402
from laeken.languages import SOURCE_LANGUAGE  # noqa: E402
from laeken.permalinks import load_record, load_redirects  # noqa: E402
from laeken.translations import CONTINUED  # noqa: E402
from laeken.vocabulary import latest_addresses  # noqa: E402

ANCHOR = re.compile(r'<(h[1-6]|p)\b[^>]*?\sid="([^"]+)"[^>]*>')
PARAGRAPH_ID = re.compile(r"^p\d+$")
MANIFEST_ENV = "PERMALINKS_MANIFEST"  # set by `analyses.py publish` to get what was built

# built: language -> address -> what it promises; sources: (language, address) -> its file
# under docs/, named in the problems so that `check` points to the file to correct.
_state: dict = {"built": {}, "drafts": set(), "sources": {}}


@event_priority(-110)  # after mkdocs-static-i18n's on_config, which sets the language
def on_config(config):
    _state["lang"] = config.theme["language"]
    _state["built"][_state["lang"]] = {}
    _state["docs_dir"] = config.docs_dir
    return config


TAG = re.compile(r"<[^>]+>")


def _first_words(fragment: str, words: int = 8) -> str:
    """The first words of an HTML fragment's text (only those are split off)."""
    return " ".join(html.unescape(TAG.sub(" ", fragment)).split(None, words)[:words])


def on_page_content(output, page, config, files):
    lang = _state["lang"]
    french = lang == SOURCE_LANGUAGE  # only the French words are checked and recorded
    anchors, paragraphs = [], {}
    # Pages generated from data (theme and sector lists) promise their address only: their
    # headings follow what is tagged, which may change.
    generated = page.meta.get("translation") is False
    for match in ([] if generated else ANCHOR.finditer(output)):
        tag, anchor = match.groups()
        if tag != "p":
            anchors.append(anchor)
        elif PARAGRAPH_ID.match(anchor):
            anchors.append(anchor)
            if french:
                paragraphs[anchor] = _first_words(output[match.end():output.find("</p>", match.end())])
    address = _url_path(page.url, lang)
    if page.meta.get("draft_remaining"):  # a draft (scripts/hooks/drafts.py): its address is no promise yet
        _state["drafts"].add((lang, address))
    _state["sources"][(lang, address)] = page.file.src_uri
    _state["built"][lang][address] = {
        "anchors": anchors,
        "paragraphs": paragraphs,
    }
    return output


def _url_path(url: str, lang: str) -> str:
    """A page URL without the language prefix: the same key in French and Dutch."""
    prefix = f"{lang}/"
    path = url[len(prefix):] if lang != SOURCE_LANGUAGE and url.startswith(prefix) else url
    return "" if path in (".", "./") else path


def similar(a: str, b: str) -> bool:
    """Same paragraph, give or take a corrected typo."""
    import difflib

    return difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio() >= 0.6


def problems(record: dict, built: dict, redirects: dict, lang: str, sources: dict | None = None,
             drafts: dict | None = None) -> list[str]:
    """What vanished, in plain words, with how to keep it; each line starts with the file to
    correct (`sources`: (language, address) -> file under docs/) when it is known. `drafts`:
    address -> file under docs/ of a published page left out because it is a draft again."""
    found = []
    shown = lambda path: ("/" if lang == SOURCE_LANGUAGE else f"/{lang}/") + path  # noqa: E731
    in_file = lambda path: f"docs/{sources[(lang, path)]}: " if sources and (lang, path) in sources else ""  # noqa: E731
    for path, recorded in record.items():
        target = path
        if path not in built:
            target = redirects.get(path)
            if target is None and drafts and path in drafts:
                found.append(
                    f"docs/{drafts[path]}: la page {shown(path)}, déjà publiée, est redevenue un brouillon et serait retirée "
                    "du site — terminez-la : `python3 scripts/analyses.py check` dit ce qui reste à faire"
                )
                continue
            if target is None:
                found.append(
                    f"docs/_data/redirects.yml: la page {shown(path)} n’existe plus — rétablissez-la, ou si elle a déménagé, ajoutez "
                    f"la ligne `/{path}: /<sa nouvelle adresse>/` à docs/_data/redirects.yml"
                )
                continue
            if target not in built:
                found.append(f"la redirection de {shown(path)} mène à {shown(target)}, qui n’existe pas")
                continue
        page = built[target]
        for anchor in recorded.get("anchors", []):
            if anchor not in page["anchors"]:
                if PARAGRAPH_ID.match(anchor):
                    found.append(
                        f"{in_file(target)}{shown(target)} a perdu le paragraphe §{anchor[1:]} (#{anchor}) : un paragraphe a été "
                        "supprimé ou fusionné — remettez-le : les numéros publiés doivent rester"
                    )
                else:
                    found.append(
                        f"{in_file(target)}{shown(target)} a perdu l’ancre #{anchor} — rendez son identifiant au titre : "
                        f"`## Titre {{ #{anchor} }}`"
                    )
        if lang == SOURCE_LANGUAGE:
            for anchor, start in recorded.get("paragraphs", {}).items():
                now = page["paragraphs"].get(anchor)
                if now is not None and not similar(start, now):
                    found.append(
                        f"{in_file(target)}{shown(target)} §{anchor[1:]} (#{anchor}) commençait par « {start}… » et commence "
                        f"maintenant par « {now}… » : un paragraphe a été ajouté ou retiré avant lui, les "
                        "numéros ont bougé — gardez l’ordre publié : ajoutez le nouveau texte à la fin ou dans un paragraphe ; "
                        f"pour couper en deux un paragraphe publié, finissez la seconde partie par la ligne `{{ .{CONTINUED} }}` : "
                        "elle garde le numéro de la première"
                    )
    return found


def redirect_problems(redirects, built: dict, lang: str) -> list[str]:
    """Redirects that lead nowhere: every line of redirects.yml must lead to a page of the site."""
    shown = lambda path: ("/" if lang == SOURCE_LANGUAGE else f"/{lang}/") + path  # noqa: E731
    return [
        f"docs/_data/redirects.yml:{redirects.lines.get(old)}: la redirection de /{old} mène à {shown(new)}, "
        "qui n’est pas une page du site — écrivez l’adresse d’une page qui existe (elle finit par /)"
        for old, new in redirects.items() if new not in built
    ]


def _write_redirects(config, redirects: dict, lang: str) -> None:
    prefix = "" if lang == SOURCE_LANGUAGE else f"{lang}/"
    root = Path(config.site_dir)
    if root.name == lang:  # in case mkdocs-static-i18n ever builds into site/<lang>/
        root = root.parent
    root = root.resolve()
    for old, new in redirects.items():
        destination = (root / prefix / old / "index.html").resolve()
        if root not in destination.parents:  # load_redirects refuses such addresses; never write outside
            raise PluginError(f"Adresses permanentes : docs/_data/redirects.yml : l’adresse /{old} sortirait du site — "
                              "écrivez une adresse de ce site, sans « .. »")
        if destination.exists():
            raise PluginError(
                f"Adresses permanentes : docs/_data/redirects.yml redirige {old}, mais une page existe à cette adresse : "
                "retirez la redirection ou la page"
            )
        depth = len([part for part in old.split("/") if part])
        target = "../" * depth + new
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(
            redirect_page(lang, new, target or "./", config.site_url.rstrip("/") + "/" + prefix + new,
                          keep_fragment=True),
            encoding="utf-8",
        )


def _left_out_drafts(docs_dir: Path, record: dict, built: dict) -> dict:
    """Recorded addresses missing from this build whose French page is a draft (publish leaves
    drafts out): address -> the page's file under docs/."""
    missing = [path for path in record if path not in built]
    drafts = find_drafts(docs_dir) if missing else {}  # reads every page: only when needed
    found = {}
    for path in missing:
        stem = path.rstrip("/")
        for candidate in (f"{stem}.{SOURCE_LANGUAGE}.md", f"{stem}/index.{SOURCE_LANGUAGE}.md".lstrip("/")):
            if (docs_dir / candidate).resolve() in drafts:
                found[path] = candidate
    return found


def on_post_build(config):
    lang, docs_dir = _state["lang"], Path(_state["docs_dir"])
    built = _state["built"][lang]
    try:
        redirects = load_redirects(docs_dir / "_data" / "redirects.yml")
        record = load_record(docs_dir / "_data" / "permalinks.yml")
    except ContentError as error:
        raise PluginError(f"Adresses permanentes : {error}") from None
    for address in latest_addresses(docs_dir):  # written by scripts/hooks/themes.py, not pages of MkDocs
        built.setdefault(address, {"anchors": [], "paragraphs": {}})
    wrong = redirect_problems(redirects, built, lang)
    if wrong:
        raise PluginError("Adresses permanentes :\n  " + "\n  ".join(wrong))
    _write_redirects(config, redirects, lang)
    found = problems(record, built, redirects, lang, _state["sources"], _left_out_drafts(docs_dir, record, built))
    if found:
        raise PluginError(
            "Adresses permanentes : des lecteurs ont peut-être cité ou lié ce qui a disparu "
            f"(site {'français' if lang == 'fr' else 'néerlandais'}) :\n  - " + "\n  - ".join(found)
        )
    manifest = os.environ.get(MANIFEST_ENV)
    if manifest:
        published = {built_lang: {path: page for path, page in pages.items() if (built_lang, path) not in _state["drafts"]}
                     for built_lang, pages in _state["built"].items()}
        Path(manifest).write_text(json.dumps(published, ensure_ascii=False), encoding="utf-8")
