// Case mapping through ICU (the only user of ICU): full mapping for text-transform, where one
// character may become several ("ß" -> "SS"), and the simple one-to-one mapping for small caps.
// The language matters for a few scripts (Turkish and Azeri dotted i, Lithuanian, Greek
// accents), so only its primary subtag is passed to ICU as the locale.

#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "core/utf8.hpp"
#include "realize/realize.hpp"

namespace folio::realize {
namespace {

/// The ICU locale of a BCP 47 tag as far as case mapping cares: its primary language subtag.
std::string locale_of(const std::string& lang) {
    return lang.substr(0, lang.find_first_of("-_"));
}

/// True when `text` is plain ASCII (upper-cased without ICU).
bool ascii(std::string_view text) {
    for (char c : text)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

}  // namespace

std::string upper_case(std::string_view text, const std::string& lang) {
    const std::string locale = locale_of(lang);
    if (ascii(text) && locale != "tr" && locale != "az") {
        std::string out(text);
        for (char& c : out)
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        return out;
    }
    // UTF-8 -> UTF-16, upper case, UTF-16 -> UTF-8 (the readers have validated the text).
    UErrorCode status = U_ZERO_ERROR;
    std::u16string wide(text.size(), u'\0');
    int32_t length = 0;
    u_strFromUTF8(reinterpret_cast<UChar*>(wide.data()), static_cast<int32_t>(wide.size()), &length,
                  text.data(), static_cast<int32_t>(text.size()), &status);
    if (U_FAILURE(status)) return std::string(text);
    wide.resize(static_cast<std::size_t>(length));
    std::u16string upper(wide.size() * 3 + 1, u'\0');  // a character maps to at most three
    status = U_ZERO_ERROR;
    length =
        u_strToUpper(reinterpret_cast<UChar*>(upper.data()), static_cast<int32_t>(upper.size()),
                     reinterpret_cast<const UChar*>(wide.data()), static_cast<int32_t>(wide.size()),
                     locale.c_str(), &status);
    if (U_FAILURE(status)) return std::string(text);
    upper.resize(static_cast<std::size_t>(length));
    std::string out(upper.size() * 3, '\0');
    status = U_ZERO_ERROR;
    u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &length,
                reinterpret_cast<const UChar*>(upper.data()), static_cast<int32_t>(upper.size()),
                &status);
    if (U_FAILURE(status)) return std::string(text);
    out.resize(static_cast<std::size_t>(length));
    return out;
}

std::u32string upper_case(std::u32string_view text, const std::string& lang) {
    return core::decode_utf8(upper_case(core::to_utf8(text), lang)).text;
}

char32_t upper_char(char32_t c) {
    return static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
}

std::string transformed(std::string_view text, const style::ComputedStyle& st,
                        const std::string& lang) {
    switch (st.text_transform) {
        case style::TextTransform::uppercase:
            return upper_case(text, lang);
        case style::TextTransform::none:
            break;
    }
    return std::string(text);
}

}  // namespace folio::realize
