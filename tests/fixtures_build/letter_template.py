"""Build the default Word template of the feedback letter (审核意见书), src/rubric_check/templates/letter.docx.

    python tests/fixtures_build/letter_template.py [OUT]

The shipped file is this script's output (a test checks that they agree). Offices edit the .docx
in Word, not this script: wording, their own name in the signature, fonts. The layout follows
GB/T 9704—2012 as far as python-docx reaches: A4, margins 37 mm top, 35 mm bottom, 28 mm left
(binding side), 26 mm right (a 156 × 225 mm type area); body 仿宋_GB2312 三号 (16 pt) on a fixed 28.95 pt
line (22 lines a page), first lines indented two characters; title 方正小标宋简体 二号 (22 pt), centred;
first-level headings 黑体, second-level 楷体_GB2312, both 三号; page numbers "— 1 —" in 宋体 四号 (14 pt),
odd pages right, even pages left, one character in from the edge. Where Windows lacks a 公文 font,
Word falls back to another Chinese font; the layout holds.

Tags are docxtpl's (Jinja): ``{{ name }}`` in text, ``{%p … %}`` on a paragraph of its own for loops
and conditions. The variables are listed in docs/letter-template.md.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

SHIPPED = Path(__file__).resolve().parents[2] / "src" / "rubric_check" / "templates" / "letter.docx"

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
SAN_HAO = Pt(16)
ER_HAO = Pt(22)
SI_HAO = Pt(14)
OWN_STYLES = ("公文标题", "主送机关", "一级标题", "二级标题", "落款")
LINE = Pt(28.95)  # 225 mm / 22 lines
INDENT = Pt(32)  # two characters of 三号


def _fonts(style_or_run: object, east_asia: str, size: Pt, latin: str = LATIN_FONT) -> None:
    font = style_or_run.font  # type: ignore[attr-defined]
    font.name = latin
    font.size = size
    element = style_or_run.element  # type: ignore[attr-defined]
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", latin)):
        fonts.set(qn(key), value)


def _paragraph_style(document: object, name: str, east_asia: str, size: Pt, *, indent: bool, align: int) -> None:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)  # type: ignore[attr-defined]
    style.base_style = document.styles["Normal"]  # type: ignore[attr-defined]
    style.quick_style = True
    _fonts(style, east_asia, size)
    style.font.bold = False
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = INDENT if indent else Pt(0)
    fmt.keep_with_next = name != "落款"  # a heading never ends a page; the title stays with the addressee


def _page_number(footer: object, align: int) -> None:
    """ "— N —" with the PAGE field, one character in from the outer edge."""
    paragraph = footer.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.left_indent = SI_HAO if align == WD_ALIGN_PARAGRAPH.LEFT else Pt(0)
    fmt.right_indent = SI_HAO if align == WD_ALIGN_PARAGRAPH.RIGHT else Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    for text in ("— ", None, " —"):
        run = paragraph.add_run(text or "")
        _fonts(run, PAGE_NUMBER_FONT, SI_HAO, latin=PAGE_NUMBER_FONT)
        if text is None:
            for kind, value in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
                if kind is not None:
                    char = OxmlElement("w:fldChar")
                    char.set(qn("w:fldCharType"), kind)
                    run._r.append(char)
                elif value == " PAGE ":
                    instr = OxmlElement("w:instrText")
                    instr.set(qn("xml:space"), "preserve")
                    instr.text = value
                    run._r.append(instr)
                else:
                    shown = OxmlElement("w:t")
                    shown.text = value
                    run._r.append(shown)


def _prune(document: object) -> None:
    """Drop what python-docx's blank document carries and a letter never uses: 140 unused table,
    list and character styles, the Word 2010 stylesWithEffects copy and the thumbnail. They were
    nine tenths of the file, and every letter parsed and compressed them again (about half its time)."""
    styles = document.styles.element  # type: ignore[attr-defined]
    by_id = {style.get(qn("w:styleId")): style for style in styles.findall(qn("w:style"))}
    wanted = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Footer", "Header"}
    wanted |= {style.style_id for style in document.styles if style.name in OWN_STYLES}  # type: ignore[attr-defined]
    pending = list(wanted)
    while pending:  # and whatever they are based on or linked to
        style = by_id.get(pending.pop())
        for ref in ("w:basedOn", "w:link", "w:next"):
            found = style.find(qn(ref)) if style is not None else None
            if found is not None and found.get(qn("w:val")) not in wanted:
                wanted.add(found.get(qn("w:val")))
                pending.append(found.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in wanted:
            styles.remove(style)
    part = document.part  # type: ignore[attr-defined]
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rel_id)
    package = part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            package.rels.pop(rel_id)


def build(target: Path) -> Path:
    document = Document()
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(28) - Mm(7)  # 页码 7 mm below the type area
    normal = document.styles["Normal"]
    _fonts(normal, BODY_FONT, SAN_HAO)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = INDENT
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.widow_control = False
    _paragraph_style(document, "公文标题", TITLE_FONT, ER_HAO, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    document.styles["公文标题"].paragraph_format.line_spacing = Pt(35)
    _paragraph_style(document, "主送机关", BODY_FONT, SAN_HAO, indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph_style(document, "一级标题", HEADING_FONT, SAN_HAO, indent=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph_style(document, "二级标题", SUBHEADING_FONT, SAN_HAO, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _paragraph_style(document, "落款", BODY_FONT, SAN_HAO, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    document.styles["落款"].paragraph_format.right_indent = Pt(64)  # 右空四字
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)

    def add(text: str, style: str = "Normal") -> None:
        document.add_paragraph(text, style=style)

    add("关于{{ agency }}{{ year_text }}法治政府建设情况报告的审核意见", "公文标题")
    add("")
    add("{{ agency }}：", "主送机关")
    add(
        "你单位报送的{{ report_title }}（文件名：{{ file_name }}）已收悉。我们按照“{{ rubric_name }}”审核细则，"
        "对照《法治政府建设与责任落实督察工作规定》第二十五条规定的年度报告内容逐项进行了审核。现将审核意见反馈如下。"
    )
    add("一、审核结论", "一级标题")
    add("{{ verdict_text }}")

    def add_gaps(heading: str, variable: str, intro: str, none: str) -> None:
        """A part listing the gaps of ``variable``, or ``none`` when there are none."""
        add(heading, "一级标题")
        add(f"{{%p if {variable} %}}")
        add(intro)
        add(f"{{%p for gap in {variable} %}}")
        add("（{{ gap.number }}）{{ gap.name }}（{{ gap.label }}）", "二级标题")
        add("审核发现：{{ gap.problem }}")
        add("{%p if gap.excerpt %}")
        add("报告原文：{{ gap.excerpt }}（{{ gap.location }}）")
        add("{%p endif %}")
        add("修改建议：{{ gap.guidance }}")
        add("依据：{{ gap.basis }}")
        add("{%p endfor %}")
        add("{%p else %}")
        add(none)
        add("{%p endif %}")

    add_gaps(
        "二、必备内容方面存在的问题",
        "required_gaps",
        "以下是年度报告的必备内容。标为“缺失”的，缺少任何一项，报告都不能通过审核，请逐项补充；"
        "标为“部分符合”的，请充实完善。",
        "经审核，报告的必备内容均已具备。",
    )
    add_gaps(
        "三、其他需要完善的方面",
        "other_gaps",
        "以下内容不影响审核结论，但写全、写实后报告更完整，请一并修改完善。",
        "无。",
    )
    add("四、有关要求", "一级标题")
    add(
        "请你单位对照上述意见修改完善年度报告，按规定时限报送，并通过本单位门户网站向社会公开。"
        "对审核意见有不同看法的，请在收到本意见后五个工作日内与我们联系。"
    )
    add("")
    add("")
    add("（审核单位名称）", "落款")
    add("年　　月　　日", "落款")
    _prune(document)
    properties = document.core_properties
    properties.title = "法治政府建设年度报告审核意见"
    properties.author = properties.last_modified_by = "rubric-check"
    properties.comments = ""
    properties.revision = 1
    properties.created = properties.modified = datetime(2024, 1, 1)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(target))
    return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else SHIPPED))
