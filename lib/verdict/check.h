/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hvkdump check's logic: facts -> scenario -> simulation, what the unknown
 * facts could change, and the remedies, each proven by simulating again.
 */
#ifndef HVKDUMP_CHECK_H
#define HVKDUMP_CHECK_H

#include "facts.h"
#include "model/simulate.h"

#define CHECK_MAX_FLIPS		16
#define CHECK_MAX_REMEDIES	8

/* An unknown fact, and a value of it that turns the verdict. */
struct check_flip {
	enum fact_id fact;
	char alternative[128];	/* "kexec-tools 2.0.28" */
	char assumed[128];	/* what the verdict assumes instead: "kexec-tools 2.0.22" */
	bool saved;		/* the verdict with it */
};

/* A configuration remedy's setting: @variable in @file to hold @value. */
struct check_edit {
	const char *file, *variable;
	char value[256];
};

struct check_remedy {
	int size;		/* 1 a config line ... 5 moving the dump: smaller first */
	char id[48];		/* stable: "kexec_file_load", "kernel_vmbus_reserve_fb_low_base" */
	char change[640];
	char kind[24];		/* "config", "initramfs", "vm", "kernel", "storage", "service" */
	bool kexec_file;	/* -s in the kdump service's arguments: what fix edits */
	struct check_edit edits[2];	/* config: the settings it makes, where known */
	unsigned int nedits;
};

/* What the kdump service's load does, as a crash meets it: what check prints of it. */
struct check_load {
	const char *service;		/* "kdump-tools", "kdumpctl", ...; NULL: unknown */
	bool loads;			/* a crash kernel ends up loaded */
	bool runs_kexec;		/* the service runs kexec (not stopping before it) */
	char argv[1024];		/* kexec's arguments, as a command line */
	const char *syscall;		/* "kexec_file_load", "kexec_load", "none" */
	const char *fallback;		/* the call made after a failure; NULL: none */
	const char *const *fallback_on;	/* the failures it follows, NULL-terminated */
	char why[256];			/* why that syscall, or why the service stops */
	/* the model's words for kexec's choice, an assumed kexec-tools version said */
	char kexec_why[400];
	char source[512];		/* where the load is read from */
};

/*
 * The verdict is about a crash now: the crash kernel loaded now (none, or
 * the one the service recorded). Where the service's next load differs
 * (its configuration changed since, it loads none now, its unit does not
 * start at boot), that load's verdict stands beside it.
 */
struct check_result {
	bool applicable;
	struct scenario sc;
	struct sim_result sim;
	char kexec_why[256];	/* why the kdump service uses that syscall */
	bool has_next;		/* next_sc and next_sim: the next load differs */
	bool stale;		/* the load in place is older than the configuration, or differs */
	struct scenario next_sc;
	struct sim_result next_sim;
	char next_why[256];
	char next_how[160];	/* what brings the next load: "systemctl restart kdump-tools" */
	struct check_flip flips[CHECK_MAX_FLIPS];
	unsigned int nflips;
	bool flips_next;	/* the flips turn the next load's verdict, not now's */
	struct check_remedy remedies[CHECK_MAX_REMEDIES];
	unsigned int nremedies;
	/* the flips whose assumed value is said first: each assumption once */
	unsigned int assumptions[CHECK_MAX_FLIPS];
	unsigned int nassumptions;
	struct check_load load, next_load;	/* next_load: when has_next */
	/* the modelled first kernel against /proc/iomem: 1 agrees, 0 differs, -1 not compared */
	int model_agrees;
	bool needs_root;	/* some facts could not be read without root */
};

/*
 * The scenario the facts describe: their pairs (fact_pairs()) through
 * scenario_build(), as simulate builds a scenario file's; @why gets the
 * kdump service's reason for its syscall. -1 with @err if they make none.
 */
int facts_to_scenario(const struct facts *f, struct scenario *sc, char *why, size_t wlen,
		      struct hv_err *err);

/* The verdict with @alt as the facts: 1 saved, 0 lost, -1 they make no scenario. */
int check_verdict_of(const struct facts *alt);

/* The same span, or both unset. */
bool same_span(const struct mmio_span *a, const struct mmio_span *b);

/* Runs it all. Returns 0, -1 with @err for facts that make no scenario. */
int check_run(struct facts *f, struct check_result *r, bool trace, struct hv_err *err);
void check_result_free(struct check_result *r);

/* The verdict a crash now meets, and the next load's when has_next. */
static inline const struct sim_result *check_final(const struct check_result *r)
{
	return r->has_next ? &r->next_sim : &r->sim;
}

#endif
