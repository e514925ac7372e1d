#pragma once
// Which links the viewer opens: http, https and mailto only (never javascript:, data:, file: ...).
#include <string_view>

namespace folio {

inline constexpr std::size_t kMaxLinkBytes = 8192;

// True for "http://host...", "https://host..." and "mailto:..." (scheme in any case) with no
// spaces or control characters anywhere (browsers drop those, which can hide another scheme).
bool is_openable_link(std::string_view href);

}  // namespace folio
