"""British English spell checking for answers and notes, free of Qt (the window's highlighter
and menu are in ``ui``)."""
