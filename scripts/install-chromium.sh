#!/usr/bin/env bash
# Make a headless Chromium available for the viewer test (tests/test_validate_export_view.py).
# Does nothing when one is already on PATH; installs Debian's `chromium` when run as root (or
# with passwordless sudo); otherwise says why not and exits 0, and the test skips with that reason.
set -u
for name in chromium chromium-browser google-chrome; do
  if command -v "$name" >/dev/null 2>&1; then
    echo "install-chromium: $(command -v "$name") is already installed"
    exit 0
  fi
done
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo -n"
else
  echo "install-chromium: not root and no passwordless sudo; the viewer test will be skipped"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: no apt-get on this system; the viewer test will be skipped"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y --no-install-recommends chromium >/tmp/install-chromium.log 2>&1; then
  $sudo apt-get update >>/tmp/install-chromium.log 2>&1
  $sudo apt-get install -y --no-install-recommends chromium >>/tmp/install-chromium.log 2>&1 \
    || { echo "install-chromium: apt-get failed (see /tmp/install-chromium.log)"; exit 0; }
fi
echo "install-chromium: installed $(command -v chromium)"
