"""Excel response forms: comments logs and question sheets, inspected and filled."""

from secresponder.forms.xlsx.filler import fill_xlsx, fill_xlsx_report
from secresponder.forms.xlsx.reader import inspect_xlsx
from secresponder.forms.xlsx.verify import verify_xlsx

__all__ = ["fill_xlsx", "fill_xlsx_report", "inspect_xlsx", "verify_xlsx"]
