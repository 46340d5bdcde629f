#!/usr/bin/env bash
# Set up everything needed to run BurgerAnnotator from source on a fresh machine:
# the system libraries Qt needs (Debian/Ubuntu, when run as root or with sudo), a
# virtual environment in .venv, and the package with its test extras.
# Idempotent and quick when nothing changed. Usage: bash packaging/setup-env.sh
set -euo pipefail
cd "$(dirname "$0")/.."

QT_LIBS="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0
 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0
 libxcb-xinerama0 libxcb-xkb1 libglib2.0-0 fonts-dejavu-core"
# Tesseract OCR with Dutch and English language data: optional for users (the app says what
# it needs when missing), required by the tests that recognise the corpus's scanned pages.
OCR_PKGS="tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng"

if command -v dpkg-query >/dev/null 2>&1; then
  missing=""
  for pkg in $QT_LIBS $OCR_PKGS; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    if [ -z "$SUDO" ] || command -v sudo >/dev/null 2>&1; then
      echo "Installing system libraries for Qt and OCR:$missing"
      $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
    else
      echo "Please install these system packages for Qt and OCR:$missing" >&2
    fi
  fi
fi

# Opt-in, for bench/render_exports.py only (never for the tests): LibreOffice Calc without a GUI, to
# convert exports to PDF as a user's LibreOffice would print them, and poppler's pdftoppm to render
# page images. Usage: BURGERANNOTATOR_BENCH=1 bash packaging/setup-env.sh
if [ "${BURGERANNOTATOR_BENCH:-0}" = 1 ] && command -v apt-get >/dev/null 2>&1; then
  if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    echo "Installing LibreOffice Calc (no GUI) and poppler-utils for bench/render_exports.py"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      libreoffice-calc-nogui poppler-utils fonts-dejavu-core fonts-liberation >/dev/null
  fi
fi

PY=${PYTHON:-python3}
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "BurgerAnnotator needs Python 3.11 or newer")'
[ -x .venv/bin/python ] || "$PY" -m venv .venv
stamp=.venv/.burgerannotator-installed
want=$(cat pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  echo "$want" > "$stamp"
fi
