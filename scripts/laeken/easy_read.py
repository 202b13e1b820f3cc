"""Easy-read pages ("Facile à lire" / "Makkelijk lezen"): `facile.<lang>.md` in an analysis
folder, a summary written for the web edition, not a chapter of the original. Their rules
(docs/_data/easy_read.yml) are measured by `check` with the functions below.

Sentences: the text outside headings, code and HTML, with Markdown marks removed; a sentence
ends at . ! ? … or : followed by a space and a capital (or the end of a block), and each
block (paragraph, list item) ends one. Words: runs of letters or digits (l’aide = 2 words).
An acronym of the glossary (a form in capitals, e.g. EPN, CPAS) is explained when its first
use in the text is followed by an explanation in parentheses of at least two words:
« un EPN (espace public numérique) ».
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from laeken.datafiles import read_mapping
from laeken.errors import Problems
from laeken.languages import LANGUAGES

EASY_READ = "facile"  # the page's name in the folder and its address: analyses/<dossier>/facile/
EASY_READ_FILE = "easy_read.yml"
FIELDS = ("moyenne_mots_par_phrase", "max_mots_par_phrase")

WORD = re.compile(r"[^\W_]+", re.UNICODE)
ACRONYM_FORM = re.compile(r"^[A-ZÀ-Ý]{2,}$")
# French quotation marks have spaces inside: « Non. » Voilà.
# (group 1: the space where one ends).
SENTENCE_END = re.compile(r"[.!?…:](?:\s*[»”\")])*(\s+)(?=(?:[«“\"(]\s*)?[A-ZÀ-Ý0-9])")
MARKS = (
    (re.compile(r"\{[:.#][^}]*\}|\{ [^}]*\}"), ""),  # attribute lists
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"<[^>]+>"), ""),  # inline HTML
    (re.compile(r"[*_`]+"), ""),  # emphasis, code
    (re.compile(r"^\s*(?:[-*+]|\d+\.)\s+"), ""),  # list bullets
)


def is_easy_read(path: Path) -> bool:
    """Whether a page file is an analysis's easy-read page: analyses/<dossier>/facile.<lang>.md."""
    path = Path(path)
    return path.name.split(".")[0] == EASY_READ and path.parent.parent.name == "analyses"


@dataclass(frozen=True)
class Rules:
    average: float  # words per sentence, at most, on average
    longest: int  # words in any sentence, at most
    reading_ease: dict  # lang -> the lowest readability score


@dataclass(frozen=True)
class Sentence:
    line: int  # in the body (1 = its first line)
    text: str

    @property
    def words(self) -> int:
        return len(WORD.findall(self.text))


def load_rules(docs_dir: Path | str) -> Rules | None:
    """The thresholds, or None when the site has no rules file. Raises ContentError."""
    path = Path(docs_dir) / "_data" / EASY_READ_FILE
    if not path.exists():
        return None
    data = read_mapping(path, "`moyenne_mots_par_phrase:`, `max_mots_par_phrase:` et `lisibilite_min:` (fr, nl)")
    problems = Problems(data.problems)
    values = data.data if isinstance(data.data, dict) else {}

    def number(value, *keys):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            problems.add(path, f"`{'.'.join(keys)}` vaut « {value} » : ce n’est pas un nombre positif",
                         data.line(*keys), f"écrivez un nombre, par exemple `{keys[-1]}: 12`")
        return value

    for name in FIELDS:
        number(values.get(name), name)
    ease = values.get("lisibilite_min")
    if not isinstance(ease, dict):
        problems.add(path, "`lisibilite_min` n’a pas de partie par langue", data.line("lisibilite_min"),
                     "écrivez `lisibilite_min:` puis, en dessous, `  fr: 70` et `  nl: 70`")
        ease = {}
    else:
        for lang in LANGUAGES:
            number(ease.get(lang), "lisibilite_min", lang)
    for extra in sorted(set(values) - {*FIELDS, "lisibilite_min"}, key=str):
        problems.add(path, f"champ inconnu `{extra}`", data.line(extra),
                     f"champs connus : {', '.join(FIELDS)}, lisibilite_min")
    problems.raise_if_errors()
    return Rules(average=values["moyenne_mots_par_phrase"], longest=values["max_mots_par_phrase"],
                 reading_ease={lang: ease[lang] for lang in LANGUAGES})


def _blocks(body: str):
    """Each block of running text (paragraph, list item) as [(line, text without Markdown
    marks)], without headings, code, HTML blocks, attribute lists or admonition titles."""
    block, in_fence = [], False
    for number, raw in enumerate(body.splitlines(), start=1):
        line = raw.strip()
        if line.startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        new_item = bool(re.match(r"^(?:[-*+]|\d+\.)\s", line))
        if in_fence or not line or line.startswith(("#", "<", "!!!", "???", "{", "|", "---")) or new_item:
            if block:
                yield block
            block = []
            if in_fence or not line or not new_item:
                continue
        block.append((number, plain(line)))
    if block:
        yield block


def plain(text: str) -> str:
    for pattern, replacement in MARKS:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def _joined(block) -> tuple[str, list[tuple[int, int]]]:
    """A block's text on one line, and (offset, line) where each of its lines starts."""
    text, starts = "", []
    for number, line in block:
        starts.append((len(text) + (1 if text else 0), number))
        text = f"{text} {line}" if text else line
    return text, starts


def _line_at(starts, offset: int) -> int:
    return [number for start, number in starts if start <= offset][-1]


def sentences(body: str) -> list[Sentence]:
    """The sentences of a page's body, each with the line (of the body) where it starts."""
    found = []
    for block in _blocks(body):
        text, starts = _joined(block)
        start = 0
        cuts = [(end.start(1), end.end(1)) for end in SENTENCE_END.finditer(text)] + [(len(text), len(text))]
        for cut, after in cuts:
            part = text[start:cut]
            if WORD.search(part):
                skipped = len(part) - len(part.lstrip())
                found.append(Sentence(_line_at(starts, start + skipped), part.strip()))
            start = after
    return found


def unexplained_acronyms(body: str, acronyms) -> list[tuple[int, str]]:
    """(line, acronym) of each acronym of `acronyms` whose first use is not followed by an
    explanation in parentheses of at least two words."""
    found = []
    text = [_joined(block) for block in _blocks(body)]
    for acronym in sorted(acronyms):
        pattern = re.compile(rf"(?<![\w-]){re.escape(acronym)}(?:’s|'s)?(?![\w-])")
        for block, starts in text:
            match = pattern.search(block)
            if match:
                after = re.match(r"\s*\(([^)]*)\)", block[match.end():])
                if not after or len(WORD.findall(after.group(1))) < 2:
                    found.append((_line_at(starts, match.start()), acronym))
                break
    return found


def glossary_acronyms(glossary, lang: str) -> set[str]:
    """The glossary's forms in `lang` written in capitals: the acronyms a page must explain."""
    return {form for entry in glossary for form in entry.forms(lang) if ACRONYM_FORM.match(form)}


def reading_ease(text: str, lang: str) -> float:
    """textstat's Flesch reading ease for `lang` (Kandel-Moles in French, Douma in Dutch)."""
    import textstat  # only `check` needs it, not the build

    textstat.set_lang(lang)
    return textstat.flesch_reading_ease(text)


def measure(body: str, lang: str, rules: Rules, acronyms) -> list[tuple[int | None, str, str, bool]]:
    """(line in the body, problem, fix, warning) of a page's body against `rules`, in French."""
    found = []
    said = sentences(body)
    if not said:
        return [(None, "la page n’a aucune phrase", "écrivez le texte Facile à lire sous le titre", False)]
    for sentence in said:
        if sentence.words > rules.longest:
            found.append((sentence.line, f"une phrase a {sentence.words} mots (au plus {rules.longest}) : "
                          f"« {sentence.text[:60]}… »", "coupez-la en deux phrases, une idée par phrase", False))
    average = sum(s.words for s in said) / len(said)
    if average > rules.average:
        found.append((None, f"les phrases ont en moyenne {average:.1f} mots (au plus {rules.average})",
                      "raccourcissez les phrases les plus longues : une idée par phrase", False))
    for line, acronym in unexplained_acronyms(body, acronyms):
        found.append((line, f"le sigle « {acronym} » n’est pas expliqué à sa première apparition",
                      f"écrivez ce qu’il veut dire juste après, entre parenthèses : « {acronym} (…) »", False))
    score = reading_ease(" ".join(s.text for s in said), lang)
    minimum = rules.reading_ease[lang]
    if score < minimum:
        found.append((None, f"le score de lisibilité est {score:.0f} (au moins {minimum})",
                      "des phrases plus courtes et des mots plus courts et plus courants font monter le score", False))
    return found
