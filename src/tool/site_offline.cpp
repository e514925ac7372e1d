#include "site_offline.h"

#include <openssl/evp.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "folio/hash.h"

namespace folio {
namespace {

constexpr const char* kCssLink = R"(<link rel="stylesheet" href="folio.css">)";
constexpr const char* kShellScript = R"(<script src="folio-shell.js"></script>)";
constexpr const char* kManifestLink = R"(<link rel="manifest" href="manifest.webmanifest">)";
constexpr const char* kIconLink = R"(<link rel="icon" href="icon.svg">)";
constexpr const char* kCspStart = R"(http-equiv="Content-Security-Policy" content=")";
constexpr const char* kBuildMarker = "/*folio:build*/";

bool contains_nocase(std::string text, std::string what) {
    auto lower = [](std::string& s) { std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); }); };
    lower(text);
    lower(what);
    return text.find(what) != std::string::npos;
}

bool replace_once(std::string& text, const std::string& what, const std::string& with) {
    const auto at = text.find(what);
    if (at == std::string::npos) return false;
    text.replace(at, what.size(), with);
    return true;
}

}  // namespace

std::string base64_encode(const std::string& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string sha256_base64(const std::string& bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
    return base64_encode(std::string(reinterpret_cast<char*>(digest), len));
}

std::vector<std::string> first_screen_files(const Manifest& manifest, const BodyPack& newest_body) {
    std::vector<std::string> files{kManifestPath};
    for (const FontRef& font : manifest.fonts)
        if (!font.file.empty()) files.push_back(font.file);
    if (!manifest.fallback.file.empty()) files.push_back(manifest.fallback.file);
    // The newest posts' metadata; the older shards follow once the list shows (the viewer's loader).
    for (std::size_t k = 0; k < first_screen_shards(manifest); ++k) files.push_back(manifest.meta[k].file);
    // Last and small: without them the reader's first post waited for its body file, then for the dictionary.
    if (newest_body.file.empty() || newest_body.bytes > kPreloadBodyBytes) return files;
    files.push_back(newest_body.file);
    if (newest_body.file.ends_with(".gzd") && !manifest.dictionary.file.empty()) files.push_back(manifest.dictionary.file);
    return files;
}

namespace {

// index.html with a JSON block of this id before the shell script, in place of one it had (an app
// folder that is a built site: the page reads the first block of an id).
std::string page_with_json(const std::string& index_html, const char* id, const nlohmann::json& value) {
    std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    // '<' only occurs inside JSON strings, where \u003c means the same: nothing can end the block early.
    for (auto at = text.find('<'); at != std::string::npos; at = text.find('<', at)) text.replace(at, 1, "\\u003c");
    const std::string open = std::string("<script type=\"application/json\" id=\"") + id + "\">";
    std::string html = index_html;
    for (auto at = html.find(open); at != std::string::npos; at = html.find(open, at)) {
        auto end = html.find("</script>", at);  // its own: '<' is escaped inside the JSON
        if (end == std::string::npos) break;
        end += std::string("</script>").size();
        if (html.compare(end, 1, "\n") == 0) ++end;
        html.erase(at, end - at);
    }
    replace_once(html, kShellScript, open + text + "</script>\n" + kShellScript);
    return html;
}

}  // namespace

std::string page_with_preload(const std::string& index_html, const std::vector<std::string>& files) {
    return page_with_json(index_html, "folio-preload", files);
}

BundleFile make_offline_list(const std::vector<OfflineFile>& files, const FileEncoding& encoding) {
    // Written out rather than built as a JSON tree: a 300k-post site lists 180,000 files.
    std::string text = "{\"files\":[";
    for (const auto& f : files) {
        text += text.back() == '[' ? "[" : ",[";
        text += nlohmann::json(f.path).dump();
        text += ',' + std::to_string(f.bytes) + ']';
    }
    text += "]}";
    return make_data_file("offline", text, ".json", encoding);
}

std::string page_with_offline(const std::string& index_html, const std::string& list, std::uint64_t files,
                              std::uint64_t site_bytes) {
    return page_with_json(index_html, "folio-offline", {{"list", list}, {"files", files}, {"bytes", site_bytes}});
}

Result<std::string> make_single_file(const AppPage& page, const std::vector<BundleFile>& files) {
    for (const auto* js : {&page.shell_js, &page.app_js})
        if (contains_nocase(*js, "</script") || contains_nocase(*js, "<!--"))
            return Error{"a script of the app contains </script or <!-- and cannot be inlined"};
    if (contains_nocase(page.css, "</style")) return Error{"folio.css contains </style and cannot be inlined"};
    std::string html = page.index_html;
    std::string blocks;
    for (const auto& f : files) {
        if (f.path.find_first_of("\"<>&") != std::string::npos) return Error{"cannot inline a file named " + f.path};
        blocks += "<script type=\"application/x-folio-file\" data-path=\"" + f.path + "\">" + base64_encode(f.bytes) + "</script>\n";
    }
    const std::string csp = "default-src 'none'; script-src 'sha256-" + sha256_base64(page.shell_js) + "' 'sha256-" +
                            sha256_base64(page.app_js) + "' 'wasm-unsafe-eval'; style-src 'sha256-" +
                            sha256_base64(page.css) + "'; img-src 'self' https: http:; object-src 'none'; "
                            "base-uri 'none'; form-action 'none'";
    const auto csp_at = html.find(kCspStart);
    const auto csp_end = csp_at == std::string::npos ? csp_at : html.find('"', csp_at + std::string(kCspStart).size());
    if (csp_end == std::string::npos ||
        !replace_once(html, kCssLink, "<style>" + page.css + "</style>") ||
        !replace_once(html, kShellScript, blocks + "<script>" + page.shell_js + "</script>\n<script>" + page.app_js + "</script>"))
        return Error{"the app's index.html does not have the expected Content-Security-Policy, folio.css link and "
                     "folio-shell.js script; rebuild the web app"};
    const std::size_t value_at = csp_at + std::string(kCspStart).size();
    html.replace(value_at, csp_end - value_at, csp);
    replace_once(html, kManifestLink, "");  // not installable from a file
    replace_once(html, kIconLink, "");
    return html;
}

std::string named_revision(std::string_view path) {
    const auto dash = path.rfind('-');
    if (path.rfind("data/", 0) != 0 || dash == std::string_view::npos || path.size() < dash + 14 || path[dash + 13] != '.')
        return {};
    const std::string_view hex = path.substr(dash + 1, 12);
    if (hex.find_first_not_of("0123456789abcdef") != std::string_view::npos) return {};
    return std::string(hex);
}

Result<std::string> make_service_worker(const std::string& template_js, const std::vector<BundleFile>& files) {
    const auto begin = template_js.find(kBuildMarker);
    const auto end = begin == std::string::npos ? begin : template_js.find(kBuildMarker, begin + 1);
    if (end == std::string::npos) return Error{"sw.js of the app has no /*folio:build*/ markers; rebuild the web app"};
    nlohmann::json app = nlohmann::json::array();
    std::string all, offline;
    // The page reads the viewer from its gzipped copy when there is one: the worker keeps only that.
    const bool packed = std::any_of(files.begin(), files.end(), [](const BundleFile& f) { return f.path == kPackedWasm; });
    for (const auto& f : files) {
        if (packed && f.path == "app.wasm") continue;
        std::string rev = named_revision(f.path);
        if (rev.empty()) app.push_back({{"path", f.path}, {"rev", hex64(fnv1a64(f.bytes)).substr(0, 12)}});
        if (f.path.rfind("data/offline-", 0) == 0 && !rev.empty()) offline = f.path;
        all += f.path + '\n' + (rev.empty() ? app.back()["rev"].get<std::string>() : rev) + '\n';
    }
    const nlohmann::json build = {{"version", hex64(fnv1a64(all)).substr(0, 12)}, {"app", app}, {"offline", offline}};
    const std::size_t marker = std::string(kBuildMarker).size();
    return template_js.substr(0, begin + marker) + build.dump() + template_js.substr(end);
}

}  // namespace folio
