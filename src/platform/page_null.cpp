// The page around the viewer, held in memory (null platform): hash history, stored marks and theme.
#include "page.h"
#include "platform_null.h"

namespace folio {
namespace {

NullPage g_page;

}  // namespace

NullPage& null_page() { return g_page; }
void null_page_reset() { g_page = NullPage{}; }

std::string page_hash() { return g_page.history.back(); }
void page_set_hash(const std::string& hash, bool push) {
    if (push) g_page.history.push_back(hash);
    else g_page.history.back() = hash;
}
bool page_theme_dark() { return g_page.dark; }
void page_save_theme(bool dark) { g_page.dark = dark; }
std::string page_load_marks() { return g_page.marks; }
bool page_save_marks(const std::string& json) {
    g_page.marks = json;
    return true;
}
void page_export_marks() {}
void page_import_marks() {}
void page_open_link(const std::string& href) { g_page.opened.push_back("link " + href); }
void page_show_image(const std::string& url, const std::string&) { g_page.opened.push_back("image " + url); }
void page_open_post(const std::string& json) { g_page.opened.push_back("post " + json); }
void page_loaded() {}
void page_download(const std::string& name, const std::string& mime, const std::string& bytes) {
    g_page.downloads.push_back({name, mime, bytes});
}
std::int32_t page_today() { return g_page.today; }
std::string page_address() { return g_page.address; }
void page_offline_open() { g_page.opened.push_back("offline"); }
bool page_offers_offline() { return g_page.offers_offline; }
void page_semantics(const std::string& json) { g_page.semantics.push_back(json); }
void page_text_layer(const std::string& json) { g_page.layers.push_back(json); }
void page_text_place(const std::string& json) { g_page.places.push_back(json); }
void page_text_font(int face, const std::string&, float em, float, float) { g_page.fonts.push_back({face, em}); }
std::string page_stored_language() { return g_page.stored_language; }
std::string page_languages() { return g_page.languages; }
void page_set_language(const std::string& code, bool save, const std::string&) {
    g_page.html_lang = code;
    if (save) g_page.stored_language = code;
}

}  // namespace folio
