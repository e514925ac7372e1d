#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "folio/bundle.h"
#include "folio/date.h"
#include "folio/search.h"
#include "site_output.h"

namespace folio {
namespace {

namespace fs = std::filesystem;

// What `folio search` reads of a site: metadata, the index, and the bodies of the hits.
struct SiteForSearch {
    fs::path root;
    Manifest manifest;
    Catalog catalog;
    FoldTable fold;
    SearchIndex index;
    std::map<std::size_t, std::vector<std::vector<Block>>> bodies;  // by index in catalog.bodies

    std::string dictionary;  // the body files' (the manifest's), if any

    Result<std::string> read(const std::string& rel) const { return read_site_file(root, rel, dictionary); }

    Status open(const fs::path& dir) {
        root = dir;
        auto m = read_manifest([this](const std::string& rel) { return read(rel); });
        if (!m) return m.error();
        manifest = std::move(*m);
        if (!manifest.dictionary.file.empty()) {
            auto dict = read(manifest.dictionary.file);
            if (!dict) return dict.error();
            dictionary = std::move(*dict);
        }
        if (!manifest.search.present()) return Error{"this site has no search index; rebuild it with this folio"};
        for (const auto& ref : manifest.meta) {
            auto meta = read(ref.file);
            if (!meta) return meta.error();
            if (auto st = parse_meta_shard(*meta, manifest, ref, catalog); !st) return st;
        }
        auto fold_bytes = read(manifest.search.fold.file);
        if (!fold_bytes) return fold_bytes.error();
        auto table = decode_fold_table(*fold_bytes);
        if (!table) return table.error();
        fold = std::move(*table);
        for (const auto& seg : manifest.search.segments) {
            auto docs = read(seg.docs.file);
            if (!docs) return docs.error();
            if (auto st = index.load_docs(*docs); !st) return st;
        }
        return Ok{};
    }

    // Until every shard named is in (the position pieces are named once the count shards are).
    Status load_shards(const Query& query) {
        for (bool more = true; more;) {
            more = false;
            for (const ShardId id : shards_needed(query, index))
                if (!index.has_shard(id)) {
                    if (auto st = load_shard(id); !st) return st;
                    more = true;
                }
        }
        return Ok{};
    }

    Status load_shard(ShardId id) {
        const auto& shards = manifest.search.segments[id.segment].shards;
        if (id.shard >= shards.size()) return Error{"the manifest lists too few search shards"};
        auto bytes = read(shards[id.shard].file);
        if (!bytes) return bytes.error();
        return index.load_shard(id, *bytes);
    }

    std::string text_of(std::size_t post) {
        const auto& files = catalog.bodies;
        const auto it = std::upper_bound(files.begin(), files.end(), post,
                                         [](std::size_t p, const ShardRef& f) { return p < f.first; });
        if (it != files.begin()) {
            const auto s = static_cast<std::size_t>(it - files.begin()) - 1;
            const ShardRef& ref = files[s];
            if (!bodies.count(s)) {
                auto bytes = read(ref.file);
                auto chunk = bytes ? parse_body_chunk(*bytes, ref) : Result<std::vector<std::vector<Block>>>(bytes.error());
                bodies[s] = chunk ? std::move(*chunk) : std::vector<std::vector<Block>>(ref.count);
            }
            return plain_text(bodies[s][post - ref.first]);
        }
        return {};
    }
};

}  // namespace

int run_search(const SearchArgs& args) {
    using json = nlohmann::json;
    SiteForSearch site;
    if (auto st = site.open(args.site_dir); !st) {
        std::fprintf(stderr, "folio: %s: %s\n", args.site_dir.c_str(), st.error().message.c_str());
        return kExitFailed;
    }
    const Query query = parse_query(args.query, site.fold);
    if (auto st = site.load_shards(query); !st) {
        std::fprintf(stderr, "folio: %s\n", st.error().message.c_str());
        return kExitFailed;
    }
    const SearchFilterData filters{&site.catalog, &site.manifest, &site.fold};
    auto results = search(site.index, query, filters, args.by_date ? SortOrder::Newest : SortOrder::Relevance, args.limit);
    if (!results) {
        std::fprintf(stderr, "folio: %s\n", results.error().message.c_str());
        return kExitFailed;
    }
    const Catalog& c = site.catalog;
    json hits = json::array();
    std::string out;
    if (!args.json) out += std::to_string(results->total) + " posts match\n";
    for (const Hit& hit : results->hits) {
        const std::size_t i = hit.doc;
        const Snippet snippet = make_snippet(site.text_of(i), query, site.fold, 80);
        const json date = c.has_date[i] ? json(format_iso8601(c.dates[i], c.utc_offsets[i])) : json(nullptr);
        if (args.json) {
            hits.push_back({{"id", c.ids[i]}, {"title", c.titles[i]}, {"date", date}, {"score", hit.score},
                            {"snippet", snippet.text}});
        } else {
            out += c.ids[i] + "  " + (c.has_date[i] ? format_day(c.dates[i], c.utc_offsets[i]) : "undated   ") + "  " +
                   c.titles[i] + "\n    " + snippet.text + "\n";
        }
    }
    if (args.json) out = json{{"total", results->total}, {"hits", hits}}.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
    return std::fflush(stdout) == 0 ? kExitOk : kExitFailed;
}

}  // namespace folio
