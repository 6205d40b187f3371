/*
 * reader.c: the C test of uploads read through a callback (mpp_read_fn) and of the JSON
 * documents (mpp_*_to_json), and an example of both.
 *
 * 1. <data>/upload.csv is opened with fopen and handed to the library through a read callback
 *    that calls fread, a small chunk at a time: the library never holds the file whole. The
 *    streamed cursor's counts and findings (as JSON) must equal those of
 *    mpp_upload_cursor_open_path, and the whole report read through the callback
 *    (mpp_validate_upload_reader) must give the same JSON document as mpp_validate_upload_path.
 * 2. A callback that fails is an MPP_ERROR_CODE_IO_ERROR naming its status; a NULL callback is
 *    MPP_ERROR_CODE_NULL_POINTER.
 *    Both documents must equal the committed ones in <data>/json (see its README), which the
 *    Rust and Python tests compare with theirs too.
 * 3. Prints the counts and each finding's JSON document, and an eligibility outcome's.
 *
 * Run: reader <examples/data>. Exits non-zero, naming each failed check on stderr, when any
 * check fails. stdout is deterministic (the test script compares two builds' output).
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mpp_migration.h"

/* What the callback reads: a FILE and the most bytes it hands out per call. */
typedef struct file_feed {
    FILE *file;
    size_t chunk;
    unsigned calls;
    unsigned fail_at; /* 0: never fail */
} file_feed;

/* An mpp_read_fn over fread: 0 and the bytes read, 0 bytes at the end; -1 on a read error. */
static int32_t fread_chunk(void *user_data, uint8_t *buf, size_t len, size_t *out_read) {
    file_feed *feed = user_data;
    size_t want = len < feed->chunk ? len : feed->chunk;
    feed->calls++;
    if (feed->fail_at != 0 && feed->calls == feed->fail_at) return 42;
    *out_read = fread(buf, 1, want, feed->file);
    if (*out_read == 0 && ferror(feed->file)) return -1;
    return 0;
}

/* Reads a whole text file into a malloc'd string without its final newline; NULL if absent. */
static char *read_text(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    size_t cap = 4096, len = 0;
    char *text = malloc(cap);
    size_t n;
    while (text != NULL && (n = fread(text + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (len + 1 == cap) {
            char *grown = realloc(text, cap *= 2);
            if (grown == NULL) free(text);
            text = grown;
        }
    }
    fclose(f);
    if (text == NULL) return NULL;
    while (len > 0 && text[len - 1] == '\n') len--;
    text[len] = '\0';
    return text;
}

/* Joins the findings of a cursor, as JSON documents one per line, into an owned string. */
typedef struct lines {
    char *text;
    size_t len;
} lines;

static void lines_add(lines *l, const char *s) {
    size_t n = strlen(s);
    char *grown = realloc(l->text, l->len + n + 2);
    if (grown == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(3);
    }
    l->text = grown;
    memcpy(l->text + l->len, s, n);
    l->len += n;
    l->text[l->len++] = '\n';
    l->text[l->len] = '\0';
}

static void lines_add_finding(lines *l, const mpp_finding *f) {
    char *json = NULL;
    EXPECT_OK(mpp_finding_to_json(f, &json, &err));
    if (json != NULL) lines_add(l, json);
    mpp_string_free(json);
}

/* Drains a cursor: the counts and every finding's document; frees the cursor. */
static lines drain(mpp_upload_cursor *c, uint64_t counts[3]) {
    lines out = {NULL, 0};
    for (size_t i = 0; i < mpp_upload_cursor_header_finding_count(c); i++) {
        lines_add_finding(&out, mpp_upload_cursor_header_finding_at(c, i));
    }
    for (;;) {
        const mpp_upload_row *row = NULL;
        mpp_error *err = NULL;
        mpp_status st = mpp_upload_cursor_next(c, &row, &err);
        if (!expect_ok_at(__FILE__, __LINE__, "mpp_upload_cursor_next", st, err)) break;
        if (row == NULL) break;
        for (size_t i = 0; i < mpp_upload_row_finding_count(row); i++) {
            lines_add_finding(&out, mpp_upload_row_finding_at(row, i));
        }
    }
    for (size_t i = 0; i < mpp_upload_cursor_end_finding_count(c); i++) {
        lines_add_finding(&out, mpp_upload_cursor_end_finding_at(c, i));
    }
    counts[0] = mpp_upload_cursor_added(c);
    counts[1] = mpp_upload_cursor_errors(c);
    counts[2] = mpp_upload_cursor_total(c);
    mpp_upload_cursor_free(c);
    return out;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: reader <examples/data>\n");
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/upload.csv", argv[1]);

    mpp_upload_options *opts = NULL;
    EXPECT_OK(mpp_upload_options_new(MPP_UPLOAD_OPTION_LICENSE_AND_DEVICE, &opts, &err));

    /* The reference: the file opened by the library. */
    mpp_upload_cursor *by_path = NULL;
    EXPECT_OK(mpp_upload_cursor_open_path(path, opts, &by_path, &err));
    uint64_t expected_counts[3] = {0, 0, 0};
    lines expected = by_path ? drain(by_path, expected_counts) : (lines){NULL, 0};

    /* 1. The same file through fread, 5 bytes a call. */
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        return 2;
    }
    file_feed feed = {file, 5, 0, 0};
    mpp_upload_cursor *streamed = NULL;
    EXPECT_OK(mpp_upload_cursor_new_reader(fread_chunk, &feed, opts, &streamed, &err));
    uint64_t counts[3] = {0, 0, 0};
    lines got = streamed ? drain(streamed, counts) : (lines){NULL, 0};
    CHECK(memcmp(counts, expected_counts, sizeof counts) == 0, "streamed counts");
    EXPECT_STR(got.text, expected.text, "streamed findings");
    EXPECT(feed.calls > 10, "read a chunk at a time", "%u calls", feed.calls);

    /* The whole report through the callback is the report of the path, as JSON. */
    rewind(file);
    feed = (file_feed){file, 64, 0, 0};
    mpp_report *report = NULL, *report_by_path = NULL;
    EXPECT_OK(mpp_validate_upload_reader(fread_chunk, &feed, opts, &report, &err));
    EXPECT_OK(mpp_validate_upload_path(path, opts, &report_by_path, &err));
    char *json = NULL, *json_by_path = NULL;
    EXPECT_OK(mpp_report_to_json(report, &json, &err));
    EXPECT_OK(mpp_report_to_json(report_by_path, &json_by_path, &err));
    EXPECT_STR(json, json_by_path, "report document");
    /* The committed document, which the Rust and Python tests compare with theirs too. */
    snprintf(path, sizeof path, "%s/json/upload.report.json", argv[1]);
    char *golden = read_text(path);
    EXPECT_STR(json, golden, "report document equals json/upload.report.json");
    free(golden);
    CHECK(json != NULL && strstr(json, "\"counts\":{") != NULL, "the report has its counts");
    mpp_string_free(json);
    mpp_string_free(json_by_path);
    mpp_report_free(report);
    mpp_report_free(report_by_path);

    /* 2. A failing callback and a NULL one. */
    rewind(file);
    feed = (file_feed){file, 64, 0, 1};
    mpp_upload_cursor *none = NULL;
    EXPECT_FAILS(mpp_upload_cursor_new_reader(fread_chunk, &feed, opts, &none, &err),
                 MPP_ERROR_CODE_IO_ERROR, NULL, "status 42");
    CHECK(none == NULL, "no cursor on failure");
    EXPECT_FAILS(mpp_upload_cursor_new_reader(NULL, &feed, opts, &none, &err),
                 MPP_ERROR_CODE_NULL_POINTER, NULL, "read_fn");
    fclose(file);

    /* 3. The example's output. */
    printf("upload.csv through fread: %llu added, %llu errors, %llu rows\n",
           (unsigned long long)counts[0], (unsigned long long)counts[1],
           (unsigned long long)counts[2]);
    fputs(got.text ? got.text : "", stdout);

    mpp_eligibility *e = NULL;
    EXPECT_OK(mpp_check_eligibility("8845", NULL, "12.8(1)", NULL, &e, &err));
    char *ejson = NULL;
    EXPECT_OK(mpp_eligibility_to_json(e, &ejson, &err));
    CHECK(ejson != NULL && strstr(ejson, "\"status\":\"eligible\"") != NULL, "eligibility");
    snprintf(path, sizeof path, "%s/json/eligibility.8845.json", argv[1]);
    golden = read_text(path);
    EXPECT_STR(ejson, golden, "eligibility document equals json/eligibility.8845.json");
    free(golden);
    printf("8845 on 12.8(1): %s\n", ejson ? ejson : "(NULL)");
    mpp_string_free(ejson);
    mpp_eligibility_free(e);

    free(got.text);
    free(expected.text);
    mpp_upload_options_free(opts);
    return checks_summary("reader");
}
