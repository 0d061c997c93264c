"""Excel response forms: comments logs and question sheets, inspected and filled."""

from secresponder.forms.xlsx.filler import fill_xlsx
from secresponder.forms.xlsx.reader import inspect_xlsx

__all__ = ["fill_xlsx", "inspect_xlsx"]
