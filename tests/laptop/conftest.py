"""The window fixtures, shared with the window tests."""

from tests.ui.conftest import make_window, qsettings_path, window  # noqa: F401
