"""Zip archives as Windows tools make them: member names in GBK without the UTF-8 flag."""

from __future__ import annotations

import zipfile


class GbkName(zipfile.ZipInfo):
    """A member whose name is stored as GBK bytes, as Windows' built-in zip and many tools do."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # zipfile's own hook
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def add_gbk(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    archive.writestr(GbkName(name), data, compress_type=zipfile.ZIP_DEFLATED)


def add_symlink(archive: zipfile.ZipFile, name: str, target: str) -> None:
    info = zipfile.ZipInfo(name)
    info.external_attr = (0o120777 << 16) | 0
    info.create_system = 3
    archive.writestr(info, target)
