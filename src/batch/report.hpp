#pragma once
/// The batch report: what a `folio batch` run did to each source (inputs and outputs with their
/// SHA-256, pages, diagnostics, time, status), as versioned JSON (docs/batch-and-snapshots.md),
/// and GitHub workflow-command annotations of the diagnostics.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/result.hpp"

namespace folio::batch {

/// The `format` member of every report.
inline constexpr const char* report_format = "folio-batch-report";
/// The version of the report format this code writes and reads.
inline constexpr int report_version = 1;

/// A file and the hex SHA-256 of its bytes.
struct FileHash {
    std::string path;
    std::string sha256;
    bool operator==(const FileHash&) const = default;
};

/// The settings that change a render's outputs or status; a source whose settings differ from the
/// previous report's is rendered again.
struct RenderSettings {
    std::string style;
    std::string out_dir;
    bool pdf = true;
    bool html = true;
    bool pdfa = false;
    bool cmyk = false;
    bool marks = false;
    bool allow_outside = false;
    bool fail_on_warning = false;
    std::int64_t source_date_epoch = -1;
    bool operator==(const RenderSettings&) const = default;
};

/// What happened to one source.
enum class Status : std::uint8_t { ok, failed, skipped };

/// "ok", "failed" or "skipped".
const char* status_name(Status s);

/// One source's entry in the report.
struct SourceResult {
    std::string source;
    Status status = Status::failed;
    RenderSettings settings;
    std::size_t pages = 0;
    double seconds = 0;
    std::vector<FileHash> inputs;   ///< every file the render read, in the pipeline's order
    std::vector<FileHash> outputs;  ///< every file the render wrote
    std::vector<core::Diagnostic> diagnostics;
    /// Number of diagnostics of severity `s`.
    [[nodiscard]] std::size_t count(core::Severity s) const;
};

/// A whole report: the sources sorted by path, and the run's wall time.
struct Report {
    std::string folio_version;
    std::vector<SourceResult> sources;
    double seconds = 0;
};

/// The report as JSON text (2-space indent, members in a fixed order, sources as given).
std::string to_json(const Report& report);

/// Parses a report; the error names `path` and says what is wrong (not JSON, another format or
/// version, a missing member).
core::Result<Report> parse_report(std::string_view text, const std::string& path);

/// Reads and parses the report at `path`.
core::Result<Report> read_report(const std::string& path);

/// Writes the report to `path` through a temporary file and a rename.
core::Result<core::Ok> write_report(const std::string& path, const Report& report);

/// Writes `text` to `path` through a temporary file and a rename.
core::Result<core::Ok> write_text(const std::string& path, const std::string& text);

/// The report as JUnit XML (#21): one <testsuite> of one <testcase> per source, a <failure> with
/// its errors for a failed source, <skipped/> for an unchanged one, warnings in <system-err>.
/// tests/fixtures/junit.xsd is its schema.
std::string to_junit(const Report& report);

/// The report as a Markdown summary for $GITHUB_STEP_SUMMARY (#21): a count line, a table of
/// the sources and a list of the problems.
std::string to_markdown(const Report& report);

/// One report of several (the shards of one batch): their sources sorted by path; the wall time
/// is the longest. An error when the reports come from different folio versions or two name the
/// same source. `paths` name the reports in errors.
core::Result<Report> merge_reports(const std::vector<Report>& reports, const std::vector<std::string>& paths);

/// A diagnostic as a GitHub Actions workflow command: `::error file=F,line=L,col=C::MESSAGE`,
/// with %, CR and LF escaped in the message, and also `,` and `:` in the properties.
std::string github_annotation(const core::Diagnostic& d, const std::string& fallback_file);

}  // namespace folio::batch
