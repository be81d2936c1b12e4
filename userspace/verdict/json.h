/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_VERDICT_JSON_H
#define ZCGUARD_VERDICT_JSON_H

#include "lib/json.h"
#include "verdict/verdict.h"

void zcg_tap_put(struct zcg_json *j, const char *key,
		 const struct tap_counts *t);
void zcg_run_put(struct zcg_json *j, const char *key, const struct zcg_run *r);
void zcg_verdict_put(struct zcg_json *j, const char *key,
		     const struct zcg_verdict *v);

#endif
