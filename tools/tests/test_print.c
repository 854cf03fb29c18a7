// SPDX-License-Identifier: GPL-2.0
/*
 * The one print path: the same calls give text or JSON, and the JSON is
 * valid (checked with json-c).
 */

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <json.h>

#include "edgectl.h"
#include "tap.h"

typedef void (*printer_t)(void);

static char *render(printer_t fn, bool json, bool pretty)
{
	struct capture cap;

	capture_start(&cap);
	print_init(cap.fp, json, pretty);
	fn();
	print_finish();
	return capture_end(&cap);
}

static void devices(void)
{
	open_json_array(NULL);
	open_json_object(NULL);
	print_uint(PRINT_ANY, "ifindex", "%u: ", 5);
	print_string(PRINT_ANY, "ifname", "%s", "edgedp0");
	print_string(PRINT_FP, NULL, " (text only)", NULL);
	print_string(PRINT_JSON, "json_only", NULL, "yes");
	print_nl();
	close_json_object();
	open_json_object(NULL);
	print_uint(PRINT_ANY, "ifindex", "%u: ", 6);
	print_string(PRINT_ANY, "ifname", "%s", "edgedp1");
	print_nl();
	close_json_object();
	close_json_array();
}

static void nested(void)
{
	open_json_object(NULL);
	open_json_object("a");
	open_json_array("b");
	print_u64(PRINT_ANY, NULL, " %" PRIu64, 1);
	print_u64(PRINT_ANY, NULL, " %" PRIu64, UINT64_MAX);
	close_json_array();
	open_json_object("empty");
	close_json_object();
	close_json_object();
	print_string(PRINT_ANY, "c", " c=%s", "x");
	close_json_object();
}

static void empty_array(void)
{
	open_json_array(NULL);
	close_json_array();
}

static const char nasty[] = "q\"b\\n\nt\tc\x01" "d\x7f" "e/\xc3\xa9";

static void escapes(void)
{
	open_json_object(NULL);
	print_string(PRINT_ANY, "s", "%s", nasty);
	close_json_object();
}

static void left_open(void)
{
	open_json_array(NULL);
	open_json_object(NULL);
	print_uint(PRINT_ANY, "n", "%u", 1);
}

static void two_documents(void)
{
	open_json_object(NULL);
	print_uint(PRINT_ANY, "n", "n %u\n", 1);
	close_json_object();
	open_json_object(NULL);
	print_uint(PRINT_ANY, "n", "n %u\n", 2);
	close_json_object();
}

/* Values that need no escape: written as print_string() writes them. */
#define LONG_PLAIN "0123456789012345678901234567890123456789012345678901234567890123456789"
static void plain(void)
{
	open_json_object(NULL);
	print_name(PRINT_ANY, "iface", " iface %s", "access");
	print_plain(PRINT_ANY, "ue", " ue %s", "10.60.0.1", strlen("10.60.0.1"));
	print_name(PRINT_JSON, "empty", NULL, "");
	print_plain(PRINT_ANY, "long", " %s", LONG_PLAIN, strlen(LONG_PLAIN));
	open_json_array("action");
	print_name(PRINT_ANY, NULL, " %s", "forw");
	print_name(PRINT_ANY, NULL, ",%s", "nocp");
	close_json_array();
	close_json_object();
}

static void bools(void)
{
	open_json_object(NULL);
	print_bool(PRINT_ANY, "a", " a %s", true);
	print_bool(PRINT_ANY, "b", " b %s", false);
	open_json_array("c");
	print_bool(PRINT_JSON, NULL, NULL, true);
	print_bool(PRINT_JSON, NULL, NULL, false);
	close_json_array();
	print_bool(PRINT_FP, NULL, " text %s", true);
	close_json_object();
}

/* The formats edgectl uses are written without printf; others go to printf. */
static void formats(void)
{
	print_uint(PRINT_FP, NULL, "[%u]", 4294967295u);
	print_uint(PRINT_FP, NULL, "[0x%x]", 0xabcdef);
	print_u64(PRINT_FP, NULL, "[%" PRIu64 "]", UINT64_MAX);
	print_u64(PRINT_FP, NULL, "[0x%" PRIx64 "]", 0x1234567890abcdefull);
	print_u64(PRINT_FP, NULL, "[%" PRIu64 "]", 0);
	print_uint(PRINT_FP, NULL, "[%5u]", 42);
	print_uint(PRINT_FP, NULL, "[%u%%]", 99);
	print_string(PRINT_FP, NULL, "[%s]", "x");
	print_string(PRINT_FP, NULL, "[%-3s]", "x");
	print_string(PRINT_FP, NULL, "[no conversion]", NULL);
	print_bool(PRINT_FP, NULL, "[%s]", true);
	print_nl();
}

/* More than the writer buffers at once (64 KiB), in order. */
#define MANY 30000
static void many(void)
{
	unsigned int i;

	open_json_array(NULL);
	for (i = 0; i < MANY; i++)
		print_uint(PRINT_ANY, NULL, " %u", i);
	close_json_array();
}

static bool many_ok(const char *out, bool json)
{
	unsigned int i;

	if (json && *out++ != '[')
		return false;
	for (i = 0; i < MANY; i++) {
		char want[16];
		int n = snprintf(want, sizeof(want), json ? (i ? ",%u" : "%u") : " %u", i);

		if (strncmp(out, want, n))
			return false;
		out += n;
	}
	return !strcmp(out, json ? "]\n" : "");
}

static bool parses(const char *text)
{
	json_object *obj = json_tokener_parse(text);

	json_object_put(obj);
	return obj != NULL;
}

static void expect(printer_t fn, bool json, bool pretty, const char *want, const char *label)
{
	char *out = render(fn, json, pretty);

	check(!strcmp(out, want), "print: %s", label);
	if (strcmp(out, want))
		printf("# got: %s\n# want: %s\n", out, want);
	free(out);
}

void test_print(void)
{
	json_object *obj, *s;
	char *out;

	expect(devices, false, false, "5: edgedp0 (text only)\n6: edgedp1\n", "text layout");
	expect(devices, true, false,
	       "[{\"ifindex\":5,\"ifname\":\"edgedp0\",\"json_only\":\"yes\"},"
	       "{\"ifindex\":6,\"ifname\":\"edgedp1\"}]\n", "JSON array of objects");
	expect(nested, true, false,
	       "{\"a\":{\"b\":[1,18446744073709551615],\"empty\":{}},\"c\":\"x\"}\n",
	       "nested JSON, u64 maximum");
	expect(nested, false, false, " 1 18446744073709551615 c=x", "nested text");
	expect(empty_array, true, false, "[]\n", "empty JSON array");
	expect(empty_array, false, false, "", "empty array prints no text");
	expect(left_open, true, false, "[{\"n\":1}]\n", "print_finish closes what is open");
	expect(two_documents, true, false, "{\"n\":1}\n{\"n\":2}\n", "one JSON document per line");
	expect(two_documents, false, false, "n 1\nn 2\n", "same calls as text");
	expect(nested, true, true,
	       "{\n    \"a\": {\n        \"b\": [\n            1,\n            18446744073709551615\n"
	       "        ],\n        \"empty\": {}\n    },\n    \"c\": \"x\"\n}\n",
	       "pretty JSON");

	expect(plain, true, false,
	       "{\"iface\":\"access\",\"ue\":\"10.60.0.1\",\"empty\":\"\","
	       "\"long\":\"" LONG_PLAIN "\",\"action\":[\"forw\",\"nocp\"]}\n",
	       "names and addresses, unescaped, as JSON");
	expect(plain, true, true,
	       "{\n    \"iface\": \"access\",\n    \"ue\": \"10.60.0.1\",\n    \"empty\": \"\",\n"
	       "    \"long\": \"" LONG_PLAIN "\",\n    \"action\": [\n        \"forw\",\n"
	       "        \"nocp\"\n    ]\n}\n", "names and addresses, pretty JSON");
	expect(plain, false, false, " iface access ue 10.60.0.1 " LONG_PLAIN " forw,nocp",
	       "names and addresses as text");

	expect(bools, true, false, "{\"a\":true,\"b\":false,\"c\":[true,false]}\n",
	       "booleans as compact JSON");
	expect(bools, true, true, "{\n    \"a\": true,\n    \"b\": false,\n    \"c\": [\n"
	       "        true,\n        false\n    ]\n}\n", "booleans as pretty JSON");
	expect(bools, false, false, " a on b off text on", "booleans as text");

	expect(formats, false, false,
	       "[4294967295][0xabcdef][18446744073709551615][0x1234567890abcdef][0][   42][99%]"
	       "[x][x  ][no conversion][on]\n", "text formats, with and without printf");
	out = render(many, false, false);
	check(many_ok(out, false), "print: %u numbers as text, in order", MANY);
	free(out);
	out = render(many, true, false);
	check(many_ok(out, true), "print: %u numbers as JSON, in order", MANY);
	free(out);

	out = render(devices, true, true);
	check(parses(out), "print: pretty JSON parses");
	free(out);

	out = render(escapes, true, false);
	obj = json_tokener_parse(out);
	check(obj && json_object_object_get_ex(obj, "s", &s) &&
	      !strcmp(json_object_get_string(s), nasty),
	      "print: string escapes round-trip through json-c");
	check(!strchr(out, '\n') || strchr(out, '\n') == out + strlen(out) - 1,
	      "print: escaped string has no raw newline");
	json_object_put(obj);
	free(out);
}
