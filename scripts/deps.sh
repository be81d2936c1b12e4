#!/bin/sh
# Install every Debian package zcguard needs, idempotently.
# Run as root on Debian 12 (bookworm). Called by `make deps`.
set -eu

PKGS="
build-essential make gcc clang llvm lld pkg-config
liburing-dev libbpf-dev libelf-dev zlib1g-dev bpftool
qemu-system-x86 qemu-utils busybox-static cpio kmod
linux-image-cloud-amd64 linux-headers-cloud-amd64
linux-image-6.12-cloud-amd64 linux-headers-6.12-cloud-amd64
linux-source-6.1 linux-source-6.12 xz-utils codespell
flex bison bc libssl-dev dwarves ccache
iproute2 procps perl python3 gnuplot-nox git jq rsync
"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done

if [ -z "$missing" ]; then
	echo "deps: all packages present"
elif [ "$(id -u)" != 0 ]; then
	echo "deps: missing:$missing; run 'make deps' as root" >&2
	exit 1
else
	echo "deps: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing
fi

# The kselftest headers and checkpatch.pl live in the source tarball;
# unpack the parts we use once, into the project's build directory.
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/ksft-unpack.sh"
