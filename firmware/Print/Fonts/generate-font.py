#!/usr/bin/env python3
"""Builds the printer's compact bitmap font from GNU Unifont (unifont.hex).

Usage: generate-font.py [--hex /usr/share/unifont/unifont.hex] [--subset gb18030|level1] OUT.pft

Characters taken:
  * ASCII 0x20-0x7E, Latin-1 0xA0-0xFF, the euro sign, box drawing U+2500-U+257F, block elements
    U+2580-U+259F and half-width katakana U+FF61-U+FF9F (ESC t 1), and every character of the
    single-byte code tables ESC t selects (CODE_PAGES below);
  * subset gb18030: every character GB18030's two-byte range names (GBK: simplified and traditional
    hanzi, symbols, full-width forms), except its private-use code points, which Unifont does not draw;
  * subset level1: GB2312 rows 1-9 (symbols, full-width forms), the 3755 level-1 hanzi (rows 16-55)
    and the extra characters listed in EXTRA: a small set for tests (the terminal ships the gb18030 file).
Glyphs keep Unifont's own width: 8x16 ("narrow", 16 bytes) or 16x16 ("wide", 32 bytes).

File layout (all integers big-endian), read by PosFirmware.Print.Text.BitmapFont:
  0  "PFNT"            magic
  4  u8  version = 2
  5  u8  glyph height = 16
  6  u16 narrow count N
  8  u16 wide count W
  10 u16 four-byte range count R
  12 u8  first trail byte T of the two-byte map, 13 u8 trail bytes per lead C, 14 u8 lead count L, 15 u8 0
  16 N x u16 narrow code points, ascending
     W x u16 wide code points, ascending
     N x 16 bytes narrow glyphs (row-major, 1 byte per row, MSB = leftmost dot)
     W x 32 bytes wide glyphs (2 bytes per row)
     L lead bytes, ascending (a 0 pads them to an even count)
     GB18030 two-byte map: L x C x u16 code point (0 = none) for trail bytes T .. T+C-1
       (gb18030: every lead 0x81-0xFE, trails 0x40-0xFE; level1: the GB2312 rows it has, trails 0xA1-0xFE)
     GB18030 four-byte BMP ranges: R x (u16 first linear index, u16 first code point), ascending; a range
       runs to the next one's start (the last to linear index 39419). Linear index of b1 b2 b3 b4:
       ((b1-0x81)*10 + (b2-0x30))*1260 + (b3-0x81)*10 + (b4-0x30).
Version 1 files (12-byte header ending in a zero u16, no GB18030 tables) are still read.
Only the Basic Multilingual Plane is stored (code points fit in u16).
"""
import argparse
import sys

# Characters the receipt composer prints that level-1 GB2312 lacks (level-2 hanzi), kept in every subset.
EXTRA = "¥·—…“”‘’、。，：；！？（）【】《》€退货撤销免签₩₫₧"

# Symbols of Epson's Katakana page (ESC t 1) above its katakana (see generate-code-pages.py).
KATAKANA_SYMBOLS = "═╞╪╡◢◣◥◤♠♥♦♣●○╱╲╳円年月日時分秒〒市区町村人▓"

# The code tables ESC t selects (Epson numbering), as Python codecs; their upper halves are in the font.
CODE_PAGES = ["cp437", "cp850", "cp858", "cp860", "cp863", "cp865", "cp1252", "cp866", "cp852"]

LEVEL1_ROWS = list(range(1, 10)) + list(range(16, 56))
FOUR_BYTE_BMP_COUNT = 39420  # 0x81308130 .. 0x8431A439


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


def gb_two_byte_map(leads, trail_first, trail_count):
    table = []
    for lead in leads:
        for trail in range(trail_first, trail_first + trail_count):
            try:
                cp = ord(bytes([lead, trail]).decode("gb18030"))
            except UnicodeDecodeError:
                cp = 0
            table.append(cp if cp <= 0xFFFF and trail != 0x7F else 0)
    return table


def gb_four_byte_ranges():
    ranges = []
    previous = None
    for linear in range(FOUR_BYTE_BMP_COUNT):
        b4 = 0x30 + linear % 10
        b3 = 0x81 + (linear // 10) % 126
        b2 = 0x30 + (linear // 1260) % 10
        b1 = 0x81 + linear // 12600
        cp = ord(bytes([b1, b2, b3, b4]).decode("gb18030"))
        if previous is None or cp != previous + 1:
            ranges.append((linear, cp))
        previous = cp
    return ranges


def code_page_points():
    points = set()
    for page in CODE_PAGES:
        for b in range(0x80, 0x100):
            try:
                points.add(ord(bytes([b]).decode(page)))
            except UnicodeDecodeError:
                pass
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
    parser.add_argument("--subset", choices=["gb18030", "level1"], default="gb18030")
    parser.add_argument("out")
    args = parser.parse_args()

    if args.subset == "gb18030":
        leads, trail_first, trail_count = list(range(0x81, 0xFF)), 0x40, 0xFF - 0x40
    else:
        leads, trail_first, trail_count = [0xA0 + row for row in LEVEL1_ROWS], 0xA1, 94
    gb_map = gb_two_byte_map(leads, trail_first, trail_count)
    wanted = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100)) | set(range(0x2500, 0x25A0)) | set(range(0xFF61, 0xFFA0))
    wanted |= {0x20AC} | code_page_points()
    if args.subset == "gb18030":
        wanted |= {cp for cp in gb_map if cp and not 0xE000 <= cp <= 0xF8FF}
    else:
        wanted |= gb2312_code_points(LEVEL1_ROWS)
    wanted |= {ord(c) for c in EXTRA + KATAKANA_SYMBOLS}

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
        print("no Unifont glyph for %d code points: %s" % (len(missing), " ".join("U+%04X" % cp for cp in missing[:20])), file=sys.stderr)

    ranges = gb_four_byte_ranges()
    out = bytearray(b"PFNT")
    out += bytes([2, 16])
    out += len(narrow).to_bytes(2, "big") + len(wide).to_bytes(2, "big") + len(ranges).to_bytes(2, "big")
    out += bytes([trail_first, trail_count, len(leads), 0])
    for cp, _ in narrow:
        out += cp.to_bytes(2, "big")
    for cp, _ in wide:
        out += cp.to_bytes(2, "big")
    for _, bits in narrow:
        out += bits
    for _, bits in wide:
        out += bits
    out += bytes(leads) + (b"\0" if len(leads) % 2 else b"")
    for cp in gb_map:
        out += cp.to_bytes(2, "big")
    for linear, cp in ranges:
        out += linear.to_bytes(2, "big") + cp.to_bytes(2, "big")
    with open(args.out, "wb") as f:
        f.write(out)
    print("%s: %d narrow + %d wide glyphs, %d four-byte ranges, %d bytes" % (args.out, len(narrow), len(wide), len(ranges), len(out)))


if __name__ == "__main__":
    main()
