"""Damaged pages: whatever happens to the bytes, reading returns or raises PageError only."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secresponder.catalogue.reader import PageError, PageReading, read_page

DATA = Path(__file__).parent.parent / "data"
PAGES = [
    (DATA / "seeds" / "open-consultations.txt").read_bytes(),
    (DATA / "seeds" / "sec-releases.txt").read_bytes(),
    (DATA / "html" / "open-consultations.html").read_bytes(),
    (DATA / "html" / "sec-releases.html").read_bytes(),
]
JUNK = st.sampled_from(
    [b"\x00", b"\xff\xfe", b"<", b"</div>", b"<h4>", b"(Closing Date: 31 February 2023)",
     b"SEC v99.9", b"\xe2\x80", b"\r", b"  \xe2\x80\xa2 ", b"[email\xc2\xa0protected]",
     b"data-cfemail=\"zz\"", b"<a href=\"/cdn-cgi/l/email-protection#0\">", b"&#0;",
     b"MP999 \xe2\x80\x98", b"by 99pm on 40/13/2023", b"Who should respond?\n", b"\t"]
)


def _check(data: bytes) -> None:
    try:
        reading = read_page(data, "damaged")
    except PageError as exc:
        message = str(exc)
        assert message.startswith("damaged: ")
        assert message.endswith(".")
        return
    assert isinstance(reading, PageReading)
    for consultation in reading.consultations:
        assert "protected]" not in consultation.respond_to
        assert consultation.closes_at.tzinfo is not None
        assert consultation.title


@st.composite
def damaged(draw) -> bytes:
    page = draw(st.sampled_from(PAGES))
    lines = page.split(b"\n")
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "junk", "flip"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "junk":
            lines.insert(i, draw(JUNK))
        elif lines[i]:
            line = bytearray(lines[i])
            k = draw(st.integers(0, len(line) - 1))
            line[k] = draw(st.integers(0, 255))
            lines[i] = bytes(line)
    data = b"\n".join(lines)
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_pages_read_or_raise_page_error(data: bytes) -> None:
    _check(data)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_read_or_raise_page_error(data: bytes) -> None:
    _check(data)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=600))
def test_random_text_read_or_raise_page_error(text: str) -> None:
    _check(text.encode("utf-8"))


def test_look_alike_letters_in_month_and_kind_are_read_not_crashed() -> None:
    # Case-insensitive patterns accept the long s and the dotless i as "s" and "i".
    page = (
        "MP301 \u2018Look-alike letters\u2019 Refinement Consultat\u0131on "
        "(Closing Date: 1 \u017fept 2023)\n"
        "How to respond\n"
        "Please respond to sec.change@gemserv.com by 5pm on 2 apr\u0131l 2024.\n"
    ).encode("utf-8")
    reading = read_page(page, "look-alike.txt")
    (consultation,) = reading.consultations
    assert consultation.reference == "MP301"
    assert consultation.kind == "Refinement Consultation"
    assert consultation.title == "Look-alike letters"
    assert consultation.closes_at.isoformat() == "2024-04-02T17:00:00+01:00"
    title_only = page.replace(b"How to respond\n", b"").replace(b" by 5pm", b"")
    (consultation,) = read_page(title_only, "look-alike.txt").consultations
    assert consultation.closes_at.isoformat() == "2023-09-01T17:00:00+01:00"
