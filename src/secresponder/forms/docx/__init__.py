"""Reading and filling .docx response forms, working on the package's XML parts directly."""

from secresponder.forms.docx.filler import fill_docx, fill_docx_report
from secresponder.forms.docx.reader import inspect_docx
from secresponder.forms.docx.verify import verify_docx

__all__ = ["fill_docx", "fill_docx_report", "inspect_docx", "verify_docx"]
