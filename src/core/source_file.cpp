#include "core/source_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/utf8.hpp"

namespace folio::core {

SourceFile::SourceFile(std::string path, std::string text) : m_path(std::move(path)), m_text(std::move(text)) {
    // 1. The line index: where each line starts.
    m_line_starts.push_back(0);
    for (std::size_t at = m_text.find('\n'); at != std::string::npos; at = m_text.find('\n', at + 1)) {
        m_line_starts.push_back(at + 1);
    }
    // 2. The character index: how many characters come before each chunk, so that a column is
    //    found by counting within one chunk rather than from the start of a (long) line.
    m_chunk_chars.reserve(m_text.size() / chunk + 1);
    std::size_t chars = 0;
    for (std::size_t at = 0; at < m_text.size(); at += chunk) {
        m_chunk_chars.push_back(chars);
        chars += count_characters(std::string_view(m_text).substr(at, chunk));
    }
}

std::size_t SourceFile::characters_before(std::size_t offset) const {
    if (offset == 0) return 0;
    const std::size_t k = (offset - 1) / chunk;  // the chunk holding the byte before `offset`
    const std::string_view text = m_text;
    return m_chunk_chars[k] + count_characters(text.substr(k * chunk, offset - k * chunk));
}

Result<SourceFile> SourceFile::read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return unexpected({Severity::error, "io.read", "cannot read file: " + std::string(std::strerror(errno)),
                           {path, 0, 0}});
    }
    const auto too_large = [&] {
        return unexpected({Severity::error, "io.too-large",
                           "the file is larger than " + std::to_string(max_bytes >> 20) +
                               " MiB; folio reads sources and style sheets of at most that size (docs/limits.md)",
                           {path, 0, 0}});
    };
    // A file in one read, into a string of its size; a stream (a pipe, /dev/zero) in pieces, up
    // to the limit: it may never end.
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    if (size > 0 && static_cast<std::uint64_t>(size) > max_bytes) return too_large();
    std::string text;
    if (size > 0) {
        text.resize(static_cast<std::size_t>(size));
        in.read(text.data(), size);
        text.resize(static_cast<std::size_t>(in.gcount()));
    } else {
        in.clear();
        char piece[65536];
        while (in.read(piece, sizeof piece) || in.gcount() > 0) {
            text.append(piece, static_cast<std::size_t>(in.gcount()));
            if (text.size() > max_bytes) return too_large();
        }
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
    // Count characters (UTF-8 lead bytes), not bytes: directly on a short line, else through the
    // chunk index; at most two chunks' bytes per call, whatever the length of the line.
    const std::string_view text = m_text;
    const std::size_t column = offset - start <= chunk
                                   ? count_characters(text.substr(start, offset - start)) + 1
                                   : characters_before(offset) - characters_before(start) + 1;
    return {m_path, static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(column)};
}

}  // namespace folio::core
