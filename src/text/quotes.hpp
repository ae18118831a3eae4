#pragma once
/// Quotation marks by language, as the Unicode CLDR lists them (quotationStart/End and
/// alternateQuotationStart/End), and French spacing inside guillemets.

#include <string>
#include <string_view>

namespace folio::text {

/// The marks smart quotes use in one language.
struct QuoteMarks {
    char32_t open = 0x201C, close = 0x201D;       ///< for "double" straight quotes
    char32_t open_inner = 0x2018, close_inner = 0x2019;  ///< for 'single' straight quotes
    bool spaced = false;  ///< a narrow no-break space inside guillemets (French)
};

/// The marks of BCP 47 tag `lang` (language, then region: de-CH and fr-CH differ from de and
/// fr); English's for a language CLDR has no entry for here.
QuoteMarks quote_marks(const std::string& lang);

/// `text` with a narrow no-break space (U+202F) just inside each « and », replacing a space
/// that is already there or inserted (French typography); unchanged when not `marks.spaced`.
std::u32string space_guillemets(std::u32string_view text, const QuoteMarks& marks);

}  // namespace folio::text
