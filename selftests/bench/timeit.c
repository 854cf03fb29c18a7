// SPDX-License-Identifier: GPL-2.0
/*
 * timeit: run a command and print how long it took on CLOCK_MONOTONIC (in
 * guest nanoseconds, i.e. guest instructions under qemu -icount shift=0).
 *
 *   timeit COMMAND [ARGS...]
 *
 * Prints "timeit elapsed_ns=T busy_ns=B cpu_ns=C status=S" on stderr:
 *   T  CLOCK_MONOTONIC from before the fork to after the wait;
 *   B  the time every task (kworkers, ksoftirqd included) ran meanwhile,
 *      from /proc/schedstat (rq_cpu_time; needs CONFIG_SCHEDSTATS, else 0):
 *      under -icount sleep=off, T - B is idle time the guest clock skipped
 *      through (waits on 9p I/O, on timers, on RCU grace periods), and B is
 *      the instructions spent;
 *   C  the user + system time of the command (rusage, tick-sampled).
 * Exits with the command's status (128+signal when it was killed).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* Sum of rq_cpu_time (field 7 of each cpuN line) of /proc/schedstat. */
static uint64_t busy_ns(void)
{
	unsigned long long v[9];
	uint64_t sum = 0;
	char line[512];
	FILE *f = fopen("/proc/schedstat", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "cpu", 3) || line[3] < '0' || line[3] > '9')
			continue;
		if (sscanf(line, "%*s %llu %llu %llu %llu %llu %llu %llu %llu %llu",
			   &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8]) >= 7)
			sum += v[6];
	}
	fclose(f);
	return sum;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	uint64_t t0, t1, b0, b1, cpu;
	int status, rc;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: timeit COMMAND [ARGS...]\n");
		return 2;
	}
	b0 = busy_ns();
	t0 = now_ns();
	pid = fork();
	if (pid < 0) {
		perror("timeit: fork");
		return 1;
	}
	if (!pid) {
		execvp(argv[1], argv + 1);
		perror("timeit: exec");
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("timeit: wait4");
		return 1;
	}
	t1 = now_ns();
	b1 = busy_ns();
	rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	cpu = (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000ull +
	      (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000ull;
	fprintf(stderr, "timeit elapsed_ns=%llu busy_ns=%llu cpu_ns=%llu status=%d\n",
		(unsigned long long)(t1 - t0), (unsigned long long)(b1 && b0 ? b1 - b0 : 0),
		(unsigned long long)cpu, rc);
	return rc;
}
