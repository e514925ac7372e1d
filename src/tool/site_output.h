#pragma once
// Writes a site folder all at once: into a temporary sibling, then renamed into place,
// so a failed build never leaves a half-written site.
#include <filesystem>
#include <string>
#include <vector>

#include "folio/bundle.h"
#include "folio/result.h"

namespace folio {

struct SiteContents {
    std::vector<BundleFile> files;                  // generated files, path relative to the site root
    std::vector<std::filesystem::path> copy_files;  // copied into the site root by file name
};

// Refuses to replace an existing folder that is neither empty nor a Folio site.
Status write_site(const std::filesystem::path& out_dir, const SiteContents& contents);

// Writes one file through a temporary sibling renamed into place.
Status write_file_atomic(const std::filesystem::path& path, const std::string& bytes);

Result<std::string> read_file_bytes(const std::filesystem::path& path);

}  // namespace folio
