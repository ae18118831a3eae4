#pragma once
/// The C interface between folio and its preview server module, libfolio-serve.so (#23). The
/// server runs on Debian's cpp-httplib, which is built with OpenSSL: linked into the program it put
/// libssl and libcrypto into every folio run. As a module, it is loaded (dlopen) only by
/// `folio watch --serve` (serve::PreviewServer::start). The interface is plain C (the program links
/// libstdc++ statically, the module the shared one): the program renders the page, the /status
/// JSON and the event of each build, and hands the module their bytes.

#include <cstddef>

extern "C" {

struct folio_serve_api_v1 {
    /// A server of the files of `out_dir` (not listening yet).
    void* (*create)(const char* out_dir);
    /// Listens on `host`:`port` (0: a free port) and serves on a thread of its own: the port, or -1.
    int (*start)(void* server, const char* host, int port);
    /// The build shown from now on: its number, the preview page, the /status JSON and the event.
    void (*publish)(void* server, unsigned number, const char* page, std::size_t page_size, const char* status,
                    std::size_t status_size, const char* event, std::size_t event_size);
    /// Ends the event streams, stops and frees the server.
    void (*destroy)(void* server);
};

/// The module's one exported function.
const folio_serve_api_v1* folio_serve_module_v1();
}

namespace folio::serve {
/// The name of the module's file, and of its entry point.
inline constexpr const char* module_file = "libfolio-serve.so";
inline constexpr const char* module_entry = "folio_serve_module_v1";
}  // namespace folio::serve
