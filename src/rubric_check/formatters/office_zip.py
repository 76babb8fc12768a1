"""Office files (xlsx, docx) that are byte-identical for the same inputs.

openpyxl and python-docx write each zip entry with the wall clock; the same results must give the
same bytes (a reviewer compares runs, a CI job caches them), so entries are re-dated.
"""

from __future__ import annotations

import io
import zipfile

from rubric_check.formatters.collect import build_time


def fixed_zip_times(data: bytes) -> bytes:
    """Rewrite the zip with every entry dated ``build_time()`` so the bytes do not depend on when."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(fixed_entry(info.filename), source.read(info.filename))
    return out.getvalue()


def fixed_entry(name: str) -> zipfile.ZipInfo:
    """A deflated zip entry dated ``build_time()``, readable by all (a non-ASCII name is stored as
    UTF-8 and flagged so, which zipfile does by itself: Windows Explorer then shows Chinese names)."""
    entry = zipfile.ZipInfo(name, date_time=build_time().timetuple()[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    return entry
