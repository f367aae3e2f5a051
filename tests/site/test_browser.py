"""The site read back by a real headless Chromium, as tests/exporters/test_html.py
runs it: the DOM it builds from the hostile journey's page holds the facts and no
injected element, and screenshots at a phone's and a laptop's width, light and dark,
are drawn and not blank."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from site_pages import SCRIPT, parse

CHROMIUM = shutil.which("chromium")
BROWSER_TIMEOUT_SECONDS = 90
WIDTHS = (375, 1280)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="chromium is not on PATH (apt-get install chromium); CI installs it and runs this test",
)


def chromium(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess:
    if CHROMIUM is None:
        pytest.fail("chromium is not on PATH: CI must install it (see .ci/run) to run the browser test")
    return subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}", *arguments,
        ],
        capture_output=True, text=True, timeout=BROWSER_TIMEOUT_SECONDS, check=False,
    )


def png_size_and_colours(path: Path) -> tuple[int, int, int, bytes]:
    """(width, height, distinct pixels among a sample, the top left pixel's RGB) of an
    8-bit RGB(A) PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, chunks, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour_type = header[:4]
    assert depth == 8 and colour_type in (2, 6), header
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    previous = bytearray(stride)
    pixels: set[bytes] = set()
    corner = b""
    for row in range(height):
        line = raw[row * (stride + 1) : (row + 1) * (stride + 1)]
        kind, current = line[0], bytearray(line[1:])
        for index in range(stride):
            left = current[index - channels] if index >= channels else 0
            up = previous[index]
            upper_left = previous[index - channels] if index >= channels else 0
            if kind == 1:
                current[index] = (current[index] + left) & 0xFF
            elif kind == 2:
                current[index] = (current[index] + up) & 0xFF
            elif kind == 3:
                current[index] = (current[index] + (left + up) // 2) & 0xFF
            elif kind == 4:
                estimate = left + up - upper_left
                distances = (abs(estimate - left), abs(estimate - up), abs(estimate - upper_left))
                nearest = (left, up, upper_left)[distances.index(min(distances))]
                current[index] = (current[index] + nearest) & 0xFF
        if row == 0:
            corner = bytes(current[:3])
        if row % 7 == 0:
            pixels.update(bytes(current[offset : offset + 3]) for offset in range(0, stride, channels * 3))
        previous = current
    return width, height, len(pixels), corner


def test_a_real_browser_shows_the_hostile_journeys_text_as_text(hostile, build):
    folder = build("--with-notes", "--base-url", "https://alice.example.com/")
    completed = chromium(folder.parent, "--dump-dom", (folder / "index.html").as_uri())

    assert completed.returncode == 0, completed.stderr
    dom = completed.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert "<script" not in dom.replace("&lt;script", "")
    document = parse(dom)
    for element in document.iter():
        assert element.tag not in {"script", "img", "iframe", "object", "embed", "base", "form"}, element
        assert not any(name.startswith("on") for name in element.attrs), element
    assert document.find("title").text() == "Learning in public: Day 24"
    assert document.by_id("day").text() == "Day 24"
    assert document.by_id("record").text() == "kept 4 of 6 deadlines"  # Nov 12 and Nov 24 came late; Nov 27 is open
    assert any(SCRIPT in note.text() for note in document.find_all("p", "note"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_is_drawn_at_a_phones_and_a_laptops_width(sample, build, scheme):
    folder = build()
    shots = {}
    for width in WIDTHS:
        shot = folder.parent / f"{scheme}-{width}.png"
        dark = ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"] if scheme == "dark" else []
        completed = chromium(
            folder.parent, *dark, f"--window-size={width},1600", f"--screenshot={shot}",
            (folder / "index.html").as_uri(),
        )
        assert completed.returncode == 0, completed.stderr
        shots[width] = png_size_and_colours(shot)
    for width, (drawn_width, height, colours, corner) in shots.items():
        assert (drawn_width, height) == (width, 1600)
        assert colours > 20, f"the {width}px screenshot is blank"
        # The page's paper: white, or near black in the dark variant.
        assert (sum(corner) > 700) if scheme == "light" else (sum(corner) < 100), corner


def test_the_groups_page_is_drawn_at_a_phones_and_a_laptops_width(sample, ok, tmp_path):
    ok("--journey", "Ana López, learning pandas in the evenings", "init", "--start", "2026-11-15")
    folder = tmp_path / "circle"
    ok("site", "build", "--board", str(folder))
    completed = chromium(tmp_path, "--dump-dom", (folder / "index.html").as_uri())
    assert completed.returncode == 0, completed.stderr
    rows = parse(completed.stdout).find("table", "board").find("tbody").find_all("tr")
    assert [row.find("th").text() for row in rows] == ["Ana López, learning pandas in the evenings", "demo"]
    for width in WIDTHS:
        shot = tmp_path / f"board-{width}.png"
        completed = chromium(tmp_path, f"--window-size={width},900", f"--screenshot={shot}", (folder / "index.html").as_uri())
        assert completed.returncode == 0, completed.stderr
        drawn_width, height, colours, _ = png_size_and_colours(shot)
        assert (drawn_width, height) == (width, 900)
        assert colours > 10, f"the {width}px screenshot of the group's page is blank"
