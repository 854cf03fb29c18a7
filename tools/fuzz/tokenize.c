// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: batch input. Each input is tokenized as one line (the
 * tokens must stay inside the line), then run whole as a batch file with
 * -force through every object's argument parser, netlink disabled.
 */

#include <stdlib.h>
#include <string.h>

#include "edgectl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	char *line, *argv[TOKENIZE_MAX_ARGS];
	const char *why;
	int argc, i;
	FILE *fp;

	if (!null) {
		null = fopen("/dev/null", "w");
		out_fp = err_fp = null;
		edgectl_offline = true;
	}
	line = malloc(size + 1);
	memcpy(line, data, size);
	line[size] = '\0';
	argc = tokenize(line, argv, ARRAY_SIZE(argv), &why);
	for (i = 0; i < argc; i++)
		if (argv[i] < line || argv[i] + strlen(argv[i]) > line + size)
			__builtin_trap();
	free(line);

	if (!size)
		return 0;
	fp = fmemopen((void *)data, size, "r");
	if (!fp)
		return 0;
	print_init(null, data[0] & 1, data[0] & 2);
	edgectl_batch(fp, "fuzz", true);
	fclose(fp);
	return 0;
}
