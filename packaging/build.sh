#!/usr/bin/env bash
# Builds the one-folder bundle dist/reviewdesk/ from this checkout with PyInstaller, in its own
# virtual environment (.venv-bundle), and renders the Linux icons from resources/icons/app.svg.
# Usage: packaging/build.sh            (about a minute on two cores)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
VENV=.venv-bundle
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
"$VENV/bin/pip" install -q --upgrade pip >/dev/null 2>&1 || true
"$VENV/bin/pip" install -q . "pyinstaller>=6.10,<7" 2>&1 | grep -v "^WARNING: Location" || true
"$VENV/bin/python" packaging/linux/render_icons.py packaging/linux/icons
rm -rf build/pyinstaller dist/reviewdesk
(cd packaging/pyinstaller &&
  "../../$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --workpath ../../build/pyinstaller --distpath ../../dist reviewdesk.spec)
echo "Built dist/reviewdesk ($(du -sh dist/reviewdesk | cut -f1))"
