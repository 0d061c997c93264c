"""Reading and filling response forms (.docx, .xlsx) and the built-in forms."""
