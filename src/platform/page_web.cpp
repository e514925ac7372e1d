// window.folioPage calls (web/folio-shell.js, whose index lists these); each does nothing when the
// page lacks it. Strings come back through Emscripten's allocateUTF8: the caller frees them.
#include "page.h"

#include <emscripten.h>

#include <cstdlib>

EM_JS(char*, folio_js_hash, (), { return allocateUTF8(window.folioPage ? window.folioPage.hash() : ""); });
EM_JS(void, folio_js_set_hash, (const char* hash, int push), {
    if (window.folioPage) window.folioPage.setHash(UTF8ToString(hash), push !== 0);
});
EM_JS(int, folio_js_theme_dark, (), { return window.folioPage ? window.folioPage.theme() : 1; });
EM_JS(void, folio_js_save_theme, (int dark), { if (window.folioPage) window.folioPage.saveTheme(dark !== 0); });
EM_JS(char*, folio_js_load_marks, (), { return allocateUTF8(window.folioPage ? window.folioPage.loadMarks() : ""); });
EM_JS(int, folio_js_save_marks, (const char* json), {
    return window.folioPage && window.folioPage.saveMarks(UTF8ToString(json)) ? 1 : 0;
});
EM_JS(void, folio_js_export_marks, (), { if (window.folioPage) window.folioPage.exportMarks(); });
EM_JS(void, folio_js_import_marks, (), { if (window.folioPage) window.folioPage.importMarks(); });
EM_JS(void, folio_js_loaded, (), { if (window.folioPage && window.folioPage.loaded) window.folioPage.loaded(); });
EM_JS(void, folio_js_open_link, (const char* href), { if (window.folioPage) window.folioPage.openLink(UTF8ToString(href)); });
EM_JS(void, folio_js_show_image, (const char* url, const char* alt), {
    if (window.folioPage) window.folioPage.showImage(UTF8ToString(url), UTF8ToString(alt));
});
EM_JS(int, folio_js_offers_offline, (), { return window.folioPage && window.folioPage.offersOffline ? 1 : 0; });
EM_JS(void, folio_js_offline_open, (), { if (window.folioPage && window.folioPage.offlineOpen) window.folioPage.offlineOpen(); });
EM_JS(void, folio_js_open_page, (const char* json), { if (window.folioPage) window.folioPage.openPage(UTF8ToString(json)); });
EM_JS(void, folio_js_semantics, (const char* json), { if (window.folioLayer) window.folioLayer.nodes(UTF8ToString(json)); });
EM_JS(void, folio_js_text_layer, (const char* json), { if (window.folioLayer) window.folioLayer.lines(UTF8ToString(json)); });
EM_JS(void, folio_js_text_place, (const char* json), { if (window.folioLayer) window.folioLayer.place(UTF8ToString(json)); });
EM_JS(void, folio_js_text_font, (int face, const char* bytes, int size, float em, float ascent, float descent), {
    if (window.folioLayer) window.folioLayer.font(face, HEAPU8.slice(bytes, bytes + size), em, ascent, descent);
});
EM_JS(void, folio_js_download, (const char* name, const char* mime, const char* bytes, int size), {
    if (window.folioPage && window.folioPage.download)
        window.folioPage.download(UTF8ToString(name), UTF8ToString(mime), HEAPU8.slice(bytes, bytes + size));
});
EM_JS(int, folio_js_today, (), {
    const d = new Date();
    return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86400000);
});
EM_JS(char*, folio_js_address, (), { return allocateUTF8(location.href.split("#")[0]); });
EM_JS(char*, folio_js_stored_language, (), { return allocateUTF8(window.folioPage ? window.folioPage.storedLanguage() : ""); });
EM_JS(char*, folio_js_languages, (), { return allocateUTF8(window.folioPage ? window.folioPage.languages() : ""); });
EM_JS(void, folio_js_set_language, (const char* code, int save, const char* strings), {
    if (window.folioPage) window.folioPage.setLanguage(UTF8ToString(code), save !== 0, JSON.parse(UTF8ToString(strings)));
});

namespace folio {
namespace {

std::string take_string(char* p) {
    std::string s = p ? p : "";
    std::free(p);
    return s;
}

}  // namespace

std::string page_hash() { return take_string(folio_js_hash()); }
void page_loaded() { folio_js_loaded(); }
void page_set_hash(const std::string& hash, bool push) { folio_js_set_hash(hash.c_str(), push ? 1 : 0); }
bool page_theme_dark() { return folio_js_theme_dark() != 0; }
void page_save_theme(bool dark) { folio_js_save_theme(dark ? 1 : 0); }
std::string page_load_marks() { return take_string(folio_js_load_marks()); }
bool page_save_marks(const std::string& json) { return folio_js_save_marks(json.c_str()) != 0; }
void page_export_marks() { folio_js_export_marks(); }
void page_import_marks() { folio_js_import_marks(); }
void page_open_link(const std::string& href) { folio_js_open_link(href.c_str()); }
void page_show_image(const std::string& url, const std::string& alt) { folio_js_show_image(url.c_str(), alt.c_str()); }
void page_open_post(const std::string& json) { folio_js_open_page(json.c_str()); }
void page_offline_open() { folio_js_offline_open(); }
bool page_offers_offline() { return folio_js_offers_offline() != 0; }
void page_semantics(const std::string& json) { folio_js_semantics(json.c_str()); }
void page_text_layer(const std::string& json) { folio_js_text_layer(json.c_str()); }
void page_text_place(const std::string& json) { folio_js_text_place(json.c_str()); }
void page_text_font(int face, const std::string& bytes, float em, float ascent, float descent) {
    folio_js_text_font(face, bytes.data(), static_cast<int>(bytes.size()), em, ascent, descent);
}
void page_download(const std::string& name, const std::string& mime, const std::string& bytes) {
    folio_js_download(name.c_str(), mime.c_str(), bytes.data(), static_cast<int>(bytes.size()));
}
std::int32_t page_today() { return folio_js_today(); }
std::string page_address() { return take_string(folio_js_address()); }
std::string page_stored_language() { return take_string(folio_js_stored_language()); }
std::string page_languages() { return take_string(folio_js_languages()); }
void page_set_language(const std::string& code, bool save, const std::string& strings_json) {
    folio_js_set_language(code.c_str(), save ? 1 : 0, strings_json.c_str());
}

}  // namespace folio
