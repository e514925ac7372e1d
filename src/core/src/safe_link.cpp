#include "folio/safe_link.h"

namespace folio {
namespace {

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

}  // namespace

bool is_openable_link(std::string_view href) {
    if (href.empty() || href.size() > kMaxLinkBytes) return false;
    for (char c : href)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return false;
    for (std::string_view scheme : {"http://", "https://"}) {
        if (!starts_with_nocase(href, scheme)) continue;
        const std::string_view rest = href.substr(scheme.size());
        return !rest.empty() && rest.front() != '/' && rest.front() != '\\';  // a host follows
    }
    return starts_with_nocase(href, "mailto:") && href.size() > 7;
}

}  // namespace folio
