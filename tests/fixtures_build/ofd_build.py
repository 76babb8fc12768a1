"""Minimal OFD packages built in code, for hostile-input tests of the OFD reader."""

from __future__ import annotations

import io
import zipfile

NS = "http://www.ofdspec.org/2016"


def ofd_bytes(lines: list[str], content_prefix: str = "", drop: str = "", entry_size: int = 0) -> bytes:
    """An OFD of one page with ``lines`` as text objects, one a line (4 mm type, 10 mm apart).

    ``content_prefix`` goes before the page's root element (a DOCTYPE, say); ``drop`` leaves a part
    out; ``entry_size`` adds a highly compressible part of that many bytes (a zip bomb's core).
    """
    objects = "".join(
        f'<ofd:TextObject ID="{n + 10}" Boundary="20 {20 + 10 * n} 170 6" Font="1" Size="4">'
        f'<ofd:TextCode X="0" Y="4">{text}</ofd:TextCode></ofd:TextObject>'
        for n, text in enumerate(lines)
    )
    parts = {
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0">'
        "<ofd:DocBody><ofd:DocInfo><ofd:DocID>1</ofd:DocID></ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}">'
        "<ofd:CommonData><ofd:MaxUnitID>100</ofd:MaxUnitID>"
        "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>"
        '<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>',
        "Doc_0/Pages/Page_0/Content.xml": f'<?xml version="1.0" encoding="UTF-8"?>{content_prefix}'
        f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="2">{objects}</ofd:Layer></ofd:Content></ofd:Page>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            if name != drop:
                archive.writestr(name, text)
        if entry_size:
            archive.writestr("Doc_0/Res/big.xml", b" " * entry_size)
    return buffer.getvalue()
