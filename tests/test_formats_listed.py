"""The supported formats are one list (documents/readers.py); README, --help, the messages and the
pre-commit hook's file pattern say the same."""

from __future__ import annotations

import re

from click.testing import CliRunner
from conftest import ROOT

from rubric_check.cli import cli
from rubric_check.documents.readers import supported_suffixes, supported_text

SUFFIX = re.compile(r"\.[a-z0-9]+")


def test_readme_lists_every_format() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = re.search(r"<!-- formats -->(.*?)<!-- /formats -->", readme, re.S)
    assert listed is not None
    named = {suffix for suffix in SUFFIX.findall(listed.group(1)) if suffix not in (".py", ".zip/member")}
    assert named == set(supported_suffixes())


def test_precommit_hook_takes_every_format() -> None:
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    pattern = re.search(r"^\s*files: (.+)$", hooks, re.M)
    assert pattern is not None
    hook = re.compile(pattern.group(1))
    assert all(hook.search(f"drafts/报告{suffix.upper()}") for suffix in supported_suffixes())
    assert not hook.search("drafts/表格.xlsx") and not hook.search("drafts/notes.py")
    exclude = re.search(r"^\s*exclude: (.+)$", hooks, re.M)
    assert exclude is not None
    assert re.search(exclude.group(1), "README.md") and re.search(exclude.group(1), "docs/CHANGELOG.md")
    assert not re.search(exclude.group(1), "drafts/2024年报告.md")


def test_help_and_messages_name_every_format() -> None:
    text = supported_text()
    assert set(SUFFIX.findall(text)) == set(supported_suffixes())
    help_text = CliRunner().invoke(cli, ["score", "--help"]).output
    assert set(SUFFIX.findall(help_text)) >= set(supported_suffixes())
