"""The `reviewdesk` command line: check, review and export headless; no subcommand opens the window."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Sequence

from .. import __version__
from ..core.errors import ReviewdeskError
from .session import ReviewSession

EXIT_CLEAN, EXIT_FLAGS, EXIT_ERROR = 0, 1, 2
SUBCOMMANDS = ("check", "review", "export", "checks")


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"reviewdesk: error: {message}\n")
        raise SystemExit(EXIT_ERROR)


def _common(p: argparse.ArgumentParser) -> None:
    # Accepted after the subcommand too ("reviewdesk check FILE --debug"); SUPPRESS keeps the
    # subparser from resetting a --debug given before it.
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="log details and show tracebacks")
    p.add_argument("--db", metavar="URL", help="SQLAlchemy database URL (default: REVIEWDESK_DB or "
                   "a SQLite file in the user data folder)")
    p.add_argument("--data-dir", metavar="DIR", help="folder for the default database and settings")
    p.add_argument("--reviewer", default=None, help="your name on decisions and notes "
                   "(default: REVIEWDESK_REVIEWER or your login name)")


def _check_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--checks", metavar="IDS", help="comma-separated check ids to run, "
                   "e.g. grammar,readability,repetition (default: all)")
    p.add_argument("--target-grade", type=float, default=None, metavar="N",
                   help="readability target grade (default 9)")
    p.add_argument("--include-quotes", action="store_true",
                   help="apply style checks inside direct quotations too")
    p.add_argument("--language", default=None, help="document language, e.g. en-US, en-GB")
    p.add_argument("--line-editing", action="store_true",
                   help="also list line-editing advice (echoes, passive voice, adverbs, hard "
                   "sentences, complex words); by default it is summarised as counts against targets")
    p.add_argument("--engine", choices=("auto", "harper", "languagetool", "off"), default=None,
                   help="grammar engine (default auto: Harper, plus LanguageTool when a server URL "
                   "is set or a local LanguageTool is installed)")
    p.add_argument("--languagetool-url", default=None, metavar="URL",
                   help="LanguageTool server to check with; the draft's text is sent there "
                   "(default: REVIEWDESK_LANGUAGETOOL_URL)")
    p.add_argument("--languagetool-timeout", type=float, default=None, metavar="SECONDS",
                   help="how long to wait for LanguageTool before using Harper alone (default 20)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reviewdesk", description="Editorial review of article drafts.")
    parser.add_argument("--version", action="store_true",
                        help="show the versions of ReviewDesk, Qt, Harper, textstat and LanguageTool")
    parser.add_argument("--debug", action="store_true", help="log details and show tracebacks")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("check", help="run the checks on a draft and print the flags")
    p.add_argument("file")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    _check_options(p)
    _common(p)

    p = sub.add_parser("review", help="record decisions and notes on a draft's flags")
    p.add_argument("file")
    # "extend": `--accept A --accept B` keeps both (with nargs alone the last one wins).
    p.add_argument("--accept", nargs="+", action="extend", default=[], metavar="ID")
    p.add_argument("--dismiss", nargs="+", action="extend", default=[], metavar="ID")
    p.add_argument("--reset", nargs="+", action="extend", default=[], metavar="ID",
                   help="back to pending")
    p.add_argument("--note", nargs=2, action="append", default=[], metavar=("ID", "TEXT"),
                   help="note on a flag (an empty TEXT removes it)")
    p.add_argument("--doc-note", action="append", default=[], metavar="TEXT",
                   help="note on the whole draft")
    p.add_argument("--span-note", nargs=3, action="append", default=[],
                   metavar=("START", "END", "TEXT"), help="note on a passage [START, END)")
    p.add_argument("--claim", nargs=2, action="append", default=[], metavar=("ID", "STATUS"),
                   help="set a claim to unchecked|verified|disputed|false")
    p.add_argument("--claim-note", nargs=2, action="append", default=[], metavar=("ID", "TEXT"))
    p.add_argument("--add-word", action="append", default=[], metavar="WORD",
                   help="add a word to the dictionary (this draft; all drafts with --all-documents)")
    p.add_argument("--remove-word", action="append", default=[], metavar="WORD")
    p.add_argument("--ignore-rule", action="append", default=[], metavar="RULE",
                   help="stop flagging a rule, e.g. readability.adverb (this draft, or all drafts "
                        "with --all-documents)")
    p.add_argument("--unignore-rule", action="append", default=[], metavar="RULE")
    p.add_argument("--all-documents", action="store_true",
                   help="--add-word/--ignore-rule apply to every draft, not only this one")
    p.add_argument("--force", action="store_true",
                   help="replace decisions another reviewer made on these flags (otherwise such a "
                        "conflict writes nothing and exits 2)")
    p.add_argument("--story", metavar="SLUG", default=None,
                   help="name the story this review belongs to (the desk's slug), so every copy of "
                        "the draft opened with it shares this review")
    _check_options(p)
    _common(p)

    p = sub.add_parser("export", help="write the review summary")
    p.add_argument("file")
    p.add_argument("--format", required=True,
                   choices=("docx", "pdf", "html", "markdown", "md", "json", "csv"))
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    p.add_argument("--include-dismissed", action="store_true", help="list dismissed flags too")
    p.add_argument("--include-pending", action="store_true",
                   help="list the findings not yet decided too (otherwise they are counted)")
    p.add_argument("--include-unchecked-claims", action="store_true",
                   help="list the claims nobody checked (otherwise they are counted)")
    _check_options(p)
    _common(p)

    p = sub.add_parser("checks", help="list the available checks")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # In a frozen bundle the window's check processes start this same executable: they must run
    # the worker, not the command line (which would refuse "--multiprocessing-fork").
    import multiprocessing
    multiprocessing.freeze_support()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--version":
        from ..versions import version_text
        print(version_text())
        return EXIT_CLEAN
    if not argv or (argv[0] not in SUBCOMMANDS and not argv[0] in ("-h", "--help", "--version")):
        return _open_window(argv)
    args = None
    try:
        # Parsing is inside the try too: Ctrl-C that early is still 130 and one line.
        args = build_parser().parse_args(argv)
        debug = getattr(args, "debug", False)
        logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING,
                            format="reviewdesk: %(levelname)s: %(message)s")
        _file_logging(debug)
        logging.getLogger("reviewdesk").info("reviewdesk %s: %s", __version__, " ".join(argv))
        return _dispatch(args)
    except ReviewdeskError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        sys.stderr.write("reviewdesk: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
    except Exception as exc:  # never a traceback for a user, unless asked
        if args is not None and getattr(args, "debug", False):
            raise
        return _fail(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)")


def _file_logging(debug: bool = False) -> None:
    """Warnings and errors also go to the log file in the platform's log folder."""
    from ..logs import log_to_file
    stderr_handlers = list(logging.getLogger().handlers)
    log_to_file(logging.DEBUG if debug else logging.INFO)
    for handler in stderr_handlers:     # the terminal keeps its own, quieter level
        handler.setLevel(logging.DEBUG if debug else logging.WARNING)


def gui_main(argv: Sequence[str] | None = None) -> int:
    """The `reviewdesk-gui` launcher (a gui-script: no console window on Windows)."""
    import multiprocessing
    multiprocessing.freeze_support()
    return _open_window(list(sys.argv[1:] if argv is None else argv))


def _fail(message: str) -> int:
    sys.stderr.write(f"reviewdesk: error: {message.splitlines()[0] if message else 'failed'}\n")
    return EXIT_ERROR


def _dispatch(args: argparse.Namespace) -> int:
    from . import commands

    if args.command == "checks":
        return commands.list_checks()
    session = ReviewSession.from_args(args)
    try:
        if args.command == "check":
            return commands.check(session, args)
        if args.command == "review":
            return commands.review(session, args)
        return commands.export(session, args)
    finally:
        session.close()


def _open_window(argv: list[str]) -> int:
    parser = _Parser(prog="reviewdesk", description="Open the ReviewDesk window.")
    parser.add_argument("file", nargs="?")
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help="wait for the checks, save a PNG of the window and exit")
    parser.add_argument("--appearance", choices=("system", "light", "dark"),
                        default=os.environ.get("REVIEWDESK_APPEARANCE") or None,
                        help="follow the desktop's colours, or use a light or dark palette (also "
                             "REVIEWDESK_APPEARANCE; default: as chosen in Settings)")
    _common(parser)
    _check_options(parser)
    args = parser.parse_args(argv)
    if args.file and not Path(args.file).suffix and not Path(args.file).exists():
        # "reviewdesk chek draft.txt" is a typo, not a draft called "chek": say so, open nothing.
        return _fail(f"'{args.file}' is neither a command ({', '.join(SUBCOMMANDS)}) nor a draft file.")
    if sys.platform.startswith("linux") and not any(
            os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        if not args.screenshot:
            # Qt would abort the process with a page about platform plugins instead.
            return _fail("there is no display to open the window on; use `reviewdesk check FILE` "
                         "on this machine, or set QT_QPA_PLATFORM=offscreen.")
        os.environ["QT_QPA_PLATFORM"] = "offscreen"    # a screenshot needs no screen
    if args.data_dir:
        os.environ["REVIEWDESK_DATA_DIR"] = args.data_dir
    logging.basicConfig(level=logging.WARNING, format="reviewdesk: %(levelname)s: %(message)s")
    _file_logging()
    try:
        from ..gui.app import run_app
    except ImportError as exc:
        return _fail(f"the window needs PySide6, which cannot be loaded here ({exc}).")
    try:
        settings = ReviewSession.settings_from_args(args)
        return int(run_app(args.file, db_url=args.db, screenshot=args.screenshot, settings=settings,
                           appearance=args.appearance) or 0)
    except ReviewdeskError as exc:
        return _fail(str(exc))


if __name__ == "__main__":
    raise SystemExit(main())
