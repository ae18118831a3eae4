#pragma once
/// Pagination: places units into the columns of pages.

#include <memory>

#include "layout/units.hpp"

namespace folio::layout {

/// Places `units` on pages after `first_pages` (the cover, if any), choosing each page's master
/// (a requested one, else first, else left/right by parity, else the default), breaking columns
/// and pages where the units allow, deferring figures that do not fit, and balancing the columns
/// before a spanning unit and at the end. Fills `pages_out` with the page of every block start.
/// The units' own items are moved onto the pages (the units keep their geometry); where their late
/// items go is appended to `slots`, in page order and, within a page, in item order.
void paginate(const style::StyledDocument& styled, UnitList& units, PagedDocument& doc, PageMap& pages_out,
              std::vector<LateSlot>& slots);

/// paginate, a little at a time, while `units` is still being cut: the same pages in the end.
class Pager {
public:
    Pager(const style::StyledDocument& styled, UnitList& units, PagedDocument& doc, PageMap& pages_out,
          std::vector<LateSlot>& slots);
    ~Pager();
    Pager(const Pager&) = delete;
    Pager& operator=(const Pager&) = delete;
    /// Places what it can of the first `final_units` units (those that will not change any more);
    /// true when it placed anything.
    bool advance(std::size_t final_units);
    /// Places the rest, once every unit is final, and closes the last page.
    void finish();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// An empty page of `master`, labelled `name`, with the master's background run into the bleed.
Page blank_page(const style::PageStyle& master, const std::string& name);

/// The master a page gets: `requested` if the sheet defines it, else "first" for the first body
/// page, else "left"/"right" by parity (page_number is 1-based), else the default ("").
std::string choose_master(const style::StyledDocument& styled, const std::string& requested, std::size_t page_number,
                          bool first_body_page);

}  // namespace folio::layout
