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

import yaml

from laeken.datafiles import YamlLoader
from laeken.errors import ContentError
from laeken.languages import LANGUAGE_NAMES, LANGUAGES
from laeken.text import ENTRY_ID

GLOSSARY_FILE = Path("_data") / "glossary.yml"
GLOSSARY_FIELDS = {"term": str, "variants": list, "short": str, "definition": str}
GLOSSARY_OPTIONAL = {"link": str}
SHORT_MAX = 200


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




def _entry_error(path, line, entry_id, message):
    return ContentError(path, f"entrée `{entry_id}` : {message}", line)


def _check_entry(path: Path, entry_id: str, line: int, value) -> GlossaryEntry:
    if not ENTRY_ID.match(entry_id):
        raise _entry_error(path, line, entry_id, "un identifiant s’écrit en minuscules, chiffres et tirets, comme `maison-medicale`")
    if not isinstance(value, dict):
        raise _entry_error(path, line, entry_id, "elle doit avoir une partie `fr:` et une partie `nl:`")
    for lang in LANGUAGES:
        part = value.get(lang)
        name = f"la partie {LANGUAGE_NAMES[lang]} ({lang})"
        if not isinstance(part, dict):
            raise _entry_error(path, line, entry_id, f"{name} manque : ajoutez `{lang}:` avec term, variants, short, definition")
        for field_name, expected in {**GLOSSARY_FIELDS, **GLOSSARY_OPTIONAL}.items():
            if field_name not in part or part[field_name] in (None, ""):
                if field_name in GLOSSARY_OPTIONAL:
                    continue
                raise _entry_error(path, line, entry_id, f"{name} n’a pas de champ `{field_name}`")
            if not isinstance(part[field_name], expected):
                kind = "une liste, comme [a, b]" if expected is list else "un texte"
                raise _entry_error(path, line, entry_id, f"dans {name}, `{field_name}` doit être {kind}")
        if not all(isinstance(variant, str) and variant.strip() for variant in part["variants"]):
            raise _entry_error(path, line, entry_id, f"dans {name}, chaque variante doit être un texte non vide")
        short = part["short"].strip()
        if "\n" in short or len(short) > SHORT_MAX:
            raise _entry_error(path, line, entry_id, f"dans {name}, `short` doit tenir en une ligne de {SHORT_MAX} caractères au plus (c’est l’infobulle)")
        if part.get("link") and not re.match(r"^https?://", part["link"]):
            raise _entry_error(path, line, entry_id, f"dans {name}, `link` doit être une adresse web qui commence par https://")
        unknown = set(part) - set(GLOSSARY_FIELDS) - set(GLOSSARY_OPTIONAL)
        if unknown:
            raise _entry_error(path, line, entry_id, f"dans {name}, champ(s) inconnu(s) {', '.join(sorted(unknown))}")
    extra = set(value) - set(LANGUAGES)
    if extra:
        raise _entry_error(path, line, entry_id, f"partie(s) inconnue(s) {', '.join(sorted(extra))} : seulement {' et '.join(LANGUAGES)}")
    return GlossaryEntry(id=entry_id, line=line, languages={lang: value[lang] for lang in LANGUAGES})


def load_glossary(docs_dir: Path | str) -> list[GlossaryEntry]:
    """Read and check the glossary. Raises ContentError naming the file, line and entry."""
    path = Path(docs_dir) / GLOSSARY_FILE
    if not path.exists():
        return []
    return list(_load_glossary(path, path.stat().st_mtime))


@functools.lru_cache(maxsize=4)
def _load_glossary(path: Path, mtime: float) -> tuple[GlossaryEntry, ...]:
    # Cached by modification time: both languages' builds share one reading of the file.
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=YamlLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ContentError(path, f"ce n’est pas du YAML valide ({error.problem})", mark.line + 1 if mark else None)
    if root is None:
        return ()
    if not isinstance(root, yaml.MappingNode):
        raise ContentError(path, "le glossaire est une suite d’entrées `id:`, chacune avec `fr:` et `nl:`", 1)
    loader = YamlLoader("")
    entries, seen = [], {}
    for key_node, value_node in root.value:
        entry_id, line = str(key_node.value), key_node.start_mark.line + 1
        if entry_id in seen:
            raise _entry_error(path, line, entry_id, f"cet identifiant est déjà utilisé ligne {seen[entry_id]} : chaque identifiant est unique")
        seen[entry_id] = line
        entries.append(_check_entry(path, entry_id, line, loader.construct_object(value_node, deep=True)))
    for lang in LANGUAGES:
        owners: dict[str, GlossaryEntry] = {}
        for entry in entries:
            for form in entry.forms(lang):
                other = owners.setdefault(form.casefold(), entry)
                if other is not entry:
                    raise _entry_error(
                        path, entry.line, entry.id,
                        f"la variante {LANGUAGE_NAMES[lang]} {form!r} est aussi dans l’entrée "
                        f"`{other.id}` (ligne {other.line}) : une variante n’appartient qu’à une entrée",
                    )
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
