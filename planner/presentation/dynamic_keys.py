"""The catalogue's keys no extractor can see (built at run time or kept in data), by family, and Streamlit's
and plotly's own English words the app puts in the page's language. :mod:`i18n` reads them; the catalogue
test counts them as used."""

from __future__ import annotations

from enum import Enum

from planner.plan.model import MilestoneKind, OnboardingState, RagStatus, ReadinessState, ScenarioStatus, Stance
from planner.plan.problems import Code

# Keys the code builds at run time (or keeps in data), which an extractor cannot see: the prefix, and the
# enum whose values or the suffixes that complete it. The catalogue test counts these as used.
HEADERS = (
    "as_of",
    "code",
    "date",
    "denominator",
    "due",
    "end",
    "end_written",
    "estimate",
    "estimated",
    "date_estimate",
    "gap_days",
    "kind",
    "metric",
    "municipality",
    "name",
    "not_before",
    "note",
    "percent_complete",
    "programme",
    "ready_by",
    "region",
    "scenario",
    "scenario_status",
    "start",
    "start_written",
    "state",
    "state_derived",
    "system",
    "target",
    "type",
    "unit",
    "value",
    "vendor",
    "wave",
    "wave_go_live",
)  # planner/presentation/workbook.py's columns
# Streamlit's and plotly's own words (labels a screen reader reads, tooltips), which they write in English
# whatever the page's language: the English catalogue holds them as they write them, so its text is what to
# find and the user's language's text what to put in its place (see :func:`foreign_words`)
STREAMLIT_WORDS = (
    "app_pages",
    "collapse_sidebar",
    "expand_sidebar",
    "clear_date",
    "choose_date",
    "choose_date_in",
    "calendar_keys",
    "day_of",
    "month_of",
    "year_of",
    "help_for",
    "remove",
    "skip",
    "link_heading",
    "sidebar",
    "download_csv",
    "search",
    "columns",
    "fullscreen",
    "close_fullscreen",
    "open",
    "close",
    "clear_all",
    "selected",
    "decrement",
    "increment",
    "map",
)
PLOTLY_WORDS = (
    "autoscale",
    "pan",
    "zoom",
    "zoom_in",
    "zoom_out",
    "reset_axes",
    "reset_view",
    "png",
    "download",
    "box_select",
    "lasso",
    "double_click",
)
DYNAMIC: dict[str, type[Enum] | tuple[str, ...]] = {
    "sw.": STREAMLIT_WORDS,  # foreign_words("sw.", lang)
    "pl.": PLOTLY_WORDS,  # foreign_words("pl.", lang): plotly's locale dictionary
    "ready.": ReadinessState,  # t("ready." + state.value), enum_label(state, "ready")
    "onb.": OnboardingState,  # t("onb." + state.value), enum_label(state, "onb")
    "rag.": RagStatus,  # t("rag." + status.rag.value): a programme's status
    "ms.": MilestoneKind,
    "sc.": ScenarioStatus,
    "pos.": Stance,  # tables.positions: t("pos." + position.stance.value)  # decisions.status(): a plan proposed, adopted or rejected  # t("ms." + m.kind.value): milestone tables and hovers
    "prob.": Code,  # t("prob." + p.code.value): a problem of a refused edit
    "stage.": ("no-dates", "finished", "no-dates_reason", "finished_reason"),  # status_text: a stage shown for a colour
    "count.": ("red", "amber", "green", "none", "finished", "no-dates"),  # status_text.counts
    "xl.type_": ("phase", "milestone"),  # workbook: the kind of an item
    "xl.": tuple(HEADERS),  # workbook.Column headers: t("xl." + column.header)
    "rp.sheet_": ("items", "readiness", "onboarding", "targets", "observations"),  # workbook sheets
    # planner.editing's enums (presentation may not import editing; the test checks these match them)
    "edit.": (
        "not-plan-file",
        "outside-folder",
        "file-missing",
        "unreadable",
        "not-utf8",
        "broken-file",
        "cannot-write-here",
        "too-large",
        "bad-value",
        "lone-surrogate",
        "no-such-place",
        "who-required",
        "write-failed",
        "lock-failed",
        "conflict",
        "invalid",
        "programming",
    ),  # editing.errors.Reason
    # editing.settings.CODES: a mistake in the app's settings
    "cfg.": (
        "unknown_section",
        "not_a_section",
        "unknown_key",
        "bad_value",
        "not_a_list",
        "not_a_name",
        "not_true_false",
        "no_password",
        "unknown_programme",
    ),
    "git.": ("committed", "not-a-repository", "no-git", "ignored", "failed"),  # editing.records.GitOutcome
    # problem_text.TRANSLATED: the plan's own warnings, written from their values
    "pr.msg.": (
        "go-live-before-work-ends",
        "starts-before-predecessor-ends",
        "milestone-before-wave",
        "go-live-before-predecessor",
        "not-ready-by-go-live",
        "future-observation",
        "breakdown-exceeds-total",
    ),
    "pr.said.": ("ready_by", "ready_by-estimate", "not_before", "not_before-estimate"),  # plan.checks._not_ready
    "outcome.": ("saved", "merged", "conflict"),  # editing.records.Outcome, in the change log
    "obs.": (
        "no-values",
        "total-missing",
        "breakdown-too-large",
        "region-twice",
        "unknown-region",
        "negative",
        "not-a-number",
        "date-taken",
        "fell",
    ),  # editing.observation.Finding
    "field.": (
        "as_of",
        "date",
        "due",
        "not_before",
        "target",
        "end",
        "estimate",
        "members",
        "note",
        "observations",
        "percent_complete",
        "ready_by",
        "source",
        "start",
        "state",
        "status",
        "value",
    ),  # has("field." + name): an edited path's last part
    # planner.analysis.diff: Change.kind of added/removed, Change.detail
    "diff.": ("added", "removed"),
    "diff.item.": (
        "milestone",
        "phase",
        "programme",
        "readiness",
        "scenario",
        "target",
        "vendor",
        "wave",
        "observation",
    ),
    "diff.field.": ("due", "ready_by", "start", "not_before", "as_of", "onboarding", "percent_complete", "count"),
    # keys kept in data and looked up later
    # waveplan's notes and WavePlanError's keys -> say()
    "wp.": (
        "capped",
        "extra_waves",
        "no_duration",
        "sequential",
        "dropped",
        "below_min",
        "err_unknown",
        "err_twice",
        "err_too_many",
        "err_capacity_wave",
        "err_no_room",
        "err_capacity",
        "err_no_reference",
        "err_no_waves",
        "err_too_late",
    ),
    "page.": (
        "overview",
        "programme",
        "vendors",
        "municipalities",
        "targets",
        "changes",
        "waves",
        "edit",
    ),  # ui/navigation.py
    "ed.tab_": (
        "readiness",
        "phase",
        "milestone",
        "onboarding",
        "observation",
        "decision",
        "status_date",
        "upload",
        "log",
    ),  # views/edit.py
    "rp.download_": ("pptx", "html", "xlsx"),  # ui/context.py
    "vd.gap_": ("late", "early", "same"),  # vendor_text.py: gap_sentence
    "mu.by_": ("wave", "state"),  # t("mu.by_" + by.value): charts.geo.ColourBy, which imports this module
}
