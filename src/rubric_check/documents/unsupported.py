"""What to do with a file whose format cannot be read: the advice differs by kind of file.

A zip is unpacked, an OFD exported to PDF, an image recognised (OCR) first, an RTF saved as
.docx. The sentences are data (data/messages.yaml, ``unsupported``); a suffix that gains a reader
(documents/readers.py) is never asked about, so its entry simply stops being used.
"""

from __future__ import annotations

from rubric_check.messages import message, message_keys


def advice(suffix: str, supported: str) -> str:
    """The kind of file ``suffix`` is and what to do with it, in one Chinese sentence."""
    kind = suffix.lower().lstrip(".")
    if kind and kind in message_keys("unsupported.kinds"):
        return message(f"unsupported.kinds.{kind}")
    return message("unsupported.other", supported=supported)
