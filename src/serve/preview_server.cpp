// PreviewServer: loads the server module (module_api.hpp) when a server is started, and hands it
// each build rendered (the page, the /status JSON, the event). The module is looked for at
// $FOLIO_SERVE_MODULE, else lib/folio/ beside the program's bin/ (installed), else beside the
// program (the build tree).

#include "serve/preview_server.hpp"
#include "serve/module_api.hpp"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace folio::serve {
namespace fs = std::filesystem;
namespace {

/// Where the module is: the first of the places above that has it (the last one if none has).
std::string module_path() {
    if (const char* env = std::getenv("FOLIO_SERVE_MODULE"); env != nullptr && *env != '\0') return env;
    std::error_code ec;
    const fs::path folder = fs::read_symlink("/proc/self/exe", ec).parent_path();
    const fs::path installed = (folder / ".." / "lib" / "folio" / module_file).lexically_normal();
    if (fs::is_regular_file(installed, ec)) return installed.string();
    return (folder / module_file).string();
}

/// The module's interface, loaded once for each path and kept for the process's life; or why not.
core::Result<const folio_serve_api_v1*> load_module() {
    static std::string loaded;
    static const folio_serve_api_v1* api = nullptr;
    const std::string path = module_path();
    if (api != nullptr && path == loaded) return api;
    api = nullptr;
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    const char* why = handle == nullptr ? ::dlerror() : nullptr;
    if (handle != nullptr) {
        using Entry = const folio_serve_api_v1* (*)();
        if (auto entry = reinterpret_cast<Entry>(::dlsym(handle, module_entry))) api = entry();
        if (api == nullptr) why = "it has no folio_serve_module_v1";
    }
    loaded = path;
    if (api == nullptr) {
        return core::unexpected({core::Severity::error, "serve.module",
                                 std::string("cannot load the preview server: ") + (why ? why : "unknown") +
                                     " (set FOLIO_SERVE_MODULE to the path of " + module_file +
                                     ", or reinstall folio)",
                                 {path, 0, 0}});
    }
    return api;
}

}  // namespace

struct PreviewServer::Impl {
    std::string out_dir;
    std::string stem;
    const folio_serve_api_v1* api = nullptr;
    void* server = nullptr;
    BuildRecord record;  ///< published before start(): handed over then
};

PreviewServer::PreviewServer(std::string out_dir, std::string stem) : m_impl(std::make_unique<Impl>()) {
    m_impl->out_dir = std::move(out_dir);
    m_impl->stem = std::move(stem);
}

PreviewServer::~PreviewServer() {
    if (m_impl->server != nullptr) m_impl->api->destroy(m_impl->server);
}

core::Result<int> PreviewServer::start(const std::string& host, int port) {
    auto api = load_module();
    if (!api) return core::unexpected(api.error());
    m_impl->api = *api;
    m_impl->server = m_impl->api->create(m_impl->out_dir.c_str());
    publish(m_impl->record);
    const int bound = m_impl->api->start(m_impl->server, host.c_str(), port);
    if (bound <= 0) {
        return core::unexpected({core::Severity::error, "serve.bind",
                                 "cannot listen on " + host + ":" + std::to_string(port) +
                                     " (in use, or not an address of this machine)",
                                 {}});
    }
    return bound;
}

void PreviewServer::publish(BuildRecord record) {
    if (m_impl->server == nullptr) {
        m_impl->record = std::move(record);
        return;
    }
    const std::string page = preview_page(m_impl->stem, record);
    const std::string status = status_json(record);
    const std::string event = event_message(record);
    m_impl->api->publish(m_impl->server, record.number, page.data(), page.size(), status.data(), status.size(),
                         event.data(), event.size());
}

}  // namespace folio::serve
