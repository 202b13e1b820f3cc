"""What only the coordination can say about itself, docs/_data/organisation.yml: who its
members are, what it does, how often it publishes (French and Dutch texts, shown where the
fixed pages hold a marker `<!-- organisation:<field> -->`, left out while empty), and for
each analysis whether the coordination has confirmed the title and month the site shows.

The site states nothing about the coordination that the analyses do not support unless it
is written here (issue 16): an empty field is simply absent, and `check` lists it."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from laeken.analyses import ANALYSES_DIR
from laeken.datafiles import blank, read_mapping
from laeken.errors import Problem, Problems
from laeken.languages import LANGUAGE_NAMES, LANGUAGES

ORGANISATION_FILE = Path("_data") / "organisation.yml"
# Text field -> what it says, for the messages (and where the site shows it).
TEXT_FIELDS = {
    "members": ("qui sont les membres de la Coordination", "l’accueil et la page « À propos »"),
    "activities": ("ce que fait la Coordination", "la page « À propos »"),
    "rhythm": ("à quel rythme la Coordination publie ses analyses", "l’accueil et la page « Analyses »"),
}
# Per analysis: what the coordination may confirm -> the front-matter field it confirms.
CONFIRMATIONS = {"title_confirmed": "title", "published_confirmed": "published"}
YES, NO = ("oui", "true", "yes"), ("non", "false", "no")


@dataclass(frozen=True)
class Organisation:
    texts: dict = field(default_factory=dict)  # field -> {lang: text ("" when empty)}
    analyses: dict = field(default_factory=dict)  # folder -> {"title_confirmed": bool, ...}
    lines: dict = field(default_factory=dict)  # (key, ...) -> line in the file
    path: Path = Path()

    def text(self, name: str, lang: str) -> str:
        """A text field in `lang`, "" while the coordination has not written it."""
        return self.texts.get(name, {}).get(lang, "")

    def confirmed(self, folder: str, what: str) -> bool:
        """Whether the coordination confirmed an analysis's `title` or `published`. An
        analysis it does not list is its own (made with `new`): confirmed."""
        return self.analyses.get(folder, {}).get(f"{what}_confirmed", True)

    def unconfirmed(self, folder: str) -> list[str]:
        """The front-matter fields of an analysis not confirmed yet: `title`, `published`."""
        return [what for what in CONFIRMATIONS.values() if not self.confirmed(folder, what)]


def _answer(value) -> bool | None:
    """`oui`/`non` (or YAML's true/false) as a boolean; None for anything else."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in YES + NO:
        return value.strip().lower() in YES
    return None


def load_organisation(docs_dir: Path | str) -> Organisation:
    """Read and check docs/_data/organisation.yml (absent: everything empty). Raises
    ContentError listing every problem, each with the file, line and field."""
    docs = Path(docs_dir)
    path = docs / ORGANISATION_FILE
    try:
        stat = path.stat()  # once: hooks ask for it in each language's build
    except FileNotFoundError:
        return Organisation(path=path)
    root = docs / ANALYSES_DIR
    folders = frozenset(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else frozenset()
    return _load(path, stat.st_mtime_ns, stat.st_size, folders)


@functools.lru_cache(maxsize=4)
def _load(path: Path, mtime_ns: int, size: int, folders: frozenset) -> Organisation:
    data = read_mapping(path, "`champ:` avec une ligne `fr:` et une ligne `nl:`")
    problems = Problems(data.problems)
    texts, analyses = {}, {}
    for key, value in data.data.items():
        line = data.line(key)
        if key in TEXT_FIELDS:
            texts[key] = _texts(data, key, value, problems)
        elif key == "analyses":
            analyses = _analyses(data, value, folders, problems)
        else:
            problems.add(path, f"champ inconnu `{key}`", line,
                         f"champs connus : {', '.join([*TEXT_FIELDS, 'analyses'])} (voir l’explication en tête du fichier)")
    problems.raise_if_errors()
    return Organisation(texts=texts, analyses=analyses, lines=dict(data.lines), path=path)


def _texts(data, key: str, value, problems: Problems) -> dict:
    path = data.path
    if value is None:
        return {lang: "" for lang in LANGUAGES}
    if not isinstance(value, dict):
        problems.add(path, f"`{key}` doit avoir une ligne par langue", data.line(key),
                     "écrivez en dessous `  fr: <texte>` et `  nl: <texte>` (ou laissez-les vides)")
        return {}
    result = {}
    for lang in LANGUAGES:
        text = value.get(lang)
        if blank(text):
            result[lang] = ""
        elif not isinstance(text, str):
            problems.add(path, f"`{key}` : la version {LANGUAGE_NAMES[lang]} ({lang}) n’est pas un texte",
                         data.line(key, lang), "écrivez des phrases complètes, entre guillemets si elles contiennent « : »")
        else:
            result[lang] = text.strip()
    for extra in sorted(set(value) - set(LANGUAGES), key=str):
        problems.add(path, f"`{key}` a une langue inconnue `{extra}`", data.line(key, extra),
                     f"seulement {' et '.join(LANGUAGES)}")
    return result


def _analyses(data, value, folders: frozenset, problems: Problems) -> dict:
    path = data.path
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.add(path, "`analyses` doit lister des dossiers d’analyse", data.line("analyses"),
                     "écrivez en dessous le nom du dossier (`  2020-virtualisation:`), puis `title_confirmed:` "
                     "et `published_confirmed:`")
        return {}
    result = {}
    for folder, answers in value.items():
        folder = str(folder)
        line = data.line("analyses", folder)
        if folder not in folders:
            problems.add(path, f"`analyses` : le dossier `{folder}` n’existe pas sous docs/{ANALYSES_DIR}/", line,
                         "recopiez le nom exact du dossier de l’analyse, par exemple 2020-virtualisation")
        if not isinstance(answers, dict):
            problems.add(path, f"`analyses` : `{folder}` n’a ni `title_confirmed` ni `published_confirmed`", line,
                         "écrivez en dessous `    title_confirmed: oui` (ou non) et `    published_confirmed: oui` (ou non)")
            continue
        result[folder] = {}
        for name in CONFIRMATIONS:
            answer = _answer(answers.get(name, False))
            if answer is None:
                problems.add(path, f"`analyses` : `{folder}`, `{name}` vaut « {answers.get(name)} »",
                             data.line("analyses", folder, name), "écrivez oui ou non")
            result[folder][name] = bool(answer)
        for unknown in sorted(set(answers) - set(CONFIRMATIONS), key=str):
            problems.add(path, f"`analyses` : `{folder}`, champ inconnu `{unknown}`",
                         data.line("analyses", folder, unknown), f"champs connus : {', '.join(CONFIRMATIONS)}")
    return result


IN_LANGUAGE = {"fr": "en français", "nl": "en néerlandais"}


def organisation_notices(docs_dir: Path | str) -> list[Problem]:
    """What the coordination has still to say, for `check`: each empty text, per language,
    and each title or month it has not confirmed. Not errors: the site leaves them out, or
    tells the reader they are not confirmed."""
    from laeken.pages import localized, read_page

    docs = Path(docs_dir)
    organisation = load_organisation(docs)
    path = docs / ORGANISATION_FILE
    found = []
    for name, (what, where) in TEXT_FIELDS.items():
        for lang in LANGUAGES:
            if not organisation.text(name, lang):
                found.append(Problem(
                    path, f"`{name}` {IN_LANGUAGE[lang]} est vide : le site ne dit pas {what}",
                    organisation.lines.get((name, lang)) or organisation.lines.get((name,)),
                    f"écrivez-le sous `{name}:`, ligne `{lang}:`, en phrases complètes "
                    f"(elles s’afficheront sur {where})", warning=True))
    for folder in sorted(organisation.analyses):
        unconfirmed = organisation.unconfirmed(folder)
        index = localized(docs / ANALYSES_DIR / folder / "index", "fr")
        meta = read_page(index)[0] if unconfirmed and index.exists() else {}
        for what in unconfirmed:
            label = {"title": "le titre", "published": "le mois de publication"}[what]
            told = {"title": "sa page de présentation dit que c’est celui de l’édition en ligne",
                    "published": "sa page de présentation le dit, et ses références ne donnent que l’année"}[what]
            name = f"{what}_confirmed"
            shown = f" « {meta[what]} »" if meta.get(what) else ""
            found.append(Problem(
                path, f"analyse {folder} : {label}{shown} (`{what}:` de son index.fr.md) n’est pas confirmé "
                      f"par la Coordination ; {told}",
                organisation.lines.get(("analyses", folder, name)) or organisation.lines.get(("analyses", folder)),
                f"quand la Coordination l’a confirmé (ou corrigé dans index.fr.md), écrivez `{name}: oui`", warning=True))
    return found
