"""The glossary, docs/_data/glossary.yml: the single source of every term's definitions.

docs/_data/glossary.yml: one entry per term, keyed by a stable id (the anchor on the
glossary page), with per language the term, its variants, a one-line definition for the
tooltip, a longer definition (Markdown) for the glossary page and an optional link.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from laeken.datafiles import DataFile, read_mapping
from laeken.errors import Problems
from laeken.languages import LANGUAGE_NAMES, LANGUAGES
from laeken.text import ENTRY_ID

GLOSSARY_FILE = Path("_data") / "glossary.yml"
GLOSSARY_FIELDS = {"term": str, "variants": list, "short": str, "definition": str}
GLOSSARY_OPTIONAL = {"link": str}
SHORT_MAX = 200
GLOSSARY_HELP = {
    "term": "le mot tel qu’il apparaît en tête de l’entrée",
    "variants": "les formes à reconnaître dans les textes, comme [CPAS, centre public d’action sociale]",
    "short": "une ligne de texte, l’infobulle",
    "definition": "2 à 5 phrases pour la page du glossaire",
    "link": "une adresse officielle qui commence par https://",
}


@dataclass
class GlossaryEntry:
    id: str
    line: int
    languages: dict  # lang -> {"term", "variants", "short", "definition", "link"?}

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
                problem(f"{name} n’a pas de champ `{field_name}`" if empty == "manque" else f"dans {name}, `{field_name}` {empty}",
                        f"écrivez `{field_name}: <texte>` : {GLOSSARY_HELP[field_name]}", lang, field_name)
            elif not isinstance(part[field_name], expected):
                kind = "une liste, comme [a, b]" if expected is list else "un texte"
                problem(f"dans {name}, `{field_name}` doit être {kind}", f"écrivez `{field_name}:` suivi d’{kind}", lang, field_name)
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
    for extra in sorted(set(value) - set(LANGUAGES), key=str):
        problem(f"partie(s) inconnue(s) {extra}", f"seulement {' et '.join(LANGUAGES)}", extra)
    if len(problems) > before:
        return None
    return GlossaryEntry(id=entry_id, line=line, languages={lang: value[lang] for lang in LANGUAGES})


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
    data = read_mapping(path, "`id:`, chacune avec `fr:` et `nl:`")
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
