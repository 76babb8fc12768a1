"""HTML tree → text lines, and the choice of the element that holds a page's main content.

Government sites run a handful of CMSs (TRS, Hanweb, …) whose article pages put the report in one
container among menus, breadcrumbs, share bars, related links and a footer. The container is
found the way readability does it: each text block scores by its length and Chinese punctuation,
the score flows to its parent and grandparent, and link-heavy containers are discounted. Only
that container is turned into lines, plus the page's own headline when it sits outside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import html as lxml_html

HtmlElement = lxml_html.HtmlElement

_REMOVED_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "nav",
    "aside",
    "footer",
    "select",
    "button",
    "input",
    "textarea",
    "map",
    "head",
)
_BLOCK_TAGS = frozenset(
    (
        "address",
        "article",
        "blockquote",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "caption",
    )
)
_CELL_TAGS = frozenset(("td", "th"))
# class/id words of page furniture (pinyin too: dqwz = 当前位置, fxd = 分享到)
_FURNITURE = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|breadcrumbs?|crumbs?|bread|location|position|dqwz|footer|foot|"
    r"bottom|copyright|sidebar|side|share|fxd|toolbar|tools?|related|relate|xgxx|xglj|links?|friend|"
    r"pagination|pager|prev|next|print|comment|qrcode|ewm|login|search|banner|topbar|skip)(?:$|[-_\s\d])",
    re.IGNORECASE,
)
_TITLE_CLASS = re.compile(
    r"(?:^|[-_\s])(?:title|tit|bt|biaoti|headline|article[-_]?title)(?:$|[-_\s\d])", re.IGNORECASE
)
_PUNCTUATION = re.compile(r"[，。；：、！？,;]")
_SPACE = re.compile(r"[ \t\r\n\f\v]+")


def clean_tree(root: HtmlElement) -> None:
    """Remove what is never report text: scripts, forms' controls, semantic furniture, hidden parts."""
    for element in list(root.iter(*_REMOVED_TAGS)):
        _drop(element)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):  # comments, processing instructions
            _drop(element)
            continue
        style = (element.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style or element.get("hidden") is not None:
            _drop(element)


def _drop(element: HtmlElement) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    parent.remove(element)
    if tail:  # keep the text that followed the removed element
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def is_furniture(element: HtmlElement) -> bool:
    """A container whose class or id names page furniture (menus, breadcrumbs, footers, …)."""
    names = f"{element.get('class') or ''} {element.get('id') or ''}".strip()
    return bool(names) and bool(_FURNITURE.search(names))


def drop_furniture(root: HtmlElement) -> None:
    """Remove furniture containers, unless one holds a long unlinked text (then it is a wrapper)."""
    for element in list(root.iter()):
        if element is root or element.getparent() is None or not is_furniture(element):
            continue
        if len(_squeeze(element.text_content())) < 200 or link_density(element) > 0.5:
            _drop(element)


def main_content(root: HtmlElement) -> HtmlElement:
    """The element holding the page's main text (the whole page if nothing stands out)."""
    scores: dict[HtmlElement, float] = {}
    for block in _text_blocks(root):
        text = _squeeze(block.text_content())
        if len(text) < 10:
            continue
        score = 1 + len(_PUNCTUATION.findall(text)) + min(len(text) / 50, 3)
        for depth, node in enumerate([block, *_ancestors(block, 2)]):
            scores[node] = scores.get(node, 0.0) + score / (1, 1, 2)[depth]
    if not scores:
        return root
    # On a tie the outer element wins, so a headline or a last short paragraph is not cut off.
    return max(
        scores,
        key=lambda node: (round(scores[node] * (1 - link_density(node)), 6), -sum(1 for _ in node.iterancestors())),
    )


def _text_blocks(root: HtmlElement) -> Iterator[HtmlElement]:
    for element in root.iter("p", "td", "pre", "li", "div", "section", "article"):
        if element.tag in ("div", "section", "article", "td") and any(
            child.tag in _BLOCK_TAGS or child.tag in _CELL_TAGS for child in element.iterdescendants()
        ):
            continue  # a container, not a block of text
        yield element


def _ancestors(element: HtmlElement, count: int) -> list[HtmlElement]:
    out = []
    node = element.getparent()
    while node is not None and len(out) < count:
        out.append(node)
        node = node.getparent()
    return out


def link_density(element: HtmlElement) -> float:
    total = len(_squeeze(element.text_content()))
    if not total:
        return 1.0
    linked = sum(len(_squeeze(a.text_content())) for a in element.iter("a"))
    return min(linked / total, 1.0)


def headline(root: HtmlElement, content: HtmlElement, page_title: str) -> str | None:
    """The article's headline when it sits outside ``content`` and matches the page <title>."""
    if not page_title:
        return None
    content_nodes = set(content.iter())
    best: str | None = None
    for element in root.iter():
        if element is content:
            break  # only headlines before the content
        if element in content_nodes:
            continue
        is_heading = element.tag in ("h1", "h2", "h3") or _TITLE_CLASS.search(
            f"{element.get('class') or ''} {element.get('id') or ''}"
        )
        if not is_heading:
            continue
        text = _squeeze(element.text_content())
        if 4 <= len(text) <= 100 and link_density(element) < 0.5 and _overlaps(text, page_title):
            best = text
    return best


def _overlaps(text: str, page_title: str) -> bool:
    return text in page_title or page_title in text or (len(set(text) & set(page_title)) >= 0.7 * len(set(text)))


def element_lines(element: HtmlElement) -> list[str]:
    """Visible text of ``element`` as lines: a line per block, table rows with cells tab-separated."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _squeeze("".join(current)).strip()
        if text:
            lines.append(text)
        current.clear()

    def walk(node: HtmlElement, in_pre: bool) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag == "br":
            flush()
        elif tag == "tr":
            flush()
            cells = [_squeeze(cell.text_content()).strip() for cell in node if cell.tag in _CELL_TAGS]
            row = "\t".join(cell for cell in cells if cell)
            if len(cells) == 1 or any(len(c) > 60 for c in cells):
                for cell in node:
                    if cell.tag in _CELL_TAGS:
                        walk_children(cell, in_pre)
                        flush()
            elif row:
                lines.append(row)
        else:
            block = tag in _BLOCK_TAGS or tag in _CELL_TAGS
            if block:
                flush()
            if node.text:
                current.append(node.text if not in_pre else node.text.replace("\n", "\x00"))
            walk_children(node, in_pre or tag == "pre")
            if block:
                flush()
        if node.tail and node is not element:
            current.append(node.tail)

    def walk_children(node: HtmlElement, in_pre: bool) -> None:
        for child in node:
            walk(child, in_pre)

    walk(element, False)
    flush()
    out: list[str] = []
    for line in lines:
        out.extend(part.strip() for part in line.split("\x00") if part.strip())
    return out


def _squeeze(text: str) -> str:
    """HTML white-space collapsing (full-width spaces and &nbsp; are kept, as in the original)."""
    return _SPACE.sub(" ", text)
