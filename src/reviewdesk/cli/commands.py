"""The work behind each subcommand: check, review, export, checks."""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ..core.errors import InputError, UnknownFlag
from ..core.layers import shown
from ..core.line_editing import line_editing_summary
from ..core.merge import expand_ids, merge_records
from ..storage.records import ACCEPTED, ACTIVE, CLAIM_STATUSES, DISMISSED, PENDING
from .output import flag_json, render_markdown, render_text
from .session import ReviewSession

EXIT_CLEAN, EXIT_FLAGS = 0, 1


def list_checks() -> int:
    from ..checks import builtin_checks

    for check in builtin_checks():
        print(f"{check.id:<12} {check.name}  ({', '.join(check.categories)})")
    return EXIT_CLEAN


def check(session: ReviewSession, args: argparse.Namespace) -> int:
    doc = session.doc
    if not doc.text.strip():
        if args.format == "json":
            print(json.dumps(_check_json(session, [], [], [], {}), ensure_ascii=False, indent=2))
        else:
            sys.stderr.write(f"reviewdesk: {Path(session.file).name} is empty: nothing to check.\n")
        return EXIT_CLEAN
    run = session.run_checks()
    # Only the checks that ran on this text: another check's stored flags may point into an
    # earlier revision (their offsets would not slice this text) and wait for that check's next run.
    ran = run.report.ran_ok()
    # Line-editing advice is summarised as counts unless the view asks for its flags.
    # One finding per problem (core/merge.py): what several checks said of the same words.
    active = sorted(shown(merge_records([f for f in run.flags if f.state == ACTIVE and f.check in ran]),
                          session.settings), key=lambda f: (f.start, f.end, f.rule, f.id))
    outdated = shown((f for f in run.flags if f.state != ACTIVE), session.settings)
    checks = [c.__dict__ for c in run.report.checks]
    readability = run.report.readability
    claims = session.store.claims(session.record) if "claims" in ran else []
    if args.format == "json":
        payload = _check_json(session, active, outdated, checks, readability, claims,
                              run.report.metrics)
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        print(render_markdown(session.doc, active, checks, run.report.metrics,
                              line_editing=session.settings.line_editing))
    else:
        print(render_text(session.doc, session.file, active, checks, run.report.metrics,
                          line_editing=session.settings.line_editing))
    for c in run.report.checks:
        if c.status != "ok" or c.message:    # an ok check can still have a notice (LanguageTool down)
            sys.stderr.write(f"reviewdesk: {c.id}: {c.message}\n")
    open_flags = [f for f in active if f.status != DISMISSED]
    return EXIT_FLAGS if open_flags else EXIT_CLEAN


def _check_json(session: ReviewSession, active: list[Any], outdated: list[Any], checks: list[dict],
                readability: dict, claims: list[Any] = (), metrics: dict | None = None) -> dict:
    doc = session.doc
    return {
        "schema": "reviewdesk.check/1",
        "document": {"path": doc.path, "title": doc.title, "format": doc.format,
                     "words": doc.word_count, "sha256": doc.sha256},
        "checks": [{"id": c["id"], "name": c["name"], "engine": c["engine"], "status": c["status"],
                    "message": c["message"], "seconds": round(c["seconds"], 3), "flags": c["count"]}
                   for c in checks],
        "readability": readability,
        "view": {"line_editing": session.settings.line_editing},
        "line_editing": [item.as_dict() for item in line_editing_summary(metrics or {})],
        "flags": [flag_json(f) for f in active],
        "outdated": [flag_json(f) for f in outdated],
        "claims": [{"id": c.id, "kind": c.kind, "text": c.text, "start": c.start, "end": c.end,
                    "sentence": c.sentence, "status": c.status, "note": c.note}
                   for c in claims if c.state == ACTIVE],
    }


def review(session: ReviewSession, args: argparse.Namespace) -> int:
    """Validate every id first, then write: an unknown id writes nothing."""
    store, record, who = session.store, session.record, session.reviewer
    session.ensure_checked()
    merged_from = [f for f in store.flags(record) if f.state == ACTIVE]
    known = {f.id: f for f in store.flags(record)}
    wanted = [*args.accept, *args.dismiss, *args.reset, *(n[0] for n in args.note)]
    for flag_id in wanted:
        if flag_id not in known:
            raise UnknownFlag(f"no flag '{flag_id}' in the review of {Path(session.file).name}; "
                              f"`reviewdesk check` lists the ids.")
    for_status = {}
    for ids, status in ((args.accept, ACCEPTED), (args.dismiss, DISMISSED), (args.reset, PENDING)):
        for flag_id in ids:
            if for_status.get(flag_id, status) != status:
                raise InputError(f"flag '{flag_id}' is given two different decisions.")
            for_status[flag_id] = status
    spans = []
    for start, end, body in args.span_note:
        try:
            s, e = int(start), int(end)
        except ValueError:
            raise InputError("--span-note needs START and END as character offsets.") from None
        if not 0 <= s < e <= len(session.doc.text):
            raise InputError(f"--span-note {s} {e} is outside the draft (0 to {len(session.doc.text)}).")
        spans.append((s, e, body))
    claim_ids = {c.id for c in store.claims(record)} if (args.claim or args.claim_note) else set()
    for claim_id, status in args.claim:
        if status not in CLAIM_STATUSES:
            raise InputError(f"claim status must be one of {', '.join(CLAIM_STATUSES)}, not '{status}'.")
    for claim_id in [c[0] for c in args.claim] + [c[0] for c in args.claim_note]:
        if claim_id not in claim_ids:
            raise InputError(f"no claim '{claim_id}' in the review of {Path(session.file).name}; "
                             "`reviewdesk check --format json` lists the claims.")

    for word in args.add_word:
        if not word.strip() or len(word.split()) > 4:
            raise InputError(f"'{word}' is not a word or short name to add to the dictionary.")
    for rule in args.ignore_rule:
        if not rule.strip():
            raise InputError("--ignore-rule needs a rule id, e.g. readability.adverb.")

    story = getattr(args, "story", None)
    force = getattr(args, "force", False)
    everywhere = args.all_documents

    def write(w) -> Counter:
        # One transaction: a conflict, an error or a kill before the end writes nothing at all.
        changed: Counter = Counter()
        for status in (ACCEPTED, DISMISSED, PENDING):
            ids = [i for i, s in for_status.items() if s == status]
            if ids:
                # A merged finding's id stands for every flag merged into it (core/merge.py).
                w.set_statuses(expand_ids(merged_from, ids), status, who, force=force)
                changed[status] += len(ids)
        for flag_id, body in args.note:
            w.set_flag_note(flag_id, body, who)
            changed["note"] += 1
        for body in args.doc_note:
            if body.strip():
                w.add_document_note(body, who)
                changed["document note"] += 1
        for s, e, body in spans:
            w.add_span_note(s, e, session.doc.text[s:e], body, who)
            changed["passage note"] += 1
        for claim_id, status in args.claim:
            w.set_claim(claim_id, status=status, reviewer=who)
            changed["claim"] += 1
        for claim_id, body in args.claim_note:
            w.set_claim(claim_id, note=body, reviewer=who)
            changed["claim note"] += 1
        learning = ((args.add_word, w.add_word, "dictionary word"),
                    (args.remove_word, w.remove_word, "word removed"),
                    (args.ignore_rule, w.ignore_rule, "ignored rule"),
                    (args.unignore_rule, w.unignore_rule, "rule restored"))
        for entries, add, label in learning:
            for entry in entries:
                add(entry.strip(), everywhere)
                changed[label] += 1
        if story is not None:
            w.set_story(story)
            changed["story"] += 1
        return changed

    try:
        changed = store.write_together(record, write)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    if args.add_word or args.remove_word or args.ignore_rule or args.unignore_rule:
        session.run_checks()      # the flags now reflect the dictionary and the ignored rules
    # Counted as `check` lists them: merged findings, in the chosen view.
    flags = shown(merge_records([f for f in store.flags(record) if f.state == ACTIVE]), session.settings)
    done = sum(1 for f in flags if f.status != PENDING)
    parts = ", ".join(_counted(n, k) for k, n in changed.items()) or "nothing changed"
    print(f"Recorded: {parts}. {done} of {len(flags)} findings reviewed.")
    return EXIT_CLEAN


def _counted(n: int, what: str) -> str:
    """"1 note", "3 notes", "2 words removed"; decisions ("2 accepted") take no plural."""
    if n == 1 or what in (ACCEPTED, DISMISSED, PENDING):
        return f"{n} {what}"
    head, _, tail = what.partition(" ")
    return f"{n} {head}s {tail}" if what in ("word removed", "rule restored") else f"{n} {what}s"


def export(session: ReviewSession, args: argparse.Namespace) -> int:
    from ..core.summary import build_summary
    from ..export import export_summary

    fmt = "markdown" if args.format == "md" else args.format
    out = Path(args.output)
    if out.is_dir():
        raise InputError(f"{out} is a folder; give a file name with -o.")
    session.ensure_checked()
    # Without --reviewer the summary names whoever made the decisions, not the login running it.
    summary = build_summary(session.store, session.record, session.doc, reviewer=args.reviewer or "",
                            include_dismissed=args.include_dismissed,
                            include_pending=args.include_pending,
                            include_unchecked_claims=args.include_unchecked_claims,
                            line_editing=session.settings.line_editing)
    written = export_summary(summary, fmt, out)
    print(f"Wrote {fmt} summary to {written}")
    return EXIT_CLEAN
