# Grow GM65 (and GM65-S, GM66) barcode reader module on its TTL-232 port, command-trigger mode.
#
# Frame format (GM65/GM66 user manual, serial command chapter):
#   host -> module: 7E 00 | type | length | address (2 bytes, big-endian) | data | CRC (2 bytes)
#   type 07 reads zone bits, 08 writes them, 09 saves them to flash; the CRC is CRC-CCITT
#   (polynomial 0x1021, initial value 0, MSB first) over type..data, and AB CD in its place
#   tells the module not to check it.
#   module -> host: 02 00 | type (00 = success) | length | data | CRC.
name = GM65
# Factory serial settings after switching the module to serial output: 9600 8N1, no flow control.
baud = 9600
mode = host
# Suffix after each code. UNCONFIRMED: the module's default tail is taken to be CR; set it to match
# the module's "end mark" setting (0D, 0D 0A or 09).
terminator = 0D
# Write zone bit 0x0002 = 0x01: start one scan in command-trigger mode. UNCONFIRMED (widely cited
# example, not found in a primary source here).
trigger = 7E 00 08 01 00 02 01 AB CD
# Write zone bit 0x0002 = 0x00: stop scanning. UNCONFIRMED (inferred from the trigger command).
stop = 7E 00 08 01 00 02 00 AB CD
# Reply to an accepted write: 02 00 | 00 (success) | 01 | 00 | CRC 33 31. The CRC matches CRC-CCITT of
# 00 01 00, so this agrees with the documented reply format.
ack = 02 00 00 01 00 33 31
