#pragma once
/// folio's one job helper: every parallel loop and every task run beside another goes through it
/// (paragraphs, page contents, font programs, HTML parts, the pipeline's overlap, batch).
///
/// - parallel_for(threads, count, work): a loop over [0, count) shared by up to `threads`
///   threads, the caller among them; with one thread, strictly in order on the caller.
/// - Jobs: the same loop started in the background, so the caller can carry on, take indices
///   itself (help()) and finish() when it needs every result.
/// - Beside: one task on a thread of its own, joined by wait() or at the end of its scope.
///
/// Work reports its errors as values. An exception a task throws on another thread (in practice
/// std::bad_alloc) is not lost and does not end the process: it is carried to the caller and
/// rethrown there by parallel_for, Jobs::finish() or Beside::wait(). Nothing here reads the clock.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace folio::core {

/// The threads a stage may use when asked for `requested`: itself, or one per hardware thread
/// when it is 0 (at least 1).
unsigned thread_count(unsigned requested);

/// Indices [0, count) handed out one at a time to threads started in the background and to the
/// caller (help(), finish()). `work(index, worker)` runs once per index; `worker` is 0 on the
/// calling thread and 1..helpers on the others, so work can keep one buffer per worker. The
/// results must not depend on which thread took which index.
class Jobs {
public:
    using Work = std::function<void(std::size_t index, unsigned worker)>;

    /// Starts `helpers` threads (no more than `count`) taking indices from 0 on.
    Jobs(std::size_t helpers, std::size_t count, Work work);
    Jobs(const Jobs&) = delete;
    Jobs& operator=(const Jobs&) = delete;
    /// Stops handing out indices and waits for the threads (finish() has normally done so).
    ~Jobs();

    /// Runs the next index nobody has taken on the calling thread; false when none was left.
    bool help();

    /// Runs every index nobody has taken on the calling thread, waits for the threads, and
    /// rethrows the first exception a thread's work threw. Call from the thread that made this.
    void finish();

    /// How many threads run beside the caller.
    [[nodiscard]] std::size_t helpers() const { return m_threads.size(); }

private:
    /// Takes indices until none are left, as `worker`.
    void take(unsigned worker);
    void join();

    std::size_t m_count;
    Work m_work;
    std::atomic<std::size_t> m_next{0};
    std::mutex m_failure_mutex;
    std::exception_ptr m_failure;  ///< the first exception of a helper thread
    std::vector<std::thread> m_threads;
};

/// Calls `work(i)` (or `work(i, worker)`, worker in [0, threads)) for every i in [0, count) on up
/// to `threads` threads (0 = one per hardware thread), the calling thread among them, each taking
/// the next index when done with one; returns when all are done. With `threads` <= 1 or a single
/// index it is a plain loop on the calling thread, in order.
template <class F>
void parallel_for(unsigned threads, std::size_t count, F&& work) {
    const auto call = [&work](std::size_t i, unsigned worker) {
        if constexpr (std::is_invocable_v<F&, std::size_t, unsigned>) work(i, worker);
        else work(i);
    };
    const unsigned wanted = thread_count(threads);
    if (wanted <= 1 || count <= 1) {
        for (std::size_t i = 0; i < count; ++i) call(i, 0);
        return;
    }
    Jobs jobs(std::min<std::size_t>(wanted, count) - 1, count, call);
    jobs.finish();
}

/// One task run beside the caller on a thread of its own, or on the calling thread when that is
/// not allowed; waited for by wait() and, at the latest, when the Beside goes out of scope, on
/// any path.
class Beside {
public:
    Beside() = default;
    /// start(beside, work).
    template <class F>
    Beside(bool beside, F&& work) {
        start(beside, std::forward<F>(work));
    }
    Beside(const Beside&) = delete;
    Beside& operator=(const Beside&) = delete;
    /// Waits for the task; an exception it threw is dropped (call wait() to see it).
    ~Beside();

    /// Runs `work` on a new thread when `beside`, else now on the calling thread. A Beside runs
    /// one task at a time: an earlier one is waited for first.
    template <class F>
    void start(bool beside, F&& work) {
        wait();
        if (beside) launch(std::function<void()>(std::forward<F>(work)));
        else work();
    }

    /// Waits for the task started beside, if any, and rethrows the exception it threw.
    void wait();

private:
    void launch(std::function<void()> work);

    std::thread m_thread;
    std::exception_ptr m_failure;
};

}  // namespace folio::core
