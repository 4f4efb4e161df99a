#!/bin/sh
# scripts/deps.sh PROFILE... - make sure the Debian packages listed in
# scripts/packages.PROFILE are installed. As root: apt-get installs what is
# missing. Otherwise: print the exact command and fail.
set -eu
here=$(dirname "$0")
missing=""
for profile in "$@"; do
	for pkg in $(sed 's/#.*//' "$here/packages.$profile"); do
		if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
			missing="$missing $pkg"
		fi
	done
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
	echo "jail: missing packages:$missing (install them with your package manager)" >&2
	exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "jail: missing packages:$missing" >&2
	echo "jail: run: sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "jail: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2 || true
apt-get install -y -qq $missing >&2
