"""Word form speed by answer mechanism: the checked fill of each kind of form Word offers.

Run:  .venv/bin/python benchmarks/bench_docx_mechanisms.py

Forms (built in the run, in raw WordprocessingML, as tests/forms/wordml_builders.py
makes them), 20 questions each: legacy form fields in a document protected for
filling in (FORMTEXT rationale, FORMDROPDOWN position, FORMTEXT respondent details),
content controls (drop-down position, rich-text rationale), text boxes with their VML
fallback, and Joint Office style label rows over answer rows. Ours is the whole checked
fill (`fill_form`: safety checks, reading the form, the fill with its report, the
read-back check and the atomic write); the baseline, measured in the same run on the
same file, is python-docx merely opening and saving it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from docx import Document

from bench_forms import ms, paired

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.forms import wordml_builders as x

from secresponder.domain.forms import Answers
from secresponder.forms.api import fill_form

QUESTIONS = 20


def _question(n: int) -> str:
    return f"Do you agree with proposal {n} on the release management policy?"


def legacy_form(path: Path) -> Path:
    rows = [
        x.row(
            x.cell(str(n)),
            x.cell(_question(n)),
            x.cell(x.para(x.formdropdown(f"Drop{n}", [" ", "Yes", "No", "Neutral"]))),
            x.cell(x.para(x.formtext(f"Text{n}"))),
        )
        for n in range(1, QUESTIONS + 1)
    ]
    return x.build(
        path,
        x.table(
            x.row(x.cell("Respondent:"), x.cell(x.para(x.formtext("Name")))),
            x.row(x.cell("Company Name:"), x.cell(x.para(x.formtext("Company")))),
        ),
        x.para(""),
        x.table(
            x.row(x.cell("Q"), x.cell("Question"), x.cell("Response"), x.cell("Rationale"),
                  header=True),
            *rows,
            columns=4,
        ),
        protect_forms=True,
    )


def controls_form(path: Path) -> Path:
    blocks = [x.para("Name: ", x.sdt_text("Name")), x.para("Organisation: ", x.sdt_text("Org"))]
    for n in range(1, QUESTIONS + 1):
        blocks += [
            x.para(f"Q{n}. {_question(n)}"),
            x.para("Response: ", x.sdt_dropdown(f"Q{n} position", ["Yes", "No", "Neutral"])),
            x.para(x.sdt_rich(f"Q{n} rationale")),
        ]
    return x.build(path, *blocks)


def text_box_form(path: Path) -> Path:
    blocks = [x.para("Name: [Insert name]")]
    for n in range(1, QUESTIONS + 1):
        blocks += [
            x.para(f"{n}. {_question(n)}"),
            x.para(x.text_box(x.para("[Enter your response here]"))),
        ]
    return x.build(path, *blocks)


def label_rows_form(path: Path) -> Path:
    rows = []
    for n in range(1, QUESTIONS + 1):
        rows += [x.row(x.cell(f"Q{n}: {_question(n)}", span=2)), x.row(x.cell("", span=2))]
    return x.build(
        path,
        x.table(x.row(x.cell("Organisation:"), x.cell("")), x.row(x.cell("Name:"), x.cell(""))),
        x.para(""),
        x.table(*rows, columns=2),
    )


def answers() -> Answers:
    return Answers.from_json(
        {
            "respondent": {"name": "Alice Smith", "organisation": "Acme Energy"},
            "answers": {
                str(n): {
                    "response": "No" if n % 2 else "Yes",
                    "rationale": f"Reason one for {n}.\n\nReason two for {n}.",
                }
                for n in range(1, QUESTIONS + 1)
            },
        }
    )


def main() -> None:
    given = answers()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        print("| form (20 questions) | checked fill | python-docx open + save | ratio |")
        print("| --- | --- | --- | --- |")
        for name, build in (
            ("legacy form fields, protected for filling in", legacy_form),
            ("content controls (drop-down + rich text)", controls_form),
            ("text boxes with VML fallback", text_box_form),
            ("label rows over answer rows (Joint Office)", label_rows_form),
        ):
            form = build(root / f"{build.__name__}.docx")
            out = root / f"{build.__name__}-filled.docx"

            def ours(form: Path = form, out: Path = out) -> None:
                fill_form(form, given, out, overwrite=True)

            def baseline(form: Path = form) -> None:
                Document(str(form)).save(str(root / "baseline.docx"))

            a, b = paired(ours, baseline)
            print(f"| {name} | {ms(a)} | {ms(b)} | {a / b:.2f}x |")


if __name__ == "__main__":
    main()
