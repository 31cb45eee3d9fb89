#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine (as root, or with sudo available).
#
#   bash setup.sh run  [kiosk arguments…]   set everything up, then start the kiosk
#   bash setup.sh test [pytest arguments…]  set everything up, then run the test suite
#   bash setup.sh install                   set everything up only
#
# Idempotent: the second run checks two stamps (Debian packages, Python environment)
# and skips what is already in place, so it takes a second or two.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$(pwd)
VENV="$ROOT/.venv"
STAMPS="$VENV/.stamps"

# What the program needs from Debian, and why (see docs/setup.md).
APT_PACKAGES=(
  # Qt's xcb platform plugin and OpenGL
  libgl1 libegl1 libx11-6 libx11-xcb1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
  libfreetype6 libglib2.0-0 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-render0 libxcb-shape0
  libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1
  # QtMultimedia will not import without PulseAudio's client library
  libpulse0
  # Fonts that cover Vietnamese
  fonts-noto-core fonts-dejavu-core
  # OCR-B, the machine-readable zone's typeface, for the MRZ tests' drawn pages (tests/devices/camera/docscan/mrz_pages.py)
  fonts-ocr-b
  # QR decoding
  libzbar0
  # Photographs (wood, leaves, flowers, sky) behind the blind document set (bench/datasets/doc_blind.py)
  mate-backgrounds
  # Photographs (a bowl on concrete, brushes, a living room, mountains, dandelions) behind the fresh document set (bench/datasets/doc_fresh.py)
  lomiri-wallpapers-16.04
  # Photographs (a jetty, boats at dusk, a forest path, fallen leaves, cups) and Mesa's EGL (llvmpipe)
  # for the fifth document set's 3D renderer (bench/datasets/doc_fifth.py)
  plasma-workspace-wallpapers libegl-mesa0 libgl1-mesa-dri
  # Real chessboard photographs (two cameras, 13 poses each) behind the lens-calibration tests and bench/camera_calibration.py
  # (its other sample photographs are the negatives of the real-photograph document set, bench/datasets/doc_real.py)
  opencv-doc
  # Artwork shown on phone and tablet screens in the sixth document set (bench/datasets/doc_sixth.py);
  # its photographs are opencv-doc's
  ukui-wallpapers
  # The seventh document set's ray tracer and its pictures (a photograph of a nuthatch on bark for brochures and
  # screens, artwork for phone and tablet screens; CC-BY-SA-3.0), used by no other set (bench/datasets/doc_seventh.py)
  povray lomiri-wallpapers-20.04
  # The eighth document set's renderer (Blender Cycles) and its photographs (GIMP's pattern tiles: wood, stone,
  # cork, burlap, leather; GPL-3+), used by no other set (bench/datasets/doc_eighth.py)
  blender gimp-data
  # The ninth document set's photographs (neverball-data's texture photographs of wood, marble, stone, carpet;
  # GPL-2+), used by no other set; VTK renders it offscreen through libegl1 + libegl-mesa0 above (bench/datasets/doc_ninth.py)
  neverball-data
  # The tenth document set's photographs (Sweet Home 3D's texture catalogue inside its jar: granite, marble,
  # stone tile, wood, skies; GPL-2+), used by no other set; LuxCoreRender itself comes from PyPI (bench/datasets/doc_tenth.py)
  sweethome3d
  # Smart cards: the PC/SC daemon, the virtual reader driver used by the tests, and what pyscard builds with
  pcscd vsmartcard-vpcd libpcsclite-dev swig
  # Voice guidance (Vietnamese voice)
  espeak-ng
  # QtTextToSpeech's engine (speech-dispatcher over espeak-ng); sox measures WAVs in tests
  speech-dispatcher speech-dispatcher-espeak-ng sox
  # The AT-SPI check: accessibility bus, pyatspi (system Python), a private session bus
  at-spi2-core python3-pyatspi dbus-daemon dbus-bin
  # A screen for tests, screenshots and headless starts
  xvfb xauth
  # Browser tests of the sandbox's web pages; PDF checks
  chromium poppler-utils
  # Process tools used by the test peers
  procps psmisc
  # TPM 2.0: the TSS libraries tpm2-pytss builds against (with a C compiler and Python's
  # headers), the tools, and the software TPM the tests start (tests/peers/swtpm.py)
  libtss2-dev pkg-config gcc python3-dev tpm2-tools swtpm swtpm-tools
  # PostgreSQL 15 server binaries: the central's test suite starts a real server from them
  # (tests/peers/postgres.py); deployments run the central on PostgreSQL
  postgresql
)

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root (or sudo) to install Debian packages: $*"; exit 1; fi
}

install_debian_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then return; fi
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

python_bin() {
  for c in python3.13 python3.12 python3.11 python3; do
    if command -v "$c" >/dev/null && "$c" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      echo "$c"; return; fi
  done
  log "Python 3.11 or newer is required"; exit 1
}

install_python_env() {
  local want
  want=$(cat pyproject.toml packaging/central/pyproject.toml | sha256sum | cut -c1-16)
  if [ -x "$VENV/bin/kiosk" ] && [ "$(cat "$STAMPS/pip" 2>/dev/null)" = "$want" ]; then return; fi
  if [ ! -x "$VENV/bin/python" ]; then
    if ! "$(python_bin)" -m venv "$VENV" 2>/dev/null; then
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      "$(python_bin)" -m venv "$VENV"
    fi
  fi
  log "installing Python packages into .venv"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  # Two distributions from this repository: the kiosk, and the central (its own, so the kiosk
  # does not ship it); the demo profile and the tests run both.
  "$VENV/bin/python" -m pip install -q -e ".[dev]" -e ./packaging/central --config-settings editable_mode=compat
  mkdir -p "$STAMPS"; echo "$want" > "$STAMPS/pip"
}

build_translations() {
  # .ts sources (ui/i18n/*/…ts) → one .qm per language; cheap, so always rebuilt.
  "$VENV/bin/python" -m ui.i18n.build >/dev/null
}

have_display() { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }

install_debian_packages
install_python_env
build_translations

cmd=${1:-run}; shift || true
case "$cmd" in
  install) log "ready: .venv/bin/kiosk" ;;
  run)
    if have_display; then exec "$VENV/bin/kiosk" "$@"; fi
    log "no display found: starting the kiosk on a virtual screen (Xvfb 1080x1920); set DISPLAY to use a real one"
    exec xvfb-run -a -s "-screen 0 1080x1920x24" "$VENV/bin/kiosk" "$@" ;;
  test)
    set +e
    if have_display; then "$VENV/bin/python" -m pytest "$@"; else
      xvfb-run -a -s "-screen 0 1920x1080x24" "$VENV/bin/python" -m pytest "$@"; fi
    rc=$?
    # pytest's 5 means "no tests collected": only a failure when tests were expected.
    if [ $rc -eq 5 ]; then log "pytest collected no tests"; exit 1; fi
    exit $rc ;;
  *) log "usage: bash setup.sh run|test|install [args…]"; exit 2 ;;
esac
