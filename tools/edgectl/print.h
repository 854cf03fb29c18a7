/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One print path for text and JSON, after iproute2's json_print.h:
 *
 *	print_uint(PRINT_ANY, "ifindex", "%u: ", ifindex);
 *
 * prints "5: " as text, or "ifindex":5 as a member of the open JSON object.
 * Containers are only opened in JSON mode; text layout is up to the format
 * strings and print_nl(). Each top-level JSON value ends with a newline, so
 * batch runs and monitor print one JSON document per line (unless pretty).
 *
 * Keys are edgectl's own names ("ifindex", "peer-check", "rx_packets"):
 * written as they are, without JSON escaping. Values are escaped.
 */

#ifndef EDGECTL_PRINT_H
#define EDGECTL_PRINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum output_type {
	PRINT_FP = 1,	/* text only */
	PRINT_JSON = 2,	/* JSON only */
	PRINT_ANY = 3,
};

void print_init(FILE *fp, bool json, bool pretty);
bool is_json(void);
void print_finish(void);	/* close whatever a failed command left open */

void open_json_object(const char *key);
void close_json_object(void);
void open_json_array(const char *key);
void close_json_array(void);

void print_string(enum output_type t, const char *key, const char *fmt, const char *value);
void print_uint(enum output_type t, const char *key, const char *fmt, unsigned int value);
void print_u64(enum output_type t, const char *key, const char *fmt, uint64_t value);
/* JSON true or false; as text, fmt gets the string "on" or "off". */
void print_bool(enum output_type t, const char *key, const char *fmt, bool value);
void print_nl(void);		/* text newline */
void print_flush(void);

#endif /* EDGECTL_PRINT_H */
