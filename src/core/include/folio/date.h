#pragma once
// Civil dates from Unix seconds, with no dependency on the C library's time zone state.
#include <cstdint>
#include <string>

namespace folio {

struct CivilTime {
    std::int64_t year = 1970;
    int month = 1, day = 1, hour = 0, minute = 0, second = 0;
};

// Days since 1970-01-01 for a proleptic Gregorian date (valid for any int64 year in range).
std::int64_t days_from_civil(std::int64_t year, int month, int day);
CivilTime civil_from_unix(std::int64_t seconds);

// "2021-05-07T09:38:21+08:00": the instant shown in the offset it was written with.
std::string format_iso8601(std::int64_t seconds, std::int32_t utc_offset_minutes);
// "2021-05-07" in the post's own offset.
std::string format_day(std::int64_t seconds, std::int32_t utc_offset_minutes);

}  // namespace folio
