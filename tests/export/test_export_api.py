"""export_summary: format names, atomic writes, one-sentence errors, and no Qt unless PDF."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewdesk.core.errors import ExportError
from reviewdesk.export import FORMATS, export_summary


def test_the_six_formats_are_offered():
    assert FORMATS == ("docx", "pdf", "html", "markdown", "json", "csv")


def test_an_unknown_format_is_refused_with_the_choices(summary, tmp_path):
    with pytest.raises(ExportError, match="choose one of docx, pdf"):
        export_summary(summary, "rtf", tmp_path / "out.rtf")


def test_the_extension_is_added_when_the_name_has_none(summary, tmp_path):
    written = export_summary(summary, "md", tmp_path / "summary")
    assert written == tmp_path / "summary.md" and written.is_file()


def test_a_missing_folder_is_one_clear_sentence(summary, tmp_path):
    with pytest.raises(ExportError, match="does not exist") as caught:
        export_summary(summary, "json", tmp_path / "nowhere" / "out.json")
    assert "\n" not in str(caught.value)


def test_a_failed_export_leaves_the_previous_file_and_no_temporary_files(summary, tmp_path):
    target = tmp_path / "out.json"
    target.write_text("previous", encoding="utf-8")
    summary.flags = None            # breaks the writer half way, as a bug would
    with pytest.raises(ExportError):
        export_summary(summary, "json", target)
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_the_written_file_gets_ordinary_permissions(summary, tmp_path):
    written = export_summary(summary, "csv", tmp_path / "out.csv")
    umask = os.umask(0)
    os.umask(umask)
    assert written.stat().st_mode & 0o777 == 0o666 & ~umask


def test_exporting_text_formats_does_not_load_qt(tmp_path):
    here = Path(__file__).parent
    code = (
        "import sys; sys.path.insert(0, %r)\n"
        "from export_samples import sample_summary\n"
        "from reviewdesk.export import export_summary\n"
        "import reviewdesk.export.pdf\n"
        "for fmt in ('markdown', 'json', 'csv', 'html', 'docx'):\n"
        "    export_summary(sample_summary(), fmt, %r + '/out.' + fmt)\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'PySide6 was imported'\n"
    ) % (str(here), str(tmp_path))
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_review_exports_in_every_format(fmt, tmp_path, request):
    from export_samples import sample_doc

    from reviewdesk.core.summary import summary_from_parts

    if fmt == "pdf":
        request.getfixturevalue("qapp")
    summary = summary_from_parts(sample_doc("Just a title\n"), [], [], [], {})
    assert summary.verdict.startswith("Ready to publish: 0 accepted flags")
    assert export_summary(summary, fmt, tmp_path / "empty").stat().st_size > 0


def test_a_pdf_can_be_written_from_a_worker_thread_while_the_window_runs(summary, qapp, tmp_path):
    import threading

    errors: list[BaseException] = []

    def work() -> None:
        try:
            export_summary(summary, "pdf", tmp_path / "r.pdf")
        except BaseException as exc:  # reported to the test thread below
            errors.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(60)
    assert errors == [] and (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF-")
