// The driver of the fuzz targets in a build without libFuzzer (FOLIO_FUZZ off, any compiler):
// runs LLVMFuzzerTestOneInput once on each file named, or on each file of each folder named,
// so ctest replays the seed and regression corpora (fuzz/seeds.txt, fuzz/regressions/) through
// the same code the fuzzer runs. A crash or a sanitizer report fails the test; the exit status is
// 0 when every input ran, 1 when a file could not be read or no input was given.
//   TARGET FILE_OR_FOLDER...

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

/// Runs the target on one file; false when the file cannot be read.
bool run_one(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << path.string() << ": cannot read\n";
        return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string bytes = std::move(buffer).str();
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    std::vector<fs::path> inputs;
    for (int i = 1; i < argc; ++i) {
        const fs::path arg = argv[i];
        if (fs::is_directory(arg)) {
            for (const auto& entry : fs::recursive_directory_iterator(arg)) {
                if (entry.is_regular_file()) inputs.push_back(entry.path());
            }
        } else {
            inputs.push_back(arg);
        }
    }
    bool ok = !inputs.empty();
    for (const fs::path& path : inputs) ok = run_one(path) && ok;
    std::cout << "ran " << inputs.size() << " inputs\n";
    return ok ? 0 : 1;
}
