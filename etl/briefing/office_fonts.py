"""The font names a DOCX or PPTX carries: the 公文 faces, named the way Word and WPS look them up.

A Word document names its fonts and the reader's machine draws them, so these formats need no font
file on the server: whatever this machine has, the document asks for 方正小标宋简体 (title), 仿宋_GB2312
(body), 黑体 (first-level headings) and 楷体_GB2312 (second-level headings), as a county office's own
templates do. Word sets Chinese text in a run's ``w:eastAsia`` font (``a:ea`` in PowerPoint), so that
is the attribute that matters; ``w:hint="eastAsia"`` keeps the punctuation both scripts share (“”—…)
in the Chinese face too.

Where a desk lacks a face (仿宋_GB2312 is not part of Windows 10 and later), Word and WPS substitute
by the font table's description of it: its alternative name (``w:altName``: 仿宋, which every
Windows has), the GB2312 character set (``w:charset`` 86) and its PANOSE class, which together lead
to the nearest installed Chinese face rather than a Latin default. PowerPoint reads the same hints
from the ``a:ea`` element's ``charset``/``panose`` attributes.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
GB2312_CHARSET = "86"  # ANSI_CHARSET numbering: 134 = 0x86 = GB2312 (PowerPoint writes it signed: -122)


@dataclass(frozen=True)
class OfficeFace:
    """One face as a font table describes it."""

    name: str
    alt_name: str  # the substitute Word and WPS try first where ``name`` is missing
    panose: str  # PANOSE-1 classification, ten bytes in hex
    family: str  # w:family: roman (serif), modern (fixed pitch), swiss (sans), auto
    pitch: str = "variable"


@dataclass(frozen=True)
class OfficeFonts:
    title: OfficeFace
    body: OfficeFace
    heading: OfficeFace
    subheading: OfficeFace

    @property
    def faces(self) -> tuple[OfficeFace, ...]:
        return (self.title, self.body, self.heading, self.subheading)


OFFICIAL = OfficeFonts(
    title=OfficeFace("方正小标宋简体", "宋体", "02000000000000000000", "auto"),
    body=OfficeFace("仿宋_GB2312", "仿宋", "02010609030101010101", "modern", "fixed"),
    heading=OfficeFace("黑体", "SimHei", "02010609060101010101", "modern", "fixed"),
    subheading=OfficeFace("楷体_GB2312", "楷体", "02010609030101010101", "modern", "fixed"),
)

#: Unicode and code-page ranges of a GB2312 face (as Word records 仿宋_GB2312): Latin, CJK, code page 936.
_SIGNATURE = {"usb0": "00000001", "usb1": "080E0000", "usb2": "00000000", "usb3": "00000000", "csb0": "00040000",
              "csb1": "00000000"}


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def font_table_entry(face: OfficeFace) -> etree._Element:
    """``<w:font>`` describing ``face``, children in the schema's order (altName, panose1, charset,
    family, pitch, sig)."""
    font = etree.Element(_w("font"), {_w("name"): face.name})
    for tag, value in (("altName", face.alt_name), ("panose1", face.panose), ("charset", GB2312_CHARSET),
                       ("family", face.family), ("pitch", face.pitch)):
        etree.SubElement(font, _w(tag), {_w("val"): value})
    etree.SubElement(font, _w("sig"), {_w(key): value for key, value in _SIGNATURE.items()})
    return font


def with_font_entries(font_table_xml: bytes, fonts: OfficeFonts = OFFICIAL) -> bytes:
    """The document's ``word/fontTable.xml`` with an entry per official face (replacing any of the
    same name), so a desk without the face knows what to substitute."""
    root = etree.fromstring(font_table_xml)
    for face in fonts.faces:
        for old in root.findall(_w("font")):
            if old.get(_w("name")) == face.name:
                root.remove(old)
        root.append(font_table_entry(face))
    written: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return written


def pptx_east_asian(face: OfficeFace) -> dict[str, str]:
    """Attributes of PowerPoint's ``a:ea`` element for ``face``: the name and the hints for substitution."""
    pitch_family = "49" if face.pitch == "fixed" else "18"  # FF_MODERN|FIXED_PITCH, FF_ROMAN|VARIABLE_PITCH
    return {"typeface": face.name, "panose": face.panose, "pitchFamily": pitch_family,
            "charset": str(int(GB2312_CHARSET, 16) - 256)}
