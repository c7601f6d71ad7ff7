/*
 * Test-only shim linked into the reference conf that kconfig's differential
 * test builds from the kernel's own scripts/kconfig sources (preprocess.c is
 * compiled with -Dpopen=kt_popen -Dpclose=kt_pclose; nothing else changes).
 *
 * With KCONFIG_TEST_SHELL_CACHE unset or empty it is popen/pclose. With it
 * set to a directory, the output of each $(shell,...) command is memoized in
 * a file named after the FNV-1a hash of the command string: the first run of
 * a command is real, later runs read the file. This is what the Go side's
 * test Shell does too (a probe's stderr is shown on its first run only), and
 * it turns conf's ~1.4 s of sequential compiler probes per run into ~0.01 s,
 * which is what lets the test afford a few hundred conf runs. The cache lives
 * for one test binary and one architecture.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

FILE *kt_popen(const char *cmd, const char *mode)
{
	const char *dir = getenv("KCONFIG_TEST_SHELL_CACHE");
	unsigned long long h = 1469598103934665603ULL;
	char path[4096], tmp[4200], buf[8192];
	const char *s;
	FILE *p, *f;
	size_t n;

	if (!dir || !*dir)
		return popen(cmd, mode);
	for (s = cmd; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	snprintf(path, sizeof(path), "%s/%016llx", dir, h);
	f = fopen(path, "r");
	if (f)
		return f;
	p = popen(cmd, mode);
	if (!p)
		return NULL;
	snprintf(tmp, sizeof(tmp), "%s.%d", path, (int)getpid());
	f = fopen(tmp, "w");
	if (!f) {
		pclose(p);
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), p)) > 0)
		fwrite(buf, 1, n, f);
	if (pclose(p) == -1 || fclose(f) != 0 || rename(tmp, path) != 0)
		return NULL;
	return fopen(path, "r");
}

int kt_pclose(FILE *f)
{
	const char *dir = getenv("KCONFIG_TEST_SHELL_CACHE");

	if (!dir || !*dir)
		return pclose(f);
	return fclose(f);
}
