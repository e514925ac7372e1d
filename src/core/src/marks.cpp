// Bookmarks and read marks as JSON. Imported files come from anywhere: every value is type-checked.
#include "folio/marks.h"

#include <algorithm>

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

std::string clean_search_name(std::string_view name) {
    while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    std::string out;
    for (char c : name)
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
    if (out.size() > kMaxSearchName) {
        std::size_t cut = kMaxSearchName;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out.resize(cut);
    }
    return out;
}

namespace {

void read_searches(const json& doc, std::vector<SavedSearch>& out) {
    const auto it = doc.find("searches");
    if (it == doc.end() || !it->is_array()) return;
    for (const auto& v : *it) {
        if (!v.is_object()) continue;
        const auto name = v.find("name"), view = v.find("view");
        if (name == v.end() || view == v.end() || !name->is_string() || !view->is_string()) continue;
        const std::string& hash = view->get_ref<const std::string&>();
        if (hash.size() > 64 * 1024 || (!hash.empty() && hash[0] != '#')) continue;
        SavedSearch s{clean_search_name(name->get_ref<const std::string&>()), hash};
        const bool taken = std::any_of(out.begin(), out.end(), [&](const SavedSearch& o) { return o.name == s.name; });
        if (!s.name.empty() && !taken && out.size() < kMaxSavedSearches) out.push_back(std::move(s));
    }
}

}  // namespace

bool save_search(Marks& marks, std::string_view name, std::string view) {
    std::string n = clean_search_name(name);
    if (n.empty()) return false;
    for (auto& s : marks.searches)
        if (s.name == n) {
            s.view = std::move(view);
            return true;
        }
    if (marks.searches.size() >= kMaxSavedSearches) return false;
    marks.searches.push_back({std::move(n), std::move(view)});
    return true;
}

void delete_search(Marks& marks, std::string_view name) {
    std::erase_if(marks.searches, [&](const SavedSearch& s) { return s.name == name; });
}

std::string format_marks(const Marks& marks, std::string_view site) {
    json searches = json::array();
    for (const auto& s : marks.searches) searches.push_back({{"name", s.name}, {"view", s.view}});
    json doc = {{"format", kMarksFormat}, {"version", 1}, {"site", std::string(site)},
                {"bookmarks", marks.bookmarks}, {"read", marks.read}, {"searches", searches}};
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
    read_searches(doc, marks.searches);
    return marks;
}

void merge_marks(Marks& into, const Marks& from) {
    for (const auto& id : from.bookmarks)
        if (into.bookmarks.size() < kMaxMarks) into.bookmarks.insert(id);
    for (const auto& id : from.read)
        if (into.read.size() < kMaxMarks) into.read.insert(id);
    for (const auto& s : from.searches) {
        const bool taken = std::any_of(into.searches.begin(), into.searches.end(), [&](const SavedSearch& o) { return o.name == s.name; });
        if (!taken && into.searches.size() < kMaxSavedSearches) into.searches.push_back(s);
    }
}

}  // namespace folio
