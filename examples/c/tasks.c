/*
 * tasks.c: the C test of the task, board, fleet and plan exports of include/mpp_migration.h,
 * and an example of a task's life.
 *
 * Each section drives a board through the C functions and checks the statuses, tabs, counts
 * and refusals the rules call for: TASK-1 names, TASK-2 one task in progress, DEV-6 a device in
 * one task, TASK-7 complete needs Ready (and a subset becomes a new task), ELIG-2 a device that
 * is not eligible is never prepared, ELIG-3 the cap of 1000 (default task, fleet plan), TASK-6
 * pause / resume / cancel, TASK-9 with a directory, the board saved and loaded (and a corrupt
 * document refused), the automatic plan (AUTO-1 to AUTO-3), the manual plan and BAT file names
 * (MAN-2 to MAN-4, EXT-10, EXT-11), writing files, the transition table, and NULL arguments,
 * invalid UTF-8 and invalid enum numbers. Each section prints what it showed.
 *
 * Run: tasks <examples/data>. Exits non-zero, naming each failed check on stderr, when any
 * check fails. stdout is deterministic (the test script compares two builds' output). Files are
 * written to a temporary directory, removed at exit.
 */

#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "mpp_migration.h"

/* --- helpers ---------------------------------------------------------------------------------- */

/* Runs an event function, which stores the new status in `st`, and expects `expected`. */
#define EXPECT_STATUS(call, expected)                                                          \
    do {                                                                                       \
        mpp_task_status st = (mpp_task_status)UINT32_MAX;                                      \
        mpp_task_status expected_ = (expected);                                                \
        EXPECT_OK(call);                                                                       \
        EXPECT(st == expected_, #call, "status %s, expected %s",                               \
               or_null(mpp_task_status_name(st)), or_null(mpp_task_status_name(expected_)));  \
    } while (0)

/* Runs a refused event function, which must leave `st` untouched. */
#define EXPECT_REFUSED(call, code, message_part)                                               \
    do {                                                                                       \
        mpp_task_status st;                                                                    \
        poison(&st, sizeof st);                                                                \
        EXPECT_FAILS(call, (code), NULL, (message_part));                                      \
        EXPECT_UNTOUCHED(st, #call);                                                           \
    } while (0)

/* The status of a board's task by name; UINT32_MAX when there is no such task. */
static uint32_t status_of(const mpp_board *b, const char *name) {
    const mpp_task *t = mpp_board_task(b, name);
    return t ? (uint32_t)mpp_task_status_of(t) : UINT32_MAX;
}

#define EXPECT_TASK_STATUS(board, name, expected)                                              \
    EXPECT(status_of((board), (name)) == (uint32_t)(expected), name, "status %s, expected %s", \
           or_null(mpp_task_status_name(status_of((board), (name)))),                          \
           or_null(mpp_task_status_name(expected)))

static mpp_tab_counts tabs_of(const mpp_board *b, const char *name) {
    mpp_tab_counts tabs = {0, 0, 0, 0, 0};
    EXPECT_OK(mpp_task_tab_counts(mpp_board_task(b, name), &tabs, &err));
    return tabs;
}

/* The tab of a task's device, by MAC; UINT32_MAX when the task does not hold it. */
static uint32_t tab_of(const mpp_board *b, const char *name, const char *mac) {
    const mpp_task_device *d = NULL;
    EXPECT_OK(mpp_task_find_device(mpp_board_task(b, name), mac, &d, &err));
    return d ? (uint32_t)mpp_task_device_tab(d) : UINT32_MAX;
}

/* A *license only* upload of `csv` (after its header), checked with `table` (NULL: Control
 * Hub). */
static mpp_report *license_only(const char *rows, const mpp_eligibility_table *table) {
    static const char header[] = "Model,MAC Address\n";
    mpp_upload_options *opts = NULL;
    mpp_report *report = NULL;
    size_t len = strlen(header) + strlen(rows);
    char *csv = malloc(len + 1);
    if (csv == NULL) exit(3);
    snprintf(csv, len + 1, "%s%s", header, rows);
    EXPECT_OK(mpp_upload_options_new(MPP_UPLOAD_OPTION_LICENSE_ONLY, &opts, &err));
    EXPECT_OK(mpp_upload_options_set_eligibility_table(opts, table, &err));
    EXPECT_OK(mpp_validate_upload((const uint8_t *)csv, len, opts, &report, &err));
    mpp_upload_options_free(opts);
    free(csv);
    return report;
}

/* A board with one *license only* task named `name` holding the devices of `rows`. */
static mpp_board *board_with(const char *name, const char *rows) {
    mpp_board *b = NULL;
    mpp_report *r = license_only(rows, NULL);
    mpp_add_outcome *added = NULL;
    EXPECT_OK(mpp_board_new(&b, &err));
    EXPECT_OK(mpp_board_create_task(b, name, MPP_UPLOAD_OPTION_LICENSE_ONLY, &err));
    EXPECT_OK(mpp_board_add_upload(b, name, r, &added, &err));
    CHECK(mpp_add_outcome_finding_count(added) == 0, "board_with: every device added");
    mpp_add_outcome_free(added);
    mpp_report_free(r);
    return b;
}

/* Prepares every device of a task: start, then each reported prepared. */
static void prepare_all(mpp_board *b, const char *name) {
    size_t n = mpp_task_device_count(mpp_board_task(b, name));
    mpp_task_status st;
    EXPECT_OK(mpp_board_start_preparation(b, name, &st, &err));
    for (size_t i = 0; i < n; i++) {
        char mac[13];
        /* The task is read again each time: reporting a device changes the board. */
        const mpp_task_device *d = mpp_task_device_at(mpp_board_task(b, name), i);
        snprintf(mac, sizeof mac, "%s", or_null(mpp_device_mac(mpp_task_device_device(d))));
        if (mpp_task_device_tab(d) == MPP_DEVICE_TAB_PENDING) {
            EXPECT_OK(mpp_board_report_prepared(b, name, mac, &st, &err));
        }
    }
}

static bool starts_with(const char *text, const char *prefix) {
    return text != NULL && strncmp(text, prefix, strlen(prefix)) == 0;
}

/* The temporary directory files are written to. */
static char temp_dir[64];

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

static size_t files_in_temp_dir(void) {
    size_t n = 0;
    DIR *dir = opendir(temp_dir);
    if (dir == NULL) return 0;
    for (struct dirent *entry; (entry = readdir(dir)) != NULL;) n += entry->d_name[0] != '.';
    closedir(dir);
    return n;
}

/* --- TASK-1: names ---------------------------------------------------------------------------- */

static void check_names(void) {
    mpp_board *b = NULL;
    char *text = NULL;
    char long_name[MPP_MAX_TASK_NAME + 2], fixed[MPP_MAX_TASK_NAME + 1];

    EXPECT_OK(mpp_board_new(&b, &err));
    EXPECT_OK(mpp_board_create_task(b, "HQ-1", MPP_UPLOAD_OPTION_LICENSE_ONLY, &err));
    EXPECT_FAILS(mpp_board_create_task(b, "HQ phones", MPP_UPLOAD_OPTION_LICENSE_ONLY, &err),
                 MPP_ERROR_CODE_TASK_NAME_INVALID, "HQ_phones", "space");
    EXPECT_FAILS(mpp_board_create_task(b, ".hidden", MPP_UPLOAD_OPTION_LICENSE_ONLY, &err),
                 MPP_ERROR_CODE_TASK_NAME_INVALID, "hidden", "dot");
    memset(long_name, 'x', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    memset(fixed, 'x', sizeof fixed - 1);
    fixed[sizeof fixed - 1] = '\0';
    EXPECT_FAILS(mpp_board_create_task(b, long_name, MPP_UPLOAD_OPTION_LICENSE_ONLY, &err),
                 MPP_ERROR_CODE_TASK_NAME_INVALID, fixed, "longer than 80");
    EXPECT_FAILS(mpp_board_create_task(b, "hq-1", MPP_UPLOAD_OPTION_LICENSE_ONLY, &err),
                 MPP_ERROR_CODE_TASK_NAME_TAKEN, "hq-1-2", "already exists");
    EXPECT_FAILS(mpp_board_create_task(b, "HQ-2", 7, &err), MPP_ERROR_CODE_INVALID_ARGUMENT, NULL,
                 "mpp_upload_option");
    EXPECT_OK(mpp_board_suggest_task_name(b, "HQ wave 1", &text, &err));
    EXPECT_OWNED(text, "HQ_wave_1", "mpp_board_suggest_task_name");
    text = NULL;
    EXPECT_OK(mpp_board_suggest_task_name(b, "HQ 1", &text, &err));
    EXPECT_OWNED(text, "HQ_1", "mpp_board_suggest_task_name");
    text = NULL;
    EXPECT_OK(mpp_board_suggest_task_name(b, "HQ-1", &text, &err));
    EXPECT_OWNED(text, "HQ-1-2", "mpp_board_suggest_task_name of a taken name");

    CHECK(mpp_board_task_count(b) == 1, "one task");
    CHECK(mpp_board_task(b, "hq-1") == mpp_board_task_at(b, 0), "names match regardless of case");
    CHECK(mpp_board_task(b, "HQ-3") == NULL && mpp_board_task(b, "\xff") == NULL &&
              mpp_board_task_at(b, 1) == NULL,
          "no such task");
    EXPECT_STR(mpp_task_name(mpp_board_task_at(b, 0)), "HQ-1", "mpp_task_name");
    CHECK(mpp_task_option(mpp_board_task_at(b, 0)) == MPP_UPLOAD_OPTION_LICENSE_ONLY,
          "mpp_task_option");
    CHECK(mpp_task_status_of(mpp_board_task_at(b, 0)) == MPP_TASK_STATUS_DRAFT, "a new task is Draft");
    CHECK(mpp_task_completion_mode_of(mpp_board_task_at(b, 0)) == MPP_COMPLETION_MODE_NONE,
          "not completed");
    CHECK(mpp_board_in_progress(b) == NULL, "nothing in progress");
    EXPECT_FAILS(mpp_board_remove_task(b, "HQ-9", &err), MPP_ERROR_CODE_TASK_NOT_FOUND, NULL, "HQ-9");
    EXPECT_OK(mpp_board_remove_task(b, "hq-1", &err));
    CHECK(mpp_board_task_count(b) == 0, "mpp_board_remove_task");
    mpp_board_free(b);
    printf("TASK-1: \"HQ phones\" refused (suggest HQ_phones), \"hq-1\" taken by HQ-1 (suggest "
           "hq-1-2), names up to %d characters\n",
           MPP_MAX_TASK_NAME);
}

/* --- TASK-2 and DEV-6: one task in progress, a device in one task ----------------------------- */

static void check_one_in_progress(void) {
    mpp_board *b = board_with("A", "8845,001A2B3C4D31\n8845,001A2B3C4D32\n");
    mpp_report *r = license_only("8845,001A2B3C4D31\n8845,001A2B3C4D33\n", NULL);
    mpp_add_outcome *added = NULL;
    const mpp_task *holder = NULL;

    EXPECT_OK(mpp_board_create_task(b, "B", MPP_UPLOAD_OPTION_LICENSE_ONLY, &err));
    EXPECT_OK(mpp_board_add_upload(b, "B", r, &added, &err));
    CHECK(mpp_add_outcome_added(added) == 1 && mpp_add_outcome_finding_count(added) == 1,
          "DEV-6: the device already in A is not added to B");
    {
        const mpp_finding *f = mpp_add_outcome_finding_at(added, 0);
        EXPECT_STR(mpp_finding_code(f), "device_in_other_task", "DEV-6 finding");
        CHECK(mpp_finding_row(f) == 2, "the finding is at the device's upload row");
        EXPECT_STR(mpp_finding_column(f), "MAC Address", "the finding is in the MAC column");
        CHECK(mpp_add_outcome_finding_at(added, 1) == NULL, "one finding");
    }
    mpp_add_outcome_free(added);
    EXPECT_OK(mpp_board_task_of(b, "00:1a:2b:3c:4d:31", &holder, &err));
    EXPECT_STR(mpp_task_name(holder), "A", "mpp_board_task_of");
    holder = mpp_board_task(b, "A");
    EXPECT_OK(mpp_board_task_of(b, "001A2B3C4D99", &holder, &err));
    CHECK(holder == NULL, "mpp_board_task_of a device in no task");
    {
        mpp_upload_counts counts = {0, 0, 0};
        EXPECT_OK(mpp_task_upload_counts(mpp_board_task(b, "B"), &counts, &err));
        CHECK(counts.added == 1 && counts.errors == 1 && counts.total == 2,
              "the counts are what the task took: the device of task A is an error (CSV-14, DEC-1)");
    }

    EXPECT_STATUS(mpp_board_start_preparation(b, "A", &st, &err), MPP_TASK_STATUS_IN_PROGRESS);
    EXPECT_REFUSED(mpp_board_start_preparation(b, "B", &st, &err),
                   MPP_ERROR_CODE_TASK_IN_PROGRESS_EXISTS, "task A is in progress");
    EXPECT_STR(mpp_task_name(mpp_board_in_progress(b)), "A", "mpp_board_in_progress");
    EXPECT_FAILS(mpp_board_remove_task(b, "A", &err), MPP_ERROR_CODE_TRANSITION_REFUSED, NULL,
                 "cancel it");
    EXPECT_FAILS(mpp_board_add_upload(b, "A", r, &added, &err), MPP_ERROR_CODE_TRANSITION_REFUSED,
                 NULL, "add_devices");
    EXPECT_STATUS(mpp_board_cancel(b, "A", &st, &err), MPP_TASK_STATUS_DRAFT);
    CHECK(tabs_of(b, "A").pending == 2, "cancel during preparation: every device pending");
    EXPECT_STATUS(mpp_board_start_preparation(b, "B", &st, &err), MPP_TASK_STATUS_IN_PROGRESS);
    EXPECT_STR(mpp_task_name(mpp_board_in_progress(b)), "B", "B can start once A stopped");
    mpp_report_free(r);
    mpp_board_free(b);
    printf("TASK-2: B waits while A is in progress; DEV-6: a device joins one task only\n");
}

/* --- TASK-7: complete needs Ready; a subset becomes a new task -------------------------------- */

static void check_complete(mpp_board **kept) {
    mpp_board *b = board_with("T7", "8845,001A2B3C4D41\n8845,001A2B3C4D42\n8845,001A2B3C4D43\n");
    const char *const both[] = {"001A2B3C4D41", "00:1a:2b:3c:4d:42"};
    const char *const with_error[] = {"001A2B3C4D41", "001A2B3C4D43"};
    const mpp_task_device *d = NULL;

    EXPECT_REFUSED(mpp_board_complete(b, "T7", MPP_COMPLETION_MODE_AUTOMATIC, &st, &err),
                   MPP_ERROR_CODE_COMPLETE_REQUIRES_READY, "Draft");
    EXPECT_STATUS(mpp_board_start_preparation(b, "T7", &st, &err), MPP_TASK_STATUS_IN_PROGRESS);
    EXPECT_STATUS(mpp_board_report_prepared(b, "T7", "001A2B3C4D41", &st, &err),
                  MPP_TASK_STATUS_IN_PROGRESS);
    EXPECT_STATUS(mpp_board_report_prepared(b, "T7", "001a2b3c4d42", &st, &err),
                  MPP_TASK_STATUS_IN_PROGRESS);
    EXPECT_STATUS(mpp_board_report_preparation_failed(b, "T7", "001A2B3C4D43", "no license", &st, &err),
                  MPP_TASK_STATUS_READY_WITH_ERRORS);
    EXPECT_OK(mpp_task_find_device(mpp_board_task(b, "T7"), "001A2B3C4D43", &d, &err));
    CHECK(mpp_task_device_tab(d) == MPP_DEVICE_TAB_ERROR, "a failed device is in Error");
    EXPECT_STR(mpp_task_device_last_error(d), "no license", "mpp_task_device_last_error");
    EXPECT_REFUSED(mpp_board_report_prepared(b, "T7", "001A2B3C4D43", &st, &err),
                   MPP_ERROR_CODE_TRANSITION_REFUSED, "preparation_result");
    EXPECT_REFUSED(mpp_board_complete(b, "T7", MPP_COMPLETION_MODE_AUTOMATIC, &st, &err),
                   MPP_ERROR_CODE_COMPLETE_REQUIRES_READY, "Ready with errors");
    EXPECT_REFUSED(mpp_board_complete(b, "T7", 9, &st, &err), MPP_ERROR_CODE_INVALID_ARGUMENT,
                   "mpp_completion_mode");
    EXPECT_REFUSED(mpp_board_complete_subset(b, "T7", with_error, 2, "T7-ready",
                                             MPP_COMPLETION_MODE_MANUAL, &st, &err),
                   MPP_ERROR_CODE_DEVICE_WRONG_TAB, "001A2B3C4D43");
    EXPECT_REFUSED(mpp_board_complete_subset(b, "T7", NULL, 0, "T7-ready",
                                             MPP_COMPLETION_MODE_MANUAL, &st, &err),
                   MPP_ERROR_CODE_INVALID_ARGUMENT, "no device");
    {
        mpp_task_status st;
        poison(&st, sizeof st);
        EXPECT_FAILS(mpp_board_complete_subset(b, "T7", both, 2, "T7 ready",
                                               MPP_COMPLETION_MODE_MANUAL, &st, &err),
                     MPP_ERROR_CODE_TASK_NAME_INVALID, "T7_ready", "space");
        EXPECT_UNTOUCHED(st, "mpp_board_complete_subset");
    }
    CHECK(mpp_board_task_count(b) == 1 && tabs_of(b, "T7").ready == 2,
          "a refused subset changes nothing");
    EXPECT_STATUS(mpp_board_complete_subset(b, "T7", both, 2, "T7-ready", MPP_COMPLETION_MODE_MANUAL,
                                            &st, &err),
                  MPP_TASK_STATUS_MANUAL_MIGRATION);
    EXPECT_TASK_STATUS(b, "T7", MPP_TASK_STATUS_REVIEW_ERRORS);
    CHECK(mpp_task_completion_mode_of(mpp_board_task(b, "T7-ready")) == MPP_COMPLETION_MODE_MANUAL,
          "the subset's completion mode");
    CHECK(tabs_of(b, "T7-ready").in_progress == 2, "the subset's devices are being migrated");
    EXPECT_STATUS(mpp_board_report_migrated(b, "T7-ready", "001A2B3C4D41", &st, &err),
                  MPP_TASK_STATUS_MANUAL_MIGRATION);
    EXPECT_STATUS(mpp_board_report_migration_failed(b, "T7-ready", "001A2B3C4D42", "unreachable",
                                                    &st, &err),
                  MPP_TASK_STATUS_MANUAL_MIGRATION);
    CHECK(tab_of(b, "T7-ready", "001A2B3C4D41") == MPP_DEVICE_TAB_COMPLETED &&
              tab_of(b, "T7-ready", "001A2B3C4D42") == MPP_DEVICE_TAB_ERROR,
          "migrated and failed devices");
    EXPECT_STATUS(mpp_board_move_to_ready(b, "T7-ready", &both[1], 1, &st, &err),
                  MPP_TASK_STATUS_MANUAL_MIGRATION);
    EXPECT_REFUSED(mpp_board_report_migrated(b, "T7-ready", "001A2B3C4D42", &st, &err),
                   MPP_ERROR_CODE_DEVICE_WRONG_TAB, "Ready for migration");
    EXPECT_REFUSED(mpp_board_report_migrated(b, "T7-ready", "001A2B3C4D77", &st, &err),
                   MPP_ERROR_CODE_DEVICE_NOT_IN_TASK, "001A2B3C4D77");
    EXPECT_REFUSED(mpp_board_move_to_ready(b, "T7-ready", with_error, 2, &st, &err),
                   MPP_ERROR_CODE_DEVICE_WRONG_TAB, "Completed");
    printf("TASK-7: T7 Ready with errors refuses Complete migration; 2 ready devices completed "
           "manually as T7-ready; T7 is now %s\n",
           or_null(mpp_task_status_label(status_of(b, "T7"))));
    *kept = b;
}

/* --- ELIG-2: a device that is not eligible is never prepared ---------------------------------- */

static void check_not_eligible(void) {
    mpp_eligibility_table *guide = NULL;
    mpp_report *r = NULL;
    mpp_board *b = NULL;
    mpp_add_outcome *added = NULL;
    mpp_search_result *found = NULL;
    const char *const nr[] = {"001A2B3C4D53"};
    const char *const unknown[] = {"001A2B3C4D52"};
    mpp_eligibility_counts e = {0, 0, 0, 0};

    /* The ordering guide accepts the 8865NR at upload; the board's Control Hub table does not. */
    EXPECT_OK(mpp_eligibility_table_cisco_ordering_guide(&guide, &err));
    r = license_only("8845,001A2B3C4D51\n7821,001A2B3C4D52\n8865NR,001A2B3C4D53\n", guide);
    mpp_eligibility_table_free(guide);
    CHECK(mpp_report_added(r) == 3, "the ordering guide accepts the 8865NR (EXT-4)");
    EXPECT_OK(mpp_board_new(&b, &err));
    EXPECT_OK(mpp_board_create_task(b, "E2", MPP_UPLOAD_OPTION_LICENSE_ONLY, &err));
    EXPECT_OK(mpp_board_add_upload(b, "E2", r, &added, &err));
    mpp_add_outcome_free(added);
    mpp_report_free(r);
    EXPECT_OK(mpp_task_eligibility_counts(mpp_board_task(b, "E2"), &e, &err));
    CHECK(e.total == 3 && e.eligible == 1 && e.unknown == 1 && e.not_eligible == 1,
          "eligibility counts (ELIG-1)");
    {
        const mpp_task_device *d = mpp_task_device_at(mpp_board_task(b, "E2"), 2);
        CHECK(mpp_task_device_eligibility(d) == MPP_ELIGIBILITY_STATUS_NOT_ELIGIBLE,
              "the 8865NR is not eligible by Control Hub's table");
        CHECK(mpp_task_device_reason_count(d) >= 1, "with its reasons");
        EXPECT_STR(mpp_finding_code(mpp_task_device_reason_at(d, 0)), "model_not_eligible",
                   "the reason");
        EXPECT_STR(mpp_model_name(mpp_device_model(mpp_task_device_device(d))), "8865NR",
                   "mpp_task_device_device");
        CHECK(mpp_task_device_reason_at(d, mpp_task_device_reason_count(d)) == NULL, "no more");
        CHECK(mpp_task_device_last_error(d) == NULL, "no error before preparation");
    }

    /* Search (ELIG-4). */
    EXPECT_OK(mpp_task_search(mpp_board_task(b, "E2"), "", MPP_ELIGIBILITY_STATUS_NOT_ELIGIBLE,
                              &found, &err));
    CHECK(mpp_search_result_count(found) == 1 && mpp_search_result_at(found, 0) == 2 &&
              mpp_search_result_at(found, 1) == SIZE_MAX,
          "search by eligibility");
    mpp_search_result_free(found);
    found = NULL;
    EXPECT_OK(mpp_task_search(mpp_board_task(b, "E2"), "4d:52", MPP_ELIGIBILITY_ANY, &found, &err));
    CHECK(mpp_search_result_count(found) == 1 && mpp_search_result_at(found, 0) == 1,
          "search by MAC in either spelling");
    mpp_search_result_free(found);
    found = NULL;
    EXPECT_OK(mpp_task_search(mpp_board_task(b, "E2"), "CISCO 88", MPP_ELIGIBILITY_ANY, &found, &err));
    CHECK(mpp_search_result_count(found) == 2, "search by model, regardless of case");
    mpp_search_result_free(found);
    EXPECT_FAILS(mpp_task_search(mpp_board_task(b, "E2"), "", 3, &found, &err),
                 MPP_ERROR_CODE_INVALID_ARGUMENT, NULL, "MPP_ELIGIBILITY_ANY");

    EXPECT_STATUS(mpp_board_start_preparation(b, "E2", &st, &err), MPP_TASK_STATUS_IN_PROGRESS);
    CHECK(tab_of(b, "E2", "001A2B3C4D53") == MPP_DEVICE_TAB_ERROR &&
              tab_of(b, "E2", "001A2B3C4D52") == MPP_DEVICE_TAB_ERROR &&
              tab_of(b, "E2", "001A2B3C4D51") == MPP_DEVICE_TAB_PENDING,
          "ELIG-2: only the eligible device is prepared");
    {
        const mpp_task_device *d = NULL;
        EXPECT_OK(mpp_task_find_device(mpp_board_task(b, "E2"), "001A2B3C4D53", &d, &err));
        CHECK(d != NULL && strstr(or_null(mpp_task_device_last_error(d)), "never migrated") != NULL,
              "the Error tab says why");
    }
    EXPECT_REFUSED(mpp_board_report_prepared(b, "E2", "001A2B3C4D53", &st, &err),
                   MPP_ERROR_CODE_DEVICE_NOT_ELIGIBLE, "never migrated");
    EXPECT_STATUS(mpp_board_report_prepared(b, "E2", "001A2B3C4D51", &st, &err),
                  MPP_TASK_STATUS_READY_WITH_ERRORS);
    EXPECT_REFUSED(mpp_board_move_to_ready(b, "E2", nr, 1, &st, &err),
                   MPP_ERROR_CODE_DEVICE_NOT_ELIGIBLE, "never migrated");
    EXPECT_REFUSED(mpp_board_move_to_ready(b, "E2", unknown, 1, &st, &err),
                   MPP_ERROR_CODE_DEVICE_ELIGIBILITY_UNKNOWN, "Include unknown eligibility");
    EXPECT_REFUSED(mpp_board_set_include_unknown(b, "E2", true, &st, &err),
                   MPP_ERROR_CODE_TRANSITION_REFUSED, "set_include_unknown");
    mpp_board_free(b);

    /* With Include unknown eligibility on, the unknown device is prepared. */
    b = board_with("E2b", "8845,001A2B3C4D54\n7821,001A2B3C4D55\n");
    EXPECT_STATUS(mpp_board_set_include_unknown(b, "E2b", true, &st, &err), MPP_TASK_STATUS_DRAFT);
    CHECK(mpp_task_include_unknown(mpp_board_task(b, "E2b")), "mpp_task_include_unknown");
    prepare_all(b, "E2b");
    EXPECT_TASK_STATUS(b, "E2b", MPP_TASK_STATUS_READY_FOR_MIGRATION);
    mpp_board_free(b);
    printf("ELIG-2: the 8865NR (not eligible) and the 7821 without VID (unknown) stay in Error; "
           "with Include unknown eligibility the 7821 is prepared\n");
}

/* --- ELIG-3: at most 1000 devices a task (default task, fleet plan) ---------------------------- */

static void check_cap(void) {
    enum { PHONES = 1001 };
    char *rows = malloc(PHONES * 18 + 1);
    mpp_report *r = NULL;
    mpp_board *b = NULL, *fleet_board = NULL;
    mpp_add_outcome *added = NULL;
    mpp_fleet_options *opts = NULL;
    mpp_fleet_plan *plan = NULL;
    size_t used = 0;

    if (rows == NULL) exit(3);
    rows[0] = '\0';
    for (unsigned i = 0; i < PHONES; i++) {
        used += (size_t)snprintf(rows + used, 19, "8845,00000010%04X\n", i);
    }
    r = license_only(rows, NULL);
    free(rows);
    CHECK(mpp_report_added(r) == PHONES, "1001 phones uploaded");
    EXPECT_OK(mpp_board_new(&b, &err));
    EXPECT_OK(mpp_board_create_default_task(b, "default", MPP_UPLOAD_OPTION_LICENSE_ONLY, r, &added,
                                            &err));
    CHECK(mpp_add_outcome_added(added) == MPP_MAX_TASK_DEVICES, "ELIG-3: 1000 added");
    if (EXPECT(mpp_add_outcome_finding_count(added) == 1, "ELIG-3", "%zu findings",
               mpp_add_outcome_finding_count(added))) {
        const mpp_finding *f = mpp_add_outcome_finding_at(added, 0);
        EXPECT_STR(mpp_finding_code(f), "task_full", "ELIG-3 finding");
        CHECK(mpp_finding_row(f) == PHONES + 1, "the 1001st phone's row");
    }
    mpp_add_outcome_free(added);
    EXPECT_TASK_STATUS(b, "default", MPP_TASK_STATUS_READY_FOR_MIGRATION);
    CHECK(tabs_of(b, "default").ready == MPP_MAX_TASK_DEVICES, "TASK-8: eligible devices ready");

    /* The fleet: tasks of at most 400. */
    EXPECT_OK(mpp_fleet_options_new("fleet", MPP_UPLOAD_OPTION_LICENSE_ONLY, &opts, &err));
    EXPECT_FAILS(mpp_fleet_options_set_grouping(opts, 3, &err), MPP_ERROR_CODE_INVALID_ARGUMENT,
                 NULL, "mpp_fleet_grouping");
    EXPECT_OK(mpp_fleet_options_set_grouping(opts, MPP_FLEET_GROUPING_MODEL, &err));
    EXPECT_OK(mpp_fleet_options_set_max_devices(opts, 0, &err));
    EXPECT_FAILS(mpp_plan_fleet_report(r, opts, &plan, &err), MPP_ERROR_CODE_INVALID_ARGUMENT, NULL,
                 "max_devices 0");
    EXPECT_OK(mpp_fleet_options_set_max_devices(opts, 400, &err));
    EXPECT_OK(mpp_fleet_options_set_eligibility_table(opts, NULL, &err));
    EXPECT_OK(mpp_plan_fleet_report(r, opts, &plan, &err));
    mpp_fleet_options_free(opts);
    CHECK(mpp_fleet_plan_task_count(plan) == 3 && mpp_fleet_plan_finding_count(plan) == 0,
          "1001 phones in 3 tasks");
    EXPECT_STR(mpp_task_name(mpp_fleet_plan_task_at(plan, 0)), "fleet-8845-001", "fleet names");
    EXPECT_STR(mpp_task_name(mpp_fleet_plan_task_at(plan, 2)), "fleet-8845-003", "fleet names");
    CHECK(mpp_task_device_count(mpp_fleet_plan_task_at(plan, 0)) == 400 &&
              mpp_task_device_count(mpp_fleet_plan_task_at(plan, 2)) == 201,
          "400 + 400 + 201");
    CHECK(mpp_fleet_plan_task_at(plan, 3) == NULL, "three tasks");
    EXPECT_FAILS(mpp_board_add_fleet_plan(b, plan, &err), MPP_ERROR_CODE_DOCUMENT_INVALID, NULL,
                 "DEV-6");
    CHECK(mpp_board_task_count(b) == 1, "all or none: nothing was added");
    EXPECT_OK(mpp_board_new(&fleet_board, &err));
    EXPECT_OK(mpp_board_add_fleet_plan(fleet_board, plan, &err));
    CHECK(mpp_board_task_count(fleet_board) == 3, "the fleet's tasks are on the board");
    EXPECT_FAILS(mpp_board_add_fleet_plan(fleet_board, plan, &err), MPP_ERROR_CODE_TASK_NAME_TAKEN,
                 "fleet-8845-001-2", "fleet-8845-001");
    mpp_fleet_plan_free(plan);
    plan = NULL;

    /* A device listed twice is planned once. */
    {
        const mpp_device *twice[] = {mpp_report_device_at(r, 0), mpp_report_device_at(r, 0)};
        EXPECT_OK(mpp_fleet_options_new("again", MPP_UPLOAD_OPTION_LICENSE_ONLY, &opts, &err));
        EXPECT_OK(mpp_plan_fleet(twice, 2, opts, &plan, &err));
        CHECK(mpp_fleet_plan_task_count(plan) == 1 && mpp_fleet_plan_finding_count(plan) == 1,
              "DEV-6 in a fleet");
        EXPECT_STR(mpp_finding_code(mpp_fleet_plan_finding_at(plan, 0)), "device_already_in_task",
                   "DEV-6 in a fleet");
        EXPECT_FAILS(mpp_plan_fleet(twice, 2, opts, NULL, &err), MPP_ERROR_CODE_NULL_POINTER, NULL,
                     "out");
        twice[1] = NULL;
        EXPECT_FAILS(mpp_plan_fleet(twice, 2, opts, &plan, &err), MPP_ERROR_CODE_NULL_POINTER, NULL,
                     "devices[1]");
        mpp_fleet_options_free(opts);
        mpp_fleet_plan_free(plan);
    }
    mpp_board_free(fleet_board);
    mpp_board_free(b);
    mpp_report_free(r);
    printf("ELIG-3: 1001 phones give a default task of %d and a finding task_full; a fleet plan "
           "splits them 400 + 400 + 201\n",
           MPP_MAX_TASK_DEVICES);
}

/* --- TASK-6: pause, resume, cancel ------------------------------------------------------------ */

/* TASK-8 from a host's inventory: devices made with mpp_device_new. */
static void check_inventory(void) {
    static const char *const inventory[][3] = {
        {"00:1a:2b:3c:4d:e1", "CP-8845-K9=", "14.1(1)"},
        {"001A2B3C4DE2", "8821", NULL},
        {"001A2B3C4DE3", "CP-7821-K9=V02", NULL},
    };
    enum { N = sizeof inventory / sizeof inventory[0] };
    mpp_device *made[N] = {NULL};
    const mpp_device *devices[N];
    mpp_board *b = NULL;
    mpp_add_outcome *added = NULL;
    mpp_device *bad = NULL;

    for (size_t i = 0; i < N; i++) {
        EXPECT_OK(mpp_device_new(inventory[i][0], inventory[i][1], NULL, inventory[i][2], &made[i], &err));
        devices[i] = made[i];
    }
    EXPECT_STR(mpp_device_mac(devices[0]), "001A2B3C4DE1", "normalised MAC");
    CHECK(mpp_device_hardware_version(devices[2]) == 2, "the label's VID");
    EXPECT_FAILS(mpp_device_new("001A2B3C4DE4", "CP-7821-K9=V02", "V03", NULL, &bad, &err),
                 MPP_ERROR_CODE_INVALID_ARGUMENT, NULL, "hardware_version");
    CHECK(bad == NULL, "nothing made on failure");
    EXPECT_OK(mpp_board_new(&b, &err));
    EXPECT_OK(mpp_board_create_default_task_from_devices(b, "inventory", MPP_UPLOAD_OPTION_LICENSE_ONLY,
                                                         devices, N, &added, &err));
    CHECK(mpp_add_outcome_added(added) == N, "TASK-8: every phone added");
    mpp_add_outcome_free(added);
    EXPECT_TASK_STATUS(b, "inventory", MPP_TASK_STATUS_READY_WITH_ERRORS);
    CHECK(tabs_of(b, "inventory").error == 2, "the 8821 (DEV-2) and the 7821 V02 (DEV-5) in Error");
    mpp_board_free(b);
    for (size_t i = 0; i < N; i++) mpp_device_free(made[i]);
    printf("TASK-8: a default task from an inventory: 1 ready, 2 in Error\n");
}

static void check_pause(void) {
    mpp_board *b = board_with("P", "8845,001A2B3C4D61\n8845,001A2B3C4D62\n");

    EXPECT_STATUS(mpp_board_start_preparation(b, "P", &st, &err), MPP_TASK_STATUS_IN_PROGRESS);
    EXPECT_STATUS(mpp_board_pause(b, "P", &st, &err), MPP_TASK_STATUS_IN_PROGRESS);
    CHECK(mpp_task_paused(mpp_board_task(b, "P")), "mpp_task_paused");
    EXPECT_REFUSED(mpp_board_report_prepared(b, "P", "001A2B3C4D61", &st, &err),
                   MPP_ERROR_CODE_TASK_PAUSED, "resume or cancel");
    EXPECT_REFUSED(mpp_board_pause(b, "P", &st, &err), MPP_ERROR_CODE_TASK_PAUSED, "paused");
    EXPECT_STATUS(mpp_board_resume(b, "P", &st, &err), MPP_TASK_STATUS_IN_PROGRESS);
    CHECK(!mpp_task_paused(mpp_board_task(b, "P")), "resumed");
    EXPECT_REFUSED(mpp_board_resume(b, "P", &st, &err), MPP_ERROR_CODE_TRANSITION_REFUSED,
                   "not paused");
    EXPECT_STATUS(mpp_board_pause(b, "P", &st, &err), MPP_TASK_STATUS_IN_PROGRESS);
    EXPECT_STATUS(mpp_board_cancel(b, "P", &st, &err), MPP_TASK_STATUS_DRAFT);
    CHECK(!mpp_task_paused(mpp_board_task(b, "P")) && tabs_of(b, "P").pending == 2,
          "cancel during preparation: Draft, every device pending, no pause");

    prepare_all(b, "P");
    EXPECT_TASK_STATUS(b, "P", MPP_TASK_STATUS_READY_FOR_MIGRATION);
    EXPECT_REFUSED(mpp_board_pause(b, "P", &st, &err), MPP_ERROR_CODE_TRANSITION_REFUSED,
                   "Ready for migration");
    /* AUTO-1, AUTO-2: the event alone carries none of the choices automatic completion needs. */
    EXPECT_REFUSED(mpp_board_complete(b, "P", MPP_COMPLETION_MODE_AUTOMATIC, &st, &err),
                   MPP_ERROR_CODE_CLOUD_CONNECTED_UC_REQUIRED, "AUTO-1");
    EXPECT_STATUS(mpp_board_complete(b, "P", MPP_COMPLETION_MODE_MANUAL, &st, &err),
                  MPP_TASK_STATUS_MANUAL_MIGRATION);
    EXPECT_STATUS(mpp_board_report_migrated(b, "P", "001A2B3C4D61", &st, &err),
                  MPP_TASK_STATUS_MANUAL_MIGRATION);
    /* TASK-6: the same report again changes nothing. */
    EXPECT_STATUS(mpp_board_report_migrated(b, "P", "001A2B3C4D61", &st, &err),
                  MPP_TASK_STATUS_MANUAL_MIGRATION);
    EXPECT_STATUS(mpp_board_pause(b, "P", &st, &err), MPP_TASK_STATUS_MANUAL_MIGRATION);
    EXPECT_REFUSED(mpp_board_report_migrated(b, "P", "001A2B3C4D62", &st, &err),
                   MPP_ERROR_CODE_TASK_PAUSED, "paused");
    EXPECT_STATUS(mpp_board_cancel(b, "P", &st, &err), MPP_TASK_STATUS_MANUAL_MIGRATION);
    CHECK(tab_of(b, "P", "001A2B3C4D61") == MPP_DEVICE_TAB_COMPLETED &&
              tab_of(b, "P", "001A2B3C4D62") == MPP_DEVICE_TAB_READY_FOR_MIGRATION,
          "cancel during a migration: the migrated device stays Completed, the other is Ready");
    mpp_board_free(b);
    printf("TASK-6: paused, nothing but resume and cancel; cancel in preparation returns to Draft, "
           "in a migration keeps what was migrated\n");
}

/* --- TASK-9: a license-only task's devices must be in Webex Calling ---------------------------- */

static void check_in_webex_calling(void) {
    mpp_directory_builder *builder = NULL;
    mpp_directory *directory = NULL;
    mpp_board *b = board_with("W", "8845,001A2B3C4D71\n8845,001A2B3C4D72\n");
    mpp_auto_plan_options *opts = NULL;
    mpp_auto_plan *plan;
    const char *const in_webex[] = {"001A2B3C4D71"};

    EXPECT_OK(mpp_directory_builder_new(&builder, &err));
    EXPECT_OK(mpp_directory_builder_add_device(builder, "00:1a:2b:3c:4d:71", &err));
    EXPECT_OK(mpp_directory_build(builder, &directory, &err));
    mpp_directory_builder_free(builder);
    EXPECT_OK(mpp_board_set_directory(b, directory, &err));
    mpp_directory_free(directory);
    prepare_all(b, "W");
    EXPECT_REFUSED(mpp_board_complete(b, "W", MPP_COMPLETION_MODE_MANUAL, &st, &err),
                   MPP_ERROR_CODE_DEVICE_NOT_IN_WEBEX_CALLING, "001A2B3C4D72");
    EXPECT_OK(mpp_auto_plan_options_new(true, "primary", "tftp1.example.com", &opts, &err));
    poison(&plan, sizeof plan);
    EXPECT_FAILS(mpp_board_complete_automatic(b, "W", opts, &plan, &err),
                 MPP_ERROR_CODE_DEVICE_NOT_IN_WEBEX_CALLING, NULL, "add them first");
    EXPECT_UNTOUCHED(plan, "mpp_board_complete_automatic");
    EXPECT_TASK_STATUS(b, "W", MPP_TASK_STATUS_READY_FOR_MIGRATION);
    EXPECT_REFUSED(mpp_board_complete_subset(b, "W", in_webex, 1, "W-in-webex",
                                             MPP_COMPLETION_MODE_AUTOMATIC, &st, &err),
                   MPP_ERROR_CODE_CLOUD_CONNECTED_UC_REQUIRED, "complete_subset_automatic");
    EXPECT_OK(mpp_board_complete_subset_automatic(b, "W", in_webex, 1, "W-in-webex", opts, &plan,
                                                  &err));
    CHECK(mpp_auto_plan_batch_count(plan) == 1, "the automatic subset is planned");
    mpp_auto_plan_free(plan);
    EXPECT_TASK_STATUS(b, "W-in-webex", MPP_TASK_STATUS_AUTO_MIGRATION_COMPLETE);
    EXPECT_REFUSED(mpp_board_remove_devices(b, "W", in_webex, 1, &st, &err),
                   MPP_ERROR_CODE_TRANSITION_REFUSED, "remove_devices");
    mpp_auto_plan_options_free(opts);
    mpp_board_free(b);
    printf("TASK-9: with the directory, 001A2B3C4D72 (not in Webex Calling) refuses Complete "
           "migration; 001A2B3C4D71 completes alone\n");
}

/* --- the board saved and loaded --------------------------------------------------------------- */

/* `json` with the first `from` replaced by `to`, in a new buffer. */
static char *replaced(const char *json, const char *from, const char *to) {
    const char *at = strstr(json, from);
    size_t len = strlen(json) - strlen(from) + strlen(to);
    char *out = malloc(len + 1);
    if (out == NULL) exit(3);
    if (at == NULL) {
        snprintf(out, len + 1, "%s", json);
        return out;
    }
    snprintf(out, len + 1, "%.*s%s%s", (int)(at - json), json, to, at + strlen(from));
    return out;
}

static void check_save_and_load(const mpp_board *b) {
    char *json = NULL, *again = NULL;
    mpp_board *loaded = NULL;

    EXPECT_OK(mpp_board_to_json(b, &json, &err));
    if (json == NULL) return;
    EXPECT_OK(mpp_board_from_json((const uint8_t *)json, strlen(json), &loaded, &err));
    EXPECT_OK(mpp_board_to_json(loaded, &again, &err));
    EXPECT_STR(again, json, "the board reads back as it was");
    CHECK(mpp_board_task_count(loaded) == mpp_board_task_count(b), "the same tasks");
    EXPECT_TASK_STATUS(loaded, "T7-ready", MPP_TASK_STATUS_MANUAL_MIGRATION);
    mpp_string_free(again);
    mpp_board_free(loaded);
    {
        mpp_board *out;
        char *v2 = replaced(json, "\"format\":1", "\"format\":2");
        char *unfit = replaced(json, "\"review_errors\"", "\"draft\"");
        char *twice = replaced(json, "\"001A2B3C4D42\"", "\"001A2B3C4D43\"");
        poison(&out, sizeof out);
        EXPECT_FAILS(mpp_board_from_json((const uint8_t *)v2, strlen(v2), &out, &err),
                     MPP_ERROR_CODE_DOCUMENT_VERSION_UNSUPPORTED, NULL, "format");
        EXPECT_FAILS(mpp_board_from_json((const uint8_t *)json, strlen(json) / 2, &out, &err),
                     MPP_ERROR_CODE_JSON_INVALID, NULL, "board JSON");
        EXPECT_FAILS(mpp_board_from_json((const uint8_t *)unfit, strlen(unfit), &out, &err),
                     MPP_ERROR_CODE_DOCUMENT_INVALID, NULL, "TASK-4");
        EXPECT_FAILS(mpp_board_from_json((const uint8_t *)twice, strlen(twice), &out, &err),
                     MPP_ERROR_CODE_DOCUMENT_INVALID, NULL, "DEV-6");
        EXPECT_FAILS(mpp_board_from_json((const uint8_t *)"{\"format\":1,\xff}",
                                         strlen("{\"format\":1,\xff}"), &out, &err),
                     MPP_ERROR_CODE_ARGUMENT_NOT_UTF8, NULL, "json");
        EXPECT_FAILS(mpp_board_from_json(NULL, 4, &out, &err), MPP_ERROR_CODE_NULL_POINTER, NULL,
                     "json");
        /* No document is a missing argument, not malformed JSON (issue 14). */
        EXPECT_FAILS(mpp_board_from_json(NULL, 0, &out, &err), MPP_ERROR_CODE_NULL_POINTER, NULL,
                     "json");
        EXPECT_UNTOUCHED(out, "mpp_board_from_json");
        free(v2);
        free(unfit);
        free(twice);
    }
    mpp_string_free(json);
    printf("Board: saved and read back unchanged; another format, a status that does not fit its "
           "devices and a device in two tasks are refused\n");
}

/* --- AUTO-1 to AUTO-3: the automatic plan ------------------------------------------------------ */

static void check_automatic(void) {
    mpp_board *b = board_with(
        "Auto", "8845,001A2B3C4D81\n8845,001A2B3C4D82\n8861,001A2B3C4D83\n8845,001A2B3C4D84\n"
                "8845,001A2B3C4D85\n");
    mpp_auto_plan_options *opts = NULL;
    mpp_auto_plan *plan = NULL, *out;
    size_t batch = 99;
    char *text = NULL;

    poison(&out, sizeof out);
    EXPECT_OK(mpp_auto_plan_options_new(true, "primary", "tftp1.example.com", &opts, &err));
    EXPECT_FAILS(mpp_plan_automatic(mpp_board_task(b, "Auto"), opts, &out, &err),
                 MPP_ERROR_CODE_COMPLETE_REQUIRES_READY, NULL, "Draft");
    prepare_all(b, "Auto");
    mpp_auto_plan_options_free(opts);
    EXPECT_OK(mpp_auto_plan_options_new(false, "primary", "tftp1.example.com", &opts, &err));
    EXPECT_FAILS(mpp_plan_automatic(mpp_board_task(b, "Auto"), opts, &out, &err),
                 MPP_ERROR_CODE_CLOUD_CONNECTED_UC_REQUIRED, NULL, "Cloud Connected UC");
    EXPECT_FAILS(mpp_board_complete_automatic(b, "Auto", opts, &out, &err),
                 MPP_ERROR_CODE_CLOUD_CONNECTED_UC_REQUIRED, NULL, "manually");
    EXPECT_TASK_STATUS(b, "Auto", MPP_TASK_STATUS_READY_FOR_MIGRATION);
    mpp_auto_plan_options_free(opts);
    EXPECT_OK(mpp_auto_plan_options_new(true, " ", "tftp1.example.com", &opts, &err));
    EXPECT_FAILS(mpp_plan_automatic(mpp_board_task(b, "Auto"), opts, &out, &err),
                 MPP_ERROR_CODE_TFTP_SERVER_REQUIRED, NULL, "TFTP server type");
    mpp_auto_plan_options_free(opts);
    EXPECT_OK(mpp_auto_plan_options_new(true, "primary", "", &opts, &err));
    EXPECT_FAILS(mpp_plan_automatic(mpp_board_task(b, "Auto"), opts, &out, &err),
                 MPP_ERROR_CODE_LOAD_SERVER_REQUIRED, NULL, "load server");
    mpp_auto_plan_options_free(opts);
    EXPECT_OK(mpp_auto_plan_options_new(true, " primary ", "tftp1.example.com", &opts, &err));
    EXPECT_OK(mpp_auto_plan_options_set_batch_size(opts, MPP_AUTO_BATCH_SIZE + 1, &err));
    EXPECT_FAILS(mpp_plan_automatic(mpp_board_task(b, "Auto"), opts, &out, &err),
                 MPP_ERROR_CODE_INVALID_ARGUMENT, NULL, "batch size 201");
    EXPECT_UNTOUCHED(out, "mpp_plan_automatic");

    EXPECT_OK(mpp_auto_plan_options_set_batch_size(opts, 2, &err));
    EXPECT_OK(mpp_board_complete_automatic(b, "Auto", opts, &plan, &err));
    mpp_auto_plan_options_free(opts);
    EXPECT_TASK_STATUS(b, "Auto", MPP_TASK_STATUS_AUTO_MIGRATION_COMPLETE);
    EXPECT_STR(mpp_auto_plan_task_name(plan), "Auto", "mpp_auto_plan_task_name");
    EXPECT_STR(mpp_auto_plan_tftp_server_type(plan), "primary", "the server type, trimmed");
    EXPECT_STR(mpp_auto_plan_load_server(plan), "tftp1.example.com", "mpp_auto_plan_load_server");
    CHECK(mpp_auto_plan_batch_count(plan) == 3 && mpp_auto_plan_batch_size_at(plan, 0) == 2 &&
              mpp_auto_plan_batch_size_at(plan, 2) == 1 && mpp_auto_plan_batch_size_at(plan, 3) == 0,
          "AUTO-3: batches of 2, in the task's order");
    EXPECT_STR(mpp_auto_plan_batch_device_at(plan, 2, 0), "001A2B3C4D85", "the last batch");
    CHECK(mpp_auto_plan_batch_device_at(plan, 2, 1) == NULL &&
              mpp_auto_plan_batch_device_at(plan, 3, 0) == NULL,
          "out of range");
    EXPECT_OK(mpp_auto_plan_batch_of(plan, "00:1a:2b:3c:4d:83", &batch, &err));
    CHECK(batch == 2, "mpp_auto_plan_batch_of counts from 1");
    EXPECT_OK(mpp_auto_plan_batch_of(plan, "001A2B3C4D99", &batch, &err));
    CHECK(batch == 0, "mpp_auto_plan_batch_of a device in no batch");
    EXPECT_FAILS(mpp_auto_plan_batch_of(plan, "00-1A", &batch, &err), MPP_ERROR_CODE_MAC_INVALID_LENGTH,
                 NULL, NULL);
    CHECK(mpp_auto_plan_finding_count(plan) == 1, "one caution: the 8861 has Wi-Fi");
    EXPECT_STR(mpp_finding_code(mpp_auto_plan_finding_at(plan, 0)), "wifi_settings_lost",
               "AUTO-4, DEV-8");
    EXPECT_OK(mpp_auto_plan_batches_csv(plan, &text, &err));
    CHECK(starts_with(text, "Batch,Device Name,MAC Address,Model\r\n1,SEP001A2B3C4D81,"),
          "mpp_auto_plan_batches_csv");
    mpp_string_free(text);
    text = NULL;
    EXPECT_OK(mpp_auto_plan_instructions_text(plan, &text, &err));
    CHECK(text != NULL && strstr(text, "Automatic completion of task Auto (5 devices, 3 batches)") != NULL,
          "mpp_auto_plan_instructions_text");
    mpp_string_free(text);
    text = NULL;
    EXPECT_OK(mpp_auto_plan_to_json(plan, &text, &err));
    CHECK(text != NULL && strstr(text, "\"load_server\": \"tftp1.example.com\"") != NULL,
          "mpp_auto_plan_to_json");
    mpp_string_free(text);
    text = NULL;
    EXPECT_OK(mpp_task_status_report_csv(mpp_board_task(b, "Auto"), plan, NULL, &text, &err));
    CHECK(text != NULL && strstr(text, "SEP001A2B3C4D85,001A2B3C4D85,Cisco 8845,,,,eligible,in_progress,3,,") != NULL,
          "the status report gives each device's batch");
    mpp_string_free(text);

    /* The plan's files. */
    EXPECT_OK(mpp_auto_plan_write(plan, temp_dir, false, &err));
    CHECK(files_in_temp_dir() == 3, "three files written");
    EXPECT_FAILS(mpp_auto_plan_write(plan, temp_dir, false, &err), MPP_ERROR_CODE_OUTPUT_EXISTS, NULL,
                 "Auto_auto_batches.csv");
    EXPECT_OK(mpp_auto_plan_write(plan, temp_dir, true, &err));
    mpp_auto_plan_free(plan);
    mpp_board_free(b);
    remove_temp_dir();
    printf("AUTO-1/AUTO-2: no Cloud Connected UC, no TFTP server type, no load server are refused; "
           "AUTO-3: 5 devices in batches of 2 give 3 batches\n");
}

/* --- MAN-2 to MAN-4: the manual plan and BAT file names ---------------------------------------- */

static void check_manual(void) {
    mpp_board *b = board_with("Man.1", "8845,001A2B3C4D91\n7821,001A2B3C4D92\n8861,001A2B3C4D93\n");
    mpp_manual_plan_options *opts = NULL;
    mpp_manual_plan *plan = NULL, *out;
    mpp_phone_load_table *man4 = NULL, *host = NULL, *copy = NULL;
    const char *file = NULL;
    char *text = NULL;
    static const char host_csv[] = "model,phone_load,source\n8845,sip8845_65.12-0-1MPP0001-10,EXT-10\n";
    static const char bad_csv[] = "model,phone_load,source\n7821,sip78xx.14-1-1-0001-136,x\n";
    /* MAN-4, EXT-10: a 7821 given the 8845/8865 family's load. */
    static const char cross_csv[] = "model,phone_load,source\n7821,sip8845_65.12-0-7MPP0201-66,x\n";
    mpp_task_status st;

    /* MAN-2, EXT-11. */
    EXPECT_OK(mpp_check_bat_file_name("HQ-1_sip78xx.txt", &err));
    EXPECT_FAILS(mpp_check_bat_file_name("HQ.1.txt", &err), MPP_ERROR_CODE_FILE_NAME_INVALID,
                 "HQ_1.txt", "more than one dot");
    EXPECT_FAILS(mpp_check_bat_file_name("HQ,1.txt", &err), MPP_ERROR_CODE_FILE_NAME_COMMA,
                 "HQ_1.txt", "comma");
    EXPECT_FAILS(mpp_check_bat_file_name("", &err), MPP_ERROR_CODE_FILE_NAME_INVALID, "plan",
                 "empty");

    /* The phone-load tables (MAN-4, EXT-10). */
    EXPECT_OK(mpp_phone_load_table_man_4(&man4, &err));
    EXPECT_STR(mpp_phone_load_table_name(man4), "man_4", "mpp_phone_load_table_name");
    CHECK(mpp_phone_load_table_row_count(man4) == 15, "MAN-4 has 15 models");
    EXPECT_OK(mpp_phone_load_table_to_csv(man4, &text, &err));
    if (text != NULL) {
        EXPECT_OK(mpp_phone_load_table_from_csv((const uint8_t *)text, strlen(text), "copy", &copy,
                                                &err));
        CHECK(mpp_phone_load_table_row_count(copy) == 15, "the CSV reads back");
        mpp_string_free(text);
    }
    EXPECT_FAILS_AT(mpp_phone_load_table_from_csv((const uint8_t *)bad_csv, strlen(bad_csv), "bad",
                                                  &host, &err),
                    MPP_ERROR_CODE_PHONE_LOAD_TABLE_INVALID, "MPP load name", 2, "phone_load");
    EXPECT_FAILS_AT(mpp_phone_load_table_from_csv((const uint8_t *)cross_csv, strlen(cross_csv),
                                                  "cross", &host, &err),
                    MPP_ERROR_CODE_PHONE_LOAD_TABLE_INVALID, "takes sip78xx loads", 2, "phone_load");
    EXPECT_OK(mpp_phone_load_table_from_csv((const uint8_t *)host_csv, strlen(host_csv), "host", &host,
                                            &err));

    /* Plans: the 7821 without VID is of unknown eligibility, so it is included (ELIG-2). */
    EXPECT_OK(mpp_board_set_include_unknown(b, "Man.1", true, &st, &err));
    prepare_all(b, "Man.1");
    EXPECT_OK(mpp_manual_plan_options_new(&opts, &err));
    poison(&out, sizeof out);
    EXPECT_OK(mpp_manual_plan_options_set_file_prefix(opts, "wave 1", &err));
    EXPECT_FAILS(mpp_plan_manual(mpp_board_task(b, "Man.1"), opts, &out, &err),
                 MPP_ERROR_CODE_FILE_NAME_INVALID, "wave_1_group1_mixed.txt", "wave 1");
    EXPECT_OK(mpp_manual_plan_options_set_file_prefix(opts, "a,b", &err));
    EXPECT_FAILS(mpp_plan_manual(mpp_board_task(b, "Man.1"), opts, &out, &err),
                 MPP_ERROR_CODE_FILE_NAME_COMMA, "a_b_group1_mixed.txt", "comma");
    EXPECT_UNTOUCHED(out, "mpp_plan_manual");
    EXPECT_OK(mpp_manual_plan_options_set_file_prefix(opts, NULL, &err));
    EXPECT_OK(mpp_manual_plan_options_set_phone_load_table(opts, host, &err));
    mpp_phone_load_table_free(host);
    EXPECT_OK(mpp_plan_manual(mpp_board_task(b, "Man.1"), opts, &plan, &err));
    CHECK(mpp_manual_plan_bat_file_count(plan) == 2, "the host's table: one Group 2 file");
    CHECK(mpp_manual_plan_finding_count(plan) == 4,
          "two models without a load, one Wi-Fi phone, one phone of unknown load (DEC-11)");
    EXPECT_STR(mpp_finding_code(mpp_manual_plan_finding_at(plan, 3)), "firmware_unknown", "DEC-11");
    EXPECT_STR(mpp_finding_code(mpp_manual_plan_finding_at(plan, 2)), "no_phone_load", "MAN-4");
    mpp_manual_plan_free(plan);
    plan = NULL;
    EXPECT_OK(mpp_manual_plan_options_set_phone_load_table(opts, NULL, &err));
    EXPECT_OK(mpp_manual_plan_options_set_file_prefix(opts, "wave1", &err));
    EXPECT_OK(mpp_board_complete_manual(b, "Man.1", opts, &plan, &err));
    mpp_manual_plan_options_free(opts);
    EXPECT_TASK_STATUS(b, "Man.1", MPP_TASK_STATUS_MANUAL_MIGRATION);
    EXPECT_STATUS(mpp_board_report_migrated(b, "Man.1", "001A2B3C4D91", &st, &err),
                  MPP_TASK_STATUS_MANUAL_MIGRATION);
    EXPECT_STR(mpp_manual_plan_task_name(plan), "Man.1", "mpp_manual_plan_task_name");
    CHECK(mpp_manual_plan_bat_file_count(plan) == 4, "Group 1 and three Group 2 files");
    {
        const mpp_bat_file *g1 = mpp_manual_plan_bat_file_at(plan, 0);
        const mpp_bat_file *g2 = mpp_manual_plan_bat_file_at(plan, 1);
        EXPECT_STR(mpp_bat_file_name(g1), "wave1_group1_mixed.txt", "the Group 1 file");
        CHECK(mpp_bat_file_group(g1) == MPP_BAT_GROUP_MIXED_MODELS, "Group 1");
        CHECK(mpp_bat_file_phone_load(g1) == NULL && mpp_bat_file_load_server(g1) == NULL,
              "Group 1: COP file, no load server");
        CHECK(mpp_bat_file_model_count(g1) == 3, "three models");
        EXPECT_STR(mpp_bat_file_model_at(g1, 0), "7821", "models in name order");
        CHECK(mpp_bat_file_device_count(g1) == 3, "every ready phone");
        EXPECT_STR(mpp_bat_file_device_at(g1, 2), "001A2B3C4D93", "in the task's order");
        EXPECT_STR(mpp_bat_file_content(g1),
                   "SEP001A2B3C4D91\r\nSEP001A2B3C4D92\r\nSEP001A2B3C4D93", "EXT-11 content");
        CHECK(mpp_bat_file_step_count(g1) == 5 && strstr(or_null(mpp_bat_file_step_at(g1, 2)),
                                                         "COP file") != NULL,
              "MAN-3 steps");
        CHECK(mpp_bat_file_step_at(g1, 5) == NULL, "five steps");
        CHECK(mpp_bat_file_group(g2) == MPP_BAT_GROUP_PER_LOAD, "Group 2");
        EXPECT_STR(mpp_bat_file_name(g2), "wave1_group2_7821.txt", "a Group 2 file, one model");
        CHECK(mpp_bat_file_model_count(g2) == 1, "MAN-4: one model per Group 2 file");
        EXPECT_STR(mpp_bat_file_phone_load(g2), "sip78xx.11-3-6MPP0001-272", "MAN-4 load");
        EXPECT_STR(mpp_bat_file_load_server(g2), "cloudupgrader.webex.com", "MAN-4 server");
        CHECK(mpp_manual_plan_bat_file_at(plan, 4) == NULL, "four files");
    }
    EXPECT_OK(mpp_manual_plan_file_of(plan, "00:1a:2b:3c:4d:92", &file, &err));
    EXPECT_STR(file, "wave1_group2_7821.txt", "mpp_manual_plan_file_of");
    EXPECT_OK(mpp_manual_plan_file_of(plan, "001A2B3C4D99", &file, &err));
    CHECK(file == NULL, "mpp_manual_plan_file_of a device in no file");
    CHECK(mpp_manual_plan_license_count(plan) == 3, "a license per phone (EXT-7)");
    EXPECT_STR(mpp_manual_plan_license_mac_at(plan, 1), "001A2B3C4D92", "license MAC");
    EXPECT_STR(mpp_manual_plan_license_file_name_at(plan, 1), "001A2B3C4D92.lic", "license file");
    EXPECT_STR(mpp_manual_plan_license_url_at(plan, 1),
               "https://cloudupgrader.webex.com/licenses/e2m/001A2B3C4D92.lic", "license URL");
    CHECK(mpp_manual_plan_license_url_at(plan, 3) == NULL, "three licenses");
    text = NULL;
    EXPECT_OK(mpp_manual_plan_licenses_csv(plan, &text, &err));
    CHECK(starts_with(text, "MAC Address,License File,URL\r\n001A2B3C4D91,"),
          "mpp_manual_plan_licenses_csv");
    mpp_string_free(text);
    text = NULL;
    EXPECT_OK(mpp_manual_plan_instructions_text(plan, &text, &err));
    CHECK(text != NULL && strstr(text, "Manual completion of task Man.1") != NULL,
          "mpp_manual_plan_instructions_text");
    mpp_string_free(text);
    text = NULL;
    EXPECT_OK(mpp_manual_plan_to_json(plan, &text, &err));
    CHECK(text != NULL && strstr(text, "\"group\": \"per_load\"") != NULL, "mpp_manual_plan_to_json");
    mpp_string_free(text);
    text = NULL;
    EXPECT_OK(mpp_task_status_report_csv(mpp_board_task(b, "Man.1"), NULL, plan, &text, &err));
    CHECK(text != NULL && strstr(text, ",completed,,wave1_group2_8845.txt,") != NULL,
          "the status report gives each device's BAT file");
    mpp_string_free(text);

    /* Files: the plan's, then a host's list with a name that leaves the directory. */
    EXPECT_OK(mpp_manual_plan_write(plan, temp_dir, false, &err));
    CHECK(files_in_temp_dir() == 7, "four BAT files, instructions, JSON, licenses");
    {
        mpp_output_files *files = NULL;
        EXPECT_OK(mpp_output_files_new(&files, &err));
        EXPECT_OK(mpp_output_files_add(files, "notes.txt", "hello\n", &err));
        EXPECT_OK(mpp_output_files_add_manual_plan(files, plan, &err));
        CHECK(mpp_output_files_count(files) == 8, "mpp_output_files_count");
        EXPECT_STR(mpp_output_files_name_at(files, 1), "wave1_group1_mixed.txt", "names in order");
        EXPECT_FAILS(mpp_output_files_write(files, temp_dir, false, &err), MPP_ERROR_CODE_OUTPUT_EXISTS,
                     NULL, "nothing was written");
        CHECK(files_in_temp_dir() == 7, "nothing is written when one file exists");
        EXPECT_OK(mpp_output_files_write(files, temp_dir, true, &err));
        CHECK(files_in_temp_dir() == 8, "overwritten, and notes.txt added");
        EXPECT_OK(mpp_output_files_add(files, "../escape.txt", "x", &err));
        EXPECT_FAILS(mpp_output_files_write(files, temp_dir, true, &err),
                     MPP_ERROR_CODE_OUTPUT_PATH_INVALID, NULL, "../escape.txt");
        mpp_output_files_free(files);
    }
    mpp_manual_plan_free(plan);
    mpp_phone_load_table_free(man4);
    mpp_phone_load_table_free(copy);
    mpp_board_free(b);
    remove_temp_dir();
    printf("MAN-2: \"HQ.1.txt\" and \"HQ,1.txt\" refused (suggest HQ_1.txt); MAN-4: 3 phones give "
           "wave1_group1_mixed.txt and 3 Group 2 files\n");
}

/* --- the transition table (TASK-4) ------------------------------------------------------------ */

static void check_transitions(void) {
    mpp_transition_outcome o;
    char *markdown = NULL;

    EXPECT_OK(mpp_transition(MPP_TASK_STATUS_DRAFT, MPP_EVENT_KIND_START_PREPARATION, &o, &err));
    CHECK(o.kind == MPP_TRANSITION_KIND_TO && o.target == MPP_TASK_STATUS_IN_PROGRESS &&
              o.refusal == 0,
          "Draft + start_preparation -> In progress");
    EXPECT_OK(mpp_transition(MPP_TASK_STATUS_READY_WITH_ERRORS, MPP_EVENT_KIND_COMPLETE, &o, &err));
    CHECK(o.kind == MPP_TRANSITION_KIND_REFUSED &&
              o.refusal == MPP_ERROR_CODE_COMPLETE_REQUIRES_READY,
          "TASK-7 in the table");
    EXPECT_OK(mpp_transition(MPP_TASK_STATUS_DRAFT, MPP_EVENT_KIND_PAUSE, &o, &err));
    CHECK(o.kind == MPP_TRANSITION_KIND_REFUSED && o.refusal == MPP_ERROR_CODE_TRANSITION_REFUSED,
          "a pair not in the table is refused");
    EXPECT_OK(mpp_transition(MPP_TASK_STATUS_READY_FOR_MIGRATION, MPP_EVENT_KIND_COMPLETE, &o, &err));
    CHECK(o.kind == MPP_TRANSITION_KIND_COMPLETION, "completion by mode");
    poison(&o, sizeof o);
    EXPECT_FAILS(mpp_transition(7, MPP_EVENT_KIND_PAUSE, &o, &err), MPP_ERROR_CODE_INVALID_ARGUMENT,
                 NULL, "mpp_task_status");
    EXPECT_FAILS(mpp_transition(0, 13, &o, &err), MPP_ERROR_CODE_INVALID_ARGUMENT, NULL,
                 "mpp_event_kind");
    EXPECT_FAILS(mpp_transition(0, 0, NULL, &err), MPP_ERROR_CODE_NULL_POINTER, NULL, "out");
    EXPECT_UNTOUCHED(o, "mpp_transition");
    EXPECT_OK(mpp_transition_table_markdown(&markdown, &err));
    CHECK(markdown != NULL &&
              strstr(markdown, "| Draft | `start_preparation` | → In progress |") != NULL,
          "mpp_transition_table_markdown");
    mpp_string_free(markdown);

    EXPECT_STR(mpp_task_status_name(MPP_TASK_STATUS_READY_WITH_ERRORS), "ready_with_errors", "names");
    EXPECT_STR(mpp_task_status_label(MPP_TASK_STATUS_AUTO_MIGRATION_COMPLETE),
               "Auto migration complete", "labels");
    EXPECT_STR(mpp_device_tab_name(MPP_DEVICE_TAB_IN_PROGRESS), "in_progress", "tab names");
    EXPECT_STR(mpp_device_tab_label(MPP_DEVICE_TAB_READY_FOR_MIGRATION), "Ready for migration",
               "tab labels");
    EXPECT_STR(mpp_event_kind_name(MPP_EVENT_KIND_MOVE_TO_READY), "move_to_ready", "event names");
    EXPECT_STR(mpp_completion_mode_name(MPP_COMPLETION_MODE_MANUAL), "manual", "mode names");
    EXPECT_STR(mpp_bat_group_name(MPP_BAT_GROUP_PER_LOAD), "per_load", "group names");
    EXPECT_STR(mpp_fleet_grouping_name(MPP_FLEET_GROUPING_LOCATION), "location", "grouping names");
    CHECK(mpp_task_status_name(7) == NULL && mpp_task_status_label(7) == NULL &&
              mpp_device_tab_name(5) == NULL && mpp_device_tab_label(5) == NULL &&
              mpp_event_kind_name(13) == NULL &&
              mpp_completion_mode_name(MPP_COMPLETION_MODE_NONE) == NULL &&
              mpp_bat_group_name(2) == NULL && mpp_fleet_grouping_name(3) == NULL,
          "no name for other numbers");

    /* What each status accepts, by the table. */
    printf("Transitions (accepted events by status):\n");
    for (uint32_t s = MPP_TASK_STATUS_DRAFT; s <= MPP_TASK_STATUS_MANUAL_MIGRATION; s++) {
        printf("  %-23s", mpp_task_status_name(s));
        for (uint32_t e = MPP_EVENT_KIND_ADD_DEVICES; e <= MPP_EVENT_KIND_STATUS_REPORT; e++) {
            if (mpp_transition(s, e, &o, NULL) == MPP_OK && o.kind != MPP_TRANSITION_KIND_REFUSED) {
                printf(" %s", mpp_event_kind_name(e));
            }
        }
        printf("\n");
    }
}

/* --- NULL arguments, bad UTF-8, accessors of NULL handles ------------------------------------- */

static void check_arguments(void) {
    mpp_board *b = board_with("N", "8845,001A2B3C4D01\n");
    const char *const bad_macs[] = {"001A2B3C4D01", NULL};
    const char *const unreadable[] = {"001A2B3C4D01", "00-1A"};
    mpp_board *nb;
    mpp_task_status st;
    mpp_add_outcome *o;
    const mpp_task *t;
    char *text;

    poison(&nb, sizeof nb);
    poison(&st, sizeof st);
    poison(&o, sizeof o);
    poison(&t, sizeof t);
    poison(&text, sizeof text);
    EXPECT_FAILS(mpp_board_new(NULL, &err), MPP_ERROR_CODE_NULL_POINTER, NULL, "out");
    EXPECT_FAILS(mpp_board_new_with_table(NULL, &nb, &err), MPP_ERROR_CODE_NULL_POINTER, NULL, "table");
    EXPECT_FAILS(mpp_board_to_json(NULL, &text, &err), MPP_ERROR_CODE_NULL_POINTER, NULL, "board");
    EXPECT_FAILS(mpp_board_set_directory(b, NULL, &err), MPP_ERROR_CODE_NULL_POINTER, NULL,
                 "directory");
    EXPECT_FAILS(mpp_board_create_task(NULL, "X", 0, &err), MPP_ERROR_CODE_NULL_POINTER, NULL, "board");
    EXPECT_FAILS(mpp_board_create_task(b, NULL, 0, &err), MPP_ERROR_CODE_NULL_POINTER, NULL, "name");
    EXPECT_FAILS(mpp_board_create_task(b, "\xc3", 0, &err), MPP_ERROR_CODE_ARGUMENT_NOT_UTF8, NULL,
                 "name");
    EXPECT_FAILS(mpp_board_suggest_task_name(b, "\xff", &text, &err),
                 MPP_ERROR_CODE_ARGUMENT_NOT_UTF8, NULL, "text");
    EXPECT_FAILS(mpp_board_add_upload(b, "N", NULL, &o, &err), MPP_ERROR_CODE_NULL_POINTER, NULL,
                 "report");
    EXPECT_FAILS(mpp_board_add_devices(b, "N", NULL, 1, &o, &err), MPP_ERROR_CODE_NULL_POINTER, NULL,
                 "devices");
    EXPECT_FAILS(mpp_board_add_devices(b, "N", NULL, 0, NULL, &err), MPP_ERROR_CODE_NULL_POINTER, NULL,
                 "out");
    EXPECT_FAILS(mpp_board_task_of(b, "xyz", &t, &err), MPP_ERROR_CODE_MAC_INVALID_CHARACTER, NULL,
                 NULL);
    EXPECT_FAILS(mpp_board_start_preparation(b, "Nope", &st, &err), MPP_ERROR_CODE_TASK_NOT_FOUND,
                 NULL, "Nope");
    EXPECT_FAILS(mpp_board_start_preparation(b, "N", NULL, &err), MPP_ERROR_CODE_NULL_POINTER, NULL,
                 "out_status");
    EXPECT_FAILS(mpp_board_report_prepared(b, "N", NULL, &st, &err), MPP_ERROR_CODE_NULL_POINTER,
                 NULL, "mac");
    EXPECT_FAILS(mpp_board_report_preparation_failed(b, "N", "001A2B3C4D01", "\xff", &st, &err),
                 MPP_ERROR_CODE_ARGUMENT_NOT_UTF8, NULL, "reason");
    EXPECT_FAILS(mpp_board_move_to_ready(b, "N", bad_macs, 2, &st, &err), MPP_ERROR_CODE_NULL_POINTER,
                 NULL, "macs[1]");
    EXPECT_FAILS(mpp_board_remove_devices(b, "N", unreadable, 2, &st, &err),
                 MPP_ERROR_CODE_MAC_INVALID_LENGTH, NULL, "macs[1]");
    EXPECT_FAILS(mpp_board_remove_devices(b, "N", NULL, 3, &st, &err), MPP_ERROR_CODE_NULL_POINTER,
                 NULL, "macs");
    EXPECT_FAILS(mpp_board_complete_subset(b, "N", bad_macs, 1, NULL, 0, &st, &err),
                 MPP_ERROR_CODE_NULL_POINTER, NULL, "new_name");
    EXPECT_FAILS(mpp_task_tab_counts(NULL, NULL, &err), MPP_ERROR_CODE_NULL_POINTER, NULL, "task");
    EXPECT_FAILS(mpp_task_device_list_csv(mpp_board_task(b, "N"), NULL, &err),
                 MPP_ERROR_CODE_NULL_POINTER, NULL, "out");
    EXPECT_FAILS(mpp_task_status_report_csv(NULL, NULL, NULL, &text, &err),
                 MPP_ERROR_CODE_NULL_POINTER, NULL, "task");
    EXPECT_UNTOUCHED(nb, "mpp_board_*");
    EXPECT_UNTOUCHED(st, "mpp_board_* events");
    EXPECT_UNTOUCHED(o, "mpp_board_add_*");
    EXPECT_UNTOUCHED(t, "mpp_board_task_of");
    EXPECT_UNTOUCHED(text, "mpp_board_* strings");
    CHECK(tab_of(b, "N", "001A2B3C4D01") == MPP_DEVICE_TAB_PENDING &&
              status_of(b, "N") == MPP_TASK_STATUS_DRAFT,
          "refused calls changed nothing");

    /* Device lists (ELIG-5). */
    text = NULL;
    EXPECT_OK(mpp_task_device_list_csv(mpp_board_task(b, "N"), &text, &err));
    CHECK(starts_with(text, "Device Name,MAC Address,Model,") &&
              strstr(text, "SEP001A2B3C4D01,001A2B3C4D01,Cisco 8845,") != NULL,
          "mpp_task_device_list_csv");
    mpp_string_free(text);
    text = NULL;
    EXPECT_OK(mpp_task_device_list_json(mpp_board_task(b, "N"), &text, &err));
    CHECK(text != NULL && strstr(text, "\"tab\": \"pending\"") != NULL, "mpp_task_device_list_json");
    mpp_string_free(text);

    /* Accessors of NULL handles. */
    CHECK(mpp_board_task_count(NULL) == 0 && mpp_board_task_at(NULL, 0) == NULL &&
              mpp_board_task(NULL, "N") == NULL && mpp_board_task(b, NULL) == NULL &&
              mpp_board_in_progress(NULL) == NULL,
          "mpp_board accessors of NULL");
    CHECK(mpp_task_name(NULL) == NULL && mpp_task_option(NULL) == MPP_UPLOAD_OPTION_LICENSE_AND_DEVICE &&
              mpp_task_status_of(NULL) == MPP_TASK_STATUS_DRAFT && !mpp_task_paused(NULL) &&
              !mpp_task_include_unknown(NULL) &&
              mpp_task_completion_mode_of(NULL) == MPP_COMPLETION_MODE_NONE &&
              mpp_task_device_count(NULL) == 0 && mpp_task_device_at(NULL, 0) == NULL,
          "mpp_task accessors of NULL");
    CHECK(mpp_task_device_device(NULL) == NULL &&
              mpp_task_device_eligibility(NULL) == MPP_ELIGIBILITY_STATUS_UNKNOWN &&
              mpp_task_device_reason_count(NULL) == 0 && mpp_task_device_reason_at(NULL, 0) == NULL &&
              mpp_task_device_tab(NULL) == MPP_DEVICE_TAB_PENDING &&
              mpp_task_device_last_error(NULL) == NULL,
          "mpp_task_device accessors of NULL");
    CHECK(mpp_add_outcome_added(NULL) == 0 && mpp_add_outcome_finding_count(NULL) == 0 &&
              mpp_add_outcome_finding_at(NULL, 0) == NULL && mpp_search_result_count(NULL) == 0 &&
              mpp_search_result_at(NULL, 0) == SIZE_MAX,
          "outcome and search accessors of NULL");
    CHECK(mpp_fleet_plan_task_count(NULL) == 0 && mpp_fleet_plan_task_at(NULL, 0) == NULL &&
              mpp_fleet_plan_finding_count(NULL) == 0 && mpp_fleet_plan_finding_at(NULL, 0) == NULL,
          "mpp_fleet_plan accessors of NULL");
    CHECK(mpp_auto_plan_task_name(NULL) == NULL && mpp_auto_plan_batch_count(NULL) == 0 &&
              mpp_auto_plan_batch_size_at(NULL, 0) == 0 &&
              mpp_auto_plan_batch_device_at(NULL, 0, 0) == NULL &&
              mpp_auto_plan_finding_count(NULL) == 0 && mpp_auto_plan_finding_at(NULL, 0) == NULL &&
              mpp_auto_plan_tftp_server_type(NULL) == NULL && mpp_auto_plan_load_server(NULL) == NULL,
          "mpp_auto_plan accessors of NULL");
    CHECK(mpp_manual_plan_task_name(NULL) == NULL && mpp_manual_plan_bat_file_count(NULL) == 0 &&
              mpp_manual_plan_bat_file_at(NULL, 0) == NULL &&
              mpp_manual_plan_license_count(NULL) == 0 &&
              mpp_manual_plan_license_mac_at(NULL, 0) == NULL &&
              mpp_manual_plan_finding_count(NULL) == 0 && mpp_bat_file_name(NULL) == NULL &&
              mpp_bat_file_group(NULL) == MPP_BAT_GROUP_MIXED_MODELS &&
              mpp_bat_file_model_count(NULL) == 0 && mpp_bat_file_device_count(NULL) == 0 &&
              mpp_bat_file_step_count(NULL) == 0 && mpp_bat_file_content(NULL) == NULL &&
              mpp_phone_load_table_name(NULL) == NULL && mpp_phone_load_table_row_count(NULL) == 0 &&
              mpp_output_files_count(NULL) == 0 && mpp_output_files_name_at(NULL, 0) == NULL,
          "plan accessors of NULL");
    mpp_board_free(NULL);
    mpp_add_outcome_free(NULL);
    mpp_search_result_free(NULL);
    mpp_fleet_options_free(NULL);
    mpp_fleet_plan_free(NULL);
    mpp_auto_plan_options_free(NULL);
    mpp_auto_plan_free(NULL);
    mpp_manual_plan_options_free(NULL);
    mpp_manual_plan_free(NULL);
    mpp_phone_load_table_free(NULL);
    mpp_output_files_free(NULL);
    mpp_board_free(b);
}

/* The lifetime rules of the header (issue 14): a task view lent by a board goes stale when the
 * board changes, even by a failing call, and then gives NULL or MPP_ERROR_CODE_VIEW_STALE while
 * what was borrowed from it stays readable memory until the board is freed; an error slot that
 * still holds an error is refused; code names are static; a NULL document is a NULL pointer. */
static void check_lifetimes(void) {
    mpp_board *b = board_with("Lobby", "8845,001A2B3C4D71\n8845,001A2B3C4D72\n");
    mpp_board *none = NULL;
    mpp_error *slot = NULL;
    mpp_tab_counts tabs = {0, 0, 0, 0, 0};
    const mpp_task *t = mpp_board_task(b, "Lobby");
    const char *name = mpp_task_name(t);
    const mpp_task_device *d = mpp_task_device_at(t, 1);
    const char *code = mpp_error_code_name(MPP_ERROR_CODE_TASK_NAME_TAKEN);
    CHECK(mpp_task_is_current(t) && d != NULL, "a fresh view is current");
    EXPECT_FAILS(mpp_board_create_task(b, "LOBBY", MPP_UPLOAD_OPTION_LICENSE_ONLY, &err),
                 MPP_ERROR_CODE_TASK_NAME_TAKEN, "LOBBY-2", "");
    CHECK(!mpp_task_is_current(t), "a failing change makes the view stale");
    CHECK(mpp_task_name(t) == NULL && mpp_task_device_count(t) == 0 &&
              mpp_task_device_at(t, 0) == NULL,
          "a stale view gives NULL and 0");
    EXPECT_FAILS(mpp_task_tab_counts(t, &tabs, &err), MPP_ERROR_CODE_VIEW_STALE, NULL,
                 "look the task up again");
    CHECK(strcmp(name, "Lobby") == 0, "a name borrowed before the change is still memory");
    CHECK(mpp_task_device_tab(d) == MPP_DEVICE_TAB_PENDING, "so is a device view");
    CHECK(mpp_task_is_current(mpp_board_task(b, "Lobby")) &&
              mpp_task_device_count(mpp_board_task(b, "Lobby")) == 2,
          "a new lookup is current");
    CHECK(code == mpp_error_code_name(MPP_ERROR_CODE_TASK_NAME_TAKEN) &&
              strcmp(code, "task_name_taken") == 0,
          "code names are one static string");

    CHECK(mpp_error_code_severity(7, &(mpp_severity){0}, &slot) ==
              MPP_ERROR_CODE_INVALID_ARGUMENT,
          "an error fills the slot");
    {
        mpp_error *first = slot;
        CHECK(mpp_board_new(&none, &slot) == MPP_ERROR_CODE_ERROR_SLOT_IN_USE && none == NULL &&
                  slot == first,
              "a slot that holds an error is refused and left alone");
        mpp_error_free(slot);
        slot = NULL;
    }
    CHECK(mpp_board_from_json(NULL, 0, &none, &slot) == MPP_ERROR_CODE_NULL_POINTER &&
              none == NULL,
          "a NULL document is a NULL pointer");
    mpp_error_free(slot);
    mpp_board_free(b);

    /* Plan files: two names that differ only in case are refused before anything is written,
     * and a directory is cleaned of what a killed writer left. */
    {
        mpp_output_files *files = NULL;
        EXPECT_OK(mpp_output_files_new(&files, &err));
        EXPECT_OK(mpp_output_files_add(files, "same.txt", "1", &err));
        EXPECT_OK(mpp_output_files_add(files, "SAME.txt", "2", &err));
        EXPECT_FAILS(mpp_output_files_write(files, temp_dir, false, &err),
                     MPP_ERROR_CODE_OUTPUT_NAME_DUPLICATE, NULL, "SAME.txt");
        CHECK(files_in_temp_dir() == 0, "nothing is written");
        EXPECT_OK(mpp_recover_output_dir(temp_dir, &err));
        EXPECT_FAILS(mpp_recover_output_dir("", &err), MPP_ERROR_CODE_OUTPUT_PATH_INVALID, NULL,
                     "empty");
        mpp_output_files_free(files);
    }
}

int main(int argc, char **argv) {
    mpp_board *kept = NULL;
    if (argc != 2) {
        fprintf(stderr, "usage: %s <examples/data directory>\n", argv[0]);
        return 2;
    }
    snprintf(temp_dir, sizeof temp_dir, "/tmp/mpp-tasks-XXXXXX");
    if (mkdtemp(temp_dir) == NULL) {
        perror("tasks: mkdtemp");
        return 1;
    }
    check_names();
    check_one_in_progress();
    check_complete(&kept);
    check_save_and_load(kept);
    mpp_board_free(kept);
    check_not_eligible();
    check_cap();
    check_inventory();
    check_pause();
    check_in_webex_calling();
    check_automatic();
    check_manual();
    check_transitions();
    check_arguments();
    check_lifetimes();
    remove_temp_dir();
    return checks_summary("tasks.c");
}
