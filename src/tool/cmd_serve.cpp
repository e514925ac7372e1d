#include <httplib.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <thread>

#include "commands.h"
#include "folio/bundle.h"
#include "site_output.h"
#include "static_files.h"

namespace folio {
namespace {

// Starts xdg-open on url (no shell, so nothing in the address is interpreted) and reaps it later.
bool open_in_browser(const std::string& url) {
    posix_spawn_file_actions_t quiet;
    posix_spawn_file_actions_init(&quiet);
    posix_spawn_file_actions_addopen(&quiet, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&quiet, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::string program = "xdg-open", address = url;
    char* argv[] = {program.data(), address.data(), nullptr};
    pid_t pid = 0;
    const int failed = posix_spawnp(&pid, "xdg-open", &quiet, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&quiet);
    if (failed) return false;
    std::thread([pid] { waitpid(pid, nullptr, 0); }).detach();
    return true;
}

}  // namespace

int run_serve(const ServeArgs& args) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(fs::path(args.site_dir) / kManifestPath, ec)) {
        std::fprintf(stderr, "folio: %s is not a Folio site (no %s); build one with folio build\n",
                     args.site_dir.c_str(), kManifestPath);
        return kExitFailed;
    }
    const fs::path root = fs::canonical(args.site_dir, ec);
    httplib::Server server;
    server.Get(".*", [&](const httplib::Request& req, httplib::Response& res) {
        const auto file = resolve_site_path(root, req.path);
        if (!file) {
            res.status = 404;
            res.set_content("not found\n", "text/plain; charset=utf-8");
            return;
        }
        auto bytes = read_file_bytes(*file);
        if (!bytes) {
            res.status = 500;
            return;
        }
        res.set_header("Cache-Control", cache_control_for(*file));
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_content(std::move(*bytes), content_type_for(*file).c_str());
    });
    const int port = args.port ? server.bind_to_port(args.host.c_str(), args.port) ? args.port : -1
                               : server.bind_to_any_port(args.host.c_str());
    if (port <= 0) {
        std::fprintf(stderr, "folio: cannot listen on %s:%d (in use?)\n", args.host.c_str(), args.port);
        return kExitFailed;
    }
    const std::string url = serve_url(args.host, port);
    std::printf("Serving %s at %s (Ctrl+C stops)\n", args.site_dir.c_str(), url.c_str());
    std::fflush(stdout);
    if (args.open && !open_in_browser(url)) std::fprintf(stderr, "folio: could not open a browser; open %s\n", url.c_str());
    return server.listen_after_bind() ? kExitOk : kExitFailed;
}

}  // namespace folio
