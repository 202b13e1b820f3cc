"""Turn the OCR output of a printed French text into a Markdown chapter for the site.

For the coordinators (social workers, not developers): a printed analysis is scanned, the
scanner's OCR gives a plain text with hard line breaks (often two columns), page breaks in
the middle of sentences and reading errors (lost accents, `I'` read for `l’`, long dashes for
hyphens, `a` for `à`).
`import_ocr` gives back the chapter's Markdown and the list of every change it made, in
French, each with its line in the source, to review before publishing. It writes no file:
the caller (the `import` command of scripts/analyses.py) does.

What it does, in order:
- checks that the input is text (not a .docx or a PDF read as text), not empty, and within
  what a chapter needs (2 MB, lines of 20 000 characters, paragraphs of 20 000 characters:
  the corrections' work grows with a paragraph's length), before any other work;
- cuts the text into blocks at blank lines, and after a sentence that ends on a line much
  shorter than its paragraph's others (the OCR lost the blank line); a short line alone before the first paragraph
  is the chapter's title (`# Title { #id }`, written once); a short line alone in its
  block, without final punctuation, between two sentences, becomes a `## Title { #slug }`
  heading, a sector section (`{ #epn data-sector="epn" }`) when it names a known sector
  (`A) EPN`, see importers/sectors.py); a sector marker alone on its line (`A)`, `B)`...)
  becomes `## A) { #section-a .secteur-a-preciser }` for the coordinator to name: the page
  is a draft until `data-sector="<key>"` replaces the class (laeken/drafts.py); a page number alone on its line is dropped;
- joins the lines of a paragraph, and two blocks split by a page or column break (the first
  does not end a sentence, or the second starts with a lower-case letter); a word cut by a
  hyphen at a line end is joined only when the joined word is in the French dictionary;
- applies the OCR correction rules of scripts/importers/ocr_rules.yml, in order: they are data, this
  module holds no word-specific correction (see that file for the rule format);
- writes the Markdown with importers/markdown.py, the writer the Word importer uses too:
  escaped (nothing read as markup or HTML), hard-wrapped at about 90 characters.

The dictionary is the French word list shipped in pyspellchecker (0.9.1, MIT licence, pure
Python, no dependency, offline): ~140,000 words from OpenSubtitles with their frequency.
Only its word list is used, never its automatic "correction" (it would rewrite the authors'
own words).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from laeken.drafts import SECTOR_PENDING_CLASS

from importers import markdown
from importers.sectors import sector_named

__all__ = ["ImportResult", "OcrImportError", "OcrText", "import_ocr", "check_size", "load_rules", "read_ocr", "RULES_FILE"]

RULES_FILE = Path(__file__).with_name("ocr_rules.yml")
NBSP = "\u00a0"
# Beyond what a printed analysis gives (the 2020 one is 10 KB, its longest line 90
# characters): refused before any work, which grows with a paragraph's length.
MAX_TEXT_BYTES = 2_000_000
MAX_LINE_LENGTH = 20_000
MAX_PARAGRAPH_LENGTH = 20_000  # the 2020 analysis's longest is 1 500 characters
# No French word is longer (anticonstitutionnellement: 25): a longer "word" is not corrected,
# since its candidates grow with the square of its length.
MAX_WORD_LENGTH = 40
SHORT_LINE = 0.75  # a paragraph's last line: shorter than this share of its longest line
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # after line ends are unified: \t and \n stay

BINARY_MESSAGE = (
    "Ce fichier ne ressemble pas à du texte (caractères binaires) : "
    "s'agit-il d'un .docx ou d'un PDF ?"
)


class OcrImportError(ValueError):
    """A text that cannot be imported, with a message in plain French for the coordinator."""


@dataclass
class ImportResult:
    """The chapter's Markdown, the changes to review (in French, by source line), the title."""

    markdown: str
    changes: list[str] = field(default_factory=list)
    title: str | None = None


# --- the rules ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    kind: str  # "regex" or "dictionary"
    pattern: re.Pattern
    replacement: str | None = None
    mapping: dict | None = None
    choices: object = None  # dictionary rules: a list, or a dict matched text -> list
    max_changes: int = 1
    before: re.Pattern | None = None
    not_before: re.Pattern | None = None
    after: re.Pattern | None = None
    not_after: re.Pattern | None = None
    clause_contains: re.Pattern | None = None
    clause_has_verb: bool = False
    review: bool = False
    summary: bool = False


@dataclass(frozen=True)
class ClauseAnalysis:
    openers: frozenset
    comma_not_openers: frozenset
    subjects: frozenset
    clitics: frozenset
    finite_verbs: frozenset
    finite_endings: tuple
    not_finite: frozenset
    not_after_negation: frozenset


@dataclass(frozen=True)
class RuleSet:
    rules: tuple
    clause: ClauseAnalysis
    heading_max_length: int
    heading_max_words: int
    heading_never_ends_with: frozenset
    language: str
    min_length: int
    dominance: float
    keep: frozenset


_RULE_KEYS = {
    "id", "description", "kind", "pattern", "literal", "replacement", "map", "choices",
    "max_changes", "before", "not_before", "after", "not_after", "clause_contains",
    "clause_has_verb", "review", "report",
}


def _compile(source: str, where: str, suffix: str = "") -> re.Pattern:
    try:
        return re.compile(f"(?:{source}){suffix}" if suffix else source)
    except re.error as error:
        raise ValueError(f"{where} : expression régulière invalide ({error})") from None


def _unescape(replacement: str | None) -> str | None:
    """A replacement may write invisible characters as \\uXXXX (\\u00a0: no-break space)."""
    if replacement is None:
        return None
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), str(replacement))


@lru_cache(maxsize=8)
def load_rules(path: Path = RULES_FILE) -> RuleSet:
    """The rules of `path` (scripts/importers/ocr_rules.yml by default), checked and compiled."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    rules = []
    seen = set()
    for number, raw in enumerate(data["rules"], 1):
        where = f"{Path(path).name}, règle {number} ({raw.get('id', 'sans id')})"
        unknown = set(raw) - _RULE_KEYS
        if unknown:
            raise ValueError(f"{where} : champ inconnu {sorted(unknown)}")
        if not raw.get("id") or not raw.get("description"):
            raise ValueError(f"{where} : il faut un id et une description")
        if raw["id"] in seen:
            raise ValueError(f"{where} : id en double")
        seen.add(raw["id"])
        kind = raw.get("kind", "regex")
        if "literal" in raw:
            pattern = re.compile(re.escape(raw["literal"]))
        elif "pattern" in raw:
            pattern = _compile(raw["pattern"], where)
        else:
            raise ValueError(f"{where} : il faut un pattern ou un literal")
        if kind == "regex" and ("replacement" in raw) == ("map" in raw):
            raise ValueError(f"{where} : il faut soit replacement, soit map")
        if kind == "dictionary" and not raw.get("choices"):
            raise ValueError(f"{where} : une règle dictionary a besoin de choices")
        if kind not in ("regex", "dictionary"):
            raise ValueError(f"{where} : kind doit être regex ou dictionary")
        optional = {
            key: _compile(raw[key], where, suffix=r"\Z" if key in ("before", "not_before") else "")
            for key in ("before", "not_before", "after", "not_after", "clause_contains")
            if raw.get(key)
        }
        rules.append(Rule(
            id=raw["id"], description=raw["description"], kind=kind, pattern=pattern,
            replacement=_unescape(raw.get("replacement")), mapping=raw.get("map"), choices=raw.get("choices"),
            max_changes=int(raw.get("max_changes", 1)), clause_has_verb=bool(raw.get("clause_has_verb")),
            review=bool(raw.get("review")), summary=raw.get("report", "each") == "summary", **optional,
        ))
    clause = data["clause_analysis"]
    words = lambda key: frozenset(str(word).lower() for word in clause.get(key, []))  # noqa: E731
    dictionary = data.get("dictionary", {})
    structure = data.get("structure", {})
    return RuleSet(
        rules=tuple(rules),
        heading_max_length=int(structure.get("heading_max_length", 80)),
        heading_max_words=int(structure.get("heading_max_words", 10)),
        heading_never_ends_with=frozenset(str(w).lower() for w in structure.get("heading_never_ends_with", [])),
        clause=ClauseAnalysis(
            openers=words("openers"), comma_not_openers=words("comma_not_openers"), subjects=words("subjects"),
            clitics=words("clitics"), finite_verbs=words("finite_verbs"),
            finite_endings=tuple(clause.get("finite_endings", [])), not_finite=words("not_finite"),
            not_after_negation=words("not_after_negation"),
        ),
        language=dictionary.get("language", "fr"),
        min_length=int(dictionary.get("min_length", 2)),
        dominance=float(dictionary.get("dominance", 5)),
        keep=frozenset(str(word).lower() for word in dictionary.get("keep", [])),
    )


@lru_cache(maxsize=2)
def _words(language: str) -> dict:
    """The dictionary's words (lower case) and their frequency."""
    try:
        from spellchecker import SpellChecker
    except ImportError:  # pragma: no cover - the package is in requirements.txt
        raise OcrImportError(
            "Le dictionnaire français n’est pas installé (paquet pyspellchecker) : "
            "lancez « make serve » une fois, ou installez les paquets de requirements.txt."
        ) from None
    return SpellChecker(language=language, distance=1).word_frequency.dictionary


# --- the text, with the source line of each character ------------------------------------------


class _Text:
    def __init__(self, text: str = "", lines: list[int] | None = None):
        self.text = text
        self.lines = lines if lines is not None else []

    def append(self, text: str, line: int) -> None:
        self.text += text
        self.lines.extend([line] * len(text))

    def replace(self, start: int, end: int, new: str) -> None:
        line = self.line_at(start)
        self.text = self.text[:start] + new + self.text[end:]
        self.lines[start:end] = [line] * len(new)

    def line_at(self, position: int) -> int:
        if not self.lines:
            return 0
        return self.lines[min(position, len(self.lines) - 1)]


class _Log:
    """The changes, sorted by source line when read."""

    def __init__(self):
        self.entries: list[tuple[int, int, str]] = []
        self.summaries: dict[str, dict] = {}

    def add(self, line: int, message: str) -> None:
        self.entries.append((line, len(self.entries), message))

    def change(self, rule: Rule, line: int, old: str, new: str, note: str = "") -> None:
        if rule.summary:
            summary = self.summaries.setdefault(rule.id, {"rule": rule, "lines": set(), "count": 0})
            summary["lines"].add(line)
            summary["count"] += 1
            return
        review = " — à vérifier" if rule.review or note else ""
        extra = f", {note}" if note else ""
        self.add(line, f"ligne {line} : « {_show(old)} » → « {_show(new)} » (règle : {rule.description}{extra}){review}")

    def lines(self) -> list[str]:
        entries = list(self.entries)
        for summary in self.summaries.values():
            lines = sorted(summary["lines"])
            count = summary["count"]
            entries.append((lines[0], len(entries), (
                f"{_lines_label(lines)} : {count} fois (règle : {summary['rule'].description})"
            )))
        return [message for _, _, message in sorted(entries)]


def _show(text: str) -> str:
    return text.replace(NBSP, " ").replace("\u202f", " ")


def _lines_label(lines: list[int]) -> str:
    if len(lines) == 1:
        return f"ligne {lines[0]}"
    return "lignes " + ", ".join(map(str, lines[:-1])) + f" et {lines[-1]}"


# --- applying the rules ------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")


def _snippet(text: str, start: int, end: int, new: str) -> tuple[str, str]:
    """The words around a change, before and after it, for the list of changes."""
    left, right = start, end
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    while right < len(text) and not text[right].isspace():
        right += 1
    if sum(len(word) for word in _WORD.findall(text[left:right])) <= 3 or end == start:
        # a short word (a, la, ou) says little alone: one word more on each side
        while left > 0 and text[left - 1].isspace():
            left -= 1
        while left > 0 and not text[left - 1].isspace():
            left -= 1
        while right < len(text) and text[right].isspace():
            right += 1
        while right < len(text) and not text[right].isspace():
            right += 1
    return text[left:right], text[left:start] + new + text[end:right]


_WINDOW = 400  # how far back `before` and `not_before` look


def _context_ok(rule: Rule, text: str, start: int, end: int, rules: RuleSet) -> bool:
    # a long paragraph is cut to its last characters; the mark \x00 keeps ^ for its real start
    prefix = text[:start] if start <= _WINDOW else "\x00" + text[start - _WINDOW:start]
    if rule.before and not rule.before.search(prefix):
        return False
    if rule.not_before and rule.not_before.search(prefix):
        return False
    if rule.after and not rule.after.match(text, end):
        return False
    if rule.not_after and rule.not_after.match(text, end):
        return False
    if rule.clause_contains or rule.clause_has_verb:
        segment = _clause_segment(text, start)
        if rule.clause_contains and not rule.clause_contains.search(segment):
            return False
        if rule.clause_has_verb and not _clause_saturated(segment, rules.clause):
            return False
    return True


def _apply_regex(rule: Rule, text: _Text, rules: RuleSet, log: _Log) -> None:
    position = 0
    while position <= len(text.text):
        match = rule.pattern.search(text.text, position)
        if not match:
            return
        start, end = match.span()
        old = match.group(0)
        if rule.mapping is not None:
            new = str(rule.mapping.get(old, old))
        else:
            new = match.expand(rule.replacement)
        if new == old:
            position = max(end, start + 1)
            continue
        if not _context_ok(rule, text.text, start, end, rules):
            position = start + 1
            continue
        before, after = _snippet(text.text, start, end, new)
        log.change(rule, text.line_at(start), before, after)
        text.replace(start, end, new)
        position = start + max(len(new), 1) if start == end else start + len(new)


def _candidates(word: str, rule: Rule, known: dict) -> list[tuple[str, int]]:
    """Dictionary words that `rule` can make of `word`, most frequent first."""
    spots = [(m.start(), m.end(), m.group(0)) for m in rule.pattern.finditer(word)]
    found: dict[str, int] = {}
    for size in range(1, min(rule.max_changes, len(spots)) + 1):
        for chosen in itertools.combinations(spots, size):
            if any(a[1] > b[0] for a, b in zip(chosen, chosen[1:])):
                continue  # overlapping spots
            options = []
            for _, _, text in chosen:
                choices = rule.choices.get(text, []) if isinstance(rule.choices, dict) else rule.choices
                options.append([str(choice) for choice in choices])
            for replacements in itertools.product(*options):
                candidate, last = [], 0
                for (spot_start, spot_end, _), replacement in zip(chosen, replacements):
                    candidate.append(word[last:spot_start] + replacement)
                    last = spot_end
                candidate.append(word[last:])
                candidate = "".join(candidate)
                if candidate != word and candidate in known:
                    found[candidate] = known[candidate]
        if found:
            break  # the fewest changes win
    return sorted(found.items(), key=lambda item: (-item[1], item[0]))


def _apply_dictionary(rule: Rule, text: _Text, rules: RuleSet, log: _Log, reported: set) -> None:
    known = _words(rules.language)
    position = 0
    while True:
        match = _WORD.search(text.text, position)
        if not match:
            return
        start, end = match.span()
        word = match.group(0)
        position = end
        if (not rules.min_length <= len(word) <= MAX_WORD_LENGTH or text.text[end:end + 1] == "’"
                or any(c.isupper() for c in word[1:])):
            continue  # too short or long, an elided word (aujourd’hui, lorsqu’), an acronym or a name
        lower = word.lower()
        if lower in known or lower in rules.keep:
            continue
        candidates = _candidates(lower, rule, known)
        if not candidates:
            continue
        note = ""
        if len(candidates) > 1:
            if candidates[0][1] < rules.dominance * candidates[1][1]:
                key = (rule.id, lower)
                if key not in reported:
                    reported.add(key)
                    names = ", ".join(f"« {c} »" for c, _ in candidates[:4])
                    log.add(text.line_at(start), (
                        f"ligne {text.line_at(start)} : « {word} » laissé tel quel, plusieurs "
                        f"corrections possibles : {names} (règle : {rule.description}) — à vérifier"
                    ))
                continue
            note = "le plus fréquent de " + ", ".join(f"« {c} »" for c, _ in candidates[:4])
        new = candidates[0][0]
        if word[0].isupper():
            new = new[0].upper() + new[1:]
        log.change(rule, text.line_at(start), word, new, note)
        text.replace(start, end, new)
        position = start + len(new)


def _correct(text: _Text, rules: RuleSet, log: _Log, reported: set) -> None:
    for rule in rules.rules:
        if rule.kind == "dictionary":
            _apply_dictionary(rule, text, rules, log, reported)
        else:
            _apply_regex(rule, text, rules, log)


# --- « a » or « à »: has the clause its verbs already? -------------------------------------------

_TOKEN = re.compile(r"[^\W\d_]+’|[^\W\d_]+(?:-[^\W\d_]+)*|,")


def _clause_segment(text: str, position: int) -> str:
    """The clause before `position`: back to . ! ? … ; : or an unclosed « or (.

    A closed «…» inside counts as a noun (X), a closed (…) is left out.
    """
    out: list[str] = []
    index = position - 1
    start = max(0, position - _WINDOW)  # a clause is shorter: the scan stays linear on long paragraphs
    while index >= start:
        char = text[index]
        if char in "»)":
            opener = "«" if char == "»" else "("
            depth, scan = 1, index - 1
            while scan >= start and depth:
                if text[scan] == char:
                    depth += 1
                elif text[scan] == opener:
                    depth -= 1
                scan -= 1
            if depth:
                break
            if char == "»":
                out.append(" X ")
            index = scan
            continue
        if char in "«(.!?…;:":
            break
        out.append(char)
        index -= 1
    return "".join(reversed(out))


def _clause_saturated(segment: str, analysis: ClauseAnalysis) -> bool:
    """True when every clause of `segment` already has its conjugated verb.

    Conservative: a verb it does not recognise makes it answer False (nothing is changed).
    """
    tokens = [token.lower() for token in _TOKEN.findall(segment)]
    needed = 1
    finite: set[int] = set()
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if index > 0 and (token in analysis.openers or (token.endswith("’") and token + following in analysis.openers)):
            needed += 1
        if (token == "," and following and following not in analysis.comma_not_openers
                and following not in analysis.openers):
            needed += 1
        head = token.split("-")[0]
        if token != "," and token not in analysis.not_finite and (
                head in analysis.finite_verbs
                or any(head.endswith(ending) and len(head) > len(ending) + 1 for ending in analysis.finite_endings)):
            finite.add(index)
        if token in analysis.subjects or token in ("ne", "n’"):
            scan = index + 1
            while scan < len(tokens) and tokens[scan] in analysis.clitics:
                scan += 1
            if scan < len(tokens) and tokens[scan] != "," and tokens[scan] not in analysis.not_after_negation:
                if not (token in ("ne", "n’") and tokens[scan] in analysis.openers):
                    finite.add(scan)
    return len(finite) >= needed


# --- blocks, headings, paragraphs ---------------------------------------------------------------

_MARKER = re.compile(r"^([A-Z]|\d{1,2})\)$")
_PAGE_NUMBER = re.compile(r"^\d{1,4}$")
_SENTENCE_END = re.compile(r"[.!?…][\s\u00a0]*(?:[»\"”)\]][\s\u00a0]*)*$")
_HEADING_END = re.compile(r"[.,;:!?…»\"”)\-—–]$")


@dataclass
class _Block:
    kind: str  # paragraph, heading, marker, page
    lines: list[tuple[int, str]]
    ended_short: bool = False  # ended by a short line, with no blank line after it

    @property
    def first(self) -> str:
        return self.lines[0][1]

    @property
    def last(self) -> str:
        return self.lines[-1][1]


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f}".replace(".", ",") + " Mo"


def check_size(size: int, source_name: str) -> None:
    """Refuse a text of `size` bytes beyond what a chapter needs (the caller can ask before reading it)."""
    if size > MAX_TEXT_BYTES:
        raise OcrImportError(
            f"Le fichier « {source_name} » est trop gros pour un chapitre ({_megabytes(size)}, au plus "
            f"{_megabytes(MAX_TEXT_BYTES)}) : il n’a pas été importé — coupez-le en chapitres et importez-les un par un."
        )


def _check(text: str, source_name: str) -> None:
    if not isinstance(text, str):
        raise OcrImportError(
            f"« {source_name} » : le texte doit être lu comme du texte (UTF-8) avant l’import."
        )
    if text == "":
        raise OcrImportError(f"Le fichier « {source_name} » est vide : il n’y a rien à importer.")
    check_size(len(text.encode("utf-8", "surrogatepass")), source_name)
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_LINE_LENGTH:
            raise OcrImportError(
                f"{source_name}:{number}: ligne de {len(line)} caractères (au plus {MAX_LINE_LENGTH}) — un texte OCR "
                "a les lignes courtes de la page imprimée : ce fichier n’en est sans doute pas un, il n’a pas été importé."
            )
    bad = sum(
        1 for char in text
        if char == "\ufffd" or (unicodedata.category(char) == "Cc" and char not in "\t\n\r\f\v")
    )
    visible = sum(1 for char in text if not char.isspace()) or 1
    if "\x00" in text or bad / visible > 0.02:
        raise OcrImportError(
            f"{BINARY_MESSAGE} (fichier « {source_name} »). Un texte OCR doit être enregistré "
            "en texte brut (.txt, UTF-8)."
        )
    if not text.strip():
        raise OcrImportError(
            f"Le fichier « {source_name} » est vide : il ne contient que des espaces ou des "
            "lignes vides."
        )


def _blocks(text: str, rules: RuleSet) -> list[_Block]:
    blocks: list[_Block] = []
    current: list[tuple[int, str]] = []
    lines = [re.sub(r"[ \t\u2000-\u200a\u3000]+", " ", raw).strip() for raw in text.split("\n")]
    for number, (line, following) in enumerate(itertools.zip_longest(lines, lines[1:], fillvalue=""), 1):
        if line:
            current.append((number, line))
            # A sentence that ends on a line well short of its paragraph's column ends the
            # paragraph, even when the OCR lost the blank line after it (a next line in lower
            # case goes on with the sentence: "etc.").
            if (following and not following[0].islower() and len(current) > 1 and _SENTENCE_END.search(line)
                    and len(line) < SHORT_LINE * max(len(text) for _, text in current)):
                blocks.append(_Block("paragraph", current, ended_short=True))
                current = []
        elif current:
            blocks.append(_Block("paragraph", current))
            current = []
    if current:
        blocks.append(_Block("paragraph", current))
    for block in blocks:
        if len(block.lines) == 1 and _MARKER.match(block.first):
            block.kind = "marker"
        elif len(block.lines) == 1 and _PAGE_NUMBER.match(block.first):
            block.kind = "page"
    kept = [block for block in blocks if block.kind != "page"]
    for index, block in enumerate(kept):
        if block.kind != "paragraph" or len(block.lines) != 1:
            continue
        line = block.first
        previous = kept[index - 1] if index else None
        following = kept[index + 1] if index + 1 < len(kept) else None
        last_word = line.split()[-1].lower()
        if (following is not None and len(line) <= rules.heading_max_length
                and len(line.split()) <= rules.heading_max_words
                and last_word not in rules.heading_never_ends_with and not last_word.endswith("’")
                and line[0].isupper() and not _HEADING_END.search(line) and _WORD.search(line)
                and (previous is None or previous.kind != "paragraph" or _SENTENCE_END.search(previous.last))
                and (following.kind != "paragraph" or following.first[0].isupper())):
            block.kind = "heading"
    return blocks


def _join_lines(lines: list[tuple[int, str]], log: _Log) -> _Text:
    """One paragraph's lines joined; a word cut at a line end is rejoined if it is a word."""
    text = _Text()
    for index, (number, line) in enumerate(lines):
        if index == 0:
            text.append(line, number)
            continue
        previous = lines[index - 1][0]
        offset = max(0, len(text.text) - 100)
        tail = text.text[offset:]
        cut = re.search(r"(?<=\S)[-—–]$", tail)
        if not cut:
            text.append(" " + line, number)
            continue
        start, end = offset + cut.start(), offset + cut.end()
        left = re.search(r"([^\W\d_]+)[-—–]$", tail)
        right = re.match(r"[^\W\d_]+", line)
        if not (left and right):  # 2020- / 2021: keep the hyphen, no space
            text.replace(start, end, "-")
            text.append(line, number)
            continue
        joined = left.group(1) + right.group(0)
        shown = f"{left.group(1)}{cut.group(0)} / {right.group(0)}"
        if right.group(0)[0].islower() and _is_word(joined):
            text.replace(start, end, "")
            log.add(previous, (
                f"ligne {previous} : « {shown} », mot coupé en fin de ligne, recollé en "
                f"« {joined} » (mot du dictionnaire)"
            ))
        else:
            text.replace(start, end, "-")
            log.add(previous, (
                f"ligne {previous} : « {shown} » coupé en fin de ligne : trait d’union gardé, "
                f"« {left.group(1)}-{right.group(0)} » (« {joined} » n’est pas dans le dictionnaire)"
            ))
        text.append(line, number)
    return text


def _is_word(word: str) -> bool:
    rules = load_rules()
    known = _words(rules.language)
    lower = word.lower()
    if lower in known or lower in rules.keep:
        return True
    if len(word) > MAX_WORD_LENGTH:
        return False
    return any(_candidates(lower, rule, known) for rule in rules.rules if rule.kind == "dictionary")


# --- the importer -------------------------------------------------------------------------------


class OcrText:
    """An OCR text read and checked, cut into blocks, its title found: the title is known
    before the chapter is written (the chapter's address comes from it)."""

    def __init__(self, text: str, source_name: str = "texte"):
        _check(text, source_name)
        self.rules = load_rules()
        self.log = _Log()
        self.reported: set = set()
        text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").replace("\v", "\n")
        text = _CONTROL.sub("", text)
        blocks = _blocks(text, self.rules)
        for block in blocks:
            if block.kind == "page":
                number = block.lines[0][0]
                self.log.add(number, f"ligne {number} : « {block.first} » seul sur sa ligne, lu comme un numéro de page : supprimé")
        blocks = [block for block in blocks if block.kind != "page"]
        for block, following in zip(blocks, blocks[1:]):
            if block.ended_short:
                number = block.lines[-1][0]
                self.log.add(number, (
                    f"ligne {number} : « …{_tail(block.last)} » finit une phrase sur une ligne courte : la ligne "
                    f"suivante, « {_head(following.first)}… », commence un nouveau paragraphe (vérifiez sur le papier)"
                ))
        if not any(block.kind == "paragraph" and _WORD.search(block.first + block.last) for block in blocks):
            raise OcrImportError(
                f"Aucun paragraphe trouvé dans « {source_name} » : le texte ne contient que des titres, "
                "des repères de section (A), B)…) ou des nombres. Vérifiez que c’est le bon fichier."
            )
        self.blocks = _merge_page_breaks(blocks, self.log)
        for block in self.blocks:  # the corrections' work grows with the square of a paragraph's length
            length = sum(len(line) + 1 for _, line in block.lines)
            if length > MAX_PARAGRAPH_LENGTH:
                raise OcrImportError(
                    f"{source_name}:{block.lines[0][0]}: paragraphe de {length} caractères, jusqu’à la ligne "
                    f"{block.lines[-1][0]} (au plus {MAX_PARAGRAPH_LENGTH}) — les paragraphes d’un texte OCR sont "
                    "séparés par une ligne vide : ajoutez-les, puis réimportez."
                )
        self.title: str | None = None
        self.title_line = 0
        if self.blocks[0].kind == "heading":  # a short line alone before the first paragraph
            first = self.blocks.pop(0)
            self.title, self.title_line = self._text(first), first.lines[0][0]

    def _text(self, block: _Block) -> str:
        body = _join_lines(block.lines, self.log)
        _correct(body, self.rules, self.log, self.reported)
        return re.sub(r" {2,}", " ", body.text).strip()

    def convert(self, *, title_id: str | None = None, sectors: dict | None = None) -> ImportResult:
        """The chapter's Markdown: `# Title { #title_id }` when the text has a title, then
        paragraphs and `##` headings; a heading naming a known sector becomes its section."""
        parts: list[str] = []
        # The title's id is reserved even when the text has no title: import then writes
        # `# … { #title_id }` itself, and no section may take that id.
        used: set = {title_id} if title_id else set()
        if self.title is not None:
            title_id = title_id or markdown.unique_id(self.title, set())
            used.add(title_id)
            heading = markdown.heading(1, markdown.escape(self.title), title_id)
            parts.append(heading)
            self.log.add(self.title_line, (
                f"ligne {self.title_line} : « {self.title} », ligne courte seule avant le premier paragraphe, "
                f"devient le titre du chapitre : « {heading} »"
            ))
        for block in self.blocks:
            number = block.lines[0][0]
            if block.kind == "marker":
                letter = _MARKER.match(block.first).group(1)
                heading = markdown.heading(2, f"{letter})", markdown.unique_id(f"section-{letter}", used),
                                           sector_pending=True)
                parts.append(heading)
                self.log.add(number, (
                    f"ligne {number} : « {block.first} » devient le titre de section « {heading} », à "
                    f"compléter : écrivez le nom de la section après « {letter}) », choisissez son "
                    f"identifiant (#…) et remplacez « .{SECTOR_PENDING_CLASS} » par data-sector=\"<clé>\", la clé "
                    "de son secteur (liste dans docs/_data/sectors.yml) ; la page reste un brouillon d’ici là"
                ))
                continue
            text = self._text(block)
            if block.kind == "heading":
                sector = sector_named(text, sectors or {})
                slug = markdown.unique_id(sector or text, used)
                heading = markdown.heading(2, markdown.escape(text), slug, sector)
                parts.append(heading)
                what = f"la section du secteur « {sector} » (docs/_data/sectors.yml)" if sector else "un titre"
                self.log.add(number, (
                    f"ligne {number} : « {text} », ligne courte seule entre deux paragraphes, "
                    f"devient {what} : « {heading} » (l’identifiant #{slug} sera l’adresse de la "
                    "section : vérifiez-le avant de publier)"
                ))
            else:
                parts.append(markdown.paragraph(markdown.escape(text)))
        return ImportResult(markdown="\n\n".join(parts) + "\n", changes=self.log.lines(), title=self.title)


def _merge_page_breaks(blocks: list[_Block], log: _Log) -> list[_Block]:
    """A blank line inside a sentence is a page or column break: the two blocks are joined."""
    merged: list[_Block] = []
    for block in blocks:
        previous = merged[-1] if merged else None
        if (block.kind == "paragraph" and previous is not None and previous.kind == "paragraph"
                and (not _SENTENCE_END.search(previous.last) or block.first[0].islower())):
            log.add(previous.lines[-1][0], (
                f"lignes {previous.lines[-1][0]} à {block.lines[0][0]} : ligne vide au milieu d’une "
                f"phrase (saut de page ou de colonne) : « …{_tail(previous.last)} » et "
                f"« {_head(block.first)}… » forment un seul paragraphe"
            ))
            previous.lines.extend(block.lines)
            continue
        merged.append(_Block(block.kind, list(block.lines)))
    return merged


def read_ocr(text: str, *, source_name: str = "texte") -> OcrText:
    """Read and check an OCR text. Raises OcrImportError (message in French) for an empty,
    oversized or binary text, or a text without any paragraph."""
    return OcrText(text, source_name)


def import_ocr(text: str, *, source_name: str = "texte", title_id: str | None = None,
               sectors: dict | None = None) -> ImportResult:
    """Convert the OCR text of a printed French analysis into a Markdown chapter.

    Returns the Markdown (the title as `#` if the text starts with one, paragraphs and `##`
    headings) and the list of changes, in French, each with its source line. Raises
    OcrImportError (message in French) for a text that cannot be imported.
    """
    return read_ocr(text, source_name=source_name).convert(title_id=title_id, sectors=sectors)


def _tail(text: str, words: int = 3) -> str:
    return " ".join(text.split()[-words:])


def _head(text: str, words: int = 3) -> str:
    return " ".join(text.split()[:words])
