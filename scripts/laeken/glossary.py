"""The glossary, docs/_data/glossary.yml: the single source of every term's definitions.

docs/_data/glossary.yml: one entry per term, keyed by a stable id (the anchor on the
glossary page), with per language the term, its variants, a one-line definition for the
tooltip, a longer definition (Markdown) for the glossary page, an optional link, and the
sources of the facts the definition takes from outside the analyses (each with the day it
was checked: `check` warns when that is more than a year ago).
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from laeken.datafiles import DataFile, read_mapping
from laeken.errors import ContentError, Problems
from laeken.languages import LANGUAGE_NAMES, LANGUAGES
from laeken.text import ENTRY_ID

GLOSSARY_FILE = Path("_data") / "glossary.yml"
GLOSSARY_FIELDS = {"term": str, "variants": list, "short": str, "definition": str}
GLOSSARY_OPTIONAL = {"link": str, "sources": list}
SOURCE_FIELDS = ("title", "publisher", "url", "checked")
SOURCE_OPTIONAL = ("lang",)
SHORT_MAX = 200
GLOSSARY_HELP = {
    "term": "le mot tel qu’il apparaît en tête de l’entrée",
    "variants": "les formes à reconnaître dans les textes, comme [CPAS, centre public d’action sociale]",
    "short": "une ligne de texte, l’infobulle",
    "definition": "2 à 5 phrases pour la page du glossaire",
    "link": "une adresse officielle qui commence par https://",
    "sources": "la liste des pages officielles qui appuient la définition, chacune avec title, publisher, url, checked",
}
SOURCE_HELP = {
    "title": "le titre de la page, tel qu’elle l’affiche",
    "publisher": "qui la publie, par exemple « Région de Bruxelles-Capitale (be.brussels) »",
    "url": "l’adresse complète de la page, qui commence par https://",
    "checked": "le jour où vous avez lu la page, sous la forme 2026-11-30",
    "lang": "la langue du titre quand ce n’est pas celle de la partie (fr, nl, en...)",
}
DATE_FORM = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")  # the title's `lang`, written into the page


@dataclass(frozen=True)
class Source:
    """An official page that supports the facts of a definition, and the day it was read."""

    title: str
    publisher: str
    url: str
    checked: datetime.date
    line: int | None  # in glossary.yml, for `check`
    lang: str | None = None  # the title's language, when not the part's


@dataclass
class GlossaryEntry:
    id: str
    line: int
    languages: dict  # lang -> {"term", "variants", "short", "definition", "link"?, "sources"?}
    sources: dict = field(default_factory=dict)  # lang -> [Source, ...] (empty: no outside fact)

    def term(self, lang: str) -> str:
        return self.languages[lang]["term"]

    def forms(self, lang: str) -> list[str]:
        """Every written form to look for in a text: the term and its variants."""
        return list(dict.fromkeys([self.term(lang), *self.languages[lang]["variants"]]))




def _check_entry(data: DataFile, entry_id: str, value, problems: Problems) -> GlossaryEntry | None:
    """The entry, or None when it has problems (added to `problems`)."""
    path, line, before = data.path, data.line(entry_id), len(problems)

    def problem(message, fix, *keys):
        problems.add(path, f"entrée `{entry_id}` : {message}", data.line(entry_id, *keys), fix)

    problem.line = lambda *keys: data.line(entry_id, *keys)
    sources: dict[str, list[Source]] = {}

    if not ENTRY_ID.match(entry_id):
        problem("cet identifiant n’est pas valable", "un identifiant s’écrit en minuscules, chiffres et tirets, comme `maison-medicale`")
    if not isinstance(value, dict):
        problem("elle n’a ni partie `fr:` ni partie `nl:`", "ajoutez `fr:` et `nl:` avec term, variants, short, definition")
        return None
    for lang in LANGUAGES:
        part = value.get(lang)
        name = f"la partie {LANGUAGE_NAMES[lang]} ({lang})"
        if not isinstance(part, dict):
            problem(f"{name} manque", f"ajoutez `{lang}:` avec term, variants, short, definition")
            continue
        for field_name, expected in {**GLOSSARY_FIELDS, **GLOSSARY_OPTIONAL}.items():
            if field_name not in part or part[field_name] is None or (isinstance(part[field_name], str) and not part[field_name].strip()):
                if field_name in GLOSSARY_OPTIONAL and field_name not in part:
                    continue
                empty = "est vide ou fait seulement d’espaces" if field_name in part else "manque"
                written = "suivi de la liste, une source par ligne commençant par « - »" if field_name == "sources" else "<texte>"
                problem(f"{name} n’a pas de champ `{field_name}`" if empty == "manque" else f"dans {name}, `{field_name}` {empty}",
                        f"écrivez `{field_name}: {written}` : {GLOSSARY_HELP[field_name]}", lang, field_name)
            elif not isinstance(part[field_name], expected):
                kind = "une liste, comme [a, b]" if expected is list else "un texte"
                written = ("de la liste des sources, une par ligne commençant par « - » (voir le début du fichier)"
                           if field_name == "sources" else f"d’{kind}")
                problem(f"dans {name}, `{field_name}` doit être {kind.split(',')[0]}", f"écrivez `{field_name}:` suivi {written}",
                        lang, field_name)
        variants = part.get("variants")
        if isinstance(variants, list) and not all(isinstance(variant, str) and variant.strip() for variant in variants):
            problem(f"dans {name}, une variante est vide ou n’est pas un texte", "chaque variante doit être un texte non vide", lang, "variants")
        short = part.get("short")
        if isinstance(short, str) and ("\n" in short.strip() or len(short.strip()) > SHORT_MAX):
            problem(f"dans {name}, `short` doit tenir en une ligne de {SHORT_MAX} caractères au plus (c’est l’infobulle)",
                    "raccourcissez-le ; le détail va dans `definition`", lang, "short")
        link = part.get("link")
        if isinstance(link, str) and link.strip() and not re.match(r"^https?://", link):
            problem(f"dans {name}, `link` doit être une adresse web", "écrivez l’adresse complète, qui commence par https://", lang, "link")
        for unknown in sorted(set(part) - set(GLOSSARY_FIELDS) - set(GLOSSARY_OPTIONAL), key=str):
            problem(f"dans {name}, champ(s) inconnu(s) {unknown}",
                    f"champs connus : {', '.join([*GLOSSARY_FIELDS, *GLOSSARY_OPTIONAL])}", lang, unknown)
        if isinstance(part.get("sources"), list):
            sources[lang] = _check_sources(part["sources"], lang, name, problem)
    for extra in sorted(set(value) - set(LANGUAGES), key=str):
        problem(f"partie(s) inconnue(s) {extra}", f"seulement {' et '.join(LANGUAGES)}", extra)
    # Both definitions state the same facts: a source given in one language only is a
    # forgotten half (the page may be the same; its title may differ).
    with_sources = [lang for lang in LANGUAGES if sources.get(lang)]
    if with_sources and len(with_sources) < len(LANGUAGES):
        missing = next(lang for lang in LANGUAGES if lang not in with_sources)
        problem(f"la partie {LANGUAGE_NAMES[with_sources[0]]} a des `sources`, la partie {LANGUAGE_NAMES[missing]} ({missing}) n’en a pas",
                f"les deux définitions disent les mêmes faits : ajoutez sous `{missing}:` les mêmes sources "
                f"(la même page, avec son titre dans cette langue s’il existe)", missing)
    if len(problems) > before:
        return None
    return GlossaryEntry(id=entry_id, line=line, languages={lang: value[lang] for lang in LANGUAGES},
                         sources={lang: found for lang, found in sources.items() if found})


def _check_sources(items: list, lang: str, name: str, problem) -> list[Source]:
    """The sources of one part, each checked: a title, a publisher, a web address, and the
    day it was read, as a date that exists and has passed."""
    found = []
    today = datetime.date.today()
    for index, item in enumerate(items):
        where = (lang, "sources", index)
        label = f"dans {name}, la source n° {index + 1}"
        if not isinstance(item, dict):
            problem(f"{label} n’est pas écrite comme title, publisher, url, checked",
                    "écrivez chaque source sur plusieurs lignes : `- title: …` puis `publisher: …`, `url: …`, `checked: 2026-11-30`", *where)
            continue
        bad = False
        for field_name in SOURCE_FIELDS:
            raw = item.get(field_name)
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                problem(f"{label} n’a pas de `{field_name}`" if field_name not in item else f"{label} : `{field_name}` est vide",
                        f"écrivez `{field_name}:` suivi de {SOURCE_HELP[field_name]}", *where, field_name)
                bad = True
        for unknown in sorted(set(item) - set(SOURCE_FIELDS) - set(SOURCE_OPTIONAL), key=str):
            problem(f"{label} a un champ inconnu `{unknown}`",
                    f"champs d’une source : {', '.join([*SOURCE_FIELDS, *SOURCE_OPTIONAL])}", *where, unknown)
            bad = True
        for field_name in ("title", "publisher"):
            if item.get(field_name) is not None and not isinstance(item[field_name], str):
                problem(f"{label} : `{field_name}` doit être un texte", f"écrivez `{field_name}:` suivi de {SOURCE_HELP[field_name]}",
                        *where, field_name)
                bad = True
        url = item.get("url")
        if url is not None and not _web_address(url):
            problem(f"{label} : `url` vaut « {url} », ce n’est pas une adresse web",
                    "écrivez l’adresse complète de la page, qui commence par https:// (ou http://)", *where, "url")
            bad = True
        checked = _date(item.get("checked"))
        if item.get("checked") is not None and checked is None:
            problem(f"{label} : `checked` vaut « {item['checked']} », ce n’est pas une date",
                    "écrivez le jour où vous avez lu la page sous la forme année-mois-jour, par exemple `checked: 2026-11-30`",
                    *where, "checked")
            bad = True
        elif checked is not None and checked > today:
            problem(f"{label} : `checked` est le {checked.isoformat()}, un jour qui n’est pas encore arrivé",
                    f"écrivez le jour où vous avez réellement lu la page (au plus tard aujourd’hui, {today.isoformat()})",
                    *where, "checked")
            bad = True
        title_lang = item.get("lang")
        if title_lang is not None and not (isinstance(title_lang, str) and LANGUAGE_CODE.match(title_lang)):
            problem(f"{label} : `lang` vaut « {title_lang} », ce n’est pas un code de langue",
                    "écrivez la langue du titre en deux lettres minuscules : fr, nl, en...", *where, "lang")
            bad = True
        if not bad:
            found.append(Source(title=item["title"].strip(), publisher=item["publisher"].strip(), url=url.strip(),
                                checked=checked, line=problem.line(*where), lang=title_lang if title_lang != lang else None))
    return found


def _web_address(value) -> bool:
    """An http(s) address with a host: what a reader's browser opens (no javascript:, no
    relative path, no bare domain)."""
    if not isinstance(value, str):
        return False
    parts = urlsplit(value.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not any(c.isspace() for c in value.strip())


def _date(value) -> datetime.date | None:
    """A day written `2026-11-30` (YAML reads it as a date; in quotes it is a text), else None.
    A date and time is not a day."""
    if isinstance(value, datetime.datetime):
        return None
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and DATE_FORM.match(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def load_glossary(docs_dir: Path | str) -> list[GlossaryEntry]:
    """Read and check the glossary. Raises ContentError listing every problem, each with
    the file, line and entry."""
    path = Path(docs_dir) / GLOSSARY_FILE
    if not path.exists():
        return []
    return list(_load_glossary(path, path.stat().st_mtime))


@functools.lru_cache(maxsize=4)
def _load_glossary(path: Path, mtime: float) -> tuple[GlossaryEntry, ...]:
    # Cached by modification time: both languages' builds share one reading of the file.
    try:
        data = read_mapping(path, "`id:`, chacune avec `fr:` et `nl:`")
    except ValueError:  # a day that does not exist (2026-02-30): YAML's reader stops on it
        raise _impossible_date(path) from None
    problems = Problems(data.problems)
    entries = []
    for entry_id, value in data.data.items():
        entry = _check_entry(data, str(entry_id), value, problems)
        if entry:
            entries.append(entry)
    for lang in LANGUAGES:
        owners: dict[str, GlossaryEntry] = {}
        for entry in entries:
            for form in entry.forms(lang):
                other = owners.setdefault(form.casefold(), entry)
                if other is not entry:
                    problems.add(
                        path,
                        f"entrée `{entry.id}` : la variante {LANGUAGE_NAMES[lang]} {form!r} est aussi dans l’entrée "
                        f"`{other.id}` (ligne {other.line})", entry.line,
                        "une variante n’appartient qu’à une entrée : retirez-la de l’une des deux",
                    )
    problems.raise_if_errors()
    return tuple(entries)



def _impossible_date(path: Path) -> ContentError:
    """The line of the first `checked:` that is not a real day (YAML's reader only says
    "day is out of range for month")."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = re.match(r"^[\s-]*checked:\s*[\"']?([^\s\"']*)", line)
        if match and _date(match.group(1)) is None:
            return ContentError(path, f"`checked` vaut « {match.group(1)} », un jour qui n’existe pas", number,
                                "écrivez le jour où vous avez lu la page sous la forme année-mois-jour, par exemple `checked: 2026-11-30`")
    return ContentError(path, "une date de ce fichier n’existe pas (par exemple un 30 février)", None,
                        "corrigez-la : année-mois-jour, comme 2026-11-30")


def checked_date(day: datetime.date, ui: dict) -> str:
    """A day in the long form of the interface's language: « 1er décembre 2026 »,
    « 1 december 2026 » (`months` and `day_one` in docs/_data/interface.yml)."""
    number = ui["day_one"] if day.day == 1 else str(day.day)
    return f"{number} {ui['months'][day.month - 1]} {day.year}"


def stale_sources(entries, today: datetime.date) -> list[tuple[GlossaryEntry, str, Source]]:
    """(entry, language, source) of each source read more than a year before `today` (passed
    in, so that a test can set the day)."""
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        year_ago = today.replace(year=today.year - 1, day=28)
    return [(entry, lang, source) for entry in entries for lang, found in entry.sources.items()
            for source in found if source.checked < year_ago]


@functools.lru_cache(maxsize=8)
def _term_pattern(forms: tuple[str, ...]) -> re.Pattern:
    """A regex finding any form as a whole word, the longest form first, so that "maison
    médicale" wins over "maison". An acronym (all capitals) matches only in capitals;
    a form starting with a lower-case letter also matches with a capital first letter;
    words may be separated by any white space (a line break, a no-break space).
    The forms are merged into a tree of shared beginnings: the regex tries a handful of
    letters at each place of the text instead of every form (the glossary reads every page)."""
    tree: dict = {}
    for form in forms:
        node = tree
        for position, char in enumerate(form):
            if char.isspace():
                unit = r"\s+"
            elif position == 0 and char.islower():
                unit = f"[{re.escape(char)}{re.escape(char.upper())}]"
            else:
                unit = re.escape(char)
            node = node.setdefault(unit, {})
        node[""] = {}  # a form ends here
    return re.compile(r"(?<![\w-])" + _tree_regex(tree) + r"(?![\w-])")


def _tree_regex(tree: dict) -> str:
    branches = [unit + _tree_regex(child) for unit, child in tree.items() if unit]
    if not branches:
        return ""
    alternatives = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Where a form ends but longer ones go on, the longer are tried first (greedy `?`).
    return f"(?:{alternatives})?" if "" in tree else alternatives


def term_pattern(forms) -> re.Pattern:
    """See _term_pattern; compiled once per set of forms (both language builds share it)."""
    return _term_pattern(tuple(forms))
