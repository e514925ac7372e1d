#include "serve_loop.h"

#include <httplib.h>  // its ThreadPool runs the workers
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "folio/utf8.h"

namespace folio {
namespace {

using Clock = std::chrono::steady_clock;

// Where the header block ends (just past its empty line; CRLF or bare LF line ends), or npos.
std::size_t header_end(std::string_view bytes) {
    for (std::size_t at = bytes.find('\n'); at != std::string_view::npos; at = bytes.find('\n', at + 1)) {
        if (at + 1 < bytes.size() && bytes[at + 1] == '\n') return at + 2;
        if (at + 2 < bytes.size() && bytes[at + 1] == '\r' && bytes[at + 2] == '\n') return at + 3;
    }
    return std::string_view::npos;
}

// The Content-Length a header value states: digits only, or nothing.
std::optional<std::size_t> parse_length(std::string_view value) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t' || value.back() == '\r')) value.remove_suffix(1);
    if (value.empty() || value.size() > 18) return std::nullopt;
    std::size_t n = 0;
    for (char c : value) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    return n;
}

}  // namespace

RequestFrame frame_request(std::string_view bytes, const ServeLimits& limits) {
    const std::size_t end = header_end(bytes);
    if (end == std::string_view::npos)
        return {bytes.size() > limits.max_header_bytes ? Framing::HeaderTooLarge : Framing::Incomplete, 0};
    if (end > limits.max_header_bytes) return {Framing::HeaderTooLarge, 0};
    std::optional<std::size_t> body;
    std::string_view rest = bytes.substr(0, end);
    rest.remove_prefix(std::min(rest.size(), rest.find('\n') + 1));  // the request line
    while (!rest.empty()) {
        const std::string_view line = rest.substr(0, rest.find('\n'));
        rest.remove_prefix(std::min(rest.size(), line.size() + 1));
        if (starts_with_nocase(line, "transfer-encoding:")) return {Framing::Chunked, 0};
        if (!starts_with_nocase(line, "content-length:")) continue;
        const auto length = parse_length(line.substr(15));
        if (!length || (body && *body != *length)) return {Framing::BadLength, 0};
        body = length;
    }
    if (body.value_or(0) > limits.max_body_bytes) return {Framing::BodyTooLarge, 0};
    const std::size_t total = end + body.value_or(0);
    if (bytes.size() < total) return {Framing::Incomplete, 0};
    return {Framing::Complete, total};
}

std::pair<std::string, int> socket_end(int fd, bool peer) {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    auto* sa = reinterpret_cast<sockaddr*>(&addr);
    if ((peer ? getpeername(fd, sa, &len) : getsockname(fd, sa, &len)) != 0) return {"", 0};
    char host[NI_MAXHOST], port[NI_MAXSERV];
    if (getnameinfo(sa, len, host, sizeof host, port, sizeof port, NI_NUMERICHOST | NI_NUMERICSERV) != 0) return {"", 0};
    return {host, std::atoi(port)};
}

namespace {

struct Conn {
    int fd = -1;
    std::string peer_ip;
    int peer_port = 0;
    std::string buf;                  // received and not yet answered
    std::size_t request_length = 0;   // while busy: the length of the request being answered
    Clock::time_point since;          // no bytes: accepted or last answered; with bytes: the request's first byte
    std::size_t answered = 0;
    bool busy = false;                // a worker is answering it; the loop leaves it alone
    bool peer_done = false;           // the client shut its side: answer what came, then close
    std::list<Conn*>::iterator place;  // in Loop::waiting_ while not busy
};

class Loop {
public:
    Loop(int listen_fd, const ServeLimits& limits, const RequestHandler& handler)
        : listen_fd_(listen_fd), limits_(limits), handler_(handler), pool_(limits.workers) {}
    ~Loop() {
        pool_.shutdown();  // joins the workers; their answers end within the send timeouts
        for (auto& [fd, conn] : conns_) ::close(fd);
        if (wake_fd_ >= 0) ::close(wake_fd_);
        if (epoll_fd_ >= 0) ::close(epoll_fd_);
    }
    bool run();

private:
    bool start();
    void accept_all();
    bool make_room();
    void read_from(Conn& c);
    void advance(Conn& c);
    void dispatch(Conn& c, std::size_t length);
    void take_back();
    void refuse(Conn& c, const char* status);
    void close(Conn& c);
    int expire();
    void watch(int fd, bool on);
    void pause_accepting();

    const int listen_fd_;
    const ServeLimits& limits_;
    const RequestHandler& handler_;
    int epoll_fd_ = -1, wake_fd_ = -1;
    std::optional<Clock::time_point> accept_paused_until_;
    std::unordered_map<int, std::unique_ptr<Conn>> conns_;
    std::list<Conn*> waiting_;  // every connection not busy, longest waiting first
    std::mutex done_mutex_;
    std::vector<std::pair<Conn*, bool>> done_;  // answered by a worker, and whether it stays open
    httplib::ThreadPool pool_;
};

bool Loop::start() {
    epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
    wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (epoll_fd_ < 0 || wake_fd_ < 0) return false;
    const int flags = fcntl(listen_fd_, F_GETFL);
    if (flags < 0 || fcntl(listen_fd_, F_SETFL, flags | O_NONBLOCK) < 0) return false;
    watch(listen_fd_, true);
    watch(wake_fd_, true);
    return true;
}

bool Loop::run() {
    if (!start()) {
        std::perror("folio: cannot start the connection loop");
        return false;
    }
    std::vector<epoll_event> events(256);
    for (;;) {
        const int n = epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), expire());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            std::perror("folio: epoll_wait");
            return false;
        }
        for (int i = 0; i < n; ++i) {
            const int fd = events[static_cast<std::size_t>(i)].data.fd;
            if (fd == listen_fd_) accept_all();
            else if (fd == wake_fd_) take_back();
            else if (auto it = conns_.find(fd); it != conns_.end() && !it->second->busy) read_from(*it->second);
        }
    }
}

void Loop::watch(int fd, bool on) {
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = fd;
    epoll_ctl(epoll_fd_, on ? EPOLL_CTL_ADD : EPOLL_CTL_DEL, fd, &ev);
}

// Out of descriptors, or full with every connection busy: new ones wait in the kernel's backlog a moment.
void Loop::pause_accepting() {
    if (accept_paused_until_) return;
    watch(listen_fd_, false);
    accept_paused_until_ = Clock::now() + std::chrono::milliseconds(50);
}

void Loop::accept_all() {
    for (int batch = 0; batch < 256; ++batch) {  // bounded, so reads are not starved by a flood of connects
        if (conns_.size() >= limits_.max_connections && !make_room()) return pause_accepting();
        const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return;
            if ((errno == EMFILE || errno == ENFILE) && make_room()) continue;
            return pause_accepting();
        }
        const int on = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        auto conn = std::make_unique<Conn>();
        conn->fd = fd;
        std::tie(conn->peer_ip, conn->peer_port) = socket_end(fd, true);
        conn->since = Clock::now();
        conn->place = waiting_.insert(waiting_.end(), conn.get());
        conns_.emplace(fd, std::move(conn));
        watch(fd, true);
    }
}

// Closes the connection that has waited longest, preferring one with no request under way.
bool Loop::make_room() {
    if (waiting_.empty()) return false;
    const auto idle = std::find_if(waiting_.begin(), waiting_.end(), [](const Conn* c) { return c->buf.empty(); });
    close(**(idle != waiting_.end() ? idle : waiting_.begin()));
    return true;
}

void Loop::read_from(Conn& c) {
    const bool was_empty = c.buf.empty();
    char chunk[16384];
    while (c.buf.size() <= limits_.max_header_bytes + limits_.max_body_bytes) {
        const ssize_t n = recv(c.fd, chunk, sizeof chunk, 0);
        if (n > 0) {
            c.buf.append(chunk, static_cast<std::size_t>(n));
            continue;
        }
        if (n == 0) c.peer_done = true;
        else if (errno == EINTR) continue;
        else if (errno != EAGAIN && errno != EWOULDBLOCK) return close(c);
        break;
    }
    if (was_empty && !c.buf.empty()) c.since = Clock::now();
    advance(c);
}

// Acts on what a waiting connection has buffered: answer a whole request, refuse a bad one, or wait.
void Loop::advance(Conn& c) {
    const RequestFrame frame = frame_request(c.buf, limits_);
    switch (frame.framing) {
        case Framing::Complete: return dispatch(c, frame.length);
        case Framing::Incomplete: break;
        case Framing::HeaderTooLarge: return refuse(c, "431 Request Header Fields Too Large");
        case Framing::BodyTooLarge: return refuse(c, "413 Content Too Large");
        case Framing::BadLength: return refuse(c, "400 Bad Request");
        case Framing::Chunked: return refuse(c, "411 Length Required");
    }
    if (c.peer_done) close(c);  // the rest of the request will never come
}

void Loop::dispatch(Conn& c, std::size_t length) {
    c.busy = true;
    c.request_length = length;
    waiting_.erase(c.place);
    watch(c.fd, false);
    const bool last = c.peer_done || c.answered + 1 >= limits_.max_requests_per_connection;
    Conn* conn = &c;
    pool_.enqueue([this, conn, last] {
        bool keep = false;
        try {
            const ArrivedRequest request{conn->fd, std::string_view(conn->buf).substr(0, conn->request_length),
                                         conn->peer_ip, conn->peer_port, last};
            keep = handler_(request) && !last;
        } catch (...) {
            keep = false;  // the connection closes; the server goes on
        }
        {
            std::lock_guard lock(done_mutex_);
            done_.emplace_back(conn, keep);
        }
        const std::uint64_t one = 1;
        (void)!::write(wake_fd_, &one, sizeof one);
    });
}

// Connections whose answers the workers finished: close them or wait for their next request.
void Loop::take_back() {
    std::uint64_t count = 0;
    (void)!::read(wake_fd_, &count, sizeof count);
    std::vector<std::pair<Conn*, bool>> done;
    {
        std::lock_guard lock(done_mutex_);
        done.swap(done_);
    }
    for (auto [c, keep] : done) {
        c->busy = false;
        c->answered++;
        c->buf.erase(0, c->request_length);
        c->request_length = 0;
        c->since = Clock::now();
        c->place = waiting_.insert(waiting_.end(), c);
        if (!keep) {
            close(*c);
            continue;
        }
        watch(c->fd, true);
        if (!c->buf.empty()) advance(*c);  // a pipelined request may have arrived whole already
    }
}

void Loop::refuse(Conn& c, const char* status) {
    const std::string answer = std::string("HTTP/1.1 ") + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    (void)!send(c.fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    close(c);
}

void Loop::close(Conn& c) {
    const int fd = c.fd;
    waiting_.erase(c.place);
    ::close(fd);  // also takes it out of the epoll set
    conns_.erase(fd);
}

// Closes connections past their deadline; the milliseconds until the next deadline (-1: none).
int Loop::expire() {
    const auto now = Clock::now();
    auto next = Clock::time_point::max();
    for (auto it = waiting_.begin(); it != waiting_.end();) {
        Conn& c = **it++;  // step first: closing c erases its place
        const auto deadline = c.since + (c.buf.empty() ? limits_.idle_timeout : limits_.request_timeout);
        if (deadline > now) next = std::min(next, deadline);
        else if (c.buf.empty()) close(c);
        else refuse(c, "408 Request Timeout");
    }
    if (accept_paused_until_ && *accept_paused_until_ <= now) {
        accept_paused_until_.reset();
        watch(listen_fd_, true);
    }
    if (accept_paused_until_) next = std::min(next, *accept_paused_until_);
    if (next == Clock::time_point::max()) return -1;
    return static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count()) + 1;
}

}  // namespace

bool run_connection_loop(int listen_fd, const ServeLimits& limits, const RequestHandler& handler) {
    Loop loop(listen_fd, limits, handler);
    return loop.run();
}

}  // namespace folio
