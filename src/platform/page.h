#pragma once
// The page around the viewer (window.folioPage in web/folio-shell.js): the URL hash and history,
// browser storage, the theme, and opening links, images and a post as a page. Text passed here
// is handed to JS as strings; the page puts post text into the DOM only as text nodes.
#include <cstdint>
#include <string>

namespace folio {

std::string page_hash();                              // location.hash, "" or "#..."
void page_set_hash(const std::string& hash, bool push);  // push: a history entry; else replace
bool page_theme_dark();                               // the stored choice, else the system's
void page_save_theme(bool dark);
std::string page_load_marks();                        // the stored marks JSON of this site, "" if none
bool page_save_marks(const std::string& json);  // false when the browser refused (full, disabled)
void page_export_marks();                             // downloads the stored marks as a .json file
void page_import_marks();                             // file picker; the text comes back via folio_marks_import
void page_open_link(const std::string& href);         // new tab; http, https and mailto only (checked again in JS)
void page_show_image(const std::string& url, const std::string& alt);  // status back via folio_image_status
void page_open_post(const std::string& json);         // "open as page": see buildPage in folio-shell.js
void page_loaded();  // the archive is open: the page may now start its offline copy
// The page's parallel DOM (written by src/app/semantics.cpp, read by "Page layer" in folio-shell.js):
void page_semantics(const std::string& json);   // the elements: [{k, r, n, g, b, c}, ...]
void page_text_layer(const std::string& json);  // the reader's lines (layer_json in folio/text_layer.h)
void page_text_place(const std::string& json);  // where the reader is: {clip, origin, title, on}
// A site font for the text layer (face -1: the fallback); em: its em per Dear ImGui font size;
// ascent, descent: in ems, as the viewer places glyphs (the page's line boxes use them too).
void page_text_font(int face, const std::string& bytes, float em, float ascent, float descent);
// The interface language: the choice stored for this site ("" if none), the browser's preferred
// languages (navigator.languages, comma-separated), and the language in use ("en", "zh-Hans",
// "zh-Hant"), which sets <html lang> and, with save, is stored for this site; strings_json holds
// the page's own strings in it ({"imageLoading": ..., ...}, see setLanguage in folio-shell.js).
std::string page_stored_language();
std::string page_languages();
void page_set_language(const std::string& code, bool save, const std::string& strings_json);
// A file made in the page (a Blob) and handed to the browser's download; nothing goes to a server.
void page_download(const std::string& name, const std::string& mime, const std::string& bytes);
std::int32_t page_today();       // today in the browser's time zone, as days since 1970-01-01
std::string page_address();      // the viewer's address without its hash (a post's is this + "#post=<id>")
void page_offline_open();  // shows the page's "Keep this archive offline" panel; its label comes via folio_offline_status
bool page_offers_offline();  // the page will offer that panel (over http(s), with a service worker)

}  // namespace folio
