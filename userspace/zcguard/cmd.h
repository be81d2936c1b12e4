/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ZCGUARD_CMD_H
#define ZCGUARD_CMD_H

/*
 * Every sub-command is one function with main()'s signature, living in its
 * own file. argv[0] is the sub-command's name. Return the process exit code.
 */
int cmd_vm(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_bisect(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_trace(int argc, char **argv);
int cmd_run(int argc, char **argv);

#endif
