/// The content reader's defences against hostile input (docs/limits.md): the length of a block's
/// text and of a word, image paths that leave the source's folder (also through a symlink), and
/// link targets outside the allowed schemes.
///
/// Each check reports with the source position of what it refuses. The text limits are checked
/// on a run's text after the whitespace rules, before any node is built, so that a refused block
/// costs no more memory than its XML.

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/uri.hpp"
#include "xml/content_reader.hpp"
#include "xml/xml_util.hpp"

namespace folio::xml::detail {

namespace {

/// True for a byte that starts a character: anything but a UTF-8 continuation byte.
bool starts_character(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

/// The first characters of `text` from byte `at`, for a message: at most 20, then "...".
std::string excerpt(std::string_view text, std::size_t at) {
    std::size_t end = at;
    for (int chars = 0; end < text.size() && text[end] != ' '; ++end) {
        if (starts_character(text[end]) && ++chars > 20) break;
    }
    return std::string(text.substr(at, end - at)) +
           (end < text.size() && text[end] != ' ' ? "..." : "");
}

}  // namespace

std::size_t ContentReader::raw_word_offset(pugi::xml_node leaf, std::string_view text,
                                           std::size_t at) const {
    // The word is the k-th of its text (after the whitespace rules), and so the k-th run of
    // non-space characters of the raw text too: references hold no spaces.
    std::size_t k = 0;
    for (std::size_t i = 0; i < at; ++i) {
        if (text[i] != ' ' && (i == 0 || text[i - 1] == ' ')) ++k;
    }
    const std::string_view raw = m_file.text();
    std::size_t i = text_offset(leaf);
    for (;; --k) {
        while (i < raw.size() && is_space(raw[i])) ++i;
        if (k == 0 || i >= raw.size()) return i;
        while (i < raw.size() && !is_space(raw[i])) ++i;
    }
}

bool ContentReader::within_text_limits(const std::vector<pugi::xml_node>& leaves,
                                       pugi::xml_node block) {
    std::size_t total = 0;  // characters of the run
    std::size_t word = 0;   // characters of the current word
    pugi::xml_node word_leaf;
    std::size_t word_at = 0;  // where the current word starts: its leaf, and the byte in its text
    for (pugi::xml_node leaf : leaves) {
        const std::string* leaf_text = is_text(leaf) ? inline_text(leaf) : nullptr;
        if (leaf_text == nullptr) {  // a <br/> or a <ref/> ends a word
            word = 0;
            continue;
        }
        const std::string_view text = *leaf_text;
        if (word + text.size() <= max_word_chars) {
            // No word can pass the limit here (a character is at least a byte): count the text
            // and the word it ends with, eight bytes at a time.
            total += core::count_characters(text);
            const std::size_t space = text.rfind(' ');
            const std::size_t tail = space == std::string_view::npos ? 0 : space + 1;
            if (space != std::string_view::npos) word = 0;
            if (tail < text.size() && word == 0) {
                word_leaf = leaf;
                word_at = tail;
            }
            word += core::count_characters(text.substr(tail));
            continue;
        }
        // word by word (a space ends one)
        for (std::size_t i = 0; i < text.size();) {
            const std::size_t space = std::min(text.find(' ', i), text.size());
            const std::size_t chars = core::count_characters(text.substr(i, space - i));
            total += chars + (space < text.size() ? 1 : 0);
            if (chars > 0 && word == 0) {
                word_leaf = leaf;
                word_at = i;
            }
            word += chars;
            const bool too_long = word > max_word_chars;
            if (space < text.size()) word = 0;
            i = space + 1;
            if (too_long) {
                const std::string& first = *inline_text(word_leaf);
                m_diags.error("source.word-too-long",
                              "a word of more than " + with_commas(max_word_chars) +
                                  " characters (\"" + excerpt(first, word_at) +
                                  "\"); folio sets words of at most " +
                                  with_commas(max_word_chars) + " characters",
                              m_file.location(raw_word_offset(word_leaf, first, word_at)));
                return false;
            }
        }
    }
    if (total > max_block_chars) {
        m_diags.error("source.text-too-long",
                      "<" + std::string(block.name()) + "> holds " + with_commas(total) +
                          " characters of text; folio sets at most " +
                          with_commas(max_block_chars) + " in one block: split it into several",
                      element_location(m_file, block));
        return false;
    }
    return true;
}

void ContentReader::check_plain_limits(std::string_view text, pugi::xml_node field) {
    std::size_t total = 0, word = 0, longest = 0;
    for (char c : text) {
        if (!starts_character(c)) continue;
        ++total;
        word = c == ' ' ? 0 : word + 1;
        longest = std::max(longest, word);
    }
    if (total > max_block_chars) {
        m_diags.error("source.text-too-long",
                      "<" + std::string(field.name()) + "> holds " + with_commas(total) +
                          " characters of text; folio sets at most " +
                          with_commas(max_block_chars) + " in one element",
                      element_location(m_file, field));
    } else if (longest > max_word_chars) {
        m_diags.error("source.word-too-long",
                      "<" + std::string(field.name()) + "> holds a word of more than " +
                          with_commas(max_word_chars) +
                          " characters; folio sets words of at most " +
                          with_commas(max_word_chars) + " characters",
                      element_location(m_file, field));
    }
}

bool ContentReader::allowed_link(pugi::xml_node a, std::string_view href) {
    if (core::is_allowed_link(href)) return true;
    m_diags.warning(
        "source.unsafe-link",
        "a link to a " + core::link_scheme(href) +
            ": URI is not allowed; folio links only to http, https, mailto and tel URIs, "
            "relative paths and #ids, so the text is kept without the link",
        attribute_location(m_file, a, "href"));
    return false;
}

std::string ContentReader::resolve_image(pugi::xml_node el, const char* attr,
                                         std::string_view path) {
    namespace fs = std::filesystem;
    const fs::path base = fs::path(m_file.path()).parent_path();
    // Both sides normalized, so that "docs/../src/a.xml" and "images/a.png" compare as written.
    const fs::path folder = base.empty() ? fs::path(".") : base.lexically_normal();
    const fs::path resolved = (base / fs::path(path)).lexically_normal();
    const auto leaves = [](const fs::path& p, const fs::path& dir) {
        const fs::path relative = p.lexically_relative(dir);
        return relative.empty() || *relative.begin() == "..";
    };
    // 1. The path as written must stay in the source's folder.
    const bool written_outside = fs::path(path).is_absolute() || leaves(resolved, folder);
    // 2. So must the file it names once symbolic links are followed: a link inside the folder may
    //    point anywhere. (The file is read later by this path; a link swapped in between could
    //    only be swapped by someone who could as well change the source.)
    std::error_code ec, folder_ec;
    const fs::path real = fs::canonical(resolved, ec);
    const fs::path real_folder = fs::canonical(folder, folder_ec);
    const bool linked_outside = !written_outside && !ec && (folder_ec || leaves(real, real_folder));
    if ((written_outside || linked_outside) && !m_allow_outside) {
        m_diags.error(
            "source.image-outside",
            "image path leaves the source's folder: " + std::string(path) +
                (linked_outside ? " (through a symbolic link, to " + real.string() + ")" : "") +
                " (use --allow-outside to permit it)",
            attribute_location(m_file, el, attr));
    }
    if (m_check_files && !fs::is_regular_file(resolved, ec)) {
        const bool exists = fs::exists(resolved, ec);  // a folder, a device (/dev/zero), a pipe
        m_diags.error("source.missing-image",
                      (exists ? "image is not a regular file: " : "image file not found: ") +
                          resolved.string(),
                      attribute_location(m_file, el, attr));
    }
    return resolved.string();
}

}  // namespace folio::xml::detail
