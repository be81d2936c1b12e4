# SPDX-License-Identifier: GPL-2.0
# `zcguard report` and the console crash parser vm/bisect link.
REPORT_PARSER := report/parse.c report/header.c report/frames.c \
		 report/generic.c report/lines.c report/text.c \
		 report/kinds.c report/title.c
ZCG_SRCS += report/cmd_report.c report/input.c $(REPORT_PARSER)

# The parser's robustness test (tests/report-fuzz.t runs it).
ALL_TARGETS += $(O)/report-fuzz
$(O)/report-fuzz: ../tests/report/fuzz.c $(REPORT_PARSER) lib/file.c \
		  $(wildcard report/*.h)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $(filter %.c,$^)
