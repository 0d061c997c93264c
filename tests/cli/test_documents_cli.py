"""The attach, documents, search, note and notes commands, end to end through main()."""

from __future__ import annotations

import io
import json

import pytest
from tests.documents.document_builders import docx_bytes, encrypted_pdf_bytes, scanned_pdf_bytes

from secresponder.cli.main import main


def run(workspace_root, clock, command, *args):
    out, err = io.StringIO(), io.StringIO()
    code = main(
        [command, "--workspace", str(workspace_root), *args], clock=clock, stdout=out, stderr=err
    )
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def cli(workspace_root, clock):
    return lambda command, *args: run(workspace_root, clock, command, *args)


@pytest.fixture
def response_docx(tmp_path):
    path = tmp_path / "MP231 response notes.docx"
    path.write_bytes(docx_bytes(["Pangolin sequencing matters", "Second paragraph"]))
    return path


def test_attach_then_list_documents(cli, response_docx, workspace_root):
    code, out, err = cli("attach", "mp231", str(response_docx))
    assert code == 0, err
    kb = round(response_docx.stat().st_size / 1024)
    assert out == f"Attached MP231 response notes.docx (Word document, {kb} KB) to MP231.\n"
    code, out, _ = cli("attach", "MP231", str(response_docx))
    assert out.endswith("was already attached to MP231.\n")

    code, out, _ = cli("documents", "MP231", "--json")
    (doc,) = json.loads(out)
    assert doc["label"] == "MP231 response notes.docx" and doc["format"] == "docx"
    assert doc["searchable"] is True and doc["size"] == response_docx.stat().st_size
    assert doc["path"] == str(workspace_root / "files" / f"{doc['sha256']}.docx")
    assert doc["attached_at"] == "2023-05-01T09:00:00+01:00"
    code, out, _ = cli("documents", "MP231")
    assert out.startswith(f"#{doc['id']}  MP231 response notes.docx (Word document")


def test_attach_json_and_scanned_warning_on_stderr(cli, tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scanned_pdf_bytes())
    code, out, err = cli("attach", "MP216", str(scan), "--label", "Signed letter", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["label"] == "Signed letter" and data["searchable"] is False
    assert data["consultation"] == "mp216-consultation" and data["created"] is True
    assert err == (
        "Signed letter: has no text layer (a scanned document?); it is attached but not "
        "searchable.\n"
    )


def test_bad_document_is_one_sentence_and_exit_1(cli, tmp_path, workspace_root):
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(encrypted_pdf_bytes(["secret"], user_password="pw"))
    code, out, err = cli("attach", "MP231", str(locked))
    assert code == 1 and out == ""
    assert err == (
        "secresponder: locked.pdf: is password-protected; save an unprotected copy and "
        "attach that.\n"
    )
    files = workspace_root / "files"
    assert not files.exists() or list(files.iterdir()) == []
    code, _, err = cli("attach", "MP231", str(locked), "--max-size", "0")
    assert code == 1 and "--max-size 0" in err
    code, _, err = cli("attach", "MP999", str(locked))
    assert code == 1 and "No consultation MP999" in err


def test_search_text_and_json(cli, response_docx):
    cli("attach", "MP231", str(response_docx))
    code, out, _ = cli("search", "pangolin", "--json")
    (hit,) = json.loads(out)
    assert hit["kind"] == "document" and hit["consultation"] == "mp231-consultation"
    start, end = hit["matches"][0]
    assert hit["snippet"][start:end] == "Pangolin"
    code, out, _ = cli("search", "pangolin")
    assert out.splitlines()[1].strip() == "[Pangolin] sequencing matters Second paragraph"
    code, out, _ = cli("search", '"firmware upgrade"', "(", "-", "NOT*")
    assert code == 0 and "MP231" in out
    code, out, _ = cli("search", "xylophonic")
    assert out == "Nothing matches 'xylophonic'.\n"
    code, _, err = cli("search", "*")
    assert code == 1 and err == "secresponder: The search '*' has no words to look for.\n"


def test_notes_are_added_listed_and_searchable(cli):
    code, out, _ = cli("note", "MP231", "Raise", "at", "the", "TABASC", "meeting")
    assert code == 0 and out == "Note #1 added to MP231.\n"
    cli("note", "MP231", "Second thought")
    code, out, _ = cli("notes", "MP231", "--json")
    notes = json.loads(out)
    assert [n["text"] for n in notes] == ["Raise at the TABASC meeting", "Second thought"]
    assert notes[0]["created_at"] == "2023-05-01T09:00:00+01:00"
    code, out, _ = cli("notes", "MP231")
    assert out.splitlines()[:2] == ["#1  01 May 2023 09:00", "    Raise at the TABASC meeting"]
    code, out, _ = cli("search", "tabasc", "--json")
    assert [(h["kind"], h["note_id"]) for h in json.loads(out)] == [("note", 1)]
    code, _, err = cli("note", "MP231", "   ")
    assert code == 1 and "The note is empty" in err
    code, out, _ = cli("notes", "MP216")
    assert out.startswith("No notes on MP216")
