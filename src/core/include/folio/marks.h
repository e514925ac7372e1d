#pragma once
// Bookmarks and read marks: post ids, stored in the browser and exported / imported as JSON:
//   {"format": "folio-marks", "version": 1, "site": "...", "bookmarks": [ids], "read": [ids]}
#include <set>
#include <string>
#include <string_view>

#include "folio/result.h"

namespace folio {

inline constexpr const char* kMarksFormat = "folio-marks";
inline constexpr std::size_t kMaxMarks = 1000000;  // ids kept per list

struct Marks {
    std::set<std::string> bookmarks;
    std::set<std::string> read;
    bool operator==(const Marks&) const = default;
};

std::string format_marks(const Marks& marks, std::string_view site);
// Rejects what is not a marks file (with a message); ids that are not post ids are skipped.
Result<Marks> parse_marks(std::string_view json);
// Adds every mark of `from` to `into` (import merges, it never removes).
void merge_marks(Marks& into, const Marks& from);

}  // namespace folio
