// ink_check: no ink outside its box (issue 16). Reads the layout dump of a document
// (tests/tools/layout_dump) and, optionally, poppler's word boxes of its PDF
// (`pdftotext -bbox-layout`), and prints one line per violation:
//   - a text run that starts in a column and ends past the column's right edge (punctuation may
//     hang into the margin by half an em), or, outside the columns (spanning titles, running
//     heads, the contents), past the text area: the outermost columns of the pages of its size;
//   - a text run outside the trim box;
//   - word spaces set below their minimum (a negative word spacing of more than a tenth of an em:
//     a space shrinks by a third of its width at most, about 0.08 em in the shipped fonts);
//   - two runs on one baseline that overlap by more than half a point;
//   - a word of the PDF outside the trim box, or overlapping the word before it on its line.
// Usage: ink_check DUMP [BBOX]. Exit status 0 when nothing was found, 1 when something was,
// 2 for a bad command line or an unreadable or unparsable file.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Rect {
    double x = 0, y = 0, w = 0, h = 0;
};

struct Run {
    double x = 0, y = 0, w = 0, size = 0, ws = 0;
    std::string text;
    int line = 0;  ///< in the dump
};

struct Page {
    double w = 0, h = 0, bleed = 0;
    std::vector<Rect> columns;
    std::vector<Run> runs;
};

struct Word {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    std::string text;
};

struct BoxPage {
    double w = 0, h = 0;
    std::vector<std::vector<Word>> lines;
};

/// Reads "A,B" or "AxB" into a and b.
bool pair_of(const std::string& s, char sep, double& a, double& b) {
    const auto at = s.find(sep);
    if (at == std::string::npos) return false;
    char* end = nullptr;
    a = std::strtod(s.c_str(), &end);
    b = std::strtod(s.c_str() + at + 1, &end);
    return true;
}

/// A double-quoted token of the dump starting at `at` (escapes undone); `at` moves past it.
std::string quoted(const std::string& s, std::size_t& at) {
    std::string out;
    if (at >= s.size() || s[at] != '"') return out;
    for (++at; at < s.size() && s[at] != '"'; ++at) {
        if (s[at] == '\\' && at + 1 < s.size()) {
            if (s[at + 1] == 'x' && at + 3 < s.size()) {
                out += static_cast<char>(std::strtol(s.substr(at + 2, 2).c_str(), nullptr, 16));
                at += 3;
            } else {
                out += s[++at];
            }
        } else {
            out += s[at];
        }
    }
    ++at;
    return out;
}

/// Parses `text #ID KIND x,y w W "FONT" SIZE [ws S] [ls S] rgb(..) "TEXT"` (`#-` has no KIND).
bool parse_run(const std::string& line, Run& r) {
    std::istringstream in(line);
    std::string word, id, kind, xy, w;
    in >> word >> id;
    if (id != "#-") in >> kind;  // (an item of no node has no kind)
    in >> xy >> w >> r.w;
    if (word != "text" || w != "w" || !pair_of(xy, ',', r.x, r.y)) return false;
    std::size_t at = line.find('"');
    if (at == std::string::npos) return false;
    (void)quoted(line, at);  // the font
    std::istringstream rest(line.substr(at));
    rest >> r.size;
    while (rest >> word) {
        if (word == "ws") rest >> r.ws;
        else if (word == "ls") { double ls; rest >> ls; }
        else break;  // rgb(...)
    }
    const std::size_t text_at = line.find('"', line.find("rgb("));
    if (text_at == std::string::npos) return false;
    std::size_t t = text_at;
    r.text = quoted(line, t);
    return true;
}

bool read_dump(const std::string& path, std::vector<Page>& pages) {
    std::ifstream in(path);
    if (!in) return false;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.rfind("page ", 0) == 0) {
            std::istringstream s(line);
            std::string word, count, size, bleed;
            Page p;
            s >> word >> count >> size >> bleed >> p.bleed;
            if (!pair_of(size, 'x', p.w, p.h)) return false;
            pages.push_back(p);
        } else if (line.rfind("  column ", 0) == 0 && !pages.empty()) {
            std::istringstream s(line);
            std::string word, xy, wh;
            Rect c;
            s >> word >> xy >> wh;
            if (!pair_of(xy, ',', c.x, c.y) || !pair_of(wh, 'x', c.w, c.h)) return false;
            pages.back().columns.push_back(c);
        } else if (line.rfind("  text ", 0) == 0 && !pages.empty()) {
            Run r;
            if (!parse_run(line.substr(2), r)) return false;
            r.line = number;
            pages.back().runs.push_back(r);
        }
    }
    return true;
}

/// The value of attribute `name` in the tag starting at `at`.
double attribute(const std::string& s, std::size_t at, const char* name) {
    const std::string key = std::string(" ") + name + "=\"";
    const std::size_t k = s.find(key, at);
    return k == std::string::npos ? 0 : std::strtod(s.c_str() + k + key.size(), nullptr);
}

bool read_bbox(const std::string& path, std::vector<BoxPage>& pages) {
    std::ifstream in(path);
    if (!in) return false;
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string s = buffer.str();
    for (std::size_t at = 0; (at = s.find('<', at)) != std::string::npos; ++at) {
        if (s.compare(at, 6, "<page ") == 0) {
            pages.push_back({attribute(s, at, "width"), attribute(s, at, "height"), {}});
        } else if (s.compare(at, 6, "<line ") == 0 && !pages.empty()) {
            pages.back().lines.emplace_back();
        } else if (s.compare(at, 6, "<word ") == 0 && !pages.empty() && !pages.back().lines.empty()) {
            Word w{attribute(s, at, "xMin"), attribute(s, at, "yMin"), attribute(s, at, "xMax"),
                   attribute(s, at, "yMax"), {}};
            const std::size_t open = s.find('>', at), close = s.find("</word>", at);
            if (open != std::string::npos && close != std::string::npos) w.text = s.substr(open + 1, close - open - 1);
            pages.back().lines.back().push_back(w);
        }
    }
    return !pages.empty();
}

/// Punctuation that may hang into the right margin (hanging-punctuation) at a line's end.
bool hangs(const std::string& text) {
    std::string t = text;
    while (!t.empty() && t.back() == ' ') t.pop_back();
    if (t.empty()) return false;
    const unsigned char last = static_cast<unsigned char>(t.back());
    if (last < 0x80) return std::string(".,-;:'\"").find(static_cast<char>(last)) != std::string::npos;
    return t.size() >= 3 && static_cast<unsigned char>(t[t.size() - 3]) == 0xE2;  // a dash or closing quote
}

constexpr double eps = 0.05;

std::string where(std::size_t page, const Run& r) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "page %zu, dump line %d, run at %.2f,%.2f w %.2f", page + 1, r.line, r.x, r.y, r.w);
    return buf;
}

/// The left and right ends of the text area of page `i`: the outermost columns of the pages of
/// its size, and at least as far right as its narrowest left margin is from the right edge (a
/// document may never fill its last column; on facing pages, which mirror their margins, this is
/// a little wider than each page's own).
std::pair<double, double> text_area(const std::vector<Page>& pages, std::size_t i) {
    double left = 1e9, right = -1e9;
    for (std::size_t k = 0; k < pages.size(); ++k) {
        if (pages[k].w != pages[i].w) continue;
        for (const Rect& c : pages[k].columns) { left = std::min(left, c.x); right = std::max(right, c.x + c.w); }
    }
    return {left, std::max(right, pages[i].w - left)};
}

void check_run(const std::vector<Page>& pages, std::size_t i, const Run& r, std::vector<std::string>& out) {
    const Page& p = pages[i];
    const double end = r.x + r.w, slack = eps + (hangs(r.text) ? r.size / 2 : 0);
    const std::string text = " \"" + r.text.substr(0, 60) + "\"";
    if (r.x < -eps || end > p.w + slack || r.y - 0.7 * r.size < -eps || r.y + 0.2 * r.size > p.h + eps) {
        out.push_back(where(i, r) + ": outside the trim box" + text);
    }
    if (r.ws < -0.1 * r.size) out.push_back(where(i, r) + ": word spaces below their minimum" + text);
    if (p.columns.empty()) return;
    for (const Rect& c : p.columns) {
        if (r.x + eps >= c.x && r.x < c.x + c.w && r.y >= c.y - eps && r.y <= c.y + c.h + eps) {
            if (end > c.x + c.w + slack) out.push_back(where(i, r) + ": past its column's right edge" + text);
            return;
        }
    }
    const auto [left, right] = text_area(pages, i);
    if (r.x < left - eps || end > right + slack) out.push_back(where(i, r) + ": outside the text area" + text);
}

void check_dump(const std::vector<Page>& pages, std::vector<std::string>& out) {
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const Page& p = pages[i];
        for (const Run& r : p.runs) check_run(pages, i, r, out);
        std::vector<Run> runs = p.runs;
        std::sort(runs.begin(), runs.end(),
                  [](const Run& a, const Run& b) { return a.y != b.y ? a.y < b.y : a.x < b.x; });
        for (std::size_t k = 1; k < runs.size(); ++k) {
            const Run& a = runs[k - 1];
            const Run& b = runs[k];
            if (std::abs(a.y - b.y) < 0.01 && b.x < a.x + a.w - 0.5) {
                out.push_back(where(i, b) + ": overlaps the run before it on its baseline (" + where(i, a) + ")");
            }
        }
    }
}

void check_bbox(const std::vector<BoxPage>& boxes, const std::vector<Page>& pages, std::vector<std::string>& out) {
    if (boxes.size() != pages.size()) {
        out.push_back("the PDF has " + std::to_string(boxes.size()) + " pages, the dump " +
                      std::to_string(pages.size()));
        return;
    }
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        const double b = pages[i].bleed;
        for (const auto& line : boxes[i].lines) {
            for (std::size_t k = 0; k < line.size(); ++k) {
                const Word& w = line[k];
                char buf[200];
                std::snprintf(buf, sizeof buf, "page %zu, PDF word %.2f,%.2f-%.2f,%.2f \"%s\"", i + 1, w.x0, w.y0, w.x1,
                              w.y1, w.text.substr(0, 60).c_str());
                if (w.x0 < b - eps || w.x1 > b + pages[i].w + eps || w.y0 < b - eps || w.y1 > b + pages[i].h + eps) {
                    out.push_back(std::string(buf) + ": outside the trim box");
                }
                if (k > 0 && w.x0 > line[k - 1].x0 && w.x0 < line[k - 1].x1 - 0.5) {
                    out.push_back(std::string(buf) + ": overlaps the word before it");
                }
            }
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::cerr << "usage: ink_check DUMP [BBOX]\n";
        return 2;
    }
    std::vector<Page> pages;
    if (!read_dump(argv[1], pages) || pages.empty()) {
        std::cerr << "ink_check: cannot read the layout dump " << argv[1] << '\n';
        return 2;
    }
    std::vector<std::string> found;
    check_dump(pages, found);
    if (argc == 3) {
        std::vector<BoxPage> boxes;
        if (!read_bbox(argv[2], boxes)) {
            std::cerr << "ink_check: cannot read the word boxes " << argv[2] << '\n';
            return 2;
        }
        check_bbox(boxes, pages, found);
    }
    for (const auto& f : found) std::cout << f << '\n';
    return found.empty() ? 0 : 1;
}
