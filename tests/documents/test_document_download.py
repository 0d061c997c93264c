"""Downloading linked documents from a local server: type check, size cap, cancelling."""

from __future__ import annotations

import pytest
from tests.documents.document_builders import pdf_bytes, serving

from secresponder.documents.download import DownloadCancelled, download
from secresponder.documents.formats import PDF
from secresponder.errors import InputError

PDF_TYPE = "application/pdf"


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_download_streams_to_a_temporary_file_and_reports_progress(tmp_path):
    body = pdf_bytes([["MP231 consultation document"] * 40] * 30)
    seen = []
    with serving(tmp_path, {"/docs/MP231%20Consultation.pdf": (PDF_TYPE, body)}) as base:
        got = download(
            f"{base}/docs/MP231%20Consultation.pdf",
            tmp_path / "files",
            limit=10_000_000,
            progress=lambda done, total: seen.append((done, total)),
        )
    assert got.path.read_bytes() == body
    assert got.path.parent == tmp_path / "files" and got.path.name.startswith(".download-")
    assert got.name == "MP231 Consultation.pdf"
    assert got.declared_format == PDF and got.size == len(body)
    assert seen[-1] == (len(body), len(body))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_refused_content_type_downloads_nothing(tmp_path):
    with (
        serving(tmp_path, {"/logo.png": ("image/png", b"\x89PNG....")}) as base,
        pytest.raises(InputError, match=r"the server sent 'image/png'.*not downloaded\.$"),
    ):
        download(f"{base}/logo.png", tmp_path / "files", limit=1000)
    assert leftovers(tmp_path / "files") == []


def test_declared_size_over_the_limit_is_refused_before_reading(tmp_path):
    with (
        serving(tmp_path, {"/big.pdf": (PDF_TYPE, b"%PDF-" + b"x" * 5000)}) as base,
        pytest.raises(InputError, match=r"over the 4 KB limit; it was not downloaded"),
    ):
        download(f"{base}/big.pdf", tmp_path / "files", limit=4096)
    assert leftovers(tmp_path / "files") == []


def test_undeclared_size_is_capped_while_streaming(tmp_path):
    routes = {"/big.pdf?chunked": (PDF_TYPE, b"%PDF-" + b"x" * 300_000)}
    with serving(tmp_path, routes) as base, pytest.raises(InputError, match="over the 97 KB limit"):
        download(f"{base}/big.pdf?chunked", tmp_path / "files", limit=100_000)
    assert leftovers(tmp_path / "files") == []


def test_cancelling_keeps_nothing(tmp_path):
    routes = {"/doc.pdf": (PDF_TYPE, pdf_bytes([["words"] * 50] * 200))}
    with (
        serving(tmp_path, routes) as base,
        pytest.raises(DownloadCancelled, match="cancelled; nothing was kept"),
    ):
        download(f"{base}/doc.pdf", tmp_path / "files", limit=10_000_000, cancelled=lambda: True)
    assert leftovers(tmp_path / "files") == []


def test_missing_page_and_bad_address(tmp_path):
    with (
        serving(tmp_path) as base,
        pytest.raises(InputError, match=r"/nothing\.pdf: the server answered 404"),
    ):
        download(f"{base}/nothing.pdf", tmp_path / "files", limit=1000)
    with pytest.raises(InputError, match="is not a web address"):
        download("ftp://example.org/a.pdf", tmp_path / "files", limit=1000)


def test_unreachable_server_is_one_sentence(tmp_path):
    with serving(tmp_path) as base:
        pass  # the server is gone once the block ends: nothing listens on that port
    with pytest.raises(InputError, match=r"could not be downloaded"):
        download(f"{base}/a.pdf", tmp_path / "files", limit=1000, timeout=5)
