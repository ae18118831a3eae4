// folio watch, as a recipe:
//   1. set up the file watcher (it blocks SIGINT/SIGTERM first, so the pipeline's and the
//      server's threads inherit the block) and, with --serve, the preview server;
//   2. build; print one line and the diagnostics; publish the build to the server;
//   3. watch the files the build read (source, style, images, fonts) and those of the last good
//      build; wait for a change (a burst of saves within the debounce is one change);
//   4. before waiting, take what changed during the build: a change then means one more build;
//   5. a stop signal ends the loop; the outputs stay as the last good build left them.
// The process stays alive between builds with one pipeline::Resources (#23): the hyphenation
// patterns, the fonts' faces and choices, the parsed style sheet and the decoded images are kept
// and reloaded only when their files change; fontconfig and the allocator's arenas stay warm.

#include "watch/watch.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <optional>
#include <set>

#include "pipeline/resources.hpp"
#include "serve/preview_server.hpp"
#include "watch/file_watcher.hpp"

namespace folio::watch {
namespace {

std::string clock_now() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buf[16];
    std::strftime(buf, sizeof buf, "%H:%M:%S", &local);
    return buf;
}

/// "document.xml changed", "style.xml and 2 more changed", or "first build".
std::string reason(const std::set<std::string>& changed) {
    if (changed.empty()) return "first build";
    std::string s = std::filesystem::path(*changed.begin()).filename().string();
    if (changed.size() > 1) s += " and " + std::to_string(changed.size() - 1) + " more";
    return s + " changed";
}

/// One build: runs the pipeline, prints its line and diagnostics, returns what the server shows.
serve::BuildRecord build(const pipeline::Options& options, unsigned number, const std::set<std::string>& changed,
                         std::set<std::string>& inputs, std::ostream& out) {
    const auto start = std::chrono::steady_clock::now();
    const pipeline::Outcome outcome = pipeline::run(options);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    serve::BuildRecord r{number, outcome.ok(), ms, clock_now(), outcome.diagnostics.all()};
    const std::size_t errors = outcome.diagnostics.error_count();
    const std::size_t warnings = outcome.diagnostics.all().size() - errors;
    out << r.clock << " build " << number << " (" << reason(changed) << "): ";
    if (r.ok) {
        out << "ok in " << static_cast<long>(ms + 0.5) << " ms, " << outcome.pages << " pages, " << warnings
            << (warnings == 1 ? " warning" : " warnings") << '\n';
        inputs.clear();  // the last good build's inputs, and the two files that are always watched
    } else {
        out << "failed in " << static_cast<long>(ms + 0.5) << " ms, " << errors << (errors == 1 ? " error" : " errors")
            << "; the last good outputs stay\n";
    }
    for (const auto& d : outcome.diagnostics.all()) out << "  " << core::format(d) << '\n';
    out.flush();
    inputs.insert(options.source_path);
    inputs.insert(options.style_path);
    inputs.insert(outcome.inputs.begin(), outcome.inputs.end());
    return r;
}

}  // namespace

int watch_command(const WatchRequest& request, std::ostream& out, std::ostream& err) {
    FileWatcher watcher;  // before any thread starts (see FileWatcher)
    if (!watcher.problem().empty()) {
        err << "folio: error: " << watcher.problem() << '\n';
        return 1;
    }
    std::optional<serve::PreviewServer> server;
    if (request.serve) {
        const std::string stem = std::filesystem::path(request.options.source_path).stem().string();
        server.emplace(request.options.out_dir, stem);
        const auto port = server->start(request.host, request.port);
        if (!port) {
            err << core::format(port.error()) << '\n';
            return 1;
        }
        const bool v6 = request.host.find(':') != std::string::npos;
        out << "folio: preview at http://" << (v6 ? "[" : "") << request.host << (v6 ? "]" : "") << ':' << *port
            << "/ (Ctrl-C stops)\n";
    }
    out << "folio: watching " << request.options.source_path << " and what it uses; Ctrl-C stops\n";
    pipeline::Options options = request.options;
    // fonts, patterns, the style sheet and images, kept for every build; each build reloads only
    // what changed (#23, pipeline/resources.hpp)
    options.resources = pipeline::make_resources(pipeline::hyphenation_cache_dir());
    std::set<std::string> inputs = {options.source_path, options.style_path};
    std::set<std::string> changed;
    watcher.watch(inputs);  // a save during the first build counts too
    for (unsigned number = 1;; ++number) {
        serve::BuildRecord record = build(options, number, changed, inputs, out);
        if (server) server->publish(std::move(record));
        watcher.watch(inputs);
        Change change = watcher.wait(request.debounce, false);  // what changed during the build
        if (!change.stop && change.paths.empty()) change = watcher.wait(request.debounce);
        if (change.stop) break;
        changed = std::move(change.paths);
    }
    out << "folio: stopped\n";
    return 0;
}

}  // namespace folio::watch
