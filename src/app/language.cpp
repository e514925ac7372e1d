// The interface language: the reader's stored choice for this site, else the first Chinese or English
// of the browser's preferred languages (folio/ui_text.h), else English. <html lang> follows it, so
// the page's own text, screen readers and the browser's translation offer see the same language.
#include <nlohmann/json.hpp>

#include "app.h"
#include "folio/date.h"
#include "page.h"

namespace folio {
namespace {

// The language to the page: <html lang>, and the strings of the table the page itself shows.
void tell_page(UiLanguage lang, bool save) {
    const nlohmann::json strings = {{"imageLoading", ui_text(lang, Ui::PageImageLoading)},
                                    {"imageLoadingAlt", ui_text(lang, Ui::PageImageLoadingAlt)},
                                    {"imageNotHttp", ui_text(lang, Ui::PageImageNotHttp)},
                                    {"imageFailed", ui_text(lang, Ui::PageImageFailed)},
                                    {"untitled", ui_text(lang, Ui::PageUntitled)},
                                    {"image", ui_text(lang, Ui::Image)},
                                    {"imageAlt", ui_text(lang, Ui::ImageAlt)}};
    page_set_language(ui_language_code(lang), save, strings.dump());
}

}  // namespace

void language_start(App& app) {
    const auto stored = ui_language_from_code(page_stored_language());
    app.lang = stored ? *stored : ui_language_for(page_languages());
    tell_page(app.lang, false);
}

void language_set(App& app, UiLanguage lang) {
    app.lang = lang;
    tell_page(lang, true);
}

std::string ui_day(const App& app, std::int32_t day) { return format_day_number_in(app.lang, day); }

}  // namespace folio
