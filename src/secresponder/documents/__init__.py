"""Attached documents: recognising their format, extracting their text, downloading them."""
