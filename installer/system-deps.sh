#!/usr/bin/env bash
# Install (as root on Debian/Ubuntu) or name (everyone else) the system packages
# the PySide6 wheels and the test suite need.  Usage: system-deps.sh run|test
# Reaches no network except Debian's package archive through apt-get.
set -euo pipefail
mode="${1:-run}"
qt_libs="libegl1 libgl1 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-image0 libxcb-render-util0"
case "$mode" in
  run)  wanted="$qt_libs fonts-noto-cjk" ;;
  test) wanted="$qt_libs postgresql poppler-utils" ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  # Windows and macOS wheels carry their own Qt libraries; other Linux families
  # need the equivalents of the Debian packages below.
  if [ "$(uname -s)" = "Linux" ]; then
    echo "提示：非 Debian 系统，请确认已安装与以下 Debian 软件包对应的库：$wanted" >&2
  fi
  exit 0
fi

missing=""
for p in $wanted; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "安装系统软件包：$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "缺少系统软件包，请先安装（需要管理员权限）：" >&2
  echo "  sudo apt-get install -y$missing" >&2
  exit 1
fi
