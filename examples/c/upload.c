/*
 * upload.c: the C test of the directory and upload exports of include/mpp_migration.h, and an
 * example.
 *
 * 1. The corpus: for every line of <data>/corpus/manifest.csv (see corpus/README.md), the file
 *    is validated four ways (whole report from its path and from its bytes, streaming cursor
 *    from its path and from its bytes) against the directory the manifest names; the counts and
 *    the `row:code` list of findings must equal the manifest's in each.
 * 2. The directory (builder, JSON in and out, errors that name the place), the options (unknown
 *    option numbers, limits, tables), the exports (template, user export, errors and devices
 *    files), NULL for each pointer argument and invalid UTF-8.
 * 3. The example: <data>/upload.csv against <data>/directory.json, printed as
 *    `cargo run -p mpp-migration-examples --example upload` prints it: the counts, every finding
 *    grouped by row, the accepted devices and the size of the errors file.
 *
 * Run: upload <examples/data>. Exits non-zero, naming each failed check on stderr, when any
 * check fails. stdout is deterministic (the test script compares two builds' output).
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mpp_migration.h"

/* --- small utilities ------------------------------------------------------------------------ */

/* A growable string. */
typedef struct strbuf {
    char *text;
    size_t len, cap;
} strbuf;

static void sb_append(strbuf *sb, const char *s) {
    size_t n = strlen(s);
    if (sb->len + n + 1 > sb->cap) {
        size_t cap = sb->cap ? sb->cap : 64;
        while (sb->len + n + 1 > cap) cap *= 2;
        char *grown = realloc(sb->text, cap);
        if (grown == NULL) {
            fprintf(stderr, "out of memory\n");
            exit(3);
        }
        sb->text = grown;
        sb->cap = cap;
    }
    memcpy(sb->text + sb->len, s, n + 1);
    sb->len += n;
}

static const char *sb_str(const strbuf *sb) { return sb->text ? sb->text : ""; }

static void sb_free(strbuf *sb) {
    free(sb->text);
    *sb = (strbuf){NULL, 0, 0};
}

/* Appends " row:code" (without the leading space for the first) of a finding. */
static void append_finding(strbuf *sb, const mpp_finding *f) {
    char item[96];
    snprintf(item, sizeof item, "%s%llu:%s", sb->len ? " " : "",
             (unsigned long long)mpp_finding_row(f), or_null(mpp_finding_code(f)));
    sb_append(sb, item);
}

/* --- one upload, four ways ------------------------------------------------------------------ */

/* What an upload gave: the counts, the `row:code` list and the accepted MACs. */
typedef struct outcome {
    uint64_t added, errors, total;
    strbuf findings;
    strbuf macs;
} outcome;

static void outcome_free(outcome *o) {
    sb_free(&o->findings);
    sb_free(&o->macs);
}

/* Reads a report into `out` and checks its invariants (CSV-14, DEC-1, and the fields of every finding). */
static void read_report(const char *what, const mpp_report *r, bool directory, outcome *out) {
    uint64_t previous_row = 0;
    size_t errors = 0, warnings = 0, counted_errors = 0;

    out->added = mpp_report_added(r);
    out->errors = mpp_report_errors(r);
    out->total = mpp_report_total(r);
    EXPECT(out->added + out->errors == out->total, what, "added %llu + errors %llu != total %llu",
           (unsigned long long)out->added, (unsigned long long)out->errors,
           (unsigned long long)out->total);
    CHECK(mpp_report_device_count(r) == out->added, what);
    CHECK(mpp_report_directory_checked(r) == directory, what);
    for (size_t i = 0; i < mpp_report_finding_count(r); i++) {
        const mpp_finding *f = mpp_report_finding_at(r, i);
        if (!EXPECT(f != NULL, what, "finding %zu is NULL", i)) continue;
        CHECK(f == mpp_report_finding_at(r, i), what); /* the same view each time */
        EXPECT(mpp_finding_row(f) >= 1 && mpp_finding_row(f) >= previous_row, what,
               "finding %zu at row %llu, after row %llu", i,
               (unsigned long long)mpp_finding_row(f), (unsigned long long)previous_row);
        previous_row = mpp_finding_row(f);
        EXPECT_NONEMPTY(mpp_finding_message(f), what);
        if (mpp_finding_severity(f) == MPP_SEVERITY_ERROR) counted_errors++;
        append_finding(&out->findings, f);
    }
    CHECK(mpp_report_finding_at(r, mpp_report_finding_count(r)) == NULL, what);
    if (EXPECT(mpp_report_severity_counts(r, &errors, &warnings, NULL) == MPP_OK, what,
               "mpp_report_severity_counts failed")) {
        CHECK(errors == counted_errors && errors + warnings == mpp_report_finding_count(r), what);
    }
    for (size_t i = 0; i < mpp_report_device_count(r); i++) {
        const mpp_device *d = mpp_report_device_at(r, i);
        if (!EXPECT(d != NULL, what, "device %zu is NULL", i)) continue;
        if (out->macs.len) sb_append(&out->macs, " ");
        sb_append(&out->macs, or_null(mpp_device_mac(d)));
        CHECK(mpp_device_model(d) != NULL && mpp_device_row(d) >= 2, what);
        CHECK(mpp_device_has_assignment(d) ==
                  (mpp_report_option(r) == MPP_UPLOAD_OPTION_LICENSE_AND_DEVICE), what);
    }
    CHECK(mpp_report_device_at(r, mpp_report_device_count(r)) == NULL, what);
}

/* Reads a whole cursor into `out`: header findings, each row's, the end's. */
static void read_cursor(const char *what, mpp_upload_cursor *c, bool directory, outcome *out) {
    uint64_t last_row = 1;
    CHECK(mpp_upload_cursor_directory_checked(c) == directory, what);
    for (size_t i = 0; i < mpp_upload_cursor_header_finding_count(c); i++) {
        const mpp_finding *f = mpp_upload_cursor_header_finding_at(c, i);
        CHECK(f != NULL && mpp_finding_row(f) == 1, what);
        append_finding(&out->findings, f);
    }
    for (;;) {
        const mpp_upload_row *row = NULL;
        mpp_error *err = NULL;
        mpp_status status = mpp_upload_cursor_next(c, &row, &err);
        if (!EXPECT(status == MPP_OK, what, "mpp_upload_cursor_next: %s",
                    or_null(mpp_finding_message(mpp_error_finding(err))))) {
            mpp_error_free(err);
            break;
        }
        if (row == NULL) break;
        uint64_t number = mpp_upload_row_number(row);
        const mpp_device *d = mpp_upload_row_device(row);
        EXPECT(number > last_row, what, "row %llu after row %llu", (unsigned long long)number,
               (unsigned long long)last_row);
        last_row = number;
        CHECK(mpp_upload_row_accepted(row) == (d != NULL), what);
        if (mpp_upload_row_blank(row)) CHECK(d == NULL, what);
        if (d != NULL) {
            CHECK(mpp_device_row(d) == number, what);
            if (out->macs.len) sb_append(&out->macs, " ");
            sb_append(&out->macs, or_null(mpp_device_mac(d)));
        }
        for (size_t i = 0; i < mpp_upload_row_finding_count(row); i++) {
            const mpp_finding *f = mpp_upload_row_finding_at(row, i);
            CHECK(f != NULL && mpp_finding_row(f) == number, what);
            append_finding(&out->findings, f);
        }
        CHECK(mpp_upload_row_finding_at(row, mpp_upload_row_finding_count(row)) == NULL, what);
    }
    for (size_t i = 0; i < mpp_upload_cursor_end_finding_count(c); i++) {
        append_finding(&out->findings, mpp_upload_cursor_end_finding_at(c, i));
    }
    out->added = mpp_upload_cursor_added(c);
    out->errors = mpp_upload_cursor_errors(c);
    out->total = mpp_upload_cursor_total(c);
    /* The end stays the end. */
    {
        const mpp_upload_row *row;
        poison(&row, sizeof row);
        CHECK(mpp_upload_cursor_next(c, &row, NULL) == MPP_OK && row == NULL, what);
    }
}

/* The outcome equals the manifest's counts and findings, and the first form's MACs. */
static void expect_outcome(const char *what, const outcome *got, uint64_t added, uint64_t errors,
                           uint64_t total, const char *findings, const outcome *first) {
    EXPECT(got->added == added && got->errors == errors && got->total == total, what,
           "counts %llu/%llu/%llu, the manifest says %llu/%llu/%llu",
           (unsigned long long)got->added, (unsigned long long)got->errors,
           (unsigned long long)got->total, (unsigned long long)added,
           (unsigned long long)errors, (unsigned long long)total);
    EXPECT(strcmp(sb_str(&got->findings), findings) == 0, what,
           "findings \"%s\", the manifest says \"%s\"", sb_str(&got->findings), findings);
    if (first != NULL) {
        EXPECT(strcmp(sb_str(&got->macs), sb_str(&first->macs)) == 0, what,
               "devices \"%s\", the report's are \"%s\"", sb_str(&got->macs),
               sb_str(&first->macs));
    }
}

/* --- 1. the corpus -------------------------------------------------------------------------- */

static mpp_directory *load_directory(const char *data) {
    char path[4096];
    mpp_directory *d = NULL;
    snprintf(path, sizeof path, "%s/directory.json", data);
    EXPECT_OK(mpp_directory_from_json_path(path, &d, &err));
    return d;
}

/* Splits a manifest line into its 7 cells (the last, findings, has no comma). */
static bool manifest_cells(char *line, char **cells) {
    line[strcspn(line, "\r\n")] = '\0';
    cells[0] = line;
    for (int i = 1; i < 7; i++) {
        char *comma = strchr(cells[i - 1], ',');
        if (comma == NULL) return false;
        *comma = '\0';
        cells[i] = comma + 1;
    }
    return true;
}

static void check_case(const char *data, char **cells, const mpp_directory *directory) {
    char what[256], path[4096];
    mpp_upload_option option;
    mpp_upload_options *opts = NULL;
    bool with_directory = strcmp(cells[2], "none") != 0;
    uint64_t added = strtoull(cells[3], NULL, 10), errors = strtoull(cells[4], NULL, 10);
    uint64_t total = strtoull(cells[5], NULL, 10);
    uint8_t *bytes = NULL;
    size_t len = 0;

    snprintf(what, sizeof what, "corpus/%s (%s, %s)", cells[0], cells[1], cells[2]);
    snprintf(path, sizeof path, "%s/corpus/%s", data, cells[0]);
    if (!EXPECT(mpp_upload_option_parse(cells[1], &option, NULL) == MPP_OK, what,
                "unknown option")) {
        return;
    }
    EXPECT_OK(mpp_upload_options_new(option, &opts, &err));
    if (opts == NULL) return;
    if (with_directory) EXPECT_OK(mpp_upload_options_set_directory(opts, directory, &err));
    CHECK(mpp_upload_options_option(opts) == option, what);
    CHECK(read_file(path, &bytes, &len), what);

    {
        outcome forms[4] = {0};
        static const char *const names[4] = {"report from path", "report from bytes",
                                             "cursor from path", "cursor from bytes"};
        mpp_report *report = NULL;
        mpp_upload_cursor *cursor = NULL;
        char form_what[300];

        EXPECT_OK(mpp_validate_upload_path(path, opts, &report, &err));
        if (report != NULL) read_report(what, report, with_directory, &forms[0]);
        mpp_report_free(report);
        report = NULL;
        EXPECT_OK(mpp_validate_upload(bytes, len, opts, &report, &err));
        if (report != NULL) read_report(what, report, with_directory, &forms[1]);
        mpp_report_free(report);

        EXPECT_OK(mpp_upload_cursor_open_path(path, opts, &cursor, &err));
        CHECK(cursor == NULL || mpp_upload_cursor_option(cursor) == option, what);
        if (cursor != NULL) read_cursor(what, cursor, with_directory, &forms[2]);
        mpp_upload_cursor_free(cursor);
        cursor = NULL;
        EXPECT_OK(mpp_upload_cursor_new(bytes, len, opts, &cursor, &err));
        if (cursor != NULL) read_cursor(what, cursor, with_directory, &forms[3]);
        mpp_upload_cursor_free(cursor);

        for (int i = 0; i < 4; i++) {
            snprintf(form_what, sizeof form_what, "%s, %s", what, names[i]);
            expect_outcome(form_what, &forms[i], added, errors, total, cells[6],
                           i ? &forms[0] : NULL);
        }
        for (int i = 0; i < 4; i++) outcome_free(&forms[i]);
    }
    free(bytes);
    mpp_upload_options_free(opts);
}

static void check_corpus(const char *data) {
    char path[4096], line[4096];
    char *cells[7];
    unsigned cases = 0;
    mpp_directory *directory = load_directory(data);
    snprintf(path, sizeof path, "%s/corpus/manifest.csv", data);
    FILE *manifest = fopen(path, "r");
    if (EXPECT(manifest != NULL, path, "cannot open")) {
        for (bool header = true; fgets(line, sizeof line, manifest) != NULL; header = false) {
            if (header || line[0] == '\n') continue;
            if (!EXPECT(manifest_cells(line, cells), path, "a line without 7 cells")) continue;
            check_case(data, cells, directory);
            cases++;
        }
        fclose(manifest);
    }
    EXPECT(cases >= 20, "corpus/manifest.csv", "only %u cases", cases);
    printf("Corpus: %u manifest cases, each as a report and a cursor, from path and bytes\n",
           cases);
    mpp_directory_free(directory);
}

/* A size hint sizes the duplicate indexes once the first rows are read; whatever it says, the
 * report and the cursor find the same (DEC-2). 1000 rows, past the rows read before sizing. */
static void check_size_hint(void) {
    static const uint64_t hints[] = {0, 1, 4000, 18018, UINT64_MAX};
    strbuf csv = {0};
    outcome plain = {0};
    mpp_upload_options *opts = NULL;
    mpp_report *report = NULL;
    char line[32];

    sb_append(&csv, "Model,MAC Address\n");
    for (unsigned i = 0; i < 1000; i++) {
        snprintf(line, sizeof line, "8845,001A2B%06X\n", i % 800);
        sb_append(&csv, line);
    }
    const uint8_t *bytes = (const uint8_t *)sb_str(&csv);
    EXPECT_OK(mpp_upload_options_new(MPP_UPLOAD_OPTION_LICENSE_ONLY, &opts, &err));
    EXPECT_FAILS(mpp_upload_options_set_size_hint(NULL, 1, &err), MPP_ERROR_CODE_NULL_POINTER,
                 NULL, "opts");
    EXPECT_OK(mpp_validate_upload(bytes, csv.len, opts, &report, &err));
    if (report != NULL) read_report("size hint: none", report, false, &plain);
    mpp_report_free(report);
    EXPECT(plain.added == 800 && plain.errors == 200, "size hint: none",
           "counts %llu/%llu", (unsigned long long)plain.added, (unsigned long long)plain.errors);
    for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
        outcome forms[2] = {0};
        mpp_upload_cursor *cursor = NULL;
        char what[64];
        snprintf(what, sizeof what, "size hint %llu", (unsigned long long)hints[i]);
        EXPECT_OK(mpp_upload_options_set_size_hint(opts, hints[i], &err));
        report = NULL;
        EXPECT_OK(mpp_validate_upload(bytes, csv.len, opts, &report, &err));
        if (report != NULL) read_report(what, report, false, &forms[0]);
        mpp_report_free(report);
        EXPECT_OK(mpp_upload_cursor_new(bytes, csv.len, opts, &cursor, &err));
        if (cursor != NULL) read_cursor(what, cursor, false, &forms[1]);
        mpp_upload_cursor_free(cursor);
        for (int f = 0; f < 2; f++) {
            expect_outcome(what, &forms[f], plain.added, plain.errors, plain.total,
                           sb_str(&plain.findings), &plain);
            outcome_free(&forms[f]);
        }
    }
    printf("Size hints: %zu, each giving the same report and cursor\n",
           sizeof hints / sizeof hints[0]);
    outcome_free(&plain);
    mpp_upload_options_free(opts);
    sb_free(&csv);
}

/* --- 2. directories, options, exports, errors ---------------------------------------------- */

static void check_directory(const char *data) {
    mpp_directory_builder *b = NULL;
    mpp_directory *d = NULL, *again = NULL;
    const char *const extensions[] = {"1001", "1002"};
    char *json = NULL, *export = NULL;

    EXPECT_OK(mpp_directory_builder_new(&b, &err));
    if (b == NULL) return;
    EXPECT_OK(mpp_directory_builder_add_user(b, "alice@example.com", &err));
    EXPECT_OK(mpp_directory_builder_add_user(b, "bob@example.com", &err));
    EXPECT_OK(mpp_directory_builder_add_workspace(b, "Lobby", &err));
    EXPECT_OK(mpp_directory_builder_add_location(b, "HQ", true, extensions, COUNT(extensions), &err));
    EXPECT_OK(mpp_directory_builder_add_location(b, "Lab", false, NULL, 0, &err));
    EXPECT_OK(mpp_directory_builder_add_device(b, "00:1a:2b:3c:4d:99", &err));
    EXPECT_OK(mpp_directory_build(b, &d, &err));
    CHECK(mpp_directory_user_count(d) == 2 && mpp_directory_workspace_count(d) == 1 &&
              mpp_directory_location_count(d) == 2 && mpp_directory_device_count(d) == 1,
          "mpp_directory_build counts");

    /* JSON out and back in. */
    EXPECT_OK(mpp_directory_to_json(d, &json, &err));
    if (json != NULL) {
        CHECK(strstr(json, "\"001A2B3C4D99\"") != NULL, "mpp_directory_to_json normalises MACs");
        EXPECT_OK(mpp_directory_from_json((const uint8_t *)json, strlen(json), &again, &err));
        CHECK(mpp_directory_location_count(again) == 2, "the JSON reads back");
        mpp_string_free(json);
    }
    EXPECT_OK(mpp_user_export_csv(d, &export, &err));
    EXPECT_OWNED(export,
                 "Type,Username,Phone Number,Extension,Device Type,Model,MAC Address,Location,Call Plan\n"
                 "USER,alice@example.com,,,IP,,,,\n"
                 "USER,bob@example.com,,,IP,,,,\n",
                 "mpp_user_export_csv");

    /* The builder validates at build: the entry is named by its path in the JSON form. */
    {
        const char *const bad_extensions[] = {"1003", "12345678901"};
        mpp_directory *out;
        poison(&out, sizeof out);
        EXPECT_OK(mpp_directory_builder_add_user(b, "carol", &err));
        EXPECT_FAILS(mpp_directory_build(b, &out, &err), MPP_ERROR_CODE_DIRECTORY_INVALID, NULL,
                     "users[2]");
        mpp_directory_builder_free(b);
        b = NULL;
        EXPECT_OK(mpp_directory_builder_new(&b, &err));
        EXPECT_OK(mpp_directory_builder_add_location(b, "HQ", false, bad_extensions, 2, &err));
        EXPECT_FAILS(mpp_directory_build(b, &out, &err), MPP_ERROR_CODE_DIRECTORY_INVALID, NULL,
                     "locations[0].extensions_in_use[1]");
        EXPECT_UNTOUCHED(out, "mpp_directory_build");

        /* Invalid JSON names line and column; a refused entry names its path. */
        static const char broken[] = "{\n  \"users\": [\"alice@example.com\",]\n}";
        static const char wrong_type[] = "{\"locations\": [{\"name\": 7}]}";
        static const char refused[] = "{\"workspaces\": [\"Lobby\", \" \"]}";
        EXPECT_FAILS(mpp_directory_from_json((const uint8_t *)broken, strlen(broken), &out, &err),
                     MPP_ERROR_CODE_JSON_INVALID, NULL, "line 2 column");
        EXPECT_FAILS(mpp_directory_from_json((const uint8_t *)wrong_type, strlen(wrong_type), &out,
                                             &err),
                     MPP_ERROR_CODE_JSON_INVALID, NULL, "line 1 column");
        EXPECT_FAILS(mpp_directory_from_json((const uint8_t *)refused, strlen(refused), &out, &err),
                     MPP_ERROR_CODE_DIRECTORY_INVALID, NULL, "workspaces[1]");
        /* No document is a missing argument, not malformed JSON (issue 14). */
        EXPECT_FAILS(mpp_directory_from_json(NULL, 0, &out, &err), MPP_ERROR_CODE_NULL_POINTER,
                     NULL, "json");
        EXPECT_UNTOUCHED(out, "mpp_directory_from_json");

        char missing[4096];
        snprintf(missing, sizeof missing, "%s/no-such-directory.json", data);
        EXPECT_FAILS(mpp_directory_from_json_path(missing, &out, &err), MPP_ERROR_CODE_IO_ERROR,
                     NULL, "no-such-directory.json");
        snprintf(missing, sizeof missing, "%s/upload.csv", data);
        EXPECT_FAILS(mpp_directory_from_json_path(missing, &out, &err),
                     MPP_ERROR_CODE_JSON_INVALID, NULL, "upload.csv: directory JSON");
        EXPECT_UNTOUCHED(out, "mpp_directory_from_json_path");
    }

    /* NULL and bad UTF-8: refused by name; the builder is unchanged by a refused add. */
    {
        const char *const null_extension[] = {"1001", NULL};
        char *text;
        mpp_directory *out;
        mpp_directory_builder *nb;
        poison(&text, sizeof text);
        poison(&out, sizeof out);
        poison(&nb, sizeof nb);
        EXPECT_FAILS(mpp_directory_builder_new(NULL, &err), MPP_ERROR_CODE_NULL_POINTER, NULL, "out");
        EXPECT_FAILS(mpp_directory_builder_add_user(NULL, "a@b.co", &err), MPP_ERROR_CODE_NULL_POINTER,
                     NULL, "builder");
        EXPECT_FAILS(mpp_directory_builder_add_user(b, NULL, &err), MPP_ERROR_CODE_NULL_POINTER, NULL,
                     "email");
        EXPECT_FAILS(mpp_directory_builder_add_user(b, "\xff@b.co", &err),
                     MPP_ERROR_CODE_ARGUMENT_NOT_UTF8, NULL, "email");
        EXPECT_FAILS(mpp_directory_builder_add_workspace(b, NULL, &err), MPP_ERROR_CODE_NULL_POINTER,
                     NULL, "name");
        EXPECT_FAILS(mpp_directory_builder_add_device(b, "\xc3", &err),
                     MPP_ERROR_CODE_ARGUMENT_NOT_UTF8, NULL, "mac");
        EXPECT_FAILS(mpp_directory_builder_add_location(b, NULL, false, NULL, 0, &err),
                     MPP_ERROR_CODE_NULL_POINTER, NULL, "name");
        EXPECT_FAILS(mpp_directory_builder_add_location(b, "HQ", false, NULL, 2, &err),
                     MPP_ERROR_CODE_NULL_POINTER, NULL, "extensions_in_use");
        EXPECT_FAILS(mpp_directory_builder_add_location(b, "HQ", false, null_extension, 2, &err),
                     MPP_ERROR_CODE_NULL_POINTER, NULL, "extensions_in_use[1]");
        EXPECT_FAILS(mpp_directory_build(NULL, &out, &err), MPP_ERROR_CODE_NULL_POINTER, NULL,
                     "builder");
        EXPECT_FAILS(mpp_directory_build(b, NULL, &err), MPP_ERROR_CODE_NULL_POINTER, NULL, "out");
        EXPECT_FAILS(mpp_directory_from_json(NULL, 2, &out, &err), MPP_ERROR_CODE_NULL_POINTER, NULL,
                     "json");
        EXPECT_FAILS(mpp_directory_from_json((const uint8_t *)"{}", 2, NULL, &err),
                     MPP_ERROR_CODE_NULL_POINTER, NULL, "out");
        EXPECT_FAILS(mpp_directory_from_json_path(NULL, &out, &err), MPP_ERROR_CODE_NULL_POINTER,
                     NULL, "path");
        EXPECT_FAILS(mpp_directory_to_json(NULL, &text, &err), MPP_ERROR_CODE_NULL_POINTER, NULL,
                     "directory");
        EXPECT_FAILS(mpp_directory_to_json(d, NULL, &err), MPP_ERROR_CODE_NULL_POINTER, NULL, "out");
        EXPECT_FAILS(mpp_user_export_csv(NULL, &text, &err), MPP_ERROR_CODE_NULL_POINTER, NULL,
                     "directory");
        EXPECT_UNTOUCHED(text, "mpp_directory_*");
        EXPECT_UNTOUCHED(out, "mpp_directory_*");
        EXPECT_UNTOUCHED(nb, "mpp_directory_builder_new");
        CHECK(mpp_directory_user_count(NULL) == 0 && mpp_directory_workspace_count(NULL) == 0 &&
                  mpp_directory_location_count(NULL) == 0 && mpp_directory_device_count(NULL) == 0,
              "mpp_directory_*_count(NULL)");
        mpp_directory_free(NULL);
        mpp_directory_builder_free(NULL);
    }
    mpp_directory_builder_free(b);
    mpp_directory_free(d);
    mpp_directory_free(again);
}

static void check_options_and_exports(const char *data) {
    mpp_upload_options *opts = NULL;
    mpp_eligibility_table *guide = NULL;
    mpp_report *report = NULL;
    char *text = NULL;
    static const char csv[] = "Model,MAC Address\n8865NR,001A2B3C4D01\nCP-8845-K9=V01,001A2B3C4D02\n";

    /* Options arrive as numbers and are checked. */
    {
        mpp_upload_options *o;
        mpp_upload_option parsed;
        poison(&o, sizeof o);
        poison(&text, sizeof text);
        poison(&parsed, sizeof parsed);
        EXPECT_FAILS(mpp_upload_options_new(2, &o, &err), MPP_ERROR_CODE_INVALID_ARGUMENT, NULL,
                     "2 is not an mpp_upload_option");
        EXPECT_FAILS(mpp_upload_options_new(UINT32_MAX, &o, &err), MPP_ERROR_CODE_INVALID_ARGUMENT,
                     NULL, "mpp_upload_option");
        EXPECT_FAILS(mpp_upload_options_new(0, NULL, &err), MPP_ERROR_CODE_NULL_POINTER, NULL, "out");
        EXPECT_FAILS(mpp_template_csv(7, &text, &err), MPP_ERROR_CODE_INVALID_ARGUMENT, NULL,
                     "7 is not");
        EXPECT_FAILS(mpp_template_csv(0, NULL, &err), MPP_ERROR_CODE_NULL_POINTER, NULL, "out");
        EXPECT_FAILS(mpp_upload_option_parse("license", &parsed, &err),
                     MPP_ERROR_CODE_INVALID_ARGUMENT, NULL, "license_only");
        EXPECT_FAILS(mpp_upload_option_parse("\xff", &parsed, &err),
                     MPP_ERROR_CODE_ARGUMENT_NOT_UTF8, NULL, "text");
        EXPECT_FAILS(mpp_upload_option_parse(NULL, &parsed, &err), MPP_ERROR_CODE_NULL_POINTER,
                     NULL, "text");
        EXPECT_UNTOUCHED(o, "mpp_upload_options_new");
        EXPECT_UNTOUCHED(text, "mpp_template_csv");
        EXPECT_UNTOUCHED(parsed, "mpp_upload_option_parse");
        EXPECT_STR(mpp_upload_option_name(MPP_UPLOAD_OPTION_LICENSE_AND_DEVICE),
                   "license_and_device", "mpp_upload_option_name");
        EXPECT_STR(mpp_upload_option_name(MPP_UPLOAD_OPTION_LICENSE_ONLY), "license_only",
                   "mpp_upload_option_name");
        EXPECT_STR(mpp_upload_option_name(2), NULL, "mpp_upload_option_name(2)");
        EXPECT_STR(mpp_owner_type_name(MPP_OWNER_TYPE_WORKSPACE), "WORKSPACE",
                   "mpp_owner_type_name");
        EXPECT_STR(mpp_owner_type_name(9), NULL, "mpp_owner_type_name(9)");
    }
    text = NULL;
    EXPECT_OK(mpp_template_csv(MPP_UPLOAD_OPTION_LICENSE_ONLY, &text, &err));
    EXPECT_OWNED(text, "Model,MAC Address\n", "mpp_template_csv(license_only)");
    text = NULL;
    EXPECT_OK(mpp_template_csv(MPP_UPLOAD_OPTION_LICENSE_AND_DEVICE, &text, &err));
    EXPECT_OWNED(text,
                 "Type,Username,Phone Number,Extension,Device Type,Model,MAC Address,Location,Call Plan\n",
                 "mpp_template_csv(license_and_device)");

    /* The table decides the model check (EXT-4); the limits bound the cells. */
    EXPECT_OK(mpp_upload_options_new(MPP_UPLOAD_OPTION_LICENSE_ONLY, &opts, &err));
    if (opts == NULL) return;
    EXPECT_OK(mpp_validate_upload((const uint8_t *)csv, strlen(csv), opts, &report, &err));
    CHECK(mpp_report_added(report) == 1 && mpp_report_errors(report) == 1,
          "the Control Hub table refuses the 8865NR");
    EXPECT_STR(mpp_finding_code(mpp_report_finding_at(report, 0)), "model_not_eligible",
               "the Control Hub table refuses the 8865NR");
    mpp_report_free(report);
    report = NULL;
    EXPECT_OK(mpp_eligibility_table_cisco_ordering_guide(&guide, &err));
    EXPECT_OK(mpp_upload_options_set_eligibility_table(opts, guide, &err));
    mpp_eligibility_table_free(guide); /* the options keep their own reference */
    EXPECT_OK(mpp_validate_upload((const uint8_t *)csv, strlen(csv), opts, &report, &err));
    CHECK(mpp_report_added(report) == 2 && mpp_report_finding_count(report) == 0,
          "the ordering guide's table accepts the 8865NR");
    {
        const mpp_device *d = mpp_report_device_at(report, 1);
        EXPECT_STR(mpp_device_mac(d), "001A2B3C4D02", "mpp_device_mac");
        EXPECT_STR(mpp_device_device_name(d), "SEP001A2B3C4D02", "mpp_device_device_name");
        EXPECT_STR(mpp_model_name(mpp_device_model(d)), "8845", "mpp_device_model");
        CHECK(mpp_device_hardware_version(d) == 1, "mpp_device_hardware_version (EXT-1)");
        CHECK(!mpp_device_has_assignment(d) && mpp_device_username(d) == NULL &&
                  mpp_device_location(d) == NULL && !mpp_device_call_plan(d),
              "a license-only device has no assignment");
        CHECK(mpp_device_row(d) == 3, "mpp_device_row");
    }
    text = NULL;
    EXPECT_OK(mpp_report_devices_csv(report, &text, &err));
    EXPECT_OWNED(text, "Model,MAC Address\nCisco 8865NR,001A2B3C4D01\nCisco 8845,001A2B3C4D02\n",
                 "mpp_report_devices_csv");
    mpp_report_free(report);
    report = NULL;
    EXPECT_OK(mpp_upload_options_set_limits(opts, 12, 1024, 8, &err));
    EXPECT_OK(mpp_validate_upload((const uint8_t *)csv, strlen(csv), opts, &report, &err));
    CHECK(mpp_report_added(report) == 1, "a cell over the limit refuses its row");
    EXPECT_STR(mpp_finding_code(mpp_report_finding_at(report, 0)), "field_too_long",
               "a cell over the limit refuses its row");
    text = NULL;
    EXPECT_OK(mpp_report_errors_csv(report, &text, &err));
    if (text != NULL) {
        CHECK(strncmp(text, "Errors,Model,MAC Address\n", 25) == 0 &&
                  strstr(text, "[field_too_long]") != NULL &&
                  strstr(text, "CP-8845-K9=V01,001A2B3C4D02") != NULL,
              "mpp_report_errors_csv");
        mpp_string_free(text);
    }
    mpp_report_free(report);
    report = NULL;
    EXPECT_FAILS(mpp_upload_options_set_limits(opts, 0, 1024, 8, &err),
                 MPP_ERROR_CODE_INVALID_ARGUMENT, NULL, "max_field_bytes");
    EXPECT_FAILS(mpp_upload_options_set_limits(opts, 12, 0, 8, &err),
                 MPP_ERROR_CODE_INVALID_ARGUMENT, NULL, "max_record_bytes");
    EXPECT_FAILS(mpp_upload_options_set_limits(NULL, 1, 1, 1, &err), MPP_ERROR_CODE_NULL_POINTER,
                 NULL, "opts");
    EXPECT_FAILS(mpp_upload_options_set_directory(NULL, NULL, &err), MPP_ERROR_CODE_NULL_POINTER,
                 NULL, "opts");
    EXPECT_FAILS(mpp_upload_options_set_eligibility_table(NULL, NULL, &err),
                 MPP_ERROR_CODE_NULL_POINTER, NULL, "opts");

    /* NULL arguments of the upload functions; the outputs stay untouched. */
    {
        char missing[4096];
        mpp_report *r;
        mpp_upload_cursor *c;
        const mpp_upload_row *row;
        size_t n;
        poison(&r, sizeof r);
        poison(&c, sizeof c);
        poison(&row, sizeof row);
        poison(&n, sizeof n);
        snprintf(missing, sizeof missing, "%s/no-such-upload.csv", data);
        EXPECT_FAILS(mpp_validate_upload(NULL, 5, opts, &r, &err), MPP_ERROR_CODE_NULL_POINTER, NULL,
                     "bytes");
        EXPECT_FAILS(mpp_validate_upload((const uint8_t *)csv, 5, NULL, &r, &err),
                     MPP_ERROR_CODE_NULL_POINTER, NULL, "opts");
        EXPECT_FAILS(mpp_validate_upload((const uint8_t *)csv, 5, opts, NULL, &err),
                     MPP_ERROR_CODE_NULL_POINTER, NULL, "out");
        EXPECT_FAILS(mpp_validate_upload_path(NULL, opts, &r, &err), MPP_ERROR_CODE_NULL_POINTER,
                     NULL, "path");
        EXPECT_FAILS(mpp_validate_upload_path(missing, opts, &r, &err), MPP_ERROR_CODE_IO_ERROR,
                     NULL, "no-such-upload.csv");
        EXPECT_FAILS(mpp_upload_cursor_new(NULL, 5, opts, &c, &err), MPP_ERROR_CODE_NULL_POINTER,
                     NULL, "bytes");
        EXPECT_FAILS(mpp_upload_cursor_new((const uint8_t *)csv, 5, NULL, &c, &err),
                     MPP_ERROR_CODE_NULL_POINTER, NULL, "opts");
        EXPECT_FAILS(mpp_upload_cursor_open_path(missing, opts, &c, &err), MPP_ERROR_CODE_IO_ERROR,
                     NULL, "no-such-upload.csv");
        EXPECT_FAILS(mpp_upload_cursor_open_path(NULL, opts, &c, &err), MPP_ERROR_CODE_NULL_POINTER,
                     NULL, "path");
        EXPECT_FAILS(mpp_upload_cursor_next(NULL, &row, &err), MPP_ERROR_CODE_NULL_POINTER, NULL,
                     "cursor");
        EXPECT_FAILS(mpp_report_severity_counts(NULL, &n, &n, &err), MPP_ERROR_CODE_NULL_POINTER,
                     NULL, "report");
        EXPECT_FAILS(mpp_report_errors_csv(NULL, &text, &err), MPP_ERROR_CODE_NULL_POINTER, NULL,
                     "report");
        EXPECT_FAILS(mpp_report_devices_csv(NULL, &text, &err), MPP_ERROR_CODE_NULL_POINTER, NULL,
                     "report");
        EXPECT_UNTOUCHED(r, "mpp_validate_upload*");
        EXPECT_UNTOUCHED(c, "mpp_upload_cursor_*");
        EXPECT_UNTOUCHED(row, "mpp_upload_cursor_next");
        EXPECT_UNTOUCHED(n, "mpp_report_severity_counts");
    }

    /* Accessors of NULL handles. */
    CHECK(mpp_report_added(NULL) == 0 && mpp_report_errors(NULL) == 0 && mpp_report_total(NULL) == 0,
          "mpp_report counts of NULL");
    CHECK(!mpp_report_directory_checked(NULL), "mpp_report_directory_checked(NULL)");
    CHECK(mpp_report_finding_count(NULL) == 0 && mpp_report_finding_at(NULL, 0) == NULL,
          "mpp_report findings of NULL");
    CHECK(mpp_report_device_count(NULL) == 0 && mpp_report_device_at(NULL, 0) == NULL,
          "mpp_report devices of NULL");
    CHECK(mpp_upload_cursor_header_finding_count(NULL) == 0 &&
              mpp_upload_cursor_header_finding_at(NULL, 0) == NULL &&
              mpp_upload_cursor_end_finding_count(NULL) == 0 &&
              mpp_upload_cursor_end_finding_at(NULL, 0) == NULL,
          "mpp_upload_cursor findings of NULL");
    CHECK(mpp_upload_cursor_added(NULL) == 0 && mpp_upload_cursor_errors(NULL) == 0 &&
              mpp_upload_cursor_total(NULL) == 0 && !mpp_upload_cursor_directory_checked(NULL) &&
              mpp_upload_cursor_option(NULL) == MPP_UPLOAD_OPTION_LICENSE_AND_DEVICE,
          "mpp_upload_cursor counts of NULL");
    CHECK(mpp_upload_row_number(NULL) == 0 && !mpp_upload_row_accepted(NULL) &&
              !mpp_upload_row_blank(NULL) && mpp_upload_row_device(NULL) == NULL &&
              mpp_upload_row_finding_count(NULL) == 0 && mpp_upload_row_finding_at(NULL, 0) == NULL,
          "mpp_upload_row accessors of NULL");
    CHECK(mpp_device_mac(NULL) == NULL && mpp_device_device_name(NULL) == NULL &&
              mpp_device_model(NULL) == NULL && mpp_device_hardware_version(NULL) == 0 &&
              !mpp_device_has_assignment(NULL) && mpp_device_owner_type(NULL) == MPP_OWNER_TYPE_USER &&
              mpp_device_username(NULL) == NULL && mpp_device_phone_number(NULL) == NULL &&
              mpp_device_extension(NULL) == NULL && mpp_device_location(NULL) == NULL &&
              !mpp_device_call_plan(NULL) && mpp_device_row(NULL) == 0,
          "mpp_device accessors of NULL");
    mpp_report_free(NULL);
    mpp_upload_cursor_free(NULL);
    mpp_upload_options_free(NULL);
    mpp_upload_options_free(opts);
}

/* --- 3. the example: upload.csv against directory.json -------------------------------------- */

static const char *severity_name(mpp_severity s) {
    const char *name = mpp_severity_name(s);
    return name != NULL ? name : "?";
}

/* How many lines a text has, as Rust's str::lines counts them. */
static size_t line_count(const char *text) {
    size_t n = 0, len = strlen(text);
    for (const char *p = text; *p; p++) n += *p == '\n';
    return n + (len > 0 && text[len - 1] != '\n');
}

static void print_upload(const char *data) {
    char path[4096];
    mpp_directory *directory = load_directory(data);
    mpp_upload_options *opts = NULL;
    mpp_report *r = NULL;
    size_t errors = 0, warnings = 0;
    uint64_t row = 0;
    char *errors_file = NULL;

    snprintf(path, sizeof path, "%s/upload.csv", data);
    EXPECT_OK(mpp_upload_options_new(MPP_UPLOAD_OPTION_LICENSE_AND_DEVICE, &opts, &err));
    EXPECT_OK(mpp_upload_options_set_directory(opts, directory, &err));
    mpp_directory_free(directory); /* the options keep their own reference */
    EXPECT_OK(mpp_validate_upload_path(path, opts, &r, &err));
    mpp_upload_options_free(opts); /* the report needs them no more */
    if (r == NULL) return;

    printf("Upload of upload.csv (%s):\n", or_null(mpp_upload_option_name(mpp_report_option(r))));
    printf("  Added %llu   Errors %llu   Total uploaded %llu\n",
           (unsigned long long)mpp_report_added(r), (unsigned long long)mpp_report_errors(r),
           (unsigned long long)mpp_report_total(r));
    if (!mpp_report_directory_checked(r)) {
        printf("  (no directory: user, location, extension and Webex Calling checks were skipped)\n");
    }
    EXPECT_OK(mpp_report_severity_counts(r, &errors, &warnings, &err));
    printf("  %zu error(s), %zu warning(s)\n", errors, warnings);

    /* The findings are in input order: grouping by row is a matter of printing a heading. */
    for (size_t i = 0; i < mpp_report_finding_count(r); i++) {
        const mpp_finding *f = mpp_report_finding_at(r, i);
        const char *column = mpp_finding_column(f), *fix = mpp_finding_suggestion(f);
        const char *rule = or_null(mpp_finding_rule(f));
        if (i == 0 || mpp_finding_row(f) != row) {
            row = mpp_finding_row(f);
            printf("row %llu:\n", (unsigned long long)row);
        }
        printf("  %-7s %s%s%s%s%s%s [%s%s%s]\n", severity_name(mpp_finding_severity(f)),
               column ? column : "", column ? ": " : "", or_null(mpp_finding_message(f)),
               fix ? " (fix: " : "", fix ? fix : "", fix ? ")" : "", rule, rule[0] ? " " : "",
               or_null(mpp_finding_code(f)));
    }

    printf("Accepted devices:\n");
    for (size_t i = 0; i < mpp_report_device_count(r); i++) {
        const mpp_device *d = mpp_report_device_at(r, i);
        bool assigned = mpp_device_has_assignment(d);
        printf("  row %2llu  %s  %-6s %-9s %-20s %s\n", (unsigned long long)mpp_device_row(d),
               or_null(mpp_device_device_name(d)), or_null(mpp_model_name(mpp_device_model(d))),
               assigned ? or_null(mpp_owner_type_name(mpp_device_owner_type(d))) : "",
               assigned ? or_null(mpp_device_username(d)) : "",
               assigned ? or_null(mpp_device_location(d)) : "");
    }
    EXPECT_OK(mpp_report_errors_csv(r, &errors_file, &err));
    if (errors_file != NULL) {
        size_t lines = line_count(errors_file);
        printf("Errors file (CSV-15): %zu rows to fix, %zu bytes\n", lines ? lines - 1 : 0,
               strlen(errors_file));
        mpp_string_free(errors_file);
    }

    /* A few values the example shows, checked. */
    {
        const mpp_device *lobby = mpp_report_device_at(r, 2);
        CHECK(mpp_report_added(r) == 5 && mpp_report_errors(r) == 12 && mpp_report_total(r) == 17,
              "upload.csv counts (CSV-14)");
        CHECK(errors == 15 && warnings == 2, "upload.csv severities");
        CHECK(mpp_device_owner_type(lobby) == MPP_OWNER_TYPE_WORKSPACE, "Lobby is a workspace");
        EXPECT_STR(mpp_device_username(lobby), "Lobby", "mpp_device_username");
        EXPECT_STR(mpp_device_phone_number(lobby), "+14085550100", "mpp_device_phone_number (DEC-4)");
        EXPECT_STR(mpp_device_extension(lobby), "1003", "mpp_device_extension");
        EXPECT_STR(mpp_device_location(lobby), "HQ", "mpp_device_location");
        CHECK(!mpp_device_call_plan(lobby), "Call Plan is ignored for an existing workspace (DEC-6)");
        EXPECT_STR(mpp_device_phone_number(mpp_report_device_at(r, 0)), NULL,
                   "a USER has no phone number");
    }
    mpp_report_free(r);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s <examples/data directory>\n", argv[0]);
        return 2;
    }
    check_corpus(argv[1]);
    check_size_hint();
    check_directory(argv[1]);
    check_options_and_exports(argv[1]);
    print_upload(argv[1]);
    return checks_summary("upload.c");
}
