/*
 * e164.c: phone numbers as libphonenumber's metadata judges them (CSV-5, EXT-12, EXT-18), from C.
 *
 * Valid numbers of libphonenumber's own examples pass; numbers the structural check used to pass
 * are refused with the reason for their country; the metadata version is exposed.
 */

#include "check.h"

/* Normalises `in`, expecting `expected` (and country calling code `cc`). */
static void expect_valid(const char *in, const char *expected, uint16_t cc) {
    char *out = NULL;
    uint16_t code = 0;
    mpp_error *err = NULL;
    mpp_status status = mpp_normalize_e164(in, &out, &code, &err);
    if (EXPECT(status == MPP_OK, "mpp_normalize_e164", "%s: status %u (%s)", in, status,
               or_null(mpp_finding_message(mpp_error_finding(err))))) {
        CHECK(code == cc, "mpp_normalize_e164 country calling code");
        EXPECT_OWNED(out, expected, "mpp_normalize_e164");
    }
    mpp_error_free(err);
}

/* Expects `in` refused with `status`, a message naming `place` and, when not NULL, `suggestion`. */
static void expect_refused(const char *in, mpp_status expected, const char *place,
                           const char *suggestion) {
    char *out = (char *)"untouched";
    uint16_t code = 7;
    mpp_error *err = NULL;
    mpp_status status = mpp_normalize_e164(in, &out, &code, &err);
    EXPECT(status == expected, "mpp_normalize_e164", "%s: status %u, expected %u", in, status, expected);
    CHECK(out != NULL && strcmp(out, "untouched") == 0 && code == 7, "no output on failure");
    const mpp_finding *f = mpp_error_finding(err);
    const char *message = mpp_finding_message(f);
    EXPECT(message != NULL && strstr(message, place) != NULL, "message names the country", "%s: %s",
           in, or_null(message));
    if (suggestion != NULL) {
        EXPECT_STR(mpp_finding_suggestion(f), suggestion, "suggestion");
    }
    mpp_error_free(err);
}

int main(void) {
    expect_valid("+1 (408) 555-0100", "+14085550100", 1);
    expect_valid("+49 30 123456", "+4930123456", 49);
    expect_valid("+44 20 7946 0958", "+442079460958", 44);
    expect_valid("+800 1234 5678", "+80012345678", 800);

    expect_refused("+49 30 11", MPP_ERROR_CODE_E164_TOO_SHORT, "too short for DE", NULL);
    expect_refused("+1 200 555 0100", MPP_ERROR_CODE_E164_INVALID_NUMBER, "for US", NULL);
    expect_refused("+44 020 7946 0958", MPP_ERROR_CODE_E164_TRUNK_PREFIX, "national prefix 0",
                   "+442079460958");
    expect_refused("+44 20 7946 09581", MPP_ERROR_CODE_E164_TOO_LONG, "too long for GB", NULL);

    const char *version = mpp_e164_metadata_version();
    EXPECT_NONEMPTY(version, "mpp_e164_metadata_version");
    CHECK(version != NULL && version[0] >= '1' && version[0] <= '9' && strchr(version, '.') != NULL,
          "mpp_e164_metadata_version looks like a version");
    CHECK(mpp_e164_metadata_version() == version, "mpp_e164_metadata_version is static");
    return checks_summary("e164.c");
}
