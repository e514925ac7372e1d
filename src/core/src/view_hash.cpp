// The URL hash <-> ViewState. Input is hostile (pasted links): everything is checked, nothing throws.
#include "folio/view_hash.h"

#include <algorithm>
#include <cstdio>

#include "folio/date.h"

namespace folio {
namespace {

constexpr const char* kFacetKeys[kFacetCount] = {"tag", "category", "author", "source"};

bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Strict UTF-8: no overlongs, no surrogates, nothing past U+10FFFF, no NUL.
bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0) return false;
        if (c < 0x80) { ++i; continue; }
        std::size_t n = 0;
        char32_t cp = 0, min = 0;
        if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; min = 0x80; }
        else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; min = 0x800; }
        else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; min = 0x10000; }
        else return false;
        if (i + n >= s.size()) return false;
        for (std::size_t k = 1; k <= n; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n + 1;
    }
    return true;
}

void add_param(std::string& out, std::string_view key, std::string_view value) {
    out += out.empty() ? "#" : "&";
    out += key;
    out += '=';
    out += percent_encode(value);
}

const char* sort_name(SortKey key) {
    switch (key) {
        case SortKey::Date: return "date";
        case SortKey::Title: return "title";
        case SortKey::Source: return "source";
    }
    return "date";
}

std::optional<DayRange> parse_days(std::string_view v) {
    const std::size_t dots = v.find("..");
    const auto first = parse_day_number(v.substr(0, dots));
    const auto last = dots == std::string_view::npos ? first : parse_day_number(v.substr(dots + 2));
    if (!first || !last || *first > *last) return std::nullopt;
    return DayRange{*first, *last};
}

std::optional<MonthDay> parse_month_day(std::string_view v) {
    if (v.size() != 5 || v[2] != '-') return std::nullopt;
    const auto digit = [&](std::size_t k) { return v[k] >= '0' && v[k] <= '9'; };
    if (!digit(0) || !digit(1) || !digit(3) || !digit(4)) return std::nullopt;
    const int m = (v[0] - '0') * 10 + (v[1] - '0'), d = (v[3] - '0') * 10 + (v[4] - '0');
    static constexpr int kMaxDay[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > kMaxDay[m - 1]) return std::nullopt;
    return MonthDay{static_cast<std::uint8_t>(m), static_cast<std::uint8_t>(d)};
}

}  // namespace

std::string format_month_day(MonthDay md) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d-%02d", md.month % 100, md.day % 100);
    return buf;
}

std::string percent_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (is_unreserved(c)) {
            out += ch;
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::optional<std::string> percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size()) return std::nullopt;
        const int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    if (!valid_utf8(out)) return std::nullopt;
    return out;
}

std::string format_day_number(std::int32_t day) {
    const CivilTime t = civil_from_unix(static_cast<std::int64_t>(day) * 86400);
    if (t.year < 1 || t.year > 9999) return {};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(t.year), t.month, t.day);
    return buf;
}

std::optional<std::int32_t> parse_day_number(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    int parts[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p)
        for (std::size_t k = 0; k < lengths[p]; ++k) {
            const char c = s[starts[p] + k];
            if (c < '0' || c > '9') return std::nullopt;
            parts[p] = parts[p] * 10 + (c - '0');
        }
    const int year = parts[0], month = parts[1], day = parts[2];
    if (year < 1 || month < 1 || month > 12 || day < 1) return std::nullopt;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day > kDays[month - 1] + (month == 2 && leap ? 1 : 0)) return std::nullopt;
    return static_cast<std::int32_t>(days_from_civil(year, month, day));
}

const char* facet_key(Facet facet) { return kFacetKeys[static_cast<std::size_t>(facet)]; }

std::string format_view_hash(const ViewState& view) {
    std::string out;
    if (!view.post_id.empty()) add_param(out, "post", view.post_id);
    if (!view.query.empty()) add_param(out, "q", view.query);
    for (std::size_t f = 0; f < kFacetCount; ++f)
        for (const auto& value : view.filters.selected[f]) add_param(out, kFacetKeys[f], value);
    if (view.filters.days) {
        const std::string a = format_day_number(view.filters.days->first), b = format_day_number(view.filters.days->last);
        if (!a.empty() && !b.empty()) add_param(out, "days", a == b ? a : a + ".." + b);
    }
    if (view.filters.on_day) add_param(out, "onthisday", format_month_day(*view.filters.on_day));
    if (view.sort != SortKey::Date) add_param(out, "sort", sort_name(view.sort));
    if (view.ascending) add_param(out, "order", "asc");
    if (view.newest_first) add_param(out, "results", "newest");
    if (view.fold_copies) add_param(out, "copies", "fold");
    return out;
}

ViewState parse_view_hash(std::string_view hash) {
    ViewState view;
    if (hash.size() > kMaxHashBytes) return view;
    if (!hash.empty() && hash.front() == '#') hash.remove_prefix(1);
    while (!hash.empty()) {
        const std::size_t amp = hash.find('&');
        const std::string_view part = hash.substr(0, amp);
        hash = amp == std::string_view::npos ? std::string_view() : hash.substr(amp + 1);
        const std::size_t eq = part.find('=');
        if (eq == std::string_view::npos) continue;
        const std::string_view key = part.substr(0, eq);
        const auto value = percent_decode(part.substr(eq + 1));
        if (!value) continue;
        const std::string& v = *value;
        if (key == "post") {
            view.post_id = v;
        } else if (key == "q") {
            view.query = v;
        } else if (key == "days") {
            if (auto days = parse_days(v)) view.filters.days = days;
        } else if (key == "onthisday") {
            if (auto md = parse_month_day(v)) view.filters.on_day = md;
        } else if (key == "sort") {
            if (v == "date") view.sort = SortKey::Date;
            else if (v == "title") view.sort = SortKey::Title;
            else if (v == "source") view.sort = SortKey::Source;
        } else if (key == "order") {
            if (v == "asc") view.ascending = true;
            else if (v == "desc") view.ascending = false;
        } else if (key == "results") {
            if (v == "newest") view.newest_first = true;
            else if (v == "best") view.newest_first = false;
        } else if (key == "copies") {
            if (v == "fold") view.fold_copies = true;
            else if (v == "all") view.fold_copies = false;
        } else {
            for (std::size_t f = 0; f < kFacetCount; ++f) {
                auto& values = view.filters.selected[f];
                if (key != kFacetKeys[f] || v.empty() || values.size() >= kMaxHashValues) continue;
                if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
            }
        }
    }
    return view;
}

}  // namespace folio
