// SPDX-License-Identifier: GPL-2.0
/*
 * edgedp_prof: a QEMU TCG plugin that counts the guest instructions executed
 * at every translated-block address, so a benchmark can say where its
 * instructions per packet go (the icount VM has no PMU).
 *
 *   qemu-system-x86_64 ... -plugin file=edgedp_prof.so,dir=DIR
 *
 * Every executed block adds its instruction count to a counter kept per
 * (start address, length); blocks end at calls and jumps, so a block's start
 * address names the function it belongs to. The guest takes snapshots
 * through the results directory it shares with the host: it writes a label
 * into DIR/prof.req and waits until the file is gone; the plugin's thread
 * then has written DIR/prof-LABEL.tsv ("address<TAB>instructions" for every
 * block executed since the start) and removed the request. Two snapshots
 * around a measurement, minus each other, are its profile
 * (selftests/bench/profile.py symbolizes them with the guest's kallsyms).
 *
 * With one vCPU (the icount VM) the counters have a single writer; the
 * snapshot thread reads them while the guest spins waiting for it.
 *
 * Only the few plugin API entry points used are declared here: they are
 * QEMU's stable plugin ABI (version 1, QEMU 7.2 as Debian 12 ships it).
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
typedef struct qemu_info_t qemu_info_t;
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
typedef void (*qemu_plugin_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb, enum qemu_plugin_op op,
					      void *ptr, uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void *udata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

struct block {
	uint64_t vaddr;
	uint64_t n_insns;
	uint64_t count;		/* instructions executed in this block */
	struct block *next;
};

#define PROF_BUCKETS (1u << 20)
/* Blocks are never freed: counters must outlive retranslation. */
static struct block **table;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char dir[4096];
static volatile int stopping;

static unsigned int bucket(uint64_t vaddr, uint64_t n)
{
	uint64_t h = (vaddr ^ (n << 56)) * 0x9e3779b97f4a7c15ull;

	return h >> (64 - 20);
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t vaddr = qemu_plugin_tb_vaddr(tb), n = qemu_plugin_tb_n_insns(tb);
	unsigned int b = bucket(vaddr, n);
	struct block *blk;

	(void)id;
	pthread_mutex_lock(&lock);
	for (blk = table[b]; blk; blk = blk->next)
		if (blk->vaddr == vaddr && blk->n_insns == n)
			break;
	if (!blk) {
		blk = calloc(1, sizeof(*blk));
		if (!blk) {
			pthread_mutex_unlock(&lock);
			return;
		}
		blk->vaddr = vaddr;
		blk->n_insns = n;
		blk->next = table[b];
		table[b] = blk;
	}
	pthread_mutex_unlock(&lock);
	qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &blk->count, n);
}

/* Sum per address (one address may have blocks of several lengths). */
static int snapshot(const char *label)
{
	char path[4200], tmp[4300];
	struct block *blk;
	unsigned int b;
	FILE *f;

	snprintf(path, sizeof(path), "%s/prof-%s.tsv", dir, label);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f)
		return -errno;
	pthread_mutex_lock(&lock);
	for (b = 0; b < PROF_BUCKETS; b++)
		for (blk = table[b]; blk; blk = blk->next)
			if (blk->count)
				fprintf(f, "%llx\t%llu\n", (unsigned long long)blk->vaddr,
					(unsigned long long)blk->count);
	pthread_mutex_unlock(&lock);
	if (fclose(f))
		return -errno;
	return rename(tmp, path) ? -errno : 0;
}

/* A label is a file name part: letters, digits, '-', '_', '.'. */
static int read_label(const char *req, char *label, size_t size)
{
	size_t i, n;
	FILE *f = fopen(req, "r");

	if (!f)
		return -1;
	n = fread(label, 1, size - 1, f);
	fclose(f);
	while (n && (label[n - 1] == '\n' || label[n - 1] == ' '))
		n--;
	label[n] = '\0';
	for (i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.",
			    label[i]))
			label[i] = '_';
	return n ? 0 : -1;
}

static void *watcher(void *arg)
{
	char req[4200], label[128];

	(void)arg;
	snprintf(req, sizeof(req), "%s/prof.req", dir);
	while (!stopping) {
		if (access(req, F_OK) == 0) {
			/* The guest writes the label, then closes: a partial read
			 * gives an empty label and is retried. */
			if (read_label(req, label, sizeof(label)) == 0) {
				if (snapshot(label))
					fprintf(stderr, "edgedp_prof: snapshot %s: %s\n", label,
						strerror(errno));
				unlink(req);
			}
		}
		usleep(2000);
	}
	return NULL;
}

static void at_exit(qemu_plugin_id_t id, void *udata)
{
	(void)id;
	(void)udata;
	stopping = 1;
	snapshot("exit");
}

__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv)
{
	pthread_t thread;
	int i;

	(void)info;
	for (i = 0; i < argc; i++)
		if (!strncmp(argv[i], "dir=", 4))
			snprintf(dir, sizeof(dir), "%s", argv[i] + 4);
	if (!dir[0]) {
		fprintf(stderr, "edgedp_prof: dir=DIR is required\n");
		return -1;
	}
	table = calloc(PROF_BUCKETS, sizeof(*table));
	if (!table)
		return -1;
	if (pthread_create(&thread, NULL, watcher, NULL))
		return -1;
	pthread_detach(thread);
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
