// An archival snapshot, as a recipe:
//   1. refuse a bag folder that exists and is not empty
//   2. render into <bag>.tmp-<pid>/data with PDF/A on and the HTML self-contained
//   3. copy every input the render read into data/: source/ (the source XML, and its images at
//      the same relative paths, so the copy renders again), style/, fonts/, profiles/ (ICC colour
//      profiles), assets/ (anything else)
//   3b. the fonts' licences (data/fonts/licences/) and data/README.txt, which tells a future
//      reader how to render the bag again (snapshot_fonts.cpp)
//   4. write data/provenance.json: folio version, options, every input and output with its hash
//   5. complete the bag (bagit.cpp) with bag-info from the document's metadata
//   6. rename the temporary folder to the bag folder
// Nothing in the payload depends on the clock or on where the inputs were: the provenance names
// inputs by their place in the bag (fonts also by their system path, which the render depends on).

#include "batch/snapshot.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "batch/bagit.hpp"
#include "batch/snapshot_fonts.hpp"
#include "core/sha256.hpp"
#include "pipeline/pipeline.hpp"

namespace folio::batch {
namespace fs = std::filesystem;

namespace {

using Json = nlohmann::ordered_json;

/// One input copied into the bag.
struct Copied {
    std::string role;      ///< source, style, image, font or asset
    std::string bag_path;  ///< e.g. data/source/img/a.png
    std::string original;  ///< the name the provenance records
    std::string sha256;
};

bool has_extension(const fs::path& p, std::initializer_list<const char*> extensions) {
    std::string ext = p.extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return std::find(extensions.begin(), extensions.end(), ext) != extensions.end();
}

bool is_font(const fs::path& p) { return has_extension(p, {".ttf", ".otf", ".ttc", ".pfb", ".woff", ".woff2"}); }

fs::path absolute_normal(const fs::path& p) {
    std::error_code ec;
    return fs::absolute(p, ec).lexically_normal();
}

/// Where input `index` of `inputs` goes under data/, and its role and recorded name.
Copied place(const std::vector<std::string>& inputs, std::size_t index) {
    const fs::path path = inputs[index];
    const std::string name = path.filename().string();
    if (index == 0) return {"source", "data/source/" + name, name, {}};
    if (index == 1) return {"style", "data/style/" + name, name, {}};
    const fs::path rel = absolute_normal(path).lexically_relative(absolute_normal(inputs[0]).parent_path());
    if (!rel.empty() && *rel.begin() != "..") {
        return {"image", "data/source/" + rel.generic_string(), rel.generic_string(), {}};
    }
    if (is_font(path)) return {"font", "data/fonts/" + name, path.generic_string(), {}};
    if (has_extension(path, {".icc", ".icm"})) return {"profile", "data/profiles/" + name, path.generic_string(), {}};
    return {"asset", "data/assets/" + name, name, {}};
}

/// Copies every input into `root`/data; a clash of names gets a numbered prefix.
bool copy_inputs(const fs::path& root, const std::vector<std::string>& inputs, std::vector<Copied>& copied,
                 core::Diagnostics& diags) {
    std::set<std::string> seen_inputs;
    std::set<std::string> taken;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        if (!seen_inputs.insert(absolute_normal(inputs[i]).string()).second) continue;
        Copied c = place(inputs, i);
        if (!taken.insert(c.bag_path).second || fs::exists(root / c.bag_path)) {
            const fs::path p(c.bag_path);
            c.bag_path = (p.parent_path() / (std::to_string(i) + "-" + p.filename().string())).generic_string();
            taken.insert(c.bag_path);
        }
        std::error_code ec;
        fs::create_directories((root / c.bag_path).parent_path(), ec);
        fs::copy_file(inputs[i], root / c.bag_path, fs::copy_options::overwrite_existing, ec);
        auto h = core::sha256_file((root / c.bag_path).string());
        if (ec || !h) {
            diags.error("snapshot.copy", "cannot copy input into the bag" + (ec ? ": " + ec.message() : ""),
                        {inputs[i], 0, 0});
            return false;
        }
        c.sha256 = *h;
        copied.push_back(std::move(c));
    }
    return true;
}

/// The fonts' licences (recorded as inputs of role "licence") and data/README.txt
/// (snapshot_fonts.cpp).
bool add_licences_and_readme(const SnapshotRequest& request, const fs::path& root, std::vector<Copied>& copied,
                             core::Diagnostics& diags) {
    std::vector<BaggedFont> fonts;
    std::string source, style;
    for (const Copied& c : copied) {
        if (c.role == "font") fonts.push_back({c.original, c.bag_path});
        if (c.role == "source" && source.empty()) source = c.bag_path;
        if (c.role == "style") style = c.bag_path;
    }
    for (const BaggedLicence& l : add_font_licences_and_readme(root.string(), fonts, source, style,
                                                               request.source_date_epoch)) {
        auto h = core::sha256_file((root / l.bag_path).string());
        if (!h) {
            diags.error("snapshot.copy", "cannot read the licence copied into the bag", {l.original, 0, 0});
            return false;
        }
        copied.push_back({"licence", l.bag_path, l.original, *h});
    }
    return true;
}

/// data/provenance.json.
std::string provenance(const SnapshotRequest& request, const pipeline::Outcome& outcome,
                       const std::vector<Copied>& copied, const fs::path& root) {
    Json inputs = Json::array();
    for (const auto& c : copied) {
        inputs.push_back({{"role", c.role}, {"path", c.bag_path}, {"original", c.original}, {"sha256", c.sha256}});
    }
    Json outputs = Json::array();
    for (const auto& o : outcome.outputs) {
        const std::string rel = fs::path(o).lexically_relative(root).generic_string();
        auto h = core::sha256_file(o);
        outputs.push_back({{"path", rel}, {"sha256", h ? *h : std::string()}});
    }
    const Json epoch = request.source_date_epoch >= 0 ? Json(request.source_date_epoch) : Json(nullptr);
    const Json doc = {{"format", "folio-provenance"},
                      {"version", 1},
                      {"folio_version", pipeline::version()},
                      {"options", {{"pdf", true}, {"html", true}, {"pdfa", true}, {"external_assets", false},
                                   {"source_date_epoch", epoch}}},
                      {"pages", outcome.pages},
                      {"inputs", std::move(inputs)},
                      {"outputs", std::move(outputs)}};
    return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
}

/// bag-info.txt's labels from the document's metadata (as the render read it).
bagit::BagInfo bag_info(const SnapshotRequest& request, const doc::Metadata& meta, const std::string& source_hash) {
    bagit::BagInfo info;
    const std::string org = !meta.organisation.empty() ? meta.organisation : meta.author;
    if (!org.empty()) info.emplace_back("Source-Organization", org);
    if (auto date = bagging_date(request.source_date_epoch, meta.date); !date.empty()) {
        info.emplace_back("Bagging-Date", date);
    }
    if (!meta.description.empty()) info.emplace_back("External-Description", meta.description);
    info.emplace_back("External-Identifier", "sha256:" + source_hash);
    info.emplace_back("Internal-Sender-Identifier", fs::path(request.source).filename().string());
    if (!meta.title.empty()) info.emplace_back("Internal-Sender-Description", meta.title);
    info.emplace_back("Bag-Software-Agent", std::string("folio ") + pipeline::version());
    return info;
}

/// Steps 2-5 inside the temporary folder `tmp`.
void build_bag(const SnapshotRequest& request, const fs::path& tmp, SnapshotOutcome& out) {
    auto& diags = out.diagnostics;
    pipeline::Options o;
    o.source_path = request.source;
    o.style_path = request.style;
    o.out_dir = (tmp / "data").string();
    o.pdfa = true;
    o.source_date_epoch = request.source_date_epoch;
    o.hyphenation_cache = pipeline::hyphenation_cache_dir();  // #20
    const pipeline::Outcome outcome = pipeline::run(o);
    diags.append(outcome.diagnostics);
    if (!outcome.ok()) return;

    std::vector<Copied> copied;
    if (!copy_inputs(tmp, outcome.inputs, copied, diags)) return;
    if (!add_licences_and_readme(request, tmp, copied, diags)) return;  // issue 20
    const std::string prov = provenance(request, outcome, copied, tmp);
    std::ofstream(tmp / "data" / "provenance.json", std::ios::binary) << prov;
    const std::string source_hash = copied.empty() ? std::string() : copied.front().sha256;
    if (auto r = bagit::write_tag_files(tmp.string(), bag_info(request, outcome.meta, source_hash)); !r) {
        diags.add(r.error());
        return;
    }
    out.files = outcome.outputs.size() + copied.size() + 1;
}

}  // namespace

std::string bagging_date(std::int64_t source_date_epoch, const std::string& document_date) {
    using namespace std::chrono;
    if (source_date_epoch >= 0) {
        const year_month_day d{sys_days{days{source_date_epoch / 86400}}};
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                      static_cast<unsigned>(d.day()));
        return buf;
    }
    return document_date;
}

SnapshotOutcome snapshot(const SnapshotRequest& request) {
    SnapshotOutcome out;
    auto& diags = out.diagnostics;
    const fs::path bag = fs::path(request.bag_dir).lexically_normal();
    std::error_code ec;
    // 1. Only a new or an empty folder.
    if (fs::exists(bag, ec) && (!fs::is_directory(bag, ec) || !fs::is_empty(bag, ec))) {
        diags.error("snapshot.exists", "refusing to write a bag into an existing, non-empty folder",
                    {request.bag_dir, 0, 0});
        return out;
    }
    const fs::path name = bag.has_filename() ? bag.filename() : bag.parent_path().filename();
    std::string tmp_name = ".";  // appended piece by piece: g++ 12 -O3 warns falsely on "." + string
    tmp_name += name.string();
    tmp_name += ".tmp-";
    tmp_name += std::to_string(getpid());
    const fs::path tmp = absolute_normal(bag).parent_path() / tmp_name;
    fs::remove_all(tmp, ec);
    fs::create_directories(tmp / "data", ec);
    if (ec) {
        diags.error("snapshot.write", "cannot create a temporary folder: " + ec.message(), {tmp.string(), 0, 0});
        return out;
    }
    // 2-5.
    build_bag(request, tmp, out);
    // 6. Into place, or nothing at all.
    if (out.ok()) {
        if (fs::exists(bag, ec)) fs::remove(bag, ec);  // an empty folder
        fs::rename(tmp, bag, ec);
        if (ec) diags.error("snapshot.write", "cannot rename the bag into place: " + ec.message(), {request.bag_dir, 0, 0});
    }
    if (!out.ok()) fs::remove_all(tmp, ec);
    return out;
}

}  // namespace folio::batch
