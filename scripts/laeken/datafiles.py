"""Reading YAML (data files and front matter) with the line of every key, and YAML syntax
errors explained in French with the fix that fits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from laeken.errors import ContentError, Problem

# libyaml's fast parser when PyYAML has it (every build reads the data of both languages).
YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

QUOTES_HINT = (
    "un texte qui contient « : » (deux-points suivis d’une espace) ou qui commence par un signe "
    "(« * & ! % @ ` [ { ») s’écrit entre guillemets : mettez le texte entre guillemets, "
    "par exemple title: \"L’accès aux droits : après la crise\""
)
# PyYAML's explanation (its `problem`) -> what a coordinator should do.
YAML_HINTS = (
    ("mapping values are not allowed", QUOTES_HINT),
    ("found character '\\t'", "remplacez les tabulations par des espaces (l’indentation se fait avec des espaces)"),
    ("found undefined alias", QUOTES_HINT),
    ("expected alphabetic or numeric character", QUOTES_HINT),
    ("found unexpected end of stream", "fermez les guillemets ouverts sur cette ligne ou plus haut"),
    ("found unknown escape character", "entre guillemets doubles, une barre oblique inverse \\ s’écrit \\\\ ; ou utilisez des guillemets simples"),
    ("expected ',' or ']'", "fermez la liste par ] et séparez ses éléments par des virgules"),
    ("expected ',' or '}'", "fermez l’accolade } et séparez ses éléments par des virgules"),
    ("could not find expected ':'", "chaque ligne s’écrit `champ: valeur` ; " + QUOTES_HINT),
    ("did not find expected key", "vérifiez l’indentation : les champs d’un même niveau commencent à la même colonne"),
    ("did not find expected '-'", "vérifiez l’indentation : les éléments d’une liste commencent tous par « - » à la même colonne"),
)
DEFAULT_YAML_HINT = (
    "vérifiez l’indentation (des espaces, pas de tabulation) et mettez entre guillemets un texte "
    "qui contient « : » ou commence par un signe"
)


def yaml_problem(path: Path, error: yaml.YAMLError, first_line: int = 1, what: str = "ce fichier") -> Problem:
    """A YAML syntax error as a problem naming the file and line, with the fitting hint.
    `first_line`: the line of the file where the YAML text starts (front matter: 2)."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + first_line if mark else None
    problem = getattr(error, "problem", None) or str(error)
    fix = next((hint for known, hint in YAML_HINTS if known in problem), None)
    if fix is not None:  # PyYAML's English words are for a developer: the hint says it all
        return Problem(Path(path), f"{what} n’est pas du YAML valide", line, fix)
    return Problem(Path(path), f"{what} n’est pas du YAML valide (détail : {problem})", line, DEFAULT_YAML_HINT)


@dataclass
class DataFile:
    """A YAML text read with the line of every key: `lines[("epn", "fr", "short")]`."""

    path: Path
    data: object
    lines: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)  # duplicate keys

    def line(self, *keys) -> int | None:
        """The line of the deepest of `keys` that the file has (a missing field: its parent)."""
        for end in range(len(keys), 0, -1):
            if tuple(keys[:end]) in self.lines:
                return self.lines[tuple(keys[:end])]
        return None


def parse_yaml(path: Path, text: str, first_line: int = 1, what: str = "ce fichier") -> DataFile:
    """Parse a YAML text; raises ContentError (file, line, hint) on a syntax error."""
    loader = YamlLoader(text)  # one loader composes and constructs: making one costs as much as a small header
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as error:
        raise ContentError(problems=[yaml_problem(path, error, first_line, what)]) from None
    finally:
        loader.dispose()
    if root is None:
        return DataFile(Path(path), None)
    result = DataFile(Path(path), loader.construct_document(root))
    _walk(result, root, (), first_line)
    return result


def _walk(result: DataFile, node, keys: tuple, first_line: int) -> None:
    if isinstance(node, yaml.MappingNode):
        seen = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + first_line
            if key in seen:
                result.problems.append(Problem(
                    result.path, f"`{key}` est déjà utilisé ligne {seen[key]} : écrit deux fois, le second efface le premier",
                    line, "gardez une seule fois chaque nom"))
            seen[key] = line
            result.lines[(*keys, key)] = line
            _walk(result, value_node, (*keys, key), first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            result.lines[(*keys, index)] = item.start_mark.line + first_line
            _walk(result, item, (*keys, index), first_line)


def read_mapping(path: Path, shape: str) -> DataFile:
    """A data file whose top level is a mapping (`clé: valeur` lines). `shape` says what its
    entries look like, for the message when it is something else. Empty or absent: {}."""
    path = Path(path)
    if not path.exists():
        return DataFile(path, {})
    result = parse_yaml(path, path.read_text(encoding="utf-8"))
    if result.data is None:
        result.data = {}
    if not isinstance(result.data, dict):
        written = "une liste (lignes qui commencent par « - »)" if isinstance(result.data, list) else "un texte seul"
        raise ContentError(path, f"ce fichier est écrit comme {written}", 1,
                           f"il doit être une suite d’entrées {shape}, sans « - » devant")
    return result


def blank(value) -> bool:
    """Nothing a reader would see: absent, empty, or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip()) or value in ([], {})
