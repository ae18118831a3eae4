#pragma once
/// The images of one PDF: each decoded image (image::Image) embedded at most once, on its first
/// use, in the colour space the colour policy asks for.

#include <map>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "image/image.hpp"
#include "pdf/colour.hpp"
#include "pdf/hpdf_adapter.hpp"

namespace folio::pdf {

/// Decoded images by path, and the libharu image objects made from them so far.
class ImageTable {
public:
    /// Looks images up in `images` by their path; converts colours as `policy` asks.
    ImageTable(const std::vector<image::Image>& images, ColourPolicy policy);

    /// The libharu image for `path`, embedded on first use. Unknown paths are an error.
    core::Result<HPDF_Image> get(hpdf::Document& doc, const std::string& path);

    /// The decoded image of `path`, or nullptr (vector drawings are read from here).
    [[nodiscard]] const image::Image* find(const std::string& path) const {
        const auto it = m_by_path.find(path);
        return it != m_by_path.end() ? it->second : nullptr;
    }
    /// The colour policy images are embedded with.
    [[nodiscard]] ColourPolicy policy() const { return m_policy; }

    /// True once an image with an alpha mask (an SMask, PDF 1.4) has been embedded.
    [[nodiscard]] bool uses_smask() const { return m_smask; }

private:
    core::Result<HPDF_Image> embed(hpdf::Document& doc, const image::Image& img);

    std::map<std::string, const image::Image*> m_by_path;
    std::map<std::string, HPDF_Image> m_embedded;
    ColourPolicy m_policy;
    bool m_smask = false;
};

}  // namespace folio::pdf
