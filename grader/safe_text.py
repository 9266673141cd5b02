"""Text that any UTF-8 file can hold, whatever a submission put in it.

A student's exception message may hold a lone surrogate (``"\\ud800"``), and a
file or folder name that is not UTF-8 reaches Python as surrogate escapes (a zip
made on a Chinese Windows names its folders in GBK). Written as they are, either
makes the results file or the gradebook fail half-way.
"""

from __future__ import annotations

import re
from typing import Any

# How names that are not UTF-8 are most likely encoded, in this course: GBK's superset.
LIKELY_ENCODINGS = ("utf-8", "gb18030")
_SURROGATES = re.compile("[\ud800-\udfff]+")


def readable(text: str) -> str:
    """``text`` with every surrogate gone: a run of escaped bytes decoded as UTF-8 or
    GB18030 where it is valid, any other surrogate replaced by U+FFFD."""
    if not _SURROGATES.search(text):
        return text
    return _SURROGATES.sub(_decoded, text)


def _decoded(run: re.Match) -> str:
    chars = run.group()
    if not all(0xDC80 <= ord(c) <= 0xDCFF for c in chars):  # not escaped bytes: a lone surrogate
        return "\ufffd" * len(chars)
    raw = bytes(ord(c) - 0xDC00 for c in chars)
    for encoding in LIKELY_ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def readable_data(value: Any) -> Any:
    """``value`` (JSON-like data) with every string made ``readable``."""
    if isinstance(value, str):
        return readable(value)
    if isinstance(value, dict):
        return {readable_data(k): readable_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [readable_data(item) for item in value]
    return value
