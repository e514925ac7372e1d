#include "folio/model.h"

#include <array>

#include "folio/hash.h"

namespace folio {
namespace {

constexpr std::array<const char*, 8> kKindNames = {"p", "h", "li", "pre", "img", "cap", "tr", "hr"};

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string hex64(std::uint64_t value) {
    const auto digits = hex64_digits(value);
    return {digits.begin(), digits.end()};
}

std::string make_post_id(const std::string& path) { return hex64(fnv1a64(path)); }

std::string site_of_url(const std::string& url) {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return {};
    std::size_t begin = scheme_end + 3;
    std::size_t end = url.find_first_of("/?#", begin);
    if (end == std::string::npos) end = url.size();
    std::string host = url.substr(begin, end - begin);
    if (auto at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
    if (auto colon = host.rfind(':'); colon != std::string::npos && host.find(']') == std::string::npos)
        host.erase(colon);
    for (char& c : host) c = ascii_lower(c);
    if (host.rfind("www.", 0) == 0) host.erase(0, 4);
    return host;
}

std::string plain_text(const std::vector<Block>& blocks) {
    std::string out;
    for (const auto& b : blocks) {
        if (b.kind == BlockKind::Rule || (b.kind == BlockKind::Image && b.text.empty())) continue;
        if (!out.empty()) out += '\n';
        out += b.text;
    }
    return out;
}

const char* block_kind_name(BlockKind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }

std::optional<BlockKind> block_kind_from_name(const std::string& name) {
    for (std::size_t i = 0; i < kKindNames.size(); ++i)
        if (name == kKindNames[i]) return static_cast<BlockKind>(i);
    return std::nullopt;
}

}  // namespace folio
