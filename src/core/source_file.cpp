#include "core/source_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace folio::core {

SourceFile::SourceFile(std::string path, std::string text) : m_path(std::move(path)), m_text(std::move(text)) {
    m_line_starts.push_back(0);
    for (std::size_t at = m_text.find('\n'); at != std::string::npos; at = m_text.find('\n', at + 1)) {
        m_line_starts.push_back(at + 1);
    }
}

Result<SourceFile> SourceFile::read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return unexpected({Severity::error, "io.read", "cannot read file: " + std::string(std::strerror(errno)),
                           {path, 0, 0}});
    }
    // The whole file in one read, into a string of its size.
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    std::string text;
    if (size > 0) {
        text.resize(static_cast<std::size_t>(size));
        in.read(text.data(), size);
        text.resize(static_cast<std::size_t>(in.gcount()));
    } else {  // not seekable (a pipe): read as it comes
        std::ostringstream ss;
        ss << in.rdbuf();
        text = ss.str();
    }
    if (in.bad()) {
        return unexpected({Severity::error, "io.read", "cannot read file: " + std::string(std::strerror(errno)),
                           {path, 0, 0}});
    }
    return SourceFile(path, std::move(text));
}

SourceLocation SourceFile::location(std::size_t offset) const {
    offset = std::min(offset, m_text.size());
    auto it = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
    const auto line = static_cast<std::size_t>(it - m_line_starts.begin());  // 1-based
    const std::size_t start = m_line_starts[line - 1];
    std::uint32_t column = 1;
    for (std::size_t i = start; i < offset; ++i) {
        // count UTF-8 lead bytes only, so a column is a character position
        if ((static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80) ++column;
    }
    return {m_path, static_cast<std::uint32_t>(line), column};
}

}  // namespace folio::core
