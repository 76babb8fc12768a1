"""Project configuration, one job per module: finding and reading the file (files.py), its schema
(schema.py), the effective settings and where each came from (settings.py), and which inputs a
run takes (selection.py)."""

from rubric_check.config.files import ConfigError, ConfigFile, find_config, read_config
from rubric_check.config.selection import matches, select
from rubric_check.config.settings import DEFAULT_HTML, Settings, load_settings, replace_options

__all__ = [
    "DEFAULT_HTML",
    "ConfigError",
    "ConfigFile",
    "Settings",
    "find_config",
    "load_settings",
    "matches",
    "read_config",
    "replace_options",
    "select",
]
