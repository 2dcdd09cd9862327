"""The command line: ``python -m planner <command> [DATA_DIR] ...``.

A thin front door over the package: it parses arguments, calls the core and
turns outcomes into exit codes (0 fine, 1 problems in the data, 2 usage).
Bad data never produces a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from planner import export, loader, problems, schema

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
    e = sub.add_parser("export", help="the normalised portfolio as JSON or CSV")
    e.add_argument("data_dir", nargs="?")
    e.add_argument("--format", choices=["json", "csv"], default="json")
    e.add_argument("--table", choices=export.TABLES, default="items", help="which table, for CSV")
    e.add_argument("--out", help="write to this file instead of standard output")
    s = sub.add_parser("schema", help="write the JSON Schemas for editors")
    s.add_argument("--out", default=str(loader.DEFAULT_DATA_DIR / "schema"), help="folder (default: data/schema)")
    return parser


def _check_dir(data_dir: str) -> bool:
    if not Path(data_dir).is_dir():
        print(f"error: data folder '{data_dir}' does not exist", file=sys.stderr)
        return False
    return True


def cmd_validate(args: argparse.Namespace) -> int:
    data_dir = loader.data_dir(args.data_dir)
    if not _check_dir(data_dir):
        return EXIT_USAGE
    plan = loader.load(data_dir)
    for problem in plan.problems:
        print(problems.format(problem))
    errors = sum(1 for p in plan.problems if p.severity is problems.Severity.ERROR)
    warnings = len(plan.problems) - errors
    files = len(plan.files)
    summary = (f"{data_dir}: {files} files, {len(plan.programmes)} programmes, {len(plan.vendors)} vendors, "
               f"{errors} errors, {warnings} warnings")
    print(("valid: " if not errors else "invalid: ") + summary, file=sys.stderr if errors else sys.stdout)
    return EXIT_PROBLEMS if errors else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    data_dir = loader.data_dir(args.data_dir)
    if not _check_dir(data_dir):
        return EXIT_USAGE
    plan = loader.load(data_dir)
    for problem in plan.problems:
        print(problems.format(problem), file=sys.stderr)
    text = export.to_json(plan) + "\n" if args.format == "json" else export.to_csv(export.table(plan, args.table))
    if args.out:
        bom = "\ufeff" if args.format == "csv" else ""  # Excel needs the BOM to read UTF-8 CSV
        Path(args.out).write_text(bom + text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_PROBLEMS if not plan.ok else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    for path in schema.write(Path(args.out)):
        print(path)
    return EXIT_OK


COMMANDS = {"validate": cmd_validate, "export": cmd_export, "schema": cmd_schema}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except BrokenPipeError:  # e.g. piped into `head`
        return EXIT_OK
