// The interface language: the reader's stored choice for this site, else the first Chinese or English
// of the browser's preferred languages (folio/ui_text.h), else English. <html lang> follows it, so
// the page's own text, screen readers and the browser's translation offer see the same language.
#include "app.h"
#include "folio/date.h"
#include "page.h"

namespace folio {

void language_start(App& app) {
    const auto stored = ui_language_from_code(page_stored_language());
    app.lang = stored ? *stored : ui_language_for(page_languages());
    page_set_language(ui_language_code(app.lang), false);
}

void language_set(App& app, UiLanguage lang) {
    app.lang = lang;
    page_set_language(ui_language_code(lang), true);
}

std::string ui_day(const App& app, std::int32_t day) { return format_day_number_in(app.lang, day); }

}  // namespace folio
