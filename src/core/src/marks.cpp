// Bookmarks and read marks as JSON. Imported files come from anywhere: every value is type-checked.
#include "folio/marks.h"

#include <nlohmann/json.hpp>

namespace folio {
namespace {

using json = nlohmann::json;

// Post ids are short lowercase hex or word strings (see make_post_id); anything else is skipped.
bool is_post_id(const std::string& s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '_')) return false;
    return true;
}

void read_ids(const json& doc, const char* key, std::set<std::string>& out) {
    const auto it = doc.find(key);
    if (it == doc.end() || !it->is_array()) return;
    for (const auto& v : *it) {
        if (out.size() >= kMaxMarks) break;
        if (v.is_string() && is_post_id(v.get_ref<const std::string&>())) out.insert(v.get<std::string>());
    }
}

}  // namespace

std::string format_marks(const Marks& marks, std::string_view site) {
    json doc = {{"format", kMarksFormat}, {"version", 1}, {"site", std::string(site)},
                {"bookmarks", marks.bookmarks}, {"read", marks.read}};
    return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<Marks> parse_marks(std::string_view text) {
    const json doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return Error{"this file is not JSON of Folio bookmarks"};
    const auto format = doc.find("format");
    if (format == doc.end() || !format->is_string() || format->get_ref<const std::string&>() != kMarksFormat)
        return Error{"this file is not a Folio bookmarks export (no \"format\": \"folio-marks\")"};
    const auto version = doc.find("version");
    if (version == doc.end() || !version->is_number_integer() || version->get<long long>() != 1)
        return Error{"this bookmarks file is from another Folio version"};
    Marks marks;
    read_ids(doc, "bookmarks", marks.bookmarks);
    read_ids(doc, "read", marks.read);
    return marks;
}

void merge_marks(Marks& into, const Marks& from) {
    for (const auto& id : from.bookmarks)
        if (into.bookmarks.size() < kMaxMarks) into.bookmarks.insert(id);
    for (const auto& id : from.read)
        if (into.read.size() < kMaxMarks) into.read.insert(id);
}

}  // namespace folio
