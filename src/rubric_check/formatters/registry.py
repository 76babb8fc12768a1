"""The batch output files in one table: option, config key, label, module and whether it takes the gate.

The command line (cli.py), the configuration schema (config_schema.py) and the score command
(commands/outputs.py) are generated from this table: adding a file format is its module and one row
here (and its field in ScoreOptions, which a test checks). Modules are imported only when their
output is asked for, so openpyxl and friends stay unloaded otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rubric_check.formatters.base import Formatter
    from rubric_check.gate import Gate


@dataclass(frozen=True)
class FileOutput:
    key: str  # the option --KEY, the config key outputs.KEY and the ScoreOptions field KEY
    label: str  # what verbose mode calls the file it wrote
    help: str  # message key of the option's help text
    module: str
    factory: str  # the formatter class in ``module``: Factory(target) or Factory(target, gate)
    gated: bool = False  # says why a report failed, so it needs the fail policy

    def build(self, target: str, gate: Gate) -> Formatter:
        factory = getattr(import_module(self.module), self.factory)
        return factory(target, gate) if self.gated else factory(target)  # type: ignore[no-any-return]


FILE_OUTPUTS: tuple[FileOutput, ...] = (
    FileOutput("sarif", "SARIF", "ci.sarif_help", "rubric_check.formatters.sarif", "SarifFormatter"),
    FileOutput("junit", "JUnit XML", "ci.junit_help", "rubric_check.formatters.junit", "JunitFormatter", gated=True),
    FileOutput(
        "markdown", "Markdown", "ci.markdown_help", "rubric_check.formatters.markdown", "MarkdownFormatter", gated=True
    ),
    FileOutput("xlsx", "Excel", "ci.xlsx_help", "rubric_check.formatters.xlsx_report", "XlsxFormatter"),
    FileOutput("csv", "CSV", "ci.csv_help", "rubric_check.formatters.csv_report", "CsvFormatter"),
)
FILE_OUTPUT_KEYS: tuple[str, ...] = tuple(output.key for output in FILE_OUTPUTS)
