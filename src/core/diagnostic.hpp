#pragma once
/// Diagnostics: problems in the input, reported with a source position and collected, never printed
/// below main.

#include <cstdint>
#include <string>
#include <vector>

namespace folio::core {

/// How bad a diagnostic is: errors stop output from being written, warnings do not.
enum class Severity : std::uint8_t { warning, error };

/// A position in an input file; line and column are 1-based, 0 means "unknown".
struct SourceLocation {
    std::string file;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
};

/// One problem found in the input.
struct Diagnostic {
    Severity severity = Severity::error;
    std::string code;  ///< stable short identifier, e.g. "source.unknown-element"
    std::string message;
    SourceLocation location;
};

/// Formats a diagnostic as compilers do: `path:line:column: error: message`.
std::string format(const Diagnostic& d);

/// A sink that collects diagnostics in the order they were reported.
class Diagnostics {
public:
    /// Records an error at `loc`.
    void error(std::string code, std::string message, SourceLocation loc);
    /// Records a warning at `loc`.
    void warning(std::string code, std::string message, SourceLocation loc);
    /// Appends an already-built diagnostic.
    void add(Diagnostic d);
    /// Appends every diagnostic of `other`.
    void append(const Diagnostics& other);
    /// True when at least one error was recorded.
    [[nodiscard]] bool has_errors() const;
    /// Number of errors recorded.
    [[nodiscard]] std::size_t error_count() const;
    /// All diagnostics in report order.
    [[nodiscard]] const std::vector<Diagnostic>& all() const { return m_items; }

private:
    std::vector<Diagnostic> m_items;
};

}  // namespace folio::core
