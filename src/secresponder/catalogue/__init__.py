"""Reading SEC consultation and release pages (saved text or HTML) into domain objects.

``reader.read_page`` is the one entry point: it decodes the bytes, turns either
format into the same sequence of blocks, works out which kind of page it is and
hands the blocks to that kind's parser.
"""
