#pragma once
/// BagIt (RFC 8493, version 1.0): completes a folder holding data/ into a bag (bagit.txt,
/// bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt) and verifies a bag.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace folio::batch::bagit {

/// One line of a manifest: a hex checksum and a path relative to the bag's base folder.
struct ManifestEntry {
    std::string checksum;
    std::string path;
    bool operator==(const ManifestEntry&) const = default;
};

/// Percent-encodes the characters RFC 8493 §2.1.3 requires in manifest paths: %, CR and LF.
std::string encode_path(std::string_view path);

/// Undoes encode_path (%25, %0D, %0A, either case); other % sequences are kept as they are.
std::string decode_path(std::string_view path);

/// Parses a manifest (`CHECKSUM<whitespace>PATH` a line, LF or CRLF). A malformed line, an unsafe
/// path (absolute, or with a `..` part) or a path listed twice is added to `problems`, naming
/// `name` and the line.
std::vector<ManifestEntry> parse_manifest(std::string_view text, const std::string& name,
                                          std::vector<std::string>& problems);

/// Manifest text: entries sorted by path, `CHECKSUM  PATH` (as sha256sum writes it).
std::string format_manifest(std::vector<ManifestEntry> entries);

/// bag-info.txt's labels and values, in order (labels may repeat).
using BagInfo = std::vector<std::pair<std::string, std::string>>;

/// bag-info.txt text: `Label: value` a line; whitespace runs in values (newlines too) become one
/// space, since this writer does not fold lines.
std::string format_bag_info(const BagInfo& info);

/// Parses bag-info.txt, joining continuation lines (those that start with a space or tab).
BagInfo parse_bag_info(std::string_view text);

/// Writes bagit.txt, manifest-sha256.txt (every file under dir/data), bag-info.txt (`info` plus
/// Payload-Oxum) and tagmanifest-sha256.txt (the other three) into `dir`.
core::Result<core::Ok> write_tag_files(const std::string& dir, BagInfo info);

/// What verify_bag found.
struct Verification {
    std::vector<std::string> problems;  ///< one line each: "missing: data/x", "altered: ...", ...
    std::size_t files = 0;              ///< payload files found
    std::uintmax_t octets = 0;          ///< their total size
    [[nodiscard]] bool ok() const { return problems.empty(); }
};

/// Checks that the bag at `dir` is complete and valid: bagit.txt declares a version, every payload
/// file is in manifest-sha256.txt and the reverse, every checksum there and in
/// tagmanifest-sha256.txt holds, Payload-Oxum matches, and (when a tag manifest exists) no tag file
/// outside it was added. fetch.txt is not supported and reported.
Verification verify_bag(const std::string& dir);

}  // namespace folio::batch::bagit
