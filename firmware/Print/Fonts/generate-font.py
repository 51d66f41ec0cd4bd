#!/usr/bin/env python3
"""Builds the printer's compact bitmap font from GNU Unifont (unifont.hex).

Usage: generate-font.py [--hex /usr/share/unifont/unifont.hex] [--subset gb2312|level1] OUT.pft

Characters taken:
  * ASCII 0x20-0x7E, Latin-1 0xA0-0xFF (for the yen/yuan sign and the middle dot),
    box drawing U+2500-U+257F and block elements U+2580-U+259F (ESC t 1 rules);
  * every GB2312 character (subset gb2312: 7445 code points, 6763 hanzi), or
    GB2312 rows 1-9 (symbols, full-width forms) plus level-1 hanzi (rows 16-55, 3755)
    and the extra characters listed in EXTRA (subset level1).
Glyphs keep Unifont's own width: 8x16 ("narrow", 16 bytes) or 16x16 ("wide", 32 bytes).

File layout (all integers big-endian), read by PosFirmware.Printing.BitmapFont:
  0  "PFNT"            magic
  4  u8  version = 1
  5  u8  glyph height = 16
  6  u16 narrow count N
  8  u16 wide count W
  10 u16 reserved = 0
  12 N x u16 narrow code points, ascending
     W x u16 wide code points, ascending
     N x 16 bytes narrow glyphs (row-major, 1 byte per row, MSB = leftmost dot)
     W x 32 bytes wide glyphs (2 bytes per row)
Only the Basic Multilingual Plane is stored (code points fit in u16).
"""
import argparse
import sys

# Characters the receipt composer prints that level-1 GB2312 lacks (level-2 hanzi), kept in every subset.
EXTRA = "¥·—…“”‘’、。，：；！？（）【】《》"


def gb2312_code_points(rows):
    points = set()
    for row in rows:
        for col in range(1, 95):
            raw = bytes([0xA0 + row, 0xA0 + col])
            try:
                text = raw.decode("gb2312")
            except UnicodeDecodeError:
                continue
            points.add(ord(text))
    return points


def read_hex(path):
    glyphs = {}
    with open(path, encoding="ascii") as f:
        for line in f:
            line = line.strip()
            if not line or ":" not in line:
                continue
            code, bits = line.split(":", 1)
            glyphs[int(code, 16)] = bytes.fromhex(bits)
    return glyphs


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hex", default="/usr/share/unifont/unifont.hex")
    parser.add_argument("--subset", choices=["gb2312", "level1"], default="gb2312")
    parser.add_argument("out")
    args = parser.parse_args()

    wanted = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100)) | set(range(0x2500, 0x25A0))
    if args.subset == "gb2312":
        wanted |= gb2312_code_points(range(1, 88))
    else:
        wanted |= gb2312_code_points(range(1, 10)) | gb2312_code_points(range(16, 56))
    wanted |= {ord(c) for c in EXTRA}

    glyphs = read_hex(args.hex)
    narrow, wide, missing = [], [], []
    for cp in sorted(wanted):
        bits = glyphs.get(cp)
        if bits is None or cp > 0xFFFF:
            missing.append(cp)
        elif len(bits) == 16:
            narrow.append((cp, bits))
        elif len(bits) == 32:
            wide.append((cp, bits))
        else:
            missing.append(cp)
    if missing:
        print("no Unifont glyph for: " + " ".join("U+%04X" % cp for cp in missing), file=sys.stderr)

    out = bytearray(b"PFNT")
    out += bytes([1, 16])
    out += len(narrow).to_bytes(2, "big") + len(wide).to_bytes(2, "big") + b"\0\0"
    for cp, _ in narrow:
        out += cp.to_bytes(2, "big")
    for cp, _ in wide:
        out += cp.to_bytes(2, "big")
    for _, bits in narrow:
        out += bits
    for _, bits in wide:
        out += bits
    with open(args.out, "wb") as f:
        f.write(out)
    print("%s: %d narrow + %d wide glyphs, %d bytes" % (args.out, len(narrow), len(wide), len(out)))


if __name__ == "__main__":
    main()
