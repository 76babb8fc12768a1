"""Word feedback letters (``--letters DIR``): one 审核意见书 per readable report, as it is scored.

A letter is filled where its report is scored (a worker under --jobs) and written here at once, so
a batch keeps only the names handed out so far. Names come from the reporting body and year
(``某某局-2023年度-审核意见.docx``, formatters/output_names.py); each file is written atomically,
never over an input of the run, a folder or a device. An unreadable report gets no letter: there
is nothing to say about its content (the terminal, JSON and HTML index name it).
"""

from __future__ import annotations

import stat
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from rubric_check.atomic import ensure_directory, write_bytes_atomic
from rubric_check.discovery import resolved_path
from rubric_check.errors import OutputError
from rubric_check.formatters.base import Preparer, Summary
from rubric_check.formatters.letter_content import letter_context
from rubric_check.formatters.letter_template import LetterTemplate
from rubric_check.formatters.output_names import UniqueNames, letter_name, readable_stem_of
from rubric_check.gate import Gate
from rubric_check.messages import message
from rubric_check.results import ReportResult
from rubric_check.rubric.model import Rubric

# A prepared letter: the readable stem of its name and the .docx bytes (None: no letter).
Prepared = tuple[str, bytes] | None


def prepare_letter(result: ReportResult, rubric: Rubric, gate: Gate, template: LetterTemplate) -> Prepared:
    if result.error is not None:
        return None
    return readable_stem_of(result), template.fill(letter_context(result, rubric, gate))


class LetterFormatter:
    def __init__(
        self, target: str, gate: Gate | None = None, letter_template: str | None = None, stderr: TextIO | None = None
    ) -> None:
        self.directory = Path(target)
        self.gate = gate or Gate()
        self.template_path = letter_template
        self.stderr = stderr
        self.template: LetterTemplate | None = None
        self.rubric: Rubric | None = None
        self.names = UniqueNames()
        self.inputs: set[Path] = set()

    full_result = False  # the preparer reads the elements where the report is scored

    def start(self, rubric: Rubric) -> None:
        """Loads and tries the template: a broken one stops the run before anything is scored."""
        self.rubric = rubric
        self.template = LetterTemplate.load(self.template_path, rubric, self.gate)
        ensure_directory(self.directory, "--letters")  # a file of that name, no permission: said before scoring

    @property
    def preparer(self) -> Preparer:
        assert self.rubric is not None and self.template is not None, "start() first"
        return partial(prepare_letter, rubric=self.rubric, gate=self.gate, template=self.template)

    def report(self, result: ReportResult, prepared: Any = None) -> None:
        self.inputs.add(resolved_path(Path(result.path)))
        if prepared is None and result.error is None:  # its worker died: the result came back whole
            prepared = self.preparer(result)
        if prepared is None:
            return
        stem, data = prepared
        target = self.directory / letter_name(self.names.claim(stem, result.path))
        if resolved_path(target) in self.inputs:
            self._warn(message("letters.refuse_overwrite", path=target))
        elif not _regular_or_absent(target):
            self._warn(message("letters.not_a_file", path=target))
        else:
            try:
                write_bytes_atomic(target, data)
            except OutputError as exc:  # disk full, folder removed mid-run: this letter is lost, not the batch
                self._warn(exc.text)

    def stop(self, summary: Summary) -> None:
        pass

    def _warn(self, text: str) -> None:
        if self.stderr is not None:
            self.stderr.write(text + "\n")
            self.stderr.flush()


def _regular_or_absent(path: Path) -> bool:
    """Never rename over a folder, a FIFO or a device that happens to carry the letter's name."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return stat.S_ISREG(mode)
