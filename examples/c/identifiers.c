/*
 * identifiers.c: the C test of every export of include/mpp_migration.h, and an example.
 *
 * It checks each function's result, NULL for each pointer argument, invalid UTF-8, one
 * representative bad input per error code (number, name, rule, severity, message, suggestion,
 * row, column through mpp_error_finding and the mpp_finding_* accessors), that outputs are left
 * untouched on failure, the table of error codes, the version and the model catalogue. Then it
 * reads <data>/phones.csv and prints each phone's MAC, device name, model, series, Wi-Fi, VID,
 * firmware and problems, like examples/rust/identifiers.rs.
 *
 * Run: identifiers <examples/data>. Exits non-zero, naming each failed check on stderr, when
 * any check fails. stdout is deterministic (the test script compares two builds' output).
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "mpp_migration.h"

/* A printable rendering of an input for messages: NULL and non-ASCII bytes are spelled out. */
static const char *show(const char *s, char *buf, size_t n) {
    static const char hex[] = "0123456789abcdef";
    size_t used = 0;
    if (s == NULL) return "NULL";
    buf[used++] = '"';
    for (; *s != '\0' && used + 6 < n; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c < 0x7f) {
            buf[used++] = (char)c;
        } else {
            buf[used++] = '\\';
            buf[used++] = 'x';
            buf[used++] = hex[c >> 4];
            buf[used++] = hex[c & 0xf];
        }
    }
    buf[used++] = '"';
    buf[used] = '\0';
    return buf;
}

/* --- the text parsers, behind one signature -------------------------------------------------- */

/* Room for the outputs of any parser below. */
typedef union out_slot {
    char *text;
    struct {
        char *text;
        uint16_t country_code;
    } e164;
    struct {
        const mpp_model *model;
        uint8_t hardware_version;
    } model;
    uint8_t hardware_version;
    mpp_firmware *firmware;
} out_slot;

/* A function taking one text argument; `out` NULL passes NULL for its out-parameter(s). */
typedef struct parser {
    const char *name;       /* the export */
    const char *arg;        /* the name of its text argument */
    const char *sample;     /* an input it accepts */
    bool has_out;           /* whether it has a required out-parameter */
    mpp_status (*call)(const char *input, out_slot *out, mpp_error **err);
    void (*release)(out_slot *out); /* frees a successful output */
} parser;

static mpp_status call_mac(const char *in, out_slot *out, mpp_error **err) {
    return mpp_normalize_mac(in, out ? &out->text : NULL, err);
}
static mpp_status call_device_name(const char *in, out_slot *out, mpp_error **err) {
    return mpp_device_name(in, out ? &out->text : NULL, err);
}
static mpp_status call_license_file(const char *in, out_slot *out, mpp_error **err) {
    return mpp_license_file_name(in, out ? &out->text : NULL, err);
}
static mpp_status call_license_url(const char *in, out_slot *out, mpp_error **err) {
    return mpp_license_url(in, out ? &out->text : NULL, err);
}
static mpp_status call_e164(const char *in, out_slot *out, mpp_error **err) {
    return mpp_normalize_e164(in, out ? &out->e164.text : NULL,
                              out ? &out->e164.country_code : NULL, err);
}
static mpp_status call_email(const char *in, out_slot *out, mpp_error **err) {
    (void)out;
    return mpp_validate_email(in, err);
}
static mpp_status call_hardware(const char *in, out_slot *out, mpp_error **err) {
    return mpp_parse_hardware_version(in, out ? &out->hardware_version : NULL, err);
}
static mpp_status call_model(const char *in, out_slot *out, mpp_error **err) {
    return mpp_parse_model(in, out ? &out->model.model : NULL,
                           out ? &out->model.hardware_version : NULL, err);
}
static mpp_status call_firmware(const char *in, out_slot *out, mpp_error **err) {
    return mpp_firmware_parse(in, out ? &out->firmware : NULL, err);
}

static void release_text(out_slot *out) { mpp_string_free(out->text); }
static void release_e164(out_slot *out) { mpp_string_free(out->e164.text); }
static void release_firmware(out_slot *out) { mpp_firmware_free(out->firmware); }
static void release_nothing(out_slot *out) { (void)out; }

static const parser MAC = {"mpp_normalize_mac", "mac", "00:1a:2b:3c:4d:5e", true, call_mac, release_text};
static const parser DEVICE_NAME = {"mpp_device_name", "mac", "001a2b3c4d5e", true, call_device_name, release_text};
static const parser LICENSE_FILE = {"mpp_license_file_name", "mac", "001A2B3C4D5E", true, call_license_file, release_text};
static const parser LICENSE_URL = {"mpp_license_url", "mac", "001A2B3C4D5E", true, call_license_url, release_text};
static const parser E164 = {"mpp_normalize_e164", "number", "+14085550100", true, call_e164, release_e164};
static const parser EMAIL = {"mpp_validate_email", "email", "alice@example.com", false, call_email, release_nothing};
static const parser HARDWARE = {"mpp_parse_hardware_version", "text", "V03", true, call_hardware, release_nothing};
static const parser MODEL = {"mpp_parse_model", "text", "8845", true, call_model, release_nothing};
static const parser FIRMWARE = {"mpp_firmware_parse", "text", "14.1(1)", true, call_firmware, release_firmware};

static const parser *const PARSERS[] = {&MAC, &DEVICE_NAME, &LICENSE_FILE, &LICENSE_URL, &E164,
                                        &EMAIL, &HARDWARE, &MODEL, &FIRMWARE};

/* Calls `p` on `input`, expecting success; the caller reads `*out` and calls p->release. */
static bool parse_ok(const parser *p, const char *input, out_slot *out) {
    char what[160], shown[96];
    mpp_error *err = NULL;
    snprintf(what, sizeof what, "%s(%s)", p->name, show(input, shown, sizeof shown));
    mpp_status status = p->call(input, out, &err);
    bool ok = EXPECT(status == MPP_OK, what, "status %u (%s): %s", (unsigned)status,
                     or_null(mpp_error_code_name(status)),
                     or_null(mpp_finding_message(mpp_error_finding(err))));
    CHECK(err == NULL, what);
    mpp_error_free(err);
    return ok;
}

/*
 * Calls `p` on `input` (with a NULL out-parameter when `null_out`), expecting `code`: once with
 * an `err` to inspect, once with `err` NULL. The outputs must be left untouched.
 */
static void parse_fails(const parser *p, const char *input, bool null_out, uint32_t code,
                        const char *suggestion, const char *message_part) {
    char what[160], shown[96];
    out_slot out;
    mpp_error *err = NULL;
    snprintf(what, sizeof what, "%s(%s%s)", p->name, show(input, shown, sizeof shown),
             null_out ? ", out = NULL" : "");

    poison(&out, sizeof out);
    mpp_status status = p->call(input, null_out ? NULL : &out, &err);
    if (status == MPP_OK && !null_out) p->release(&out); /* reported just below */
    expect_failure(what, status, err, code, suggestion, message_part);
    EXPECT_UNTOUCHED(out, what);

    poison(&out, sizeof out);
    status = p->call(input, null_out ? NULL : &out, NULL);
    if (status == MPP_OK && !null_out) p->release(&out);
    EXPECT(status == code, what, "with err = NULL: status %u, expected %u", (unsigned)status,
           (unsigned)code);
    EXPECT_UNTOUCHED(out, what);
}

/* --- the checks ------------------------------------------------------------------------------ */

/* NULL for each pointer argument, invalid UTF-8, and success with `err` NULL, for each parser. */
static void check_parser_arguments(void) {
    for (size_t i = 0; i < COUNT(PARSERS); i++) {
        const parser *p = PARSERS[i];
        out_slot out;
        parse_fails(p, NULL, false, MPP_ERROR_CODE_NULL_POINTER, NULL, p->arg);
        parse_fails(p, "\xff\xfe", false, MPP_ERROR_CODE_ARGUMENT_NOT_UTF8, NULL, p->arg);
        parse_fails(p, "00\xc3", false, MPP_ERROR_CODE_ARGUMENT_NOT_UTF8, NULL, "offset 2");
        if (p->has_out) parse_fails(p, p->sample, true, MPP_ERROR_CODE_NULL_POINTER, NULL, "out");
        if (EXPECT(p->call(p->sample, &out, NULL) == MPP_OK, p->name,
                   "\"%s\" refused with err = NULL", p->sample)) {
            p->release(&out);
        }
    }
}

/* One representative bad input for each identifier error code. */
static void check_bad_inputs(void) {
    static const struct {
        const parser *p;
        const char *input;
        uint32_t code;
        const char *suggestion;
    } cases[] = {
        {&MAC, "", MPP_ERROR_CODE_MAC_INVALID_LENGTH, NULL},
        {&MAC, "001A2B3C4D", MPP_ERROR_CODE_MAC_INVALID_LENGTH, NULL},
        {&MAC, "001A2B3C4DZZ", MPP_ERROR_CODE_MAC_INVALID_CHARACTER, NULL},
        {&MAC, "0O1A2B3C4D5E", MPP_ERROR_CODE_MAC_INVALID_CHARACTER, "001A2B3C4D5E"},
        {&MAC, "00-1A-2B-3C-4D-5E", MPP_ERROR_CODE_MAC_WRONG_SEPARATOR, "001A2B3C4D5E"},
        {&MAC, "001a.2b3c.4d5e", MPP_ERROR_CODE_MAC_WRONG_SEPARATOR, "001A2B3C4D5E"},
        {&MAC, "SEP001A2B3C4D5E", MPP_ERROR_CODE_MAC_DEVICE_NAME, "001A2B3C4D5E"},
        {&MAC, "001A:2B:3C:4D:5E", MPP_ERROR_CODE_MAC_INVALID_GROUPING, "001A2B3C4D5E"},
        /* The other MAC functions report as mpp_normalize_mac does. */
        {&DEVICE_NAME, "00-1A-2B-3C-4D-5E", MPP_ERROR_CODE_MAC_WRONG_SEPARATOR, "001A2B3C4D5E"},
        {&LICENSE_FILE, "SEP001A2B3C4D5E", MPP_ERROR_CODE_MAC_DEVICE_NAME, "001A2B3C4D5E"},
        {&LICENSE_URL, "001A2B3C4D", MPP_ERROR_CODE_MAC_INVALID_LENGTH, NULL},
        {&E164, "4085550100", MPP_ERROR_CODE_E164_MISSING_PLUS, NULL},
        {&E164, "0014085550100", MPP_ERROR_CODE_E164_MISSING_PLUS, "+14085550100"},
        {&E164, "+1 800 FLOWERS", MPP_ERROR_CODE_E164_INVALID_CHARACTER, NULL},
        {&E164, "+1234567890123456", MPP_ERROR_CODE_E164_TOO_LONG, NULL},
        {&E164, "+44 123", MPP_ERROR_CODE_E164_TOO_SHORT, NULL},
        {&E164, "+0123456789", MPP_ERROR_CODE_E164_LEADING_ZERO, NULL},
        {&E164, "+999 1234567", MPP_ERROR_CODE_E164_UNKNOWN_COUNTRY_CODE, NULL},
        {&EMAIL, "alice.example.com", MPP_ERROR_CODE_EMAIL_INVALID, NULL},
        {&EMAIL, "alice@localhost", MPP_ERROR_CODE_EMAIL_INVALID, NULL},
        {&MODEL, "8854", MPP_ERROR_CODE_MODEL_UNKNOWN, "8851"},
        {&MODEL, "Polycom VVX 411", MPP_ERROR_CODE_MODEL_UNKNOWN, NULL},
        {&HARDWARE, "V100", MPP_ERROR_CODE_HARDWARE_VERSION_INVALID, NULL},
        {&HARDWARE, "Vx", MPP_ERROR_CODE_HARDWARE_VERSION_INVALID, NULL},
        {&FIRMWARE, "fourteen", MPP_ERROR_CODE_FIRMWARE_VERSION_INVALID, NULL},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        parse_fails(cases[i].p, cases[i].input, false, cases[i].code, cases[i].suggestion, NULL);
    }
}

static void check_text_results(void) {
    static const struct {
        const parser *p;
        const char *input;
        const char *expected;
    } cases[] = {
        {&MAC, "00:1a:2b:3c:4d:5e", "001A2B3C4D5E"},
        {&MAC, " 001a2b3c4d5e ", "001A2B3C4D5E"},
        {&DEVICE_NAME, "001a2b3c4d5e", "SEP001A2B3C4D5E"},
        {&LICENSE_FILE, "00:1A:2B:3C:4D:5E", "001A2B3C4D5E.lic"},
        {&LICENSE_URL, "001A2B3C4D5E", "https://cloudupgrader.webex.com/licenses/e2m/001A2B3C4D5E.lic"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        out_slot out;
        if (parse_ok(cases[i].p, cases[i].input, &out)) {
            EXPECT_OWNED(out.text, cases[i].expected, cases[i].p->name);
        }
    }
}

static void check_e164(void) {
    out_slot out;
    char *text = NULL;
    if (parse_ok(&E164, "+1 (408) 555-0100", &out)) {
        CHECK(out.e164.country_code == 1, "mpp_normalize_e164 country code");
        EXPECT_OWNED(out.e164.text, "+14085550100", "mpp_normalize_e164");
    }
    if (parse_ok(&E164, "+358 40 1234567", &out)) {
        CHECK(out.e164.country_code == 358, "mpp_normalize_e164 country code");
        EXPECT_OWNED(out.e164.text, "+358401234567", "mpp_normalize_e164");
    }
    /* The country code is optional. */
    CHECK(mpp_normalize_e164("+44 20 7946 0958", &text, NULL, NULL) == MPP_OK, "mpp_normalize_e164");
    EXPECT_OWNED(text, "+442079460958", "mpp_normalize_e164 without country code");

    EXPECT_STR(mpp_country_calling_code_region(358), "Finland", "mpp_country_calling_code_region");
    EXPECT_STR(mpp_country_calling_code_region(44), "United Kingdom", "mpp_country_calling_code_region");
    EXPECT_STR(mpp_country_calling_code_region(999), NULL, "mpp_country_calling_code_region");
    EXPECT_STR(mpp_country_calling_code_region(0), NULL, "mpp_country_calling_code_region");
}

static void check_email_and_hardware(void) {
    static const struct {
        const char *text;
        uint8_t number;
    } vids[] = {{"V03", 3}, {"v3", 3}, {"VID V03", 3}, {"3", 3}, {"V99", 99}};
    out_slot out;
    CHECK(parse_ok(&EMAIL, "alice.smith@example.co.uk", &out), "mpp_validate_email");
    for (size_t i = 0; i < COUNT(vids); i++) {
        if (parse_ok(&HARDWARE, vids[i].text, &out)) {
            EXPECT(out.hardware_version == vids[i].number, "mpp_parse_hardware_version",
                   "%s gave %u, expected %u", vids[i].text, (unsigned)out.hardware_version,
                   (unsigned)vids[i].number);
        }
    }
}

static const char *series_name(mpp_series s) {
    const char *name = mpp_series_name((uint32_t)s);
    return name != NULL ? name : "?";
}

/* The model `text` names, with the hardware version it carries (0: none). */
static void expect_model(const char *text, const char *name, uint8_t vid) {
    out_slot out;
    if (parse_ok(&MODEL, text, &out)) {
        EXPECT_STR(mpp_model_name(out.model.model), name, text);
        EXPECT(out.model.hardware_version == vid, text, "hardware version %u, expected %u",
               (unsigned)out.model.hardware_version, (unsigned)vid);
    }
}

static void check_models(void) {
    const mpp_model *m = NULL;
    size_t count = mpp_model_count();

    expect_model("8845", "8845", 0);
    expect_model("CP-7821-K9=V03", "7821", 3);
    expect_model("DMS Cisco 8865NR", "8865NR", 0);
    expect_model("cisco 6851", "6851", 0);
    /* The hardware version is optional. */
    CHECK(mpp_parse_model("CP-7821-K9=V03", &m, NULL, NULL) == MPP_OK, "mpp_parse_model");
    EXPECT_STR(mpp_model_name(m), "7821", "mpp_parse_model without hardware version");
    EXPECT_STR(mpp_model_ucm_name(m), "Cisco 7821", "mpp_model_ucm_name");
    EXPECT_STR(mpp_model_part_number(m), "CP-7821", "mpp_model_part_number");
    EXPECT_STR(mpp_model_description(m), "Cisco IP Phone 7821", "mpp_model_description");
    CHECK(mpp_model_series(m) == MPP_SERIES_S7800, "mpp_model_series");
    CHECK(mpp_model_kind_of(m) == MPP_MODEL_KIND_AUDIO, "mpp_model_kind");
    CHECK(!mpp_model_has_wifi(m), "mpp_model_has_wifi");
    CHECK(mpp_model_has_enterprise_firmware(m), "mpp_model_has_enterprise_firmware");

    CHECK(mpp_parse_model("8865", &m, NULL, NULL) == MPP_OK, "mpp_parse_model");
    CHECK(mpp_model_kind_of(m) == MPP_MODEL_KIND_VIDEO, "mpp_model_kind_of(8865)");
    CHECK(mpp_model_has_wifi(m), "mpp_model_has_wifi(8865)");
    CHECK(mpp_parse_model("6851", &m, NULL, NULL) == MPP_OK, "mpp_parse_model");
    CHECK(mpp_model_series(m) == MPP_SERIES_S6800, "mpp_model_series(6851)");
    CHECK(!mpp_model_has_enterprise_firmware(m), "mpp_model_has_enterprise_firmware(6851) (DEV-4)");

    /* EXT-15, EXT-17: what else a Unified CM cluster holds is known, with why it does not
       migrate; RIS reports numeric model codes (36224 is the 8845). */
    expect_model("Cisco 7960", "7960", 0);
    expect_model("Cisco Unified IP Phone 7965G", "7965", 0);
    expect_model("Cisco Unified Client Services Framework", "Unified Client Services Framework", 0);
    expect_model("CTI Route Point", "CTI Route Point", 0);
    expect_model("Third-party SIP Device (Basic)", "Third-party SIP Device (Basic)", 0);
    expect_model("36224", "8845", 0);
    CHECK(mpp_parse_model("Cisco 8945", &m, NULL, NULL) == MPP_OK, "mpp_parse_model(8945)");
    CHECK(mpp_model_class_of(m) == MPP_MODEL_CLASS_NO_MPP_FIRMWARE, "mpp_model_class_of(8945)");
    CHECK(mpp_model_series(m) == MPP_SERIES_S8900, "mpp_model_series(8945)");
    EXPECT_STR(mpp_series_name(MPP_SERIES_S8900), "8900", "mpp_series_name");
    CHECK(mpp_model_ris_code(m) == 585, "mpp_model_ris_code(8945)");
    CHECK(mpp_model_mpp_load_family(m) == NULL, "no MPP load for the 8945");
    EXPECT_STR(mpp_model_class_name(MPP_MODEL_CLASS_SOFT_CLIENT), "soft_client", "mpp_model_class_name");
    CHECK(strstr(or_null(mpp_model_class_reason(MPP_MODEL_CLASS_NO_MPP_FIRMWARE)), "no MPP firmware") != NULL,
          "mpp_model_class_reason");
    CHECK(mpp_model_class_reason(MPP_MODEL_CLASS_MPP_CONVERTIBLE) == NULL, "the table decides");
    CHECK(mpp_model_class_name(999) == NULL && mpp_series_name(999) == NULL, "unknown numbers");
    CHECK(mpp_parse_model("Cisco 8845", &m, NULL, NULL) == MPP_OK, "mpp_parse_model(8845)");
    EXPECT_STR(mpp_model_mpp_load_family(m), "sip8845_65", "mpp_model_mpp_load_family");
    CHECK(mpp_model_ris_code(m) == 36224, "mpp_model_ris_code(8845)");
    CHECK(mpp_model_ris_code(NULL) == 0 && mpp_model_mpp_load_family(NULL) == NULL, "NULL model");

    /* Enumeration: every model is complete and each of its names reads back as itself. */
    CHECK(count > 0, "mpp_model_count");
    for (size_t i = 0; i < count; i++) {
        const mpp_model *at = mpp_model_at(i);
        const char *names[4];
        char what[64];
        snprintf(what, sizeof what, "mpp_model_at(%zu)", i);
        if (!EXPECT(at != NULL, what, "NULL within the count")) continue;
        names[0] = mpp_model_name(at);
        names[1] = mpp_model_ucm_name(at);
        names[2] = mpp_model_part_number(at);
        names[3] = mpp_model_description(at);
        for (size_t n = 0; n < COUNT(names); n++) {
            /* A soft client or a CTI port has no part number. */
            if (n == 2 && mpp_model_class_of(at) >= MPP_MODEL_CLASS_SOFT_CLIENT) continue;
            EXPECT_NONEMPTY(names[n], what);
        }
        EXPECT(strcmp(series_name(mpp_model_series(at)), "?") != 0, what, "unknown series");
        CHECK(mpp_model_kind_of(at) == MPP_MODEL_KIND_AUDIO || mpp_model_kind_of(at) == MPP_MODEL_KIND_VIDEO, what);
        CHECK(mpp_model_class_name(mpp_model_class_of(at)) != NULL, what);
        /* DEV-4: the 6800 series runs MPP only; only convertible models have an MPP load family
           (the 8821 and 8831 excepted, DEV-2). */
        if (mpp_model_series(at) == MPP_SERIES_S6800) {
            CHECK(mpp_model_class_of(at) == MPP_MODEL_CLASS_MPP_ONLY, what);
            CHECK(!mpp_model_has_enterprise_firmware(at), what);
        }
        if (mpp_model_mpp_load_family(at) != NULL) {
            CHECK(mpp_model_class_of(at) == MPP_MODEL_CLASS_MPP_CONVERTIBLE, what);
        }
        for (size_t n = 0; n < 3; n++) {
            if (n == 2 && mpp_model_class_of(at) >= MPP_MODEL_CLASS_SOFT_CLIENT) continue;
            m = NULL;
            EXPECT(names[n] != NULL && mpp_parse_model(names[n], &m, NULL, NULL) == MPP_OK && m == at,
                   what, "\"%s\" does not read back as this model", or_null(names[n]));
        }
    }
    CHECK(mpp_model_at(count) == NULL, "mpp_model_at(count)");
    CHECK(mpp_model_at(SIZE_MAX) == NULL, "mpp_model_at(SIZE_MAX)");

    /* NULL handles. */
    CHECK(mpp_model_name(NULL) == NULL, "mpp_model_name(NULL)");
    CHECK(mpp_model_ucm_name(NULL) == NULL, "mpp_model_ucm_name(NULL)");
    CHECK(mpp_model_part_number(NULL) == NULL, "mpp_model_part_number(NULL)");
    CHECK(mpp_model_description(NULL) == NULL, "mpp_model_description(NULL)");
    CHECK(mpp_model_series(NULL) == MPP_SERIES_S8800, "mpp_model_series(NULL)");
    CHECK(mpp_model_kind_of(NULL) == MPP_MODEL_KIND_AUDIO, "mpp_model_kind_of(NULL)");
    CHECK(!mpp_model_has_wifi(NULL), "mpp_model_has_wifi(NULL)");
    CHECK(!mpp_model_has_enterprise_firmware(NULL), "mpp_model_has_enterprise_firmware(NULL)");
}

/* Parses `text` and checks every accessor; returns the version (free it) or NULL. */
static mpp_firmware *expect_firmware(const char *text, const char *spelled, uint16_t major,
                                     uint16_t minor, int32_t maint, uint16_t sr, bool is_mpp,
                                     const char *family) {
    out_slot out;
    char *s = NULL;
    if (!parse_ok(&FIRMWARE, text, &out)) return NULL;
    mpp_firmware *f = out.firmware;
    EXPECT(mpp_firmware_major(f) == major, text, "major %u", (unsigned)mpp_firmware_major(f));
    EXPECT(mpp_firmware_minor(f) == minor, text, "minor %u", (unsigned)mpp_firmware_minor(f));
    EXPECT(mpp_firmware_maint(f) == maint, text, "maint %d", (int)mpp_firmware_maint(f));
    EXPECT(mpp_firmware_service_release(f) == sr, text, "service release %u",
           (unsigned)mpp_firmware_service_release(f));
    CHECK(mpp_firmware_kind_of(f) == (is_mpp ? MPP_FIRMWARE_KIND_MPP : MPP_FIRMWARE_KIND_ENTERPRISE), text);
    EXPECT_STR(mpp_firmware_load_family(f), family, text);
    if (EXPECT(mpp_firmware_to_string(f, &s, NULL) == MPP_OK, text, "mpp_firmware_to_string failed")) {
        EXPECT_OWNED(s, spelled, text);
    }
    return f;
}

static void check_firmware(void) {
    mpp_firmware *sr3 = expect_firmware("12.5(1)SR3", "12.5(1)SR3", 12, 5, 1, 3, false, NULL);
    mpp_firmware *load = expect_firmware("sip78xx.14-1-1-0001-136", "14.1(1)", 14, 1, 1, 0, false, "sip78xx");
    mpp_firmware *mpp = expect_firmware("SIP78XX.11-3-6MPP0001-272", "11.3(6)", 11, 3, 6, 0, true, "sip78xx");
    mpp_firmware *short_form = expect_firmware("14.1", "14.1", 14, 1, -1, 0, false, NULL);
    mpp_firmware_free(mpp);
    mpp_firmware_free(short_form);

    static const struct {
        int a, b;
        int32_t expected;
    } orders[] = {{0, 1, -1}, {1, 0, 1}, {1, 1, 0}};
    mpp_firmware *pair[2] = {sr3, load};
    for (size_t i = 0; i < COUNT(orders); i++) {
        int32_t order = 7;
        mpp_error *err = NULL;
        mpp_status status = mpp_firmware_compare(pair[orders[i].a], pair[orders[i].b], &order, &err);
        CHECK(status == MPP_OK && err == NULL, "mpp_firmware_compare");
        EXPECT(order == orders[i].expected, "mpp_firmware_compare", "order %d, expected %d",
               (int)order, (int)orders[i].expected);
    }

    /* NULL for each pointer argument; outputs untouched. */
    {
        char *s;
        int32_t order;
        poison(&s, sizeof s);
        poison(&order, sizeof order);
        EXPECT_FAILS(mpp_firmware_to_string(NULL, &s, &err), MPP_ERROR_CODE_NULL_POINTER, NULL, "f");
        EXPECT_FAILS(mpp_firmware_to_string(sr3, NULL, &err), MPP_ERROR_CODE_NULL_POINTER, NULL, "out");
        EXPECT_UNTOUCHED(s, "mpp_firmware_to_string");
        EXPECT_FAILS(mpp_firmware_compare(NULL, load, &order, &err), MPP_ERROR_CODE_NULL_POINTER, NULL, "a");
        EXPECT_FAILS(mpp_firmware_compare(sr3, NULL, &order, &err), MPP_ERROR_CODE_NULL_POINTER, NULL, "b");
        EXPECT_FAILS(mpp_firmware_compare(sr3, load, NULL, &err), MPP_ERROR_CODE_NULL_POINTER, NULL, "out");
        EXPECT_UNTOUCHED(order, "mpp_firmware_compare");
        CHECK(mpp_firmware_compare(NULL, NULL, &order, NULL) == MPP_ERROR_CODE_NULL_POINTER,
              "mpp_firmware_compare(NULL, NULL, err = NULL)");
        EXPECT_UNTOUCHED(order, "mpp_firmware_compare");
    }

    CHECK(mpp_firmware_major(NULL) == 0, "mpp_firmware_major(NULL)");
    CHECK(mpp_firmware_minor(NULL) == 0, "mpp_firmware_minor(NULL)");
    CHECK(mpp_firmware_maint(NULL) == -1, "mpp_firmware_maint(NULL)");
    CHECK(mpp_firmware_service_release(NULL) == 0, "mpp_firmware_service_release(NULL)");
    CHECK(mpp_firmware_kind_of(NULL) == MPP_FIRMWARE_KIND_ENTERPRISE, "mpp_firmware_kind_of(NULL)");
    CHECK(mpp_firmware_load_family(NULL) == NULL, "mpp_firmware_load_family(NULL)");
    mpp_firmware_free(NULL);
    mpp_firmware_free(sr3);
    mpp_firmware_free(load);
}

/* Whether `s` is a snake_case name: lower-case letters, digits and '_', not at either end. */
static bool is_snake_case(const char *s) {
    size_t n = strlen(s);
    if (n == 0 || s[0] == '_' || s[n - 1] == '_') return false;
    for (size_t i = 0; i < n; i++) {
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_')) return false;
    }
    return true;
}

/*
 * The table of codes (docs/error-codes.md), enumerated as a host reads it: mpp_error_code_count()
 * codes in number order, the i-th numbered mpp_error_code_at(i), each with a static name, rule
 * and summary and a severity. (ffi/tests/header.rs checks that the header declares every code as
 * MPP_ERROR_CODE_<NAME> = <number>.)
 */
static void check_error_codes(void) {
    /* A few constants a host writes, and what the table says of them: numbers and names are API. */
    static const struct {
        uint32_t number;
        const char *name;
        const char *rule;
    } known[] = {
        {MPP_ERROR_CODE_INVALID_ARGUMENT, "invalid_argument", ""},
        {MPP_ERROR_CODE_MAC_INVALID_LENGTH, "mac_invalid_length", "DEV-6"},
        {MPP_ERROR_CODE_TASK_NAME_TAKEN, "task_name_taken", "TASK-1"},
        {MPP_ERROR_CODE_PANIC, "panic", ""},
    };
    size_t count = mpp_error_code_count();
    size_t found = 0;
    uint32_t previous = 0;
    EXPECT(count > 0, "mpp_error_code_count", "no codes");
    for (size_t i = 0; i < count; i++) {
        uint32_t number = mpp_error_code_at(i);
        const char *name = mpp_error_code_name(number), *rule = mpp_error_code_rule(number);
        mpp_severity severity;
        char what[64];
        snprintf(what, sizeof what, "mpp_error_code_at(%zu) = %u", i, (unsigned)number);
        EXPECT(number > previous, what, "not in increasing number order after %u", (unsigned)previous);
        previous = number;
        EXPECT(number / 100 >= 1 && (number / 100 <= 6 || number / 100 == 9), what, "out of the ranges");
        if (EXPECT_NONEMPTY(name, what)) {
            EXPECT(is_snake_case(name), what, "name \"%s\" is not snake_case", name);
        }
        CHECK(name == mpp_error_code_name(number), what); /* static: the same string every time */
        EXPECT(rule != NULL && (rule[0] == '\0' || strchr(rule, '-') != NULL), what,
               "rule \"%s\" is neither empty nor a rule id", or_null(rule));
        EXPECT_NONEMPTY(mpp_error_code_summary(number), what);
        CHECK(mpp_error_code_severity(number, &severity, NULL) == MPP_OK
                  && (severity == MPP_SEVERITY_ERROR || severity == MPP_SEVERITY_WARNING),
              what);
        for (size_t j = 0; j < i; j++) {
            EXPECT(!same_str(name, mpp_error_code_name(mpp_error_code_at(j))), what,
                   "name \"%s\" is also code %u's", or_null(name), (unsigned)mpp_error_code_at(j));
        }
        for (size_t k = 0; k < COUNT(known); k++) {
            if (number != known[k].number) continue;
            found++;
            EXPECT_STR(name, known[k].name, what);
            EXPECT_STR(rule, known[k].rule, what);
        }
    }
    EXPECT(found == COUNT(known), "mpp_error_code_at", "enumerates %zu of the %zu known codes", found,
           COUNT(known));
    CHECK(mpp_error_code_at(count) == 0, "mpp_error_code_at(count)");
    CHECK(mpp_error_code_name(0) == NULL, "mpp_error_code_name(0)");
    CHECK(mpp_error_code_rule(0) == NULL, "mpp_error_code_rule(0)");
    CHECK(mpp_error_code_summary(0) == NULL, "mpp_error_code_summary(0)");
    CHECK(mpp_error_code_name(MPP_OK) == NULL, "mpp_error_code_name(MPP_OK)");

    {
        mpp_severity severity;
        mpp_error *err = NULL;
        CHECK(mpp_error_code_severity(MPP_ERROR_CODE_MAC_INVALID_LENGTH, &severity, &err) == MPP_OK
                  && err == NULL && severity == MPP_SEVERITY_ERROR,
              "mpp_error_code_severity(mac_invalid_length)");
        poison(&severity, sizeof severity);
        EXPECT_FAILS(mpp_error_code_severity(0, &severity, &err), MPP_ERROR_CODE_INVALID_ARGUMENT, NULL,
                     "0 is not");
        EXPECT_FAILS(mpp_error_code_severity(MPP_ERROR_CODE_PANIC, NULL, &err),
                     MPP_ERROR_CODE_NULL_POINTER, NULL, "out");
        EXPECT_UNTOUCHED(severity, "mpp_error_code_severity");
    }

    /* The accessors of a NULL error or finding. */
    CHECK(mpp_error_finding(NULL) == NULL, "mpp_error_finding(NULL)");
    CHECK(mpp_finding_number(NULL) == 0, "mpp_finding_number(NULL)");
    CHECK(mpp_finding_code(NULL) == NULL, "mpp_finding_code(NULL)");
    CHECK(mpp_finding_rule(NULL) == NULL, "mpp_finding_rule(NULL)");
    CHECK(mpp_finding_severity(NULL) == MPP_SEVERITY_ERROR, "mpp_finding_severity(NULL)");
    CHECK(mpp_finding_message(NULL) == NULL, "mpp_finding_message(NULL)");
    CHECK(mpp_finding_suggestion(NULL) == NULL, "mpp_finding_suggestion(NULL)");
    CHECK(mpp_finding_row(NULL) == 0, "mpp_finding_row(NULL)");
    CHECK(mpp_finding_column(NULL) == NULL, "mpp_finding_column(NULL)");
    mpp_error_free(NULL);
    mpp_string_free(NULL);
}

static void check_version(void) {
    char expected[48];
    snprintf(expected, sizeof expected, "%d.%d.%d", MPP_VERSION_MAJOR, MPP_VERSION_MINOR,
             MPP_VERSION_PATCH);
    EXPECT_STR(mpp_version(), expected, "mpp_version() against the MPP_VERSION_* macros");
}

/* --- the example: a table of phones ------------------------------------------------------ */

#define MAX_PROBLEMS 4

typedef struct problems {
    mpp_error *errors[MAX_PROBLEMS];
    size_t count;
} problems;

/* Whether a call succeeded; if not, keeps its error (taken from `*err`) for the problems column. */
static bool noted(mpp_status status, mpp_error **err, problems *ps) {
    mpp_error *e = *err;
    *err = NULL;
    if (status == MPP_OK) return true;
    if (e != NULL && ps->count < MAX_PROBLEMS) {
        ps->errors[ps->count++] = e;
    } else {
        mpp_error_free(e);
    }
    return false;
}

/* "code [rule] fix: suggestion; …", then frees the errors. */
static void print_problems(problems *ps) {
    for (size_t i = 0; i < ps->count; i++) {
        const mpp_finding *f = mpp_error_finding(ps->errors[i]);
        printf("%s%s [%s]", i ? "; " : "", or_null(mpp_finding_code(f)), or_null(mpp_finding_rule(f)));
        if (mpp_finding_suggestion(f) != NULL) printf(" fix: %s", mpp_finding_suggestion(f));
        mpp_error_free(ps->errors[i]);
    }
    ps->count = 0;
}

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
    const char *mac_in = n > 0 ? cells[0] : "", *model_in = n > 1 ? cells[1] : "";
    const char *vid_in = n > 2 ? cells[2] : "", *firmware_in = n > 3 ? cells[3] : "";
    problems ps = {{NULL}, 0};
    mpp_error *err = NULL;
    char *mac = NULL, *device = NULL, *firmware_text = NULL, vid_text[8] = "-";
    const mpp_model *model = NULL;
    mpp_firmware *firmware = NULL;
    uint8_t vid = 0;

    if (noted(mpp_normalize_mac(mac_in, &mac, &err), &err, &ps)) {
        CHECK(mpp_device_name(mac_in, &device, NULL) == MPP_OK, "mpp_device_name of a valid MAC");
    }
    (void)noted(mpp_parse_model(model_in, &model, NULL, &err), &err, &ps);
    if (vid_in[0] != '\0' && noted(mpp_parse_hardware_version(vid_in, &vid, &err), &err, &ps)) {
        snprintf(vid_text, sizeof vid_text, "V%02u", (unsigned)vid);
    }
    if (firmware_in[0] != '\0' && noted(mpp_firmware_parse(firmware_in, &firmware, &err), &err, &ps)) {
        CHECK(mpp_firmware_to_string(firmware, &firmware_text, NULL) == MPP_OK, "mpp_firmware_to_string");
    }

    printf("%-14s %-16s %-7s %-6s %-5s %-4s %-11s ", mac ? mac : "-", device ? device : "-",
           model ? mpp_model_name(model) : "-", model ? series_name(mpp_model_series(model)) : "-",
           model ? (mpp_model_has_wifi(model) ? "yes" : "no") : "-", vid_text,
           firmware_text ? firmware_text : "-");
    print_problems(&ps);
    putchar('\n');

    mpp_string_free(mac);
    mpp_string_free(device);
    mpp_string_free(firmware_text);
    mpp_firmware_free(firmware);
}

static void print_phones(const char *dir) {
    char path[4096], line[1024];
    char *cells[8];
    snprintf(path, sizeof path, "%s/phones.csv", dir);
    FILE *csv = fopen(path, "r");
    if (!EXPECT(csv != NULL, path, "cannot open")) return;
    printf("%-14s %-16s %-7s %-6s %-5s %-4s %-11s problems\n", "MAC", "device name", "model",
           "series", "wifi", "VID", "firmware");
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
    check_version();
    check_error_codes();
    check_parser_arguments();
    check_bad_inputs();
    check_text_results();
    check_e164();
    check_email_and_hardware();
    check_models();
    check_firmware();
    print_phones(argv[1]);

    return checks_summary("identifiers.c");
}
