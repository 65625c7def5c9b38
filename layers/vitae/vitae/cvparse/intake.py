"""The cheap checks that run before any text extraction: what the bytes are, and whether the file is
one the parser will read at all (page count, unpacked size)."""

import io
import re
import zipfile

from vitae.cvparse.schema import DocumentKind, DocumentRejected

MAX_PAGES = 20
MAX_DOCX_UNPACKED_BYTES = 50 * 1024 * 1024
MIN_TEXT_CHARACTERS = 50  # fewer letters and digits than this: a scan or a picture, not text

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, or an Office file with a password


def sniff(data: bytes) -> DocumentKind:
    """The document's kind judged by its bytes; the name and declared type are never trusted."""
    if not data:
        raise DocumentRejected("malformed", "The file is empty. Upload your CV as a PDF or a Word (.docx) "
                                            "document.")
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):  # a zip: a DOCX if it has word/document.xml,
        return "docx"                                       # checked when it is opened
    if b"%PDF-" in data[:1024]:  # readers accept a header up to 1 KB in
        return "pdf"
    if data.startswith(_OLE_MAGIC):
        raise DocumentRejected("unsupported_type", "Old Word (.doc) files and password-protected Office "
                                                   "files can't be read. Save the CV as PDF or DOCX.")
    raise DocumentRejected("unsupported_type", f"{_describe(data)} Upload your CV as a PDF or a Word "
                                               "(.docx) document.")


def _describe(data: bytes) -> str:
    import filetype  # only needed to word the refusal

    kind = filetype.guess(data)
    if kind is None:
        return "This file is not a PDF or a Word document."
    return f"This file is a {kind.extension.upper()} file ({kind.mime}), not a PDF or a Word document."


def open_docx_package(data: bytes) -> tuple[zipfile.ZipFile, int | None]:
    """The DOCX's zip, checked before anything in it is unpacked, and the page count Word saved
    in it (None when absent)."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise DocumentRejected("malformed", "The Word document is damaged or incomplete and can't be "
                                            "opened.") from error
    names = {member.filename for member in members}
    if "word/document.xml" not in names:
        raise DocumentRejected("unsupported_type", "This ZIP archive is not a Word document. Upload your "
                                                   "CV as a PDF or a Word (.docx) document.")
    if sum(member.file_size for member in members) > MAX_DOCX_UNPACKED_BYTES:
        raise DocumentRejected("too_large", "The Word document unpacks to more than "
                                            f"{MAX_DOCX_UNPACKED_BYTES // (1024 * 1024)} MB, which is "
                                            "more than a CV needs. Remove large images and try again.")
    pages = _saved_page_count(package)
    if pages is not None and pages > MAX_PAGES:
        raise too_many_pages(pages)
    return package, pages


def _saved_page_count(package: zipfile.ZipFile) -> int | None:
    try:
        properties = package.read("docProps/app.xml")
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return None
    match = re.search(rb"<(?:\w+:)?Pages>\s*(\d+)\s*<", properties)
    return int(match[1]) if match else None


def too_many_pages(pages: int) -> DocumentRejected:
    return DocumentRejected("too_many_pages", f"The document has {pages} pages; a CV can have at most "
                                              f"{MAX_PAGES}.")


def check_has_text(text: str) -> None:
    if sum(map(str.isalnum, text)) < MIN_TEXT_CHARACTERS:  # map: no generator step per character
        raise DocumentRejected("no_text", "The document has no readable text; it looks like a scan or an "
                                          "image. Upload a PDF or Word file with selectable text.")
