// The preview's HTTP/1.1 server on POSIX sockets (http_server.hpp). A thread accepts (polling the
// listening socket and a pipe that stop() writes to); each connection gets a thread that reads
// the request head (at most 16 KiB, 10 s), answers once and closes. Finished connection threads
// are joined as new ones come; the destructor joins the rest.

#include "serve/http_server.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <list>
#include <mutex>
#include <thread>

namespace folio::serve::http {
namespace {

constexpr std::size_t max_head = 16 * 1024;
constexpr std::size_t max_connections = 64;

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

const char* reason(int status) {
    switch (status) {
        case 200: return "OK";
        case 400: return "Bad Request";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 431: return "Request Header Fields Too Large";
        case 503: return "Service Unavailable";
        default: return status < 400 ? "OK" : "Error";
    }
}

/// Sends all of `data`; false when the client has gone.
bool send_all(int fd, const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
        const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

/// Reads the request head (up to the blank line); false on a timeout, a closed connection or a
/// head too long (then `too_long`).
bool read_head(int fd, std::string& head, bool& too_long) {
    char buffer[4096];
    while (head.find("\r\n\r\n") == std::string::npos && head.find("\n\n") == std::string::npos) {
        if (head.size() > max_head) {
            too_long = true;
            return false;
        }
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) return false;
        head.append(buffer, static_cast<std::size_t>(n));
    }
    too_long = head.size() > max_head;
    return !too_long;
}

/// Ends the answer, then reads what the client still sends (a refused head's rest) until it
/// closes, for at most a second and 1 MiB: closing with unread bytes would reset the connection,
/// and the client could lose the answer.
void drain(int fd) {
    ::shutdown(fd, SHUT_WR);
    timeval timeout{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    char buffer[4096];
    for (std::size_t total = 0; total < (1u << 20);) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) return;
        total += static_cast<std::size_t>(n);
    }
}

/// The request line's method and target: "GET /a%20b?x HTTP/1.1".
bool parse_request_line(const std::string& head, Request& request) {
    const std::string line = head.substr(0, head.find_first_of("\r\n"));
    const std::size_t a = line.find(' ');
    const std::size_t b = a == std::string::npos ? a : line.find(' ', a + 1);
    if (b == std::string::npos || line.compare(b + 1, 5, "HTTP/") != 0) return false;
    request.method = line.substr(0, a);
    std::string target = line.substr(a + 1, b - a - 1);
    target = target.substr(0, target.find_first_of("?#"));
    return !target.empty() && target.front() == '/' && percent_decode(target, request.path);
}

std::string head_of(const Response& response, bool with_length) {
    std::string out = "HTTP/1.1 " + std::to_string(response.status) + ' ' + reason(response.status) +
                      "\r\nContent-Type: " + response.content_type + "\r\n";
    for (const auto& [name, value] : response.headers) out += name + ": " + value + "\r\n";
    if (with_length) out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    return out + "Connection: close\r\n\r\n";
}

}  // namespace

bool percent_decode(const std::string& path, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] != '%') {
            out += path[i];
            continue;
        }
        const int hi = i + 2 < path.size() ? hex_value(path[i + 1]) : -1;
        const int lo = hi < 0 ? -1 : hex_value(path[i + 2]);
        if (lo < 0) return false;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return true;
}

struct Server::Impl {
    struct Connection {
        std::thread thread;
        std::atomic<bool> done{false};
    };
    Handler handler;
    int listener = -1;
    int wake[2] = {-1, -1};  ///< stop() writes to wake[1]
    std::mutex mutex;
    std::list<Connection> connections;

    void answer(int fd) {
        timeval timeout{10, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        std::string head;
        bool too_long = false;
        Request request;
        Response response;
        if (!read_head(fd, head, too_long)) {
            if (!too_long) return;
            response.status = 431;
            response.body = "431: request head too long\n";
        } else if (!parse_request_line(head, request)) {
            response.status = 400;
            response.body = "400: bad request\n";
        } else if (request.method != "GET" && request.method != "HEAD") {
            response.status = 405;
            response.body = "405: only GET and HEAD\n";
        } else {
            handler(request, response);
        }
        if (response.stream && request.method == "GET") {
            bool open = send_all(fd, head_of(response, false));
            std::string chunk;
            while (open && response.stream(chunk)) open = send_all(fd, chunk);
        } else if (request.method == "HEAD") {
            send_all(fd, head_of(response, true));
        } else {
            send_all(fd, head_of(response, true) + response.body);
        }
        if (response.on_close) response.on_close();
        drain(fd);
    }

    /// Joins the connections that have finished.
    void reap() {
        std::lock_guard<std::mutex> lock(mutex);
        for (auto it = connections.begin(); it != connections.end();) {
            if (!it->done) {
                ++it;
                continue;
            }
            it->thread.join();
            it = connections.erase(it);
        }
    }

    void accept_one() {
        const int fd = ::accept(listener, nullptr, nullptr);
        if (fd < 0) return;
        reap();
        std::lock_guard<std::mutex> lock(mutex);
        if (connections.size() >= max_connections) {
            ::close(fd);
            return;
        }
        Connection& c = connections.emplace_back();
        c.thread = std::thread([this, fd, &c] {
            answer(fd);
            ::close(fd);
            c.done = true;
        });
    }
};

Server::Server(Handler handler) : m_impl(std::make_unique<Impl>()) {
    m_impl->handler = std::move(handler);
    if (::pipe(m_impl->wake) != 0) m_impl->wake[0] = m_impl->wake[1] = -1;
}

Server::~Server() {
    stop();
    std::list<Impl::Connection> rest;
    {
        std::lock_guard<std::mutex> lock(m_impl->mutex);
        rest.splice(rest.end(), m_impl->connections);
    }
    for (auto& c : rest) c.thread.join();
    if (m_impl->listener >= 0) ::close(m_impl->listener);
    for (int fd : m_impl->wake)
        if (fd >= 0) ::close(fd);
}

int Server::bind(const std::string& host, int port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return -1;
    int fd = -1;
    for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
        fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        const int yes = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, 16) != 0) {
            ::close(fd);
            fd = -1;
        }
    }
    ::freeaddrinfo(found);
    if (fd < 0) return -1;
    sockaddr_storage bound{};
    socklen_t length = sizeof bound;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length);
    m_impl->listener = fd;
    return bound.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port)
                                       : ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
}

void Server::run() {
    for (;;) {
        pollfd fds[2] = {{m_impl->listener, POLLIN, 0}, {m_impl->wake[0], POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        if (fds[1].revents != 0) return;
        if (fds[0].revents & POLLIN) m_impl->accept_one();
    }
}

void Server::stop() {
    if (m_impl->wake[1] >= 0) {
        const char byte = 0;
        [[maybe_unused]] const ssize_t n = ::write(m_impl->wake[1], &byte, 1);
    }
}

}  // namespace folio::serve::http
