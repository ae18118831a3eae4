// The preview server's path check and its page (issue 22): what may be served, and diagnostics
// that cannot inject markup into the page or break its JSON.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include <httplib.h>

#include "serve/preview_server.hpp"

using folio::serve::is_safe_relative_path;

namespace {
// The server module of the build tree (#23), which PreviewServer::start loads.
const bool module_found = ::setenv("FOLIO_SERVE_MODULE", FOLIO_SERVE_MODULE_FILE, 0) == 0;
}  // namespace

TEST(Serve, AMissingModuleIsAnErrorNamingItsPath) {
    ASSERT_TRUE(module_found);
    ::setenv("FOLIO_SERVE_MODULE", "/nonexistent/libfolio-serve.so", 1);
    folio::serve::PreviewServer server(::testing::TempDir(), "doc");
    const auto port = server.start("127.0.0.1", 0);
    ::setenv("FOLIO_SERVE_MODULE", FOLIO_SERVE_MODULE_FILE, 1);
    ASSERT_FALSE(port.has_value());
    EXPECT_EQ(port.error().code, "serve.module");
    EXPECT_EQ(port.error().location.file, "/nonexistent/libfolio-serve.so");
    EXPECT_NE(port.error().message.find("cannot load the preview server"), std::string::npos) << port.error().message;
    // and with the module there, the next server starts
    folio::serve::PreviewServer again(::testing::TempDir(), "doc");
    EXPECT_TRUE(again.start("127.0.0.1", 0).has_value());
}

TEST(Serve, OnlyPlainRelativePathsAreSafe) {
    for (const char* ok : {"doc.pdf", "doc.html", "doc-assets/img 1.png", "a/b/c.png", "..doc.pdf", "doc..pdf"}) {
        EXPECT_TRUE(is_safe_relative_path(ok)) << ok;
    }
    for (const char* bad : {"", "/etc/passwd", "../doc.xml", "a/../../x", "a/./b", "./doc.pdf", "a//b", "a/",
                            "..", ".", "a\\..\\b", "x/.."}) {
        EXPECT_FALSE(is_safe_relative_path(bad)) << bad;
    }
    EXPECT_FALSE(is_safe_relative_path(std::string("doc\0.pdf", 8)));
}

TEST(Serve, PageAndStatusEscapeTheDiagnostics) {
    folio::serve::BuildRecord r;
    r.number = 3;
    r.ok = false;
    r.clock = "12:00:00";
    r.diagnostics.push_back({folio::core::Severity::error, "source.x", "bad <script>alert(\"x\")</script>",
                             {"doc.xml", 4, 2}});
    const std::string page = folio::serve::preview_page("my doc", r);
    EXPECT_EQ(page.find("<script>alert"), std::string::npos);
    EXPECT_NE(page.find("doc.xml:4:2: error: bad &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(page.find("src=\"/out/my%20doc.pdf\""), std::string::npos);
    EXPECT_NE(page.find("failed, showing the last good outputs"), std::string::npos);
    const std::string json = folio::serve::status_json(r);
    EXPECT_EQ(json.find("</script>"), std::string::npos);
    EXPECT_NE(json.find(R"("build":3,"ok":false)"), std::string::npos);
    EXPECT_NE(json.find(R"(bad \u003cscript>alert(\"x\")\u003c/script>)"), std::string::npos);
}

TEST(Serve, EventMessageIsOneServerSentEvent) {
    folio::serve::BuildRecord r;
    r.number = 7;
    r.ok = true;
    r.clock = "12:00:01";
    r.diagnostics.push_back({folio::core::Severity::warning, "layout.x", "two\nlines", {"doc.xml", 1, 1}});
    const std::string e = folio::serve::event_message(r);
    EXPECT_EQ(e.rfind("id: 7\nevent: build\ndata: {\"build\":7,\"ok\":true", 0), 0u) << e;
    // one data line: a newline in a diagnostic cannot end the event early
    EXPECT_EQ(e.find('\n', e.find("data: ")), e.size() - 2) << e;
    EXPECT_EQ(e.substr(e.size() - 2), "\n\n");
}

namespace {

/// What an /events client has received so far.
struct Received {
    std::mutex mutex;
    std::condition_variable grew;
    std::string text;
    bool contains(const std::string& s, std::chrono::seconds wait) {
        std::unique_lock<std::mutex> lock(mutex);
        return grew.wait_for(lock, wait, [&] { return text.find(s) != std::string::npos; });
    }
};

}  // namespace

TEST(Serve, EventsTellEachNewBuildAndStopWithTheServer) {
    const std::string dir = ::testing::TempDir();
    auto server = std::make_unique<folio::serve::PreviewServer>(dir, "doc");
    folio::serve::BuildRecord first;
    first.number = 1;
    first.ok = true;
    server->publish(first);
    const auto port = server->start("127.0.0.1", 0);
    ASSERT_TRUE(port.has_value());
    Received got;
    httplib::Client client("127.0.0.1", *port);
    client.set_read_timeout(20, 0);
    std::string content_type;
    std::thread listener([&] {
        client.Get(
            "/events", [&](const httplib::Response& res) { content_type = res.get_header_value("Content-Type"); return true; },
            [&](const char* data, std::size_t n) {
                std::lock_guard<std::mutex> lock(got.mutex);
                got.text.append(data, n);
                got.grew.notify_all();
                return true;
            });
    });
    // the current build at once, then the next one when it is published
    EXPECT_TRUE(got.contains("id: 1\nevent: build\ndata: {\"build\":1,", std::chrono::seconds(10))) << got.text;
    folio::serve::BuildRecord second;
    second.number = 2;
    second.ok = false;
    server->publish(second);
    EXPECT_TRUE(got.contains("id: 2\nevent: build\ndata: {\"build\":2,\"ok\":false", std::chrono::seconds(10)))
        << got.text;
    // the status endpoint, the polling fallback, agrees
    httplib::Client poller("127.0.0.1", *port);
    const auto status = poller.Get("/status");
    ASSERT_TRUE(status);
    EXPECT_NE(status->body.find("\"build\":2,"), std::string::npos);
    // destroying the server ends the stream: the listener returns instead of hanging
    server.reset();
    listener.join();
    EXPECT_EQ(content_type, "text/event-stream");
}

TEST(Serve, TooManyEventStreamsAreRefusedSoThatPagesPoll) {
    auto server = std::make_unique<folio::serve::PreviewServer>(::testing::TempDir(), "doc");
    const auto port = server->start("127.0.0.1", 0);
    ASSERT_TRUE(port.has_value());
    std::vector<std::unique_ptr<httplib::Client>> clients;
    std::vector<std::thread> listeners;
    std::atomic<unsigned> open{0};
    for (unsigned i = 0; i < folio::serve::max_event_streams; ++i) {
        clients.push_back(std::make_unique<httplib::Client>("127.0.0.1", *port));
        clients.back()->set_read_timeout(20, 0);
        listeners.emplace_back([&open, c = clients.back().get()] {
            bool counted = false;
            c->Get("/events", [&](const char*, std::size_t) {
                if (!counted) open += 1;
                counted = true;
                return true;
            });
        });
    }
    for (int i = 0; i < 200 && open.load() < folio::serve::max_event_streams; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_EQ(open.load(), folio::serve::max_event_streams);
    httplib::Client one_more("127.0.0.1", *port);
    const auto refused = one_more.Get("/events");
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 503);
    EXPECT_TRUE(one_more.Get("/status"));  // and the server still answers
    server.reset();
    for (auto& l : listeners) l.join();
}
