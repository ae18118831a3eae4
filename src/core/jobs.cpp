// The job helper (see jobs.hpp): a shared counter hands out indices; each thread, the caller's
// included, takes the next one when it is done with the last, so uneven work balances itself.

#include "core/jobs.hpp"

#include <algorithm>

namespace folio::core {

unsigned thread_count(unsigned requested) {
    return requested != 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
}

Jobs::Jobs(std::size_t helpers, std::size_t count, Work work) : m_count(count), m_work(std::move(work)) {
    helpers = std::min(helpers, count);
    m_threads.reserve(helpers);
    for (std::size_t t = 1; t <= helpers; ++t) {
        m_threads.emplace_back([this, t] {
            try {
                take(static_cast<unsigned>(t));
            } catch (...) {
                m_next = m_count;  // no new indices for anyone: finish() reports this
                const std::lock_guard lock(m_failure_mutex);
                if (!m_failure) m_failure = std::current_exception();
            }
        });
    }
}

Jobs::~Jobs() {
    m_next = m_count;
    join();
}

void Jobs::take(unsigned worker) {
    for (std::size_t i = m_next++; i < m_count; i = m_next++) m_work(i, worker);
}

bool Jobs::help() {
    const std::size_t i = m_next++;
    if (i >= m_count) return false;
    m_work(i, 0);
    return true;
}

void Jobs::finish() {
    take(0);
    join();
    if (m_failure) std::rethrow_exception(std::exchange(m_failure, nullptr));
}

void Jobs::join() {
    for (std::thread& t : m_threads) {
        if (t.joinable()) t.join();
    }
}

Beside::~Beside() {
    if (m_thread.joinable()) m_thread.join();
}

void Beside::launch(std::function<void()> work) {
    m_thread = std::thread([this, work = std::move(work)] {
        try {
            work();
        } catch (...) {
            m_failure = std::current_exception();
        }
    });
}

void Beside::wait() {
    if (m_thread.joinable()) m_thread.join();
    if (m_failure) std::rethrow_exception(std::exchange(m_failure, nullptr));
}

}  // namespace folio::core
