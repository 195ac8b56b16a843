"""What `import` reads: a file or standard input, holding a profile's text (as a PDF text
extractor wrote it, in whatever encoding) or the PDF itself."""

from __future__ import annotations

import sys
from pathlib import Path

from cwprofile.errors import CwprofileError
from cwprofile.importer import pdf

MAX_TEXT_BYTES = 16 * 1024 * 1024  # ITU's report of every profile is about 2 MB of text


def read_source(source: str) -> tuple[str, str]:
    """The text to import and the name to report it by; `-` is standard input."""
    if source == "-":
        if sys.stdin is None:  # started with stdin closed (`<&-`)
            raise CwprofileError("cannot read standard input: it is closed")
        try:
            raw = pdf.read_capped(sys.stdin.buffer, pdf.MAX_PDF_BYTES + 1)
        except (OSError, ValueError) as error:
            raise CwprofileError(f"cannot read standard input: {error}") from None
        name = "<stdin>"
    else:
        try:
            with Path(source).open("rb") as handle:
                raw = pdf.read_capped(handle, pdf.MAX_PDF_BYTES + 1)
        except OSError as error:
            raise CwprofileError(f"cannot read {source!r}: {error.strerror or error}") from None
        name = source
    if pdf.is_pdf(raw):
        return pdf.extract(raw, name), name
    return decode(raw, name), name


def decode(raw: bytes, name: str) -> str:
    if len(raw) > MAX_TEXT_BYTES:
        raise CwprofileError(
            f"{name}: larger than {MAX_TEXT_BYTES // (1024 * 1024)} MiB; not a profile's text"
        )
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            try:
                return raw[2:].decode(codec)
            except UnicodeDecodeError:
                raise CwprofileError(f"{name}: not valid UTF-16 text") from None
    if b"\x00" in raw:
        raise CwprofileError(f"{name}: holds NUL bytes; not text, nor a PDF")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # Text extractors on Windows write cp1252; every byte decodes there or in latin-1.
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return raw.decode("latin-1")
