#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <thread>

#include "commands.h"
#include "folio/bundle.h"
#include "serve_files.h"
#include "serve_http.h"
#include "serve_loop.h"
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

// File bytes kept in memory: the app and the other text files, compressed (a few MB for any site).
constexpr std::size_t kCacheBytes = 64u << 20;
constexpr std::size_t kCacheFiles = 50000;  // hashes of data files; ~200 bytes each

// The default limits, with as many connections as this process may open files for (raised to the hard limit).
ServeLimits limits_for_this_process() {
    ServeLimits limits;
    limits.workers = std::max(16u, 4 * std::thread::hardware_concurrency());
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) != 0) return limits;
    if (files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
        getrlimit(RLIMIT_NOFILE, &files);
    }
    const rlim_t spare = 64;  // the site's files being read, the listening socket, epoll, stdio
    if (files.rlim_cur != RLIM_INFINITY)
        limits.max_connections = std::min<std::size_t>(limits.max_connections, files.rlim_cur > 2 * spare ? files.rlim_cur - spare : spare);
    return limits;
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
    std::signal(SIGPIPE, SIG_IGN);  // a client gone mid-answer is an error on that socket, not the end of the server
    const ServeLimits limits = limits_for_this_process();
    FileCache cache(kCacheBytes, kCacheFiles);
    HttpAnswerer server(limits);
    serve_site_files(server, root, cache);
    const int port = server.bind(args.host, args.port);
    if (port <= 0) {
        std::fprintf(stderr, "folio: cannot listen on %s:%d (in use?)\n", args.host.c_str(), args.port);
        return kExitFailed;
    }
    const std::string url = serve_url(args.host, port);
    std::printf("Serving %s at %s (Ctrl+C stops)\n", args.site_dir.c_str(), url.c_str());
    std::fflush(stdout);
    if (args.open && !open_in_browser(url)) std::fprintf(stderr, "folio: could not open a browser; open %s\n", url.c_str());
    const bool ran = run_connection_loop(server.listen_fd(), limits, [&](const ArrivedRequest& request) {
        return server.answer(request);
    });
    return ran ? kExitOk : kExitFailed;
}

}  // namespace folio
