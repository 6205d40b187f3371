// header_twice.cpp: include/mpp_migration.h compiles as C++17 and is safe to include twice.
// The test script compiles it (g++ -std=c++17 -Wall -Wextra -Werror -pedantic -c) and does not
// link it: what is checked is that the header is valid C++, that its include guard works and
// that its enums, typedefs and signatures mean in C++ what they mean in C.

#include "mpp_migration.h"
#include "mpp_migration.h"  // the include guard makes the second inclusion a no-op

#include <cstdint>
#include <cstring>
#include <type_traits>

// The fixed-width enums and the status are what the ABI says.
static_assert(sizeof(mpp_error_code) == sizeof(uint32_t), "mpp_error_code is 32 bits");
static_assert(sizeof(mpp_severity) == sizeof(uint32_t), "mpp_severity is 32 bits");
static_assert(sizeof(mpp_series) == sizeof(uint32_t), "mpp_series is 32 bits");
static_assert(std::is_same<mpp_status, uint32_t>::value, "mpp_status is uint32_t");
static_assert(MPP_OK == 0, "MPP_OK is 0");
static_assert(MPP_ERROR_CODE_MAC_INVALID_LENGTH == 201, "error numbers are API");
static_assert(MPP_VERSION_MAJOR >= 0 && MPP_VERSION_MINOR >= 0 && MPP_VERSION_PATCH >= 0,
              "the version macros are integer constants");

// The declarations (inside the header's `extern "C"`) keep their C signatures: taking their
// addresses as these exact function-pointer types fails to compile if one drifts.
using mac_fn = mpp_status (*)(const char *, char **, mpp_error **);
[[maybe_unused]] static const mac_fn mac_functions[] = {mpp_normalize_mac, mpp_device_name,
                                                         mpp_license_file_name, mpp_license_url};
[[maybe_unused]] static void (*const free_string)(char *) = mpp_string_free;

// Normalises a MAC the way a C++ host would, freeing the string and the error.
[[maybe_unused]] static bool normalizes_to(const char *mac, const char *expected) {
    char *out = nullptr;
    mpp_error *err = nullptr;
    const mpp_status status = mpp_normalize_mac(mac, &out, &err);
    const bool same = status == MPP_OK && std::strcmp(out, expected) == 0;
    mpp_string_free(out);
    mpp_error_free(err);
    return same;
}
