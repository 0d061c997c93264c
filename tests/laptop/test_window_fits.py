"""The first window fits a 1080p laptop screen at 100% to 200% scaling.

Each scaling needs its own Qt process (the screen is fixed when Qt starts), so the real
window is built in a child process on an offscreen screen described by a config file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

CHILD = textwrap.dedent(
    """
    import json, sys
    from datetime import datetime
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from secresponder.domain.clock import fixed_clock
    from secresponder.domain.deadline import LONDON
    from secresponder.ui.main_window import create_main_window

    root, shot = Path(sys.argv[1]), sys.argv[2]
    app = QApplication([])
    settings = QSettings(str(root.parent / "window.ini"), QSettings.Format.IniFormat)
    clock = fixed_clock(datetime(2023, 5, 1, 9, 0, tzinfo=LONDON))
    window = create_main_window(root, clock=clock, settings=settings)
    window.show()
    while not window.loaded:
        app.processEvents()
    area = window.screen().availableGeometry()
    frame = window.frameGeometry()
    window.grab().save(shot)
    print(json.dumps({"area": [area.x(), area.y(), area.width(), area.height()],
                      "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                      "ratio": window.screen().devicePixelRatio()}))
    window.close()
    """
)


def screen_config(folder: Path, ratio: float) -> Path:
    config = {
        "synchronousWindowSystemEvents": False, "windowFrameMargins": False,
        "screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1920, "height": 1080,
                     # Windows' "Scale" setting reaches Qt as the logical DPI (150%: 144).
                     "logicalDpi": round(96 * ratio), "logicalBaseDpi": 96, "dpr": 1}],
    }
    path = folder / f"screen-{ratio}.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


@pytest.mark.parametrize("ratio", [1.0, 1.25, 1.5, 2.0])
def test_the_first_window_fits_a_1080p_screen(tmp_path, ratio):
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen_config(tmp_path, ratio)}",
               SECRESPONDER_NOW="2023-05-01T09:00:00+01:00")
    shot = tmp_path / f"first-window-{ratio}.png"
    done = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "workspace"), str(shot)],
                          env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    x, y, width, height = seen["frame"]
    ax, ay, aw, ah = seen["area"]
    assert seen["ratio"] == ratio
    assert (aw, ah) == (round(1920 / ratio), round(1080 / ratio))
    assert ax <= x and ay <= y and x + width <= ax + aw and y + height <= ay + ah, seen
    if ratio == 1.0:
        assert (width, height) == (1360, 840)  # the preferred size where it fits
    else:
        assert width >= aw * 0.9 or width == 1360  # the room there is, used
    assert shot.stat().st_size > 0
