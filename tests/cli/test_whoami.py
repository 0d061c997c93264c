"""`whoami`: who is working, from where, and keeping a name in one's own settings."""

from __future__ import annotations

import io
import json

from secresponder.cli.main import main
from secresponder.services import identity


def run(*args: str, clock) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), clock=clock, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_whoami_says_where_the_name_comes_from_and_set_keeps_it(
        tmp_path, monkeypatch, clock, workspace_root):
    own = tmp_path / "own" / "user.json"
    monkeypatch.setattr(identity, "settings_path", lambda: own)
    monkeypatch.delenv("SECRESPONDER_USER", raising=False)
    monkeypatch.setattr(identity, "login_name", lambda: "spatel")
    assert run("whoami", clock=clock) == (0, "spatel (from the operating-system login).\n", "")

    code, out, err = run("whoami", "--set", "Sam Patel <sam@bright", clock=clock)
    assert (code, out) == (1, "")
    assert "--set: \"Sam Patel <sam@bright\" is not a name with an email" in err
    assert not own.exists()

    code, out, err = run("whoami", "--set", "Sam Patel <sam@bright.example>", "--json",
                         clock=clock)
    assert (code, err) == (0, "")
    assert json.loads(out) == {"name": "Sam Patel", "email": "sam@bright.example",
                               "signed": "Sam Patel <sam@bright.example>", "source": str(own)}
    monkeypatch.setenv("SECRESPONDER_USER", "Asha Khan <asha@bright.example>")
    assert run("whoami", clock=clock)[1] == (
        "Asha Khan <asha@bright.example> (from SECRESPONDER_USER).\n")
    assert run("whoami", "--user", "Kim Lee", clock=clock)[1] == "Kim Lee (from --user).\n"
