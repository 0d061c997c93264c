"""Form speed: filling a 20-question Word form (with the read-back check), in-process and as
a `secresponder fill` subprocess; inspecting 100 forms; a 2,000-question form; a comments log.

Run:  .venv/bin/python benchmarks/bench_forms.py

Baselines measured in the same run on the same files: python-docx merely opening
and saving the Word form (``Document(path).save(...)``; for the subprocess, a
Python process doing only that), and openpyxl merely loading and saving the
workbook. Our figures include the safety checks, the fill report, reading the
output back and the atomic write of the output file.
"""

from __future__ import annotations

import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.shared import Pt
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Border, Font, Side

from secresponder.domain.forms import Answers
from secresponder.fileio import atomic_write_bytes
from secresponder.forms.api import fill_form, fill_with_report, inspect_form, read_back
from secresponder.forms.docx import fill_docx
from secresponder.forms.safety import check_office_file

REPEATS = 15
SUBPROCESS_REPEATS = 7
BIG_QUESTIONS = 2_000
BIG_REPEATS = 3
SRC = Path(__file__).resolve().parents[1] / "src"
# The subprocess baseline: a Python process that only opens and saves the form.
DOCX_OPEN_SAVE = "import sys; from docx import Document; Document(sys.argv[1]).save(sys.argv[2])"
INSPECT_FORMS = 100
LABEL_SETS = (
    ("Name", "Organisation", "Email address", "Telephone", "SEC Party Category", "Confidential?"),
    ("Respondent name", "Company", "E-mail", "Contact number", "Party Category", "Confidential"),
    ("Your name", "Organisation name", "Email", "Phone number"),
)
TOPICS = (
    "the proposed solution addresses the issue identified",
    "the legal text delivers the intent of the solution",
    "the proposed implementation date of 29 February 2024",
    "the changes to Section H 'DCC Services'",
    "the amendments to Appendix AB",
    "the revised release management policy",
)


def word_form(path: Path, questions: int, variant: int = 0) -> Path:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    doc.add_heading(f"MP{200 + variant} consultation response form", level=1)
    doc.add_paragraph(
        "Please complete this form and return it to sec.change@gemserv.com by 5pm on "
        "12 May 2023. Responses will be published unless marked confidential."
    )
    labels = LABEL_SETS[variant % len(LABEL_SETS)]
    details = doc.add_table(rows=len(labels), cols=2)
    details.style = "Table Grid"
    for row, label in zip(details.rows, labels, strict=True):
        row.cells[0].text = label
    doc.add_paragraph()
    table = doc.add_table(rows=1 + questions, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("No.", "Question", "Response", "Rationale"),
                          strict=True):
        cell.text = text
    for n in range(1, questions + 1):
        topic = TOPICS[(n + variant) % len(TOPICS)]
        table.rows[n].cells[0].text = str(n)
        table.rows[n].cells[1].text = f"Do you agree that {topic}? Please give your rationale."
    doc.save(path)
    return path


def comments_log(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Comments"
    for i, label in enumerate(("Organisation", "Name", "Email"), start=2):
        ws.cell(i, 1, label)
    side = Side(style="thin")
    box = Border(left=side, right=side, top=side, bottom=side)
    headers = (
        "No.",
        "Document",
        "Section / Paragraph",
        "Comment",
        "Proposed change",
        "Confidential",
    )
    for c, text in enumerate(headers, start=1):
        ws.cell(7, c, text).font = Font(bold=True)
        for r in range(8, 208):
            ws.cell(r, c).border = box
    wb.save(path)
    return path


def answers_for(questions: int) -> Answers:
    return Answers.from_json(
        {
            "respondent": {
                "name": "Priya Shah",
                "organisation": "Northern Lights Energy Ltd",
                "email": "regulation@northernlights.example",
                "phone": "0161 496 0000",
                "party_category": "Large Supplier",
                "confidential": False,
            },
            "answers": {
                str(n): {
                    "response": ("Yes", "No", "Neutral")[n % 3],
                    "rationale": f"Our view on question {n}.\n\nA second paragraph of detail.",
                }
                for n in range(1, questions + 1)
            },
            "comments": [],
        }
    )


def timed(fn: Callable[[], object], repeats: int = REPEATS) -> list[float]:
    fn()  # warm up (imports, caches)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def paired(ours: Callable[[], object], baseline: Callable[[], object]) -> tuple[float, float]:
    """Medians of ``ours`` and ``baseline`` run alternately, so machine load hits both alike."""
    ours()
    baseline()
    a: list[float] = []
    b: list[float] = []
    for _ in range(REPEATS):
        for fn, times in ((ours, a), (baseline, b)):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def run_quietly(args: list[str]) -> None:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    subprocess.run(args, check=True, capture_output=True, env=env)


def subprocess_fill(form: Path, answers: Answers, root: Path) -> tuple[float, float]:
    """`secresponder fill` as a new process against a process doing python-docx open + save."""
    answers_path = root / "answers.json"
    answers_path.write_text(json.dumps(answers.to_json()), "utf-8")
    ours = [sys.executable, "-m", "secresponder", "fill", str(form), "--answers",
            str(answers_path), "-o", str(root / "cli-filled.docx"), "--force"]
    base = [sys.executable, "-c", DOCX_OPEN_SAVE, str(form), str(root / "cli-base.docx")]
    a: list[float] = []
    b: list[float] = []
    run_quietly(ours)
    run_quietly(base)
    for _ in range(SUBPROCESS_REPEATS):
        for args, times in ((ours, a), (base, b)):
            start = time.perf_counter()
            run_quietly(args)
            times.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)


def big_form(root: Path) -> dict[str, float]:
    """Inspect and fill (read back included) a 2,000-question form; python-docx alongside."""
    form = word_form(root / "form2000.docx", BIG_QUESTIONS)
    answers = answers_for(BIG_QUESTIONS)
    out = root / "filled2000.docx"
    times: dict[str, list[float]] = {"inspect": [], "fill": [], "open_save": []}
    for _ in range(BIG_REPEATS):
        for name, fn in (
            ("inspect", lambda: inspect_form(form)),
            ("fill", lambda: fill_form(form, answers, out, overwrite=True)),
            ("open_save", lambda: Document(str(form)).save(io.BytesIO())),
        ):
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        form = word_form(root / "form20.docx", 20)
        out = root / "filled.docx"
        answers = answers_for(20)

        def baseline_docx() -> None:
            Document(str(form)).save(io.BytesIO())

        def ours_docx() -> None:
            fill_form(form, answers, out, overwrite=True)

        fill, base = paired(ours_docx, baseline_docx)
        package = check_office_file(form)
        filled = fill_with_report(package, answers)
        assert not filled.report.unplaced, filled.report.unplaced
        read_back_ms, _ = paired(lambda: read_back(package, filled), baseline_docx)
        cli_fill, cli_base = subprocess_fill(form, answers, root)
        big = big_form(root)
        data = fill_docx(form, answers)
        check_ms, _ = paired(lambda: check_office_file(form), baseline_docx)
        docx_ms, _ = paired(lambda: fill_docx(form, answers), baseline_docx)
        write_ms, _ = paired(
            lambda: atomic_write_bytes(root / "write.docx", data, overwrite=True), baseline_docx
        )

        forms = [
            word_form(root / f"inspect{i:03}.docx", 5 + (i * 7) % 36, variant=i)
            for i in range(INSPECT_FORMS)
        ]
        per_form = []
        start_all = time.perf_counter()
        for path in forms:
            start = time.perf_counter()
            inspection = inspect_form(path)
            per_form.append(time.perf_counter() - start)
            assert inspection.questions, path
        total_inspect = time.perf_counter() - start_all
        open_only = statistics.median(timed(lambda: [Document(str(p)) for p in forms[:10]], 3)) / 10

        log = comments_log(root / "log.xlsx")
        log_out = root / "log-filled.xlsx"
        comments = Answers.from_json(
            {
                "respondent": {"name": "Priya Shah", "organisation": "Northern Lights"},
                "comments": [
                    {"document": "Section H", "section": f"H{n}.1", "comment": f"Comment {n}"}
                    for n in range(1, 51)
                ],
            }
        )

        def baseline_xlsx() -> None:
            load_workbook(log).save(io.BytesIO())

        def ours_xlsx() -> None:
            fill_form(log, comments, log_out, overwrite=True)

        xfill, xbase = paired(ours_xlsx, baseline_xlsx)

    print("| measurement | ours | baseline | ratio |")
    print("| --- | --- | --- | --- |")
    print(
        f"| fill 20-question .docx (median of {REPEATS}) | {ms(fill)} | "
        f"{ms(base)} (python-docx open + save) | {fill / base:.2f}x |"
    )
    print(
        f"| of which: safety checks {ms(check_ms)}, .docx fill {ms(docx_ms)}, "
        f"read-back check {ms(read_back_ms)}, atomic write with fsync {ms(write_ms)} | | | |"
    )
    print(
        f"| `secresponder fill` 20-question .docx as a subprocess (median of "
        f"{SUBPROCESS_REPEATS}) | {ms(cli_fill)} | {ms(cli_base)} (python process: python-docx "
        f"open + save) | {cli_fill / cli_base:.2f}x |"
    )
    print(
        f"| {BIG_QUESTIONS:,}-question .docx: inspect (median of {BIG_REPEATS}) | "
        f"{big['inspect']:.2f} s | {big['open_save']:.2f} s (python-docx open + save) | "
        f"{big['inspect'] / big['open_save']:.2f}x |"
    )
    print(
        f"| {BIG_QUESTIONS:,}-question .docx: fill with read-back, every question answered | "
        f"{big['fill']:.2f} s | {big['open_save']:.2f} s (python-docx open + save) | "
        f"{big['fill'] / big['open_save']:.2f}x |"
    )
    print(
        f"| inspect {INSPECT_FORMS} different .docx forms (5-40 questions), per form | "
        f"median {ms(statistics.median(per_form))}, max {ms(max(per_form))}, "
        f"total {total_inspect:.2f} s | {ms(open_only)} (python-docx open only) | "
        f"{statistics.median(per_form) / open_only:.2f}x |"
    )
    print(
        f"| fill .xlsx comments log, 50 comments (median of {REPEATS}) | {ms(xfill)} | "
        f"{ms(xbase)} (openpyxl load + save) | {xfill / xbase:.2f}x |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
