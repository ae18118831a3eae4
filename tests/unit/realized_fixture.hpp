#pragma once
// A source and a style sheet read by the real readers, styled and realized: the fixture of the
// realize tests (test_realize.cpp, test_hyphen_languages.cpp).

#include <gtest/gtest.h>

#include <string>

#include "core/source_file.hpp"
#include "realize/realize.hpp"
#include "style/computed.hpp"
#include "xml/reader.hpp"

namespace {

using namespace folio;
using doc::NodeId;
using doc::NodeKind;

/// A source and a style sheet read, styled and realized; the inputs stay alive with it.
struct Realized {
    doc::Document d;
    style::StyledDocument styled;
    realize::RealizedDocument r;
    core::Diagnostics diags;

    Realized(const std::string& body, const std::string& rules,
             const std::string& folder = "/tmp") {
        const core::SourceFile source(
            folder + "/realize-test.xml",
            "<document version=\"1\" xml:lang=\"en\"><meta><title>T</title></meta>" + body +
                "</document>");
        const core::SourceFile sheet(
            folder + "/realize-test-style.xml",
            "<stylesheet version=\"1\" name=\"t\">" + rules + "</stylesheet>");
        auto read = xml::read_content(source, diags, false);
        auto rules_read = xml::read_stylesheet(sheet, diags);
        EXPECT_FALSE(diags.has_errors()) << core::format(diags.all().front());
        EXPECT_TRUE(read && rules_read)
            << (diags.all().empty() ? "" : core::format(diags.all().front()));
        d = std::move(*read);
        styled = style::apply_styles(d, *rules_read, diags);
        r = realize::realize(styled, diags);
    }
    /// The n-th node (0-based) of a kind, in document order.
    NodeId nth(NodeKind kind, int n = 0) const {
        for (NodeId id = 0; id < d.nodes.size(); ++id) {
            if (d.node(id).kind == kind && n-- == 0) return id;
        }
        ADD_FAILURE() << "no such node";
        return 0;
    }
    /// The text node whose source text is `text`.
    NodeId text_node(const std::string& text) const {
        for (NodeId id = 0; id < d.nodes.size(); ++id) {
            if (d.node(id).kind == NodeKind::text && d.node(id).text == text) return id;
        }
        ADD_FAILURE() << "no text node \"" << text << '"';
        return 0;
    }
};

}  // namespace
