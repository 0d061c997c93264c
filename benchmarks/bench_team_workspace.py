"""A team workspace on PostgreSQL against a folder (SQLite), through the same services.

Run:  .venv/bin/python benchmarks/bench_team_workspace.py [--seconds 60]

Starts a throwaway PostgreSQL (tests/pg/server.py, on loopback, with PostgreSQL's own
durability settings: every commit waits for its WAL to reach the disk) and a folder
workspace (SQLite in WAL mode, synchronous=NORMAL, as the app opens it), fills each with the same
10,000 consultations, then measures on both, the folder being the baseline measured in
the same run:

- listing all 10,000 consultations (the columns the list shows, decoded to Python);
- one draft save through ``services.drafting.save``: a draft of 20 answered questions on an
  authority's form, one answer changed each time, saved from the version it started from;
  median and 95th percentile of 300;
- full-text search: 12 queries, median per query;
- 20 simulated users saving drafts for ``--seconds``: each a thread with a workspace of its
  own opened as the app opens it, 5 users on each of 4 consultations, each owning 4 of its 20
  questions. A user reads the draft, changes one of their answers and saves from the version
  they had, keeps the draft the save returns (as the window does) and reads it again every
  fifth save, so saves land on a draft others changed since and are merged. Reported: saves
  per second, 95th percentile latency, merged saves, the fewest and most saves by one user,
  saves refused (a conflict or a busy workspace, each with its sentence, counted by
  sentence), and answers lost: each user's last saved text for each of their questions
  must be in the final draft (and in the draft every later save of theirs returned);
- on the team database only, how long after a draft save's commit another connection hears
  of it (LISTEN/NOTIFY), against one ``SELECT 1`` round trip to the same server.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.pg.fixtures import admin_connection
from tests.pg.server import ThrowawayServer

from secresponder.domain.clock import system_clock
from secresponder.domain.deadline import LONDON
from secresponder.domain.draft import Draft, FormChoice
from secresponder.domain.forms import (
    Answer,
    FormFormat,
    FormInspection,
    FormKind,
    Question,
    RespondentField,
)
from secresponder.errors import SecResponderError
from secresponder.services import drafting
from secresponder.services.session import open_workspace
from secresponder.store import search_index
from secresponder.store.backends import AnyWorkspace, upgrade_workspace
from secresponder.store.location import parse_location
from secresponder.store.sql import fulltext, session, tables
from secresponder.store.sql.changes import ChangeFeed
from secresponder.store.workspace import Workspace

ROWS = 10_000
QUESTIONS = 20
USERS, SHARED = 20, 4  # 20 users on 4 consultations: 5 users a draft, 4 questions each
READ_AGAIN_EVERY = 5
NOW = datetime(2023, 5, 1, 9, 0, tzinfo=LONDON)
SETUP_AUTHOR = "Sam Patel <sam@bright.example>"
POSITIONS = ("Yes", "No", "Neutral")
WORDS = ("Device", "firmware", "Service Request", "Alt HAN", "forecasting", "Security",
         "Communications Hub", "Registration Data", "charging", "Technical Specification",
         "prepayment", "smart meter", "interoperability", "DCC", "Supplier", "network")
QUERIES = ("firmware", "alt han", "registration data", '"technical specification"',
           "charging supplier", "prepayment meter", "security", "forecasting -device",
           "communications hub", "interoperability", "network charging", "MP1234")


def _consultations() -> list[dict]:
    rng = random.Random(11)
    rows = []
    for n in range(ROWS):
        title = " ".join(rng.choice(WORDS) for _ in range(5))
        summary = ". ".join(" ".join(rng.choice(WORDS) for _ in range(12)) for _ in range(4))
        rows.append(dict(
            key=f"mp{n}", reference=f"MP{n}", title=title, summary=summary,
            kind=rng.choice(["Refinement Consultation", None]),
            closes_at=NOW + timedelta(days=rng.randint(-900, 60)),
            audience=["Large Suppliers", "Other SEC Parties"],
            documents=[{"label": "Consultation document", "url": None}],
            respond_to="sec.change@gemserv.com", first_seen=NOW, last_seen=NOW,
        ))
    return rows


def _form() -> FormChoice:
    """An authority's response form of 20 questions, as a chosen form is kept in a draft."""
    questions = tuple(
        Question(str(n), f"Do you agree with the proposed change {n} to the Technical "
                 f"Specification and its effect on Device firmware and Service Requests?",
                 POSITIONS)
        for n in range(1, QUESTIONS + 1)
    )
    inspection = FormInspection(
        format=FormFormat.DOCX, kind=FormKind.QUESTIONS, questions=questions,
        respondent_fields=tuple(RespondentField(key, label) for key, label in (
            ("name", "Name"), ("organisation", "Organisation"), ("email", "Email address"),
            ("phone", "Telephone"), ("party_category", "SEC Party category"),
            ("confidential", "Confidential?"))),
    )
    digest = "ab" * 32
    return FormChoice(inspection=inspection, original_name="Consultation response form.docx",
                      sha256=digest, stored_name=f"{digest}.docx")


def _rationale(who: str, take: int, rng: random.Random) -> str:
    """About 600 characters, as a real rationale runs; unique to who wrote it and when."""
    words = " ".join(rng.choice(WORDS) for _ in range(70))
    return f"{who}, take {take}: we support this in principle. {words}."


def _answered(ref_key: str) -> Draft:
    rng = random.Random(ref_key)
    answers = {str(n): Answer(rng.choice(POSITIONS), _rationale("Sam", 0, rng))
               for n in range(1, QUESTIONS + 1)}
    return Draft(ref_key, form=_form(), answers=answers)


def _fill(ws: AnyWorkspace, rows: list[dict]) -> float:
    start = time.perf_counter()
    with session.transaction(ws) as conn:
        conn.execute(insert(tables.consultations), rows)
    return time.perf_counter() - start


def _timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def _list(ws: AnyWorkspace) -> int:
    c = tables.consultations.c
    with session.reading(ws) as conn:
        return len(conn.execute(
            select(c.key, c.reference, c.title, c.kind, c.closes_at, c.party_categories,
                   c.listed).order_by(c.closes_at)
        ).all())


def _search(ws: AnyWorkspace, query: str) -> int:
    if isinstance(ws, Workspace):
        return len(search_index.search(ws.connection, search_index.match_expression(query)))
    with session.reading(ws) as conn:
        return len(fulltext.search(conn, query))


class _Editor:
    """One person's open draft: change one answer, save from the version it started from."""

    def __init__(self, ws: AnyWorkspace, ref: str, author: str, questions: list[str],
                 seed: int) -> None:
        self.ws, self.ref, self.author, self.questions = ws, ref, author, questions
        self.rng = random.Random(seed)
        self.draft = drafting.open_draft(ws, ref)
        self.take = 0

    def change(self) -> tuple[str, Answer]:
        self.take += 1
        number = self.questions[self.take % len(self.questions)]
        answer = Answer(self.rng.choice(POSITIONS),
                        _rationale(self.author, self.take, self.rng))
        self.draft = self.draft.with_answer(number, answer.response, answer.rationale)
        return number, answer

    def save(self) -> drafting.SaveResult:
        result = drafting.save(self.ws, self.draft, author=self.author, clock=system_clock)
        self.draft = result.draft
        return result


def _one_save(ws: AnyWorkspace, ref: str, runs: int = 300) -> list[float]:
    editor = _Editor(ws, ref, SETUP_AUTHOR, [str(n) for n in range(1, QUESTIONS + 1)], 1)
    times = []
    for _ in range(runs):
        editor.change()
        start = time.perf_counter()
        result = editor.save()
        times.append(time.perf_counter() - start)
        assert result.saved and not result.conflicts, result.message
    return times


def _shape(sentence: str) -> str:
    """A refusal's sentence with its version numbers and times left out, to count alike."""
    return re.sub(r"\b\d{1,2}:\d\d\b", "HH:MM", re.sub(r"version \d+", "version N", sentence))


@dataclass
class _Tally:
    latencies: list[float] = field(default_factory=list)
    merged: int = 0
    refused: Counter[str] = field(default_factory=Counter)
    failures: list[BaseException] = field(default_factory=list)
    seen_lost: list[str] = field(default_factory=list)
    per_user: Counter[int] = field(default_factory=Counter)
    # (ref, question) -> the answer its owner last saved successfully
    last_saved: dict[tuple[str, str], Answer] = field(default_factory=dict)


def _users(open_one: Callable[[], AnyWorkspace], seconds: float) -> tuple[_Tally, float, int]:
    """Each user's saves, merges, refusals; the seconds elapsed and the answers lost."""
    refs = [f"MP{n}" for n in range(SHARED)]
    ws = open_one()
    try:
        for ref in refs:
            drafting.save(ws, _answered(ref.lower()), author=SETUP_AUTHOR, clock=system_clock)
    finally:
        ws.close()
    tally = _Tally()
    lock = threading.Lock()
    per_draft = USERS // SHARED
    mine_count = QUESTIONS // per_draft
    stop = time.monotonic() + seconds

    def user(n: int) -> None:
        ref = refs[n % SHARED]
        seat = n // SHARED
        mine = [str(q) for q in range(seat * mine_count + 1, (seat + 1) * mine_count + 1)]
        author = f"User {n} <user{n}@bright.example>"
        ws = open_one()
        try:
            editor = _Editor(ws, ref, author, mine, n)
            saves = 0
            while time.monotonic() < stop:
                if saves and saves % READ_AGAIN_EVERY == 0:
                    editor.draft = drafting.open_draft(ws, ref)
                number, answer = editor.change()
                start = time.perf_counter()
                try:
                    result = editor.save()
                except SecResponderError as exc:  # one sentence: counted as refused
                    with lock:
                        tally.refused[_shape(str(exc))] += 1
                    editor.draft = drafting.open_draft(ws, ref)
                    continue
                except BaseException as exc:  # not one sentence: a bug, reported below
                    with lock:
                        tally.failures.append(exc)
                    editor.draft = drafting.open_draft(ws, ref)
                    continue
                took = time.perf_counter() - start
                saves += 1
                with lock:
                    tally.latencies.append(took)
                    tally.per_user[n] += 1
                    tally.merged += result.merged
                    clashed = {c.question for c in result.conflicts}
                    if result.conflicts:
                        tally.refused[_shape(result.message)] += 1
                    if number not in clashed:
                        tally.last_saved[(ref, number)] = answer
                    # What this user saved before must still be in the draft just stored.
                    for q in mine:
                        kept = tally.last_saved.get((ref, q))
                        if kept is not None and result.draft.answers.get(q) != kept:
                            tally.seen_lost.append(f"{ref} question {q} after a save by {author}")
        finally:
            ws.close()

    threads = [threading.Thread(target=user, args=(n,)) for n in range(USERS)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    ws = open_one()
    try:
        final = {ref: drafting.open_draft(ws, ref) for ref in refs}
    finally:
        ws.close()
    lost = [f"{ref} question {q}" for (ref, q), answer in sorted(tally.last_saved.items())
            if final[ref].answers.get(q) != answer]
    for what in lost:
        print(f"  ANSWER LOST: {what}: the last saved text is not in the final draft")
    for what in tally.seen_lost[:10]:
        print(f"  ANSWER LOST: {what}: an earlier saved text was missing from the draft stored")
    for exc in tally.failures[:3]:
        print(f"  save failed without a sentence: {exc!r}")
    return tally, elapsed, len(lost)


def _heard(url: str, samples: int = 50) -> tuple[list[float], list[float]]:
    """(seconds from a draft save's commit until another connection hears it, SELECT 1
    round trips)."""
    heard, trips = [], []
    with open_workspace(url) as writer, ChangeFeed.open(parse_location(url)) as feed:
        editor = _Editor(writer, "MP20", SETUP_AUTHOR, ["1", "2"], 3)
        for _ in range(samples):
            editor.change()
            editor.save()
            committed = time.perf_counter()
            assert feed.poll(2.0), "a change was not heard within 2 s"
            heard.append(time.perf_counter() - committed)
            while feed.poll(0.02):  # the rest of this save's notices
                pass
            with session.reading(writer) as conn:
                trips += _timed(lambda conn=conn: conn.exec_driver_sql("SELECT 1").all(), 1)
    return heard, trips


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    rows = _consultations()
    server = ThrowawayServer.start(durable=True)
    try:
        with admin_connection(server) as conn:
            conn.execute("CREATE DATABASE bench")
        url = server.url("bench")
        upgrade_workspace(url)
        folder = Path(tempfile.mkdtemp(prefix="bench-team-")) / "workspace"
        # As a user's app opens it; a folder's daily backup is left out of the timings.
        kinds: dict[str, Callable[[], AnyWorkspace]] = {
            "folder (SQLite)": lambda: open_workspace(folder, upkeep=False),
            "team (PostgreSQL)": lambda: open_workspace(url),
        }
        results: dict[str, dict[str, float]] = {}
        tallies: dict[str, _Tally] = {}
        for name, open_one in kinds.items():
            ws = open_one()
            figures: dict[str, float] = {"fill": _fill(ws, rows)}
            figures["list"] = statistics.median(_timed(lambda ws=ws: _list(ws), 7))
            drafting.save(ws, _answered("mp10"), author=SETUP_AUTHOR, clock=system_clock)
            saves = _one_save(ws, "MP10")
            figures["save_median"], figures["save_p95"] = statistics.median(saves), _p95(saves)
            per_query = [statistics.median(_timed(lambda q=q, ws=ws: _search(ws, q), 5))
                         for q in QUERIES]
            figures["search"] = statistics.median(per_query)
            with session.reading(ws) as conn:
                assert conn.execute(select(func.count()).select_from(tables.consultations)
                                    ).scalar_one() == ROWS
            ws.close()
            tally, elapsed, lost = _users(open_one, args.seconds)
            figures.update(users_rate=len(tally.latencies) / elapsed,
                           users_p95=_p95(tally.latencies), users_lost=lost)
            results[name] = figures
            tallies[name] = tally
        base, team = results["folder (SQLite)"], results["team (PostgreSQL)"]
        heard, trips = _heard(url)

        def row(label: str, key: str, scale: float = 1000.0, unit: str = "ms") -> None:
            print(f"| {label} | {base[key] * scale:,.1f} {unit} | {team[key] * scale:,.1f} "
                  f"{unit} | {team[key] / base[key]:.2f}x |")

        def counts(label: str, pick: Callable[[_Tally, dict[str, float]], str]) -> None:
            print(f"| {label} | {pick(tallies['folder (SQLite)'], base)} | "
                  f"{pick(tallies['team (PostgreSQL)'], team)} | |")

        print("| measure | folder (baseline) | team database | team / folder |")
        print("| --- | ---: | ---: | ---: |")
        row("insert 10,000 consultations (one transaction)", "fill", 1.0, "s")
        row("list 10,000 consultations", "list")
        row(f"one draft save ({QUESTIONS} answers, one changed), median", "save_median")
        row("one draft save, 95th percentile", "save_p95")
        row("search, median of 12 queries", "search")
        row(f"{USERS} users for {args.seconds:.0f} s: draft saves per second", "users_rate",
            1.0, "/s")
        row(f"{USERS} users: save latency, 95th percentile", "users_p95")
        counts(f"{USERS} users: saves (merged with others' changes)",
               lambda t, f: f"{len(t.latencies):,} ({t.merged:,})")
        counts(f"{USERS} users: saves by the user who saved least / most",
               lambda t, f: f"{min(t.per_user[n] for n in range(USERS)):,} / "
               f"{max(t.per_user.values()):,}")
        counts(f"{USERS} users: saves refused (conflict or busy)",
               lambda t, f: f"{sum(t.refused.values()):,}")
        counts(f"{USERS} users: saves failed without a sentence",
               lambda t, f: f"{len(t.failures):,}")
        counts(f"{USERS} users: ANSWERS LOST (of questions saved)",
               lambda t, f: f"{f['users_lost']:.0f} of {len(t.last_saved)}"
               + (f", {len(t.seen_lost)} in passing" if t.seen_lost else ""))
        for name, tally in tallies.items():
            for sentence, count in tally.refused.most_common():
                print(f"\n{name}, refused {count} times: {sentence}")
        print()
        print("| team database | round trip (SELECT 1, baseline) | draft save heard by another "
              "connection | heard / round trip |")
        print("| --- | ---: | ---: | ---: |")
        for label, pick in (("median", statistics.median), ("95th percentile", _p95)):
            print(f"| {label} | {pick(trips) * 1000:.2f} ms | {pick(heard) * 1000:.2f} ms | "
                  f"{pick(heard) / pick(trips):.1f}x |")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
