#!/usr/bin/env bash
# Headless Chromium for the viewer test (tests/test_validate_export_view.py), plus a small
# Chinese font so that its screenshot is legible (the PDF tests typeset with it too), and
# poppler's pdftotext with its CJK encoding data, the common extractor whose text of the real
# PDFs tests/test_real_pdfs.py tags. Installs Debian's `chromium`, `fonts-wqy-microhei`
# (1.6 MB), `poppler-utils` and `poppler-data` with apt-get when missing, as root or with
# passwordless sudo; otherwise says why not and exits 0: those tests then skip, saying why.
set -u
have_chromium() {
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 ||
    command -v google-chrome >/dev/null 2>&1
}
have_cjk_font() {
  command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]
}

wanted=()
have_chromium || wanted+=(chromium)
have_cjk_font || wanted+=(fonts-wqy-microhei)
command -v pdftotext >/dev/null 2>&1 || wanted+=(poppler-utils)
[ -d /usr/share/poppler/cMap ] || wanted+=(poppler-data)
if [ ${#wanted[@]} -eq 0 ]; then
  echo "install-chromium: Chromium, a Chinese font and pdftotext are installed"
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo -n"
else
  echo "install-chromium: ${wanted[*]} missing; not root and no passwordless sudo to install them"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: ${wanted[*]} missing and no apt-get to install them"
  exit 0
fi
log=$(mktemp)
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y --no-install-recommends "${wanted[@]}" >"$log" 2>&1; then
  $sudo apt-get update >>"$log" 2>&1
  if ! $sudo apt-get install -y --no-install-recommends "${wanted[@]}" >>"$log" 2>&1; then
    echo "install-chromium: apt-get could not install ${wanted[*]} (log: $log)"
    exit 0
  fi
fi
rm -f "$log"
echo "install-chromium: installed ${wanted[*]}"
