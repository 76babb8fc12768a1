"""Rubrics: the YAML format, its schema, loading and compiling into immutable rules."""
