// Unit tests of batch workers (issue 23): the job protocol round-trips every field and refuses a
// damaged job; a worker that cannot start, exits without answering or dies of a signal gives its
// job a failed row that says how, and the next job starts a new worker.

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "batch/worker.hpp"

using namespace folio::batch;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
    const fs::path p = fs::temp_directory_path() / ("folio-test-worker-" + std::to_string(getpid()) + "-" + name);
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

/// An executable shell script standing in for the folio program.
std::string fake_program(const fs::path& dir, const std::string& body) {
    const fs::path p = dir / "fake-folio";
    std::ofstream(p) << "#!/bin/sh\n" << body << "\n";
    ::chmod(p.c_str(), 0755);
    return p.string();
}

std::string crash_message(const SourceResult& r) {
    EXPECT_EQ(r.status, Status::failed);
    EXPECT_EQ(r.diagnostics.size(), 1u);
    return r.diagnostics.empty() ? std::string() : r.diagnostics.front().code + ": " + r.diagnostics.front().message;
}

}  // namespace

TEST(WorkerProtocol, JobsRoundTrip) {
    JobCommand a{{"dir/a b.xml", "style\twith tab.xml", "out/x"}, {}, 1};
    a.render.pdf = false;
    a.render.marks = true;
    a.render.fail_on_warning = true;
    JobCommand b{{"b.xml", "s.xml", "o"}, {}, 4};
    b.render.html = false;
    b.render.pdfa = b.render.cmyk = b.render.allow_outside = true;
    std::istringstream in(encode_job(a) + encode_job(b));
    for (const JobCommand* want : {&a, &b}) {
        auto got = decode_job(in);
        ASSERT_TRUE(got.has_value());
        EXPECT_EQ(got->job, want->job);
        EXPECT_EQ(got->threads, want->threads);
        EXPECT_EQ(got->render, want->render);
    }
    EXPECT_FALSE(decode_job(in).has_value());  // the end of input ends the worker
}

TEST(WorkerProtocol, RefusesDamagedJobs) {
    std::string bad_flags = encode_job({{"a.xml", "s.xml", "o"}, {}, 1});
    bad_flags.replace(bad_flags.rfind('\0', bad_flags.size() - 2) + 1, 2, "P");  // flags cut short
    std::istringstream one(bad_flags);
    EXPECT_FALSE(decode_job(one).has_value());
    std::istringstream two(std::string("a.xml\0s.xml\0o\0many\0PH-----\0", 27));
    EXPECT_FALSE(decode_job(two).has_value());
    std::istringstream three(std::string("a.xml\0s.xml\0", 12));
    EXPECT_FALSE(decode_job(three).has_value());
}

TEST(WorkerProcess, AWorkerThatCannotStartFailsItsRow) {
    const fs::path dir = scratch("nostart");
    WorkerProcess worker((dir / "no-such-program").string());
    const Job job{(dir / "a.xml").string(), "s.xml", (dir / "out").string()};
    const std::string m = crash_message(worker.render(job, {}, 1));
    EXPECT_NE(m.find("batch.crash: could not start the render"), std::string::npos) << m;
}

TEST(WorkerProcess, AWorkerThatDiesFailsOnlyItsJobAndIsStartedAgain) {
    const fs::path dir = scratch("dies");
    // Counts its starts; dies of SIGSEGV on the first, exits 3 without answering on the next.
    const std::string program = fake_program(dir, "n=$(cat '" + (dir / "starts").string() + "' 2>/dev/null || echo 0)\n"
                                                  "echo $((n + 1)) > '" + (dir / "starts").string() + "'\n"
                                                  "[ \"$n\" = 0 ] && kill -SEGV $$\nexit 3");
    WorkerProcess worker(program);
    const Job job{(dir / "a.xml").string(), "s.xml", (dir / "out").string()};
    std::string m = crash_message(worker.render(job, {}, 1));
    EXPECT_NE(m.find("the render crashed (signal 11"), std::string::npos) << m;
    m = crash_message(worker.render(job, {}, 1));
    EXPECT_NE(m.find("the render ended without a result (exit status 3)"), std::string::npos) << m;
    std::ifstream starts(dir / "starts");
    int n = 0;
    starts >> n;
    EXPECT_EQ(n, 2);  // a new worker for the second job
}
