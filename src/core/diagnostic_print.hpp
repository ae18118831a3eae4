#pragma once
/// Printing diagnostics for people and for tools (--diagnostic-format, --color): the one-line
/// `path:line:column: error: message` of format(), the same with the source line and a caret
/// under the column, or one JSON object a line; colour only when asked (app decides: a terminal,
/// --color, NO_COLOR).

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"

namespace folio::core {

/// How diagnostics are written.
enum class DiagnosticFormat : std::uint8_t {
    human,  ///< the line of format(), then the source line and a caret under the column
    brief,  ///< the line of format() alone (`--diagnostic-format short`, the default in a pipe)
    json,   ///< one JSON object a line: file, line, column, severity, code, message
};

/// Parses "human", "short" or "json"; false for anything else.
bool parse_diagnostic_format(std::string_view text, DiagnosticFormat& out);

/// How to print: the format, and whether to colour (ANSI escapes) the human and short forms.
struct DiagnosticStyle {
    DiagnosticFormat format = DiagnosticFormat::brief;
    bool colour = false;
};

/// `text` as a JSON string, quotes included (control characters escaped).
std::string json_string(std::string_view text);

/// A bold red "error" or bold magenta "warning" (plain without colour), for summary lines.
std::string severity_label(Severity s, bool colour);

/// Formats diagnostics as a DiagnosticStyle says. For the human form it reads the files the
/// diagnostics name (once each) to show the line; a file it cannot read shows no line.
class DiagnosticPrinter {
public:
    explicit DiagnosticPrinter(DiagnosticStyle style = {}) : m_style(style) {}

    /// The text of `file` when it cannot be read again (standard input), for the human form.
    void add_text(const std::string& file, std::string_view text);
    /// `d` as text, ending in a newline.
    std::string format(const Diagnostic& d);
    /// The style in use.
    [[nodiscard]] const DiagnosticStyle& style() const { return m_style; }

private:
    /// Line `line` (1-based) of `file`, without its newline; empty when unknown.
    std::string_view source_line(const std::string& file, std::uint32_t line);

    DiagnosticStyle m_style;
    std::map<std::string, std::vector<std::string>> m_lines;  ///< file -> its lines
};

}  // namespace folio::core
