#pragma once
// Diagnostics as short strings, for tests that compare positions and codes.

#include <string>
#include <vector>

#include "core/diagnostic.hpp"

namespace folio::test {

/// Each diagnostic as "line:column code", in report order.
inline std::vector<std::string> where(const core::Diagnostics& diags) {
    std::vector<std::string> out;
    for (const auto& d : diags.all()) {
        std::string s = std::to_string(d.location.line);
        s += ':';
        s += std::to_string(d.location.column);
        s += ' ';
        s += d.code;
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace folio::test
