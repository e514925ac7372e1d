#pragma once
// The view in the URL hash, so links can be shared and back/forward work:
//   #post=<id>&q=<query>&tag=<t>&tag=<t2>&category=<c>&author=<a>&source=<site>
//    &days=2020-01-01..2020-03-31&onthisday=03-05&sort=title&order=asc&results=newest
// Values are percent-encoded UTF-8. Parsing never fails: unknown keys, bad escapes, invalid
// UTF-8 and malformed values are ignored part by part.
#include <optional>
#include <string>
#include <string_view>

#include "folio/view.h"

namespace folio {

inline constexpr std::size_t kMaxHashBytes = 64 * 1024;  // longer hashes are ignored whole
inline constexpr std::size_t kMaxHashValues = 256;       // values kept per facet

// "#post=..." for a view, "" for the default view (nothing selected, no query, no filters).
std::string format_view_hash(const ViewState& view);
// The view a hash describes; accepts it with or without the leading '#'.
ViewState parse_view_hash(std::string_view hash);

// Percent-encodes every byte but A-Z a-z 0-9 - . _ ~
std::string percent_encode(std::string_view text);
// Decodes %XX escapes ('+' stays '+'); nullopt for a bad escape or a result that is not UTF-8.
std::optional<std::string> percent_decode(std::string_view text);

// "2021-05-07" for day 18754 (days since 1970-01-01); years 1..9999 only.
std::string format_day_number(std::int32_t day);
std::optional<std::int32_t> parse_day_number(std::string_view text);

// "03-05" for 5 March (the hash's onthisday value).
std::string format_month_day(MonthDay md);

// The hash key of each facet ("tag", "category", "author", "source").
const char* facet_key(Facet facet);

}  // namespace folio
