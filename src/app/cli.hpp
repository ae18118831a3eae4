#pragma once
/// The command line's parts (main.cpp only wires them): the shared context every subcommand
/// reads, and one `add_*` per subcommand that declares its options on a CLI11 app and returns
/// what runs it. A new subcommand is a new file with an `add_*` function and one line in main's
/// list (docs/install.md, "Command line").

#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "app/data_dir.hpp"
#include "core/diagnostic.hpp"
#include "core/diagnostic_print.hpp"

namespace folio::report {
struct ReportRequest;
}

namespace folio::app {

constexpr int exit_ok = 0;
constexpr int exit_input = 1;
constexpr int exit_usage = 2;

/// How folio talks to the user: options every subcommand has (add_console_options).
struct ConsoleOptions {
    std::string color = "auto";   ///< --color auto|always|never
    std::string diagnostic_format = "auto";  ///< --diagnostic-format human|short|json (auto: human on a terminal)
    std::string annotations;      ///< --annotations github, or empty
    bool quiet = false;           ///< -q
    bool verbose = false;         ///< -v
};

/// What every subcommand may use: the data folder, the environment's say and the console.
struct Context {
    DataDir data;
    ConsoleOptions console;
    bool stderr_is_terminal = false;
    bool stdout_is_terminal = false;
    std::string no_color;  ///< $NO_COLOR
    std::int64_t source_date_epoch = -1;
    std::string stdin_name;  ///< the name a source read from standard input has in diagnostics
    std::string stdin_text;  ///< its text, for the human format's source lines

    /// The diagnostic style the options and the terminal give.
    [[nodiscard]] core::DiagnosticStyle diagnostic_style() const;
    /// Whether to colour what goes to stderr.
    [[nodiscard]] bool colour() const;
    /// Prints a usage error ("folio: error: MESSAGE") to stderr, and as a GitHub annotation to
    /// stdout under --annotations github; returns exit_usage.
    int usage_error(const std::string& message) const;
    /// Prints diagnostics to stderr in the chosen style (and annotations); returns the number of
    /// errors among them.
    std::size_t print(const std::vector<core::Diagnostic>& diagnostics) const;
    /// -v: a line of progress detail on stderr.
    void detail(const std::string& line) const;
};

/// A subcommand as main sees it: its CLI11 app and what runs it once parsed.
struct Subcommand {
    CLI::App* app = nullptr;
    std::function<int()> run;
};

/// --color, --diagnostic-format, --annotations, -q and -v on `sub` (`quiet`/`verbose` false
/// leave those two out).
void add_console_options(CLI::App& sub, Context& context, bool quiet = true, bool verbose = true);

/// `n word` with an s when n is not 1 ("1 page", "3 pages").
std::string plural(std::size_t n, const std::string& word);

Subcommand add_build(CLI::App& app, Context& context);
Subcommand add_check(CLI::App& app, Context& context);
Subcommand add_batch(CLI::App& app, Context& context);
Subcommand add_snapshot(CLI::App& app, Context& context);
Subcommand add_verify(CLI::App& app, Context& context);
Subcommand add_batch_job(CLI::App& app, Context& context);
Subcommand add_init(CLI::App& app, Context& context);   // cli_author.cpp (issue 22)
Subcommand add_watch(CLI::App& app, Context& context);  // cli_author.cpp (issue 22)

/// --report, --report-output and --fail-on (the quality report, issue 22) on `command`.
void add_report_options(CLI::App& command, report::ReportRequest& request);
/// Whether the report's options ask for it.
bool report_requested(const report::ReportRequest& request);

/// `folio --version`: folio's version, its libraries' and the data folder in use.
std::string version_text(const Context& context);

}  // namespace folio::app
