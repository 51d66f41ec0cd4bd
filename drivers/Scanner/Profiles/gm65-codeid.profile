# Grow GM65 in command-trigger mode with its Code ID setting on: every code comes with a one-byte
# code-type ID in front, so a line the decoder did not make (noise, a fragment) is refused.
# Frame format, trigger, stop and ack: see gm65.profile.
name = GM65 code ID
baud = 9600
mode = host
terminator = 0D
trigger = 7E 00 08 01 00 02 01 AB CD
stop = 7E 00 08 01 00 02 00 AB CD
ack = 02 00 00 01 00 33 31
# The ID the engine sends before a QR code. UNCONFIRMED: 51 ('Q') is taken for QR; set it from the
# module's code ID table, and turn Code ID on in the module (its setup zone) before using this profile.
codeIds = 51
