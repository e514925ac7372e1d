#include "static_files.h"

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

}  // namespace folio
