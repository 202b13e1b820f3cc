"""Hook: each language searches its own pages, with its own stemming.

mkdocs-static-i18n writes one search index holding both languages, so a Dutch reader gets
French results and every reader downloads both languages. After the whole build, this hook
splits it: search/search_index.json (French, lunr `fr`) and nl/search/search_index.json
(Dutch, lunr `nl`, locations relative to /nl/). Dutch pages get `/nl/` as their base in
Material's page configuration, which is where Material fetches the index from and what it
resolves result locations against (it must end with a slash).

Material's search parser keeps only the text of a page, and most of its time went on the
markup of glossary terms and paragraph numbers: it is handed the page without that markup
(same index, a fraction of the time); nor is it handed the sections it leaves out.

Each page's configuration names our search worker (docs/assets/javascripts/workers/
search-folding.js), which loads Material's, named after it in `?worker=` as the page had it, and
the language's stemmer: accents folded, plurals found as their singular, Material's interface
unchanged.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from laeken.languages import LANGUAGES, SOURCE_LANGUAGE  # noqa: E402

# A glossary term or a paragraph number: the element goes, its text (if any) stays. Python-Markdown
# writes attributes in alphabetical order, so the class comes first or after aria-label (a number)
# or aria-describedby (a term) (a pattern that knows where to look is four times faster than one
# that searches each tag). And a heading's permalink (¶), the last thing in it, goes whole: Material
# leaves a headerlink's text out of the title.
INDEX_NOISE = re.compile(r'<(a|abbr) (?:aria-(?:label|describedby)="[^"]*" )?class="(?:glossary-term|paragraph-number)"[^>]*>([^<]*)</\1>'
                         r'|<a class="headerlink" href="[^"]*" title="[^"]*">[^<]*</a>(?=</h[1-6]>)')
# A section Material leaves out (its heading marked data-search-exclude), to the next heading
# that is not: Material would skip its text, but still walk its markup.
EXCLUDED_SECTIONS = re.compile(r'<h[1-6]\b[^>]*\sdata-search-exclude\b.*?(?=<h[1-6]\b(?![^>]*\sdata-search-exclude\b)|\Z)', re.DOTALL)
CONFIG_START = '<script id="__config" type="application/json">{'  # where CONFIG_BASE and CONFIG_WORKER start
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base":\s*)"[^"]*"')
# Material's search worker in the page's configuration (its name is hashed by Material's build).
CONFIG_WORKER = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"search":\s*"[^"]*/)(search\.\w+\.min\.js)"')
# Our worker (docs/assets/javascripts/workers/), beside Material's: it loads Material's, named
# in `?worker=`, and the stemmer of `?lang=`, and folds accents and finds plurals.
FOLDING_WORKER = "search-folding.js"


@event_priority(-110)  # after Material's search plugin has made its index for this build
def on_config(config):
    search = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(search, "search_index", None)
    if index is not None and not getattr(index.add_entry_from_context, "lighter", False):
        index.add_entry_from_context = _without_index_noise(index.add_entry_from_context)
    return config


def _without_index_noise(add_entry):
    def add_entry_from_context(page):
        if (page.meta.get("search") or {}).get("exclude"):
            return  # Material leaves the page out (print pages, whole analyses): nothing to lighten
        full = page.content
        page.content = INDEX_NOISE.sub(r"\2", EXCLUDED_SECTIONS.sub("", full))
        try:
            add_entry(page)
        finally:
            page.content = full

    add_entry_from_context.lighter = True
    return add_entry_from_context


def _with_folding_worker(output: str, lang: str) -> str:
    return CONFIG_WORKER.sub(lambda m: f'{m.group(1)}{FOLDING_WORKER}?worker={m.group(2)}&lang={lang}"', output, count=1)


def on_post_template(output, template_name, config):
    """The 404 page (a template, not a page) searches like the others, in the index at the
    site's root (its base), the source language's."""
    return _with_folding_worker(output, SOURCE_LANGUAGE) if template_name == "404.html" else output


@event_priority(-110)
def on_post_page(output, page, config):
    lang = config.theme["language"]
    # Both patterns start at the configuration script, near the end of the page: only the text
    # from its first occurrence is searched and rewritten.
    start = output.find(CONFIG_START)
    if start < 0:
        return output
    rest = _with_folding_worker(output[start:], lang)
    if lang != SOURCE_LANGUAGE:
        base = get_relative_url(f"{lang}/", page.url)
        base = base if base.endswith("/") else base + "/"
        rest = CONFIG_BASE.sub(lambda m: f'{m.group(1)}"{base}"', rest, count=1)
    return output[:start] + rest


def split_index(site_dir: Path) -> dict[str, int]:
    """Write one index per language; return the number of entries of each."""
    path = site_dir / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    counts = {}
    for lang in LANGUAGES:
        prefix = "" if lang == SOURCE_LANGUAGE else f"{lang}/"
        docs = []
        for doc in index["docs"]:
            location = doc["location"]
            in_lang = location.startswith(prefix) if prefix else not any(
                location.startswith(f"{other}/") for other in LANGUAGES if other != lang
            )
            if in_lang:
                docs.append({**doc, "location": location[len(prefix):]})
        target = site_dir / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        config = {**index["config"], "lang": [lang]}
        target.write_text(json.dumps({"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
        counts[lang] = len(docs)
    return counts


@event_priority(-110)  # after mkdocs-static-i18n has written the index of both languages
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # a nested build of another language: the full index is not written yet
    site_dir = Path(config.site_dir)
    if site_dir.name != SOURCE_LANGUAGE and (site_dir.parent / "search").exists() and not (site_dir / "search").exists():
        site_dir = site_dir.parent
    if (site_dir / "search" / "search_index.json").exists():
        split_index(site_dir)
