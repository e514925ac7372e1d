#pragma once
// Civil dates from Unix seconds, with no dependency on the C library's time zone state.
#include <cstdint>
#include <string>

namespace folio {

enum class UiLanguage : std::uint8_t;  // folio/ui_text.h

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

// Dates as a reader of the UI language writes them, in the post's own offset: English "5 Mar 2024",
// Chinese "2024年3月5日".
std::string format_day_in(UiLanguage lang, std::int64_t seconds, std::int32_t utc_offset_minutes);
// The day and, unless it is exactly midnight (a date without a time), the time: "5 Mar 2024, 09:38",
// "2024年3月5日 09:38".
std::string format_date_time_in(UiLanguage lang, std::int64_t seconds, std::int32_t utc_offset_minutes);
// A day number (days since 1970-01-01) as format_day_in shows it.
std::string format_day_number_in(UiLanguage lang, std::int32_t day);
// "Mar 2024" / "2024年3月", and "2024" / "2024年", for timeline labels.
std::string format_month_in(UiLanguage lang, std::int64_t year, int month);
std::string format_year_in(UiLanguage lang, std::int64_t year);
// "Mar" / "3月", and "5 Mar" / "3月5日": a month, a day of any year (on this day).
std::string format_month_name_in(UiLanguage lang, int month);
std::string format_month_day_in(UiLanguage lang, int month, int day);

}  // namespace folio
