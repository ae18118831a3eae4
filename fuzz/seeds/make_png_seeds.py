#!/usr/bin/env python3
"""Writes the hand-made PNG seeds of the png fuzz target (fuzz/seeds/png/): one small image per
colour type and bit depth that libpng normalises differently (grey 1 and 16 bit, palette with a
tRNS chunk, grey+alpha, RGB 16 bit, RGBA, Adam7 interlace), each a few dozen bytes. Run it from
this folder; the files are checked in, so this only documents how they were made."""
import struct
import zlib


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def png(name, width, height, depth, colour, rows, extra=b"", interlace=0):
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, interlace)
    raw = b"".join(b"\x00" + r for r in rows)
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    with open("png/" + name, "wb") as f:
        f.write(data)


png("grey-1bit.png", 8, 2, 1, 0, [b"\xaa", b"\x55"])
png("grey-16bit.png", 2, 2, 16, 0, [b"\x00\x00\xff\xff", b"\x80\x00\x12\x34"])
png("palette-trns.png", 2, 2, 8, 3, [b"\x00\x01", b"\x01\x00"],
    chunk(b"PLTE", b"\x0b\x3d\x91\xff\xff\xff") + chunk(b"tRNS", b"\x80"))
png("palette-2bit.png", 4, 1, 2, 3, [b"\x1b"], chunk(b"PLTE", b"\x00\x00\x00\xff\x00\x00\x00\xff\x00\x00\x00\xff"))
png("grey-alpha.png", 2, 1, 8, 4, [b"\x10\xff\x20\x00"])
png("rgb-16bit.png", 1, 2, 16, 2, [b"\x00\x01\x00\x02\x00\x03", b"\xff\xff\x00\x00\x12\x34"],
    chunk(b"gAMA", struct.pack(">I", 45455)) + chunk(b"sRGB", b"\x00"))
png("rgba.png", 2, 2, 8, 6, [b"\x0b\x3d\x91\xff\xff\xff\xff\x00", b"\x00\x00\x00\x80\x12\x34\x56\x78"])
png("interlaced.png", 1, 1, 8, 2, [b"\x0b\x3d\x91"], interlace=1)
png("rgb-trns.png", 1, 1, 8, 2, [b"\x0b\x3d\x91"], chunk(b"tRNS", b"\x00\x0b\x00\x3d\x00\x91"))
