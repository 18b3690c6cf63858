"""LanguageTool through language-tool-python: the contract, the failures, local installs, privacy.

The contract tests run the real language-tool-python client against an HTTP server on 127.0.0.1
that answers /v2/check with RECORDED LanguageTool answers (tests/data/languagetool/). They are
recordings in the JSON shape LanguageTool documents for /v2/check and /v2/languages; because no
LanguageTool could run where they were made, they were written out by hand in that shape for the
texts in texts.json (LanguageTool 6.8 rule ids, UTF-16 offsets as Java counts them), not captured.
"""
from __future__ import annotations

import hashlib
import io
import socket
import threading
import time
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from lt_replay import SLOW_SECONDS, ReplayServer, texts
from reviewdesk.checks.base import RunContext
from reviewdesk.checks.grammar import GrammarCheck
from reviewdesk.checks.grammar_harper import HarperEngine
from reviewdesk.checks.grammar_lt import LanguageToolEngine
from reviewdesk.checks.grammar_lt_local import (LanguageToolUnavailable, install, installed_jar,
                                                java_problem)
from reviewdesk.core.document import document_from_text
from reviewdesk.core.engine import OK, UNAVAILABLE, Engine
from reviewdesk.core.errors import Cancelled
from reviewdesk.core.progress import CancelToken, Progress
from reviewdesk.core.settings import Settings


@pytest.fixture(scope="module")
def harper() -> HarperEngine:
    return HarperEngine()


@pytest.fixture(scope="module")
def server():
    with ReplayServer() as s:
        yield s


@pytest.fixture(autouse=True)
def no_env_url(monkeypatch):
    monkeypatch.delenv("REVIEWDESK_LANGUAGETOOL_URL", raising=False)


def grammar(harper: HarperEngine) -> GrammarCheck:
    """A fresh check (fresh LanguageTool state) around the shared, costly Harper linter."""
    return GrammarCheck(harper=harper, languagetool=LanguageToolEngine())


def run(check: GrammarCheck, text: str, **settings) -> tuple[list, RunContext]:
    ctx = RunContext(settings=Settings(enabled=("grammar",), **settings))
    return list(check.run(document_from_text(text), ctx)), ctx


def test_normal_answer_gives_matches_in_code_points_despite_an_emoji(server):
    text = texts()["english"]
    first, second = text.split("\n\n")
    result = LanguageToolEngine().check([first, second], "en-US",
                                        Settings(languagetool_url=server.url("normal")))
    found = {first[m.start:m.end] for m in result.matches[0]} | {second[m.start:m.end] for m in result.matches[1]}
    assert found == {"have took", "Thiss", "Their", "go", "every days"}
    assert result.label == "languagetool 6.8 (server)"


def test_request_carries_language_text_and_our_disabled_rules(server):
    LanguageToolEngine().check(["A first paragraph."], "en-GB", Settings(languagetool_url=server.url("empty")))
    form = server.checks("empty")[-1]
    assert form["language"] == ["en-GB"]
    assert form["text"] == ["A first paragraph."]
    assert "WHITESPACE_RULE" in form["disabledRules"][0].split(",")


def test_merged_flags_carry_both_engines_and_one_flag_per_problem(server, harper):
    text = texts()["english"]
    flags, ctx = run(grammar(harper), text, languagetool_url=server.url("normal"))
    by_text = {text[f.start:f.end]: f for f in flags}
    assert by_text["Thiss"].engines == ("harper", "languagetool")
    assert by_text["took"].engines == ("harper", "languagetool")      # LanguageTool said "have took"
    assert "have took" not in by_text                                  # ... one highlight, not two
    assert by_text["every days"].engines == ("languagetool",)
    assert "Thighs" in by_text["Thiss"].suggestions and "This" in by_text["Thiss"].suggestions
    spans = [(f.start, f.end) for f in flags]
    assert len(spans) == len(set(spans))
    assert ctx.engine_label.startswith("harper ") and ctx.engine_label.endswith(" + languagetool 6.8 (server)")


def test_empty_answer_keeps_harpers_flags(server, harper):
    flags, ctx = run(grammar(harper), texts()["english"], languagetool_url=server.url("empty"))
    assert {f.engines for f in flags} == {("harper",)}
    assert "languagetool 6.8 (server)" in ctx.engine_label
    assert ctx.notices == []


def test_slow_server_times_out_with_a_reason_and_harpers_flags_stand(server, harper):
    started = time.monotonic()
    flags, ctx = run(grammar(harper), texts()["english"], languagetool_url=server.url("slow"),
                     languagetool_timeout=0.5)
    assert time.monotonic() - started < SLOW_SECONDS
    assert ctx.notices == [f"LanguageTool not used: LanguageTool at {server.url('slow')[:-6]} did not "
                           "answer within 0.5 s. Harper's flags stand."]
    assert flags and all(f.engines == ("harper",) for f in flags)
    assert ctx.engine_label.startswith("harper ") and "languagetool" not in ctx.engine_label


def test_http_error_is_one_clear_reason(server, harper):
    flags, ctx = run(grammar(harper), texts()["english"], languagetool_url=server.url("error"))
    assert len(ctx.notices) == 1
    assert "answered with something other than a result" in ctx.notices[0]
    assert "Internal Error" in ctx.notices[0]
    assert flags


def test_malformed_answer_is_rejected_whole(server, harper):
    flags, ctx = run(grammar(harper), texts()["english"], languagetool_url=server.url("malformed"))
    assert "is not a LanguageTool result (match 0 lacks 'offset')" in ctx.notices[0]
    assert all(f.engines == ("harper",) for f in flags)


def test_truncated_json_is_rejected(server, harper):
    _, ctx = run(grammar(harper), texts()["english"], languagetool_url=server.url("truncated"))
    assert "answered with something other than a result" in ctx.notices[0]


def test_server_down_is_a_reason_not_a_crash(harper):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]     # closed again: nothing listens there
    outcome = Engine([grammar(harper)]).run_check(
        grammar(harper), document_from_text("Thiss is a test."),
        Settings(enabled=("grammar",), languagetool_url=f"http://127.0.0.1:{port}"))
    assert outcome.status.status == OK
    assert "cannot be reached" in outcome.status.message
    assert [f.engines for f in outcome.flags] == [("harper",)]


def test_after_a_failure_the_server_is_not_asked_again_at_once(server, harper):
    check = grammar(harper)
    run(check, texts()["english"], languagetool_url=server.url("error"))
    asked = len(server.checks("error"))
    _, ctx = run(check, texts()["english"], languagetool_url=server.url("error"))
    assert len(server.checks("error")) == asked
    assert "answered with something other than a result" in ctx.notices[0]


def test_unchanged_paragraphs_are_not_sent_again(server, harper):
    check = grammar(harper)
    text = "One paragraph that stays.\n\nAnother that stays too."
    run(check, text, languagetool_url=server.url("empty"))
    asked = len(server.checks("empty"))
    run(check, text, languagetool_url=server.url("empty"))
    assert len(server.checks("empty")) == asked


def test_non_english_draft_is_checked_by_languagetool_alone(server, harper):
    text = texts()["german"]
    flags, ctx = run(grammar(harper), text, languagetool_url=server.url("german"))
    assert [(text[f.start:f.end], f.engines) for f in flags] == [("Regirung", ("languagetool",))]
    assert server.checks("german")[-1]["language"] == ["auto"]
    assert server.checks("german")[-1]["preferredVariants"] == ["en-US"]
    assert "does not look like English" in ctx.notices[0] and "German (Germany)" in ctx.notices[0]
    assert ctx.engine_label == "languagetool 6.8 (server)"


def test_chosen_language_outside_english_goes_to_languagetool(server, harper):
    run(grammar(harper), texts()["german"], languagetool_url=server.url("german"), language="de-DE")
    assert server.checks("german")[-1]["language"] == ["de-DE"]


def test_a_language_the_server_lacks_is_a_clear_reason(server, harper):
    outcome = Engine().run_check(grammar(harper), document_from_text(texts()["german"]),
                                 Settings(enabled=("grammar",), language="tlh",
                                          languagetool_url=server.url("empty")))
    assert outcome.status.status == UNAVAILABLE
    assert "does not support the language \u201ctlh\u201d" in outcome.status.message


def test_url_from_the_environment_is_used(server, harper, monkeypatch):
    monkeypatch.setenv("REVIEWDESK_LANGUAGETOOL_URL", server.url("empty"))
    _, ctx = run(grammar(harper), "A short draft with a typo: thiss.")
    assert "languagetool 6.8 (server)" in ctx.engine_label


# -- local LanguageTool: Java, download, start -------------------------------------------------

def test_no_java_is_one_clear_reason_and_harper_stands(harper, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))          # no java on this PATH
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "lt"))
    flags, ctx = run(grammar(harper), "Thiss is a test.", grammar_engine="languagetool")
    assert ctx.notices == ["LanguageTool not used: LanguageTool needs Java 17 or newer on this computer "
                           "and none was found: install Java, or set a LanguageTool server URL in the "
                           "settings. Harper's flags stand."]
    assert [f.engines for f in flags] == [("harper",)]


def test_auto_without_a_local_languagetool_uses_harper_quietly(harper, monkeypatch, tmp_path):
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    _, ctx = run(grammar(harper), "Thiss is a test.")
    assert ctx.engine_label.startswith("harper ") and "languagetool" not in ctx.engine_label
    assert ctx.notices == []


def _zip_with_jar() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("LanguageTool-6.8/languagetool-server.jar", b"PK\x05\x06" + b"\0" * 18)
        z.writestr("LanguageTool-6.8/README.md", "x" * 3_000_000)   # a few chunks of progress
    return buf.getvalue()


class _ZipServer:
    def __init__(self, body: bytes, pause: threading.Event | None = None) -> None:
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    for i in range(0, len(body), 1 << 20):
                        self.wfile.write(body[i:i + (1 << 20)])
                except (BrokenPipeError, ConnectionResetError):
                    pass
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/LanguageTool-6.8.zip"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_download_reports_progress_and_installs_for_next_time(monkeypatch, tmp_path):
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    body = _zip_with_jar()
    zips = _ZipServer(body)
    seen: list[tuple[float, str]] = []
    try:
        jar = install(Progress(lambda f, m: seen.append((f, m))), url=zips.url,
                      sha256=hashlib.sha256(body).hexdigest())
    finally:
        zips.close()
    assert jar == tmp_path / "LanguageTool-6.8" / "languagetool-server.jar"
    assert installed_jar() == jar
    assert any(m.startswith("Downloading LanguageTool 6.8: ") and " of " in m for _, m in seen)
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_cancelling_the_download_leaves_nothing_behind(monkeypatch, tmp_path):
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    body = _zip_with_jar()
    zips = _ZipServer(body)
    token = CancelToken()
    progress = Progress(lambda f, m: token.cancel() if f > 0 else None, token)
    try:
        with pytest.raises(Cancelled):
            install(progress, url=zips.url, sha256=hashlib.sha256(body).hexdigest())
    finally:
        zips.close()
    assert list(tmp_path.iterdir()) == []


def test_damaged_download_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    zips = _ZipServer(_zip_with_jar())
    try:
        with pytest.raises(LanguageToolUnavailable, match="checksum mismatch"):
            install(Progress(), url=zips.url, sha256="0" * 64)
    finally:
        zips.close()
    assert installed_jar() is None


def test_no_network_for_the_download_is_a_reason(monkeypatch, tmp_path):
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(LanguageToolUnavailable, match=r"could not be downloaded \(ConnectionError\)"):
        install(Progress(), url=f"http://127.0.0.1:{port}/LanguageTool-6.8.zip")


@pytest.fixture(scope="module")
def standin_jar(tmp_path_factory):
    """A jar whose org.languagetool.server.HTTPServer replays the recordings (see standin/)."""
    import shutil
    import subprocess
    from lt_replay import DATA
    if java_problem() is not None or not shutil.which("javac") or not shutil.which("jar"):
        pytest.skip("needs a JDK (java 17+, javac and jar) to build the LanguageTool stand-in")
    build = tmp_path_factory.mktemp("standin")
    subprocess.run(["javac", "-d", str(build / "classes"), str(DATA / "standin" / "HTTPServer.java")],
                   check=True, capture_output=True)
    jar = build / "languagetool-server.jar"
    subprocess.run(["jar", "cf", str(jar), "-C", str(build / "classes"), "."], check=True,
                   capture_output=True)
    return jar


@pytest.fixture
def local_languagetool(standin_jar, monkeypatch, tmp_path):
    from lt_replay import DATA
    installed = tmp_path / "LanguageTool-6.8"
    installed.mkdir()
    (installed / "languagetool-server.jar").write_bytes(standin_jar.read_bytes())
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    monkeypatch.setenv("REVIEWDESK_TEST_LT_DATA", str(DATA))


def test_local_languagetool_is_started_used_and_stopped(local_languagetool, harper):
    check = grammar(harper)
    try:
        flags, ctx = run(check, texts()["english"], grammar_engine="languagetool")
        assert check.languagetool.local.running
    finally:
        check.close()
    assert not check.languagetool.local.running
    assert ctx.engine_label == "languagetool 6.8 (local)"
    assert {f.engines for f in flags} == {("languagetool",)}
    assert len(flags) == 5


def test_auto_uses_an_installed_local_languagetool_beside_harper(local_languagetool, harper):
    check = grammar(harper)
    try:
        flags, ctx = run(check, texts()["english"])
    finally:
        check.close()
    assert ctx.engine_label.startswith("harper ") and ctx.engine_label.endswith("+ languagetool 6.8 (local)")
    assert ("harper", "languagetool") in {f.engines for f in flags}


def test_a_jar_that_is_not_languagetool_is_a_reason(monkeypatch, tmp_path, harper):
    if java_problem() is not None:
        pytest.skip("needs Java 17+")
    installed = tmp_path / "LanguageTool-6.8"
    installed.mkdir()
    with zipfile.ZipFile(installed / "languagetool-server.jar", "w") as z:
        z.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    flags, ctx = run(grammar(harper), "Thiss is a test.", grammar_engine="languagetool")
    assert ctx.notices[0].startswith("LanguageTool not used: LanguageTool stopped while starting (exit code")
    assert [f.engines for f in flags] == [("harper",)]


_REAL = installed_jar() is not None and java_problem() is None


@pytest.mark.skipif(not _REAL, reason="no LanguageTool is installed on this machine (no server jar in "
                    "language-tool-python's download folder or LTP_JAR_DIR_PATH), or no Java 17+")
def test_real_local_languagetool_finds_a_typo(harper):
    check = grammar(harper)
    try:
        flags, ctx = run(check, "This sentence has a mispelled word.", grammar_engine="languagetool")
    finally:
        check.close()
    assert ctx.notices == []
    assert ctx.engine_label.startswith("languagetool ") and ctx.engine_label.endswith("(local)")
    assert any("languagetool" in f.engines for f in flags)


# -- privacy -----------------------------------------------------------------------------------

def _loopback(host: object) -> bool:
    host = str(host)
    return host in ("localhost", "::1") or host.startswith("127.")


def test_whole_check_of_the_sample_draft_makes_no_outside_connection(monkeypatch):
    from pathlib import Path
    attempts: list[object] = []
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def guarded_connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address[0]):
            attempts.append(address)
            raise OSError("test: connections outside this machine are refused")
        return real_connect(self, address)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if host is not None and not _loopback(host):
            attempts.append(host)
            raise socket.gaierror("test: name lookups are refused")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex",
                        lambda self, a: guarded_connect(self, a) or 0)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    draft = Path(__file__).resolve().parents[2] / "seeds" / "bakhmut-draft.txt"
    doc = document_from_text(draft.read_text(encoding="utf-8"))
    report = Engine().run(doc, Settings())
    assert attempts == []
    assert {c.id: c.status for c in report.checks}["grammar"] == OK
    assert all(c.status == OK for c in report.checks), [(c.id, c.message) for c in report.checks]
    assert report.flags
