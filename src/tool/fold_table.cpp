#include "fold_table.h"

#include <opencc/opencc.h>
#include <utf8proc.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "folio/utf8.h"

namespace folio {
namespace {

bool in(char32_t cp, char32_t first, char32_t last) { return cp >= first && cp <= last; }

// Marks are dropped only in alphabetic scripts where they are diacritics (café -> cafe); kana
// voicing marks (が = か + U+3099) and the marks of abugidas must stay.
bool strips_marks(char32_t cp) {
    return cp < 0x0590 || in(cp, 0x1AB0, 0x1AFF) || in(cp, 0x1DC0, 0x1EFF) || in(cp, 0x20D0, 0x20FF) ||
           in(cp, 0xFB00, 0xFB06) || in(cp, 0xFE20, 0xFE2F);
}

bool is_han(char32_t cp) {
    return in(cp, 0x3400, 0x4DBF) || in(cp, 0x4E00, 0x9FFF) || in(cp, 0xF900, 0xFAFF);
}

std::u32string decode(std::string_view utf8) {
    std::u32string out;
    for (std::size_t i = 0; i < utf8.size();) out += utf8_next(utf8, i);
    return out;
}

// NFKC + case fold (+ strip marks); the code point itself if utf8proc rejects it.
std::u32string normalize(char32_t cp) {
    std::string in_utf8;
    utf8_append(in_utf8, cp);
    auto options = static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE |
                                                  (strips_marks(cp) ? UTF8PROC_STRIPMARK : 0));
    utf8proc_uint8_t* out = nullptr;
    const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(in_utf8.data()),
                                            static_cast<utf8proc_ssize_t>(in_utf8.size()), &out, options);
    std::u32string result = n < 0 ? std::u32string(1, cp)
                                   : decode(std::string_view(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n)));
    std::free(out);
    return result;
}

class OpenCC {
public:
    explicit OpenCC(const char* config) : handle_(opencc_open(config)) {}
    ~OpenCC() {
        if (ok()) opencc_close(handle_);
    }
    OpenCC(const OpenCC&) = delete;
    OpenCC& operator=(const OpenCC&) = delete;
    bool ok() const { return handle_ != reinterpret_cast<opencc_t>(-1); }

    // The single-character conversion of each of cps (cp itself where there is none), in one call:
    // one character a line, and no dictionary phrase spans a line break.
    std::vector<char32_t> convert_each(const std::vector<char32_t>& cps) const {
        std::string in_utf8;
        for (char32_t cp : cps) {
            utf8_append(in_utf8, cp);
            in_utf8 += '\n';
        }
        std::vector<char32_t> result = cps;
        char* out = opencc_convert_utf8(handle_, in_utf8.data(), in_utf8.size());
        if (!out) return result;
        const std::string_view converted(out);
        std::size_t k = 0, start = 0;
        for (std::size_t nl = converted.find('\n'); nl != std::string_view::npos && k < cps.size();
             start = nl + 1, nl = converted.find('\n', start), ++k) {
            const std::u32string line = decode(converted.substr(start, nl - start));
            if (line.size() == 1) result[k] = line[0];
        }
        opencc_convert_utf8_free(out);
        return result;
    }

private:
    opencc_t handle_;
};

}  // namespace

Result<FoldTable> build_fold_table(const std::set<char32_t>& archive_codepoints) {
    OpenCC t2s("t2s.json"), tw2s("tw2s.json"), hk2s("hk2s.json");
    if (!t2s.ok())
        return Error{std::string("cannot open OpenCC's t2s.json (install libopencc-data): ") + opencc_error()};
    // Traditional -> simplified for each ideograph; the Taiwan and Hong Kong variants catch
    // regional forms (e.g. 着/著, 裏/裡) that plain t2s leaves alone.
    std::unordered_map<char32_t, char32_t> simplified;
    std::set<char32_t> wanted = archive_codepoints;
    std::vector<char32_t> han;
    for (char32_t cp = 0; cp <= 0xFFFF; ++cp) {
        if (in(cp, 0x00C0, 0x024F) || in(cp, 0x3000, 0x303F) || in(cp, 0xFF00, 0xFFEF)) wanted.insert(cp);
        if (is_han(cp)) han.push_back(cp);
    }
    std::vector<char32_t> s = t2s.convert_each(han);
    for (const OpenCC* next : {&tw2s, &hk2s}) {
        if (!next->ok()) continue;
        const std::vector<char32_t> alt = next->convert_each(han);
        for (std::size_t k = 0; k < han.size(); ++k)
            if (s[k] == han[k]) s[k] = alt[k];
    }
    for (std::size_t k = 0; k < han.size(); ++k) {
        if (s[k] == han[k]) continue;
        simplified.emplace(han[k], s[k]);
        wanted.insert(han[k]);
    }
    FoldTable table;
    for (char32_t cp : wanted) {
        if (cp > 0x10FFFF || in(cp, 0xD800, 0xDFFF)) continue;
        std::u32string folded = normalize(cp);
        // After NFKC, so a compatibility ideograph that lands on a traditional one is simplified.
        for (char32_t& c : folded)
            if (auto it = simplified.find(c); it != simplified.end()) c = it->second;
        if (folded != std::u32string(1, cp)) table.map.emplace(cp, std::move(folded));
    }
    index_fold_table(table);
    return table;
}

}  // namespace folio
