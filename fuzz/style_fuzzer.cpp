// Fuzz target: the style sheet reader (xml::read_stylesheet) on any bytes and, when the sheet
// reads without errors, the cascade (style::apply_styles) over the shipped feature sampler and
// the contrast check of every text colour (html::check_contrast), as a render does.

#include <cstddef>
#include <cstdint>
#include <optional>

#include "common.hpp"
#include "core/source_file.hpp"
#include "html/contrast.hpp"
#include "style/computed.hpp"
#include "xml/reader.hpp"

namespace {

/// The document every fuzzed sheet styles: source/feature-sampler.xml, read once.
const folio::doc::Document& sampler() {
    using namespace folio;
    static const doc::Document document = [] {
        const core::SourceFile file("feature-sampler.xml", fuzz::repository_file("source/feature-sampler.xml"));
        core::Diagnostics diags;
        auto read = xml::read_content(file, diags, /*check_files=*/false);
        return read ? std::move(*read) : doc::Document{};
    }();
    return document;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace folio;
    const doc::Document& document = sampler();
    const core::SourceFile file("fuzz-style.xml", fuzz::bytes_of(data, size));
    core::Diagnostics diags;
    auto sheet = xml::read_stylesheet(file, diags);
    if (!sheet || diags.has_errors()) return 0;
    const style::StyledDocument styled = style::apply_styles(document, *sheet, diags);
    if (diags.has_errors()) return 0;
    for (const core::Diagnostic& w : html::check_contrast(styled, file.path())) (void)core::format(w);
    return 0;
}
