#!/usr/bin/env bash
# Install the Debian packages Workbench needs that are missing. Usage: system-deps.sh run|test|package
# Only missing packages are installed, so a second call costs a few dpkg look-ups.
set -euo pipefail

runtime=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
         libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
         libxcb-render-util0 libxcb-image0 libxcb-xkb1 fonts-dejavu-core)
test=(postgresql poppler-utils xvfb xauth)
case "${1:-run}" in
  run) wanted=("${runtime[@]}"); [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || wanted+=(xvfb xauth) ;;
  test) wanted=("${runtime[@]}" "${test[@]}") ;;
  package) wanted=("${runtime[@]}" binutils xvfb xauth) ;;  # strip/objdump for PyInstaller, Xvfb for the smoke test
  *) echo "usage: $0 run|test|package" >&2; exit 2 ;;
esac

command -v dpkg-query >/dev/null || { echo "Not a Debian-based system: install the equivalents of: ${wanted[*]}" >&2; exit 0; }
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "Run as root or install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
