#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# build.sh: the crash-zoo kernel and the crasher module for it.
# Unpacks Debian's linux-source-6.1 into build/kernels/zoo-src once,
# builds tinyconfig + zoo.config into build/kernels/zoo-6.1 (niced: a
# debug config on shared cores) and tests/report/capture/crasher.c
# against it into build/kernels/zoo-crasher/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
src=$top/build/kernels/zoo-src
obj=$top/build/kernels/zoo-6.1
mod=$top/build/kernels/zoo-crasher
if [ ! -f "$src/Makefile" ]; then
	mkdir -p "$src"
	tar xJf /usr/src/linux-source-6.1.tar.xz -C "$src" --strip-components=1
fi
nice -n 5 "$top/kernels/build-kernel.sh" "$src" "$obj" "$here/zoo.config"
# Module.symvers for an external module: modpost over the built vmlinux
nice -n 5 make -s -C "$src" O="$obj" CC="ccache gcc" modules -j"${JOBS:-2}"
mkdir -p "$mod"
cp "$top/tests/report/capture/crasher.c" "$mod/"
echo 'obj-m := crasher.o' >"$mod/Kbuild"
nice -n 5 make -s -C "$obj" M="$mod" CC="ccache gcc" modules
ls "$mod/crasher.ko"
