#pragma once
// The page files a build writes from the app's: index.html with the files to request at once and what
// an offline copy holds, one self-contained HTML file (`folio build --single-file`) and the service
// worker's list of the app's files (sw.js).
#include <cstdint>
#include <string>
#include <vector>

#include "folio/bundle.h"
#include "folio/result.h"

namespace folio {

// Inlined bytes (app.wasm and the data files) a single file may hold: the page keeps all of it in
// memory, plus a third more as base64 text.
inline constexpr std::uint64_t kSingleFileLimitBytes = 50ull << 20;

// The app folder's page files, as `folio build` finds them.
struct AppPage {
    std::string index_html, css, shell_js, app_js;
};

// The files the page requests as soon as it opens, while the viewer still compiles: the manifest,
// then what the first screen reads (every font face, the fallback font, the metadata shards, and
// newest_body: the body file of the post the reader shows beside the list, with the dictionary it is read
// with, unless it is over kPreloadBodyBytes: a long post's file would slow the first screen's).
constexpr std::uint64_t kPreloadBodyBytes = 64 * 1024;
std::vector<std::string> first_screen_files(const Manifest& manifest, const BodyPack& newest_body = {});

// The site's index.html: the app's page with those files listed in a
// <script type="application/json" id="folio-preload"> block before its folio-shell.js script (the
// page script requests them; it knows nothing of the bundle), in place of a block the page had (a
// built site's page as the app's). A page without that script (a stand-in app) is returned as it is.
std::string page_with_preload(const std::string& index_html, const std::vector<std::string>& files);

// What "Keep this archive offline" downloads: every data file named by its content, with its size.
struct OfflineFile {
    std::string path;
    std::uint64_t bytes = 0;
};
// data/offline-<hash>.json(.gz): {"files": [[path, bytes], ...]} in the order given.
BundleFile make_offline_list(const std::vector<OfflineFile>& files, const FileEncoding& encoding);
// index.html with <script type="application/json" id="folio-offline">{"list", "files", "bytes"}</script>
// before its folio-shell.js script: the list's name, how many files it names and the whole site's
// bytes (what the offline control shows), in place of one it had. A page without that script is
// returned as it is.
std::string page_with_offline(const std::string& index_html, const std::string& list, std::uint64_t files,
                              std::uint64_t site_bytes);
// index.html with the style, scripts and every file inlined (base64 in non-executed
// <script type="application/x-folio-file" data-path=...> blocks read by window.folio.openFile), and a
// Content-Security-Policy allowing exactly those inline scripts and styles by hash.
// Fails when the page does not have the expected shape or a script would end its <script> early.
Result<std::string> make_single_file(const AppPage& page, const std::vector<BundleFile>& files);

// The viewer gzipped, beside app.wasm: what the page fetches (a plain static host compresses nothing).
inline constexpr const char* kPackedWasm = "app.wasm.gz";

// sw.js with its build marker replaced by {"version", "app": [{"path", "rev"}], "offline"}: the app's
// files (every file not named by its content) with rev, a hash of each one's bytes, which the worker
// caches when it installs; version, a hash of every file's name and rev, so any change makes a new
// worker; offline, the data/offline-* list's name, or "". A data file named by its content's hash
// (data/<kind>-<12 hex>.<ext>) has that hash as its rev, its bytes are not needed (they may be left
// empty), and it is not listed: the worker caches such files as the page reads them. With
// kPackedWasm among the files, app.wasm is not listed either (the page reads the packed copy).
Result<std::string> make_service_worker(const std::string& template_js, const std::vector<BundleFile>& files);
// The content hash in a data file's name, or "" for a name without one.
std::string named_revision(std::string_view path);

std::string base64_encode(const std::string& bytes);
std::string sha256_base64(const std::string& bytes);  // as CSP hash sources want it

}  // namespace folio
