"""Bad content: each problem with its file, line, what is wrong and how to put it right.

Loaders collect every problem they find and raise one ContentError holding them all, so
that a coordinator sees the whole list at once, each as `fichier:ligne: problème — comment
corriger`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

try:  # A hook that lets a ContentError through still shows MkDocs' message, not a traceback.
    from mkdocs.exceptions import PluginError as _Base
except ImportError:  # the coordinators' tool also runs where MkDocs is not installed
    _Base = Exception


@dataclass(frozen=True)
class Problem:
    """One problem: where (file, line), what is wrong, how to correct it."""

    path: Path
    message: str
    line: int | None = None
    fix: str = ""
    warning: bool = False  # worth a look, but the site is right as it is

    def where(self, root: Path | None = None) -> str:
        """`file:line`, the file relative to `root` (by default the current folder: the
        project's, where MkDocs and the tool run) when it lies inside."""
        path = Path(self.path)
        root = Path.cwd() if root is None else Path(root)
        if path.is_absolute() and root in path.parents:
            path = path.relative_to(root)
        return f"{path}:{self.line}" if self.line else str(path)

    def text(self, root: Path | None = None) -> str:
        fix = f" — {self.fix}" if self.fix else ""
        return f"{self.where(root)}: {self.message}{fix}"

    def __str__(self) -> str:
        return self.text()


class ContentError(_Base):
    """Bad content: one or several problems (`problems`), the first one also as `path`,
    `line` and `message`."""

    def __init__(self, path: Path | str | None = None, message: str = "", line: int | None = None,
                 fix: str = "", problems: list[Problem] | None = None):
        self.problems = list(problems or [Problem(Path(path), message, line, fix)])
        first = self.problems[0]
        super().__init__(str(first))
        self.path, self.line, self.message = Path(first.path), first.line, first.message

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        return f"{len(self.problems)} problèmes :\n" + "\n".join(f"  {problem}" for problem in self.problems)


class Problems(list):
    """Problems found so far; `raise_if_errors` raises them all at once."""

    def add(self, path, message: str, line: int | None = None, fix: str = "", warning: bool = False) -> None:
        self.append(Problem(Path(path), message, line, fix, warning))

    def errors(self) -> list[Problem]:
        return [problem for problem in self if not problem.warning]

    def raise_if_errors(self) -> None:
        if self.errors():
            raise ContentError(problems=self.errors())
