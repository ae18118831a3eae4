// How many threads a layout stage may use (units.hpp).

#include <algorithm>

#include "core/jobs.hpp"
#include "layout/units.hpp"

namespace folio::layout {

unsigned threads_for(unsigned requested, const text::FontProvider& fonts, std::size_t items, std::size_t per_thread) {
    unsigned threads = core::thread_count(requested);
    if (!fonts.thread_safe()) threads = 1;
    return static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, items / per_thread)));
}

}  // namespace folio::layout
