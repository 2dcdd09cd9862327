"""The command line: ``python -m planner <command> [DATA_DIR] ...``.

A thin front door over the package: it parses arguments (:mod:`planner.cli.parser`),
calls the core (:mod:`planner.cli.commands`) and turns outcomes into exit codes (0
fine, 1 problems in the data, 2 usage). Bad data never produces a traceback.
"""

from planner.cli.commands import COMMANDS, main
from planner.cli.parser import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, build_parser

__all__ = ["COMMANDS", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "build_parser", "main"]
