#include "font_subset.h"

#include <hb-subset.h>
#include <hb.h>

#include <memory>

#include "folio/ui_text.h"

namespace folio {
namespace {

template <class T, void (*Destroy)(T*)>
struct HbDeleter {
    void operator()(T* p) const { Destroy(p); }
};
using Blob = std::unique_ptr<hb_blob_t, HbDeleter<hb_blob_t, hb_blob_destroy>>;
using Face = std::unique_ptr<hb_face_t, HbDeleter<hb_face_t, hb_face_destroy>>;
using Set = std::unique_ptr<hb_set_t, HbDeleter<hb_set_t, hb_set_destroy>>;
using Input = std::unique_ptr<hb_subset_input_t, HbDeleter<hb_subset_input_t, hb_subset_input_destroy>>;

}  // namespace

std::set<char32_t> ui_codepoints() {
    std::set<char32_t> out;
    auto add = [&](char32_t first, char32_t last) {
        for (char32_t c = first; c <= last; ++c) out.insert(c);
    };
    add(0x20, 0x7E);      // ASCII
    add(0xA0, 0xFF);      // Latin-1
    add(0x2000, 0x206F);  // general punctuation
    add(0x3000, 0x303F);  // CJK punctuation
    out.insert(0xFFFD);
    const std::set<char32_t> ui = ui_text_codepoints();
    out.insert(ui.begin(), ui.end());
    return out;
}

std::set<char32_t> base_codepoints() {
    std::set<char32_t> out = ui_codepoints();
    auto add = [&](char32_t first, char32_t last) {
        for (char32_t c = first; c <= last; ++c) out.insert(c);
    };
    add(0x2190, 0x21FF);  // arrows
    add(0x25A0, 0x25FF);  // geometric shapes
    add(0x2600, 0x26FF);  // stars and other symbols
    add(0xFF00, 0xFFEF);  // full-width forms
    return out;
}

namespace {

Result<Face> open_face(const std::string& font_path, unsigned face_index) {
    Blob blob(hb_blob_create_from_file_or_fail(font_path.c_str()));
    if (!blob) return Error{"cannot read font file " + font_path};
    const unsigned faces = hb_face_count(blob.get());
    if (faces == 0) return Error{font_path + " is not a TrueType/OpenType font"};
    if (face_index >= faces)
        return Error{font_path + " has " + std::to_string(faces) + " face(s); face " + std::to_string(face_index) + " does not exist"};
    return Face(hb_face_create(blob.get(), face_index));
}

// Splits wanted into the code points the face has (covered) and those it lacks (missing).
void split_coverage(hb_face_t* face, const std::set<char32_t>& wanted, SubsetFont& out) {
    Set cmap(hb_set_create());
    hb_face_collect_unicodes(face, cmap.get());
    for (char32_t cp : wanted) {
        if (!hb_set_has(cmap.get(), cp)) {
            out.missing.push_back(cp);
            continue;
        }
        if (!out.covered.empty() && out.covered.back().last + 1 == cp) out.covered.back().last = cp;
        else out.covered.push_back({cp, cp});
    }
}

}  // namespace

Result<std::set<char32_t>> full_width_quotes(const std::string& font_path, unsigned face_index) {
    auto face = open_face(font_path, face_index);
    if (!face) return face.error();
    const std::unique_ptr<hb_font_t, HbDeleter<hb_font_t, hb_font_destroy>> font(hb_font_create(face->get()));
    const auto em = static_cast<hb_position_t>(hb_face_get_upem(face->get()));
    std::set<char32_t> out;
    for (char32_t cp : {U'\u2018', U'\u2019', U'\u201C', U'\u201D'}) {
        hb_codepoint_t glyph = 0;
        if (hb_font_get_nominal_glyph(font.get(), cp, &glyph) && hb_font_get_glyph_h_advance(font.get(), glyph) * 10 >= em * 9)
            out.insert(cp);
    }
    return out;
}

Result<SubsetFont> font_coverage(const std::string& font_path, unsigned face_index, const std::set<char32_t>& wanted) {
    auto face = open_face(font_path, face_index);
    if (!face) return face.error();
    SubsetFont out;
    split_coverage(face->get(), wanted, out);
    return out;
}

Result<SubsetFont> subset_font(const std::string& font_path, unsigned face_index, const std::set<char32_t>& wanted) {
    auto opened = open_face(font_path, face_index);
    if (!opened) return opened.error();
    Face face = std::move(*opened);
    Input input(hb_subset_input_create_or_fail());
    if (!input) return Error{"HarfBuzz could not start a subset (out of memory)"};
    SubsetFont out;
    split_coverage(face.get(), wanted, out);
    hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
    for (const auto& r : out.covered)
        for (char32_t cp = r.first; cp <= r.last; ++cp) hb_set_add(unicodes, cp);
    // The viewer rasterises glyphs with stb_truetype: no shaping or hinting tables are needed.
    hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NO_HINTING);
    hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (hb_tag_t tag : {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
                         HB_TAG('B', 'A', 'S', 'E'), HB_TAG('V', 'O', 'R', 'G'), HB_TAG('v', 'h', 'e', 'a'),
                         HB_TAG('v', 'm', 't', 'x'), HB_TAG('D', 'S', 'I', 'G')})
        hb_set_add(drop, tag);
    Face subset(hb_subset_or_fail(face.get(), input.get()));
    if (!subset) return Error{"HarfBuzz failed to subset " + font_path};
    Blob result(hb_face_reference_blob(subset.get()));
    unsigned length = 0;
    const char* data = hb_blob_get_data(result.get(), &length);
    out.bytes.assign(data, length);
    return out;
}

}  // namespace folio
