// SPDX-License-Identifier: GPL-2.0
/*
 * KTAP output: every line goes to printk on its own (so a console parser
 * sees one result per line) and into a buffer that debugfs serves as
 * "ktap" after the tests ran.
 */
#define pr_fmt(fmt) fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/slab.h>

#include "zcguard.h"

#define ZCG_KTAP_SIZE	(16 * 1024)

static char *zcg_ktap_buf;
static size_t zcg_ktap_len;

int zcg_ktap_init(void)
{
	zcg_ktap_buf = kvzalloc(ZCG_KTAP_SIZE, GFP_KERNEL);
	zcg_ktap_len = 0;
	return zcg_ktap_buf ? 0 : -ENOMEM;
}

void zcg_ktap_exit(void)
{
	kvfree(zcg_ktap_buf);
	zcg_ktap_buf = NULL;
}

/* Only called from module init, before the debugfs file exists. */
void zcg_ktap_line(const char *fmt, ...)
{
	char line[192];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);

	pr_info("%s\n", line);
	zcg_ktap_len += scnprintf(zcg_ktap_buf + zcg_ktap_len,
				  ZCG_KTAP_SIZE - zcg_ktap_len, "%s\n", line);
}

static ssize_t zcg_ktap_read(struct file *file, char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	return simple_read_from_buffer(ubuf, count, ppos, zcg_ktap_buf,
				       zcg_ktap_len);
}

static const struct file_operations zcg_ktap_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = zcg_ktap_read,
	.llseek = default_llseek,
};

void zcg_ktap_debugfs(struct dentry *dir)
{
	debugfs_create_file("ktap", 0400, dir, NULL, &zcg_ktap_fops);
}
