#pragma once
/// The archival parts of a PDF that folio writes itself: reproducible dates, and the XMP
/// metadata packet of PDF/A-2b that mirrors the document information dictionary.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace folio::pdf {

/// A moment in UTC, as PDF and XMP dates write it.
struct CivilTime {
    int year = 1970;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
};

/// The UTC calendar time of `epoch` (seconds since 1970-01-01T00:00:00Z); nullopt when negative
/// or past the year 9999.
std::optional<CivilTime> civil_time(std::int64_t epoch);

/// Seconds since the epoch of midnight UTC on an ISO date "YYYY-MM-DD"; nullopt if it is not one.
std::optional<std::int64_t> date_to_epoch(std::string_view iso_date);

/// "2024-05-17T10:30:00+00:00": the XMP form of the Info dictionary's D:20240517103000+00'00'.
std::string xmp_date(const CivilTime& t);

/// The document information strings exactly as the Info dictionary holds them (UTF-8; empty =
/// absent). The XMP repeats each, as PDF/A requires.
struct InfoValues {
    std::string title;
    std::string author;
    std::string subject;
    std::string keywords;
    std::string creator;
    std::string producer;
};

/// `text` with & < > " ' escaped and the control characters XML 1.0 forbids removed.
std::string xml_escape(std::string_view text);

/// The standards an XMP packet claims.
struct XmpClaims {
    char pdfa = 'B';  ///< PDF/A-2 conformance level ('A' tagged, 'B'), or 0 for none
    bool ua = false;  ///< PDF/UA-1 (pdfuaid:part 1; with PDF/A, its extension schema declared)
};

/// The XMP packet of a PDF/A-2 or PDF/UA-1 file: dc:format, dc:title, dc:creator,
/// dc:description, pdf:Keywords, pdf:Producer, xmp:CreatorTool,
/// xmp:CreateDate/ModifyDate/MetadataDate (when `date`), pdfaid:part 2 and pdfaid:conformance,
/// pdfuaid:part 1, as `claims` says.
std::string build_xmp(const InfoValues& info, const std::optional<CivilTime>& date, XmpClaims claims = {});

}  // namespace folio::pdf
