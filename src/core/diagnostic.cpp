#include "core/diagnostic.hpp"

#include <algorithm>

namespace folio::core {

std::string format(const Diagnostic& d) {
    std::string out;
    out += d.location.file.empty() ? std::string("folio") : d.location.file;
    if (d.location.line > 0) {
        out += ':' + std::to_string(d.location.line);
        out += ':' + std::to_string(d.location.column > 0 ? d.location.column : 1);
    }
    out += d.severity == Severity::error ? ": error: " : ": warning: ";
    out += d.message;
    return out;
}

void Diagnostics::error(std::string code, std::string message, SourceLocation loc) {
    m_items.push_back({Severity::error, std::move(code), std::move(message), std::move(loc)});
}

void Diagnostics::warning(std::string code, std::string message, SourceLocation loc) {
    m_items.push_back({Severity::warning, std::move(code), std::move(message), std::move(loc)});
}

void Diagnostics::add(Diagnostic d) { m_items.push_back(std::move(d)); }

void Diagnostics::append(const Diagnostics& other) {
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
    return static_cast<std::size_t>(std::count_if(m_items.begin(), m_items.end(), [](const Diagnostic& d) {
        return d.severity == Severity::error;
    }));
}

}  // namespace folio::core
