"""The command line's arguments (every command and its options) and its exit codes."""

from __future__ import annotations

import argparse
import os
import sys

from planner.plan import loader
from planner.presentation import flat_tables, i18n, report

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m planner", description="Rollout plans as code.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    v = sub.add_parser("validate", help="check every plan file and report each problem")
    v.add_argument("data_dir", nargs="?", help="data folder (default: $PLANNER_DATA or data/)")
    v.add_argument(
        "--strict",
        action="store_true",
        help="also list every value that has neither a source nor an estimate flag, and fail if there is one",
    )
    e = sub.add_parser(
        "export",
        help="the normalised portfolio as JSON or CSV, the plan as a calendar (ics) or as MS Project XML (mspdi)",
    )
    e.add_argument("data_dir", nargs="?")
    e.add_argument("--format", choices=["json", "csv", "ics", "mspdi"], default="json")
    e.add_argument("--table", choices=flat_tables.TABLES, default="items", help="which table, for CSV")
    e.add_argument("--programme", help="one programme's id (ics: optional; mspdi: required)")
    e.add_argument("--scenario", help="mspdi: the scenario's id (default: the plan of record)")
    e.add_argument("--lang", choices=list(i18n.LANGS), default=i18n.DEFAULT_LANG, help="ics and mspdi: the words")
    e.add_argument("--out", help="write to this file instead of standard output")
    s = sub.add_parser("schema", help="write the JSON Schemas for editors")
    s.add_argument("--out", default=str(loader.DEFAULT_DATA_DIR / "schema"), help="folder (default: data/schema)")
    r = sub.add_parser("report", help="the meeting pack: a 16:9 deck, an offline HTML file or an Excel workbook")
    r.add_argument("data_dir", nargs="?")
    r.add_argument("--format", choices=list(report.FORMATS), default="pptx")
    r.add_argument("--out", required=True, help="the file to write")
    r.add_argument("--lang", choices=list(i18n.LANGS), default=i18n.DEFAULT_LANG)
    r.add_argument("--as-of", dest="as_of", help="status date (default: the portfolio's), e.g. 2022-11-03")
    r.add_argument(
        "--since", help="open with what changed since this baseline or git revision (default: the last closed meeting)"
    )
    b = sub.add_parser("baseline", help="freeze the current plan under DATA_DIR/baselines/NAME")
    b.add_argument("data_dir", nargs="?")
    b.add_argument("--name", required=True)
    d = sub.add_parser("diff", help="what changed since a baseline (a saved name, or a git commit or tag)")
    d.add_argument("data_dir", nargs="?")
    d.add_argument("--from", dest="from_ref", required=True, help="baseline name or git revision")
    d.add_argument("--to", dest="to_ref", help="baseline name or git revision (default: the current plan)")
    d.add_argument("--lang", choices=list(i18n.LANGS), default="en")
    w = sub.add_parser("plan-waves", help="propose which municipality goes in which wave, as onboarding YAML")
    w.add_argument("data_dir", nargs="?")
    w.add_argument("--programme", help="programme id (default: the first with onboarding)")
    w.add_argument("--start", help="first wave's start (default: the first onboarding wave's start or the status date)")
    w.add_argument("--capacity", type=int, help="municipalities onboarding at once (default: the plan's)")
    w.add_argument("--out", required=True, help="the YAML file to write ('-' for standard output)")
    w.add_argument("--lang", choices=list(i18n.LANGS), default=i18n.DEFAULT_LANG)
    c = sub.add_parser("decide", help="record a decision's outcome: the option chosen, when; then freeze a baseline")
    c.add_argument("data_dir", nargs="?")
    c.add_argument("--decision", required=True, help="the decision's id, e.g. implementeringsplan")
    c.add_argument("--option", required=True, help="the id of the scenario chosen")
    c.add_argument("--date", default=None, help="when it was decided (default: today), e.g. 2022-12-14")
    c.add_argument("--note", default="", help="what was said with the decision")
    c.add_argument(
        "--who", default=os.environ.get("USER") or "planner decide", help="who records it (the change log's)"
    )
    im = sub.add_parser(
        "import", help="an edited meeting-pack workbook back into the plan: a preview, then --apply to save"
    )
    im.add_argument("data_dir", nargs="?")
    im.add_argument("workbook", help="the .xlsx exported by the meeting pack or `report --format xlsx`, edited")
    im.add_argument("--apply", action="store_true", help="save the changes the preview lists (default: preview only)")
    im.add_argument("--who", default=os.environ.get("USER") or "planner import", help="who saves (the change log's)")
    m = sub.add_parser("meeting", help="close a meeting: freeze the plan as shown, write its pack; or rebuild a pack")
    m.add_argument("data_dir", nargs="?")
    action = m.add_mutually_exclusive_group(required=True)
    action.add_argument("--close", metavar="ID", help="close the meeting with this id (portfolio.yaml meetings)")
    action.add_argument("--rebuild", metavar="ID", help="build a closed meeting's pack again from its baseline")
    m.add_argument("--format", choices=list(report.FORMATS), default="pptx", help="for --rebuild")
    m.add_argument("--out", help="for --rebuild: the file to write")
    m.add_argument("--lang", choices=list(i18n.LANGS), default=i18n.DEFAULT_LANG)
    m.add_argument(
        "--who", default=os.environ.get("USER") or "planner meeting", help="who closes it (the change log's)"
    )
    return parser
