"""`reviewdesk check` on the sample draft as .txt, .md, .html and .docx: spans, places and outputs."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_helpers import FAST, FAST_CLAIMS, FORMATS, check_json, cli, write_formats

from reviewdesk.core.loaders import load_document

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> dict[str, Path]:
    return write_formats(tmp_path_factory.mktemp("formats"))


@pytest.fixture(scope="module")
def results(drafts, tmp_path_factory) -> dict[str, dict]:
    """One JSON check per format, shared by the tests below (each check costs a second or two)."""
    db = f"sqlite:///{tmp_path_factory.mktemp('db') / 'review.db'}"
    return {fmt: check_json(path, db, FAST_CLAIMS) for fmt, path in drafts.items()}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_flag_and_place_slices_the_document_text(drafts, results, fmt):
    text = load_document(drafts[fmt]).text
    flags = results[fmt]["flags"]
    assert flags
    for flag in flags:
        assert text[flag["start"]:flag["end"]] == flag["text"]
        for place in flag["occurrences"]:
            assert 0 <= place["start"] < place["end"] <= len(text)
        # The flag's own span is one of its places (an echo: the later word) or holds them all
        # (a stacked hedge: the sentence).
        own = {"start": flag["start"], "end": flag["end"]}
        assert own in flag["occurrences"] or all(
            flag["start"] <= p["start"] and p["end"] <= flag["end"] for p in flag["occurrences"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_line_and_column_point_at_the_flag(drafts, results, fmt):
    lines = load_document(drafts[fmt]).text.split("\n")
    for flag in results[fmt]["flags"]:
        line = lines[flag["line"] - 1]
        first_line_of_passage = flag["text"].split("\n")[0]
        assert line[flag["column"] - 1:].startswith(first_line_of_passage), flag


@pytest.mark.parametrize("fmt", FORMATS)
def test_claims_slice_the_document_text(drafts, results, fmt):
    text = load_document(drafts[fmt]).text
    claims = results[fmt]["claims"]
    assert claims
    for claim in claims:
        assert text[claim["start"]:claim["end"]] == claim["text"]
        assert claim["text"] in claim["sentence"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_finds_far_from_over_eight_times(results, fmt):
    [far] = [f for f in results[fmt]["flags"]
             if f["rule"] == "repetition.phrase" and f["text"].lower() == "far from over"]
    assert len(far["occurrences"]) == 8


def test_every_format_gives_the_same_findings(results):
    def findings(fmt):
        return sorted((f["rule"], f["text"], len(f["occurrences"])) for f in results[fmt]["flags"])
    assert findings("md") == findings("txt")
    assert findings("html") == findings("txt")
    assert findings("docx") == findings("txt")


@pytest.mark.parametrize("fmt", FORMATS)
def test_headings_are_known_as_headings(drafts, fmt):
    txt, other = load_document(drafts["txt"]), load_document(drafts[fmt])
    assert [other.text[h.start:h.end] for h in other.headings] == \
        [txt.text[h.start:h.end] for h in txt.headings]
    assert len(txt.headings) >= 15
    assert other.text[other.headings[0].start:other.headings[0].end].startswith("Latest Ukraine War News")


def _readme_schema() -> dict:
    block = re.search(r"### `check --format json`.*?```json\n(.*?)```", README.read_text(encoding="utf-8"),
                      re.S)
    assert block, "README lost its JSON example"
    return json.loads(block.group(1))


def test_json_has_exactly_the_fields_the_readme_documents(results):
    readme, data = _readme_schema(), results["txt"]
    assert data["schema"] == readme["schema"] == "reviewdesk.check/1"
    assert set(data) == set(readme)
    assert set(data["document"]) == set(readme["document"])
    for check in data["checks"]:
        assert set(check) == set(readme["checks"][0])
        assert check["status"] in readme["checks"][0]["status"].split("|")
    for flag in data["flags"]:
        assert set(flag) == set(readme["flags"][0])
        assert flag["severity"] in readme["flags"][0]["severity"].split("|")
        assert flag["status"] in readme["flags"][0]["status"].split("|")
        assert flag["state"] == "active" and len(flag["fingerprint"]) == 40
    for claim in data["claims"]:
        assert set(claim) == set(readme["claims"][0])
        assert claim["kind"] in readme["claims"][0]["kind"].split("|")
    assert all(isinstance(v, (int, float)) for v in data["readability"].values())


def test_json_document_names_the_draft(drafts, results):
    doc = results["docx"]["document"]
    assert doc["path"] == str(drafts["docx"].resolve()) and doc["format"] == "docx"
    assert doc["title"].startswith("Latest Ukraine War News") and doc["words"] > 2500


def test_markdown_output_is_readable(drafts, tmp_path):
    code, out, err = cli("check", drafts["txt"], "--format", "markdown", "--db", tmp_path / "r.db", FAST)
    assert code == 1, err
    assert out.startswith("# Check of Latest Ukraine War News")
    assert "| Readability | ok |" in out and "| Repetition | ok |" in out
    assert re.search(r"^## Repetition \(\d+\)$", out, re.M)
    glance_start = out.index("## At a glance")
    listing_start = out.index("\n## ", glance_start + 3)
    glance, listing = out[glance_start:listing_start], out[listing_start:]
    assert re.search(r"^- \*\*repetition\*\* \u201c[^\u201d]+\u201d appears \d+ times", glance, re.M)
    items = [line for line in listing.splitlines() if line.startswith("- ")]
    assert items and all(re.match(r"- \*\*\d+:\d+\*\* ", line) for line in items)
    assert any("\u201cfar from over\u201d" in line for line in items)


def test_text_output_gives_file_line_column_for_grep(drafts, tmp_path):
    code, out, err = cli("check", drafts["md"], "--db", tmp_path / "r.db", FAST, "--line-editing")
    assert code == 1, err
    located = re.findall(rf"^{re.escape(str(drafts['md']))}:(\d+):(\d+): (\w+) (\w+): ", out, re.M)
    assert located and {category for _, _, category, _ in located} == {"readability", "repetition"}
    assert re.search(r"^\d+ flags \(.*\); 0 of \d+ reviewed\.$", out, re.M)


def test_exit_code_is_0_once_every_flag_is_dismissed(tmp_path):
    draft = tmp_path / "short.txt"
    draft.write_text("Residents said the the water failed.\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'r.db'}"
    flags = check_json(draft, db, "--checks=repetition")["flags"]
    assert [f["text"] for f in flags] == ["the the"]
    assert cli("review", draft, "--db", db, "--checks=repetition", "--dismiss", flags[0]["id"])[0] == 0
    code, out, err = cli("check", draft, "--db", db, "--checks=repetition")
    assert code == 0, out
