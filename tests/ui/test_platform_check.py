"""Before Qt loads: missing system libraries and a missing display are named in one sentence."""

from __future__ import annotations

import sys

import pytest

from secresponder.ui import platform_check

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


def test_names_the_debian_packages_of_missing_xcb_libraries(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":0")
    absent = {"xcb-cursor", "EGL"}
    missing = platform_check.missing_packages(find=lambda lib: None if lib in absent else lib)
    assert missing == ["libegl1", "libxcb-cursor0"]


def test_offscreen_needs_only_the_core_libraries(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert platform_check.missing_packages(find=lambda lib: None) == ["libegl1", "libfontconfig1"]


def test_problem_is_one_sentence_with_the_install_command(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(platform_check.ctypes.util, "find_library",
                        lambda lib: None if lib == "xkbcommon-x11" else lib)
    message = platform_check.problem()
    assert message.endswith("sudo apt-get install libxkbcommon-x11-0")
    assert "\n" not in message


def test_no_display_is_said_plainly(monkeypatch):
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(platform_check.ctypes.util, "find_library", lambda lib: lib)
    assert "there is no display (DISPLAY is not set)" in platform_check.problem()
