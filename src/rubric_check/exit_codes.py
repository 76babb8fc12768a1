"""Exit codes of every command, in one place (the contract in ../shared/spec/output-contract.md)."""

from __future__ import annotations

OK = 0  # every report read and passed the gate; a tool command succeeded
FAILED = 1  # a report failed the gate; a rubric's examples did not all pass
USAGE = 2  # usage error, bad configuration or invalid rubric: nothing was scored
UNREADABLE = 3  # an input could not be read (takes precedence over FAILED)
INTERRUPTED = 130  # the user pressed Ctrl-C (128 + SIGINT, as shells report it)
