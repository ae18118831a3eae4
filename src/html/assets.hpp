#pragma once
/// Internal to the HTML writer: what each image's src attribute says (a data URI, a file in the
/// assets folder, or the source-relative path), and the base64 encoding data URIs use.

#include <map>
#include <string>
#include <string_view>

#include "html/write_html.hpp"

namespace folio::html {

/// `bytes` in base64 (RFC 4648, section 4, with padding).
std::string base64(std::string_view bytes);

/// The src attribute value of every image path `options.images` lists: a data URI, or with
/// external_assets "<assets_folder>/<name>".
std::map<std::string, std::string> image_sources(const HtmlOptions& options);

/// The src of an image: from `sources` when it is there, else the path relative to the source's
/// folder (so the output names no absolute path of the machine it was built on).
std::string image_src(const doc::Document& d, const std::map<std::string, std::string>& sources,
                      const std::string& path);

}  // namespace folio::html
