#pragma once
// The null platform's controls (platform_null.cpp and its siblings): what a browser would supply,
// set by native tests that drive whole frames without a window, GPU or page.
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace folio {

// The window's size in CSS pixels (the device pixel ratio is 1). Takes effect at the next frame.
void null_set_display_size(float width, float height);
// Moves the platform clock forward (platform_now_ms: a steady clock plus every advance).
// platform_shutdown resets the rest (settings, page, text bridge, site root) to a fresh page's.
void null_advance_clock(double ms);
// Whether something woke the page since the last call (platform_wake: a fetch answered, text handed
// over); the browser would then draw a frame. Clears it.
bool null_take_wake();

// The browser's own fonts, for characters no site font has: the code points it draws (a box of about an
// em, in colour from U+1F000 on) and those it draws as nothing (joiners); none by default.
void null_set_browser_fonts(std::set<char32_t> drawn, std::set<char32_t> blank);

// fetch_null.cpp: site files are read from this folder; a request started in one frame is answered
// at the start of the next (as the browser never answers within the frame that asked).
void null_set_site_root(const std::string& dir);
// Reads every pending request and wakes the page if it answered any; platform_begin_frame calls it,
// and so may a test between frames (the network answers while the viewer sleeps).
void null_fetch_deliver();
void null_fetch_hold(bool hold);  // while held, answers wait (a slow network)

// page_null.cpp: the address bar, history and storage of a page held in memory.
struct NullDownload {
    std::string name, mime, bytes;
};
struct NullPage {
    std::vector<std::string> history{""};  // hashes, the current one last
    std::string marks;                     // the stored marks JSON
    bool dark = true;
    bool offers_offline = false;           // served over http(s) with a service worker
    std::vector<std::string> opened;       // links, images and posts the app asked the page to open
    std::vector<std::string> semantics;    // the parallel DOM's elements, each time they changed
    std::vector<std::string> layers;       // the text layer's lines, each time they changed
    std::vector<std::string> places;       // where the reader is, each time it changed
    std::vector<std::pair<int, float>> fonts;  // text layer fonts: face (-1 the fallback), em ratio
    std::string languages = "en-US";       // navigator.languages, comma-separated
    std::string stored_language;           // the interface language stored for the site
    std::string html_lang;                 // <html lang>
    std::vector<NullDownload> downloads;   // files the app handed to the browser's download
    std::int32_t today = 19787;            // the browser's date (days since 1970-01-01): 2024-03-05
    std::string address = "http://127.0.0.1/archive/";  // location without its hash
};
NullPage& null_page();
void null_page_reset();

// text_bridge_null.cpp: text the page's hidden input would hand over (typed, pasted or composed),
// and what the app copied.
void null_text_commit(const std::string& text);
void null_text_preedit(const std::string& text);
const std::string& null_clipboard();
void null_text_reset();

}  // namespace folio
