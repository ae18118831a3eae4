#pragma once
/// Archival snapshots: one source rendered (PDF/A and self-contained HTML) and packed with every
/// file it was made from into a BagIt bag (docs/batch-and-snapshots.md).

#include <cstdint>
#include <string>

#include "core/diagnostic.hpp"

namespace folio::batch {

/// What to snapshot and where.
struct SnapshotRequest {
    std::string source;
    std::string style;
    std::string bag_dir;                  ///< must not exist, or be an empty folder
    std::int64_t source_date_epoch = -1;  ///< SOURCE_DATE_EPOCH; -1 = not set
};

/// The result of a snapshot: the render's diagnostics, and the bag's size when it was written.
struct SnapshotOutcome {
    core::Diagnostics diagnostics;
    std::size_t files = 0;  ///< payload files
    [[nodiscard]] bool ok() const { return !diagnostics.has_errors(); }
};

/// Renders `request.source` and writes the bag: built in a temporary folder beside bag_dir and
/// renamed into place, so a failure leaves nothing behind. Same inputs give the same payload bytes.
SnapshotOutcome snapshot(const SnapshotRequest& request);

/// The Bagging-Date: the UTC day of `source_date_epoch` when it is set (>= 0), else the document's
/// <date> (YYYY-MM-DD), else empty (the label is left out: never the clock).
std::string bagging_date(std::int64_t source_date_epoch, const std::string& document_date);

}  // namespace folio::batch
