"""What ships: the wheel holds only what runs, the launchers exist, the Linux desktop files validate."""
from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.reviewdesk.ReviewDesk"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                           "-w", str(out), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    [built] = list(out.glob("reviewdesk-*.whl"))
    return zipfile.ZipFile(built)


def test_the_wheel_holds_what_runs_and_no_pictures(wheel):
    names = wheel.namelist()
    assert not [n for n in names if n.endswith((".png", ".jpg"))], "README pictures do not ship"
    assert "reviewdesk/resources/editorial/officeholders.toml" in names
    assert any(n.startswith("reviewdesk/storage/alembic/versions/") for n in names)
    assert "reviewdesk/resources/schemas/reviewdesk.summary-1.schema.json" in names
    assert not [n for n in names if n.startswith(("tests/", "seeds/", "packaging/"))]


def test_the_wheel_has_a_console_and_a_gui_launcher(wheel):
    [entry] = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    points = configparser.ConfigParser()
    points.read_string(wheel.read(entry).decode())
    assert points["console_scripts"]["reviewdesk"] == "reviewdesk.cli.main:main"
    assert points["gui_scripts"]["reviewdesk-gui"] == "reviewdesk.cli.main:gui_main"


def test_desktop_entry_opens_drafts_of_every_format():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"] == "reviewdesk-gui %f" and desktop["Icon"] == APP_ID
    mimes = set(filter(None, desktop["MimeType"].split(";")))
    assert mimes == {"text/plain", "text/markdown", "text/html",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def test_icons_come_in_the_freedesktop_sizes():
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        icon = LINUX / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        header = icon.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n", icon
        width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
        assert (width, height) == (size, size), icon


@pytest.mark.skipif(not shutil.which("appstreamcli"),
                    reason="appstreamcli is not installed (.ci/run installs Debian's appstream)")
def test_appstream_metainfo_is_valid():
    done = subprocess.run(["appstreamcli", "validate", "--no-net", str(LINUX / f"{APP_ID}.metainfo.xml")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(not shutil.which("desktop-file-validate"),
                    reason="desktop-file-validate is not installed (.ci/run installs desktop-file-utils)")
def test_desktop_file_is_valid():
    done = subprocess.run(["desktop-file-validate", str(LINUX / f"{APP_ID}.desktop")],
                          capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_version_names_every_engine():
    done = subprocess.run([sys.executable, "-m", "reviewdesk.cli.main", "--version"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    names = [line.split()[0] for line in done.stdout.splitlines()]
    assert names[:5] == ["ReviewDesk", "Qt", "Harper", "textstat", "LanguageTool"]
