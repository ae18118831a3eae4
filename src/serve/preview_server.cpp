// PreviewServer on the small HTTP server of http_server.hpp: "/" the preview page, "/events" the
// builds as server-sent events, "/status" the last build as JSON (the page's fallback: it polls
// it when it cannot hold an event stream), "/out/PATH" a file of the output folder. A path with "..", "." or an empty
// segment, a backslash, or one that resolves (through a symbolic link) outside the folder is
// refused with 403; nothing else of the file system is reachable.

#include "serve/preview_server.hpp"
#include "serve/http_server.hpp"

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

namespace folio::serve {
namespace fs = std::filesystem;

bool is_safe_relative_path(const std::string& path) {
    if (path.empty() || path.front() == '/' || path.find('\\') != std::string::npos ||
        path.find('\0') != std::string::npos) {
        return false;
    }
    std::size_t from = 0;
    for (;;) {
        const std::size_t slash = path.find('/', from);
        const std::string segment = path.substr(from, slash == std::string::npos ? std::string::npos : slash - from);
        if (segment.empty() || segment == "." || segment == "..") return false;
        if (slash == std::string::npos) return true;
        from = slash + 1;
    }
}

namespace {

const char* content_type(const fs::path& p) {
    const std::string ext = p.extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".pdf") return "application/pdf";
    if (ext == ".png") return "image/png";
    if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json" || ext == ".sarif") return "application/json";
    return "application/octet-stream";
}

}  // namespace

struct PreviewServer::Impl {
    std::string out_dir;
    std::string stem;
    std::thread thread;
    std::mutex mutex;
    std::condition_variable changed;  ///< a build was published, or the server stops
    BuildRecord record;
    bool stopping = false;
    unsigned streams = 0;  ///< open event streams
    /// Last, so that it is destroyed first: its destructor waits for the connections, whose
    /// streams use the members above.
    http::Server server{[this](const http::Request& req, http::Response& res) { route(req, res); }};

    BuildRecord current() {
        std::lock_guard<std::mutex> lock(mutex);
        return record;
    }

    static void text(http::Response& res, int status, std::string body) {
        res.status = status;
        res.content_type = "text/plain";
        res.body = std::move(body);
    }

    void serve_file(const std::string& relative, http::Response& res) {
        std::error_code ec;
        const fs::path root = fs::canonical(out_dir, ec);
        const fs::path file = fs::weakly_canonical(root / relative, ec);
        const auto [end, _] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
        if (!is_safe_relative_path(relative) || ec || end != root.end()) {
            text(res, 403, "403 forbidden: only the output folder's files are served\n");
            return;
        }
        std::ifstream in(file, std::ios::binary);
        if (!in || !fs::is_regular_file(file, ec)) {
            text(res, 404, "404 not found (not built yet?)\n");
            return;
        }
        std::ostringstream bytes;
        bytes << in.rdbuf();
        res.headers.emplace_back("Cache-Control", "no-store");
        res.content_type = content_type(file);
        res.body = std::move(bytes).str();
    }

    /// GET /events: the current build at once, then each new one, as server-sent events
    /// (`event: build`, `id` its number, `data` its status_json), with a comment every 15 s so
    /// that a closed connection is noticed. Past max_event_streams the answer is 503, and the
    /// page polls /status instead.
    void events(http::Response& res) {
        {
            std::lock_guard<std::mutex> lock(mutex);
            if (streams >= max_event_streams || stopping) {
                text(res, 503, "503: too many event streams; poll /status\n");
                return;
            }
            ++streams;
        }
        res.headers.emplace_back("Cache-Control", "no-store");
        res.content_type = "text/event-stream";
        res.stream = [this, sent = -1L](std::string& chunk) mutable {
            std::unique_lock<std::mutex> lock(mutex);
            changed.wait_for(lock, std::chrono::seconds(15),
                             [&] { return stopping || static_cast<long>(record.number) != sent; });
            if (stopping) return false;
            chunk = ": still watching\n\n";
            if (static_cast<long>(record.number) != sent) {
                sent = record.number;
                chunk = event_message(record);
            }
            return true;
        };
        res.on_close = [this] {
            std::lock_guard<std::mutex> lock(mutex);
            --streams;
        };
    }

    /// Anything but these four, "/../etc/passwd" and "//etc/passwd" included, is not ours to serve.
    void route(const http::Request& req, http::Response& res) {
        if (req.path == "/") {
            res.headers.emplace_back("Cache-Control", "no-store");
            res.content_type = "text/html; charset=utf-8";
            res.body = preview_page(stem, current());
        } else if (req.path == "/events") {
            events(res);
        } else if (req.path == "/status") {
            res.headers.emplace_back("Cache-Control", "no-store");
            res.content_type = "application/json";
            res.body = status_json(current());
        } else if (req.path.rfind("/out/", 0) == 0) {
            serve_file(req.path.substr(5), res);
        } else {
            text(res, 404, "404 not found\n");
        }
    }
};

PreviewServer::PreviewServer(std::string out_dir, std::string stem) : m_impl(std::make_unique<Impl>()) {
    m_impl->out_dir = std::move(out_dir);
    m_impl->stem = std::move(stem);
}

PreviewServer::~PreviewServer() {
    {
        std::lock_guard<std::mutex> lock(m_impl->mutex);
        m_impl->stopping = true;  // the event streams end, freeing their threads
    }
    m_impl->changed.notify_all();
    m_impl->server.stop();
    if (m_impl->thread.joinable()) m_impl->thread.join();
}

core::Result<int> PreviewServer::start(const std::string& host, int port) {
    const int bound = m_impl->server.bind(host, port);
    if (bound <= 0) {
        return core::unexpected({core::Severity::error, "serve.bind",
                                 "cannot listen on " + host + ":" + std::to_string(port) +
                                     " (in use, or not an address of this machine)",
                                 {}});
    }
    m_impl->thread = std::thread([this] { m_impl->server.run(); });
    return bound;
}

void PreviewServer::publish(BuildRecord record) {
    {
        std::lock_guard<std::mutex> lock(m_impl->mutex);
        m_impl->record = std::move(record);
    }
    m_impl->changed.notify_all();
}

}  // namespace folio::serve
