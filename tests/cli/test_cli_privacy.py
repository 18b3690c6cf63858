"""`reviewdesk check` of the sample draft, as a user runs it, opens no connection beyond this machine."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cli_helpers import SEED

EXE = Path(sys.executable).with_name("reviewdesk")

# Loaded by the child Python before anything else (sitecustomize): it refuses, and writes down,
# every connection and name lookup that is not for loopback.
GUARD = '''
import os, socket
_log = os.environ["REVIEWDESK_TEST_NET_LOG"]

def _note(what):
    with open(_log, "a", encoding="utf-8") as f:
        f.write(what + "\\n")

def _loopback(host):
    host = str(host)
    return host in ("localhost", "::1") or host.startswith("127.")

_connect, _getaddrinfo = socket.socket.connect, socket.getaddrinfo

def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address[0]):
        _note(f"connect {address!r}")
        raise OSError("refused by the privacy test")
    return _connect(self, address)

def connect_ex(self, address):
    try:
        connect(self, address)
    except OSError:
        return 111
    return 0

def getaddrinfo(host, *args, **kwargs):
    if host is not None and not _loopback(host):
        _note(f"lookup {host!r}")
        raise socket.gaierror("refused by the privacy test")
    return _getaddrinfo(host, *args, **kwargs)

socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo
_note("guard on")
'''


def test_check_command_of_the_sample_draft_stays_on_this_machine(tmp_path):
    (tmp_path / "guard").mkdir()
    (tmp_path / "guard" / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "net.log"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("REVIEWDESK_") and "proxy" not in k.lower()}
    env.update(PYTHONPATH=str(tmp_path / "guard"), REVIEWDESK_TEST_NET_LOG=str(log),
               REVIEWDESK_DATA_DIR=str(tmp_path / "data"))
    run = subprocess.run([str(EXE), "check", str(SEED), "--format", "json"], capture_output=True,
                         text=True, env=env, timeout=300)
    assert run.returncode == 1, run.stderr
    assert log.read_text(encoding="utf-8") == "guard on\n"
    checks = {c["id"]: c for c in json.loads(run.stdout)["checks"]}
    assert checks["grammar"]["status"] == "ok" and checks["grammar"]["engine"].startswith("harper")
    assert all(c["status"] == "ok" for c in checks.values()), checks
