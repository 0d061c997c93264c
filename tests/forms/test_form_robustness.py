"""Damaged copies of real forms never escape as anything but one-sentence errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secresponder.errors import SecResponderError
from secresponder.forms.api import inspect_form
from tests.forms.office_packages import word_form
from tests.forms.xlsx_builders import comments_log

SOURCES: dict[str, bytes] = {}


def _source(kind: str, tmp: Path) -> bytes:
    if kind not in SOURCES:
        maker = word_form if kind == "docx" else comments_log
        SOURCES[kind] = maker(tmp / f"source.{kind}").read_bytes()
    return SOURCES[kind]


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["docx", "xlsx"])
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_damaged_forms_fail_in_one_sentence(tmp_path, kind, data):
    source = _source(kind, tmp_path)
    damaged = bytearray(source)
    for _ in range(data.draw(st.integers(1, 6), label="edits")):
        at = data.draw(st.integers(0, len(damaged) - 1), label="offset")
        damaged[at] = data.draw(st.integers(0, 255), label="byte")
    cut = data.draw(st.integers(len(damaged) // 2, len(damaged)), label="length")
    path = tmp_path / f"damaged.{kind}"
    path.write_bytes(bytes(damaged[:cut]))
    try:
        inspection = inspect_form(path)
    except SecResponderError as exc:
        message = str(exc)
        assert message.startswith(f"{path}: ")
        assert "\n" not in message
    else:
        assert inspection.format.value == kind
