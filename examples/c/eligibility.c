/*
 * eligibility.c: the C test of the eligibility exports of include/mpp_migration.h, and an
 * example.
 *
 * It checks mpp_check_eligibility at the boundaries of DEV-1, DEV-2, DEV-4, EXT-2, EXT-3 and
 * EXT-6 (status and finding codes), the two embedded tables and a host's own (read, written,
 * refused at the row of an inverted range), NULL for each pointer argument, invalid UTF-8, and
 * the accessors of NULL handles. Then it reads <data>/phones.csv and prints, for each phone,
 * its model, VID and firmware, the eligibility status and the codes of the findings.
 *
 * Run: eligibility <examples/data>. Exits non-zero, naming each failed check on stderr, when
 * any check fails. stdout is deterministic (the test script compares two builds' output).
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "mpp_migration.h"

/* Up to this many finding codes, space-separated, of an outcome. */
#define CODES_LEN 256

/* The finding codes of an outcome, space-separated, into `buf`. */
static const char *finding_codes(const mpp_eligibility *e, char *buf, size_t n) {
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < mpp_eligibility_finding_count(e); i++) {
        const char *code = or_null(mpp_finding_code(mpp_eligibility_finding_at(e, i)));
        int w = snprintf(buf + used, n - used, "%s%s", i ? " " : "", code);
        if (w < 0 || (size_t)w >= n - used) break;
        used += (size_t)w;
    }
    return buf;
}

/*
 * Checks a phone against `table` (NULL: Control Hub) and expects `status` and exactly the
 * finding codes `codes` (space-separated, in order), the first of which has `first_severity`.
 */
static void expect_eligibility(const char *model, const char *vid, const char *firmware,
                               const mpp_eligibility_table *table, mpp_eligibility_status status,
                               const char *codes, mpp_severity first_severity) {
    char what[160], got[CODES_LEN];
    mpp_eligibility *e = NULL;
    snprintf(what, sizeof what, "mpp_check_eligibility(%s, %s, %s, %s)", model, or_null(vid),
             or_null(firmware), table ? or_null(mpp_eligibility_table_name(table)) : "NULL");
    EXPECT_OK(mpp_check_eligibility(model, vid, firmware, table, &e, &err));
    if (e == NULL) return;
    EXPECT(mpp_eligibility_status_of(e) == status, what, "status %s, expected %s",
           or_null(mpp_eligibility_status_name(mpp_eligibility_status_of(e))),
           or_null(mpp_eligibility_status_name(status)));
    EXPECT_STR(finding_codes(e, got, sizeof got), codes, what);
    if (mpp_eligibility_finding_count(e) > 0) {
        const mpp_finding *f = mpp_eligibility_finding_at(e, 0);
        CHECK(mpp_finding_severity(f) == first_severity, what);
        EXPECT_NONEMPTY(mpp_finding_message(f), what);
        CHECK(mpp_finding_row(f) == 0, what);
    }
    CHECK(mpp_eligibility_finding_at(e, mpp_eligibility_finding_count(e)) == NULL, what);
    mpp_eligibility_free(e);
}

static void check_boundaries(void) {
    /* EXT-2: 7821 is eligible from V03 to V24 exactly (DEV-5). */
    expect_eligibility("CP-7821-K9=", "V02", NULL, NULL, MPP_ELIGIBILITY_STATUS_NOT_ELIGIBLE,
                       "hardware_version_not_eligible", MPP_SEVERITY_ERROR);
    expect_eligibility("7821", "V03", NULL, NULL, MPP_ELIGIBILITY_STATUS_ELIGIBLE, "factory_reset",
                       MPP_SEVERITY_WARNING);
    expect_eligibility("Cisco 7821", "v24", NULL, NULL, MPP_ELIGIBILITY_STATUS_ELIGIBLE,
                       "factory_reset", MPP_SEVERITY_WARNING);
    expect_eligibility("7821", "V25", NULL, NULL, MPP_ELIGIBILITY_STATUS_NOT_ELIGIBLE,
                       "hardware_version_not_eligible", MPP_SEVERITY_ERROR);
    /* The VID may come with the label (EXT-1). */
    expect_eligibility("CP-7821-K9=V03", NULL, NULL, NULL, MPP_ELIGIBILITY_STATUS_ELIGIBLE,
                       "factory_reset", MPP_SEVERITY_WARNING);
    /* EXT-3: without a VID, a model whose rule depends on it is unknown. */
    expect_eligibility("7841", NULL, NULL, NULL, MPP_ELIGIBILITY_STATUS_UNKNOWN,
                       "hardware_version_unknown factory_reset", MPP_SEVERITY_WARNING);
    expect_eligibility("7841", "V04", NULL, NULL, MPP_ELIGIBILITY_STATUS_ELIGIBLE, "factory_reset",
                       MPP_SEVERITY_WARNING);
    /* DEV-2, DEV-4: models that never migrate. */
    expect_eligibility("8821", NULL, NULL, NULL, MPP_ELIGIBILITY_STATUS_NOT_ELIGIBLE,
                       "model_not_eligible", MPP_SEVERITY_ERROR);
    expect_eligibility("6851", NULL, NULL, NULL, MPP_ELIGIBILITY_STATUS_NOT_ELIGIBLE,
                       "model_mpp_only", MPP_SEVERITY_ERROR);
    expect_eligibility("8865NR", NULL, NULL, NULL, MPP_ELIGIBILITY_STATUS_NOT_ELIGIBLE,
                       "model_not_eligible", MPP_SEVERITY_ERROR);
    /* EXT-17, DEC-9: what else a Unified CM cluster holds is known and not eligible, with why. */
    expect_eligibility("Cisco 7960", NULL, NULL, NULL, MPP_ELIGIBILITY_STATUS_NOT_ELIGIBLE,
                       "model_cannot_migrate", MPP_SEVERITY_ERROR);
    expect_eligibility("Cisco 9841", NULL, NULL, NULL, MPP_ELIGIBILITY_STATUS_NOT_ELIGIBLE,
                       "model_cannot_migrate", MPP_SEVERITY_ERROR);
    expect_eligibility("CTI Port", NULL, NULL, NULL, MPP_ELIGIBILITY_STATUS_NOT_ELIGIBLE,
                       "model_cannot_migrate", MPP_SEVERITY_ERROR);
    expect_eligibility("Cisco 6825", NULL, NULL, NULL, MPP_ELIGIBILITY_STATUS_NOT_ELIGIBLE,
                       "model_mpp_only", MPP_SEVERITY_ERROR);
    /* DEC-11: below 12.5(1) the phone cannot migrate until upgraded (an error). */
    expect_eligibility("8845", NULL, "sip8845_65.11-0-1-0001-1.loads", NULL,
                       MPP_ELIGIBILITY_STATUS_NOT_ELIGIBLE, "firmware_below_minimum",
                       MPP_SEVERITY_ERROR);
    expect_eligibility("8845", NULL, "sip8845_65.14-1-1-0001-125.loads", NULL,
                       MPP_ELIGIBILITY_STATUS_ELIGIBLE, "factory_reset", MPP_SEVERITY_WARNING);
    /* EXT-6: below 14.1 needs a COP file first (a warning); an MPP load is nothing to migrate. */
    expect_eligibility("8845", NULL, "12.8(1)", NULL, MPP_ELIGIBILITY_STATUS_ELIGIBLE,
                       "firmware_needs_cop factory_reset", MPP_SEVERITY_WARNING);
    expect_eligibility("8845", NULL, "sip8845_65.11-3-6MPP0001-272", NULL,
                       MPP_ELIGIBILITY_STATUS_NOT_ELIGIBLE, "firmware_already_mpp",
                       MPP_SEVERITY_ERROR);
    /* DEV-3: 8800 audio V15 or later needs MPP 11.3.3 (a warning). */
    expect_eligibility("8861", "V15", "14.1(1)", NULL, MPP_ELIGIBILITY_STATUS_ELIGIBLE,
                       "minimum_mpp_firmware factory_reset wifi_settings_lost", MPP_SEVERITY_WARNING);

    /* Text that cannot be read is an error, by code; no outcome is written. */
    {
        mpp_eligibility *e;
        poison(&e, sizeof e);
        EXPECT_FAILS(mpp_check_eligibility("8854", NULL, NULL, NULL, &e, &err),
                     MPP_ERROR_CODE_MODEL_UNKNOWN, "8851", "8854");
        EXPECT_FAILS(mpp_check_eligibility("7821", "Vx", NULL, NULL, &e, &err),
                     MPP_ERROR_CODE_HARDWARE_VERSION_INVALID, NULL, NULL);
        EXPECT_FAILS(mpp_check_eligibility("7821", NULL, "fourteen", NULL, &e, &err),
                     MPP_ERROR_CODE_FIRMWARE_VERSION_INVALID, NULL, NULL);
        /* A load family Cisco does not ship (EXT-10). */
        EXPECT_FAILS(mpp_check_eligibility("8845", NULL, "sip8845_8865.14-1-1-0001-125", NULL, &e, &err),
                     MPP_ERROR_CODE_FIRMWARE_VERSION_INVALID, "sip8845_65.14-1-1-0001-125", "no load family");
        EXPECT_FAILS(mpp_check_eligibility("CP-7821-K9=V03", "V04", NULL, NULL, &e, &err),
                     MPP_ERROR_CODE_INVALID_ARGUMENT, NULL, "V03");
        EXPECT_UNTOUCHED(e, "mpp_check_eligibility");
    }
}

/* A host's table: 7821 eligible up to V10, 8845 as ever. */
static const char HOST_TABLE[] =
    "model,vid_from,vid_to,status,warnings,source\n"
    "7821,,V10,eligible,,site survey\n"
    "7821,V11,,not_eligible,,site survey\n"
    "8845,,,eligible,,DEV-1\n";

/* The same, with the second 7821 row's range inverted (row 3 of the file). */
static const char INVERTED_TABLE[] =
    "model,vid_from,vid_to,status,warnings,source\n"
    "7821,,V10,eligible,,site survey\n"
    "7821,V20,V11,not_eligible,,site survey\n";

static void check_tables(void) {
    mpp_eligibility_table *hub = NULL, *guide = NULL, *host = NULL, *again = NULL, *named = NULL;
    char *csv = NULL;

    EXPECT_OK(mpp_eligibility_table_control_hub(&hub, &err));
    EXPECT_OK(mpp_eligibility_table_cisco_ordering_guide(&guide, &err));
    EXPECT_OK(mpp_eligibility_table_by_name("cisco_ordering_guide", &named, &err));
    EXPECT_STR(mpp_eligibility_table_name(hub), "control_hub", "mpp_eligibility_table_name");
    EXPECT_STR(mpp_eligibility_table_name(guide), "cisco_ordering_guide",
               "mpp_eligibility_table_name");
    EXPECT_STR(mpp_eligibility_table_name(named), "cisco_ordering_guide",
               "mpp_eligibility_table_by_name");
    CHECK(mpp_eligibility_table_rule_count(hub) > 20, "mpp_eligibility_table_rule_count");

    /* EXT-4: the ordering guide's reading makes the 8865NR eligible; Control Hub's does not. */
    expect_eligibility("8865NR", NULL, NULL, guide, MPP_ELIGIBILITY_STATUS_ELIGIBLE,
                       "factory_reset", MPP_SEVERITY_WARNING);
    expect_eligibility("8865NR", NULL, NULL, hub, MPP_ELIGIBILITY_STATUS_NOT_ELIGIBLE,
                       "model_not_eligible", MPP_SEVERITY_ERROR);

    /* A table written as CSV reads back as the same table. */
    EXPECT_OK(mpp_eligibility_table_to_csv(guide, &csv, &err));
    if (csv != NULL) {
        CHECK(strncmp(csv, "model,vid_from,vid_to,status,warnings,source\n", 45) == 0,
              "mpp_eligibility_table_to_csv header");
        EXPECT_OK(mpp_eligibility_table_from_csv((const uint8_t *)csv, strlen(csv), "copy",
                                                 &again, &err));
        EXPECT_STR(mpp_eligibility_table_name(again), "copy", "mpp_eligibility_table_from_csv");
        CHECK(mpp_eligibility_table_rule_count(again) == mpp_eligibility_table_rule_count(guide),
              "the CSV round trip keeps every row");
        expect_eligibility("8865NR", NULL, NULL, again, MPP_ELIGIBILITY_STATUS_ELIGIBLE,
                           "factory_reset", MPP_SEVERITY_WARNING);
        mpp_string_free(csv);
    }

    /* A host's table decides; a model it lacks is unknown, never eligible by accident. */
    EXPECT_OK(mpp_eligibility_table_from_csv((const uint8_t *)HOST_TABLE, strlen(HOST_TABLE),
                                             "host", &host, &err));
    expect_eligibility("7821", "V02", NULL, host, MPP_ELIGIBILITY_STATUS_ELIGIBLE, "factory_reset",
                       MPP_SEVERITY_WARNING);
    expect_eligibility("7821", "V11", NULL, host, MPP_ELIGIBILITY_STATUS_NOT_ELIGIBLE,
                       "hardware_version_not_eligible", MPP_SEVERITY_ERROR);
    expect_eligibility("8841", NULL, NULL, host, MPP_ELIGIBILITY_STATUS_UNKNOWN,
                       "eligibility_no_rule factory_reset", MPP_SEVERITY_WARNING);
    /* DEV-8: a phone with Wi-Fi is told it loses its settings. */
    expect_eligibility("8865", NULL, NULL, host, MPP_ELIGIBILITY_STATUS_UNKNOWN,
                       "eligibility_no_rule factory_reset wifi_settings_lost",
                       MPP_SEVERITY_WARNING);

    /* Refused tables: at the row and column of the fault. */
    {
        mpp_eligibility_table *t;
        poison(&t, sizeof t);
        EXPECT_FAILS_AT(mpp_eligibility_table_from_csv((const uint8_t *)INVERTED_TABLE,
                                                       strlen(INVERTED_TABLE), "inverted", &t, &err),
                        MPP_ERROR_CODE_ELIGIBILITY_TABLE_INVALID, "inverted", 3, "vid_to");
        EXPECT_FAILS_AT(mpp_eligibility_table_from_csv((const uint8_t *)"model\n", 6, "short", &t,
                                                       &err),
                        MPP_ERROR_CODE_ELIGIBILITY_TABLE_INVALID, "header", 1, NULL);
        EXPECT_FAILS_AT(mpp_eligibility_table_from_csv(NULL, 0, "empty", &t, &err),
                        MPP_ERROR_CODE_ELIGIBILITY_TABLE_INVALID, "empty", 1, NULL);
        EXPECT_FAILS(mpp_eligibility_table_from_csv(NULL, 4, "x", &t, &err),
                     MPP_ERROR_CODE_NULL_POINTER, NULL, "csv");
        EXPECT_FAILS(mpp_eligibility_table_from_csv((const uint8_t *)HOST_TABLE, 4, NULL, &t, &err),
                     MPP_ERROR_CODE_NULL_POINTER, NULL, "name");
        EXPECT_FAILS(mpp_eligibility_table_from_csv((const uint8_t *)HOST_TABLE, 4, "\xff", &t, &err),
                     MPP_ERROR_CODE_ARGUMENT_NOT_UTF8, NULL, "name");
        EXPECT_FAILS(mpp_eligibility_table_by_name("mine", &t, &err),
                     MPP_ERROR_CODE_INVALID_ARGUMENT, NULL, "mine");
        EXPECT_FAILS(mpp_eligibility_table_by_name(NULL, &t, &err), MPP_ERROR_CODE_NULL_POINTER,
                     NULL, "name");
        EXPECT_UNTOUCHED(t, "mpp_eligibility_table_*");
        EXPECT_FAILS(mpp_eligibility_table_control_hub(NULL, &err), MPP_ERROR_CODE_NULL_POINTER,
                     NULL, "out");
        EXPECT_FAILS(mpp_eligibility_table_cisco_ordering_guide(NULL, &err),
                     MPP_ERROR_CODE_NULL_POINTER, NULL, "out");
        EXPECT_FAILS(mpp_eligibility_table_to_csv(NULL, &csv, &err), MPP_ERROR_CODE_NULL_POINTER,
                     NULL, "table");
        EXPECT_FAILS(mpp_eligibility_table_to_csv(hub, NULL, &err), MPP_ERROR_CODE_NULL_POINTER,
                     NULL, "out");
    }

    mpp_eligibility_table_free(hub);
    mpp_eligibility_table_free(guide);
    mpp_eligibility_table_free(host);
    mpp_eligibility_table_free(again);
    mpp_eligibility_table_free(named);
}

static void check_arguments(void) {
    mpp_eligibility *e;
    poison(&e, sizeof e);
    EXPECT_FAILS(mpp_check_eligibility(NULL, NULL, NULL, NULL, &e, &err),
                 MPP_ERROR_CODE_NULL_POINTER, NULL, "model");
    EXPECT_FAILS(mpp_check_eligibility("8845", NULL, NULL, NULL, NULL, &err),
                 MPP_ERROR_CODE_NULL_POINTER, NULL, "out");
    EXPECT_FAILS(mpp_check_eligibility("88\xff", NULL, NULL, NULL, &e, &err),
                 MPP_ERROR_CODE_ARGUMENT_NOT_UTF8, NULL, "model");
    EXPECT_FAILS(mpp_check_eligibility("8845", "V\xc3", NULL, NULL, &e, &err),
                 MPP_ERROR_CODE_ARGUMENT_NOT_UTF8, NULL, "hardware_version");
    EXPECT_FAILS(mpp_check_eligibility("8845", NULL, "\xfe", NULL, &e, &err),
                 MPP_ERROR_CODE_ARGUMENT_NOT_UTF8, NULL, "firmware");
    CHECK(mpp_check_eligibility(NULL, NULL, NULL, NULL, &e, NULL) == MPP_ERROR_CODE_NULL_POINTER,
          "mpp_check_eligibility(NULL, err = NULL)");
    EXPECT_UNTOUCHED(e, "mpp_check_eligibility");

    /* The names of the statuses; accessors of NULL. */
    EXPECT_STR(mpp_eligibility_status_name(MPP_ELIGIBILITY_STATUS_ELIGIBLE), "eligible",
               "mpp_eligibility_status_name");
    EXPECT_STR(mpp_eligibility_status_name(MPP_ELIGIBILITY_STATUS_NOT_ELIGIBLE), "not_eligible",
               "mpp_eligibility_status_name");
    EXPECT_STR(mpp_eligibility_status_name(MPP_ELIGIBILITY_STATUS_UNKNOWN), "unknown",
               "mpp_eligibility_status_name");
    EXPECT_STR(mpp_eligibility_status_name(3), NULL, "mpp_eligibility_status_name(3)");
    CHECK(mpp_eligibility_status_of(NULL) == MPP_ELIGIBILITY_STATUS_UNKNOWN,
          "mpp_eligibility_status_of(NULL)");
    CHECK(mpp_eligibility_finding_count(NULL) == 0, "mpp_eligibility_finding_count(NULL)");
    CHECK(mpp_eligibility_finding_at(NULL, 0) == NULL, "mpp_eligibility_finding_at(NULL)");
    CHECK(mpp_eligibility_table_name(NULL) == NULL, "mpp_eligibility_table_name(NULL)");
    CHECK(mpp_eligibility_table_rule_count(NULL) == 0, "mpp_eligibility_table_rule_count(NULL)");
    mpp_eligibility_free(NULL);
    mpp_eligibility_table_free(NULL);
}

/* --- the example: eligibility of each phone of phones.csv ----------------------------------- */

/* Splits a CSV line without quoting (phones.csv has none) into at most `max` cells. */
static size_t split_cells(char *line, char **cells, size_t max) {
    size_t n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    for (char *cell = line; n < max; n++) {
        cells[n] = cell;
        char *comma = strchr(cell, ',');
        if (comma == NULL) return n + 1;
        *comma = '\0';
        cell = comma + 1;
    }
    return n;
}

static void print_phone(char **cells, size_t n) {
    const char *model = n > 1 ? cells[1] : "", *vid = n > 2 ? cells[2] : "";
    const char *firmware = n > 3 ? cells[3] : "";
    char codes[CODES_LEN];
    mpp_eligibility *e = NULL;
    mpp_error *err = NULL;
    /* An empty cell is unknown: passed as NULL. */
    mpp_status status = mpp_check_eligibility(model, vid[0] ? vid : NULL,
                                              firmware[0] ? firmware : NULL, NULL, &e, &err);

    printf("%-17s %-4s %-27s ", model, vid[0] ? vid : "-", firmware[0] ? firmware : "-");
    if (status == MPP_OK) {
        printf("%-12s %s\n", or_null(mpp_eligibility_status_name(mpp_eligibility_status_of(e))),
               finding_codes(e, codes, sizeof codes));
    } else {
        const mpp_finding *f = mpp_error_finding(err);
        CHECK(err != NULL && status == mpp_finding_number(f), "a failed check stores its error");
        printf("%-12s %s [%s]\n", "(error)", or_null(mpp_finding_code(f)),
               or_null(mpp_finding_rule(f)));
    }
    mpp_eligibility_free(e);
    mpp_error_free(err);
}

static void print_phones(const char *dir) {
    char path[4096], line[1024];
    char *cells[8];
    snprintf(path, sizeof path, "%s/phones.csv", dir);
    FILE *csv = fopen(path, "r");
    if (!EXPECT(csv != NULL, path, "cannot open")) return;
    printf("Eligibility of phones.csv (table control_hub):\n");
    printf("%-17s %-4s %-27s %-12s %s\n", "model", "VID", "firmware", "status", "findings");
    for (bool header = true; fgets(line, sizeof line, csv) != NULL; header = false) {
        size_t n = split_cells(line, cells, COUNT(cells));
        if (!header && !(n == 1 && cells[0][0] == '\0')) print_phone(cells, n);
    }
    fclose(csv);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s <examples/data directory>\n", argv[0]);
        return 2;
    }
    check_boundaries();
    check_tables();
    check_arguments();
    print_phones(argv[1]);
    return checks_summary("eligibility.c");
}
