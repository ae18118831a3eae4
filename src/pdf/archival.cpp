// Dates without the clock, and the XMP packet of PDF/A-2b (ISO 19005-2, 6.6: the metadata
// stream, and the equivalence of XMP properties and Info entries, ISO 16684-1 for the syntax).

#include "pdf/archival.hpp"

#include <array>
#include <charconv>
#include <chrono>

#include "core/xml_escape.hpp"

namespace folio::pdf {
namespace {

/// `v` as `width` decimal digits, zero-padded.
std::string digits(int v, int width) {
    std::array<char, 16> buf{};
    auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    (void)ec;  // an int always fits
    std::string s(buf.data(), end);
    while (static_cast<int>(s.size()) < width) s.insert(s.begin(), '0');
    return s;
}

/// A one-item rdf:Alt with the x-default language, or "" when `value` is empty.
std::string alt(std::string_view element, const std::string& value) {
    if (value.empty()) return "";
    return "   <" + std::string(element) + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
           xml_escape(value) + "</rdf:li></rdf:Alt></" + std::string(element) + ">\n";
}

/// A simple property, or "" when `value` is empty.
std::string simple(std::string_view element, const std::string& value) {
    if (value.empty()) return "";
    return "   <" + std::string(element) + ">" + xml_escape(value) + "</" + std::string(element) +
           ">\n";
}

}  // namespace

std::optional<CivilTime> civil_time(std::int64_t epoch) {
    using namespace std::chrono;
    if (epoch < 0 || epoch > 253402300799) return std::nullopt;  // 9999-12-31T23:59:59Z
    const sys_seconds t{seconds{epoch}};
    const sys_days day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss hms{t - day};
    CivilTime c;
    c.year = static_cast<int>(ymd.year());
    c.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    c.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    c.hour = static_cast<int>(hms.hours().count());
    c.minute = static_cast<int>(hms.minutes().count());
    c.second = static_cast<int>(hms.seconds().count());
    return c;
}

std::optional<std::int64_t> date_to_epoch(std::string_view iso_date) {
    using namespace std::chrono;
    if (iso_date.size() != 10 || iso_date[4] != '-' || iso_date[7] != '-') return std::nullopt;
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    const auto number = [&](std::size_t at, std::size_t len, auto& out) {
        const char* first = iso_date.data() + at;
        auto [end, ec] = std::from_chars(first, first + len, out);
        return ec == std::errc{} && end == first + len;
    };
    if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d)) return std::nullopt;
    const year_month_day ymd{year{y}, month{m}, day{d}};
    if (!ymd.ok() || y < 1970) return std::nullopt;
    return sys_days{ymd}.time_since_epoch() / seconds{1};
}

std::string xmp_date(const CivilTime& t) {
    return digits(t.year, 4) + "-" + digits(t.month, 2) + "-" + digits(t.day, 2) + "T" +
           digits(t.hour, 2) + ":" + digits(t.minute, 2) + ":" + digits(t.second, 2) + "+00:00";
}

std::string xml_escape(std::string_view text) { return core::xml_escape(text); }

namespace {

/// PDF/A admits only the schemas it predefines and those an extension schema describes: this
/// describes pdfuaid (ISO 14289-1, 5).
const char* const pdfua_extension =
    "  <rdf:Description rdf:about=\"\"\n"
    "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
    "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
    "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
    "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
    "    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
    "    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
    "    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
    "    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
    "     <pdfaProperty:name>part</pdfaProperty:name>\n"
    "     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
    "     <pdfaProperty:category>internal</pdfaProperty:category>\n"
    "     <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n"
    "    </rdf:li></rdf:Seq></pdfaSchema:property>\n"
    "   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
    "  </rdf:Description>\n";

}  // namespace

std::string build_xmp(const InfoValues& info, const std::optional<CivilTime>& date, XmpClaims claims) {
    std::string x =
        "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
        " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
        "  <rdf:Description rdf:about=\"\"\n"
        "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
        "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
        "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
        "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"";
    if (claims.ua) x += "\n    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"";
    x += ">\n   <dc:format>application/pdf</dc:format>\n";
    x += alt("dc:title", info.title);
    if (!info.author.empty()) {
        x += "   <dc:creator><rdf:Seq><rdf:li>" + xml_escape(info.author) +
             "</rdf:li></rdf:Seq></dc:creator>\n";
    }
    x += alt("dc:description", info.subject);
    x += simple("pdf:Keywords", info.keywords);
    x += simple("pdf:Producer", info.producer);
    x += simple("xmp:CreatorTool", info.creator);
    if (date) {
        const std::string d = xmp_date(*date);
        x += simple("xmp:CreateDate", d);
        x += simple("xmp:ModifyDate", d);
        x += simple("xmp:MetadataDate", d);
    }
    if (claims.pdfa != 0) {
        x += "   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>";
        x += claims.pdfa;
        x += "</pdfaid:conformance>\n";
    }
    if (claims.ua) x += "   <pdfuaid:part>1</pdfuaid:part>\n";
    x += "  </rdf:Description>\n";
    if (claims.ua && claims.pdfa != 0) x += pdfua_extension;
    x += " </rdf:RDF>\n"
         "</x:xmpmeta>\n";
    // Padding lets an editor update the packet in place, as XMP recommends.
    for (int i = 0; i < 20; ++i) x += std::string(99, ' ') + "\n";
    x += "<?xpacket end=\"w\"?>";
    return x;
}

}  // namespace folio::pdf
