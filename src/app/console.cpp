// How folio talks to the user: colour on a terminal only (--color, NO_COLOR), the diagnostic
// format (--diagnostic-format), CI annotations of diagnostics and usage errors, -q and -v.

#include <iostream>

#include "app/cli.hpp"
#include "batch/report.hpp"

namespace folio::app {

bool Context::colour() const {
    if (console.color == "always") return true;
    if (console.color == "never") return false;
    return stderr_is_terminal && no_color.empty();  // https://no-color.org
}

core::DiagnosticStyle Context::diagnostic_style() const {
    core::DiagnosticStyle style;
    style.colour = colour();
    if (console.diagnostic_format == "auto") {
        style.format = stderr_is_terminal ? core::DiagnosticFormat::human : core::DiagnosticFormat::brief;
    } else {
        core::parse_diagnostic_format(console.diagnostic_format, style.format);
    }
    if (style.format == core::DiagnosticFormat::json) style.colour = false;
    return style;
}

int Context::usage_error(const std::string& message) const {
    std::cerr << "folio: " << core::severity_label(core::Severity::error, colour()) << ": " << message << '\n';
    if (console.annotations == "github") {
        core::Diagnostic d{core::Severity::error, "usage", "folio: " + message, {}};
        std::cout << batch::github_annotation(d, "") << '\n';
    }
    return exit_usage;
}

std::size_t Context::print(const std::vector<core::Diagnostic>& diagnostics) const {
    core::DiagnosticPrinter printer(diagnostic_style());
    if (!stdin_name.empty() && printer.style().format == core::DiagnosticFormat::human) {
        printer.add_text(stdin_name, stdin_text);
    }
    std::size_t errors = 0;
    for (const auto& d : diagnostics) {
        std::cerr << printer.format(d);
        if (console.annotations == "github") std::cout << batch::github_annotation(d, d.location.file) << '\n';
        errors += d.severity == core::Severity::error;
    }
    return errors;
}

void Context::detail(const std::string& line) const {
    if (console.verbose) std::cerr << "folio: " << line << '\n';
}

void add_console_options(CLI::App& sub, Context& context, bool quiet, bool verbose) {
    auto& c = context.console;
    const std::string group = "Output";
    if (quiet) sub.add_flag("-q,--quiet", c.quiet, "print nothing but diagnostics")->group(group);
    if (verbose) sub.add_flag("-v,--verbose", c.verbose, "print progress detail to stderr")->group(group);
    sub.add_option("--color,--colour", c.color, "colour diagnostics: auto (on a terminal, unless NO_COLOR is set), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}))->group(group);
    sub.add_option("--diagnostic-format", c.diagnostic_format,
                   "human (with the source line; the default on a terminal), short (one line each; "
                   "the default otherwise) or json (one object a line)")
        ->check(CLI::IsMember({"auto", "human", "short", "json"}))->group(group);
    sub.add_option("--annotations", c.annotations, "also print diagnostics as CI annotations on stdout (github)")
        ->check(CLI::IsMember({"github"}))->group(group);
}

std::string plural(std::size_t n, const std::string& word) {
    return std::to_string(n) + ' ' + word + (n == 1 ? "" : "s");
}

}  // namespace folio::app
