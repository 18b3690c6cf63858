"""JSON summary: valid against the shipped reviewdesk.summary/1 schema, complete, text intact."""
from __future__ import annotations

import json

import pytest
from schema_check import validate

from reviewdesk.export import export_summary
from reviewdesk.export.json import schema


def _read(summary, tmp_path) -> dict:
    return json.loads(export_summary(summary, "json", tmp_path / "s.json").read_text("utf-8"))


def test_the_output_is_valid_against_its_schema(summary_with_dismissed, tmp_path):
    assert validate(_read(summary_with_dismissed, tmp_path), schema()) == []


def test_the_schema_catches_a_broken_summary(summary, tmp_path):
    data = _read(summary, tmp_path)
    data["flags"][0]["status"] = "maybe"
    del data["document"]["sha256"]
    data["surprise"] = 1
    problems = validate(data, schema())
    assert any("flags[0].status" in p for p in problems)
    assert any("missing sha256" in p for p in problems)
    assert any("unexpected property surprise" in p for p in problems)


def test_the_schema_is_shipped_with_the_package_and_names_the_version():
    assert schema()["properties"]["schema"]["const"] == "reviewdesk.summary/1"


def test_the_summary_names_its_schema_document_and_reviewer(summary, tmp_path):
    data = _read(summary, tmp_path)
    assert data["schema"] == "reviewdesk.summary/1"
    assert data["reviewer"] == "Олена Коваленко"
    assert data["created_at"] == "2025-11-25T09:30:00Z"
    assert data["document"]["path"] == "/drafts/bakhmut.txt"


def test_flags_carry_passage_context_status_and_note(summary, tmp_path):
    flags = {f["id"]: f for f in _read(summary, tmp_path)["flags"]}
    very = flags["aaaa0002"]
    assert very["text"] == "very heavily" and very["status"] == "accepted"
    assert very["context"]["before"].endswith("and the city was ")
    assert very["note"] == "Agree — cut “very”, Андрій."
    assert len(flags["aaaa0001"]["occurrences"]) == 3
    assert "aaaa0006" not in flags          # dismissed


@pytest.mark.parametrize("key", ["counts", "readability", "claims", "notes", "checks"])
def test_every_section_of_the_report_is_present(summary, tmp_path, key):
    data = _read(summary, tmp_path)
    assert data[key]


def test_non_ascii_is_written_as_itself(summary, tmp_path):
    raw = export_summary(summary, "json", tmp_path / "s.json").read_text("utf-8")
    assert "Андрій Мельник" in raw and "\u2014" in raw and "\\u" not in raw
