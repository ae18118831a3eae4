#pragma once
/// The small HTTP/1.1 server under the preview of `folio watch --serve` (issue 23: it replaced
/// Debian's libcpp-httplib, which is built with OpenSSL, so that every folio run no longer loaded
/// libssl, libcrypto and a shared libstdc++ at start-up). It serves GET and HEAD, one request per
/// connection (`Connection: close`), each connection on a thread of its own, and streams an
/// answer whose length is not known (server-sent events) until the handler ends it.

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace folio::serve::http {

struct Request {
    std::string method;  ///< "GET" or "HEAD"
    std::string path;    ///< percent-decoded, without the query
};

struct Response {
    int status = 200;
    std::string content_type = "text/plain";
    std::vector<std::pair<std::string, std::string>> headers;  ///< more header lines
    std::string body;
    /// For a stream (`body` unused): called until it returns false, each call's `chunk` sent as
    /// it comes; a failed send (the client left) ends the stream too. Then `on_close` runs.
    std::function<bool(std::string& chunk)> stream;
    std::function<void()> on_close;
};

using Handler = std::function<void(const Request&, Response&)>;

/// Percent-decodes `path` ("%20" -> " ") into `out`; false on a bad escape ("%2", "%zz").
bool percent_decode(const std::string& path, std::string& out);

class Server {
public:
    explicit Server(Handler handler);
    ~Server();  ///< stops, and waits for the connections' threads
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds `host`:`port` (port 0: a free one) and listens; the port, or -1.
    int bind(const std::string& host, int port);
    /// Accepts and serves until stop(); call on a thread of its own.
    void run();
    /// Ends run(); the handlers' streams must end by themselves (their stream functions return
    /// false), as the destructor waits for them.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace folio::serve::http
