"""The one error of the content model: bad content, with where it is and what would be right."""

from __future__ import annotations

from pathlib import Path


class ContentError(Exception):
    """Bad content, with the file (and line) at fault and what would be right."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
