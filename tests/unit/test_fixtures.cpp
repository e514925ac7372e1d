// Spec-style fixtures: tests/fixtures/ingest/<case>.<ext> is a post file, <case>.expected.json
// what folio must extract from it (only the fields listed are compared).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "folio/date.h"
#include "folio/ingest.h"

using namespace folio;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

json extracted(const FileResult& r) {
    json out;
    std::vector<std::string> kinds;
    for (const auto& w : r.warnings) kinds.push_back(w.kind);
    out["warnings"] = kinds;
    if (!r.post) {
        out["skip"] = r.skip_reason;
        return out;
    }
    const Post& p = *r.post;
    out["title"] = p.title;
    out["date"] = p.date ? json(format_iso8601(*p.date, p.utc_offset_minutes)) : json(nullptr);
    out["author"] = p.author;
    out["source_url"] = p.source_url;
    out["tags"] = p.tags;
    out["categories"] = p.categories;
    out["text"] = plain_text(p.blocks);
    json kinds_of_blocks = json::array();
    for (const auto& b : p.blocks) kinds_of_blocks.push_back(block_kind_name(b.kind));
    out["blocks"] = kinds_of_blocks;
    json extra = json::object();
    for (const auto& [k, v] : p.extra) extra[k] = json::parse(v);
    out["extra"] = extra;
    return out;
}

}  // namespace

TEST(Fixtures, EveryPostFileMatchesItsExpectedJson) {
    const fs::path dir = fs::path(FOLIO_FIXTURES_DIR) / "ingest";
    std::set<fs::path> cases;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().string().find(".expected.json") == std::string::npos) cases.insert(e.path());
    ASSERT_GE(cases.size(), 10u);
    for (const auto& path : cases) {
        SCOPED_TRACE(path.filename().string());
        const fs::path expected_path = dir / (path.stem().string() + ".expected.json");
        ASSERT_TRUE(fs::exists(expected_path)) << "no expected file for " << path;
        const json expected = json::parse(slurp(expected_path));
        const json got = extracted(read_post(path.filename().string(), slurp(path), {}));
        for (const auto& [key, value] : expected.items()) {
            ASSERT_TRUE(got.contains(key)) << "missing field " << key << " in " << got.dump();
            EXPECT_EQ(got[key], value) << "field " << key;
        }
    }
}
