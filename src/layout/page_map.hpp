#pragma once
/// The page of each node, as pagination found it: what the contents and cross-references print,
/// and what the HTML writer links its cross-references to.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "doc/document.hpp"

namespace folio::layout {

/// What pagination learned in a previous pass: the page index of every node that starts a block
/// or has an anchor, for the contents and cross-references. A table by NodeId: pagination records
/// tens of thousands of them and each pass compares the whole map with the previous one.
class PageMap {
public:
    /// The page (0-based) of `node`, or nullopt when none was recorded.
    [[nodiscard]] std::optional<std::size_t> find(doc::NodeId node) const {
        if (node >= m_pages.size() || m_pages[node] == none) return std::nullopt;
        return m_pages[node];
    }
    /// Records the page of `node`, unless it has one already (its first place counts).
    void emplace(doc::NodeId node, std::size_t page) {
        if (node >= m_pages.size()) m_pages.resize(std::size_t{node} + 1, none);
        if (m_pages[node] == none) m_pages[node] = static_cast<std::uint32_t>(page);
    }
    /// Room for nodes up to `nodes` - 1.
    void reserve(std::size_t nodes) { m_pages.reserve(nodes); }
    [[nodiscard]] bool operator==(const PageMap& other) const {
        const auto& a = m_pages.size() <= other.m_pages.size() ? m_pages : other.m_pages;
        const auto& b = m_pages.size() <= other.m_pages.size() ? other.m_pages : m_pages;
        return std::equal(a.begin(), a.end(), b.begin()) &&
               std::all_of(b.begin() + static_cast<std::ptrdiff_t>(a.size()), b.end(),
                           [](std::uint32_t p) { return p == none; });
    }

private:
    static constexpr std::uint32_t none = 0xFFFFFFFF;
    std::vector<std::uint32_t> m_pages;  ///< by NodeId; `none` where nothing was recorded
};

}  // namespace folio::layout
