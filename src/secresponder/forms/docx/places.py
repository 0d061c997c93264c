"""The places in a document where answers go, and what the form asks in each.

A place points at live elements of the parsed document.xml tree: a table cell,
a placeholder paragraph, the text after a label's colon, or a content control.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from secresponder.forms.docx.checkboxes import CheckBox


@dataclass(frozen=True)
class CellPlace:
    """A table cell (or a block content control's content) that takes whole paragraphs."""

    cell: etree._Element


@dataclass(frozen=True)
class ParagraphPlace:
    """A paragraph that is empty, a placeholder or a box: its runs are replaced."""

    paragraph: etree._Element


@dataclass(frozen=True)
class AfterLabelPlace:
    """The text after a label in one paragraph ("Name: [Insert name]")."""

    paragraph: etree._Element
    label_end: int  # characters of the paragraph's own runs that belong to the label


@dataclass(frozen=True)
class ControlPlace:
    """A content control (w:sdt) that is not a check box, or a legacy form field.

    For a legacy FORMTEXT or FORMDROPDOWN field ``sdt`` is the field's begin run (w:r).
    """

    sdt: etree._Element


@dataclass(frozen=True)
class TextBoxPlace:
    """A text box: its w:txbxContent copies (DrawingML and its VML fallback), filled alike."""

    contents: tuple[etree._Element, ...]


Place = CellPlace | ParagraphPlace | AfterLabelPlace | ControlPlace | TextBoxPlace


@dataclass
class QuestionPlaces:
    number: str
    text: str
    response: Place | None = None
    rationale: Place | None = None
    boxes: list[CheckBox] = field(default_factory=list)
    positions: tuple[str, ...] = ()

    # Options offered by a drop-down (content control or legacy field) at the response place.
    choices: tuple[str, ...] = ()

    @property
    def options(self) -> tuple[str, ...]:
        labelled = tuple(b.label for b in self.boxes if b.label)
        return labelled or self.choices or self.positions


@dataclass
class RespondentPlaces:
    key: str | None
    label: str
    value: Place | None = None
    boxes: list[CheckBox] = field(default_factory=list)


@dataclass
class FormMap:
    """Every respondent field and question found in a document, in document order."""

    respondent: list[RespondentPlaces] = field(default_factory=list)
    questions: list[QuestionPlaces] = field(default_factory=list)
    # Places the reader guessed (an empty paragraph after a question, a table read
    # without its header): shown to the user as unsure.
    unsure: set[Place] = field(default_factory=set)
    # Questions whose number the reader made up (no number in the form).
    guessed_numbers: set[str] = field(default_factory=set)
