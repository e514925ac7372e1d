#pragma once
// Writes a site folder all at once: into a temporary sibling, then renamed into place,
// so a failed build never leaves a half-written site.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "folio/bundle.h"
#include "folio/result.h"

namespace folio {

struct SiteContents {
    std::vector<BundleFile> files;                  // generated files, path relative to the site root
    std::vector<std::filesystem::path> copy_files;  // copied into the site root by file name
    // Files of the previous site kept as they are (incremental builds): hard-linked into a new
    // folder where possible, else copied, or left where they are when the site is updated in place.
    struct KeptFile {
        std::filesystem::path src;
        std::string rel;      // the site-relative destination
        std::uint64_t bytes;  // as the previous build recorded it
    };
    std::vector<KeptFile> keep_files;
    // When set (stage_site): the new site's folder, into which data files named by their content
    // are written as they are made (write_file_staged), so a build need not hold them all;
    // write_site moves it into place.
    std::filesystem::path staged;
    std::vector<std::pair<std::string, std::uint64_t>> written;  // the files already in staged: path, bytes
};

// Files made on one of the tool's threads: each either written into the staged folder at once
// (only its name and size stay) or kept whole; add_made_files then adds them to the contents.
struct MadeFiles {
    std::vector<BundleFile> kept;
    std::vector<std::pair<std::string, std::uint64_t>> written;
    Status status = Ok{};  // the first write that failed
};
void write_file_staged(const std::filesystem::path& staged, BundleFile file, MadeFiles& out);
Status add_made_files(SiteContents& contents, MadeFiles& made);

// The new site's folder beside out_dir, after write_site's checks (for SiteContents::staged).
Result<std::filesystem::path> stage_site(const std::filesystem::path& out_dir);

// Refuses to replace an existing folder that is neither empty nor a Folio site.
Status write_site(const std::filesystem::path& out_dir, const SiteContents& contents);

// Writes one file through a temporary sibling renamed into place.
Status write_file_atomic(const std::filesystem::path& path, const std::string& bytes);

Result<std::string> read_file_bytes(const std::filesystem::path& path);
// A file of a site by its path relative to the root, decompressed when its name ends in ".gz", or
// in ".gzd" with the site's dictionary (read_site_dictionary).
Result<std::string> read_site_file(const std::filesystem::path& root, const std::string& rel,
                                   std::string_view dictionary = {});
// The dictionary the site's manifest names for its body files; empty when it names none.
Result<std::string> read_site_dictionary(const std::filesystem::path& root);

}  // namespace folio
