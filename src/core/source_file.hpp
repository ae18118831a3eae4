#pragma once
/// An input file held in memory with a line index, so byte offsets become line:column, and a
/// character index, so that finding a column costs the same on a line of any length.

#include <cstdint>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/result.hpp"

namespace folio::core {

/// The text of one input file and the offsets at which its lines start.
class SourceFile {
public:
    /// Wraps `text` read from `path` (the path is only used in diagnostics).
    SourceFile(std::string path, std::string text);
    /// The largest file read() takes: 64 MiB. A build needs about a hundred times its source's
    /// size in memory, and a stream such as /dev/zero never ends.
    static constexpr std::uint64_t max_bytes = std::uint64_t{64} << 20;
    /// Reads a file from disk (or a stream, up to max_bytes); the error names the path.
    static Result<SourceFile> read(const std::string& path);

    [[nodiscard]] const std::string& path() const { return m_path; }
    [[nodiscard]] const std::string& text() const { return m_text; }
    /// The 1-based line and column (counted in characters, not bytes) of a byte offset.
    [[nodiscard]] SourceLocation location(std::size_t offset) const;

private:
    /// Bytes per entry of the character index.
    static constexpr std::size_t chunk = 256;
    /// The number of characters in m_text[0, offset).
    [[nodiscard]] std::size_t characters_before(std::size_t offset) const;

    std::string m_path;
    std::string m_text;
    std::vector<std::size_t> m_line_starts;
    std::vector<std::size_t> m_chunk_chars;  ///< characters before byte k * chunk
};

}  // namespace folio::core
