"""The PySide6 window: widgets, Qt models, dialogs and background jobs. Only here is Qt."""
