"""A LanguageTool on this computer: find or download it, run its Java server on loopback, keep it.

language-tool-python knows where LanguageTool lives and how to start it, but its own start-up
downloads without a way to report progress or cancel, and on a failed start tries port after port.
So we use its pieces (download folder, release URL, checksum manifest, safe unzip, Java check)
and drive the download and the server process ourselves.
"""
from __future__ import annotations

import atexit
import hashlib
import logging
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import zipfile
from pathlib import Path

from ..core.progress import Progress

log = logging.getLogger(__name__)

JAR_NAMES = ("languagetool-server.jar", "languagetool.jar")
_LIVE: list[subprocess.Popen] = []


class LanguageToolUnavailable(Exception):
    """LanguageTool cannot be used right now; the message says why, for the editor."""


def download_version() -> str:
    from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION
    return LTP_DOWNLOAD_VERSION


def download_folder() -> Path:
    from language_tool_python.utils import get_language_tool_download_path
    return get_language_tool_download_path()


def installed_jar() -> Path | None:
    """The LanguageTool server jar on this computer (LTP_JAR_DIR_PATH, or the download folder).

    Looks without creating anything: language-tool-python's own lookup makes its download folder.
    """
    jar_dir = os.environ.get("LTP_JAR_DIR_PATH")
    if jar_dir:
        dirs = [Path(jar_dir)]
    else:
        from language_tool_python.utils import LTP_PATH_ENV_VAR
        folder = Path(os.environ.get(LTP_PATH_ENV_VAR) or Path.home() / ".cache" / "language_tool_python")
        found = [p for p in folder.glob("LanguageTool-*") if p.is_dir()] if folder.is_dir() else []
        dirs = sorted(found, key=lambda p: [int(n) for n in re.findall(r"\d+", p.name)], reverse=True)
    for folder in dirs:
        for name in JAR_NAMES:
            if (folder / name).is_file():
                return folder / name
    return None


_java_lock = threading.Lock()
_java_answer: dict[str, str | None] = {}


def java_problem() -> str | None:
    """None when Java >= 17 is installed; otherwise what the editor can do about it."""
    java = shutil.which("java")
    if not java:
        return ("LanguageTool needs Java 17 or newer on this computer and none was found: install "
                "Java, or set a LanguageTool server URL in the settings.")
    with _java_lock:
        if java not in _java_answer:
            from language_tool_python.download_lt import confirm_java_compatibility
            try:
                confirm_java_compatibility(download_version())
                _java_answer[java] = None
            except (SystemError, SystemExit, ModuleNotFoundError, subprocess.SubprocessError,
                    OSError) as exc:   # SystemExit: the library exits on a version it cannot parse
                _java_answer[java] = (f"LanguageTool needs Java 17 or newer ({exc}). Install a newer "
                                      "Java, or set a LanguageTool server URL in the settings.")
        return _java_answer[java]


def install(progress: Progress, *, url: str | None = None, sha256: str | None = None) -> Path:
    """Download and unpack LanguageTool into language-tool-python's folder; return the jar.

    Reports progress per megabyte and stops (cleaning up) when the job is cancelled. `url` and
    `sha256` default to the release and checksum language-tool-python pins.
    """
    import requests
    from language_tool_python.download_lt import EXPECTED_DOWNLOAD_SHA256, LocalLanguageTool
    from language_tool_python.safe_zip import SafeZipExtractor

    version = download_version()
    url = url or LocalLanguageTool.from_version_name(version).download_url
    expected = sha256 if sha256 is not None else EXPECTED_DOWNLOAD_SHA256.get(version)
    folder = download_folder()
    with tempfile.TemporaryDirectory(dir=folder, prefix=".download-") as tmp:
        archive = Path(tmp) / "languagetool.zip"
        digest = hashlib.sha256()
        try:
            with requests.get(url, stream=True, timeout=(15, 60)) as answer:
                if answer.status_code != 200:
                    raise LanguageToolUnavailable(
                        f"LanguageTool could not be downloaded: {url} answered HTTP {answer.status_code}.")
                total = int(answer.headers.get("Content-Length") or 0)
                done = 0
                with open(archive, "wb") as out:
                    for chunk in answer.iter_content(chunk_size=1 << 20):
                        out.write(chunk)
                        digest.update(chunk)
                        done += len(chunk)
                        progress.report(done / total if total else 0.0,
                                        f"Downloading LanguageTool {version}: {_mb(done)}"
                                        + (f" of {_mb(total)}" if total else ""))
        except requests.exceptions.RequestException as exc:
            raise LanguageToolUnavailable(
                f"LanguageTool could not be downloaded ({type(exc).__name__}): check the network, "
                "or set a LanguageTool server URL in the settings.") from None
        if expected and digest.hexdigest() != expected:
            raise LanguageToolUnavailable("The LanguageTool download was damaged (checksum mismatch); "
                                          "try again.")
        progress.report(1.0, f"Unpacking LanguageTool {version}")
        try:
            with zipfile.ZipFile(archive) as zipped:
                SafeZipExtractor().extractall(zipped, folder, work_dir=Path(tmp))
        except Exception as exc:   # BadZipFile, or the library's PathError for an unsafe archive
            raise LanguageToolUnavailable(f"The LanguageTool download could not be unpacked: {exc}") from None
    jar = installed_jar()
    if jar is None:
        raise LanguageToolUnavailable(f"LanguageTool was downloaded to {folder} but no server jar is in it.")
    return jar


def _mb(n: int) -> str:
    return f"{n / 1_048_576:.0f} MB"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalServer:
    """One LanguageTool server process for this app, started on first use and kept."""

    def __init__(self, startup_timeout: float = 90.0) -> None:
        self.startup_timeout = startup_timeout
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._url = ""

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def usable_without_download(self) -> bool:
        # The jar is a file lookup; the Java probe runs a process, so it goes second.
        return installed_jar() is not None and java_problem() is None

    def ensure_running(self, progress: Progress, allow_download: bool) -> str:
        """The server's base URL; downloads LanguageTool first when allowed and missing."""
        with self._lock:
            if self.running:
                return self._url
            problem = java_problem()
            if problem:
                raise LanguageToolUnavailable(problem)
            jar = installed_jar()
            if jar is None:
                if not allow_download:
                    raise LanguageToolUnavailable(
                        "LanguageTool is not installed on this computer: choose the LanguageTool "
                        "engine to download it (about 250 MB), or set a LanguageTool server URL.")
                jar = install(progress.part(0.0, 0.8))
            return self._start(jar, progress.part(0.8, 1.0))

    def _start(self, jar: Path, progress: Progress) -> str:
        import requests

        port = _free_port()
        cmd = [shutil.which("java") or "java", "-cp", str(jar), "org.languagetool.server.HTTPServer",
               "-p", str(port)]
        log.info("starting LanguageTool: %s", " ".join(cmd))
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        _LIVE.append(proc)
        url = f"http://127.0.0.1:{port}/"
        started = time.monotonic()
        try:
            while True:
                waited = time.monotonic() - started
                progress.report(min(0.95, waited / self.startup_timeout), "Starting LanguageTool")
                if proc.poll() is not None:
                    raise LanguageToolUnavailable(
                        f"LanguageTool stopped while starting (exit code {proc.returncode}); "
                        "check the Java installation.")
                if waited > self.startup_timeout:
                    raise LanguageToolUnavailable(
                        f"LanguageTool did not start within {self.startup_timeout:.0f} s.")
                try:
                    if requests.get(url + "v2/healthcheck", timeout=2).ok:
                        break
                except requests.exceptions.RequestException:
                    pass
                time.sleep(0.3)
        except BaseException:   # cancelled or failed: do not leave a half-started Java behind
            _stop(proc)
            raise
        self._proc, self._url = proc, url
        progress.report(1.0, "LanguageTool ready")
        return url

    def stop(self) -> None:
        with self._lock:
            if self._proc is not None:
                _stop(self._proc)
            self._proc, self._url = None, ""


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
    if proc in _LIVE:
        _LIVE.remove(proc)


@atexit.register
def _stop_all() -> None:
    for proc in list(_LIVE):
        _stop(proc)
