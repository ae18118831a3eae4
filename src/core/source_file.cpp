#include "core/source_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace folio::core {

SourceFile::SourceFile(std::string path, std::string text) : m_path(std::move(path)), m_text(std::move(text)) {
    m_line_starts.push_back(0);
    for (std::size_t i = 0; i < m_text.size(); ++i) {
        if (m_text[i] == '\n') m_line_starts.push_back(i + 1);
    }
}

Result<SourceFile> SourceFile::read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return unexpected({Severity::error, "io.read", "cannot read file: " + std::string(std::strerror(errno)),
                           {path, 0, 0}});
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return SourceFile(path, ss.str());
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
