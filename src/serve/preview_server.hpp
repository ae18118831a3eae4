#pragma once
/// The preview server of `folio watch --serve` (issue 22): the output folder's files and a preview
/// page that shows the HTML and the PDF side by side, with the last build's state and errors, and
/// reloads them after each build (told by server-sent events on /events, else by polling
/// /status; no external script). It listens on
/// loopback unless told otherwise, and serves nothing outside the output folder.

#include <memory>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/result.hpp"

namespace folio::serve {

/// One build, as the preview page shows it.
struct BuildRecord {
    unsigned number = 0;  ///< 1 for the first build
    bool ok = false;      ///< false: the outputs on show are the last good build's
    double milliseconds = 0;
    std::string clock;  ///< local time of day it finished, HH:MM:SS
    std::vector<core::Diagnostic> diagnostics;
};

/// The preview server: start() loads the server module (libfolio-serve.so, module_api.hpp: only
/// --serve loads cpp-httplib and OpenSSL), binds and serves on a thread of its own until it is
/// destroyed.
class PreviewServer {
public:
    /// Serves the files of `out_dir`; the preview shows `stem`.html and `stem`.pdf.
    PreviewServer(std::string out_dir, std::string stem);
    ~PreviewServer();
    PreviewServer(const PreviewServer&) = delete;
    PreviewServer& operator=(const PreviewServer&) = delete;

    /// Listens on `host`:`port` (port 0: a free one) and starts serving; the port, or why not
    /// ("serve.module" at the module's path when it cannot be loaded).
    core::Result<int> start(const std::string& host, int port);
    /// The build the page shows from now on.
    void publish(BuildRecord record);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Whether `request_path` (as decoded from the URL, after "/out/") names a file inside the output
/// folder: relative, no "..", "." or empty segment, no backslash or NUL.
bool is_safe_relative_path(const std::string& request_path);

/// The preview page for the build `record` of `stem`.
std::string preview_page(const std::string& stem, const BuildRecord& record);

/// How many event streams (/events) may be open at once; more are refused with 503 and their
/// pages poll /status.
inline constexpr unsigned max_event_streams = 4;

/// One server-sent event for the build: "id: N\nevent: build\ndata: <status_json>\n\n".
std::string event_message(const BuildRecord& record);

/// The /status answer: {"build":N,"ok":true,"time":"…","ms":…,"diagnostics":["file:line:col: …"]}.
std::string status_json(const BuildRecord& record);

}  // namespace folio::serve
