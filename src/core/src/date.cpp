#include "folio/date.h"

#include <cstdio>

#include "folio/ui_text.h"

namespace folio {

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<std::int64_t>(y - era * 400);
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

CivilTime civil_from_unix(std::int64_t seconds) {
    std::int64_t days = seconds / 86400;
    std::int64_t rem = seconds % 86400;
    if (rem < 0) {
        rem += 86400;
        days -= 1;
    }
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    CivilTime t;
    t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    t.year = yoe + era * 400 + (t.month <= 2);
    t.hour = static_cast<int>(rem / 3600);
    t.minute = static_cast<int>(rem % 3600 / 60);
    t.second = static_cast<int>(rem % 60);
    return t;
}

std::string format_iso8601(std::int64_t seconds, std::int32_t offset) {
    const CivilTime t = civil_from_unix(seconds + std::int64_t{offset} * 60);
    char buf[64];
    const char sign = offset < 0 ? '-' : '+';
    const int abs_off = offset < 0 ? -offset : offset;
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
                  static_cast<long long>(t.year), t.month, t.day, t.hour, t.minute, t.second, sign,
                  abs_off / 60, abs_off % 60);
    return buf;
}

std::string format_day(std::int64_t seconds, std::int32_t offset) {
    const CivilTime t = civil_from_unix(seconds + std::int64_t{offset} * 60);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d", static_cast<long long>(t.year), t.month, t.day);
    return buf;
}

namespace {

constexpr const char* kMonths[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string civil_day_in(UiLanguage lang, const CivilTime& t) {
    char buf[48];
    if (lang == UiLanguage::En)
        std::snprintf(buf, sizeof buf, "%d %s %lld", t.day, kMonths[t.month - 1], static_cast<long long>(t.year));
    else std::snprintf(buf, sizeof buf, "%lld年%d月%d日", static_cast<long long>(t.year), t.month, t.day);
    return buf;
}

}  // namespace

std::string format_day_in(UiLanguage lang, std::int64_t seconds, std::int32_t offset) {
    return civil_day_in(lang, civil_from_unix(seconds + std::int64_t{offset} * 60));
}

std::string format_date_time_in(UiLanguage lang, std::int64_t seconds, std::int32_t offset) {
    const CivilTime t = civil_from_unix(seconds + std::int64_t{offset} * 60);
    std::string out = civil_day_in(lang, t);
    if (t.hour == 0 && t.minute == 0 && t.second == 0) return out;
    char time[16];
    std::snprintf(time, sizeof time, "%02d:%02d", t.hour, t.minute);
    return out + (lang == UiLanguage::En ? ", " : " ") + time;
}

std::string format_day_number_in(UiLanguage lang, std::int32_t day) { return format_day_in(lang, std::int64_t{day} * 86400, 0); }

std::string format_month_name_in(UiLanguage lang, int month) {
    if (lang == UiLanguage::En) return kMonths[(month + 11) % 12];
    return std::to_string((month + 11) % 12 + 1) + "月";
}

std::string format_month_day_in(UiLanguage lang, int month, int day) {
    char buf[32];
    if (lang == UiLanguage::En) std::snprintf(buf, sizeof buf, "%d %s", day, kMonths[(month + 11) % 12]);
    else std::snprintf(buf, sizeof buf, "%d月%d日", month, day);
    return buf;
}

std::string format_month_in(UiLanguage lang, std::int64_t year, int month) {
    char buf[32];
    if (lang == UiLanguage::En) std::snprintf(buf, sizeof buf, "%s %lld", kMonths[(month + 11) % 12], static_cast<long long>(year));
    else std::snprintf(buf, sizeof buf, "%lld年%d月", static_cast<long long>(year), month);
    return buf;
}

std::string format_year_in(UiLanguage lang, std::int64_t year) {
    return std::to_string(year) + (lang == UiLanguage::En ? "" : "年");
}

}  // namespace folio
