// The preview server module, libfolio-serve.so (module_api.hpp), on Debian's cpp-httplib: "/"
// the preview page, "/events" the builds as server-sent events, "/status" the last build as JSON
// (the page's fallback: it polls it when it cannot hold an event stream), "/out/PATH" a file of
// the output folder. A path with "..", "." or an empty segment, a backslash, or one that resolves
// (through a symbolic link) outside the folder is refused with 403; nothing else of the file
// system is reachable. The page, the JSON and the events come rendered from the program.

#include "serve/module_api.hpp"
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

/// One build as published: its number, and what "/", "/status" and "/events" answer.
struct Published {
    unsigned number = 0;
    std::string page, status, event;
};

struct Server {
    std::string out_dir;
    httplib::Server server;
    std::thread thread;
    std::mutex mutex;
    std::condition_variable changed;  ///< a build was published, or the server stops
    Published record;
    bool stopping = false;
    unsigned streams = 0;  ///< open event streams (each holds one of httplib's worker threads)

    Published current() {
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
                    chunk = record.event;
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
            res.set_content(current().page, "text/html; charset=utf-8");
        });
        server.Get("/events", [this](const httplib::Request&, httplib::Response& res) { events(res); });
        server.Get("/status", [this](const httplib::Request&, httplib::Response& res) {
            res.set_header("Cache-Control", "no-store");
            res.set_content(current().status, "application/json");
        });
        server.Get(R"(/out/(.*))", [this](const httplib::Request& req, httplib::Response& res) { serve_file(req, res); });
        // Anything else, "/../etc/passwd" and "//etc/passwd" included, is not ours to serve.
        server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
            if (res.status == 404) res.set_content("404 not found\n", "text/plain");
        });
    }
};

/// The C interface of module_api.hpp over Server.
void* create(const char* out_dir) {
    auto* server = new Server;
    server->out_dir = out_dir;
    server->routes();
    return server;
}

int start(void* p, const char* host, int port) {
    auto* server = static_cast<Server*>(p);
    const int bound = port == 0 ? server->server.bind_to_any_port(host)
                                : (server->server.bind_to_port(host, port) ? port : -1);
    if (bound <= 0) return -1;
    server->thread = std::thread([server] { server->server.listen_after_bind(); });
    // Until it runs, httplib's stop() does nothing: a server destroyed at once would never stop.
    for (int i = 0; i < 2000 && !server->server.is_running(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return bound;
}

void publish(void* p, unsigned number, const char* page, std::size_t page_size, const char* status,
             std::size_t status_size, const char* event, std::size_t event_size) {
    auto* server = static_cast<Server*>(p);
    {
        std::lock_guard<std::mutex> lock(server->mutex);
        server->record = {number, std::string(page, page_size), std::string(status, status_size),
                          std::string(event, event_size)};
    }
    server->changed.notify_all();
}

void destroy(void* p) {
    auto* server = static_cast<Server*>(p);
    {
        std::lock_guard<std::mutex> lock(server->mutex);
        server->stopping = true;  // the event streams end, freeing their threads
    }
    server->changed.notify_all();
    server->server.stop();
    if (server->thread.joinable()) server->thread.join();
    delete server;
}

}  // namespace
}  // namespace folio::serve

extern "C" __attribute__((visibility("default"))) const folio_serve_api_v1* folio_serve_module_v1() {
    static const folio_serve_api_v1 api{folio::serve::create, folio::serve::start, folio::serve::publish,
                                        folio::serve::destroy};
    return &api;
}
