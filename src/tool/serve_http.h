#pragma once
// httplib parses each request that arrived whole and routes it to the handlers registered on this
// server; this class only lends it a stream over those bytes and the socket, with send deadlines.
// httplib's own accept loop (a worker held per connection, idle or not) is never run.
#include <httplib.h>

#include <string>

#include "serve_loop.h"

namespace folio {

class HttpAnswerer : public httplib::Server {
public:
    explicit HttpAnswerer(const ServeLimits& limits);
    // Binds host:port (port 0: any free one) with a deep listen backlog; the port, or -1.
    int bind(const std::string& host, int port);
    int listen_fd() const { return svr_sock_; }
    // Answers one request; whether the connection may carry another.
    bool answer(const ArrivedRequest& request);

private:
    const ServeLimits& limits_;
};

}  // namespace folio
