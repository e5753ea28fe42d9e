#!/usr/bin/env python3
"""Draws the valgpuls icon: a bar chart on a navy tile, the tallest bar in Danish red.

Writes assets/valgpuls.ico (256 px as PNG, 48/32/16 px as 32-bit BMP, the form every Windows
version and windres accept) and assets/valgpuls.png (256 px, for the window's icon). Standard
library only, so it runs anywhere Python does; the output is deterministic, so running it again
changes nothing unless the drawing below changes.

    python3 assets/make_icon.py
"""

import struct
import zlib
from pathlib import Path

NAVY = (0x1B, 0x2A, 0x4A)
WHITE = (0xF5, 0xF3, 0xEE)
RED = (0xD0, 0x10, 0x2F)  # Dannebrog red, a touch brighter so it stands out on navy

# Shapes in units of the tile (0..1, y down): (x0, y0, x1, y1, corner radius, colour). Edges
# sit on sixteenths so the 16 and 32 px icons come out sharp rather than smeared.
TILE = (0.0, 0.0, 1.0, 1.0, 0.19, NAVY)
BARS = [
    (3 / 16, 9 / 16, 5 / 16, 12 / 16, 0.025, WHITE),
    (7 / 16, 6 / 16, 9 / 16, 12 / 16, 0.025, WHITE),
    (11 / 16, 3 / 16, 13 / 16, 12 / 16, 0.025, RED),
]
BASELINE = (2 / 16, 12 / 16, 14 / 16, 13 / 16, 0.0, WHITE)
SIZES = [256, 48, 32, 16]
SUPERSAMPLE = 4  # samples per pixel side, for smooth edges


def inside(shape, x, y):
    x0, y0, x1, y1, radius, _ = shape
    if not (x0 <= x <= x1 and y0 <= y <= y1):
        return False
    # Distance to the nearest corner's centre decides the rounded corners.
    cx = min(max(x, x0 + radius), x1 - radius)
    cy = min(max(y, y0 + radius), y1 - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2 + 1e-12


def render(size):
    """RGBA rows, top to bottom, premultiplied nowhere: plain straight alpha."""
    shapes = [TILE, *BARS, BASELINE]
    rows = []
    n = SUPERSAMPLE
    for py in range(size):
        row = []
        for px in range(size):
            r = g = b = a = 0.0
            for sy in range(n):
                for sx in range(n):
                    x = (px + (sx + 0.5) / n) / size
                    y = (py + (sy + 0.5) / n) / size
                    colour = None
                    for shape in shapes:  # later shapes are drawn over earlier ones
                        if inside(shape, x, y):
                            colour = shape[5]
                    if colour is not None:
                        r += colour[0]
                        g += colour[1]
                        b += colour[2]
                        a += 1
            if a:
                row.append((round(r / a), round(g / a), round(b / a), round(255 * a / (n * n))))
            else:
                row.append((0, 0, 0, 0))
        rows.append(row)
    return rows


def png(rows):
    size = len(rows)
    raw = b"".join(b"\x00" + bytes(c for pixel in row for c in pixel) for row in rows)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def bmp(rows):
    """An icon's DIB: BITMAPINFOHEADER (height doubled for the mask), BGRA bottom-up, AND mask."""
    size = len(rows)
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    pixels = b"".join(bytes((p[2], p[1], p[0], p[3])) for row in reversed(rows) for p in row)
    mask_row_bytes = ((size + 31) // 32) * 4
    mask = bytearray()
    for row in reversed(rows):
        bits = bytearray(mask_row_bytes)
        for x, pixel in enumerate(row):
            if pixel[3] == 0:  # fully transparent: set the mask bit (for pre-alpha renderers)
                bits[x // 8] |= 0x80 >> (x % 8)
        mask += bits
    return header + pixels + bytes(mask)


def ico(images):
    """images: (size, bytes) pairs; 256 is written as 0 in the directory, as the format says."""
    directory = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    data = b""
    for size, blob in images:
        side = 0 if size >= 256 else size
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset + len(data))
        data += blob
    return directory + data


def main():
    here = Path(__file__).resolve().parent
    images = []
    for size in SIZES:
        rows = render(size)
        if size == 256:
            big = png(rows)
            (here / "valgpuls.png").write_bytes(big)
            images.append((size, big))
        else:
            images.append((size, bmp(rows)))
    (here / "valgpuls.ico").write_bytes(ico(images))
    print(f"wrote {here / 'valgpuls.ico'} and {here / 'valgpuls.png'}")


if __name__ == "__main__":
    main()
