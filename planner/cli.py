"""The command line: ``python -m planner <command> [DATA_DIR] ...``.

A thin front door over the package: it parses arguments, calls the core and
turns outcomes into exit codes (0 fine, 1 problems in the data, 2 usage).
Bad data never produces a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from planner import dates, export, i18n, loader, problems, report, schema

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
    r = sub.add_parser("report", help="the meeting pack: a 16:9 deck, an offline HTML file or an Excel workbook")
    r.add_argument("data_dir", nargs="?")
    r.add_argument("--format", choices=["pptx", "html", "xlsx"], default="pptx")
    r.add_argument("--out", required=True, help="the file to write")
    r.add_argument("--lang", choices=list(i18n.LANGS), default=i18n.DEFAULT_LANG)
    r.add_argument("--as-of", dest="as_of", help="status date (default: the portfolio's), e.g. 2022-11-03")
    return parser


def _check_dir(data_dir: str) -> bool:
    path = Path(data_dir)
    if not path.is_dir():
        why = "is a file, not a folder" if path.exists() else "does not exist"
        print(f"error: data folder '{data_dir}' {why}; give the folder that holds portfolio.yaml", file=sys.stderr)
        return False
    return True


class _CannotWrite(Exception):
    """An output file or folder given on the command line cannot be written."""


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _CannotWrite(f"cannot write '{path}': {exc.strerror or exc}; check the --out path") from None


def cmd_validate(args: argparse.Namespace) -> int:
    data_dir = loader.data_dir(args.data_dir)
    if not _check_dir(data_dir):
        return EXIT_USAGE
    plan = loader.load(data_dir)
    for problem in plan.problems:
        print(problems.format(problem))
    errors = sum(1 for p in plan.problems if p.severity is problems.Severity.ERROR)
    warnings = len(plan.problems) - errors
    counts = [(len(plan.files), "file"), (len(plan.programmes), "programme"), (len(plan.vendors), "vendor"),
              (errors, "error"), (warnings, "warning")]
    summary = f"{data_dir}: " + ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in counts)
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
        _write(Path(args.out), bom + text)
    else:
        sys.stdout.write(text)
    return EXIT_PROBLEMS if not plan.ok else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    try:
        written = schema.write(Path(args.out))
    except OSError as exc:
        raise _CannotWrite(f"cannot write the schemas to '{args.out}': {exc.strerror or exc}; check the --out path") from None
    for path in written:
        print(path)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    data_dir = loader.data_dir(args.data_dir)
    if not _check_dir(data_dir):
        return EXIT_USAGE
    as_of = None
    if args.as_of:
        try:
            as_of = dates.parse(args.as_of).first
        except dates.DateError as exc:
            print(f"error: --as-of: {exc}", file=sys.stderr)
            return EXIT_USAGE
    plan = loader.load(data_dir)
    for problem in plan.problems:
        print(problems.format(problem), file=sys.stderr)
    content = report.build(plan, args.format, args.lang, as_of)
    try:
        Path(args.out).write_bytes(content)
    except OSError as exc:
        raise _CannotWrite(f"cannot write '{args.out}': {exc.strerror or exc}; check the --out path") from None
    print(f"{args.out}: {len(content):,} bytes ({args.format}, {args.lang})")
    return EXIT_OK


COMMANDS = {"validate": cmd_validate, "export": cmd_export, "schema": cmd_schema, "report": cmd_report}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except _CannotWrite as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. piped into `head`
        # Python flushes stdout again at exit and would report the broken pipe there
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
