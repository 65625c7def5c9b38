"""The fonts PDF exports are set in. They come from packages in the layer, never committed files:
Noto Serif (the classic template) and Noto Sans (modern) for Latin with its extensions and
Vietnamese, Greek and Cyrillic (`fontpkg-noto-serif`, `fontpkg-noto-sans`, variable fonts), then,
for what those lack, Noto Serif or Sans SC (Chinese, with Japanese kana) and KR (Korean)
(`pylopdf-fonts-zh-cn`, `pylopdf-fonts-ko`, static OpenType fonts in their regular weight).

A document gets its own copy of each font it needs, cut down to the characters it draws: a static
instance per weight of a variable font (instancing a whole one takes seconds, a subset's
milliseconds), and TrueType outlines for an OpenType/CFF font (fpdf2 embeds those CID-keyed fonts
in a way PDF readers cannot extract text from).
"""

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

REGULAR, BOLD = 400, 700
# Tables fpdf2 does not read without text shaping: deleting them first makes subsetting faster.
_UNUSED_TABLES = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "STAT", "DSIG", "vhea", "vmtx", "VORG"]


@dataclass(frozen=True)
class Face:
    """A font file."""

    path: Path


def main_face(template: str) -> Face:
    """The font of a template: Noto Serif for "classic", Noto Sans for "modern"."""
    import fontpkg

    return Face(fontpkg.path("Noto Serif" if template == "classic" else "Noto Sans"))


def fallback_faces(template: str, language: str) -> list[Face]:
    """The fonts for characters the main one lacks, in the order they are tried: Chinese (with
    kana) then Korean, Korean first for a Korean resume (its Hanja forms), serif for "classic"."""
    import pylopdf_fonts_ko
    import pylopdf_fonts_zh_cn

    serif = template == "classic"
    chinese, korean = ((module.serif_path() if serif else module.sans_path())
                       for module in (pylopdf_fonts_zh_cn, pylopdf_fonts_ko))
    order = [korean, chinese] if language.lower().startswith("ko") else [chinese, korean]
    return [Face(Path(path)) for path in order]


@cache
def characters(face: Face) -> frozenset[str]:
    """The characters `face` has a glyph for (read once per container)."""
    from fontTools.ttLib import TTFont

    with TTFont(face.path, lazy=True) as font:
        return frozenset(map(chr, font.getBestCmap()))


def instances(face: Face, text: str, directory: Path) -> dict[int, Path]:
    """`face` cut down to the characters of `text` (which it must have), as TrueType files written
    under `directory`, by weight: regular and bold for a variable font, its own weight otherwise."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    options = subset.Options()
    options.hinting = False
    options.notdef_outline = True
    font = TTFont(face.path)
    for tag in _UNUSED_TABLES:  # before the subsetter reads them
        if tag in font:
            del font[tag]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    if "fvar" not in font:
        if "CFF " in font:
            _to_truetype(font)
        path = directory / f"{face.path.stem}.ttf"
        font.save(path)
        return {font["OS/2"].usWeightClass: path}
    reduced = io.BytesIO()
    font.save(reduced)
    files = {}
    for weight in (REGULAR, BOLD):
        instance = TTFont(io.BytesIO(reduced.getvalue()))
        axes = {axis.axisTag: weight if axis.axisTag == "wght" else None for axis in instance["fvar"].axes}
        instantiateVariableFont(instance, axes, inplace=True)
        files[weight] = directory / f"{face.path.stem}-{weight}.ttf"
        instance.save(files[weight])
    return files


def _to_truetype(font: Any) -> None:
    """Replace a font's CFF outlines by quadratic TrueType ones (fontTools' otf2ttf recipe)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order, glyphs = font.getGlyphOrder(), font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"], font["glyf"] = newTable("loca"), glyf
    del font["CFF "]
    glyf.compile(font)
    metrics = font["hmtx"].metrics
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):  # the left side bearing follows the new outline
            metrics[name] = (metrics[name][0], glyph.xMin)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for name in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, name, 1 if name == "maxZones" else 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType, post.extraNames, post.mapping, post.glyphOrder = 2.0, [], {}, order
    font.sfntVersion = "\x00\x01\x00\x00"
