"""Excel form speed: the checked fill of question sheets written into the sheet XML in place.

Run:  .venv/bin/python benchmarks/bench_xlsx_forms.py

Forms (built with openpyxl in the run): a 20-question sheet under a merged two-row
header with a drop-down on the position column and an Excel 2010 (x14) drop-down
kept alongside, and the same layout with 2,000 questions. Ours is the whole checked
fill (`fill_form`: safety checks, reading the form, the fill with its report, the
read-back check and the atomic write); the baseline, measured in the same run on the
same file, is openpyxl merely loading and saving the workbook (what filling used to do
around its edits, losing the x14 drop-down and anything else openpyxl does not keep).
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

from openpyxl import load_workbook

from bench_forms import ms, paired

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.forms.xlsx_builders import add_x14_list, two_row_header_sheet

from secresponder.domain.forms import Answers
from secresponder.forms.api import fill_form, inspect_form

BIG_QUESTIONS = 2_000
BIG_REPEATS = 3


def question_form(path: Path, questions: int) -> Path:
    texts = tuple(
        f"Do you agree with proposal {n} on the release management policy?"
        for n in range(1, questions + 1)
    )
    two_row_header_sheet(path, texts)
    add_x14_list(path, "Questions", f"E8:E{7 + questions}", '"High,Medium,Low"')
    return path


def answers_for(questions: int) -> Answers:
    return Answers.from_json(
        {
            "respondent": {"name": "Priya Shah", "organisation": "Northern Lights Energy Ltd"},
            "answers": {
                str(n): {
                    "response": ("Agree", "Disagree", "Neutral")[n % 3],
                    "rationale": f"Our reasons for question {n}.\n\nA second paragraph.",
                }
                for n in range(1, questions + 1)
            },
        }
    )


def open_save(path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        load_workbook(path).save(io.BytesIO())


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="secresponder-bench-") as folder:
        root = Path(folder)
        small = question_form(root / "form20.xlsx", 20)
        small_answers = answers_for(20)
        out = root / "filled20.xlsx"
        fill, base = paired(
            lambda: fill_form(small, small_answers, out, overwrite=True),
            lambda: open_save(small),
        )
        print("| measurement | ours | baseline | ratio |")
        print("| --- | --- | --- | --- |")
        print(
            f"| fill 20-question .xlsx (two-row header, drop-downs), with the read-back check "
            f"| {ms(fill)} | {ms(base)} (openpyxl load + save) | {fill / base:.2f}x |"
        )
        big = question_form(root / "form2000.xlsx", BIG_QUESTIONS)
        big_answers = answers_for(BIG_QUESTIONS)
        big_out = root / "filled2000.xlsx"
        times: dict[str, list[float]] = {"inspect": [], "fill": [], "open_save": []}
        for _ in range(BIG_REPEATS):
            for name, fn in (
                ("inspect", lambda: inspect_form(big)),
                ("fill", lambda: fill_form(big, big_answers, big_out, overwrite=True)),
                ("open_save", lambda: open_save(big)),
            ):
                start = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - start)
        median = {name: statistics.median(t) for name, t in times.items()}
        for name, what in (("inspect", "inspect"), ("fill", "fill with read-back, every "
                                                            "question answered")):
            print(
                f"| 2,000-question .xlsx: {what} | {median[name]:.2f} s | "
                f"{median['open_save']:.2f} s (openpyxl load + save) | "
                f"{median[name] / median['open_save']:.2f}x |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
