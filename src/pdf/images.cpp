// Embedding images. libharu's own PNG and JPEG loaders never see a file (they abort on corrupt
// PNGs and accept garbage JPEGs); they get pixels folio decoded, or a JPEG folio decoded in full.
//
// Per image, on its first use:
//   1. a JPEG whose colour space the policy keeps goes in as its original bytes (DCT
//      pass-through, HPDF_LoadJpegImageFromMem): gray always, RGB unless --cmyk, CMYK only when
//      Adobe-inverted (libharu always writes /Decode [1 0 1 0 1 0 1 0]) and not PDF/A
//   2. anything else goes in as raw 8-bit samples (Flate): gray as DeviceGray, RGB as DeviceRGB
//      or converted to DeviceCMYK under --cmyk, CMYK as DeviceCMYK or converted to DeviceRGB for
//      PDF/A
//   3. an alpha plane becomes a DeviceGray SMask (the caller raises the file to PDF 1.4)

#include "pdf/images.hpp"

namespace folio::pdf {
namespace {

core::Diagnostic error(std::string message) {
    return core::Diagnostic{core::Severity::error, "pdf.write", std::move(message), {}};
}

/// Step 1: can the original JPEG bytes be used as they are?
bool pass_through(const image::Image& img, ColourPolicy policy) {
    if (img.format != image::Format::jpeg || img.file_bytes.empty()) return false;
    switch (img.components) {
        case 1: return true;
        case 3: return policy != ColourPolicy::cmyk;
        case 4: return img.adobe_inverted_cmyk && policy != ColourPolicy::rgb;
        default: return false;
    }
}

}  // namespace

ImageTable::ImageTable(const std::vector<image::Image>& images, ColourPolicy policy)
    : m_policy(policy) {
    for (const image::Image& img : images) m_by_path.emplace(img.path, &img);
}

core::Result<HPDF_Image> ImageTable::get(hpdf::Document& doc, const std::string& path) {
    if (auto it = m_embedded.find(path); it != m_embedded.end()) return it->second;
    const auto found = m_by_path.find(path);
    if (found == m_by_path.end()) {
        return core::unexpected(error("the page places image " + path + ", which was not loaded"));
    }
    auto embedded = embed(doc, *found->second);
    if (embedded) m_embedded.emplace(path, *embedded);
    return embedded;
}

core::Result<HPDF_Image> ImageTable::embed(hpdf::Document& doc, const image::Image& img) {
    const std::string what = "embedding image " + img.path;
    const std::size_t n = static_cast<std::size_t>(img.width) * img.height;
    if (n == 0 || img.pixels.size() != n * static_cast<std::size_t>(img.components) ||
        (!img.alpha.empty() && img.alpha.size() != n)) {
        return core::unexpected(error("image " + img.path + " has inconsistent pixel data"));
    }
    HPDF_Image handle = nullptr;
    if (pass_through(img, m_policy)) {
        // 1. The original DCT data.
        auto h = doc.check_handle(
            HPDF_LoadJpegImageFromMem(doc.get(),
                                      reinterpret_cast<const HPDF_BYTE*>(img.file_bytes.data()),
                                      static_cast<HPDF_UINT>(img.file_bytes.size())),
            what);
        if (!h) return h;
        handle = *h;
    } else {
        // 2. Raw samples in the colour space the policy asks for.
        const std::vector<std::uint8_t>* samples = &img.pixels;
        std::vector<std::uint8_t> converted;
        HPDF_ColorSpace space = HPDF_CS_DEVICE_GRAY;
        if (img.components == 3) {
            space = HPDF_CS_DEVICE_RGB;
            if (m_policy == ColourPolicy::cmyk) {
                converted = rgb_to_cmyk_samples(img.pixels);
                samples = &converted;
                space = HPDF_CS_DEVICE_CMYK;
            }
        } else if (img.components == 4) {
            space = HPDF_CS_DEVICE_CMYK;
            if (m_policy == ColourPolicy::rgb) {
                converted = cmyk_to_rgb_samples(img.pixels);
                samples = &converted;
                space = HPDF_CS_DEVICE_RGB;
            }
        }
        auto h = doc.check_handle(HPDF_LoadRawImageFromMem(doc.get(), samples->data(), img.width,
                                                           img.height, space, 8),
                                  what);
        if (!h) return h;
        handle = *h;
    }
    if (!img.alpha.empty()) {
        // 3. The alpha plane as a soft mask.
        auto mask = doc.check_handle(HPDF_LoadRawImageFromMem(doc.get(), img.alpha.data(), img.width,
                                                              img.height, HPDF_CS_DEVICE_GRAY, 8),
                                     what + " (alpha)");
        if (!mask) return mask;
        if (auto r = doc.check(HPDF_Image_AddSMask(handle, *mask), what + " (soft mask)"); !r)
            return core::unexpected(r.error());
        m_smask = true;
    }
    return handle;
}

}  // namespace folio::pdf
