#pragma once
/// A quick look at a content source's bytes before it is parsed: the languages its xml:lang
/// attributes name, so that their hyphenation patterns can load while the source is parsed.

#include <set>
#include <string>
#include <string_view>

namespace folio::xml {

/// Every value of an `xml:lang="..."` (or '...') attribute in `text`, found by scanning the bytes
/// without parsing them: a tag in a comment or CDATA counts too, and a malformed one may be
/// missed. A hint only; the parsed document has the last word on the languages it uses. Values
/// longer than 35 bytes (no BCP 47 tag is) are skipped. Linear in the size of `text`.
std::set<std::string> languages_named(std::string_view text);

}  // namespace folio::xml
