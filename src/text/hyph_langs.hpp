#pragma once
/// Which libhyphen pattern file serves a BCP 47 language tag, among the files of a folder.

#include <set>
#include <string>

namespace folio::text::hyph {

/// The file in `files` (names such as "hyph_de_AT.dic") for tag `lang`, empty when none. Tries,
/// in order: language-Script_REGION (either separator), any file of that language and script,
/// language_REGION, the bare language, the language's main region ("pl_PL", "sv_SE", "sr_RS"),
/// then the first file of the language. Aliases: "no" is Bokmål ("nb"), "sh" is Serbian in Latin script.
std::string dictionary_file(const std::set<std::string>& files, const std::string& lang);

/// The pattern file names ("hyph_*.dic") in folder `dir`; empty when it cannot be read.
std::set<std::string> dictionary_files(const std::string& dir);

}  // namespace folio::text::hyph
