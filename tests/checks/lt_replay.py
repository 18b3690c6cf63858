"""A LanguageTool stand-in on 127.0.0.1 that replays answers stored in tests/data/languagetool/.

The first path segment picks the scenario: a client pointed at http://127.0.0.1:PORT/normal/
asks /normal/v2/languages and /normal/v2/check. Every request is recorded for the tests to read.
"""
from __future__ import annotations

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "languagetool"
SLOW_SECONDS = 2.0

# scenario -> (HTTP status, file under DATA, seconds to wait before answering)
SCENARIOS = {
    "normal": (200, "check-normal.json", 0.0),
    "empty": (200, "check-empty.json", 0.0),
    "german": (200, "check-german.json", 0.0),
    "slow": (200, "check-normal.json", SLOW_SECONDS),
    "error": (500, "check-error-500.txt", 0.0),
    "malformed": (200, "check-malformed.json", 0.0),
    "truncated": (200, "check-truncated.txt", 0.0),
}


def texts() -> dict[str, str]:
    """The draft texts the recorded answers belong to."""
    return json.loads((DATA / "texts.json").read_text(encoding="utf-8"))


class ReplayServer:
    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict[str, list[str]]]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:   # keep test output clean
                pass

            def _scenario(self) -> tuple[str, str]:
                parts = self.path.split("?", 1)[0].strip("/").split("/")
                return parts[0], "/".join(parts[1:])

            def do_GET(self) -> None:
                scenario, rest = self._scenario()
                owner.requests.append(("GET", self.path, {}))
                if rest == "v2/languages" and scenario in SCENARIOS:
                    self._send(200, (DATA / "languages.json").read_bytes(), "application/json")
                else:
                    self._send(404, b"Not found", "text/plain")

            def do_POST(self) -> None:
                scenario, rest = self._scenario()
                length = int(self.headers.get("Content-Length") or 0)
                form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
                owner.requests.append(("POST", self.path, form))
                if rest != "v2/check" or scenario not in SCENARIOS:
                    self._send(404, b"Not found", "text/plain")
                    return
                status, name, delay = SCENARIOS[scenario]
                if delay:
                    time.sleep(delay)
                kind = "application/json" if name.endswith(".json") else "text/plain"
                self._send(status, (DATA / name).read_bytes(), kind)

            def _send(self, status: int, body: bytes, kind: str) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", f"{kind}; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass   # the client gave up (the timeout scenario)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, scenario: str) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/{scenario}/"

    def checks(self, scenario: str | None = None) -> list[dict[str, list[str]]]:
        return [form for method, path, form in self.requests
                if method == "POST" and (scenario is None or path.startswith(f"/{scenario}/"))]

    def __enter__(self) -> "ReplayServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
