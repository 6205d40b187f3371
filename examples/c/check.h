/*
 * check.h: the checking helpers the C examples share (they are the C test suite).
 *
 * Each check is counted; a failed one prints "FAIL <file>:<line>: <what>: <why>" on stderr and
 * the program ends with checks_summary(), which says how many failed and gives the exit code.
 * Everything is `static inline` so a program may use any subset without warnings.
 */

#ifndef MPP_EXAMPLES_CHECK_H
#define MPP_EXAMPLES_CHECK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mpp_migration.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static unsigned checks_run;
static unsigned checks_failed;

static inline const char *check_basename(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Records one check; on failure prints where, what was being done and why. */
static inline bool expect_at(const char *file, int line, bool ok, const char *what, const char *fmt,
                             ...) __attribute__((format(printf, 5, 6)));

static inline bool expect_at(const char *file, int line, bool ok, const char *what, const char *fmt,
                             ...) {
    checks_run++;
    if (!ok) {
        va_list args;
        checks_failed++;
        fprintf(stderr, "FAIL %s:%d: %s: ", check_basename(file), line, what);
        va_start(args, fmt);
        vfprintf(stderr, fmt, args);
        va_end(args);
        fputc('\n', stderr);
    }
    return ok;
}

#define EXPECT(cond, what, ...) expect_at(__FILE__, __LINE__, (cond), (what), __VA_ARGS__)
#define CHECK(cond, what) EXPECT((cond), (what), "%s", #cond)

static inline const char *or_null(const char *s) { return s ? s : "(NULL)"; }

static inline bool same_str(const char *a, const char *b) {
    return (a == NULL || b == NULL) ? a == b : strcmp(a, b) == 0;
}

/* `actual` equals `expected`; either may be NULL, and NULL equals only NULL. */
#define EXPECT_STR(actual, expected, what)                                                     \
    expect_str_at(__FILE__, __LINE__, (actual), (expected), (what), #actual)

static inline bool expect_str_at(const char *file, int line, const char *actual,
                                 const char *expected, const char *what, const char *expr) {
    return expect_at(file, line, same_str(actual, expected), what,
                     "%s is \"%s\", expected \"%s\"", expr, or_null(actual), or_null(expected));
}

#define EXPECT_NONEMPTY(s, what) EXPECT((s) != NULL && (s)[0] != '\0', (what), "%s is empty or NULL", #s)

/* Checks an owned string result against `expected`, then frees it with mpp_string_free. */
#define EXPECT_OWNED(owned, expected, what)                                                    \
    do {                                                                                       \
        char *owned_ = (owned);                                                                \
        EXPECT_STR(owned_, (expected), (what));                                                \
        mpp_string_free(owned_);                                                               \
    } while (0)

/* Out-parameters are filled with this byte before a failing call and must still hold it. */
#define POISON 0xA5

static inline void poison(void *p, size_t n) { memset(p, POISON, n); }

static inline bool untouched(const void *p, size_t n) {
    const unsigned char *bytes = p;
    for (size_t i = 0; i < n; i++) {
        if (bytes[i] != POISON) return false;
    }
    return true;
}

#define EXPECT_UNTOUCHED(obj, what)                                                            \
    EXPECT(untouched(&(obj), sizeof(obj)), (what), "%s was written on failure", #obj)

/*
 * The fields of a failure: `status` is `code`, `*err` holds a finding with the code's number,
 * name, rule and severity, a message (containing `message_part` when given), the expected
 * suggestion (NULL: none), `row` (0: none) and `column` (NULL: none). Frees `err`.
 */
static inline void expect_failure_at(const char *file, int line, const char *what,
                                     mpp_status status, mpp_error *err, uint32_t code,
                                     const char *suggestion, const char *message_part,
                                     uint64_t row, const char *column) {
    const mpp_finding *f = mpp_error_finding(err);
    mpp_severity severity;

    expect_at(file, line, status == code, what, "status %u (%s), expected %u (%s)",
              (unsigned)status, or_null(mpp_error_code_name(status)), (unsigned)code,
              or_null(mpp_error_code_name(code)));
    if (!expect_at(file, line, f != NULL, what, "no error stored in *err")) return;
    expect_at(file, line, mpp_finding_number(f) == code, what, "finding number %u, expected %u",
              (unsigned)mpp_finding_number(f), (unsigned)code);
    expect_str_at(file, line, mpp_finding_code(f), mpp_error_code_name(code), what, "code");
    expect_str_at(file, line, mpp_finding_rule(f), mpp_error_code_rule(code), what, "rule");
    if (expect_at(file, line, mpp_error_code_severity(code, &severity, NULL) == MPP_OK, what,
                  "no severity")) {
        expect_at(file, line, mpp_finding_severity(f) == severity, what,
                  "severity %u, expected %u", (unsigned)mpp_finding_severity(f),
                  (unsigned)severity);
    }
    expect_at(file, line, mpp_finding_message(f) != NULL && mpp_finding_message(f)[0] != '\0',
              what, "the message is empty");
    if (message_part != NULL && mpp_finding_message(f) != NULL) {
        expect_at(file, line, strstr(mpp_finding_message(f), message_part) != NULL, what,
                  "message \"%s\" does not mention \"%s\"", mpp_finding_message(f), message_part);
    }
    expect_str_at(file, line, mpp_finding_suggestion(f), suggestion, what, "suggestion");
    expect_at(file, line, mpp_finding_row(f) == row, what, "row %llu, expected %llu",
              (unsigned long long)mpp_finding_row(f), (unsigned long long)row);
    expect_str_at(file, line, mpp_finding_column(f), column, what, "column");
    mpp_error_free(err);
}

/* As expect_failure_at, for an error of no row or column (every argument error). */
#define expect_failure(what, status, err, code, suggestion, message_part)                      \
    expect_failure_at(__FILE__, __LINE__, (what), (status), (err), (code), (suggestion),       \
                      (message_part), 0, NULL)

/*
 * Runs `call`, which may store an error in `&err`, and checks it fails as expect_failure says.
 * (The status is read before `err`: C leaves the order of argument evaluation open.)
 */
#define EXPECT_FAILS(call, code, suggestion, message_part)                                     \
    do {                                                                                       \
        mpp_error *err = NULL;                                                                 \
        mpp_status status_ = (call);                                                           \
        expect_failure(#call, status_, err, (code), (suggestion), (message_part));             \
    } while (0)

/* As EXPECT_FAILS, for an error placed at a row and column. */
#define EXPECT_FAILS_AT(call, code, message_part, row, column)                                 \
    do {                                                                                       \
        mpp_error *err = NULL;                                                                 \
        mpp_status status_ = (call);                                                           \
        expect_failure_at(__FILE__, __LINE__, #call, status_, err, (code), NULL,               \
                          (message_part), (row), (column));                                    \
    } while (0)

/*
 * Runs `call`, which may store an error in `&err`, expecting MPP_OK; on failure reports the
 * error's code and message. Outputs are written only on success, so a caller initialises them
 * to NULL and tests them afterwards.
 */
#define EXPECT_OK(call)                                                                        \
    do {                                                                                       \
        mpp_error *err = NULL;                                                                 \
        mpp_status status_ = (call);                                                           \
        expect_ok_at(__FILE__, __LINE__, #call, status_, err);                                 \
    } while (0)

static inline bool expect_ok_at(const char *file, int line, const char *what, mpp_status status,
                                mpp_error *err) {
    bool ok = expect_at(file, line, status == MPP_OK && err == NULL, what, "status %u (%s): %s",
                        (unsigned)status, or_null(mpp_error_code_name(status)),
                        or_null(mpp_finding_message(mpp_error_finding(err))));
    mpp_error_free(err);
    return ok;
}

/*
 * The whole file at `path` in a new buffer the caller frees (NULL for an empty file); false if
 * unreadable. Running out of memory ends the program with exit code 3.
 */
static inline bool read_file(const char *path, uint8_t **bytes, size_t *len) {
    FILE *f = fopen(path, "rb");
    *bytes = NULL;
    *len = 0;
    if (f == NULL) return false;
    uint8_t chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        uint8_t *grown = realloc(*bytes, *len + n);
        if (grown == NULL) {
            fprintf(stderr, "out of memory\n");
            exit(3);
        }
        memcpy(grown + *len, chunk, n);
        *bytes = grown;
        *len += n;
    }
    bool ok = !ferror(f);
    fclose(f);
    return ok;
}

/* Prints the summary line (stdout on success, stderr on failure); returns the exit code. */
static inline int checks_summary(const char *program) {
    if (checks_failed > 0) {
        fprintf(stderr, "%s: %u of %u checks failed\n", program, checks_failed, checks_run);
        return 1;
    }
    printf("%s: all %u checks passed\n", program, checks_run);
    return 0;
}

#endif /* MPP_EXAMPLES_CHECK_H */
