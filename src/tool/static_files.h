#pragma once
// What `folio serve` answers for a request path: the file under the site root, never outside it.
#include <filesystem>
#include <optional>
#include <string>

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

}  // namespace folio
