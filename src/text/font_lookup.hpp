#pragma once
/// Which installed file a (family, weight, style) request names: fontconfig lists the family's
/// faces in every format, folio keeps those it can embed (TrueType and CFF outlines in an sfnt
/// file) and picks among them as CSS Fonts 4 §5.2 (font matching) does, so that a family that
/// lacks the requested weight or style gives its nearest face, never another family's.

#include <string>
#include <vector>

namespace folio::text {

/// One installed face of a family, as fontconfig lists it.
struct InstalledFace {
    std::string path;
    std::string format;  ///< fontconfig's FC_FONTFORMAT: "TrueType", "CFF", "Type 1", "PCF", ...
    std::string style;   ///< e.g. "Light Italic"
    int weight = 400;    ///< OpenType scale, 1..1000
    bool italic = false; ///< italic or oblique
    int width = 100;     ///< fontconfig's FC_WIDTH: 100 = normal
};

/// Every face fontconfig lists under `family` (any of its family names, case-insensitive), in
/// every format; only each file's first face (index 0), sorted by path. Empty when unknown.
std::vector<InstalledFace> family_faces(const std::string& family);

/// True for the outline formats folio embeds: "TrueType" (glyf) and "CFF" (OpenType .otf).
bool embeddable_format(const std::string& format);

/// The face CSS font matching picks for `weight` and `italic` among `faces` (not empty): the
/// requested style first (italic, else upright), then the nearest weight in CSS's direction
/// (below 400 lighter first, above 500 heavier first, 400 and 500 try each other first), then
/// normal width, then TrueType before CFF (the PDF bytes of a family installed both ways stay
/// as they were), then path.
const InstalledFace& pick_face(const std::vector<InstalledFace>& faces, int weight, bool italic);

/// Up to three installed family names nearest to `family` (edit distance, case-insensitive),
/// for "did you mean" hints.
std::vector<std::string> closest_families(const std::string& family);

}  // namespace folio::text
