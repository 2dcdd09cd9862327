"""The commands of ``python -m planner``: each reads the data folder, calls the core and returns an exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from planner.analysis import baselines, diff, meetings, statements, waveplan
from planner.cli.parser import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, build_parser
from planner.plan import dates, loader, parse_cache, problems, safefile, schema, source_checks
from planner.presentation import calendar_feed, diff_text, export, flat_tables, mspdi, report, waveplan_yaml


class CliError(Exception):
    """Stops a command with ``error: <message>`` on standard error and the exit code (usage error unless said)."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _data_dir(args: argparse.Namespace) -> str:
    """The data folder to use (argument, $PLANNER_DATA or data/); a usage error if it is no folder."""
    data_dir = loader.data_dir(args.data_dir)
    path = Path(data_dir)
    if not path.is_dir():
        why = "is a file, not a folder" if path.exists() else "does not exist"
        raise CliError(f"data folder '{data_dir}' {why}; give the folder that holds portfolio.yaml")
    return data_dir


OUTPUT_SUFFIXES = {
    "json": (".json",),
    "csv": (".csv",),
    "ics": (".ics",),
    "mspdi": (".xml",),
    "pptx": (".pptx",),
    "html": (".html", ".htm"),
    "xlsx": (".xlsx",),
    "yaml": (".yaml", ".yml"),
}


def _write(path: Path, raw: bytes, kind: str, data_dir: str) -> None:
    """An output written all or nothing, never over a plan file, the change log or a file of another kind."""
    try:
        safefile.check_output(path, OUTPUT_SUFFIXES[kind], Path(data_dir))
        safefile.write_atomic(path, raw)
    except safefile.UnsafeFile as exc:
        raise CliError(f"not written: {exc}") from None
    except OSError as exc:
        raise CliError(f"cannot write '{path}': {exc.strerror or exc}; check the --out path") from None


def cmd_validate(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args)
    plan = loader.load(data_dir)
    found = list(plan.problems)
    if args.strict:
        found = sorted(found + source_checks.strict(plan), key=lambda p: (p.file, p.line, p.column))
    for problem in found:
        print(problems.format(problem))
    errors = sum(1 for p in found if p.severity is problems.Severity.ERROR)
    warnings = len(found) - errors
    counts = [
        (len(plan.files), "file"),
        (len(plan.programmes), "programme"),
        (len(plan.vendors), "vendor"),
        (errors, "error"),
        (warnings, "warning"),
    ]
    summary = f"{data_dir}: " + ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in counts)
    strict_codes = (problems.Code.NO_SOURCE, problems.Code.MISQUOTED)
    failed = errors or (args.strict and any(p.code in strict_codes for p in found))
    print(("valid: " if not failed else "invalid: ") + summary, file=sys.stderr if failed else sys.stdout)
    return EXIT_PROBLEMS if failed else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args)
    plan = loader.load(data_dir)
    for problem in plan.problems:
        if problem.severity is problems.Severity.ERROR:  # what is left out; `validate` lists the warnings
            print(problems.format(problem), file=sys.stderr)
    if args.format in ("ics", "mspdi"):
        raw = _plan_file(plan, args)
        if args.out:
            _write(Path(args.out), raw, args.format, data_dir)
        else:
            sys.stdout.buffer.write(raw)
        return EXIT_PROBLEMS if not plan.ok else EXIT_OK
    text = export.to_json(plan) + "\n" if args.format == "json" else flat_tables.table_csv(plan, args.table)
    if args.out:
        bom = "\ufeff" if args.format == "csv" else ""  # Excel needs the BOM to read UTF-8 CSV
        _write(Path(args.out), (bom + text).encode("utf-8"), args.format, data_dir)
    else:
        sys.stdout.write(text)
    return EXIT_PROBLEMS if not plan.ok else EXIT_OK


def _plan_file(plan: loader.Plan, args: argparse.Namespace) -> bytes:
    """The calendar feed or the MS Project file the arguments ask for."""
    known = [p.id for p in plan.programmes]
    if args.programme is not None and args.programme not in known:
        raise CliError(f"--programme: no programme '{args.programme}'{problems.did_you_mean(args.programme, known)}")
    if args.format == "ics":
        return calendar_feed.to_ics(plan, args.lang, args.programme)
    if args.programme is None:
        raise CliError(f"--format mspdi needs --programme, one of: {', '.join(known)}")
    try:
        return mspdi.to_mspdi(plan, args.programme, args.lang, args.scenario)
    except mspdi.UnknownScenario:
        prog = plan.programme(args.programme)
        ids = [s.id for s in prog.scenarios] if prog else []
        raise CliError(
            f"--scenario: '{args.programme}' has no scenario '{args.scenario}'{problems.did_you_mean(args.scenario, ids)}"
        ) from None


def cmd_schema(args: argparse.Namespace) -> int:
    try:
        written = schema.write(Path(args.out))
    except OSError as exc:
        raise CliError(
            f"cannot write the schemas to '{args.out}': {exc.strerror or exc}; check the --out path"
        ) from None
    for path in written:
        print(path)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args)
    as_of = None
    if args.as_of:
        try:
            as_of = dates.parse(args.as_of).first
        except dates.DateError as exc:
            raise CliError(f"--as-of: {exc}") from None
    plan = loader.load(data_dir)
    for problem in plan.problems:
        print(problems.format(problem), file=sys.stderr)
    since = None
    if args.since:
        try:
            since = (args.since, baselines.load_baseline(data_dir, args.since))
        except baselines.BaselineError as exc:
            raise CliError(f"--since: {exc}") from None
    else:  # what changed since the last meeting closed before the pack's day
        since = meetings.since(plan, as_of or statements.view_date(plan))
    content = report.build(plan, args.format, args.lang, as_of, since=since)
    _write(Path(args.out), content, args.format, data_dir)
    print(f"{problems.one_line(args.out)}: {len(content):,} bytes ({args.format}, {args.lang})")
    return EXIT_OK


def cmd_baseline(args: argparse.Namespace) -> int:
    path = baselines.freeze(_data_dir(args), args.name)  # a BaselineError is a usage error (see main)
    print(f"baseline '{problems.one_line(args.name)}' saved in {problems.one_line(str(path))}")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args)
    old = baselines.load_baseline(data_dir, args.from_ref)
    new = baselines.load_baseline(data_dir, args.to_ref) if args.to_ref else loader.load(data_dir)
    for plan in (old, new):
        for problem in plan.problems:
            print(problems.format(problem), file=sys.stderr)
    print(diff_text.format_report(diff.changes(old, new), args.lang))
    return EXIT_OK


def cmd_plan_waves(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args)
    plan = loader.load(data_dir)
    candidates = [p for p in plan.programmes if p.onboarding is not None]
    prog = (
        next((p for p in candidates if p.id == args.programme), None)
        if args.programme
        else (candidates[0] if candidates else None)
    )
    if prog is None or prog.onboarding is None:
        known = ", ".join(p.id for p in candidates) or "none"
        raise CliError(f"no programme with onboarding called '{args.programme}'; programmes with onboarding: {known}")
    try:
        start = (
            dates.parse(args.start).first if args.start else waveplan.default_start(prog.onboarding, plan.status_date)
        )
        proposal = waveplan.propose(prog.onboarding, plan.reference, start, args.capacity)
    except dates.DateError as exc:
        raise CliError(f"--start: {exc}") from None
    except waveplan.WavePlanError as exc:
        raise CliError(str(exc), EXIT_PROBLEMS) from None
    text = waveplan_yaml.to_yaml(proposal, args.lang)
    if args.out == "-":
        sys.stdout.write(text)
    else:
        _write(Path(args.out), text.encode("utf-8"), "yaml", data_dir)
        print(
            f"{problems.one_line(args.out)}: {len(proposal.waves)} waves, {len(proposal.members)} municipalities",
            file=sys.stderr,
        )
    for note in waveplan_yaml.notes(proposal, args.lang):
        print(f"note: {note}", file=sys.stderr)
    return EXIT_OK


def cmd_decide(args: argparse.Namespace) -> int:
    from planner.editing import EditError, decide

    data_dir = _data_dir(args)
    day = args.date or dt.date.today().isoformat()
    try:
        done = decide.decide(data_dir, args.decision, args.option, day, args.who, args.note)
    except EditError as exc:
        raise CliError(f"not decided: {exc}", EXIT_PROBLEMS) from None
    print(
        f"decided: {problems.one_line(args.decision)}: '{done.option}' adopted on {day}; "
        f"{done.save.file} saved; baseline '{done.baseline}' frozen"
    )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from planner.editing import ConflictError, EditError, workbook_import

    data_dir = _data_dir(args)
    try:
        raw = Path(args.workbook).read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read '{args.workbook}': {exc.strerror or exc}") from None
    try:
        found = workbook_import.preview(data_dir, raw)
    except EditError as exc:
        raise CliError(f"not imported: {exc}", EXIT_PROBLEMS) from None
    for line in found.lines():
        print(problems.one_line(line))
    if not found.ok:
        print(f"not imported: {len(found.conflicts)} conflicts, {len(found.problems)} errors; nothing was saved",
              file=sys.stderr)  # fmt: skip
        return EXIT_PROBLEMS
    if not found.edits:
        print("nothing to import: no value the workbook can change was changed")
        return EXIT_OK
    if not args.apply:
        print(f"{len(found.edits)} changes; run again with --apply to save them")
        return EXIT_OK
    try:
        saved = workbook_import.apply(data_dir, found, args.who)
    except ConflictError as exc:
        raise CliError(f"not imported: someone saved meanwhile: {exc}", EXIT_PROBLEMS) from None
    except EditError as exc:
        raise CliError(f"not imported: {exc}", EXIT_PROBLEMS) from None
    print(f"imported: {len(found.edits)} changes saved in {', '.join(r.file for r in saved)}")
    return EXIT_OK


def cmd_meeting(args: argparse.Namespace) -> int:
    from planner.editing import EditError, meeting
    from planner.presentation import meeting_pack

    data_dir = _data_dir(args)
    try:
        if args.close:
            done = meeting.close(data_dir, args.close, args.who, lambda m: meeting_pack.write(data_dir, m, args.lang))
            print(f"closed: meeting '{problems.one_line(args.close)}'; baseline '{done.baseline}' frozen")
            for path in done.files:
                print(f"  {problems.one_line(str(path))}")
            return EXIT_OK
        if not args.out:
            raise CliError("--rebuild needs --out FILE")
        found = meeting.find(loader.load(data_dir), args.rebuild)
        if found.baseline is None:
            raise CliError(f"meeting '{problems.one_line(args.rebuild)}' is not closed yet; close it with --close")
        content = meeting_pack.build(data_dir, found, args.format, args.lang)
    except EditError as exc:
        raise CliError(f"meeting: {exc}", EXIT_PROBLEMS) from None
    _write(Path(args.out), content, args.format, data_dir)
    print(f"{problems.one_line(args.out)}: {len(content):,} bytes ({args.format}, {args.lang})")
    return EXIT_OK


COMMANDS = {
    "validate": cmd_validate,
    "export": cmd_export,
    "schema": cmd_schema,
    "report": cmd_report,
    "baseline": cmd_baseline,
    "diff": cmd_diff,
    "plan-waves": cmd_plan_waves,
    "decide": cmd_decide,
    "import": cmd_import,
    "meeting": cmd_meeting,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        with parse_cache.gc_paused():  # one process, one thread: a load's many small objects need no collector
            return COMMANDS[args.command](args)
    except baselines.BaselineError as exc:  # a baseline named or given wrongly: a usage error
        print(f"error: {problems.one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except CliError as exc:
        print(f"error: {problems.one_line(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except safefile.UnsafeFile as exc:
        print(f"error: {problems.one_line(str(exc))}", file=sys.stderr)
        return EXIT_PROBLEMS
    except BrokenPipeError:  # e.g. piped into `head`
        # Python flushes stdout again at exit and would report the broken pipe there
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:  # a full disk, a folder that went away: a message, never a traceback
        where = f" ({problems.one_line(str(exc.filename))})" if exc.filename else ""
        print(f"error: {exc.strerror or type(exc).__name__}{where}", file=sys.stderr)
        return EXIT_PROBLEMS
