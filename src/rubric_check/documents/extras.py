"""Which optional extras are installed, asked without importing them (they are heavy)."""

from __future__ import annotations

import importlib.util

OCR_PACKAGES = ("rapidocr", "onnxruntime", "pypdfium2", "PIL", "numpy")


def ocr_installed() -> bool:
    """Are the ``ocr`` extra's packages importable?"""
    return all(importlib.util.find_spec(name) is not None for name in OCR_PACKAGES)
