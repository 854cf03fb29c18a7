// SPDX-License-Identifier: GPL-2.0
/*
 * edgectl info: what the loaded module is and can do.
 */

#include "edgectl.h"
#include "info.h"

const char info_usage[] =
	"Usage: edgectl info\n"
	"       edgectl info help\n"
	"Shows the module version, its generic netlink version, its features and\n"
	"the number of edgedp devices in this network namespace.\n";

static const struct nl_policy info_policy[EDGEDP_A_INFO_MAX + 1] = {
	[EDGEDP_A_INFO_VERSION]		= { .type = MNL_TYPE_NUL_STRING, .max = 64 },
	[EDGEDP_A_INFO_GENL_VERSION]	= { .type = MNL_TYPE_U32 },
	[EDGEDP_A_INFO_FEATURES]	= { .type = MNL_TYPE_U64 },
	[EDGEDP_A_INFO_DEVICES]		= { .type = MNL_TYPE_U32 },
};

static const struct {
	uint64_t bit;
	const char *name;
} features[] = {
	{ EDGEDP_FEATURE_DEV, "dev" },
	{ EDGEDP_FEATURE_GTPU, "gtpu" },
	{ EDGEDP_FEATURE_URR, "urr" },
	{ EDGEDP_FEATURE_PEER, "peer" },
	{ EDGEDP_FEATURE_SDF, "sdf" },
	{ EDGEDP_FEATURE_FASTPATH, "fastpath" },
	{ EDGEDP_FEATURE_URR_QUOTA, "urr-quota" },
	{ EDGEDP_FEATURE_LIMITS, "limits" },
};

static const char *feature_name(unsigned int bit, char *buf, size_t len)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(features); i++)
		if (features[i].bit == 1ULL << bit)
			return features[i].name;
	snprintf(buf, len, "feature-%u", bit);
	return buf;
}

int info_print(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[EDGEDP_A_INFO_MAX + 1];
	uint64_t bits = 0;
	unsigned int bit;
	char buf[16];

	(void)data;
	if (nl_parse(nlh, info_policy, EDGEDP_A_INFO_MAX, tb))
		return MNL_CB_ERROR;
	open_json_object(NULL);
	if (tb[EDGEDP_A_INFO_VERSION])
		print_string(PRINT_ANY, "version", "version %s ",
			     mnl_attr_get_str(tb[EDGEDP_A_INFO_VERSION]));
	if (tb[EDGEDP_A_INFO_GENL_VERSION])
		print_uint(PRINT_ANY, "genl_version", "genl_version %u ",
			   mnl_attr_get_u32(tb[EDGEDP_A_INFO_GENL_VERSION]));
	if (tb[EDGEDP_A_INFO_DEVICES])
		print_uint(PRINT_ANY, "devices", "devices %u",
			   mnl_attr_get_u32(tb[EDGEDP_A_INFO_DEVICES]));
	print_nl();
	if (tb[EDGEDP_A_INFO_FEATURES])
		bits = mnl_attr_get_u64(tb[EDGEDP_A_INFO_FEATURES]);
	open_json_array("features");
	print_string(PRINT_FP, NULL, "features%s", bits ? "" : " none");
	for (bit = 0; bit < 64; bit++)
		if (bits & (1ULL << bit))
			print_string(PRINT_ANY, NULL, " %s", feature_name(bit, buf, sizeof(buf)));
	close_json_array();
	print_nl();
	close_json_object();
	return MNL_CB_OK;
}

int info_main(int argc, char **argv)
{
	int ret = arg_none(argc, argv);

	return ret ? ret : edgectl_request(EDGEDP_CMD_GET_INFO, 0, NULL, NULL, info_print, NULL);
}
