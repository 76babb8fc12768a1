"""Every file output is declared once (formatters/registry.py); the CLI, the config schema and the
score options follow from it."""

from __future__ import annotations

import dataclasses
import importlib

from click.testing import CliRunner

from rubric_check.cli import cli
from rubric_check.commands.score import ScoreOptions
from rubric_check.config.schema import OUTPUT_KEYS, SCHEMA
from rubric_check.formatters.registry import FILE_OUTPUTS
from rubric_check.gate import Gate
from rubric_check.messages import message


def test_each_file_output_has_an_option_a_config_key_a_field_and_a_formatter(tmp_path) -> None:
    help_text = CliRunner().invoke(cli, ["score", "--help"]).output
    fields = {field.name for field in dataclasses.fields(ScoreOptions)}
    config_keys = set(SCHEMA["properties"]["outputs"]["properties"])
    for output in FILE_OUTPUTS:
        assert f"--{output.key} {output.metavar}" in help_text and message(output.help)
        assert output.key in fields and output.key in OUTPUT_KEYS and output.key in config_keys
        for setting in output.settings:
            assert f"{setting.option} {setting.metavar}" in help_text and message(setting.help)
            assert setting.key in fields and setting.key in config_keys
        assert hasattr(importlib.import_module(output.module), output.factory)
        formatter = output.build(str(tmp_path / f"out.{output.key}"), Gate())
        assert hasattr(formatter, "start") and hasattr(formatter, "report") and hasattr(formatter, "stop")
