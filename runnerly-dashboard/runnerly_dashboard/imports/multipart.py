"""A ``multipart/form-data`` body streamed from files, for forwarding an upload.

The files a browser sent are already on this side (Werkzeug spools each one over 500 KB
to a temporary file): they go on to the import service a chunk at a time instead of being
copied into one more body in memory, as ``requests``' own ``files=`` encoding would. The
body has a length, so it is sent with ``Content-Length`` (the import service refuses an
oversized one before reading it), and it can be iterated again: a request sent twice (a
fresh token after a 401, a connection retried) sends it whole each time.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from typing import BinaryIO

CHUNK = 256 * 1024
# Quotes, backslashes and line breaks would end the header's quoted string early.
_UNSAFE_IN_QUOTES = re.compile(r'[\x00-\x1f\x7f"\\]')


class MultipartBody:
    """Each ``(filename, stream)`` as a part named ``field``; ``content_type`` carries the
    boundary. The streams must be seekable."""

    def __init__(self, field: str, files: list[tuple[str, BinaryIO]]) -> None:
        self.boundary = secrets.token_hex(16)
        self._parts = [(self._head(field, name), stream, _size(stream)) for name, stream in files]
        self._tail = f"--{self.boundary}--\r\n".encode()

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def __len__(self) -> int:
        return sum(len(head) + size + 2 for head, _, size in self._parts) + len(self._tail)

    def __iter__(self) -> Iterator[bytes]:
        for head, stream, _ in self._parts:
            yield head
            stream.seek(0)
            while chunk := stream.read(CHUNK):
                yield chunk
            yield b"\r\n"
        yield self._tail

    def _head(self, field: str, filename: str) -> bytes:
        quoted = _UNSAFE_IN_QUOTES.sub("_", filename)
        return (
            f"--{self.boundary}\r\n"
            f'Content-Disposition: form-data; name="{field}"; filename="{quoted}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()


def _size(stream: BinaryIO) -> int:
    size = stream.seek(0, os.SEEK_END)
    stream.seek(0)
    return size
