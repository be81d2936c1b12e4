# SPDX-License-Identifier: GPL-2.0
#
# Sourced by tests/trace-zcloop.t (host) and tests/trace/vm-guest.sh (in
# the guest, busybox sh): reading the totals line of `zcguard trace
# --json`. The guest has no jq, so the line is taken apart with sed: one
# flat object of numbers and plain strings (trace_out.c's json_line()).

# field NAME FILE: a number from the last {"type":"total"...} line.
field() {
	grep '"type":"total"' "$2" | tail -n 1 |
		sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"
}

# totals FILE: the counters of its totals line in kc (calls), ev (events),
# viol, ent (entries), ret (returns), drop (dropped) and missed.
totals() {
	kc=$(field calls "$1")
	ev=$(field events "$1")
	viol=$(field violations "$1")
	ent=$(field entries "$1")
	ret=$(field returns "$1")
	drop=$(field dropped "$1")
	missed=$(field missed "$1")
}
