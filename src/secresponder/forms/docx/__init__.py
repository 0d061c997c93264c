"""Reading and filling .docx response forms, working on the package's XML parts directly."""

from secresponder.forms.docx.filler import fill_docx
from secresponder.forms.docx.reader import inspect_docx

__all__ = ["fill_docx", "inspect_docx"]
