#pragma once
// What `folio serve` answers for a request path: the file under the site root, never outside it.
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace folio {

// The file a URL path names under root, or nothing when it would leave the root (.., %2e%2e,
// absolute paths, symlinks pointing out) or names no regular file. url_path is already
// percent-decoded; "/" and folders mean their index.html.
std::optional<std::filesystem::path> resolve_site_path(const std::filesystem::path& root, const std::string& url_path);

// The address to open for a server listening on host:port: IPv6 hosts in brackets, and this
// machine's loopback for the any-address hosts (0.0.0.0, ::, empty).
std::string serve_url(const std::string& host, int port);

std::string content_type_for(const std::filesystem::path& file);
// Hashed data files never change (cached for a year); everything else is revalidated.
std::string cache_control_for(const std::filesystem::path& file);

// Text and wasm: sent compressed to clients that accept it (the .gz data files are compressed already).
bool worth_compressing(const std::filesystem::path& file);

enum class Encoding { Identity, Gzip, Brotli };
// The best coding an Accept-Encoding header allows: br, then gzip ("*" stands for either; q=0 refuses).
Encoding pick_encoding(std::string_view accept_encoding);
const char* encoding_name(Encoding encoding);  // "br", "gzip"; "" for identity

// The ETag of a file whose bytes hash to `hash`, as sent in the given coding ("\"hash-gzip\"").
std::string etag_for(const std::string& hash, Encoding encoding);
// Whether an If-None-Match header names this file's bytes in any coding (weak comparison, "*" matches).
bool etag_matches(std::string_view if_none_match, const std::string& hash);

// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the only form browsers send; nothing for anything else.
std::string http_date(std::time_t when);
std::optional<std::time_t> parse_http_date(std::string_view text);

}  // namespace folio
