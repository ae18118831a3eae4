// The accessibility rules on the document tree: text alternatives that repeat a file name, link
// texts that say nothing, skipped heading levels, and text in another language than its
// element's (report/languages.cpp). (Missing alternatives and low contrast come from the reader's and the contrast
// check's diagnostics: see from_diagnostic.)

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>

#include "core/utf8.hpp"
#include "report/report.hpp"

namespace folio::report {
namespace {

/// `s` in ASCII lower case with surrounding spaces and final punctuation removed.
std::string folded(std::string_view s) {
    std::string out;
    for (const char c : s) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    const auto not_space = out.find_first_not_of(" \t\n");
    if (not_space == std::string::npos) return {};
    out = out.substr(not_space, out.find_last_not_of(" \t\n") - not_space + 1);
    while (!out.empty() && std::string_view(".:;,!?").find(out.back()) != std::string_view::npos) out.pop_back();
    return out;
}

void alt_texts(const doc::Document& d, const PageIndex& pages, std::vector<Finding>& out) {
    auto check = [&](const std::string& src, const std::string& alt, const core::SourceLocation& at,
                     std::size_t page) {
        if (src.empty()) return;
        const std::filesystem::path file(src);
        const std::string name = folded(file.filename().string());
        const std::string stem = folded(file.stem().string());
        std::string spaced = stem;
        std::replace_if(spaced.begin(), spaced.end(), [](char c) { return c == '-' || c == '_'; }, ' ');
        const std::string a = folded(alt);
        if (a.empty()) {
            out.push_back(make_finding("accessibility.missing-alt", "the image '" + file.filename().string() +
                                       "' has no text alternative", at, page));
        } else if (!name.empty() && (a.find(name) != std::string::npos || a == stem || a == spaced)) {
            // (a <qr>'s key, "qr:https://x.org/", has no file name: every alt would "contain" it)
            out.push_back(make_finding("accessibility.alt-is-file-name",
                                       "the text alternative of '" + file.filename().string() +
                                           "' repeats its file name; say what the image shows",
                                       at, page));
        }
    };
    if (d.meta.cover.present) check(d.meta.cover.image, d.meta.cover.alt, d.meta.cover.location, 1);
    for (doc::NodeId id = 0; id < d.nodes.size(); ++id) {
        const doc::Node& n = d.nodes[id];
        if (n.kind == doc::NodeKind::figure) check(n.src, n.alt, n.location, pages.of_node(id));
    }
}

bool is_vague(const std::string& text, const std::string& href) {
    static const std::array<const char*, 14> vague = {
        "here", "click here", "click", "this", "this link", "link", "more", "read more", "learn more",
        "more info", "go", "see here", "follow this link", "details"};
    if (std::find(vague.begin(), vague.end(), text) != vague.end()) return true;
    const bool url = text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0 || text.rfind("www.", 0) == 0;
    return url || (!href.empty() && text == folded(href));
}

void link_texts(const doc::Document& d, const PageIndex& pages, std::vector<Finding>& out) {
    for (doc::NodeId id = 0; id < d.nodes.size(); ++id) {
        const doc::Node& n = d.nodes[id];
        if (n.kind != doc::NodeKind::link || n.reference) continue;
        const std::string shown = d.plain_text(id);
        if (!is_vague(folded(shown), n.href)) continue;
        out.push_back(make_finding("accessibility.vague-link-text",
                                   "the link text '" + shown + "' does not say where the link leads (" + n.href +
                                       "); name the destination instead",
                                   n.location, pages.of_node(id)));
    }
}

void heading_levels(const doc::Document& d, const PageIndex& pages, std::vector<Finding>& out) {
    int previous = 1;  // the document's title, on the cover or at the top of the body
    for (doc::NodeId id = 0; id < d.nodes.size(); ++id) {
        const doc::Node& n = d.nodes[id];
        if (n.kind != doc::NodeKind::heading) continue;
        if (n.level > previous + 1) {
            out.push_back(make_finding("accessibility.skipped-heading-level",
                                       "a level-" + std::to_string(n.level) + " heading follows a level-" +
                                           std::to_string(previous) + " heading",
                                       n.location, pages.of_node(id)));
        }
        previous = n.level;
    }
}

}  // namespace

std::vector<Finding> check_accessibility(const realize::RealizedDocument& realized, const PageIndex& pages) {
    std::vector<Finding> out;
    alt_texts(realized.doc(), pages, out);
    link_texts(realized.doc(), pages, out);
    heading_levels(realized.doc(), pages, out);
    unmarked_languages(realized, pages, out);
    return out;
}

}  // namespace folio::report
