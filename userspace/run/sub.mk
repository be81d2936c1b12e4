# SPDX-License-Identifier: GPL-2.0
# zcguard run, the main job; and zcg-tap-run, the guest's TAP runner.
ZCG_SRCS += run/cmd_run.c run/plan.c run/build.c run/row.c run/report.c

TAP_RUN := $(O)/guest/zcg-tap-run
ALL_TARGETS += $(TAP_RUN)

$(TAP_RUN): run/tap_run.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -static -o $@ $<
