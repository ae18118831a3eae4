#pragma once
/// Result<T>: a value or a Diagnostic, with std::expected's member names (g++ 12 lacks
/// std::expected under C++20).

#include <cassert>
#include <utility>
#include <variant>

#include "core/diagnostic.hpp"

namespace folio::core {

/// Wraps the error of a failed Result so that construction is unambiguous.
struct Unexpected {
    Diagnostic error;
};

/// Makes an Unexpected from a diagnostic.
inline Unexpected unexpected(Diagnostic d) { return Unexpected{std::move(d)}; }

/// Either a T or the Diagnostic that explains why there is none.
template <typename T>
class Result {
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
    Result(Unexpected e) : m_v(std::in_place_index<1>, std::move(e.error)) {}  // NOLINT

    [[nodiscard]] bool has_value() const { return m_v.index() == 0; }
    explicit operator bool() const { return has_value(); }
    T& value() & { assert(has_value()); return std::get<0>(m_v); }
    const T& value() const& { assert(has_value()); return std::get<0>(m_v); }
    T&& value() && { assert(has_value()); return std::get<0>(std::move(m_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    [[nodiscard]] const Diagnostic& error() const { assert(!has_value()); return std::get<1>(m_v); }

private:
    std::variant<T, Diagnostic> m_v;
};

/// A Result that carries no value on success.
struct Ok {};

}  // namespace folio::core
