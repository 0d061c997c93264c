"""Reading untrusted files with a size limit; writing atomically."""

import stat

import pytest

from secresponder import fileio
from secresponder.errors import InputError, OutputExistsError
from secresponder.fileio import atomic_write_bytes, read_limited


def test_read_limited_refuses_empty_missing_and_oversize(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.html: the page is empty\."):
        read_limited(empty, 10, what="page")
    with pytest.raises(InputError, match=r"missing\.txt: no such file\."):
        read_limited(tmp_path / "missing.txt", 10)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2_000_000)
    with pytest.raises(InputError, match=r"big\.txt: the file is 1\.9 MB, over the 1 MB limit"):
        read_limited(big, 1024 * 1024)
    assert read_limited(big, 3_000_000) == b"x" * 2_000_000


def test_atomic_write_keeps_an_existing_file_unless_allowed(tmp_path):
    target = tmp_path / "out.docx"
    atomic_write_bytes(target, b"first")
    with pytest.raises(OutputExistsError, match="already exists; use --force"):
        atomic_write_bytes(target, b"second")
    assert target.read_bytes() == b"first"
    atomic_write_bytes(target, b"second", overwrite=True)
    assert target.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


def test_atomic_write_gives_ordinary_permissions(tmp_path):
    written = atomic_write_bytes(tmp_path / "response.eml", b"data")
    assert stat.S_IMODE(written.stat().st_mode) == 0o666 & ~fileio._UMASK
