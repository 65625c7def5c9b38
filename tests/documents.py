"""Small CV documents made in the tests: a readable PDF and DOCX, and every kind of hostile file."""

import io
import zipfile

CV_LINES = [
    ("name", "José Ñúñez-García"),
    ("line", "Madrid, Spain | jose.nunez@example.com | +34 912 345 678"),
    ("heading", "Summary"),
    ("line", "Backend engineer with ten years of Python and PostgreSQL."),
    ("heading", "Professional Experience"),
    ("line", "Senior Engineer — Acme GmbH"),
    ("line", "Jan 2020 – Present"),
    ("bullet", "Cut p99 latency by 40% with query tuning"),
    ("line", "Software Developer — Globex Corporation"),
    ("line", "03/2016 - 12/2019"),
    ("bullet", "Built the billing pipeline"),
    ("heading", "Education"),
    ("line", "MSc in Computer Science, Universidad Politécnica de Madrid, 2014 – 2016"),
    ("heading", "Skills"),
    ("line", "Python, PostgreSQL, Docker, Kubernetes"),
]


def _font(pdf) -> str:
    """A Unicode TrueType font when the machine has one (accents beyond Latin-1), else Helvetica."""
    from pathlib import Path

    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",):
        if Path(path).exists():
            pdf.add_font("DejaVu", fname=path)
            return "DejaVu"
    return "Helvetica"


def cv_pdf(lines=CV_LINES, pages: int = 1) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    family = _font(pdf)
    for _ in range(pages):
        pdf.add_page()
        for kind, text in lines:
            size = {"name": 20, "heading": 14}.get(kind, 11)
            pdf.set_font(family, size=size)
            text = ("• " if kind == "bullet" else "") + text
            if family == "Helvetica":  # the core fonts know Latin-1 only
                text = text.replace("•", "-").replace("—", "-").replace("–", "-")
                text = text.encode("latin-1", "replace").decode("latin-1")
            pdf.multi_cell(0, size * 0.6, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def cv_docx(lines=CV_LINES) -> bytes:
    import docx

    document = docx.Document()
    for kind, text in lines:
        if kind == "name":
            document.add_heading(text, level=0)
        elif kind == "heading":
            document.add_heading(text, level=1)
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(cv_pdf())))
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    """An image of a page and no text layer, as a scanner makes it."""
    from fpdf import FPDF
    from PIL import Image

    image = Image.new("RGB", (400, 560), "white")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=190)
    return bytes(pdf.output())


def docx_bomb(unpacked_bytes: int = 60 * 1024 * 1024) -> bytes:
    """A DOCX whose document part inflates past 50 MB from a few tens of kilobytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org'
                                                '/package/2006/content-types"/>')
        with archive.open("word/document.xml", "w") as part:
            chunk = b" " * (1024 * 1024)
            for _ in range(unpacked_bytes // len(chunk)):
                part.write(chunk)
    return buffer.getvalue()


def truncated_pdf() -> bytes:
    data = cv_pdf()
    return data[: len(data) // 3]


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def pdf_with_nul_text(lines: list[str]) -> bytes:
    """A PDF whose extracted text holds NUL characters, as real ones can: its font's ToUnicode map
    sends character code 1 to U+0000. Write "\\x01" in `lines` (Latin-1) where a NUL should come out."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /NulText def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"1 beginbfchar <01> <0000> endbfchar\n"
            b"1 beginbfrange <20> <FF> <0020> endbfrange\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end\n")
    escaped = (line.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
               for line in lines)
    content = b"BT /F1 11 Tf 72 740 Td 16 TL\n" + b"".join(b"(" + line + b") Tj T*\n" for line in escaped) + b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n%sendstream" % (len(cmap), cmap),
    ]
    out = io.BytesIO(b"")
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()
