// `folio build` and `folio check`. build, as a recipe:
//   1. the source: a file, `-` (standard input; images relative to --base or the current
//      folder), or none: the example brochure when standing in folio's repository, else a usage
//      error that says how to render the example
//   2. the style: --style, else the data folder's styles/brochure.xml
//   3. the output: -o DIR (or DIR/) as always; -o NAME.pdf or NAME.html that one file; -o - with
//      --pdf-only the PDF to standard output (rendered into a temporary folder, then copied)
//   4. render (pipeline::run), print diagnostics, then what was written

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "app/cli.hpp"
#include "core/source_file.hpp"
#include "pipeline/pipeline.hpp"

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
    report::ReportRequest report;  ///< --report, --report-output, --fail-on (#22)
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
int read_stdin(const Context& context, BuildCommand& b) {
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
    b.options.source_text = std::move(text);
    // (normal: the reader's folder check compares normal paths)
    b.options.source_path = b.base.empty() ? "<stdin>" : (fs::path(b.base).lexically_normal() / "<stdin>").string();
    if (b.options.stem.empty()) b.options.stem = "stdin";
    return exit_ok;
}

/// Step 3: -o into out_dir and stem, and what to write; to_stdout for `-o -`.
int resolve_output(const Context& context, BuildCommand& b, bool& to_stdout) {
    const std::string& out = b.output;
    to_stdout = out == "-";
    if (to_stdout) {
        if (!b.pdf_only) return context.usage_error("-o - writes the PDF to standard output: add --pdf-only");
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
        std::cerr << "folio: " << plural(errors, "error") << after << '\n';
        return exit_input;
    }
    return exit_ok;
}

/// Renders into a temporary folder and copies the PDF to standard output (`-o - --pdf-only`).
int render_to_stdout(const Context& context, BuildCommand& b) {
    std::string pattern = (fs::temp_directory_path() / "folio-stdout-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) return context.usage_error("cannot make a temporary folder");
    b.options.out_dir = pattern;
    const auto outcome = pipeline::run(b.options);
    if (b.timings) print_timings(outcome);
    int code = report(context, outcome, ", nothing written");
    if (code == exit_ok) {
        std::ifstream in(outcome.outputs.front(), std::ios::binary);
        std::cout << in.rdbuf();
        std::cout.flush();
        if (!std::cout) {
            std::cerr << "folio: error: cannot write the PDF to standard output\n";
            code = exit_input;
        }
    }
    std::error_code ec;
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
    context.detail("source " + (o.source_text ? std::string("standard input") : o.source_path) + ", style " +
                   o.style_path);
    if (report_wanted(b.report)) return run_report(context, o, b.report);
    if (to_stdout) return render_to_stdout(context, b);
    const auto outcome = pipeline::run(o);
    if (b.timings) print_timings(outcome);
    if (const int code = report(context, outcome, ", nothing written")) return code;
    context.detail(plural(outcome.pages, "page") + " in " + milliseconds(outcome.timings.total));
    if (!context.console.quiet) {
        for (const auto& path : outcome.outputs) std::cout << "wrote " << path << '\n';
    }
    return exit_ok;
}

int run_check(const Context& context, pipeline::Options& opts, const report::ReportRequest& report_request) {
    opts.check_only = true;
    if (opts.source_path == "-") {
        BuildCommand b;
        b.options = opts;
        if (const int code = read_stdin(context, b)) return code;
        opts = b.options;
    }
    if (opts.style_path.empty()) opts.style_path = context.data.file("styles/brochure.xml");
    if (opts.style_path.empty()) return context.usage_error(context.data.problem + ": give a style sheet with --style");
    if (report_wanted(report_request)) return run_report(context, opts, report_request);
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
                      "--pdf-only: the PDF to standard output");
    build->add_option("--base", b->base, "with source -: the folder images are found in (default: the current folder)")
        ->check(CLI::ExistingDirectory);
    auto* pdf_flag = build->add_flag("--pdf-only", b->pdf_only, "write only the PDF");
    build->add_flag("--html-only", b->html_only, "write only the HTML")->excludes(pdf_flag);
    build->add_flag("--pdfa", b->options.pdfa, "write PDF/A-2b (archival)");
    build->add_flag("--cmyk", b->options.cmyk, "convert every colour to DeviceCMYK");
    build->add_flag("--marks", b->options.marks, "print crop and registration marks outside the bleed");
    build->add_flag("--external-assets", b->options.external_assets,
                    "HTML: write images beside the file instead of embedding them");
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
        "  folio build doc.xml --pdfa                PDF/A-2b for archives\n"
        "  folio build doc.xml --marks --cmyk        for the print shop\n"
        "\n"
        "Exit codes: 0 success, 1 the input is wrong (nothing written), 2 usage error.");
    return {build, [b, &context] { return run_build(context, *b); }};
}

Subcommand add_check(CLI::App& app, Context& context) {
    auto o = std::make_shared<pipeline::Options>();
    auto* check = app.add_subcommand("check", "validate a source and its style sheet, lay it out; write nothing");
    check->add_option("source", o->source_path, "content source (.xml), or - for standard input")
        ->required()->check(source_file);
    check->add_option("-s,--style", o->style_path, "style sheet (.xml); default: the data folder's styles/brochure.xml")
        ->check(CLI::ExistingFile);
    check->add_flag("--allow-outside", o->allow_outside, "allow image paths outside the source's folder");
    auto report_request = std::make_shared<report::ReportRequest>();
    add_report_options(*check, *report_request);
    add_console_options(*check, context, true, false);
    check->footer(
        "Examples:\n"
        "  folio check doc.xml                       every problem of doc.xml, with the default style\n"
        "  folio check doc.xml -s a5.xml --diagnostic-format json\n"
        "                                            one JSON object a problem, for tools\n"
        "\n"
        "Exit codes: 0 no error (warnings may be printed), 1 errors, 2 usage error.");
    return {check, [o, report_request, &context] { return run_check(context, *o, *report_request); }};
}

}  // namespace folio::app
