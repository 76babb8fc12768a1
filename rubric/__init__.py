"""Bundled rubrics: this folder is installed as the package rubric_check.bundled."""
