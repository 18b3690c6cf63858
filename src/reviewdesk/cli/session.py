"""One command-line run: the store, the draft, the settings, and the checks when they are needed."""
from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field
from typing import Any

from ..core.document import Document
from ..core.engine import Engine, Report
from ..core.errors import InputError
from ..core.loaders import load_document
from ..core.settings import Settings
from ..service import CheckRun, check_and_record, default_reviewer


@dataclass
class ReviewSession:
    store: Any
    settings: Settings
    reviewer: str
    file: str
    _doc: Document | None = None
    _record: Any = None
    _engine: Engine | None = field(default=None, repr=False)

    @staticmethod
    def settings_from_args(args: argparse.Namespace) -> Settings:
        settings = Settings()
        if getattr(args, "checks", None):
            ids = tuple(c.strip() for c in args.checks.split(",") if c.strip())
            known = _known_check_ids()
            unknown = [c for c in ids if not any(k == c or k.startswith(c) for k in known)]
            if unknown:
                raise InputError(f"unknown check '{unknown[0]}'; available: {', '.join(known)}.")
            settings = settings.with_(enabled=ids)
        if getattr(args, "target_grade", None) is not None:
            if not 1 <= args.target_grade <= 20:
                raise InputError("--target-grade must be between 1 and 20.")
            settings = settings.with_(target_grade=args.target_grade)
        if getattr(args, "include_quotes", False):
            settings = settings.with_(skip_quotes=False)
        if getattr(args, "language", None):
            settings = settings.with_(language=args.language)
        if getattr(args, "engine", None):
            settings = settings.with_(grammar_engine=args.engine)
        if getattr(args, "languagetool_url", None):
            settings = settings.with_(languagetool_url=args.languagetool_url)
        if getattr(args, "line_editing", False):
            settings = settings.with_(line_editing=True)
        if getattr(args, "languagetool_timeout", None) is not None:
            settings = settings.with_(languagetool_timeout=args.languagetool_timeout)
        return settings

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> "ReviewSession":
        if args.data_dir:
            os.environ["REVIEWDESK_DATA_DIR"] = args.data_dir
        settings = cls.settings_from_args(args)
        doc = load_document(args.file)          # bad input fails before the database is touched
        from ..storage.store import ReviewStore
        store = ReviewStore(args.db)
        reviewer = args.reviewer or default_reviewer()
        return cls(store=store, settings=settings, reviewer=reviewer, file=args.file, _doc=doc)

    @property
    def doc(self) -> Document:
        assert self._doc is not None
        return self._doc

    @property
    def record(self) -> Any:
        if self._record is None:
            record = self.store.open_document(self.doc)
            if self.store.metrics(record).get("sha256") != self.doc.sha256:
                # A revised draft (as the window does on opening): span notes move to their
                # passages, or become outdated, before anything new is written against this text.
                self.store.relocate_notes(record, self.doc)
            self._record = record
        return self._record

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = Engine()
        return self._engine

    def run_checks(self) -> CheckRun:
        return check_and_record(self.store, self.record, self.doc, self.engine, self.settings)

    def ensure_checked(self) -> None:
        """Run the checks unless the stored review already belongs to this exact draft text."""
        saved = self.store.metrics(self.record)
        if saved.get("sha256") != self.doc.sha256 or "checks" not in saved:
            self.run_checks()

    def close(self) -> None:
        self.store.close()


def _known_check_ids() -> list[str]:
    from ..checks import builtin_checks_ids
    return builtin_checks_ids()
