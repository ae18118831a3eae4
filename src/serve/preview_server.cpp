// PreviewServer on cpp-httplib (Debian's libcpp-httplib): "/" the preview page, "/events" the
// builds as server-sent events, "/status" the last build as JSON (the page's fallback: it polls
// it when it cannot hold an event stream), "/out/PATH" a file of the output folder. A path with "..", "." or an empty
// segment, a backslash, or one that resolves (through a symbolic link) outside the folder is
// refused with 403; nothing else of the file system is reachable.

#include "serve/preview_server.hpp"

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include <httplib.h>

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
    httplib::Server server;
    std::thread thread;
    std::mutex mutex;
    std::condition_variable changed;  ///< a build was published, or the server stops
    BuildRecord record;
    bool stopping = false;
    unsigned streams = 0;  ///< open event streams (each holds one of httplib's worker threads)

    BuildRecord current() {
        std::lock_guard<std::mutex> lock(mutex);
        return record;
    }

    void serve_file(const httplib::Request& req, httplib::Response& res) {
        const std::string relative = req.matches[1];
        std::error_code ec;
        const fs::path root = fs::canonical(out_dir, ec);
        const fs::path file = fs::weakly_canonical(root / relative, ec);
        const auto [end, _] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
        if (!is_safe_relative_path(relative) || ec || end != root.end()) {
            res.status = 403;
            res.set_content("403 forbidden: only the output folder's files are served\n", "text/plain");
            return;
        }
        std::ifstream in(file, std::ios::binary);
        if (!in || !fs::is_regular_file(file, ec)) {
            res.status = 404;
            res.set_content("404 not found (not built yet?)\n", "text/plain");
            return;
        }
        std::ostringstream bytes;
        bytes << in.rdbuf();
        res.set_header("Cache-Control", "no-store");
        res.set_content(std::move(bytes).str(), content_type(file));
    }

    /// GET /events: the current build at once, then each new one, as server-sent events
    /// (`event: build`, `id` its number, `data` its status_json), with a comment every 15 s so
    /// that a closed connection is noticed. httplib serves a connection per worker thread (8 or
    /// more): past max_event_streams the answer is 503, and the page polls /status instead.
    void events(httplib::Response& res) {
        {
            std::lock_guard<std::mutex> lock(mutex);
            if (streams >= max_event_streams || stopping) {
                res.status = 503;
                res.set_content("503: too many event streams; poll /status\n", "text/plain");
                return;
            }
            ++streams;
        }
        res.set_header("Cache-Control", "no-store");
        auto sent = std::make_shared<long>(-1);  // the build number last sent
        res.set_chunked_content_provider(
            "text/event-stream",
            [this, sent](std::size_t, httplib::DataSink& sink) {
                std::unique_lock<std::mutex> lock(mutex);
                changed.wait_for(lock, std::chrono::seconds(15),
                                 [&] { return stopping || static_cast<long>(record.number) != *sent; });
                if (stopping) {
                    sink.done();
                    return true;
                }
                std::string chunk = ": still watching\n\n";
                if (static_cast<long>(record.number) != *sent) {
                    *sent = record.number;
                    chunk = event_message(record);
                }
                lock.unlock();
                return sink.write(chunk.data(), chunk.size());
            },
            [this](bool) {
                std::lock_guard<std::mutex> lock(mutex);
                --streams;
            });
    }

    void routes() {
        server.Get("/", [this](const httplib::Request&, httplib::Response& res) {
            res.set_header("Cache-Control", "no-store");
            res.set_content(preview_page(stem, current()), "text/html; charset=utf-8");
        });
        server.Get("/events", [this](const httplib::Request&, httplib::Response& res) { events(res); });
        server.Get("/status", [this](const httplib::Request&, httplib::Response& res) {
            res.set_header("Cache-Control", "no-store");
            res.set_content(status_json(current()), "application/json");
        });
        server.Get(R"(/out/(.*))", [this](const httplib::Request& req, httplib::Response& res) { serve_file(req, res); });
        // Anything else, "/../etc/passwd" and "//etc/passwd" included, is not ours to serve.
        server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
            if (res.status == 404) res.set_content("404 not found\n", "text/plain");
        });
    }
};

PreviewServer::PreviewServer(std::string out_dir, std::string stem) : m_impl(std::make_unique<Impl>()) {
    m_impl->out_dir = std::move(out_dir);
    m_impl->stem = std::move(stem);
    m_impl->routes();
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
    int bound = port;
    if (port == 0) {
        bound = m_impl->server.bind_to_any_port(host);
    } else if (!m_impl->server.bind_to_port(host, port)) {
        bound = -1;
    }
    if (bound <= 0) {
        return core::unexpected({core::Severity::error, "serve.bind",
                                 "cannot listen on " + host + ":" + std::to_string(port) +
                                     " (in use, or not an address of this machine)",
                                 {}});
    }
    m_impl->thread = std::thread([this] { m_impl->server.listen_after_bind(); });
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
