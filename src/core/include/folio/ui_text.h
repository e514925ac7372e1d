#pragma once
// The viewer's words in one table: English, Simplified Chinese and Traditional Chinese (Taiwan usage).
// Panels ask ui_text(lang, Ui::X); patterns with {0}, {1} go through ui_format. The build cuts every
// language's characters into the site's fonts from this same table (ui_text_codepoints), so a new
// string cannot be left out of them.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace folio {

enum class UiLanguage : std::uint8_t { En, ZhHans, ZhHant };
inline constexpr std::size_t kUiLanguageCount = 3;

// Every user-visible string of the viewer. Grouped by where it is drawn; {n} marks the n-th argument.
enum class Ui : std::uint16_t {
    // Top bar and toolbar
    TitlePosts,          // Folio  ·  {0} posts
    SearchHint,
    NewestFirst,         // the search results' order checkbox
    IndexLoading,
    Searching,
    MatchesOne,          // {0} post matches ({1} ms)
    MatchesMany,
    SearchFailed,        // {0}: the reason
    ThemeLight,          // the button that switches to the light theme
    ThemeDark,
    ThemeLightTip,
    ThemeDarkTip,
    BookmarksCount,      // Bookmarks ({0})
    NoBookmarks,
    ExportMarks,
    ImportMarks,
    LanguageTip,
    LanguageEn,          // language names, each written in its own language
    LanguageZhHans,
    LanguageZhHant,
    Menu,
    TextSize,
    SizePx,              // {0} px
    SizeReset,
    // Marks messages
    MarksSaveFailed,
    MarksReadFailed,     // {0}: the reason
    ImportFailed,        // {0}: the reason
    Imported,            // {0} bookmarks, {1} read marks, {2} saved searches
    // Loading and errors
    LoadingManifest,
    LoadingMetadata,
    LoadingFont,
    OpenFailed,          // {0}: the reason
    RebuildHint,
    // Narrow layout
    Back,
    PanePost,
    Filters,
    FiltersCount,        // Filters ({0})
    OpenReader,
    // List
    ListLoading,         // {0} posts (loading: {1} of {2})
    ListNarrowed,        // {0} of {1} posts
    ListAll,             // {0} posts
    SortDate,
    SortTitle,
    SortSource,
    OldestFirst,
    NewestFirstOrder,
    BestFirst,
    AscendingText,       // A-Z
    DescendingText,
    ColumnTags,
    Undated,
    // Reader
    SelectPost,
    Bookmark,
    Bookmarked,
    Previous,
    Next,
    PreviousKeys,
    NextKeys,
    OpenOriginal,
    OpenAsPage,
    OpenAsPageTip,
    ByAuthor,            // by {0}
    ChipRemove,
    ChipAdd,
    MatchInPost,         // one match (keys)
    MatchesInPost,       // {0} matches (keys)
    MatchOf,             // match {0} of {1}
    LoadingPost,
    PostFailed,          // {0}: the reason
    NoText,
    Image,               // [image]
    ImageAlt,            // [image: {0}]
    ImageClick,
    ImageLoading,
    ImageShown,
    ImageFailed,
    ImageNoAddress,
    // Facets
    FacetTags,
    FacetCategories,
    FacetAuthors,
    FacetSources,
    FacetCount,          // {0} ({1})
    FacetChosen,         // {0} ({1} of {2})
    Clear,
    ClearAll,
    FilterValues,        // filter {0} values
    NoValueMatches,
    NoValues,
    DayRange,            // {0} to {1}
    // Timeline
    TimelineByDay,       // {0} to {1}, by day
    TimelineByWeek,
    TimelineByMonth,
    TimelineShowing,     // showing {0} to {1}
    WeekOf,              // week of {0}
    BarTip,              // {0}: {1} of {2} posts
    NoDatedPosts,
    ZoomAll,
    // On this day (the timeline's header)
    OnThisDay,
    OnThisDayTip,
    OnDayToday,          // Today, {0}
    OnDayPick,           // another day: month and day
    OnDayMonth,
    OnDayDay,
    OnDayShowing,        // On {0}, every year:
    OnDayNone,           // no post on {0} in any year
    OnDayYearTip,        // {0} posts on {1}: click for that year only
    // Export (the toolbar)
    Export,
    ExportTip,
    ExportResults,       // The {0} posts of this list, as:
    ExportCsv,
    ExportJsonLines,
    ExportMarkdown,
    ExportPost,
    ExportNoPost,
    ExportHeading,       // Folio: {0} posts (the Markdown file's heading)
    ExportDone,          // Downloaded {0}
    // Saved searches (in the bookmarks menu)
    SavedSearches,
    NoSavedSearches,
    SearchName,          // the name box's hint
    SaveSearch,
    SearchSaved,         // Saved "{0}"
    SaveSearchFailed,
    DeleteSearch,
    // Per-source statistics
    Statistics,
    StatisticsTip,
    StatsTitle,          // {0} posts from {1} sources
    StatsOverTime,
    StatsShare,
    StatsTopTags,
    StatsOther,          // {0} other sources
    StatsNoSource,
    StatsEmpty,
    StatsUndated,        // {0} undated posts are in no month
    StatsBarTip,         // {0}, {1}: {2} posts
    StatsClose,
    // Related coverage: the same story in other copies (panel_related.cpp, the list's fold toggle)
    AlsoIn,               // "Also in:" before the other copies
    AlsoInTip,            // a copy's button: {0} its title
    CompareWith,          // the compare toggle
    CompareTip,
    CompareOff,
    CompareLoading,
    CompareSummary,       // {0}: passages only in this copy (marked), {1}: passages only in the other
    CompareSame,
    CompareOnlyThere,     // heading of the other copy's own passages: {0} its source
    CompareTooDifferent,
    FoldCopies,           // the list's toggle
    FoldCopiesTip,
    RowCopies,            // a folded row: {0} other copies
    // Keyboard shortcuts window
    ShortcutsTitle,
    KeySearch,
    KeyClearSearch,
    KeysNextPost,        // j / Down / ]
    KeyNextPost,
    KeysPreviousPost,
    KeyPreviousPost,
    KeyNextMatch,
    KeyPreviousMatch,
    KeyBookmark,
    KeyCopy,
    KeyTextSize,
    KeysTimelineDrag,
    KeyTimelineDrag,
    KeysTimelineClick,
    KeyTimelineClick,
    KeysTimelineZoom,
    KeyTimelineZoom,
    KeysTimelinePan,
    KeyTimelinePan,
    KeysFacet,
    KeyFacet,
    KeyThisList,
    // The page around the viewer (web/folio-shell.js): the image lightbox and "open as page"
    PageImageLoading,
    PageImageLoadingAlt,  // {0}: the image's description
    PageImageNotHttp,
    PageImageFailed,
    PageUntitled,
    // "Keep this archive offline" (web/folio-offline.js): the toolbar button's states and the panel
    OfflineTip,
    OfflineButton,
    OfflineButtonPercent,  // {0}: percent downloaded
    OfflineButtonPaused,
    OfflineButtonSaved,
    OfflineButtonStopped,
    OfflineTitle,
    OfflinePause,
    OfflineResume,
    OfflineRemove,
    OfflineClose,
    OfflineSize,           // {0}: the archive's size, {1}: its number of data files
    OfflineStorage,        // {0}: what the browser grants the site, {1}: what it uses now, {2}: OfflinePersisted or OfflineMayClear
    OfflinePersisted,
    OfflineMayClear,
    OfflineNone,
    OfflineChecking,
    OfflineDownloading,    // {0}: percent, {1} of {2}: bytes, {3} of {4}: files
    OfflinePaused,
    OfflinePausedAt,       // {0}: percent, {1} of {2}: bytes
    OfflineComplete,       // {0}: the copy's size
    OfflineStopped,        // {0}: the reason
    OfflineNoSpace,        // {0}: the space the browser still grants
    Count
};
inline constexpr std::size_t kUiTextCount = static_cast<std::size_t>(Ui::Count);

// The string of id in lang (never null; UTF-8, may hold {n} placeholders).
const char* ui_text(UiLanguage lang, Ui id);
// The pattern with {0}, {1}, ... replaced by args (a placeholder with no argument is kept as written).
std::string ui_format(std::string_view pattern, std::initializer_list<std::string_view> args);
inline std::string ui_format(UiLanguage lang, Ui id, std::initializer_list<std::string_view> args) {
    return ui_format(ui_text(lang, id), args);
}

// "en", "zh-Hans", "zh-Hant": what the state hook reports and the settings store.
const char* ui_language_code(UiLanguage lang);
std::optional<UiLanguage> ui_language_from_code(std::string_view code);
// From the browser's preferred languages (navigator.languages, comma-separated, most wanted first):
// the first Chinese or English one decides; zh-TW, zh-HK, zh-MO, zh-Hant, yue are Traditional, other
// Chinese Simplified; none of them gives English.
UiLanguage ui_language_for(std::string_view languages);

// Every code point of every string in every language (the fonts must draw them all).
std::set<char32_t> ui_text_codepoints();

}  // namespace folio
