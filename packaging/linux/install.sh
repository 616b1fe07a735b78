#!/usr/bin/env sh
# Install the unpacked Workbench folder for the current user (no root needed):
#   the app in ~/.local/opt/Workbench, the command `workbench` in ~/.local/bin,
#   a menu entry and icons in ~/.local/share. Run it from the unpacked folder: ./install.sh
# Remove with: ./install.sh --uninstall
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix=${XDG_DATA_HOME:-$HOME/.local/share}
target=$HOME/.local/opt/Workbench
bin=$HOME/.local/bin

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$target" "$bin/workbench" "$prefix/applications/workbench.desktop"
  for size in 16 24 32 48 64 128 256 512; do rm -f "$prefix/icons/hicolor/${size}x${size}/apps/workbench.png"; done
  rm -f "$prefix/icons/hicolor/scalable/apps/workbench.svg"
  echo "Workbench removed. Your data (~/.local/share/Workbench) was left in place."
  exit 0
fi

[ -x "$here/Workbench" ] || { echo "Run this script from the unpacked Workbench folder." >&2; exit 1; }
if [ "$here" != "$target" ]; then
  mkdir -p "$(dirname "$target")"
  rm -rf "$target"
  cp -R "$here" "$target"
fi
mkdir -p "$bin" "$prefix/applications"
ln -sf "$target/Workbench" "$bin/workbench"

icons=$target/_internal/workbench/resources/icons
for size in 16 24 32 48 64 128 256 512; do
  if [ -f "$icons/workbench-$size.png" ]; then
    mkdir -p "$prefix/icons/hicolor/${size}x${size}/apps"
    cp "$icons/workbench-$size.png" "$prefix/icons/hicolor/${size}x${size}/apps/workbench.png"
  fi
done
mkdir -p "$prefix/icons/hicolor/scalable/apps"
cp "$icons/workbench.svg" "$prefix/icons/hicolor/scalable/apps/workbench.svg"

sed "s|^Exec=.*|Exec=\"$target/Workbench\"|" "$target/workbench.desktop" > "$prefix/applications/workbench.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$prefix/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$prefix/icons/hicolor" || true

echo "Workbench installed in $target."
echo "Start it from the applications menu, or run: workbench   (the command is in $bin)"
