#include <cctype>

#include "folio/date.h"
#include "folio/ingest.h"

namespace folio {
namespace {

// Reads exactly n digits at s[i]; advances i.
bool digits(std::string_view s, std::size_t& i, int n, int& out) {
    out = 0;
    for (int k = 0; k < n; ++k, ++i) {
        if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

bool valid_day(int y, int m, int d) {
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

void skip_spaces(std::string_view s, std::size_t& i) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
}

// "HH:MM", "HH:MM:SS" or "HH:MM:SS.fraction" (the fraction is dropped).
bool read_clock(std::string_view s, std::size_t& i, int& h, int& mi, int& sec) {
    if (!digits(s, i, 2, h) || i >= s.size() || s[i] != ':' || h > 23) return false;
    ++i;
    if (!digits(s, i, 2, mi) || mi > 59) return false;
    if (i < s.size() && s[i] == ':') {
        ++i;
        if (!digits(s, i, 2, sec) || sec > 60) return false;
        if (sec == 60) sec = 59;  // a leap second is kept within its minute
        if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
            ++i;
            while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
        }
    }
    return true;
}

// "+08:00", "+0800" or "+08" at s[i]; false if s[i] starts none of them.
bool read_offset(std::string_view s, std::size_t& i, std::int32_t& offset) {
    if (i >= s.size() || (s[i] != '+' && s[i] != '-')) return false;
    const int sign = s[i++] == '-' ? -1 : 1;
    int oh = 0, om = 0;
    if (!digits(s, i, 2, oh)) return false;
    if (i < s.size() && s[i] == ':') ++i;
    if (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && !digits(s, i, 2, om)) return false;
    if (oh > 18 || om > 59) return false;
    offset = sign * (oh * 60 + om);
    return true;
}

// The instant once the whole text was read; nothing may follow but spaces.
std::optional<ParsedDate> finish(std::string_view s, std::size_t i, int y, int mo, int d, int h, int mi, int sec,
                                 std::int32_t offset) {
    skip_spaces(s, i);
    if (i != s.size()) return std::nullopt;
    const std::int64_t local = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
    return ParsedDate{local - std::int64_t{offset} * 60, offset};
}


// RSS feeds write RFC 2822 dates: "Thu, 18 Jun 2020 00:51:28 +0000" (weekday optional, GMT/UTC/Z allowed).
std::optional<ParsedDate> parse_rfc2822(std::string_view s) {
    static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                              "jul", "aug", "sep", "oct", "nov", "dec"};
    std::size_t i = 0;
    skip_spaces(s, i);
    if (i + 4 <= s.size() && std::isalpha(static_cast<unsigned char>(s[i])) && s[i + 3] == ',') i += 4;
    skip_spaces(s, i);
    int d = 0, y = 0, h = 0, mi = 0, sec = 0;
    const std::size_t day_start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - day_start < 2) d = d * 10 + (s[i++] - '0');
    if (i == day_start) return std::nullopt;
    skip_spaces(s, i);
    if (i + 3 > s.size()) return std::nullopt;
    std::string mon;
    for (std::size_t k = 0; k < 3; ++k) mon += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i + k])));
    i += 3;
    int mo = 0;
    for (int k = 0; k < 12; ++k)
        if (mon == kMonths[k]) mo = k + 1;
    if (!mo) return std::nullopt;
    skip_spaces(s, i);
    if (!digits(s, i, 4, y) || y < 1000 || !valid_day(y, mo, d)) return std::nullopt;
    skip_spaces(s, i);
    if (!read_clock(s, i, h, mi, sec)) return std::nullopt;
    skip_spaces(s, i);
    std::int32_t offset = 0;
    const std::string_view zone = s.substr(i);
    if (zone == "GMT" || zone == "UTC" || zone == "UT" || zone == "Z") i = s.size();
    else if (!zone.empty() && !read_offset(s, i, offset)) return std::nullopt;
    return finish(s, i, y, mo, d, h, mi, sec, offset);
}

std::optional<ParsedDate> parse_iso_date(std::string_view s) {
    std::size_t i = 0;
    skip_spaces(s, i);
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (!digits(s, i, 4, y) || y < 1000) return std::nullopt;
    if (i >= s.size() || (s[i] != '-' && s[i] != '/')) return std::nullopt;
    const char sep = s[i++];
    if (!digits(s, i, 2, mo) || i >= s.size() || s[i] != sep) return std::nullopt;
    ++i;
    if (!digits(s, i, 2, d) || !valid_day(y, mo, d)) return std::nullopt;
    std::int32_t offset = 0;
    skip_spaces(s, i);
    if (i < s.size() && (s[i] == 'T' || s[i] == 't' || std::isdigit(static_cast<unsigned char>(s[i])))) {
        if (s[i] == 'T' || s[i] == 't') ++i;
        if (!read_clock(s, i, h, mi, sec)) return std::nullopt;
        skip_spaces(s, i);
        if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) ++i;
        else if (i < s.size() && (s[i] == '+' || s[i] == '-') && !read_offset(s, i, offset)) return std::nullopt;
    }
    return finish(s, i, y, mo, d, h, mi, sec, offset);
}

}  // namespace

std::optional<ParsedDate> parse_date(std::string_view s) {
    if (auto iso = parse_iso_date(s)) return iso;
    return parse_rfc2822(s);
}

std::optional<ParsedDate> date_from_filename(std::string_view name) {
    if (name.size() < 11 || std::string_view("-_. ").find(name[10]) == std::string_view::npos) return std::nullopt;
    return parse_date(name.substr(0, 10));
}

}  // namespace folio
