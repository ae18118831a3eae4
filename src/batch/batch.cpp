// Batch planning and running, as a recipe:
//   1. plan: sources from files, folders (every *.xml but *.style.xml, recursively) and a manifest;
//      each gets a style sheet (manifest column, else a sibling <stem>.style.xml, else the default)
//      and an output folder; sorted by path, duplicates dropped, output clashes refused
//   2. shard: keep the sources whose path hashes to shard K of N
//   3. run: N threads take the next job; each job is skipped when the previous report's entry is
//      up to date, else rendered by pipeline::run (in a child process of its own when the
//      settings name the folio program: isolate.cpp), then its inputs and outputs are hashed
// The pipeline has no global state, so the threads share nothing but the job counter, a cache of
// input hashes (fonts are read by every job) and the callbacks' mutex.

#include "batch/batch.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <sstream>

#include "core/jobs.hpp"
#include "core/sha256.hpp"
#include "core/source_file.hpp"
#include "batch/worker.hpp"
#include "pipeline/pipeline.hpp"
#include "pipeline/resources.hpp"

namespace folio::batch {
namespace fs = std::filesystem;

namespace {

/// A path in lexically normal form with `/` separators and no trailing `/`.
std::string normal(const fs::path& p) {
    std::string s = p.lexically_normal().generic_string();
    if (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
}

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

/// The style sheet of a source without an explicit one: a sibling <stem>.style.xml, or the default.
std::string style_for(const fs::path& source, const std::string& default_style) {
    const fs::path sibling = source.parent_path() / (source.stem().string() + ".style.xml");
    std::error_code ec;
    return fs::is_regular_file(sibling, ec) ? normal(sibling) : default_style;
}

/// Every *.xml file under `folder` except *.style.xml, with output folders mirroring the tree.
void collect_folder(const fs::path& folder, const PlanRequest& request, std::vector<Job>& jobs,
                    core::Diagnostics& diags) {
    std::error_code ec;
    for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& p = it->path();
        const std::string name = p.filename().string();
        if (!it->is_regular_file() || !ends_with(name, ".xml") || ends_with(name, ".style.xml")) continue;
        const fs::path rel = p.lexically_relative(folder).parent_path();
        jobs.push_back({normal(p), style_for(p, request.default_style), normal(fs::path(request.out_dir) / rel)});
    }
    if (ec) diags.error("batch.folder", "cannot read the folder: " + ec.message(), {folder.string(), 0, 0});
}

/// Refuses two jobs that would write the same output files.
void check_clashes(const std::vector<Job>& jobs, core::Diagnostics& diags) {
    std::map<std::string, const Job*> seen;
    for (const auto& job : jobs) {
        const std::string key = normal(fs::path(job.out_dir) / fs::path(job.source).stem());
        auto [it, fresh] = seen.emplace(key, &job);
        if (!fresh) {
            diags.error("batch.clash",
                        "both " + it->second->source + " and " + job.source + " would write " + key + ".pdf",
                        {job.source, 0, 0});
        }
    }
}

/// Caches the hashes of input files, which many jobs share (fonts, the default style sheet).
class HashCache {
public:
    /// The hex SHA-256 of `path`, or empty when it cannot be read.
    std::string get(const std::string& path) {
        {
            const std::lock_guard lock(m_mutex);
            if (auto it = m_hashes.find(path); it != m_hashes.end()) return it->second;
        }
        auto h = core::sha256_file(path);
        const std::string hex = h ? *h : std::string();
        const std::lock_guard lock(m_mutex);
        m_hashes.emplace(path, hex);
        return hex;
    }

private:
    std::mutex m_mutex;
    std::map<std::string, std::string> m_hashes;
};

/// Workers for a pool of threads: each call takes a free one (made when none is), so no two
/// threads use one at once and there are never more than threads.
template <class T>
class Pool {
public:
    explicit Pool(std::function<std::unique_ptr<T>()> make) : m_make(std::move(make)) {}
    template <class F>
    SourceResult with(F&& work) {
        std::unique_ptr<T> worker;
        {
            const std::lock_guard lock(m_mutex);
            if (!m_free.empty()) {
                worker = std::move(m_free.back());
                m_free.pop_back();
            }
        }
        if (!worker) worker = m_make();
        SourceResult r = work(*worker);
        const std::lock_guard lock(m_mutex);
        m_free.push_back(std::move(worker));
        return r;
    }

private:
    std::function<std::unique_ptr<T>()> m_make;
    std::vector<std::unique_ptr<T>> m_free;
    std::mutex m_mutex;
};

RenderSettings settings_for(const Job& job, const RenderSettings& base) {
    RenderSettings s = base;
    s.style = job.style;
    s.out_dir = job.out_dir;
    return s;
}

bool up_to_date(const SourceResult& prev, const std::string& prev_version, const RenderSettings& now,
                HashCache& cache) {
    if (prev.status == Status::failed || prev_version != pipeline::version() || !(prev.settings == now)) {
        return false;
    }
    if (prev.inputs.empty() || prev.outputs.empty()) return false;
    for (const auto& f : prev.inputs) {
        if (cache.get(f.path) != f.sha256) return false;
    }
    for (const auto& f : prev.outputs) {
        auto h = core::sha256_file(f.path);  // outputs change under us: never cached
        if (!h || *h != f.sha256) return false;
    }
    return true;
}

/// Renders one job and hashes what it read and wrote.
/// `threads`: what one render may use (1 when several run at once).
/// `resources`: a worker's, kept from source to source (#23); null: the render's own.
SourceResult render(const Job& job, const RenderSettings& settings, HashCache& cache, unsigned threads,
                    std::shared_ptr<pipeline::Resources> resources = nullptr) {
    const auto start = std::chrono::steady_clock::now();
    pipeline::Options o;
    o.hyphenation_cache = pipeline::hyphenation_cache_dir();
    o.resources = std::move(resources);
    o.source_path = job.source;
    o.style_path = job.style;
    o.out_dir = job.out_dir;
    o.pdf = settings.pdf;
    o.html = settings.html;
    o.pdfa = settings.pdfa;
    o.cmyk = settings.cmyk;
    o.marks = settings.marks;
    o.allow_outside = settings.allow_outside;
    o.source_date_epoch = settings.source_date_epoch;
    o.threads = threads;
    const pipeline::Outcome outcome = pipeline::run(o);

    SourceResult r;
    r.source = job.source;
    r.settings = settings;
    r.pages = outcome.pages;
    r.diagnostics = outcome.diagnostics.all();
    for (const auto& path : outcome.inputs) {
        const std::string h = cache.get(path);
        if (h.empty()) r.diagnostics.push_back({core::Severity::error, "io.read", "cannot hash input", {path, 0, 0}});
        r.inputs.push_back({path, h});
    }
    for (const auto& path : outcome.outputs) {
        auto h = core::sha256_file(path);
        if (!h) r.diagnostics.push_back(h.error());
        r.outputs.push_back({path, h ? *h : std::string()});
    }
    const bool warned = r.count(core::Severity::warning) > 0;
    const bool failed = r.count(core::Severity::error) > 0 || (settings.fail_on_warning && warned);
    r.status = failed ? Status::failed : Status::ok;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

}  // namespace

SourceResult render_job(const Job& job, const RenderSettings& settings, unsigned threads) {
    HashCache cache;
    return render(job, settings, cache, threads);
}

struct Renderer::State {
    HashCache hashes;
    std::shared_ptr<pipeline::Resources> resources = pipeline::make_resources(pipeline::hyphenation_cache_dir());
};

Renderer::Renderer() : m_state(std::make_unique<State>()) {}
Renderer::~Renderer() = default;

SourceResult Renderer::render(const Job& job, const RenderSettings& settings, unsigned threads) {
    return batch::render(job, settings, m_state->hashes, threads, m_state->resources);
}

std::vector<Job> parse_manifest(std::string_view text, const std::string& manifest_path,
                                const PlanRequest& request, core::Diagnostics& diags) {
    std::vector<Job> jobs;
    const fs::path base = fs::path(manifest_path).parent_path();
    std::istringstream in{std::string(text)};
    std::string line;
    for (std::uint32_t n = 1; std::getline(in, line); ++n) {
        if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        std::istringstream words(line);
        std::vector<std::string> w;
        for (std::string word; words >> word;) w.push_back(word);
        if (w.empty()) continue;
        if (w.size() > 3) {
            diags.error("batch.manifest", "expected SOURCE [STYLE [OUTDIR]], found " + std::to_string(w.size()) +
                                              " fields", {manifest_path, n, 1});
            continue;
        }
        const fs::path source = base / w[0];
        std::error_code ec;
        if (!fs::is_regular_file(source, ec)) {
            diags.error("batch.manifest", "no such source file: " + normal(source), {manifest_path, n, 1});
            continue;
        }
        const std::string style = w.size() > 1 ? normal(base / w[1]) : style_for(source, request.default_style);
        const std::string out = w.size() > 2 ? normal(fs::path(request.out_dir) / w[2]) : normal(request.out_dir);
        jobs.push_back({normal(source), style, out});
    }
    return jobs;
}

std::vector<Job> plan(const PlanRequest& request, core::Diagnostics& diags) {
    std::vector<Job> jobs;
    for (const auto& arg : request.paths) {
        std::error_code ec;
        if (fs::is_directory(arg, ec)) {
            collect_folder(arg, request, jobs, diags);
        } else if (fs::is_regular_file(arg, ec)) {
            jobs.push_back({normal(arg), style_for(arg, request.default_style), normal(request.out_dir)});
        } else {
            diags.error("batch.source", "no such file or folder", {arg, 0, 0});
        }
    }
    if (!request.manifest.empty()) {
        auto file = core::SourceFile::read(request.manifest);
        if (!file) diags.add(file.error());
        else for (auto& j : parse_manifest(file->text(), request.manifest, request, diags)) jobs.push_back(std::move(j));
    }
    std::stable_sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.source < b.source; });
    jobs.erase(std::unique(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.source == b.source; }),
               jobs.end());
    check_clashes(jobs, diags);
    return jobs;
}

core::Result<Shard> parse_shard(std::string_view text) {
    auto fail = [&](const std::string& why) {
        return core::unexpected({core::Severity::error, "batch.shard",
                                 "--shard " + std::string(text) + ": " + why, {}});
    };
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) return fail("expected K/N, e.g. 1/4");
    Shard s;
    const auto k = text.substr(0, slash);
    const auto n = text.substr(slash + 1);
    const auto rk = std::from_chars(k.data(), k.data() + k.size(), s.index);
    const auto rn = std::from_chars(n.data(), n.data() + n.size(), s.count);
    if (k.empty() || n.empty() || rk.ec != std::errc() || rn.ec != std::errc() || rk.ptr != k.data() + k.size() ||
        rn.ptr != n.data() + n.size()) {
        return fail("expected K/N with whole numbers, e.g. 1/4");
    }
    if (s.count < 1) return fail("N must be at least 1");
    if (s.index == 0) {
        return fail("K must be between 1 and N (shards count from 1; for a Kubernetes Indexed Job's "
                    "JOB_COMPLETION_INDEX, which counts from 0, add --shard-base 0)");
    }
    if (s.index > s.count) return fail("K must be between 1 and N");
    return s;
}

unsigned shard_of(std::string_view source, unsigned count) {
    const auto digest = core::sha256(source);
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | digest[static_cast<std::size_t>(i)];
    return static_cast<unsigned>(v % count) + 1;
}

std::vector<Job> select_shard(const std::vector<Job>& jobs, Shard shard) {
    std::vector<Job> out;
    for (const auto& j : jobs) {
        if (shard_of(j.source, shard.count) == shard.index) out.push_back(j);
    }
    return out;
}

bool up_to_date(const SourceResult& previous, const std::string& previous_version, const Job& job,
                const RenderSettings& settings) {
    HashCache cache;
    return up_to_date(previous, previous_version, settings_for(job, settings), cache);
}

std::vector<SourceResult> run(const std::vector<Job>& jobs, const RunSettings& settings, const Report* previous,
                              const Callbacks& callbacks) {
    std::map<std::string, const SourceResult*> before;
    if (previous) {
        for (const auto& r : previous->sources) before.emplace(r.source, &r);
    }
    std::vector<SourceResult> results(jobs.size());
    HashCache cache;
    std::mutex callback_mutex;

    const unsigned threads = std::max(1u, std::min<unsigned>(settings.jobs, static_cast<unsigned>(jobs.size())));
    // Several documents at once keep the cores busy: each render then uses one thread.
    const unsigned render_threads = threads > 1 ? 1 : 0;
    // Each thread renders with a worker of its own, which keeps fonts, patterns, style sheets and
    // images from source to source (#23): a child process (WorkerProcess) or, in process, a Renderer.
    Pool<WorkerProcess> processes([&] { return std::make_unique<WorkerProcess>(settings.program); });
    Pool<Renderer> renderers([] { return std::make_unique<Renderer>(); });
    core::parallel_for(threads, jobs.size(), [&](std::size_t i) {
        const Job& job = jobs[i];
        if (callbacks.started) {
            const std::lock_guard lock(callback_mutex);
            callbacks.started(job);
        }
        const RenderSettings s = settings_for(job, settings.render);
        const auto it = before.find(job.source);
        if (!settings.force && it != before.end() && up_to_date(*it->second, previous->folio_version, s, cache)) {
            results[i] = *it->second;
            results[i].status = Status::skipped;
        } else {
            results[i] = settings.program.empty()
                             ? renderers.with([&](Renderer& r) { return r.render(job, s, render_threads); })
                             : processes.with([&](WorkerProcess& w) { return w.render(job, s, render_threads); });
        }
        if (callbacks.finished) {
            const std::lock_guard lock(callback_mutex);
            callbacks.finished(results[i]);
        }
    });
    return results;
}

}  // namespace folio::batch
