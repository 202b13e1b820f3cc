"""The front matter of each kind of page, declared once: its fields, the form of each, and
the right form shown when a value is wrong.

Kinds: an analysis's presentation page (`analyses/<dossier>/index.fr.md`) and its Dutch
translation, a chapter (any other page of an analysis folder) and its Dutch translation,
and a plain page (everything else). The content model (laeken/analyses.py) and `check`
validate pages against these schemas; a hand-made declaration rather than MkDocs'
`config_options` (as Material's blog plugin does) because the messages are French and name
the line of each field.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from laeken.errors import Problem
from laeken.languages import SOURCE_LANGUAGE

FIRST_YEAR = 1990  # no analysis of the coordination is older
KINDS = ("analysis", "return")
MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])$")


@dataclass
class Context:
    """What some fields are checked against."""

    folder: str = ""  # the analysis folder of the page, e.g. 2020-virtualisation
    folders: frozenset = frozenset()  # every analysis folder
    themes: dict = field(default_factory=dict)  # the themes vocabulary ({} when there is none)

    @property
    def folder_year(self) -> int | None:
        match = re.match(r"^(\d{4})-", self.folder)
        return int(match.group(1)) if match else None


def last_year() -> int:
    return datetime.date.today().year + 1


# Each check returns what is wrong (None when the value is right) and the right form.
Check = Callable[[object, Context], "tuple[str, str] | None"]


def _text(value, context):
    if not isinstance(value, str) or not value.strip():
        return "n’est pas un texte", "écrivez un texte sur la même ligne, entre guillemets s’il contient « : »"
    return None


def _texts(value, context):
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value) or not value:
        return "n’est pas une liste de noms", "écrivez une liste, une ligne par nom : `  - Coordination sociale de Laeken`"
    return None


def _boolean(value, context):
    if not isinstance(value, bool):
        return "n’est ni true ni false", "écrivez true (oui) ou false (non)"
    return None


def _order(value, context):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return "n’est pas un numéro de chapitre", "écrivez un nombre entier à partir de 1 : sa place dans l’analyse, par exemple `order: 2`"
    return None


def _year(value, context):
    example = context.folder_year or datetime.date.today().year
    if isinstance(value, bool) or not isinstance(value, int):
        return "n’est pas une année", f"écrivez l’année en chiffres, par exemple `year: {example}`"
    if not FIRST_YEAR <= value <= last_year():
        return ("n’est pas une année possible",
                f"une année va de {FIRST_YEAR} à {last_year()}, par exemple `year: {example}`")
    if context.folder_year and value != context.folder_year:
        return (f"ne correspond pas au nom du dossier, qui dit {context.folder_year}",
                f"mettez la même année : `year: {context.folder_year}`, ou renommez le dossier")
    return None


def _month(value, context):
    example = f"{context.folder_year or datetime.date.today().year}-12"
    match = MONTH.match(value) if isinstance(value, str) else None
    if not match or not FIRST_YEAR <= int(match.group("year")) <= last_year():
        return "n’est pas un mois", f"un mois s’écrit AAAA-MM, de 01 à 12, par exemple {example}"
    return None


def _kind(value, context):
    if value not in KINDS:
        return "n’est pas un genre connu", "écrivez `kind: analysis` (analyse de terrain) ou `kind: return` (retour détaillé)"
    return None


def _follows(value, context):
    known = ", ".join(sorted(context.folders - {context.folder})) or "aucune"
    if value == context.folder:
        return "nomme l’analyse elle-même", f"nommez le dossier de l’analyse que ce retour suit ; analyses connues : {known}"
    if not isinstance(value, str) or value not in context.folders:
        return "n’est pas un dossier d’analyse", f"nommez le dossier de l’analyse que ce retour suit ; analyses connues : {known}"
    return None


def _themes(value, context):
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return "n’est pas une liste de thèmes", "écrivez une liste de noms courts de thèmes, comme [virtualisation, non-recours]"
    unknown = [slug for slug in value if context.themes and slug not in context.themes]
    if unknown:
        named = f"un thème inconnu `{unknown[0]}`" if len(unknown) == 1 else "des thèmes inconnus " + ", ".join(f"`{slug}`" for slug in unknown)
        return (f"nomme {named}",
                f"thèmes connus : {', '.join(sorted(context.themes))} (un nouveau s’ajoute d’abord dans docs/_data/themes.yml)")
    return None


@dataclass(frozen=True)
class Field:
    check: Check
    example: str  # how the field is written, shown when it is missing ({year}: the analysis's)
    required: bool = False  # the site cannot be built without it
    recommended: bool = False  # `check` asks for it; the site builds without it


@dataclass(frozen=True)
class Schema:
    name: str  # what kind of page, in French
    fields: dict
    rules: tuple = ()  # checks across fields: (meta, context) -> [(field, message, fix)]


def _return_follows(meta, context):
    if meta.get("kind") == "return" and not meta.get("follows"):
        return [("kind", "un retour détaillé doit nommer l’analyse qu’il suit",
                 "ajoutez `follows: <dossier de l’analyse>`, par exemple `follows: 2020-virtualisation`")]
    return []


DRAFT = Field(_boolean, "draft: true")


def _fingerprint(value, context):
    # YAML reads a fingerprint made only of digits as a number: both are right.
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return "n’est pas une empreinte", "relancez `python3 scripts/analyses.py translations --mark PAGE` pour la réécrire"
    return None


SOURCE_HASH = Field(_fingerprint, "source_hash: ... (écrit par `python3 scripts/analyses.py translations --mark PAGE`)")
SOURCE_PARAGRAPHS = Field(_text, "source_paragraphs: ... (écrit par `python3 scripts/analyses.py translations --mark PAGE`)")

ANALYSIS = Schema("page de présentation d’une analyse", {
    "title": Field(_text, "title: \"Titre de l’analyse\"", required=True),
    "year": Field(_year, "year: {year}", required=True),
    "published": Field(_month, "published: {year}-12", recommended=True),
    "authors": Field(_texts, "authors: [Coordination sociale de Laeken]", required=True),
    "kind": Field(_kind, "kind: analysis", required=True),
    "follows": Field(_follows, "follows: 2020-virtualisation"),
    "summary": Field(_text, "summary: Deux ou trois phrases.", required=True),
    "themes": Field(_themes, "themes: [virtualisation, non-recours]", recommended=True),
    "draft": DRAFT,
    "featured": Field(_boolean, "featured: true"),
}, rules=(_return_follows,))

ANALYSIS_TRANSLATION = Schema("page de présentation traduite", {
    "title": Field(_text, "title: \"Titel van de analyse\""),
    "summary": Field(_text, "summary: Twee of drie zinnen."),
    "source_hash": SOURCE_HASH,
    "source_paragraphs": SOURCE_PARAGRAPHS,
    "draft": DRAFT,
})

CHAPTER = Schema("chapitre", {
    "order": Field(_order, "order: 1", required=True),
    "title": Field(_text, "title: \"Titre du chapitre\""),
    "themes": Field(_themes, "themes: [virtualisation]"),
    "draft": DRAFT,
})

CHAPTER_TRANSLATION = Schema("chapitre traduit", {
    "order": Field(_order, "order: 1"),
    "title": Field(_text, "title: \"Titel van het hoofdstuk\""),
    "themes": Field(_themes, "themes: [virtualisation]"),
    "source_hash": SOURCE_HASH,
    "source_paragraphs": SOURCE_PARAGRAPHS,
    "draft": DRAFT,
})

# An analysis's easy-read page (facile.<lang>.md, laeken/easy_read.py): written for the web
# edition in each language, so the Dutch one is no translation and has no fingerprint.
EASY_READ_PAGE = Schema("page Facile à lire", {
    "title": Field(_text, "title: \"Facile à lire\""),
    "draft": DRAFT,
})

# Material for MkDocs reads these on any page.
PAGE = Schema("page", {
    "title": Field(_text, "title: \"Titre de la page\""),
    "description": Field(_text, "description: \"Une phrase\""),
    "subtitle": Field(_text, "subtitle: \"Sous-titre\""),
    "hide": Field(lambda value, context: None if isinstance(value, list) else (
        "n’est pas une liste", "écrivez par exemple `hide: [navigation, toc]`"), "hide: [toc]"),
    "icon": Field(_text, "icon: material/..."),
    "status": Field(_text, "status: new"),
    "template": Field(_text, "template: ..."),
    "search": Field(lambda value, context: None if isinstance(value, dict) else (
        "n’est pas un réglage de recherche", "écrivez par exemple `search:` puis `  exclude: true`"), "search: {exclude: true}"),
    "source_hash": SOURCE_HASH,
    "source_paragraphs": SOURCE_PARAGRAPHS,
    "draft": DRAFT,
})


def schema_for(relative: Path) -> Schema:
    """The schema of a page, from its path under docs/ (`analyses/2020-x/index.fr.md`)."""
    parts = Path(relative).parts
    translated = not parts[-1].endswith(f".{SOURCE_LANGUAGE}.md")
    if len(parts) == 3 and parts[0] == "analyses":
        if parts[-1].startswith("index."):
            return ANALYSIS_TRANSLATION if translated else ANALYSIS
        if parts[-1].startswith("facile."):  # laeken.easy_read.EASY_READ
            return EASY_READ_PAGE
        return CHAPTER_TRANSLATION if translated else CHAPTER
    return PAGE


def _example(spec: Field, context: Context) -> str:
    """The example line, as the coordinator may copy it into the header (one line of YAML)."""
    year = context.folder_year or datetime.date.today().year
    return spec.example.replace("{year}", str(year))


def _shown(value) -> str:
    text = value.isoformat() if isinstance(value, (datetime.date, datetime.datetime)) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def validate(path: Path, schema: Schema, meta: dict, lines: dict, context: Context,
             strict: bool = False) -> list[Problem]:
    """Every problem of a page's front matter. `lines`: field -> line in the file. `strict`
    (check): a missing recommended field is an error too; unknown fields are warnings."""
    problems = []
    top = 1 if meta or lines else None  # a missing field is reported on the opening ---
    for name, spec in schema.fields.items():
        value = meta.get(name)
        if value is None or value == "" or value == []:
            if spec.required or (strict and spec.recommended):
                if name in meta:
                    problems.append(Problem(path, f"le champ `{name}` est vide ({schema.name})", lines.get(name),
                                            f"remplissez-le, par exemple `{_example(spec, context)}`"))
                else:
                    problems.append(Problem(path, f"il manque le champ `{name}` dans l’en-tête ({schema.name})",
                                            top or 1, f"ajoutez la ligne `{_example(spec, context)}`"))
            continue
        wrong = spec.check(value, context)
        if wrong:
            message, fix = wrong
            problems.append(Problem(path, f"le champ `{name}` vaut « {_shown(value)} » : il {message}",
                                    lines.get(name), fix))
    for rule in schema.rules:
        for name, message, fix in rule(meta, context):
            problems.append(Problem(path, message, lines.get(name), fix))
    if strict:
        for name in meta:
            if name not in schema.fields:
                problems.append(Problem(
                    path, f"le champ `{name}` n’est pas un champ connu ({schema.name})", lines.get(name),
                    f"vérifiez son orthographe ; champs connus : {', '.join(schema.fields)}", warning=True))
    return problems
