// image::append_decimal (the number format of drawings in the PDF and the HTML) against printf,
// which rounds as the std::to_chars it used to call alone does. Its fast path must give the same
// bytes for every value (issue 23: outputs stay byte-identical).

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>

#include "image/vector.hpp"

namespace {

/// printf's "%.*f" (which rounds the exact binary value, ties to even, as to_chars does), with
/// trailing zeros, a trailing dot and a "-" before zero taken off.
std::string reference(double v, int decimals) {
    if (!std::isfinite(v)) return "0";
    char buf[400];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.') s.pop_back();
    }
    return s == "-0" ? "0" : s;
}

std::string fast(double v, int decimals) {
    std::string out = "x";
    folio::image::append_decimal(out, v, decimals);
    return out.substr(1);
}

TEST(AppendDecimal, EqualsToCharsOnEdgeValues) {
    const double values[] = {0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1.00005, 0.00005,
                             -0.00004, 0.00015, 12.3400, 999999.99995, 1e9, -1e9, 123456789.123,
                             4294.967296, 0.1, 0.2, 0.3, 1e-300, 1e300, NAN, INFINITY, -INFINITY};
    for (int d = 0; d <= 8; ++d) {
        for (double v : values) EXPECT_EQ(fast(v, d), reference(v, d)) << v << " with " << d;
    }
}

TEST(AppendDecimal, EqualsToCharsOnRandomValuesAndNearTies) {
    std::mt19937_64 rng(23);
    std::uniform_real_distribution<double> mant(-1.0, 1.0);
    std::uniform_int_distribution<int> exp10(-8, 12);
    for (int i = 0; i < 200000; ++i) {
        const int d = i % 7;
        const double v = mant(rng) * std::pow(10.0, exp10(rng));
        ASSERT_EQ(fast(v, d), reference(v, d)) << v << " with " << d;
        // the ties and their neighbours: k + 0.5 units of the last decimal, one ulp either side
        const double tie = (std::round(v * std::pow(10.0, d)) + 0.5) / std::pow(10.0, d);
        for (double t : {tie, std::nextafter(tie, 0.0), std::nextafter(tie, 1e300)})
            ASSERT_EQ(fast(t, d), reference(t, d)) << t << " with " << d;
    }
}

}  // namespace
