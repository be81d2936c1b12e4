// SPDX-License-Identifier: GPL-2.0
/* Spots --file programs that were not linked -static. */
#include <elf.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "vm/elf.h"

int vm_elf_is_dynamic(const char *path)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	int fd, i, dyn = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_phentsize != sizeof(ph))
		goto out;
	for (i = 0; i < eh.e_phnum && i < 256; i++) {
		if (pread(fd, &ph, sizeof(ph), eh.e_phoff + i * sizeof(ph)) !=
		    sizeof(ph))
			break;
		if (ph.p_type == PT_INTERP) {
			dyn = 1;
			break;
		}
	}
out:
	close(fd);
	return dyn;
}
