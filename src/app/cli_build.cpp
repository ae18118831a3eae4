// `folio build` and `folio check`. build, as a recipe:
//   1. the source: a file, `-` (standard input; images relative to --base or the current
//      folder), or none: the example brochure when standing in folio's repository, else a usage
//      error that says how to render the example
//   2. the style: --style, else the data folder's styles/brochure.xml
//   3. the output: -o DIR (or DIR/) as always; -o NAME.pdf or NAME.html that one file; -o - with
//      --pdf-only (--html-only) the PDF (HTML) to standard output (rendered into a temporary
//      folder, then copied)
//   4. render (pipeline::run), print diagnostics, then what was written

#include <cstdio>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "app/cli.hpp"
#include "core/source_file.hpp"
#include "pipeline/pipeline.hpp"
#include "report/command.hpp"

namespace folio::app {
namespace fs = std::filesystem;
namespace {

/// `folio build`'s values.
struct BuildCommand {
    pipeline::Options options;
    std::string output;  ///< -o as given
    std::string base;    ///< --base
    bool pdf_only = false;
    bool html_only = false;
    bool timings = false;
    report::ReportRequest report;  ///< --report, --report-output, --fail-on (issue 22)
};

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

/// An existing file, or `-` (standard input).
const CLI::Validator source_file = CLI::Validator(
    [](const std::string& s) { return s == "-" ? std::string() : CLI::ExistingFile(s); }, "FILE|-");

/// Step 1 for no source: the example in folio's repository (the data folder's example is the
/// current folder's source/iom-budapest.xml), else a usage error naming the example's path.
int default_source(const Context& context, std::string& source) {
    const std::string example = context.data.file("examples/iom-budapest.xml");
    const std::string here = "source/iom-budapest.xml";
    std::error_code ec;
    if (!example.empty() && fs::exists(here, ec) && fs::equivalent(example, here, ec)) {
        source = here;
        return exit_ok;
    }
    std::string message = "no source given: `folio build FILE.xml` renders FILE.xml";
    if (!example.empty()) message += ", `folio build " + example + "` the example brochure";
    return context.usage_error(message);
}

/// Reads standard input into the options (step 1 for `-`).
int read_stdin(Context& context, BuildCommand& b) {
    std::string text;
    char buf[65536];
    while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
        text.append(buf, static_cast<std::size_t>(std::cin.gcount()));
        if (text.size() > core::SourceFile::max_bytes) {  // an input error, as for a file (exit 1)
            context.print({{core::Severity::error, "io.too-large",
                            "standard input is larger than 64 MiB, folio's limit for a source", {"<stdin>", 0, 0}}});
            return exit_input;
        }
    }
    // (normal: the reader's folder check compares normal paths)
    b.options.source_path = b.base.empty() ? "<stdin>" : (fs::path(b.base).lexically_normal() / "<stdin>").string();
    context.stdin_name = b.options.source_path;
    context.stdin_text = text;
    b.options.source_text = std::move(text);
    if (b.options.stem.empty()) b.options.stem = "stdin";
    return exit_ok;
}

/// Step 3: -o into out_dir and stem, and what to write; to_stdout for `-o -`.
int resolve_output(const Context& context, BuildCommand& b, bool& to_stdout) {
    const std::string& out = b.output;
    to_stdout = out == "-";
    if (to_stdout) {
        if (!b.pdf_only && !b.html_only) {
            return context.usage_error("-o - writes one file to standard output: add --pdf-only (or --html-only)");
        }
        if (b.html_only && b.options.external_assets) {
            return context.usage_error("-o - cannot go with --external-assets: the images would have no folder");
        }
        return exit_ok;
    }
    const bool pdf_file = ends_with(out, ".pdf"), html_file = ends_with(out, ".html");
    std::error_code ec;
    if ((!pdf_file && !html_file) || fs::is_directory(out, ec)) {
        if (!out.empty()) b.options.out_dir = out;
        return exit_ok;
    }
    if ((pdf_file && b.html_only) || (html_file && b.pdf_only)) {
        return context.usage_error("-o " + out + " names one file: it cannot be combined with " +
                                   (pdf_file ? "--html-only" : "--pdf-only"));
    }
    const fs::path file(out);
    b.options.out_dir = file.parent_path().empty() ? "." : file.parent_path().string();
    b.options.stem = file.stem().string();
    b.pdf_only = pdf_file;
    b.html_only = html_file;
    return exit_ok;
}

void print_timings(const pipeline::Outcome& o) {
    const auto& t = o.timings;
    auto ms = [](double s) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", s * 1000.0);
        return std::string(buf);
    };
    std::cerr << "timings (ms): read " << ms(t.read) << "  style " << ms(t.style) << "  layout " << ms(t.layout)
              << "  pdf " << ms(t.pdf) << "  html " << ms(t.html) << "  write " << ms(t.write) << "  total "
              << ms(t.total) << "  pages " << o.pages << '\n';
}

std::string milliseconds(double seconds) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f ms", seconds * 1000.0);
    return buf;
}

/// Prints the diagnostics and the error summary (then `after`); exit_input when the render failed.
int report(const Context& context, const pipeline::Outcome& outcome, const char* after) {
    const std::size_t errors = context.print(outcome.diagnostics.all());
    if (!outcome.ok()) {
        // (JSON lines stay JSON lines: the exit code says it failed)
        if (context.diagnostic_style().format != core::DiagnosticFormat::json) {
            std::cerr << "folio: " << plural(errors, "error") << after << '\n';
        }
        return exit_input;
    }
    return exit_ok;
}

/// Renders into a temporary folder and copies the one file to standard output (`-o -` with
/// --pdf-only or --html-only).
int render_to_stdout(const Context& context, BuildCommand& b) {
    std::error_code ec;
    const fs::path tmp = fs::temp_directory_path(ec);
    std::string pattern = ((ec ? fs::path("/tmp") : tmp) / "folio-stdout-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
        std::cerr << "folio: error: cannot make a temporary folder in " << fs::path(pattern).parent_path().string()
                  << ": " << std::strerror(errno) << '\n';
        return exit_input;
    }
    b.options.out_dir = pattern;
    const auto outcome = pipeline::run(b.options);
    if (b.timings) print_timings(outcome);
    int code = report(context, outcome, ", nothing written");
    if (code == exit_ok) {
        std::ifstream in(outcome.outputs.front(), std::ios::binary);
        std::cout << in.rdbuf();
        std::cout.flush();
        if (!std::cout) {
            std::cerr << "folio: error: cannot write to standard output\n";
            code = exit_input;
        }
    }
    fs::remove_all(pattern, ec);
    return code;
}

int run_build(Context& context, BuildCommand& b) {
    auto& o = b.options;
    if (o.source_path.empty()) {
        if (const int code = default_source(context, o.source_path)) return code;
    }
    bool to_stdout = false;
    if (const int code = resolve_output(context, b, to_stdout)) return code;
    if (o.source_path == "-") {
        if (const int code = read_stdin(context, b)) return code;
    }
    if (o.style_path.empty()) o.style_path = context.data.file("styles/brochure.xml");
    if (o.style_path.empty()) return context.usage_error(context.data.problem + ": give a style sheet with --style");
    o.pdf = !b.html_only;
    o.html = !b.pdf_only;
    o.source_date_epoch = context.source_date_epoch;
    o.hyphenation_cache = pipeline::hyphenation_cache_dir();  // #20
    context.detail("source " + (o.source_text ? std::string("standard input") : o.source_path) + ", style " +
                   o.style_path);
    if (to_stdout) return render_to_stdout(context, b);
    if (report_requested(b.report)) return report::report_command(o, b.report, std::cout, std::cerr);
    const auto outcome = pipeline::run(o);
    if (b.timings) print_timings(outcome);
    if (const int code = report(context, outcome, ", nothing written")) return code;
    context.detail(plural(outcome.pages, "page") + " in " + milliseconds(outcome.timings.total));
    if (!context.console.quiet) {
        for (const auto& path : outcome.outputs) std::cout << "wrote " << path << '\n';
    }
    return exit_ok;
}

int run_check(Context& context, pipeline::Options& opts, const std::string& base,
              const report::ReportRequest& request) {
    opts.check_only = true;
    opts.hyphenation_cache = pipeline::hyphenation_cache_dir();  // #20
    if (opts.source_path == "-") {
        BuildCommand b;
        b.options = opts;
        b.base = base;
        if (const int code = read_stdin(context, b)) return code;
        opts = b.options;
    }
    if (opts.style_path.empty()) opts.style_path = context.data.file("styles/brochure.xml");
    if (opts.style_path.empty()) return context.usage_error(context.data.problem + ": give a style sheet with --style");
    if (report_requested(request)) return report::report_command(opts, request, std::cout, std::cerr);
    const auto outcome = pipeline::run(opts);
    if (const int code = report(context, outcome, "")) return code;
    if (!context.console.quiet) std::cout << opts.source_path << ": ok, " << plural(outcome.pages, "page") << '\n';
    return exit_ok;
}

}  // namespace

Subcommand add_build(CLI::App& app, Context& context) {
    auto b = std::make_shared<BuildCommand>();
    auto* build = app.add_subcommand("build", "render a source to PDF and HTML");
    build->add_option("source", b->options.source_path,
                      "content source (.xml), or - for standard input; none: the example brochure, "
                      "in folio's repository")->check(source_file);
    build->add_option("-s,--style", b->options.style_path, "style sheet (.xml); default: the data folder's styles/brochure.xml")
        ->check(CLI::ExistingFile);
    build->add_option("-o,--output", b->output,
                      "output folder (default: output); NAME.pdf or NAME.html: that one file; - with "
                      "--pdf-only (--html-only): the PDF (HTML) to standard output");
    build->add_option("--base", b->base, "with source -: the folder images are found in (default: the current folder)")
        ->check(CLI::ExistingDirectory);
    auto* pdf_flag = build->add_flag("--pdf-only", b->pdf_only, "write only the PDF");
    build->add_flag("--html-only", b->html_only, "write only the HTML")->excludes(pdf_flag);
    build->add_flag("--pdfa", b->options.pdfa, "write PDF/A (archival): PDF/A-2a, or PDF/A-2b with --no-tags");
    build->add_flag("--cmyk", b->options.cmyk, "convert every colour to DeviceCMYK");
    build->add_flag("--marks", b->options.marks, "print crop and registration marks outside the bleed");
    build->add_flag("!--no-tags", b->options.tags, "write an untagged PDF (not PDF/UA-1)");  // #19
    build->add_option("--pdf-standard", b->options.pdf_standard,
                      "PDF standards to meet, comma-separated: ua-1 (the default), a-2a, a-2b");
    build->add_flag("--external-assets", b->options.external_assets,
                    "HTML: write images and fonts beside the file instead of embedding them");
    build->add_flag("--no-embed-fonts", [b](std::int64_t) { b->options.embed_fonts = false; },
                    "HTML: name the fonts with local() only instead of embedding their subsets");  // #20
    build->add_flag("--no-soft-hyphens", [b](std::int64_t) { b->options.soft_hyphens = false; },
                    "HTML: leave hyphenation to the browser's dictionaries instead of soft hyphens");  // #20
    build->add_flag("--allow-outside", b->options.allow_outside, "allow image paths outside the source's folder");
    build->add_flag("--timings", b->timings, "print each stage's wall time to stderr");
    add_report_options(*build, b->report);
    add_console_options(*build, context);
    build->footer(
        "Examples:\n"
        "  folio build doc.xml                       doc.pdf and doc.html into output/\n"
        "  folio build doc.xml -s a5.xml -o out/     another style sheet, another folder\n"
        "  folio build doc.xml -o doc.pdf            only the PDF, as doc.pdf\n"
        "  folio build - --pdf-only -o - < doc.xml > doc.pdf\n"
        "                                            a pipe: source in, PDF out\n"
        "  folio build doc.xml --pdfa                PDF/A-2a for archives (tagged)\n"
        "  folio build doc.xml --marks --cmyk        for the print shop\n"
        "\n"
        "Exit codes: 0 success, 1 the input is wrong (nothing written), 2 usage error.");
    return {build, [b, &context] { return run_build(context, *b); }};
}

Subcommand add_check(CLI::App& app, Context& context) {
    auto o = std::make_shared<pipeline::Options>();
    auto request = std::make_shared<report::ReportRequest>();
    auto* check = app.add_subcommand("check", "validate a source and its style sheet, lay it out; write nothing");
    check->add_option("source", o->source_path, "content source (.xml), or - for standard input")
        ->required()->check(source_file);
    check->add_option("-s,--style", o->style_path, "style sheet (.xml); default: the data folder's styles/brochure.xml")
        ->check(CLI::ExistingFile);
    auto base = std::make_shared<std::string>();
    check->add_option("--base", *base, "with source -: the folder images are found in (default: the current folder)")
        ->check(CLI::ExistingDirectory);
    check->add_flag("--allow-outside", o->allow_outside, "allow image paths outside the source's folder");
    add_report_options(*check, *request);
    add_console_options(*check, context, true, false);
    check->footer(
        "Examples:\n"
        "  folio check doc.xml                       every problem of doc.xml, with the default style\n"
        "  folio check doc.xml -s a5.xml --diagnostic-format json\n"
        "                                            one JSON object a problem, for tools\n"
        "  folio check doc.xml --report sarif --fail-on warning\n"
        "                                            typography, accessibility and content findings\n"
        "\n"
        "Exit codes: 0 no error (warnings may be printed), 1 errors, 2 usage error.");
    return {check, [o, base, request, &context] { return run_check(context, *o, *base, *request); }};
}

}  // namespace folio::app
