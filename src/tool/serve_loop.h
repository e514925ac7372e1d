#pragma once
// The connection side of `folio serve`: one thread waits on every socket (epoll), so an idle or
// slow client costs a file descriptor and a small buffer, never a worker. A request goes to a
// worker only once all of it (line, headers, body) has arrived.
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace folio {

struct ServeLimits {
    // A request must arrive whole within this time of its first byte (slow headers or body: dropped).
    std::chrono::milliseconds request_timeout{5000};
    // A connection with no request under way (new, or kept alive after an answer) is closed after this.
    std::chrono::milliseconds idle_timeout{15000};
    // An answer that makes no progress for this long, or takes longer in all, is cut off.
    std::chrono::milliseconds send_stall_timeout{10000};
    std::chrono::milliseconds send_timeout{60000};
    // Open connections; a new one beyond this closes the oldest one waiting (idle first).
    std::size_t max_connections = 1024;
    std::size_t max_requests_per_connection = 1000;
    std::size_t max_header_bytes = 16 << 10;
    std::size_t max_body_bytes = 64 << 10;  // a static server needs none: only for well-formed requests that carry one
    unsigned workers = 16;
};

// How the start of a connection's buffer frames a request.
enum class Framing {
    Incomplete,   // wait for more bytes
    Complete,     // `length` bytes hold the request line, headers and body
    HeaderTooLarge,
    BodyTooLarge,
    BadLength,    // a Content-Length that is not one number
    Chunked,      // a chunked body, which this server does not read
};
struct RequestFrame {
    Framing framing = Framing::Incomplete;
    std::size_t length = 0;
};
RequestFrame frame_request(std::string_view bytes, const ServeLimits& limits);

// One request that arrived whole; the handler writes its answer straight to fd.
struct ArrivedRequest {
    int fd = -1;
    std::string_view bytes;  // request line, headers and body
    const std::string& peer_ip;
    int peer_port = 0;
    bool last = false;  // the connection closes after this answer
};
// Writes the answer; returns whether the connection may carry another request.
using RequestHandler = std::function<bool(const ArrivedRequest&)>;

// The numeric address and port of a socket's peer (or, peer false, its own end); {"", 0} if unknown.
std::pair<std::string, int> socket_end(int fd, bool peer);

// Accepts on listen_fd (bound and listening) and answers until the process ends. Returns false
// (with a message on stderr) only when the loop cannot start or its epoll fails.
bool run_connection_loop(int listen_fd, const ServeLimits& limits, const RequestHandler& handler);

}  // namespace folio
