#!/bin/sh
# Make sure the system Chromium that the site's browser test drives is present,
# with a font that has Chinese glyphs (so the test's screenshots are readable).
#
# Idempotent and quiet: prints nothing and exits 0 when both are there. When one
# is missing and we run as root on a Debian/Ubuntu system, installs Debian's
# `chromium` (and `fonts-wqy-microhei`) with apt-get -- never a browser download
# from elsewhere. Otherwise it says why it cannot and exits 0, so `make test`
# goes on: the browser test then skips with that reason.
set -eu

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

packages=""
[ -x "$CHROMIUM" ] || packages="chromium"
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]; then
    packages="$packages fonts-wqy-microhei"
fi
[ -n "$packages" ] || exit 0

if [ "$(id -u)" != "0" ]; then
    echo "install_browser.sh: missing:$packages and this is not root;" \
         "install them (sudo apt-get install$packages) to run the browser test." >&2
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser.sh: missing:$packages and apt-get is not available;" \
         "install a Chromium at $CHROMIUM (or set CHROMIUM) to run the browser test." >&2
    exit 0
fi

echo "install_browser.sh: installing$packages with apt-get (once)..." >&2
export DEBIAN_FRONTEND=noninteractive
log="${TMPDIR:-/tmp}/install_browser.log"
# shellcheck disable=SC2086  # the package list is meant to split
if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends $packages; } >"$log" 2>&1; then
    echo "install_browser.sh: apt-get failed (see $log); the browser test will be skipped." >&2
    exit 0
fi
echo "install_browser.sh: done." >&2
