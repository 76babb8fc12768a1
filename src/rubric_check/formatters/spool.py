"""Text kept on disk, not in memory, for outputs that can be written only at the end.

SARIF, JUnit and Markdown put counts and totals before the entries, so they cannot be written
while the batch runs; but a batch of 10,000 reports with every element and its evidence would take
hundreds of MB if kept. Each report's part is rendered when the report arrives, appended to an
anonymous temporary file (deleted by the OS when closed, even after a crash) and copied into the
output, in order, at the end.

>>> spool = TextSpool()
>>> spool.append("第一份\\n"); spool.append("第二份\\n")
>>> "".join(spool), "".join(spool), len(spool)
('第一份\\n第二份\\n', '第一份\\n第二份\\n', 2)
>>> spool.close()
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO

_BLOCK = 1 << 16


class TextSpool:
    """Append text; read it all back in blocks, as often as needed."""

    def __init__(self) -> None:
        # Opened with the first piece, so that making a formatter touches no disk (a full temporary
        # folder is then met while scoring, where the command explains it); close() ends it and
        # the OS removes it.
        self._file: IO[str] | None = None
        self._count = 0

    def append(self, text: str) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
        self._file.write(text)
        self._count += 1

    def __iter__(self) -> Iterator[str]:
        if self._file is None:
            return
        self._file.flush()
        self._file.seek(0)
        while block := self._file.read(_BLOCK):
            yield block
        self._file.seek(0, 2)  # appending goes on at the end

    def __len__(self) -> int:
        """How many pieces were appended."""
        return self._count

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
