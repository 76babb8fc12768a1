"""Evaluating a compiled rubric against a Document: rules, built-in checks, evidence."""
