"""Real response forms and stored consultations for the drafting and export tests."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from secresponder.domain.consultation import Consultation
from secresponder.domain.deadline import LONDON, closing_instant
from secresponder.domain.parties import PartyCategory, PartyProfile
from secresponder.store.sql import catalogue, session
from secresponder.store.sql import settings as settings_store
from secresponder.store.workspace import Workspace

SEEN = datetime(2023, 4, 1, 9, 0, tzinfo=LONDON)

MP231 = Consultation(
    reference="MP231",
    title="Firmware upgrade pathways",
    kind="Modification Report Consultation",
    closes_at=closing_instant(date(2023, 5, 12)),
    respond_to="SECAS@gemserv.com",
)
RFI = Consultation(
    reference=None,
    title="SMETS1 enrolment: Request for Information",
    kind="Request for Information",
    closes_at=closing_instant(date(2023, 4, 14)),
    subject="RFI Response – SMETS1 Enrolment",
)
PROFILE = PartyProfile(
    organisation="Northern Power Ltd",
    name="Asha Patel",
    email="asha.patel@northernpower.example",
    phone="0161 496 0000",
    party_category=PartyCategory.ELECTRICITY_NETWORK,
)
QUESTIONS = (
    "Do you agree with the proposed solution?",
    "Will there be any impact on your organisation?",
    "Do you agree with the proposed implementation date?",
)


def questions_workbook(path: Path, questions: tuple[str, ...] = QUESTIONS) -> Path:
    """An authority-style .xlsx: respondent labels on top, then Q / Question / Response rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Responses"
    ws["A1"] = "Respondent details"
    ws["A1"].font = Font(bold=True)
    ws["A2"], ws["A3"] = "Name", "Organisation"
    for col, text in enumerate(("Q", "Question", "Response", "Rationale"), start=1):
        ws.cell(6, col, text).font = Font(bold=True)
    for n, question in enumerate(questions, start=1):
        ws.cell(6 + n, 1, n)
        ws.cell(6 + n, 2, question)
    wb.save(path)
    return path


def add_consultations(ws: Workspace, *consultations: Consultation) -> None:
    with session.transaction(ws) as conn:
        catalogue.insert_consultations(conn, consultations, seen_at=SEEN)


def set_profile(ws: Workspace, profile: PartyProfile = PROFILE) -> None:
    with session.transaction(ws) as conn:
        settings_store.save_profile(conn, profile)


def comments_log_workbook(path: Path) -> Path:
    """An authority-style comments log: respondent labels, then one header row of columns."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Comments"
    ws["A1"] = "MP215 'Release Management Policy' comments log"
    ws["A3"], ws["A4"] = "Organisation:", "Name:"
    headers = ("No.", "Document", "Section / Paragraph", "Comment", "Proposed change",
               "Confidential (Y/N)")
    for col, text in enumerate(headers, start=1):
        ws.cell(7, col, text).font = Font(bold=True)
    wb.save(path)
    return path
