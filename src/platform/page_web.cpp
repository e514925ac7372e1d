// window.folioPage calls (web/folio-shell.js); each does nothing when the page lacks it.
#include "page.h"

#include <emscripten.h>

#include <cstdlib>

EM_JS(char*, folio_js_page_string, (int which), {
    const p = window.folioPage;
    const v = !p ? "" : which === 0 ? p.hash() : p.loadMarks();
    const n = lengthBytesUTF8(v) + 1;
    const out = _malloc(n);
    stringToUTF8(v, out, n);
    return out;
});
EM_JS(void, folio_js_set_hash, (const char* hash, int push), {
    if (window.folioPage) window.folioPage.setHash(UTF8ToString(hash), push !== 0);
});
EM_JS(int, folio_js_theme_dark, (), { return window.folioPage ? window.folioPage.theme() : 1; });
EM_JS(void, folio_js_save_theme, (int dark), { if (window.folioPage) window.folioPage.saveTheme(dark !== 0); });
EM_JS(int, folio_js_save_marks, (const char* json), {
    return window.folioPage && window.folioPage.saveMarks(UTF8ToString(json)) ? 1 : 0;
});
EM_JS(void, folio_js_marks_file, (int import_file), {
    if (!window.folioPage) return;
    if (import_file) window.folioPage.importMarks();
    else window.folioPage.exportMarks();
});
EM_JS(void, folio_js_loaded, (), { if (window.folioPage && window.folioPage.loaded) window.folioPage.loaded(); });
EM_JS(void, folio_js_open, (int what, const char* a, const char* b), {
    const p = window.folioPage;
    if (!p) return;
    if (what === 0) p.openLink(UTF8ToString(a));
    else if (what === 1) p.showImage(UTF8ToString(a), UTF8ToString(b));
    else p.openPage(UTF8ToString(a));
});

namespace folio {
namespace {

std::string take_string(int which) {
    char* p = folio_js_page_string(which);
    std::string s = p ? p : "";
    std::free(p);
    return s;
}

}  // namespace

std::string page_hash() { return take_string(0); }
void page_loaded() { folio_js_loaded(); }
void page_set_hash(const std::string& hash, bool push) { folio_js_set_hash(hash.c_str(), push ? 1 : 0); }
bool page_theme_dark() { return folio_js_theme_dark() != 0; }
void page_save_theme(bool dark) { folio_js_save_theme(dark ? 1 : 0); }
std::string page_load_marks() { return take_string(1); }
bool page_save_marks(const std::string& json) { return folio_js_save_marks(json.c_str()) != 0; }
void page_export_marks() { folio_js_marks_file(0); }
void page_import_marks() { folio_js_marks_file(1); }
void page_open_link(const std::string& href) { folio_js_open(0, href.c_str(), ""); }
void page_show_image(const std::string& url, const std::string& alt) { folio_js_open(1, url.c_str(), alt.c_str()); }
void page_open_post(const std::string& json) { folio_js_open(2, json.c_str(), ""); }

}  // namespace folio
