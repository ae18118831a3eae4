// The preview server's path check and its page (issue 22): what may be served, and diagnostics
// that cannot inject markup into the page or break its JSON.

#include <gtest/gtest.h>

#include "serve/preview_server.hpp"

using folio::serve::is_safe_relative_path;

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
