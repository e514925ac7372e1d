// The interface language: the reader's stored choice for this site, else the first Chinese or English
// of the browser's preferred languages (folio/ui_text.h), else English. <html lang> follows it, so
// the page's own text, screen readers and the browser's translation offer see the same language.
#include <utility>

#include <nlohmann/json.hpp>

#include "app.h"
#include "folio/date.h"
#include "page.h"

namespace folio {
namespace {

// The page's own words (web/folio-shell.js `say`, web/folio-offline.js), by the key the page uses.
constexpr std::pair<const char*, Ui> kPageWords[] = {
    {"imageLoading", Ui::PageImageLoading}, {"imageLoadingAlt", Ui::PageImageLoadingAlt},
    {"imageNotHttp", Ui::PageImageNotHttp}, {"imageFailed", Ui::PageImageFailed},
    {"untitled", Ui::PageUntitled}, {"image", Ui::Image}, {"imageAlt", Ui::ImageAlt},
    {"offlineButton", Ui::OfflineButton}, {"offlineButtonPercent", Ui::OfflineButtonPercent},
    {"offlineButtonPaused", Ui::OfflineButtonPaused}, {"offlineButtonSaved", Ui::OfflineButtonSaved},
    {"offlineButtonStopped", Ui::OfflineButtonStopped}, {"offlineTitle", Ui::OfflineTitle},
    {"offlinePause", Ui::OfflinePause}, {"offlineResume", Ui::OfflineResume}, {"offlineRemove", Ui::OfflineRemove},
    {"offlineClose", Ui::OfflineClose}, {"offlineSize", Ui::OfflineSize}, {"offlineStorage", Ui::OfflineStorage},
    {"offlinePersisted", Ui::OfflinePersisted}, {"offlineMayClear", Ui::OfflineMayClear}, {"offlineNone", Ui::OfflineNone},
    {"offlineChecking", Ui::OfflineChecking}, {"offlineDownloading", Ui::OfflineDownloading},
    {"offlinePaused", Ui::OfflinePaused}, {"offlinePausedAt", Ui::OfflinePausedAt},
    {"offlineComplete", Ui::OfflineComplete}, {"offlineStopped", Ui::OfflineStopped},
    {"offlineNoSpace", Ui::OfflineNoSpace},
};

// The language to the page: <html lang>, and the strings of the table the page itself shows.
void tell_page(UiLanguage lang, bool save) {
    nlohmann::json strings = nlohmann::json::object();
    for (const auto& [key, id] : kPageWords) strings[key] = ui_text(lang, id);
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
