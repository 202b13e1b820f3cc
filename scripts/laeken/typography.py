"""French typography: the no-break spaces that French sets around its high punctuation,
put in when the site is built, so that authors type ordinary spaces.

Before `; ! ?` a narrow no-break space (U+202F); before `:` and inside « » a no-break space
(U+00A0): the Imprimerie nationale's usage, which French word processors follow. Where
the author left a space (ordinary, no-break or narrow, or several), it becomes that one
space; a missing space is added only inside « » (guillemets are French quotes, never
code), never before `; : ! ?`, where "10:30", "https://" or "1:2" would be broken.

Only French text changes: an element marked `lang="nl"` keeps its text as written (Dutch
sets no such space), an element marked `lang="fr"` inside a Dutch page gets French rules.
Attributes, comments, `code`, `pre`, `kbd`, `samp`, `script`, `style`, `textarea`, `svg`
and `math` are left as they are. The HTML is read with a tokenizer (tags apart from text,
a stack of the elements that set a language or hold code), not parsed: it is cheap
enough to run on every page.
"""

from __future__ import annotations

import re

NARROW_NBSP = "\u202f"  # before ; ! ?
NBSP = "\u00a0"  # before : and inside « »

# A space as it may be written: ordinary, no-break or narrow, or as a character reference.
_SPACE = r"(?:[ \t\r\n\u00a0\u202f]|&nbsp;|&#160;|&#x0*a0;|&#8239;|&#x202f;)"
# Text of a paragraph is cut by inline tags (`<em>`, `<a>`...): the pieces are joined with
# this mark in place of each tag, and the rules see across it.
_JOIN = "\x00"
_GAP = rf"(?:{_SPACE}|{_JOIN})*"
_OPEN = r"(?:«|&laquo;|&#171;)"
_CLOSE = r"(?:»|&raquo;|&#187;)"
_RULE = re.compile(rf"(?P<before>{_GAP})(?P<mark>[;!?:]|{_CLOSE})|(?P<open>{_OPEN})(?P<after>{_GAP})", re.IGNORECASE)
_SPACE_OR_JOIN = re.compile(rf"{_SPACE}|{_JOIN}", re.IGNORECASE)
_CANDIDATE = re.compile(rf"[;!?:«»]|{_OPEN}|{_CLOSE}", re.IGNORECASE)


def _one_space(gap: str, space: str, keep: str, add: bool = False) -> str:
    """The gap's join marks kept and its spaces made one `space`, where the author's first
    (keep="first") or last (keep="last") space was; with `add`, a gap without a space gets
    one (at its start for "first", at its end for "last")."""
    parts = _SPACE_OR_JOIN.findall(gap)
    spaces = [i for i, part in enumerate(parts) if part != _JOIN]
    if not spaces:
        return (space + gap if keep == "first" else gap + space) if add else gap
    kept = spaces[0] if keep == "first" else spaces[-1]
    return "".join(space if i == kept else part for i, part in enumerate(parts) if i == kept or part == _JOIN)


def _apply(match: re.Match) -> str:
    if match.group("open"):
        return match.group("open") + _one_space(match.group("after"), NBSP, "first", add=True)
    mark = match.group("mark")
    if mark in ";!?":
        return _one_space(match.group("before"), NARROW_NBSP, "last") + mark
    if mark == ":":
        return _one_space(match.group("before"), NBSP, "last") + mark
    return _one_space(match.group("before"), NBSP, "last", add=True) + mark  # a closing guillemet


def french_text(text: str) -> str:
    """Plain French text (or the text between tags of HTML) set the French way."""
    return _RULE.sub(_apply, text) if _CANDIDATE.search(text) else text


def is_french(lang: str | None) -> bool:
    return bool(lang) and lang.split("-")[0].lower() == "fr"


def typeset(text: str, lang: str | None) -> str:
    """Text in `lang` as the site shows it: set the French way if French, as written otherwise."""
    return french_text(text) if is_french(lang) else text


# --- HTML -------------------------------------------------------------------------------------

# A raw-text element whole (its text may hold "<"), a comment, a doctype, or a tag (quoted
# attribute values may hold ">").
_TOKEN = re.compile(
    r"<(script|style|textarea)\b[^>]*>.*?</\1\s*>"
    r"|<!--.*?-->|<![^>]*>"
    r"|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL | re.IGNORECASE,
)
_LANG = re.compile(r"""\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
# Elements whose text is not prose.
_CODE = frozenset({"code", "pre", "kbd", "samp", "svg", "math"})
# Elements inside a line of text: the rules see across them (`<em>mot</em> :`). Any other
# tag ends the run of text (a paragraph, a list item, a line break, a button).
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "ins", "mark",
                     "q", "s", "small", "span", "strong", "sub", "sup", "time", "u"})
# After these, the text goes on on the same line (`<code>x</code> : y`); after any other
# tag, a space that starts the text is no space the reader sees, and stays as it is.
_IN_LINE = _INLINE | {"code", "kbd", "samp", "svg", "math", "img"}
_LEADING_SPACE = re.compile(r"[ \t\r\n]+")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})


def french_html(html: str, lang: str) -> str:
    """HTML (a page, or part of one, whose text is in `lang` unless an element says
    otherwise) with its French text set the French way; everything else byte for byte."""
    if not _CANDIDATE.search(html):
        return html
    out: list[str] = []
    run: list[int] = []  # indices in `out` of the French text of the current line
    # Elements that set a language or hold code: [tag, depth of that tag, language, code].
    stack: list[list] = []
    french, code, line_start = is_french(lang), False, True

    def end_run(tag: str | None) -> None:
        nonlocal line_start
        if run:
            lead = _LEADING_SPACE.match(out[run[0]]) if line_start else None
            if lead:
                out[run[0]] = out[run[0]][lead.end():]
            if len(run) == 1:
                out[run[0]] = french_text(out[run[0]])
            else:
                joined = _JOIN.join(out[i] for i in run)
                if _CANDIDATE.search(joined):
                    for i, piece in zip(run, french_text(joined).split(_JOIN)):
                        out[i] = piece
            if lead:
                out[run[0]] = lead.group() + out[run[0]]
            run.clear()
        line_start = tag not in _IN_LINE

    position = 0
    for token in _TOKEN.finditer(html):
        start = token.start()
        if start > position:
            out.append(html[position:start])
            if french and not code:
                run.append(len(out) - 1)
        position = token.end()
        out.append(token.group())
        name = token.group(3)
        if name is None:  # script, style, textarea, comment, doctype
            end_run(None)
            continue
        name = name.lower()
        if token.group(2):  # a closing tag
            if stack and stack[-1][0] == name:
                stack[-1][1] -= 1
                if stack[-1][1] == 0:
                    stack.pop()
                    end_run(name)
                    french, code = (is_french(stack[-1][2]), stack[-1][3]) if stack else (is_french(lang), False)
                    continue
        elif name not in _VOID and not token.group(4).endswith("/"):
            attributes = _LANG.search(token.group(4)) if "lang" in token.group(4).lower() else None
            if attributes or name in _CODE:
                end_run(name)
                element_lang = next(filter(None, attributes.groups()), "") if attributes else (
                    stack[-1][2] if stack else lang)
                stack.append([name, 1, element_lang, name in _CODE or bool(stack and stack[-1][3])])
                french, code = is_french(element_lang), stack[-1][3]
                continue
            if stack and stack[-1][0] == name:
                stack[-1][1] += 1
        if name not in _INLINE:
            end_run(name)
    if position < len(html):
        out.append(html[position:])
        if french and not code:
            run.append(len(out) - 1)
    end_run(None)
    return "".join(out)
