#pragma once
// A diagnostics sink that fails the test holding it when anything reported a diagnostic the test
// did not expect (WeasyPrint's assert_no_logs): declare `test::NoDiagnostics diags;` where a test
// would declare `core::Diagnostics diags;`, and `diags.expect("layout.overfull")` for each code
// the test means to provoke.

#include <set>
#include <string>

#include <gtest/gtest.h>

#include "core/diagnostic.hpp"

namespace folio::test {

/// Fails the current test, listing them, for the diagnostics of `diags` whose code is not in
/// `expected`.
inline void expect_only(const core::Diagnostics& diags, const std::set<std::string>& expected = {}) {
    for (const core::Diagnostic& d : diags.all()) {
        EXPECT_TRUE(expected.contains(d.code)) << "unexpected diagnostic: " << core::format(d) << " [" << d.code << ']';
    }
}

/// A core::Diagnostics that checks, when it goes out of scope, that it holds no diagnostic but
/// those of the codes expect() named.
class NoDiagnostics : public core::Diagnostics {
public:
    NoDiagnostics() = default;
    NoDiagnostics(const NoDiagnostics&) = delete;
    NoDiagnostics& operator=(const NoDiagnostics&) = delete;
    ~NoDiagnostics() { expect_only(*this, m_expected); }
    /// Allows diagnostics with `code` (the test checks them itself).
    void expect(std::string code) { m_expected.insert(std::move(code)); }

private:
    std::set<std::string> m_expected;
};

}  // namespace folio::test
