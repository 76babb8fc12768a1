"""Builders that make reader fixtures with code (python-docx, reportlab, an HTML template)."""
