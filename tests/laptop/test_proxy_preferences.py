"""The proxy setting in Preferences: stored, checked, and used by imports and by Refresh."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from secresponder.network import proxies
from secresponder.network.proxies import ProxySettingError
from secresponder.services.bootstrap import open_seeded_workspace
from secresponder.services.importing import import_sources
from secresponder.services.preferences import Preferences, load_preferences, save_preferences
from secresponder.store.workspace import Workspace
from secresponder.ui.preferences_dialog import PreferencesDialog
from tests.laptop.servers import body, serve

NEW_ENTRY = (
    "MP250 ‘Proxy-delivered pathways’ (Closing Date: 30 June 2023)\n\n"
    "MP250 ‘Proxy-delivered pathways’\n\n"
    "Please respond by emailing sec.change@gemserv.com by 5pm on 30 June 2023.\n\n"
)


@pytest.fixture(autouse=True)
def no_system_proxy(monkeypatch):
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.setattr(proxies, "system_pac_location", lambda: None)


@pytest.fixture
def corporate_proxy(tmp_path, consultations_txt):
    """A proxy on 127.0.0.1 that serves the consultations page for any address, and a PAC
    file sending sec.example to it."""
    page = consultations_txt.read_bytes()
    with serve(fallback=body(page)) as (port, seen):
        pac = tmp_path / "proxy.pac"
        pac.write_text(
            'function FindProxyForURL(url, host) {\n'
            f'  if (host == "sec.example") return "PROXY 127.0.0.1:{port}";\n'
            '  return "DIRECT";\n}\n', encoding="utf-8")
        yield pac, seen


def test_the_proxy_setting_is_kept_and_checked(workspace_root):
    with Workspace.open(workspace_root) as ws:
        assert load_preferences(ws).proxy == ""
        save_preferences(ws, Preferences(proxy=" http://proxy.corp.example:8080 "))
        assert load_preferences(ws).proxy == "http://proxy.corp.example:8080"
        with pytest.raises(ProxySettingError, match="not an address such as"):
            save_preferences(ws, Preferences(proxy="gopher://old.example"))
        assert load_preferences(ws).proxy == "http://proxy.corp.example:8080"


def test_import_goes_through_the_proxy_chosen_in_preferences(
    workspace_root, clock, corporate_proxy
):
    pac, seen = corporate_proxy
    with Workspace.open(workspace_root) as ws:
        save_preferences(ws, Preferences(proxy=str(pac)))
        report = import_sources(ws, ["http://sec.example/open-consultations/"], clock=clock)
    assert report.ok, report.failed
    assert report.added == 10
    assert seen == ["http://sec.example/open-consultations/"]


def test_refresh_in_the_window_uses_the_proxy_setting(
    workspace_root, clock, corporate_proxy, make_window, qtbot
):
    pac, seen = corporate_proxy
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        save_preferences(ws, Preferences(page_urls=("http://sec.example/list/",),
                                         proxy=f"pac:{pac.as_uri()}"))
    window = make_window()
    with qtbot.waitSignal(window.import_done, timeout=30_000) as done:
        window.refresh_action.trigger()
    assert done.args[0].ok, done.args[0].failed
    assert seen == ["http://sec.example/list/"]


def test_the_dialog_refuses_a_proxy_it_cannot_use_and_saves_a_good_one(
    workspace_root, qtbot
):
    with Workspace.open(workspace_root) as ws:
        dialog = PreferencesDialog(ws)
        qtbot.addWidget(dialog)
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        dialog.proxy.setText("proxy.corp.example:port")
        save.click()
        assert dialog.saved is None
        assert dialog.error.text() == "The proxy 'proxy.corp.example:port' has a port that " \
                                      "is not a number."
        dialog.proxy.setText("proxy.corp.example:8080")
        save.click()
        assert dialog.saved is not None
        assert load_preferences(ws).proxy == "proxy.corp.example:8080"
