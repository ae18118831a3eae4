#pragma once
/// `folio watch` (issue 22): build, then rebuild whenever the source, the style sheet, an image
/// or a font the build read changes, one line per build; with --serve, a preview in the browser.

#include <chrono>
#include <ostream>
#include <string>

#include "pipeline/pipeline.hpp"

namespace folio::watch {

/// What `folio watch` was asked to do.
struct WatchRequest {
    pipeline::Options options;
    std::chrono::milliseconds debounce{15};  ///< a burst of saves within this is one change
    bool serve = false;                      ///< --serve: the preview server
    std::string host = "127.0.0.1";          ///< --host: where it listens (loopback unless asked)
    int port = 0;                            ///< --port: 0 = any free port
};

/// Runs until SIGINT or SIGTERM: a build at once, then one per change (a change during a build
/// gives one more build after it). A failed build writes nothing, so the last good outputs stay.
/// Prints one line per build, and its diagnostics, to `out`. Exit 0 on a stop; 1 when watching
/// or serving cannot start.
int watch_command(const WatchRequest& request, std::ostream& out, std::ostream& err);

}  // namespace folio::watch
