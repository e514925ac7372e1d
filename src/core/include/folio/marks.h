#pragma once
// Bookmarks, read marks and saved searches, stored in the browser and exported / imported as JSON:
//   {"format": "folio-marks", "version": 1, "site": "...", "bookmarks": [ids], "read": [ids],
//    "searches": [{"name": "...", "view": "#q=...&tag=..."}]}
// A saved search is a named view (query, filters, date range, sort) in the URL hash's form
// (folio/view_hash.h) without an open post; files without "searches" (older ones) have none.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "folio/result.h"

namespace folio {

inline constexpr const char* kMarksFormat = "folio-marks";
inline constexpr std::size_t kMaxMarks = 1000000;  // ids kept per list
inline constexpr std::size_t kMaxSavedSearches = 1000;
inline constexpr std::size_t kMaxSearchName = 200;  // bytes of a saved search's name

struct SavedSearch {
    std::string name;
    std::string view;  // "#q=..." (format_view_hash of the view, no post)
    bool operator==(const SavedSearch&) const = default;
};

struct Marks {
    std::set<std::string> bookmarks;
    std::set<std::string> read;
    std::vector<SavedSearch> searches;  // in the order saved
    bool operator==(const Marks&) const = default;
};

// A name as stored: surrounding spaces gone, control characters dropped, cut at kMaxSearchName
// bytes on a character boundary.
std::string clean_search_name(std::string_view name);
// Saves a search under name (trimmed, at most kMaxSearchName bytes): replaces one of the same name,
// else adds it. False when the name is empty or the list is full.
bool save_search(Marks& marks, std::string_view name, std::string view);
void delete_search(Marks& marks, std::string_view name);

std::string format_marks(const Marks& marks, std::string_view site);
// Rejects what is not a marks file (with a message); ids that are not post ids are skipped.
Result<Marks> parse_marks(std::string_view json);
// Adds every mark of `from` to `into` (import merges, it never removes; a saved search whose name is
// taken keeps the one already there).
void merge_marks(Marks& into, const Marks& from);

}  // namespace folio
