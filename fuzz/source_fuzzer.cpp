// Fuzz target: the content source reader (xml::read_content) on any bytes, as a source in the
// current folder whose image files are not looked up (check_files = false). The reader must
// return a document or report why, never crash, hang or leak.

#include <cstddef>
#include <cstdint>

#include "common.hpp"
#include "core/source_file.hpp"
#include "xml/reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace folio;
    const core::SourceFile file("fuzz.xml", fuzz::bytes_of(data, size));
    core::Diagnostics diags;
    auto document = xml::read_content(file, diags, /*check_files=*/false);
    // Every diagnostic is formatted, as the program prints them (positions included).
    for (const core::Diagnostic& d : diags.all()) (void)core::format(d);
    return 0;
}
