// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the flow description grammar (edgectl/filter.c). Every
 * input is parsed as one flow description. A rejected one must say why; an
 * accepted one must print back to text that parses to exactly the same
 * filter, and survive EDGEDP_A_SDF_* attributes and back unchanged.
 */

#include <stdlib.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/edgedp.h>

#include "filter.h"

#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char msg[8192] __attribute__((aligned(4)));
	struct filter_sdf f[FILTER_MAX], g[FILTER_MAX];
	char text[2048], out[512], err[FILTER_ERR_LEN];
	int n, m, i;

	if (size >= sizeof(text))
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	n = filter_parse(text, f, FILTER_MAX, err, sizeof(err));
	if (n < 0) {
		CHECK(n == -1 && !strncmp(err, "flow description: ", 18) && strlen(err) > 18);
		return 0;
	}
	CHECK(n >= 1 && n <= FILTER_MAX);
	for (i = 0; i < n; i++) {
		struct nlmsghdr *nlh;
		struct nlattr *nest;

		CHECK(filter_format(&f[i], out, sizeof(out)) < (int)sizeof(out));
		m = filter_parse(out, g, FILTER_MAX, err, sizeof(err));
		CHECK(m == 1 && filter_equal(&f[i], &g[0]));
		nlh = mnl_nlmsg_put_header(msg);
		filter_put(nlh, EDGEDP_A_PDR_SDF, &f[i]);
		nest = mnl_nlmsg_get_payload(nlh);
		CHECK(!filter_from_attr(nest, &g[0], err, sizeof(err)));
		CHECK(filter_equal(&f[i], &g[0]));
	}
	return 0;
}
