"""The plan format as typed, immutable records.

These pydantic models are the single definition of what a plan file may
contain: the loader validates against them, the JSON Schema in ``schema/`` is
generated from them, and everything downstream works on these records, never
on raw dicts. Unknown keys are errors (a typo like ``stauts:`` must not pass).
The field types they are built of (dates, ids, texts, sources, sizes) are in
:mod:`planner.plan.fields`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import (
    Field,
)

from planner.plan.fields import Cited, Date, Id, Name, Record, Size, Text


class SystemKind(StrEnum):
    """Kinds of IT system a vendor delivers."""

    EOJ = "EOJ"  # municipal care-record systems
    EPJ = "EPJ"  # hospital record systems
    LPS = "LPS"  # GP practice systems
    OTHER = "other"


class ReadinessState(StrEnum):
    """How ready a vendor says it is for a wave."""

    READY = "ready"
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    LATE = "late"
    UNKNOWN = "unknown"


class RagStatus(StrEnum):
    """Red / amber / green status of a programme."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class MilestoneKind(StrEnum):
    """What a milestone marks."""

    GO_LIVE = "go-live"
    DECISION = "decision"
    MEETING = "meeting"
    PILOT = "pilot"
    OTHER = "other"


class ProgrammeColour(StrEnum):
    """The colour a programme has on every chart and slide (see charts/theme.PROGRAMME_COLOUR).

    None of them is a status colour (red, amber, green): a programme's colour
    says which programme, never how it is doing.
    """

    INDIGO = "indigo"
    STEEL = "steel"
    TEAL = "teal"
    OLIVE = "olive"
    SAND = "sand"
    WINE = "wine"
    PURPLE = "purple"
    BROWN = "brown"
    SLATE = "slate"
    PLUM = "plum"


class OnboardingState(StrEnum):
    """Where a municipality is in a programme's onboarding."""

    UNASSIGNED = "unassigned"
    PLANNED = "planned"
    ONBOARDING = "onboarding"
    LIVE = "live"


# ---------------------------------------------------------------- portfolio


class Meeting(Record):
    """A meeting of the network the portfolio is presented to, and once held, its frozen record."""

    id: Id | None = Field(default=None, description="needed to close it: python -m planner meeting DATA --close ID")
    date: Date
    name: Name
    agenda: list[Id] = Field(default=[], description="programme ids in the order the meeting takes them")
    baseline: Name | None = Field(
        default=None, description="set when the meeting is closed: the baseline of the plan as it was shown"
    )


class Document(Record):
    """A source document the plan's values cite: a meeting deck, a minute, a letter."""

    id: Id
    title: Name
    date: Date | None = None
    note: Text = ""


class Portfolio(Record):
    """``portfolio.yaml``: what the dashboard shows and as of when."""

    title: Name
    status_date: Date = Field(description="the 'as of' date every view is computed for")
    source: Text = Field(default="", description="the source in a few words, for footers")
    sources: list[Document] = Field(default=[], description="documents that values cite by id")
    meetings: list[Meeting] = []
    programmes: list[Id] = Field(default=[], description="programme ids in display order")


# ---------------------------------------------------------------- programme


class Rag(Cited):
    """A manual RAG status, always with its reason."""

    status: RagStatus
    reason: Name


class Milestone(Cited):
    """A dated event: a go-live, a decision, a meeting, a pilot."""

    id: Id | None = None
    name: Name
    date: Date
    kind: MilestoneKind = MilestoneKind.OTHER
    estimate: bool = Field(default=False, description="true when the source gives no such date")
    note: Text = ""


class Phase(Cited):
    """A stretch of work in a wave."""

    id: Id
    name: Name
    start: Date
    end: Date
    estimate: bool = Field(default=False, description="true when the source gives no such dates")
    percent_complete: float | None = Field(default=None, ge=0, le=100)
    after: list[str] = Field(
        default=[],
        description="what it waits for: phase or milestone ids in the same wave, or 'wave-id.phase-id' / 'wave-id.milestone-id'",
    )
    note: Text = ""


class Wave(Cited):
    """A group of parties that go live together."""

    id: Id
    name: Name
    parties: list[Name] = Field(
        default=[],
        description="actor groups (EOJ, EPJ, LPS), regions or municipalities",
    )
    phases: list[Phase] = []
    milestones: list[Milestone] = []
    after: list[Id] = Field(default=[], description="ids of waves this one follows")
    note: Text = ""


class ScenarioStatus(StrEnum):
    """Where a plan stands: an option until a decision adopts it (or another)."""

    PROPOSED = "proposed"
    ADOPTED = "adopted"
    REJECTED = "rejected"


class Scenario(Cited):
    """One alternative plan for a programme."""

    id: Id
    name: Name
    plan_of_record: bool = Field(
        default=False,
        description="the plan the owner puts first; adopted only when no decision lists it as an open option",
    )
    status: ScenarioStatus | None = Field(
        default=None, description="proposed, adopted or rejected; by default what the programme's decisions say"
    )
    description: Text = ""
    conversion_note: Text = Field(default="", description="what parties that go live later must convert meanwhile")
    waves: list[Wave] = Field(min_length=1)

    def waited_for(self, wave: Wave, after: str) -> tuple[Wave, Phase | Milestone] | None:
        """What a phase of ``wave`` names in ``after``: a phase or milestone of its own wave by id, or
        of any wave as 'wave-id.id' (a phase first where both have the id); None when nothing has that name."""
        own, _, item = after.partition(".") if "." in after else (wave.id, ".", after)
        holder = next((w for w in self.waves if w.id == own), None)
        if holder is None:
            return None
        found: Phase | Milestone | None = next((p for p in holder.phases if p.id == item), None)
        found = found or next((m for m in holder.milestones if m.id == item), None)
        return (holder, found) if found is not None else None


class Metric(Cited):
    """Something counted: municipalities using an app, consultations held."""

    id: Id
    name: Name
    unit: Name
    unit_en: Name | None = Field(default=None, description="the unit in English ('GP practices'); else as written")

    def unit_in(self, lang: str) -> str:
        """The unit in ``lang``: the English one where the plan gives it, else the unit as written."""
        return self.unit_en if lang == "en" and self.unit_en else self.unit


class Target(Cited):
    """A metric's target value by a due date."""

    id: Id
    metric: Id
    target: int = Field(gt=0, description="a count, such as 60 municipalities")
    start: Date
    due: Date
    denominator: Text = Field(default="", description="e.g. 'of 98 municipalities'")
    estimate: bool = Field(default=False, description="true when start or due is not stated in the source")
    note: Text = ""


class Observation(Cited):
    """Measured values of metrics on a date, optionally per region."""

    date: Date
    values: dict[str, Annotated[int, Field(ge=0)]] = Field(description="metric id -> count on the date")
    breakdown: dict[str, dict[str, Annotated[int, Field(ge=0)]]] = Field(
        default={}, description="region name -> metric id -> count"
    )
    estimate: bool = False
    note: Text = ""


class OnboardingWave(Cited):
    """A wave of municipalities onboarding together."""

    id: Id
    name: Name
    members: list[Name] = Field(default=[], description="municipality names")
    size: Size | None = Field(default=None, description="planned size: 10, 25-30 or 'ca. 10'")
    start: Date | None = None
    end: Date | None = None
    estimate: bool = False
    note: Text = ""


class MunicipalityStatus(Cited):
    """The state of one municipality's onboarding."""

    municipality: Name
    state: OnboardingState
    date: Date | None = Field(default=None, description="when it reached this state")
    estimate: bool = False
    note: Text = ""


class Onboarding(Cited):
    """How a programme brings the municipalities on board."""

    duration_months: float | None = Field(default=None, gt=0, le=120)
    capacity: int | None = Field(default=None, gt=0, description="municipalities onboarding at once")
    waves: list[OnboardingWave] = []
    status: list[MunicipalityStatus] = []
    note: Text = ""


class Decision(Cited):
    """A question to be decided between a programme's alternative plans, by whom and when."""

    id: Id
    question: Text
    body: Name = Field(description="who decides, e.g. 'MedComs styregruppe'")
    date: Date = Field(description="when it is to be decided")
    options: list[Id] = Field(min_length=2, description="the ids of the scenarios to decide between")
    # the outcome, once decided (python -m planner decide writes these three)
    chosen: Id | None = Field(default=None, description="the id of the scenario adopted")
    decided_on: Date | None = Field(default=None, description="when it was decided")
    outcome_note: Text = Field(default="", description="what was said with the decision")


class Programme(Cited):
    """``programmes/<id>.yaml``: one programme."""

    id: Id
    name: Name
    short_name: Annotated[str, Field(max_length=40)] | None = Field(
        default=None, description="short label for charts, e.g. 'FHIR-KM'"
    )
    owner: Name
    presented_by: Name | None = Field(default=None, description="who presented it in the source, when not the owner")
    summary: Text = ""
    colour: ProgrammeColour | None = Field(
        default=None, description="its colour on every chart; default: one chosen from its id (stable)"
    )
    rag: Rag | None = Field(default=None, description="the status the source gives; without it no colour is guessed")
    finished: Date | None = Field(
        default=None, description="when the source says the programme ended; the only way it is shown as finished"
    )
    scenarios: list[Scenario] = Field(min_length=1)
    milestones: list[Milestone] = []
    decisions: list[Decision] = []
    metrics: list[Metric] = []
    targets: list[Target] = []
    observations: list[Observation] = []
    onboarding: Onboarding | None = None

    @property
    def plan_of_record(self) -> Scenario:
        """The scenario marked as plan of record (the first one if none is)."""
        return next((s for s in self.scenarios if s.plan_of_record), self.scenarios[0])

    def scenario(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)


# ---------------------------------------------------------------- vendors


class Readiness(Cited):
    """What a vendor said about being ready for a programme."""

    programme: Id
    wave: Id | None = Field(
        default=None, description="wave id; default: the wave of the vendor's kind in the plan of record"
    )
    state: ReadinessState | None = Field(
        default=None, description="as the vendor or the source says it; leave out to have it derived from the dates"
    )
    ready_by: Date | None = Field(default=None, description="committed: ready on or before this date")
    not_before: Date | None = Field(default=None, description="earliest: cannot be ready before this date")
    preferred_scenario: Id | None = None
    note: Text = ""
    as_of: Date | None = Field(default=None, description="when the vendor gave this information")
    estimate: bool = Field(default=False, description="true when nothing of it is from a source (an assumption)")


class Stance(StrEnum):
    """What a stakeholder says about a programme's plans."""

    SUPPORTS = "supports"
    PREFERS = "prefers"
    PROPOSES = "proposes"
    CONCERN = "concern"


class Position(Cited):
    """A stakeholder's position: support, a preference, a proposal or a concern; never a commitment.

    A position never makes anyone late: only a readiness commitment
    (``ready_by``) or limit (``not_before``) is checked against a plan's dates.
    """

    programme: Id
    stance: Stance
    scenario: Id | None = Field(default=None, description="the plan it speaks of; none: the programme's plans alike")
    date: Date | None = Field(default=None, description="a date it proposes")
    text: Text = Field(default="", description="what it says, in a few words")
    as_of: Date | None = Field(default=None, description="when it was said")


class Vendor(Cited):
    """A system vendor."""

    id: Id
    name: Name
    system: Name | None = None
    kind: SystemKind
    readiness: list[Readiness] = []
    positions: list[Position] = Field(default=[], description="what it said about the plans, apart from readiness")

    @property
    def display_name(self) -> str:
        """'Systematic (Cura)', or just the name when no system is given: how every view names a vendor."""
        return f"{self.name} ({self.system})" if self.system else self.name


class VendorsFile(Record):
    """``vendors.yaml``."""

    vendors: list[Vendor] = []
