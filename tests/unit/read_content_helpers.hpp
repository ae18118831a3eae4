#pragma once
// Reading a content source from a string, for the read_content tests.

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "diagnostic_list.hpp"
#include "xml/reader.hpp"

namespace folio::test {

/// What read_content gave: the diagnostics, and the document when the XML parsed.
struct Read {
    core::Diagnostics diags;
    std::optional<doc::Document> doc;
};

/// read_content on `text`, as if read from `path`.
inline Read read(const std::string& text, bool check_files = false, const std::string& path = "test.xml",
                 bool allow_outside = false) {
    Read r;
    auto res = xml::read_content(core::SourceFile(path, text), r.diags, check_files, allow_outside);
    if (res) r.doc = std::move(res).value();
    return r;
}

/// A valid document around `body`, which starts on line 3, column 1.
inline std::string wrap(const std::string& body) {
    return "<document version=\"1\" xml:lang=\"en\">\n<meta><title>T</title></meta>\n" + body +
           "\n</document>\n";
}

/// The message of the only diagnostic, after asserting it is the only one.
inline std::string only_message(const Read& r) {
    EXPECT_EQ(r.diags.all().size(), 1u) << ::testing::PrintToString(where(r.diags));
    return r.diags.all().empty() ? "" : r.diags.all()[0].message;
}

}  // namespace folio::test
