// `folio --version` / `-V`: what a bug report needs, folio's version, the versions of the
// libraries it runs on and the data folder it uses.

#include "app/cli.hpp"
#include "pipeline/pipeline.hpp"

namespace folio::app {

std::string version_text(const Context& context) {
    std::string out = std::string("folio ") + pipeline::version() + "\n";
    for (const auto& [name, version] : pipeline::library_versions()) {
        out += name + ' ' + (version.empty() ? std::string("(unknown)") : version) + '\n';
    }
    if (context.data.path.empty()) {
        out += "data folder: none (" + context.data.problem + ")\n";
    } else {
        out += "data folder: " + context.data.path + " (" + context.data.how + ")\n";
    }
    return out;
}

}  // namespace folio::app
