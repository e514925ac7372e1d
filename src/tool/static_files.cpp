#include "static_files.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace folio {
namespace fs = std::filesystem;

std::optional<fs::path> resolve_site_path(const fs::path& root, const std::string& url_path) {
    std::error_code ec;
    const fs::path base = fs::canonical(root, ec);
    if (ec) return std::nullopt;
    if (url_path.empty() || url_path[0] != '/' || url_path.find('\0') != std::string::npos ||
        url_path.find('\\') != std::string::npos)
        return std::nullopt;
    fs::path rel;
    for (const auto& part : fs::path(url_path.substr(1))) {
        const std::string p = part.string();
        if (p == ".." || p == "." || (!p.empty() && p[0] == '.')) return std::nullopt;  // no dot files either
        if (part.has_root_directory() || part.has_root_name()) return std::nullopt;     // "//etc": absolute
        if (!p.empty()) rel /= part;
    }
    fs::path target = base / rel;
    if (fs::is_directory(target, ec)) target /= "index.html";
    const fs::path real = fs::canonical(target, ec);  // follows symlinks: they must stay inside
    if (ec || !fs::is_regular_file(real, ec)) return std::nullopt;
    const auto [root_end, real_it] = std::mismatch(base.begin(), base.end(), real.begin(), real.end());
    if (root_end != base.end()) return std::nullopt;
    return real;
}

std::string serve_url(const std::string& host, int port) {
    std::string shown = host;
    if (host.empty() || host == "0.0.0.0") shown = "127.0.0.1";
    else if (host == "::" || host == "[::]") shown = "[::1]";
    else if (host.find(':') != std::string::npos && host.front() != '[') shown = "[" + host + "]";
    return "http://" + shown + ":" + std::to_string(port) + "/";
}

std::string content_type_for(const fs::path& file) {
    static const std::map<std::string, std::string> kTypes = {
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".json", "application/json"}, {".wasm", "application/wasm"}, {".otf", "font/otf"},
        {".ttf", "font/ttf"}, {".bin", "application/octet-stream"}, {".png", "image/png"},
        {".gz", "application/gzip"},  // never Content-Encoding: the page decodes these itself
        {".svg", "image/svg+xml"}, {".webmanifest", "application/manifest+json"}, {".txt", "text/plain; charset=utf-8"}};
    auto it = kTypes.find(file.extension().string());
    return it == kTypes.end() ? "application/octet-stream" : it->second;
}

std::string cache_control_for(const fs::path& file) {
    const std::string name = file.filename().string();
    const bool hashed = file.parent_path().filename() == "data" && name != "manifest.json";
    return hashed ? "public, max-age=31536000, immutable" : "no-cache";
}

bool worth_compressing(const fs::path& file) {
    static const std::array<std::string_view, 9> kText = {".html", ".js", ".mjs", ".css", ".json", ".wasm",
                                                          ".svg", ".webmanifest", ".txt"};
    const std::string ext = file.extension().string();
    return std::find(kText.begin(), kText.end(), ext) != kText.end();
}

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool equal_nocase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// Calls each(item) for the comma-separated items of a header value, trimmed, empty ones skipped.
template <class F>
void for_each_item(std::string_view list, F each) {
    while (!list.empty()) {
        const auto comma = list.find(',');
        const auto item = trim(list.substr(0, comma));
        if (!item.empty()) each(item);
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
}

}  // namespace

Encoding pick_encoding(std::string_view accept_encoding) {
    double br = -1, gzip = -1, any = -1;  // -1: not named
    for_each_item(accept_encoding, [&](std::string_view item) {
        const auto semi = item.find(';');
        const auto coding = trim(item.substr(0, semi));
        double q = 1;
        if (semi != std::string_view::npos) {
            const auto params = trim(item.substr(semi + 1));
            if (params.size() > 2 && (params[0] == 'q' || params[0] == 'Q') && params[1] == '=')
                q = std::strtod(std::string(params.substr(2)).c_str(), nullptr);
        }
        if (equal_nocase(coding, "br")) br = q;
        else if (equal_nocase(coding, "gzip") || equal_nocase(coding, "x-gzip")) gzip = q;
        else if (coding == "*") any = q;
    });
    if (br < 0) br = any;
    if (gzip < 0) gzip = any;
    if (br > 0 && br >= gzip) return Encoding::Brotli;
    if (gzip > 0) return Encoding::Gzip;
    return Encoding::Identity;
}

const char* encoding_name(Encoding encoding) {
    switch (encoding) {
        case Encoding::Gzip: return "gzip";
        case Encoding::Brotli: return "br";
        case Encoding::Identity: break;
    }
    return "";
}

std::string etag_for(const std::string& hash, Encoding encoding) {
    if (encoding == Encoding::Identity) return "\"" + hash + "\"";
    return "\"" + hash + "-" + encoding_name(encoding) + "\"";
}

bool etag_matches(std::string_view if_none_match, const std::string& hash) {
    bool match = false;
    for_each_item(if_none_match, [&](std::string_view tag) {
        if (tag == "*") match = true;
        if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
        if (tag.size() < 2 || tag.front() != '"' || tag.back() != '"') return;
        tag = tag.substr(1, tag.size() - 2);
        for (std::string_view suffix : {"-gzip", "-br"})
            if (tag.size() > suffix.size() && tag.substr(tag.size() - suffix.size()) == suffix) tag.remove_suffix(suffix.size());
        if (tag == hash) match = true;
    });
    return match;
}

namespace {
constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
}  // namespace

std::string http_date(std::time_t when) {
    std::tm t{};
    gmtime_r(&when, &t);
    char out[40];
    std::snprintf(out, sizeof out, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[static_cast<std::size_t>(t.tm_wday) % 7],
                  t.tm_mday, kMonths[static_cast<std::size_t>(t.tm_mon) % 12], t.tm_year + 1900, t.tm_hour, t.tm_min,
                  t.tm_sec);
    return out;
}

std::optional<std::time_t> parse_http_date(std::string_view text) {
    // "Sun, 06 Nov 1994 08:49:37 GMT": every field at a fixed place.
    if (text.size() != 29 || text.substr(3, 2) != ", " || text.substr(25) != " GMT") return std::nullopt;
    auto number = [&](std::size_t at, std::size_t len) {
        int n = 0;
        for (std::size_t i = at; i < at + len; ++i) {
            if (text[i] < '0' || text[i] > '9') return -1;
            n = n * 10 + (text[i] - '0');
        }
        return n;
    };
    std::tm t{};
    const auto month = std::find_if(kMonths.begin(), kMonths.end(), [&](const char* m) { return text.substr(8, 3) == m; });
    t.tm_mday = number(5, 2);
    t.tm_year = number(12, 4) - 1900;
    t.tm_hour = number(17, 2);
    t.tm_min = number(20, 2);
    t.tm_sec = number(23, 2);
    if (month == kMonths.end() || t.tm_mday < 1 || t.tm_year < 0 || t.tm_hour < 0 || t.tm_min < 0 || t.tm_sec < 0 ||
        text[7] != ' ' || text[11] != ' ' || text[16] != ' ' || text[19] != ':' || text[22] != ':')
        return std::nullopt;
    t.tm_mon = static_cast<int>(month - kMonths.begin());
    return timegm(&t);
}

}  // namespace folio
