#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <numeric>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/jobs.hpp"

using namespace folio::core;

TEST(ThreadCount, ZeroMeansEveryHardwareThread) {
    EXPECT_EQ(thread_count(3), 3u);
    EXPECT_GE(thread_count(0), 1u);
    EXPECT_EQ(thread_count(0), std::max(1u, std::thread::hardware_concurrency()));
}

TEST(ParallelFor, OneThreadIsAPlainLoopInOrderOnTheCaller) {
    std::vector<std::size_t> order;
    const auto caller = std::this_thread::get_id();
    bool elsewhere = false;
    parallel_for(1, 50, [&](std::size_t i) {
        order.push_back(i);
        elsewhere = elsewhere || std::this_thread::get_id() != caller;
    });
    std::vector<std::size_t> expected(50);
    std::iota(expected.begin(), expected.end(), 0);
    EXPECT_EQ(order, expected);
    EXPECT_FALSE(elsewhere);
}

TEST(ParallelFor, EveryIndexRunsExactlyOnceOnSeveralThreads) {
    std::vector<std::atomic<int>> runs(10000);
    std::mutex mutex;
    std::set<std::thread::id> threads;
    std::set<unsigned> workers;
    parallel_for(4, runs.size(), [&](std::size_t i, unsigned worker) {
        runs[i]++;
        const std::lock_guard lock(mutex);
        threads.insert(std::this_thread::get_id());
        workers.insert(worker);
        if (i < 8) std::this_thread::sleep_for(std::chrono::milliseconds(2));  // let the others in
    });
    for (std::size_t i = 0; i < runs.size(); ++i) ASSERT_EQ(runs[i].load(), 1) << "index " << i;
    EXPECT_GT(threads.size(), 1u);
    EXPECT_LE(threads.size(), 4u);
    EXPECT_EQ(threads.size(), workers.size());
    for (unsigned w : workers) EXPECT_LT(w, 4u);
}

TEST(ParallelFor, NothingToDoRunsNothing) {
    int calls = 0;
    parallel_for(4, 0, [&](std::size_t) { ++calls; });
    EXPECT_EQ(calls, 0);
}

TEST(ParallelFor, AnExceptionOnAnotherThreadReachesTheCaller) {
    std::atomic<int> runs{0};
    EXPECT_THROW(parallel_for(3, 1000,
                              [&](std::size_t i, unsigned worker) {
                                  ++runs;
                                  if (worker != 0 && i > 10) throw std::runtime_error("out of memory");
                                  std::this_thread::sleep_for(std::chrono::microseconds(50));
                              }),
                 std::runtime_error);
    EXPECT_LT(runs.load(), 1000);  // the others stopped taking work
}

TEST(Jobs, CallerTakesWhatTheHelpersHaveNotAndFinishWaitsForAll) {
    std::vector<std::atomic<int>> runs(200);
    std::atomic<bool> go{false};
    Jobs jobs(2, runs.size(), [&](std::size_t i, unsigned worker) {
        if (worker != 0) go.wait(false);  // the helpers hold their first index until told
        runs[i]++;
    });
    EXPECT_EQ(jobs.helpers(), 2u);
    EXPECT_TRUE(jobs.help());  // the caller takes an index while the helpers hold theirs
    go = true;
    go.notify_all();
    jobs.finish();
    for (std::size_t i = 0; i < runs.size(); ++i) ASSERT_EQ(runs[i].load(), 1) << "index " << i;
    EXPECT_FALSE(jobs.help());
}

TEST(Jobs, NoMoreHelpersThanIndices) {
    Jobs jobs(8, 3, [](std::size_t, unsigned) {});
    EXPECT_EQ(jobs.helpers(), 3u);
    jobs.finish();
}

TEST(Beside, RunsOnAnotherThreadWhenAllowedAndNowWhenNot) {
    const auto caller = std::this_thread::get_id();
    std::thread::id ran_on;
    {
        Beside task(true, [&] { ran_on = std::this_thread::get_id(); });
        task.wait();
        EXPECT_NE(ran_on, caller);
    }
    Beside now(false, [&] { ran_on = std::this_thread::get_id(); });
    EXPECT_EQ(ran_on, caller);  // already done, before wait()
}

TEST(Beside, TheScopeEndWaitsForTheTask) {
    std::atomic<bool> done{false};
    {
        Beside task(true, [&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            done = true;
        });
    }
    EXPECT_TRUE(done.load());
}

TEST(Beside, WaitRethrowsTheTasksException) {
    Beside task(true, [] { throw std::runtime_error("disk full"); });
    EXPECT_THROW(task.wait(), std::runtime_error);
    EXPECT_NO_THROW(task.wait());  // once
}
