# A generic scan engine left in continuous (or auto-sense) mode: it sends every code it decodes,
# ended by CR LF, and takes no commands. Mode changes are done on the module with setup barcodes.
name = Continuous
baud = 9600
mode = continuous
terminator = 0D 0A
