"""Real Jupyter notebooks for the tests, made with nbformat, with real (tiny) images
in their outputs: PNGs drawn here with zlib and struct, a GIF, an SVG."""

from __future__ import annotations

import base64
import struct
import zlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
"""A 1x1 GIF."""
SVG_LINES = [
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">\n',
    '<polyline points="0,0 10,12 20,16 40,18" fill="none" stroke="black"/>\n',
    "</svg>\n",
]
SVG = "".join(SVG_LINES).encode()


def png(width: int = 2, height: int = 2, color: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A real PNG of one colour (every colour gives other bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(color) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


RED, GREEN, BLUE = png(color=(200, 30, 30)), png(color=(30, 200, 30)), png(color=(30, 30, 200))


def b64(content: bytes) -> str:
    return base64.b64encode(content).decode("ascii")


def shown(data: dict, kind: str = "display_data"):
    """An output that shows `data` (a MIME bundle): display_data, or an execute_result."""
    if kind == "execute_result":
        return new_output("execute_result", data=data, execution_count=1)
    return new_output("display_data", data=data)


def picture(content: bytes, media_type: str = "image/png", kind: str = "display_data"):
    """An output showing one image, as Jupyter stores it (base64, or SVG as text)."""
    value = content.decode() if media_type == "image/svg+xml" else b64(content)
    return shown({media_type: value, "text/plain": "<Figure size 640x480 with 1 Axes>"}, kind)


def code(*outputs, source: str = "plt.plot(losses)"):
    return new_code_cell(source, outputs=list(outputs))


def markdown(text: str = "## Fitting a line"):
    return new_markdown_cell(text)


def notebook(*cells) -> bytes:
    """The notebook's file, as Jupyter writes it."""
    return nbformat.writes(new_notebook(cells=list(cells))).encode("utf-8")


def regression_notebook() -> bytes:
    """03-regression.ipynb of the tests: a markdown cell, a cell printing text,
    a cell with two figures (a PNG shown, a GIF as its result), a markdown cell,
    and a cell whose SVG is stored as a list of lines."""
    return notebook(
        markdown("# Linear regression by hand"),
        code(new_output("stream", name="stdout", text="loss 0.42\n"), source="print(loss)"),
        code(picture(RED), picture(GIF, "image/gif", "execute_result")),
        markdown(),
        code(shown({"image/svg+xml": SVG_LINES, "text/plain": "<Figure>"})),
    )
