// folio's command line: wires the subcommands of src/app (cli.hpp) to CLI11 and runs the one
// chosen. Each subcommand lives in a file of its own; adding one is one line in `subcommands`.

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdlib>
#include <iostream>

#include <unistd.h>

#include "app/cli.hpp"

namespace {

using folio::app::Context;

/// Reads the environment into the context; false when SOURCE_DATE_EPOCH is not a whole,
/// non-negative number of seconds.
bool read_environment(Context& c) {
    c.data = folio::app::find_data_dir(folio::app::program_path(), std::getenv("FOLIO_DATA_DIR"));
    c.stderr_is_terminal = isatty(STDERR_FILENO) != 0;
    c.stdout_is_terminal = isatty(STDOUT_FILENO) != 0;
    if (const char* no_color = std::getenv("NO_COLOR")) c.no_color = no_color;
    const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
    if (epoch == nullptr || *epoch == '\0') return true;
    char* end = nullptr;
    const long long v = std::strtoll(epoch, &end, 10);
    if (*end != '\0' || v < 0) return false;
    c.source_date_epoch = v;
    return true;
}

/// Usage errors found while parsing are annotated too: --annotations is read from the command
/// line before CLI11 sees it (parsing may stop before it).
void prescan_annotations(int argc, char** argv, Context& c) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--annotations=github" || (arg == "--annotations" && i + 1 < argc && std::string(argv[i + 1]) == "github")) {
            c.console.annotations = "github";
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    Context context;
    const bool epoch_ok = read_environment(context);
    prescan_annotations(argc, argv, context);

    CLI::App app{"folio: XML content + style sheet -> print-ready PDF and accessible HTML", "folio"};
    app.footer(
        "Examples:\n"
        "  folio build doc.xml                          doc.pdf and doc.html into output/\n"
        "  folio build doc.xml --style a5.xml -o out/   another style sheet, another folder\n"
        "  folio check doc.xml                          every problem, nothing written\n"
        "  folio batch docs/ -j 4 --report report.json  a folder in parallel, with a report\n"
        "  folio snapshot doc.xml -o bag/               an archival BagIt bag; `folio verify bag/`\n"
        "  folio check doc.xml --report sarif           typography, accessibility and content findings\n"
        "  folio init my-project/                       a new project that builds at once\n"
        "  folio watch doc.xml --serve                  rebuild on every save, preview in a browser\n"
        "  folio SUBCOMMAND --help                      a subcommand's options and examples\n"
        "\n"
        "Exit codes: 0 success, 1 the input is wrong, 2 usage error.\n"
        "Diagnostics are printed as path:line:column: error: message.");
    app.require_subcommand(0, 1);
    bool version = false;
    app.add_flag("-V,--version", version, "print the version of folio and its libraries, and the data folder");

    const std::vector<folio::app::Subcommand> subcommands = {
        folio::app::add_build(app, context),    folio::app::add_check(app, context),
        folio::app::add_batch(app, context),    folio::app::add_snapshot(app, context),
        folio::app::add_verify(app, context),   folio::app::add_batch_job(app, context),
        folio::app::add_init(app, context),     folio::app::add_watch(app, context),
    };
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        context.usage_error(e.what());
        std::cerr << "Run with --help for more information.\n";
        return folio::app::exit_usage;
    }
    if (version) {
        std::cout << folio::app::version_text(context);
        return folio::app::exit_ok;
    }
    if (!epoch_ok) return context.usage_error("SOURCE_DATE_EPOCH must be a non-negative whole number of seconds");
    // A file over the size limit (ulimit -f) is an error the writers report ("File too large"),
    // not a signal that kills folio with its temporary files in place.
    std::signal(SIGXFSZ, SIG_IGN);
    for (const auto& sub : subcommands) {
        if (*sub.app) return sub.run();
    }
    std::cout << app.help();
    return folio::app::exit_usage;
}
