"""Where an attached document's file is kept, for listing it even when it went missing."""

from __future__ import annotations

import hashlib

import pytest
from tests.documents.document_builders import pdf_bytes

from secresponder.errors import NotFoundError
from secresponder.services import documents as documents_service
from secresponder.services.bootstrap import open_seeded_workspace
from secresponder.services.lookup import find_consultation


def test_the_path_is_the_stored_file_and_stays_named_when_it_is_gone(workspace_root, clock,
                                                                      tmp_path):
    data = pdf_bytes([["Sequencing of firmware images"]], title="MP231 doc")
    source = tmp_path / "MP231 Consultation Document.pdf"
    source.write_bytes(data)
    with open_seeded_workspace(workspace_root, clock=clock) as ws:
        consultation = find_consultation(ws, "MP231").id
        attachment = documents_service.attach_file(ws, consultation, source,
                                                   clock=clock).attachment
        listed = documents_service.list_documents(ws, consultation)
        path = documents_service.document_path(ws, listed[0])
        assert path == ws.files_dir / f"{hashlib.sha256(data).hexdigest()}.pdf"
        assert path.read_bytes() == data
        assert path == documents_service.document_file(ws, attachment)
        path.unlink()
        assert documents_service.document_path(ws, attachment) == path
        with pytest.raises(NotFoundError):
            documents_service.document_file(ws, attachment)
