/*
 * journey.c: the main job, end to end, on the bundled data, through the C interface: validate
 * the administrator's upload against the organisation, build a task from it, check
 * eligibility, prepare it, plan both ways of completing the migration, write every artefact,
 * and print what to do next.
 *
 * The twin of examples/rust/journey.rs (and examples/python/journey.py): its stdout equals
 * examples/data/journey.expected byte for byte, and it writes the same 15 files.
 *
 * Run: journey <examples/data> [<output directory>]. Without an output directory the files go
 * to a new temporary directory, removed at exit, so that repeated runs print the same. Stops at
 * the first error, naming it on stderr, with exit code 1.
 */

#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mpp_migration.h"

/* --- stopping at the first error, as the Rust twin's `?` does ------------------------------- */

static void must(mpp_status status, mpp_error *err, const char *what) {
    const mpp_finding *f = mpp_error_finding(err);
    if (status == MPP_OK) return;
    fprintf(stderr, "journey: %s failed: %s [%s]\n", what,
            f ? mpp_finding_message(f) : "(no error stored)",
            mpp_error_code_name(status) ? mpp_error_code_name(status) : "?");
    mpp_error_free(err);
    exit(1);
}

/* Runs `call`, which may store an error in `&err`; on failure prints it and exits. */
#define MUST(call)                                                                             \
    do {                                                                                       \
        mpp_error *err = NULL;                                                                 \
        mpp_status status_ = (call);                                                           \
        must(status_, err, #call);                                                             \
    } while (0)

static void *must_alloc(size_t n) {
    void *p = calloc(n ? n : 1, 1);
    if (p == NULL) {
        fprintf(stderr, "journey: out of memory\n");
        exit(3);
    }
    return p;
}

/* --- the temporary output directory ---------------------------------------------------------- */

static char temp_dir[64];

/* Removes the temporary output directory and the files in it. */
static void remove_temp_dir(void) {
    char path[4096];
    DIR *dir = opendir(temp_dir);
    if (dir == NULL) return;
    for (struct dirent *entry; (entry = readdir(dir)) != NULL;) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
        snprintf(path, sizeof path, "%s/%s", temp_dir, entry->d_name);
        unlink(path);
    }
    closedir(dir);
    rmdir(temp_dir);
}

static const char *make_temp_dir(void) {
    snprintf(temp_dir, sizeof temp_dir, "/tmp/mpp-journey-XXXXXX");
    if (mkdtemp(temp_dir) == NULL) {
        perror("journey: mkdtemp");
        exit(1);
    }
    atexit(remove_temp_dir);
    return temp_dir;
}

/* --- the journey ------------------------------------------------------------------------------ */

static const char *severity_name(mpp_severity s) {
    const char *name = mpp_severity_name(s);
    return name != NULL ? name : "?";
}

/* Each problem once, in the order it first appears, with every row that has it. */
static void print_problems(const mpp_report *report) {
    size_t n = mpp_report_finding_count(report), groups = 0;
    const mpp_finding **first = must_alloc(n * sizeof *first);
    size_t *group_of = must_alloc(n * sizeof *group_of);

    for (size_t i = 0; i < n; i++) {
        const mpp_finding *f = mpp_report_finding_at(report, i);
        size_t g = 0;
        while (g < groups && mpp_finding_number(first[g]) != mpp_finding_number(f)) g++;
        if (g == groups) first[groups++] = f;
        group_of[i] = g;
    }
    printf("Problems by rule:\n");
    for (size_t g = 0; g < groups; g++) {
        printf("  %-7s %-7s %-29s rows ", severity_name(mpp_finding_severity(first[g])),
               mpp_finding_rule(first[g]), mpp_finding_code(first[g]));
        const char *separator = "";
        for (size_t i = 0; i < n; i++) {
            if (group_of[i] != g) continue;
            printf("%s%llu", separator,
                   (unsigned long long)mpp_finding_row(mpp_report_finding_at(report, i)));
            separator = ", ";
        }
        printf("\n");
    }
    free(first);
    free(group_of);
}

/* The MACs of a task's devices, copied: a task view shows its task only until the board next
 * changes (then it is stale: NULL and MPP_ERROR_CODE_VIEW_STALE), and reporting each device
 * prepared changes it. */
static char (*task_macs(const mpp_task *task, size_t *count))[13] {
    size_t n = mpp_task_device_count(task);
    char (*macs)[13] = must_alloc(n * sizeof *macs);
    for (size_t i = 0; i < n; i++) {
        const mpp_device *d = mpp_task_device_device(mpp_task_device_at(task, i));
        snprintf(macs[i], sizeof macs[i], "%s", mpp_device_mac(d));
    }
    *count = n;
    return macs;
}

/* Adds an owned string as a file of `files`, then frees it. */
static void add_file(mpp_output_files *files, const char *name, char *content) {
    MUST(mpp_output_files_add(files, name, content, &err));
    mpp_string_free(content);
}

int main(int argc, char **argv) {
    const char *data = argc > 1 ? argv[1] : "examples/data";
    const char *out = argc > 2 ? argv[2] : make_temp_dir();
    char path[4096];
    mpp_directory *directory = NULL;
    mpp_upload_options *options = NULL;
    mpp_report *report = NULL;
    mpp_board *board = NULL;
    char *name = NULL;

    /* 1. The upload, against the organisation (CSV-1 to CSV-16). */
    snprintf(path, sizeof path, "%s/directory.json", data);
    MUST(mpp_directory_from_json_path(path, &directory, &err));
    MUST(mpp_upload_options_new(MPP_UPLOAD_OPTION_LICENSE_AND_DEVICE, &options, &err));
    MUST(mpp_upload_options_set_directory(options, directory, &err));
    snprintf(path, sizeof path, "%s/upload.csv", data);
    MUST(mpp_validate_upload_path(path, options, &report, &err));
    mpp_upload_options_free(options);
    printf("Upload upload.csv (%s): added %llu, errors %llu, total %llu\n",
           mpp_upload_option_name(mpp_report_option(report)),
           (unsigned long long)mpp_report_added(report),
           (unsigned long long)mpp_report_errors(report),
           (unsigned long long)mpp_report_total(report));
    print_problems(report);

    /* 2. A task from the accepted rows (TASK-1, TASK-3, CSV-14), eligibility (ELIG-1). */
    MUST(mpp_board_new(&board, &err));
    MUST(mpp_board_set_directory(board, directory, &err));
    mpp_directory_free(directory); /* the board keeps its own reference */
    MUST(mpp_board_suggest_task_name(board, "HQ wave 1", &name, &err));
    MUST(mpp_board_create_task(board, name, MPP_UPLOAD_OPTION_LICENSE_AND_DEVICE, &err));
    {
        mpp_add_outcome *added = NULL;
        MUST(mpp_board_add_upload(board, name, report, &added, &err));
        mpp_add_outcome_free(added);
    }
    {
        mpp_eligibility_counts e;
        MUST(mpp_task_eligibility_counts(mpp_board_task(board, name), &e, &err));
        printf("Task %s: %zu devices (eligible %zu, unknown %zu, not eligible %zu)\n", name,
               e.total, e.eligible, e.unknown, e.not_eligible);
    }

    /* 3. Prepare (ELIG-2): unknown devices included; the host reports each device prepared. */
    {
        mpp_task_status status;
        mpp_tab_counts tabs;
        size_t count;
        char (*macs)[13];
        MUST(mpp_board_set_include_unknown(board, name, true, &status, &err));
        MUST(mpp_board_start_preparation(board, name, &status, &err));
        macs = task_macs(mpp_board_task(board, name), &count);
        for (size_t i = 0; i < count; i++) {
            MUST(mpp_board_report_prepared(board, name, macs[i], &status, &err));
        }
        free(macs);
        MUST(mpp_task_tab_counts(mpp_board_task(board, name), &tabs, &err));
        printf("Prepared: %zu ready, %zu in error: %s\n", tabs.ready, tabs.error,
               mpp_task_status_label(status));
    }

    /* 4. Both ways of completing it (AUTO-1 to AUTO-4, MAN-1 to MAN-5). The board does not
     *    change from here on, so the task stays valid. */
    const mpp_task *task = mpp_board_task(board, name);
    mpp_auto_plan_options *auto_options = NULL;
    mpp_auto_plan *auto_plan = NULL;
    mpp_manual_plan_options *manual_options = NULL;
    mpp_manual_plan *manual = NULL;
    MUST(mpp_auto_plan_options_new(true, "primary", "tftp1.example.com", &auto_options, &err));
    MUST(mpp_plan_automatic(task, auto_options, &auto_plan, &err));
    mpp_auto_plan_options_free(auto_options);
    printf("Automatic: %zu batch(es) of at most %d; %zu caution(s)\n",
           mpp_auto_plan_batch_count(auto_plan), MPP_AUTO_BATCH_SIZE,
           mpp_auto_plan_finding_count(auto_plan));
    MUST(mpp_manual_plan_options_new(&manual_options, &err));
    MUST(mpp_plan_manual(task, manual_options, &manual, &err));
    mpp_manual_plan_options_free(manual_options);
    printf("Manual: %zu BAT file(s); %zu caution(s)\n", mpp_manual_plan_bat_file_count(manual),
           mpp_manual_plan_finding_count(manual));
    for (size_t i = 0; i < mpp_manual_plan_bat_file_count(manual); i++) {
        const mpp_bat_file *f = mpp_manual_plan_bat_file_at(manual, i);
        const char *load = mpp_bat_file_phone_load(f);
        printf("  %-33s %zu phone(s)  %s\n", mpp_bat_file_name(f), mpp_bat_file_device_count(f),
               load ? load : "(COP file, no load server)");
    }

    /* 5. Every artefact, written whole (issue 6). */
    {
        mpp_output_files *files = NULL;
        char *text = NULL;
        MUST(mpp_output_files_new(&files, &err));
        MUST(mpp_report_errors_csv(report, &text, &err));
        add_file(files, "upload_errors.csv", text);
        MUST(mpp_report_devices_csv(report, &text, &err));
        add_file(files, "upload_devices.csv", text);
        MUST(mpp_task_device_list_csv(task, &text, &err));
        add_file(files, "device_list.csv", text);
        MUST(mpp_task_status_report_csv(task, NULL, manual, &text, &err));
        add_file(files, "status_report.csv", text);
        MUST(mpp_board_to_json(board, &text, &err));
        add_file(files, "board.json", text);
        MUST(mpp_output_files_add_auto_plan(files, auto_plan, &err));
        MUST(mpp_output_files_add_manual_plan(files, manual, &err));
        MUST(mpp_output_files_write(files, out, true, &err));
        printf("Wrote %zu files:\n", mpp_output_files_count(files));
        for (size_t i = 0; i < mpp_output_files_count(files); i++) {
            printf("  %s\n", mpp_output_files_name_at(files, i));
        }
        mpp_output_files_free(files);
    }
    printf("Next: fix the rows in upload_errors.csv and upload it again; then complete %s "
           "automatically,\n",
           name);
    printf("or upload the BAT files to Unified CM as %s_manual_instructions.txt says.\n", name);

    mpp_manual_plan_free(manual);
    mpp_auto_plan_free(auto_plan);
    mpp_string_free(name);
    mpp_board_free(board);
    mpp_report_free(report);
    return 0;
}
