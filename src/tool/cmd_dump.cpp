#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "folio/bundle.h"
#include "folio/date.h"
#include "folio/related.h"
#include "site_output.h"

namespace folio {

int run_dump(const std::string& site_dir) {
    using json = nlohmann::json;
    const std::filesystem::path root(site_dir);
    auto dictionary = read_site_dictionary(root);
    auto site = dictionary ? load_site([&](const std::string& rel) { return read_site_file(root, rel, *dictionary); })
                           : Result<LoadedSite>(dictionary.error());
    if (!site) {
        std::fprintf(stderr, "folio: %s: %s\n", site_dir.c_str(), site.error().message.c_str());
        return kExitFailed;
    }
    RelatedLists related;  // each post's copies; none in a site without the file
    if (const std::string& file = site->manifest.related.file; !file.empty()) {
        auto bytes = read_site_file(root, file);
        auto lists = bytes ? parse_related(*bytes, site->catalog.size()) : Result<RelatedLists>(bytes.error());
        if (!lists) {
            std::fprintf(stderr, "folio: %s: %s\n", site_dir.c_str(), lists.error().message.c_str());
            return kExitFailed;
        }
        related = std::move(*lists);
    }
    for (std::size_t i = 0; i < site->catalog.size(); ++i) {
        const Post p = post_from_site(*site, i);
        json line = {{"id", p.id},
                     {"path", p.path},
                     {"title", p.title},
                     {"date", p.date ? json(format_iso8601(*p.date, p.utc_offset_minutes)) : json(nullptr)},
                     {"author", p.author},
                     {"source_url", p.source_url},
                     {"tags", p.tags},
                     {"categories", p.categories},
                     {"related", json::array()},
                     {"text", plain_text(p.blocks)}};
        for (const std::uint32_t other : related.of(static_cast<std::uint32_t>(i))) line["related"].push_back(site->catalog.ids[other]);
        const std::string text = line.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
        std::fwrite(text.data(), 1, text.size(), stdout);
    }
    return std::fflush(stdout) == 0 ? kExitOk : kExitFailed;
}

}  // namespace folio
