#include "serve_http.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <tuple>

namespace folio {
namespace {

using Clock = std::chrono::steady_clock;

// Reads come from the bytes the loop already received; writes go to the socket, waiting for room
// at most send_stall_timeout at a time and send_timeout in all.
class ArrivedStream final : public httplib::Stream {
public:
    ArrivedStream(const ArrivedRequest& request, const ServeLimits& limits)
        : request_(request), stall_(limits.send_stall_timeout), deadline_(Clock::now() + limits.send_timeout) {}

    bool is_readable() const override { return read_ < request_.bytes.size(); }
    bool is_writable() const override { return wait_writable(); }

    ssize_t read(char* ptr, size_t size) override {
        const std::size_t n = std::min(size, request_.bytes.size() - read_);
        std::memcpy(ptr, request_.bytes.data() + read_, n);
        read_ += n;
        return static_cast<ssize_t>(n);
    }

    ssize_t write(const char* ptr, size_t size) override {
        std::size_t done = 0;
        while (done < size) {
            const ssize_t n = ::send(request_.fd, ptr + done, size - done, MSG_NOSIGNAL);
            if (n > 0) done += static_cast<std::size_t>(n);
            else if (n < 0 && errno == EINTR) continue;
            else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && wait_writable()) continue;
            else return -1;
        }
        return static_cast<ssize_t>(size);
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = request_.peer_ip;
        port = request_.peer_port;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        std::tie(ip, port) = socket_end(request_.fd, false);
    }
    socket_t socket() const override { return request_.fd; }

private:
    bool wait_writable() const {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
        const auto wait = std::min(left, stall_);
        if (wait.count() <= 0) return false;
        pollfd p{request_.fd, POLLOUT, 0};
        return ::poll(&p, 1, static_cast<int>(wait.count())) == 1 && (p.revents & (POLLERR | POLLHUP)) == 0;
    }

    const ArrivedRequest& request_;
    std::size_t read_ = 0;
    const std::chrono::milliseconds stall_;
    const Clock::time_point deadline_;
};

// Held while an answer is written, so its head and a small body leave in one packet.
void set_cork(int fd, bool on) {
    const int value = on ? 1 : 0;
    setsockopt(fd, IPPROTO_TCP, TCP_CORK, &value, sizeof value);
}

}  // namespace

HttpAnswerer::HttpAnswerer(const ServeLimits& limits) : limits_(limits) {
    set_keep_alive_timeout(std::chrono::duration_cast<std::chrono::seconds>(limits.idle_timeout).count());
    set_keep_alive_max_count(limits.max_requests_per_connection);
    set_payload_max_length(limits.max_body_bytes);
    // httplib's default adds SO_REUSEPORT: a second `folio serve` on a busy port would then share it,
    // each answering some of the requests from its own folder. Only SO_REUSEADDR (restart at once).
    set_socket_options([](socket_t sock) {
        const int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
}

int HttpAnswerer::bind(const std::string& host, int port) {
    const int bound = port ? (bind_to_port(host, port) ? port : -1) : bind_to_any_port(host);
    if (bound > 0) ::listen(svr_sock_, SOMAXCONN);  // httplib listens with a backlog of 5: a burst of connects would stall
    return bound;
}

bool HttpAnswerer::answer(const ArrivedRequest& request) {
    ArrivedStream stream(request, limits_);
    bool closed = false;
    set_cork(request.fd, true);
    const bool ok = process_request(stream, request.last, closed, [](httplib::Request& req) {
        if (req.has_header("If-Range")) req.ranges.clear();  // whether the client's copy is current is not checked: send it all
    });
    set_cork(request.fd, false);
    return ok && !closed;
}

}  // namespace folio
