/*
 * inventory.c: from a Unified CM cluster to the files an administrator uploads, in C (issue 11).
 *
 * Reads the bundled BAT export (ucm/phones-all-details.csv) with the host's VID and RIS load
 * lists, prints the eligibility by status, generates the Control Hub uploads from the host's
 * mapping (one task per Webex location, validated against directory.json), puts each on a board
 * as a task, prepares it as Control Hub would report, and plans its manual completion. It also
 * checks what it prints against what the library says (this file is part of the C test suite).
 * The Rust and Python twins: examples/rust/inventory.rs, examples/python/inventory.py.
 *
 * Run: ./inventory [examples/data]
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mpp_migration.h"

static void path_of(char *out, size_t size, const char *dir, const char *name) {
    snprintf(out, size, "%s/%s", dir, name);
}

/* Device names back to MACs (DEV-7 reversed), and what a Jabber client's name is. */
static void device_names(void) {
    char *mac = NULL;
    mpp_error *err = NULL;
    CHECK(mpp_mac_from_device_name("SEP001A2B3C4D5E", &mac, NULL) == MPP_OK, "device name");
    EXPECT_OWNED(mac, "001A2B3C4D5E", "the MAC of SEP001A2B3C4D5E");
    CHECK(mpp_mac_from_device_name("CSFJSMITH", &mac, &err) == MPP_ERROR_CODE_DEVICE_NAME_INVALID,
          "a Jabber client is no phone");
    if (err != NULL) {
        const mpp_finding *f = mpp_error_finding(err);
        EXPECT_STR(mpp_finding_code(f), "device_name_invalid", "its code");
        CHECK(strstr(mpp_finding_message(f), "Jabber") != NULL, "its message names it");
        mpp_error_free(err);
    }
    /* The hardware version from a phone's UDI (EXT-16). */
    const mpp_model *model = NULL;
    uint8_t vid = 0;
    char *serial = NULL;
    CHECK(mpp_parse_udi("PID: CP-8845-K9= , VID: V02, SN: FCH2117ABCD", &model, &vid, &serial, NULL) == MPP_OK,
          "a UDI");
    EXPECT_STR(mpp_model_name(model), "8845", "its model");
    CHECK(vid == 2, "its VID");
    EXPECT_OWNED(serial, "FCH2117ABCD", "its serial number");
}

int main(int argc, char **argv) {
    const char *data = argc > 1 ? argv[1] : "examples/data";
    char export_path[4096], vids_path[4096], loads_path[4096], mapping_path[4096], dir_path[4096];
    path_of(export_path, sizeof export_path, data, "ucm/phones-all-details.csv");
    path_of(vids_path, sizeof vids_path, data, "ucm/vids.csv");
    path_of(loads_path, sizeof loads_path, data, "ucm/ris-loads.csv");
    path_of(mapping_path, sizeof mapping_path, data, "ucm/mapping.json");
    path_of(dir_path, sizeof dir_path, data, "directory.json");

    device_names();

    /* 1. The export, with what it lacks merged by MAC (EXT-1, EXT-6, EXT-14 to EXT-17). */
    mpp_inventory *inv = NULL;
    if (!CHECK(mpp_inventory_read_path(export_path, vids_path, loads_path, &inv, NULL) == MPP_OK,
               "read the export")) {
        return checks_summary("inventory");
    }
    size_t rows = mpp_inventory_entry_count(inv);
    printf("Unified CM export: %zu rows\n", rows);
    uint64_t sum = 0;
    for (uint32_t s = MPP_ENTRY_STATUS_ELIGIBLE; s <= MPP_ENTRY_STATUS_REFUSED; s++) {
        uint64_t n = mpp_inventory_status_count(inv, s);
        sum += n;
        printf("  %-15s %llu\n", mpp_entry_status_name(s), (unsigned long long)n);
    }
    CHECK(sum == rows, "every row has one status");
    /* Every row is a device or a finding with its row and column. */
    for (size_t i = 0; i < rows; i++) {
        if (mpp_inventory_entry_device(inv, i) == NULL) {
            const mpp_finding *f = mpp_inventory_entry_finding_at(inv, i, 0);
            EXPECT(f != NULL && mpp_finding_row(f) == mpp_inventory_entry_row(inv, i) &&
                       mpp_finding_column(f) != NULL,
                   "a row without a device has a finding", "row %zu", i);
        }
        if (strcmp(mpp_inventory_entry_device_name(inv, i), "CSFALICE") == 0) {
            EXPECT_STR(mpp_finding_code(mpp_inventory_entry_finding_at(inv, i, 0)),
                       "model_cannot_migrate", "a Jabber client is listed with its reason");
        }
    }

    /* 2. The uploads (CSV-1), validated against the organisation. */
    uint8_t *json = NULL;
    size_t json_len = 0;
    mpp_mapping *mapping = NULL;
    mpp_directory *directory = NULL;
    mpp_prepared *prepared = NULL;
    CHECK(read_file(mapping_path, &json, &json_len), "read the mapping");
    CHECK(mpp_mapping_from_json(json, json_len, &mapping, NULL) == MPP_OK, "the mapping");
    free(json);
    CHECK(mpp_directory_from_json_path(dir_path, &directory, NULL) == MPP_OK, "the directory");
    CHECK(mpp_prepare_uploads(inv, mapping, MPP_UPLOAD_OPTION_LICENSE_AND_DEVICE, "ucm", 1000,
                              MPP_FLEET_GROUPING_LOCATION, directory, &prepared, NULL) == MPP_OK,
          "prepare the uploads");
    size_t uploads = mpp_prepared_upload_count(prepared);
    uint64_t placed = 0;
    for (size_t i = 0; i < uploads; i++) placed += mpp_report_added(mpp_prepared_report(prepared, i));
    printf("Uploads: %llu phones in %zu file(s); %zu finding(s) on the export's rows\n",
           (unsigned long long)placed, uploads, mpp_prepared_finding_count(prepared));
    CHECK(uploads == 3, "one upload per Webex location");

    /* 3. A task per upload, prepared as Control Hub reports it, then the manual plan. */
    mpp_board *board = NULL;
    mpp_manual_plan_options *opts = NULL;
    CHECK(mpp_board_new(&board, NULL) == MPP_OK, "a board");
    CHECK(mpp_manual_plan_options_new(&opts, NULL) == MPP_OK, "plan options");
    for (size_t i = 0; i < uploads && board != NULL; i++) {
        const char *name = mpp_prepared_task_name(prepared, i);
        const mpp_report *report = mpp_prepared_report(prepared, i);
        mpp_add_outcome *outcome = NULL;
        mpp_task_status status = MPP_TASK_STATUS_DRAFT;
        CHECK(mpp_report_errors(report) == 0, "every generated row is added");
        CHECK(mpp_board_create_task(board, name, MPP_UPLOAD_OPTION_LICENSE_AND_DEVICE, NULL) == MPP_OK,
              "create the task");
        CHECK(mpp_board_add_upload(board, name, report, &outcome, NULL) == MPP_OK, "add the upload");
        mpp_add_outcome_free(outcome);
        CHECK(mpp_board_set_include_unknown(board, name, true, &status, NULL) == MPP_OK, "unknown in");
        CHECK(mpp_board_start_preparation(board, name, &status, NULL) == MPP_OK, "prepare");
        /* Collect the pending MACs first: reporting changes the board and its borrowed views. */
        const mpp_task *task = mpp_board_task(board, name);
        size_t count = mpp_task_device_count(task);
        char (*macs)[13] = calloc(count ? count : 1, sizeof *macs);
        size_t pending = 0;
        for (size_t k = 0; k < count; k++) {
            const mpp_task_device *d = mpp_task_device_at(task, k);
            if (mpp_task_device_tab(d) == MPP_DEVICE_TAB_PENDING) {
                snprintf(macs[pending++], sizeof macs[0], "%s", mpp_device_mac(mpp_task_device_device(d)));
            }
        }
        for (size_t k = 0; k < pending; k++) {
            CHECK(mpp_board_report_prepared(board, name, macs[k], &status, NULL) == MPP_OK, "prepared");
        }
        free(macs);
        task = mpp_board_task(board, name);
        mpp_tab_counts tabs;
        CHECK(mpp_task_tab_counts(task, &tabs, NULL) == MPP_OK, "tab counts");
        mpp_manual_plan *plan = NULL;
        CHECK(mpp_plan_manual(task, opts, &plan, NULL) == MPP_OK, "plan the manual completion");
        printf("  %s.csv: %llu devices, %s (%zu ready, %zu in error), %zu BAT file(s)\n", name,
               (unsigned long long)mpp_report_added(report), mpp_task_status_label(status), tabs.ready,
               tabs.error, mpp_manual_plan_bat_file_count(plan));
        mpp_manual_plan_free(plan);
    }

    mpp_manual_plan_options_free(opts);
    mpp_board_free(board);
    mpp_prepared_free(prepared);
    mpp_directory_free(directory);
    mpp_mapping_free(mapping);
    mpp_inventory_free(inv);
    return checks_summary("inventory");
}
