"""The batch output files in one table: option, config key, label, module and whether it takes the gate.

The command line (cli.py), the configuration schema (config/schema.py) and the score command
(commands/outputs.py) are generated from this table: adding a file format is its module and one row
here (and its field in ScoreOptions, which a test checks). Modules are imported only when their
output is asked for, so openpyxl and friends stay unloaded otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rubric_check.formatters.base import Formatter
    from rubric_check.gate import Gate


@dataclass(frozen=True)
class OutputSetting:
    """A further option of one output (--letter-template FILE): a ScoreOptions field and config key
    ``outputs.KEY`` of the same name (a path in a config file is relative to that file)."""

    key: str
    help: str  # message key of the option's help text
    metavar: str = "FILE"

    @property
    def option(self) -> str:
        return "--" + self.key.replace("_", "-")


@dataclass(frozen=True)
class FileOutput:
    key: str  # the option --KEY, the config key outputs.KEY and the ScoreOptions field KEY
    label: str  # what verbose mode calls the file it wrote
    help: str  # message key of the option's help text
    module: str
    factory: str  # the formatter class in ``module``: Factory(target) or Factory(target, gate)
    gated: bool = False  # says why a report failed, so it needs the fail policy
    # A folder of one file per report, not one file: DIR in the help, and left out of the inputs.
    directory: bool = False
    settings: tuple[OutputSetting, ...] = ()
    # Warns about a file it would not write (over an input, a folder): Factory(…, stderr=stream).
    warns: bool = False

    @property
    def metavar(self) -> str:
        return "DIR" if self.directory else "FILE"

    def build(self, target: str, gate: Gate, values: Mapping[str, Any] | None = None, stderr: Any = None) -> Formatter:
        """``values``: the run's options, for this output's ``settings``."""
        factory = getattr(import_module(self.module), self.factory)
        keywords = {setting.key: (values or {}).get(setting.key) for setting in self.settings}
        if self.warns:
            keywords["stderr"] = stderr
        if self.gated:
            return factory(target, gate, **keywords)  # type: ignore[no-any-return]
        return factory(target, **keywords)  # type: ignore[no-any-return]


FILE_OUTPUTS: tuple[FileOutput, ...] = (
    FileOutput("sarif", "SARIF", "ci.sarif_help", "rubric_check.formatters.sarif", "SarifFormatter"),
    FileOutput("junit", "JUnit XML", "ci.junit_help", "rubric_check.formatters.junit", "JunitFormatter", gated=True),
    FileOutput(
        "markdown", "Markdown", "ci.markdown_help", "rubric_check.formatters.markdown", "MarkdownFormatter", gated=True
    ),
    FileOutput("xlsx", "Excel", "ci.xlsx_help", "rubric_check.formatters.xlsx_report", "XlsxFormatter"),
    FileOutput("csv", "CSV", "ci.csv_help", "rubric_check.formatters.csv_report", "CsvFormatter"),
    FileOutput(
        "letters",
        "审核意见书",
        "letters.help",
        "rubric_check.formatters.letter",
        "LetterFormatter",
        gated=True,
        directory=True,
        settings=(OutputSetting("letter_template", "letters.template_help"),),
        warns=True,
    ),
)
FILE_OUTPUT_KEYS: tuple[str, ...] = tuple(output.key for output in FILE_OUTPUTS)
OUTPUT_SETTINGS: tuple[OutputSetting, ...] = tuple(setting for output in FILE_OUTPUTS for setting in output.settings)
