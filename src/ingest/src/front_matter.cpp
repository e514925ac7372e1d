#include <yaml-cpp/yaml.h>

#include <map>
#include <nlohmann/json.hpp>

#include "folio/ingest.h"

namespace folio {
namespace {

using json = nlohmann::json;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool is_fence(std::string_view line, std::string_view fence) { return trim(line) == fence && line.substr(0, 3) == fence; }

// One value of the front matter, from YAML or from the fallback.
struct Value {
    std::string scalar;
    std::vector<std::string> items;
    bool is_list = false;
    json as_json;  // for extra keys
};

json yaml_to_json(const YAML::Node& node, int depth = 0) {
    if (depth > 64) return nullptr;
    switch (node.Type()) {
        case YAML::NodeType::Scalar: {
            const std::string& s = node.Scalar();
            if (node.Tag() == "!") return s;  // quoted: always a string
            if (s == "true" || s == "True") return true;
            if (s == "false" || s == "False") return false;
            json number = json::parse(s, nullptr, false);
            return number.is_number() ? number : json(s);
        }
        case YAML::NodeType::Sequence: {
            json arr = json::array();
            for (const auto& item : node) arr.push_back(yaml_to_json(item, depth + 1));
            return arr;
        }
        case YAML::NodeType::Map: {
            json obj = json::object();
            for (const auto& kv : node)
                obj[kv.first.IsScalar() ? kv.first.Scalar() : std::string("?")] = yaml_to_json(kv.second, depth + 1);
            return obj;
        }
        default:
            return nullptr;
    }
}

std::string json_to_text(const json& j) {
    if (j.is_string()) return j.get<std::string>();
    if (j.is_null()) return {};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Value value_from_yaml(const YAML::Node& node) {
    Value v;
    v.as_json = yaml_to_json(node);
    if (node.IsSequence()) {
        v.is_list = true;
        for (const auto& item : node) v.items.push_back(json_to_text(yaml_to_json(item)));
    } else {
        v.scalar = json_to_text(v.as_json);
    }
    return v;
}

std::string unquote(std::string_view s) {
    s = trim(s);
    if (s.size() >= 2 && ((s.front() == '"' && s.back() == '"') || (s.front() == '\'' && s.back() == '\'')))
        return std::string(s.substr(1, s.size() - 2));
    return std::string(s);
}

// Line-by-line reading for blocks strict YAML rejects: "key: value", "key: [a, b]", "- item".
std::vector<std::pair<std::string, Value>> read_lenient(std::string_view block) {
    std::vector<std::pair<std::string, Value>> out;
    std::size_t pos = 0;
    while (pos <= block.size()) {
        std::size_t nl = block.find('\n', pos);
        if (nl == std::string_view::npos) nl = block.size();
        std::string_view line = block.substr(pos, nl - pos);
        pos = nl + 1;
        std::string_view t = trim(line);
        if (t.empty() || t.front() == '#') continue;
        if (t.front() == '-' && !out.empty() && (t.size() == 1 || t[1] == ' ')) {
            Value& v = out.back().second;
            if (v.scalar.empty()) {
                v.is_list = true;
                v.items.push_back(unquote(t.substr(1)));
            }
            continue;
        }
        if (line.front() == ' ' || line.front() == '\t') continue;  // continuation we cannot read
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) continue;
        std::string key(trim(line.substr(0, colon)));
        std::string_view raw = trim(line.substr(colon + 1));
        Value v;
        if (raw.size() >= 2 && raw.front() == '[' && raw.back() == ']') {
            v.is_list = true;
            for (auto& item : split_list_string(raw.substr(1, raw.size() - 2))) v.items.push_back(unquote(item));
            v.as_json = v.items;
        } else {
            v.scalar = unquote(raw);
            v.as_json = v.scalar;
        }
        out.emplace_back(std::move(key), std::move(v));
    }
    return out;
}

bool is_http_url(const std::string& s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0; }

std::vector<std::string> as_list(const Value& v) {
    if (v.is_list) {
        std::vector<std::string> out;
        for (const auto& item : v.items) {
            std::string t(trim(item));
            if (!t.empty()) out.push_back(std::move(t));
        }
        return out;
    }
    return split_list_string(v.scalar);
}

void assign(FrontMatter& fm, std::vector<std::pair<std::string, Value>> fields) {
    // Last occurrence wins, as in Jekyll; fields keep their first position.
    std::map<std::string, std::size_t> seen;
    std::vector<std::pair<std::string, Value>> unique;
    for (auto& [key, value] : fields) {
        if (auto it = seen.find(key); it != seen.end()) {
            fm.duplicate_keys.push_back(key);
            unique[it->second].second = std::move(value);
        } else {
            seen[key] = unique.size();
            unique.emplace_back(key, std::move(value));
        }
    }
    static constexpr const char* kSourceKeys[] = {"from", "link", "canonical_url", "source"};
    for (auto& [key, value] : unique) {
        const std::string text = value.is_list ? (value.items.empty() ? "" : value.items.front()) : value.scalar;
        if (key == "title") {
            fm.title = value.is_list ? json_to_text(value.as_json) : value.scalar;
        } else if (key == "date") {
            fm.date = text;
        } else if (key == "author" || key == "authors") {
            if (fm.author.empty() && !value.is_list) fm.author = std::string(trim(value.scalar));
            if (fm.author.empty() && value.is_list)
                for (const auto& a : as_list(value)) fm.author += (fm.author.empty() ? "" : ", ") + a;
        } else if (key == "tags" || key == "tag") {
            for (auto& t : as_list(value)) fm.tags.push_back(std::move(t));
        } else if (key == "categories" || key == "category") {
            for (auto& t : as_list(value)) fm.categories.push_back(std::move(t));
        } else {
            bool used = false;
            for (const char* source_key : kSourceKeys) {
                if (key == source_key && fm.source_url.empty() && is_http_url(std::string(trim(text)))) {
                    fm.source_url = std::string(trim(text));
                    used = true;
                }
            }
            if (!used) fm.extra.emplace_back(key, value.as_json.dump(-1, ' ', false, json::error_handler_t::replace));
        }
    }
}

}  // namespace

std::vector<std::string> split_list_string(std::string_view value) {
    std::vector<std::string> out;
    const bool commas = value.find(',') != std::string_view::npos || value.find("，") != std::string_view::npos;
    std::string current;
    auto flush = [&] {
        std::string t(trim(current));
        if (!t.empty()) out.push_back(std::move(t));
        current.clear();
    };
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (commas && value[i] == ',') {
            flush();
        } else if (commas && value.substr(i, 3) == "，") {
            flush();
            i += 2;
        } else if (!commas && (value[i] == ' ' || value[i] == '\t')) {
            flush();
        } else {
            current += value[i];
        }
    }
    flush();
    return out;
}

FrontMatter read_front_matter(std::string_view text) {
    FrontMatter fm;
    std::size_t first_nl = text.find('\n');
    if (first_nl == std::string_view::npos || !is_fence(text.substr(0, first_nl), "---")) return fm;
    fm.present = true;
    // Find the closing fence ("---" or "...") at the start of a line.
    std::size_t pos = first_nl + 1, block_end = std::string_view::npos;
    while (pos <= text.size()) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view line = text.substr(pos, nl - pos);
        if (is_fence(line, "---") || is_fence(line, "...")) {
            block_end = pos;
            fm.body_offset = std::min(text.size(), nl + 1);
            break;
        }
        pos = nl + 1;
    }
    if (block_end == std::string_view::npos) {
        // Unterminated: the block runs to the first blank line.
        std::size_t blank = text.find("\n\n", first_nl);
        block_end = blank == std::string_view::npos ? text.size() : blank + 1;
        fm.body_offset = block_end;
        fm.lenient = true;
        fm.error = "front matter has no closing '---' line";
    }
    std::string_view block = text.substr(first_nl + 1, block_end - (first_nl + 1));
    std::vector<std::pair<std::string, Value>> fields;
    if (!fm.lenient) {
        try {
            YAML::Node root = YAML::Load(std::string(block));
            if (root.IsMap()) {
                for (const auto& kv : root)
                    if (kv.first.IsScalar()) fields.emplace_back(kv.first.Scalar(), value_from_yaml(kv.second));
            } else if (!root.IsNull()) {
                fm.lenient = true;
                fm.error = "front matter is not a mapping of keys to values";
            }
        } catch (const YAML::Exception& e) {
            fm.lenient = true;
            fm.error = e.what();
        }
    }
    if (fm.lenient) fields = read_lenient(block);
    assign(fm, std::move(fields));
    return fm;
}

}  // namespace folio
