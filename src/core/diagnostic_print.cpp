// Diagnostics as text for people (one line, or with the source line and a caret) or as JSON
// lines for tools, with or without colour. The one-line form is format()'s, byte for byte.

#include "core/diagnostic_print.hpp"

#include <fstream>

#include "core/source_file.hpp"

namespace folio::core {
namespace {

constexpr const char* bold = "\033[1m";
constexpr const char* red = "\033[1;31m";
constexpr const char* magenta = "\033[1;35m";
constexpr const char* green = "\033[1;32m";
constexpr const char* cyan = "\033[36m";
constexpr const char* reset = "\033[0m";

/// The position part of format(): "path:line:column" or "path".
std::string position(const Diagnostic& d) {
    std::string out = d.location.file.empty() ? std::string("folio") : d.location.file;
    if (d.location.line > 0) {
        out += ':' + std::to_string(d.location.line);
        out += ':' + std::to_string(d.location.column > 0 ? d.location.column : 1);
    }
    return out;
}

std::string one_line(const Diagnostic& d, bool colour) {
    if (!colour) return core::format(d);
    return bold + position(d) + ":" + reset + " " + severity_label(d.severity, true) + ": " + bold +
           d.message + reset;
}

/// Spaces (tabs where the line has tabs) up to character `column` (1-based) of `line`.
std::string caret_padding(std::string_view line, std::uint32_t column) {
    std::string pad;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < line.size() && chars + 1 < column; ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        if ((c & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte
        pad += c == '\t' ? '\t' : ' ';
        ++chars;
    }
    return pad;
}

}  // namespace

bool parse_diagnostic_format(std::string_view text, DiagnosticFormat& out) {
    if (text == "human") out = DiagnosticFormat::human;
    else if (text == "short") out = DiagnosticFormat::brief;
    else if (text == "json") out = DiagnosticFormat::json;
    else return false;
    return true;
}

std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20 || c == 0x7F) {
                static constexpr char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
            } else {
                out += ch;
            }
        }
    }
    return out + '"';
}

std::string severity_label(Severity s, bool colour) {
    const char* word = s == Severity::error ? "error" : "warning";
    if (!colour) return word;
    return std::string(s == Severity::error ? red : magenta) + word + reset;
}

std::string DiagnosticPrinter::format(const Diagnostic& d) {
    if (m_style.format == DiagnosticFormat::json) {
        return "{\"file\":" + json_string(d.location.file) + ",\"line\":" + std::to_string(d.location.line) +
               ",\"column\":" + std::to_string(d.location.column) + ",\"severity\":\"" +
               severity_label(d.severity, false) + "\",\"code\":" + json_string(d.code) +
               ",\"message\":" + json_string(d.message) + "}\n";
    }
    std::string out = one_line(d, m_style.colour);
    if (m_style.format == DiagnosticFormat::human && !d.code.empty()) {
        out += m_style.colour ? std::string(" ") + cyan + "[" + d.code + "]" + reset : " [" + d.code + "]";
    }
    out += '\n';
    if (m_style.format != DiagnosticFormat::human || d.location.line == 0) return out;
    const std::string_view line = source_line(d.location.file, d.location.line);
    if (line.empty()) return out;
    const std::string number = std::to_string(d.location.line);
    const std::string gutter(number.size(), ' ');
    out += " " + number + " | " + std::string(line) + "\n";
    out += " " + gutter + " | " + caret_padding(line, d.location.column);
    out += m_style.colour ? std::string(green) + "^" + reset + "\n" : std::string("^\n");
    return out;
}

void DiagnosticPrinter::add_text(const std::string& file, std::string_view text) {
    std::vector<std::string> lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        std::string line(text.substr(0, end));
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(std::move(line));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    m_lines[file] = std::move(lines);
}

std::string_view DiagnosticPrinter::source_line(const std::string& file, std::uint32_t line) {
    auto it = m_lines.find(file);
    if (it == m_lines.end()) {
        std::vector<std::string> lines;
        std::ifstream in(file, std::ios::binary);
        std::string text;
        std::uint64_t bytes = 0;
        while (in && std::getline(in, text) && (bytes += text.size() + 1) <= SourceFile::max_bytes) {
            if (!text.empty() && text.back() == '\r') text.pop_back();
            lines.push_back(std::move(text));
        }
        it = m_lines.emplace(file, std::move(lines)).first;
    }
    if (line == 0 || line > it->second.size()) return {};
    const std::string& text = it->second[line - 1];
    // A very long line (a minified source) is not worth showing whole.
    return text.size() > 400 ? std::string_view{} : std::string_view(text);
}

}  // namespace folio::core
