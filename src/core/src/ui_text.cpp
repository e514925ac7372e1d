// The viewer's strings in English, Simplified Chinese and Traditional Chinese (folio/ui_text.h).
// The Chinese are written as a reader there would say it, not word for word; Traditional follows
// Taiwan's usage (搜尋, 書籤, 設定, 檔案, 介面, 清單).
#include "folio/ui_text.h"

#include <array>
#include <cctype>
#include <iterator>

#include "folio/utf8.h"

namespace folio {
namespace {

struct UiRow {
    Ui id;
    std::array<const char*, kUiLanguageCount> text;  // by UiLanguage
};

constexpr UiRow kRows[] = {
    {Ui::TitlePosts, {"Folio  ·  {0} posts", "Folio  ·  {0} 篇文章", "Folio  ·  {0} 篇文章"}},
    {Ui::SearchHint, {"Search: words, 中文, \"phrase\", -exclude, tag:, source:, after:2020-01-01",
                      "搜索：关键词、English、\"短语\"、-排除、tag:、source:、after:2020-01-01",
                      "搜尋：關鍵字、English、\"片語\"、-排除、tag:、source:、after:2020-01-01"}},
    {Ui::NewestFirst, {"Newest first", "最新在前", "最新在前"}},
    {Ui::IndexLoading, {"loading the index...", "正在加载索引…", "正在載入索引…"}},
    {Ui::Searching, {"searching...", "正在搜索…", "搜尋中…"}},
    {Ui::MatchesOne, {"{0} post matches ({1} ms)", "找到 {0} 篇（{1} 毫秒）", "找到 {0} 篇（{1} 毫秒）"}},
    {Ui::MatchesMany, {"{0} posts match ({1} ms)", "找到 {0} 篇（{1} 毫秒）", "找到 {0} 篇（{1} 毫秒）"}},
    {Ui::SearchFailed, {"search failed: {0}", "搜索出错：{0}", "搜尋出錯：{0}"}},
    {Ui::ThemeLight, {"Light", "浅色", "淺色"}},
    {Ui::ThemeDark, {"Dark", "深色", "深色"}},
    {Ui::ThemeLightTip, {"Switch to the light theme (remembered)", "切换为浅色主题（会记住此设置）", "切換為淺色主題（會記住此設定）"}},
    {Ui::ThemeDarkTip, {"Switch to the dark theme (remembered)", "切换为深色主题（会记住此设置）", "切換為深色主題（會記住此設定）"}},
    {Ui::BookmarksCount, {"Bookmarks ({0})", "书签（{0}）", "書籤（{0}）"}},
    {Ui::NoBookmarks, {"No bookmarks yet: b or the star in the reader adds one.",
                       "还没有书签：按 b 或点阅读区的星标即可添加。",
                       "還沒有書籤：按 b 或點閱讀區的星號即可加入。"}},
    {Ui::ExportMarks, {"Export bookmarks and read marks (.json)", "导出书签和已读记录（.json）", "匯出書籤和已讀紀錄（.json）"}},
    {Ui::ImportMarks, {"Import from a file...", "从文件导入…", "從檔案匯入…"}},
    {Ui::LanguageTip, {"Interface language (remembered)", "界面语言（会记住此设置）", "介面語言（會記住此設定）"}},
    {Ui::LanguageEn, {"English", "English", "English"}},
    {Ui::LanguageZhHans, {"简体中文", "简体中文", "简体中文"}},
    {Ui::LanguageZhHant, {"繁體中文", "繁體中文", "繁體中文"}},
    {Ui::Menu, {"Menu", "菜单", "選單"}},
    {Ui::TextSize, {"Text size", "文字大小", "文字大小"}},
    {Ui::SizePx, {"{0} px", "{0} px", "{0} px"}},
    {Ui::SizeReset, {"Reset", "恢复默认", "還原預設"}},

    {Ui::MarksSaveFailed, {"Bookmarks could not be saved: the browser's storage is full or turned off",
                           "书签无法保存：浏览器的存储空间已满或已关闭",
                           "書籤無法儲存：瀏覽器的儲存空間已滿或已關閉"}},
    {Ui::MarksReadFailed, {"The stored bookmarks could not be read: {0}", "无法读取已保存的书签：{0}", "無法讀取已儲存的書籤：{0}"}},
    {Ui::ImportFailed, {"Import failed: {0}", "导入失败：{0}", "匯入失敗：{0}"}},
    {Ui::Imported, {"Imported {0} new bookmarks, {1} read marks and {2} saved searches",
                    "已导入 {0} 个新书签、{1} 条已读记录和 {2} 个已存搜索",
                    "已匯入 {0} 個新書籤、{1} 筆已讀紀錄和 {2} 個已存搜尋"}},

    {Ui::LoadingManifest, {"Loading the archive manifest...", "正在加载文章库目录…", "正在載入文章庫目錄…"}},
    {Ui::LoadingMetadata, {"Loading post metadata and the font...", "正在加载文章信息和字体…", "正在載入文章資訊和字型…"}},
    {Ui::LoadingFont, {"Loading the font...", "正在加载字体…", "正在載入字型…"}},
    {Ui::OpenFailed, {"This archive could not be opened: {0}.", "无法打开这个文章库：{0}。", "無法開啟這個文章庫：{0}。"}},
    {Ui::RebuildHint, {"Rebuild the site with `folio build <posts> -o <site>` and copy the whole folder, "
                       "then serve it with any static web server (for example `python3 -m http.server`).",
                       "请用 `folio build <posts> -o <site>` 重新生成网站，复制整个文件夹，"
                       "再用任意静态网站服务器提供访问（例如 `python3 -m http.server`）。",
                       "請用 `folio build <posts> -o <site>` 重新產生網站，複製整個資料夾，"
                       "再用任何靜態網頁伺服器提供瀏覽（例如 `python3 -m http.server`）。"}},

    {Ui::Back, {"< Back", "< 返回", "< 返回"}},
    {Ui::PanePost, {"Post", "文章", "文章"}},
    {Ui::Filters, {"Filters", "筛选", "篩選"}},
    {Ui::FiltersCount, {"Filters ({0})", "筛选（{0}）", "篩選（{0}）"}},
    {Ui::OpenReader, {"Reader >", "阅读 >", "閱讀 >"}},

    {Ui::ListLoading, {"{0} posts (loading: {1} of {2})", "{0} 篇（正在加载：{1} / {2}）", "{0} 篇（載入中：{1} / {2}）"}},
    {Ui::ListNarrowed, {"{0} of {1} posts", "{0} 篇（共 {1} 篇）", "{0} 篇（共 {1} 篇）"}},
    {Ui::ListAll, {"{0} posts", "{0} 篇", "{0} 篇"}},
    {Ui::SortDate, {"Date", "日期", "日期"}},
    {Ui::SortTitle, {"Title", "标题", "標題"}},
    {Ui::SortSource, {"Source", "来源", "來源"}},
    {Ui::OldestFirst, {"oldest first", "最早在前", "最早在前"}},
    {Ui::NewestFirstOrder, {"newest first", "最新在前", "最新在前"}},
    {Ui::BestFirst, {"best first", "最相关在前", "最相關在前"}},
    {Ui::AscendingText, {"A-Z", "升序", "遞增"}},
    {Ui::DescendingText, {"Z-A", "降序", "遞減"}},
    {Ui::ColumnTags, {"Tags", "标签", "標籤"}},
    {Ui::Undated, {"undated", "无日期", "無日期"}},

    {Ui::SelectPost, {"Select a post from the list.", "从列表中选一篇文章来阅读。", "從清單中選一篇文章來閱讀。"}},
    {Ui::Bookmark, {"Bookmark", "加书签", "加入書籤"}},
    {Ui::Bookmarked, {"Bookmarked", "已加书签", "已加入書籤"}},
    {Ui::Previous, {"< Previous", "< 上一篇", "< 上一篇"}},
    {Ui::Next, {"Next >", "下一篇 >", "下一篇 >"}},
    {Ui::PreviousKeys, {"[ or k", "[ 或 k", "[ 或 k"}},
    {Ui::NextKeys, {"] or j", "] 或 j", "] 或 j"}},
    {Ui::OpenOriginal, {"Open original", "打开原文", "開啟原文"}},
    {Ui::OpenAsPage, {"Open as page", "以网页打开", "以網頁開啟"}},
    {Ui::OpenAsPageTip, {"The post as a plain web page: print, find, screen readers",
                         "把文章当作普通网页打开：方便打印、查找和读屏软件",
                         "把文章當作一般網頁開啟：方便列印、尋找和螢幕閱讀器"}},
    {Ui::ByAuthor, {"by {0}", "作者：{0}", "作者：{0}"}},
    {Ui::ChipRemove, {"remove this filter", "取消这个筛选", "取消這個篩選"}},
    {Ui::ChipAdd, {"show only posts with this", "只看含有这一项的文章", "只看含有這一項的文章"}},
    {Ui::MatchInPost, {"1 match  (n / Shift+n, F3 / Shift+F3 to step through)",
                       "1 处匹配（按 n / Shift+n、F3 / Shift+F3 逐个查看）",
                       "1 處相符（按 n / Shift+n、F3 / Shift+F3 逐一查看）"}},
    {Ui::MatchesInPost, {"{0} matches  (n / Shift+n, F3 / Shift+F3 to step through)",
                         "{0} 处匹配（按 n / Shift+n、F3 / Shift+F3 逐个查看）",
                         "{0} 處相符（按 n / Shift+n、F3 / Shift+F3 逐一查看）"}},
    {Ui::MatchOf, {"match {0} of {1}  (n / Shift+n, F3 / Shift+F3)", "第 {0} 处，共 {1} 处（n / Shift+n、F3 / Shift+F3）",
                   "第 {0} 處，共 {1} 處（n / Shift+n、F3 / Shift+F3）"}},
    {Ui::LoadingPost, {"Loading...", "正在加载…", "載入中…"}},
    {Ui::PostFailed, {"This post could not be loaded: {0}", "这篇文章无法加载：{0}", "這篇文章無法載入：{0}"}},
    {Ui::NoText, {"(This post has no text.)", "（这篇文章没有正文。）", "（這篇文章沒有內文。）"}},
    {Ui::Image, {"[image]", "[图片]", "[圖片]"}},
    {Ui::ImageAlt, {"[image: {0}]", "[图片：{0}]", "[圖片：{0}]"}},
    {Ui::ImageClick, {"click to load", "点击加载", "點一下載入"}},
    {Ui::ImageLoading, {"loading...", "正在加载…", "載入中…"}},
    {Ui::ImageShown, {"shown; click to show again", "已显示；点击再次显示", "已顯示；點一下再次顯示"}},
    {Ui::ImageFailed, {"could not be loaded (offline, moved or blocked); click to retry",
                       "无法加载（离线、已移走或被拦截）；点击重试",
                       "無法載入（離線、已移走或遭封鎖）；點一下重試"}},
    {Ui::ImageNoAddress, {"no web address; not loadable", "没有网址，无法加载", "沒有網址，無法載入"}},

    {Ui::FacetTags, {"Tags", "标签", "標籤"}},
    {Ui::FacetCategories, {"Categories", "分类", "分類"}},
    {Ui::FacetAuthors, {"Authors", "作者", "作者"}},
    {Ui::FacetSources, {"Sources", "来源", "來源"}},
    {Ui::FacetCount, {"{0} ({1})", "{0}（{1}）", "{0}（{1}）"}},
    {Ui::FacetChosen, {"{0} ({1} of {2})", "{0}（已选 {1} / {2}）", "{0}（已選 {1} / {2}）"}},
    {Ui::Clear, {"clear", "清除", "清除"}},
    {Ui::ClearAll, {"clear all", "全部清除", "全部清除"}},
    {Ui::FilterValues, {"filter {0} values", "在 {0} 项中筛选", "在 {0} 項中篩選"}},
    {Ui::NoValueMatches, {"no value matches", "没有符合的项", "沒有符合的項目"}},
    {Ui::NoValues, {"none", "无", "無"}},
    {Ui::DayRange, {"{0} to {1}", "{0} 至 {1}", "{0} 至 {1}"}},

    {Ui::TimelineByDay, {"{0} to {1}, by day", "{0} 至 {1}，按日", "{0} 至 {1}，按日"}},
    {Ui::TimelineByWeek, {"{0} to {1}, by week", "{0} 至 {1}，按周", "{0} 至 {1}，按週"}},
    {Ui::TimelineByMonth, {"{0} to {1}, by month", "{0} 至 {1}，按月", "{0} 至 {1}，按月"}},
    {Ui::TimelineShowing, {"showing {0} to {1}", "显示 {0} 至 {1}", "顯示 {0} 至 {1}"}},
    {Ui::WeekOf, {"week of {0}", "{0} 起的一周", "{0} 起的一週"}},
    {Ui::BarTip, {"{0}: {1} of {2} posts", "{0}：{1} 篇（共 {2} 篇）", "{0}：{1} 篇（共 {2} 篇）"}},
    {Ui::NoDatedPosts, {"Timeline: no dated posts", "时间轴：没有带日期的文章", "時間軸：沒有標日期的文章"}},
    {Ui::ZoomAll, {"all", "全部", "全部"}},

    {Ui::OnThisDay, {"On this day", "历史上的今天", "歷史上的今天"}},
    {Ui::OnThisDayTip, {"Posts of one month and day in every year of the archive (kept in the address)",
                        "文章库里每一年同月同日的文章（保存在网址中）", "文章庫裡每一年同月同日的文章（保存在網址中）"}},
    {Ui::OnDayToday, {"Today, {0}", "今天，{0}", "今天，{0}"}},
    {Ui::OnDayPick, {"Another day:", "其他日子：", "其他日子："}},
    {Ui::OnDayMonth, {"Month", "月", "月"}},
    {Ui::OnDayDay, {"Day", "日", "日"}},
    {Ui::OnDayShowing, {"On {0}, every year:", "每年的{0}：", "每年的{0}："}},
    {Ui::OnDayNone, {"No post on {0} in any year", "没有任何一年的{0}有文章", "沒有任何一年的{0}有文章"}},
    {Ui::OnDayYearTip, {"{0} posts on {1}: click for that year only", "{1}有 {0} 篇：点击只看这一年", "{1}有 {0} 篇：點一下只看這一年"}},

    {Ui::Export, {"Export", "导出", "匯出"}},
    {Ui::ExportTip, {"Download this list (filters and search) or the open post, made in the page",
                     "下载当前列表（筛选和搜索结果）或打开的文章，在网页内生成", "下載目前清單（篩選和搜尋結果）或開啟的文章，在網頁內產生"}},
    {Ui::ExportResults, {"The {0} posts of this list, as:", "当前列表的 {0} 篇文章，导出为：", "目前清單的 {0} 篇文章，匯出為："}},
    {Ui::ExportCsv, {"CSV (spreadsheets)", "CSV（电子表格）", "CSV（試算表）"}},
    {Ui::ExportJsonLines, {"JSON Lines", "JSON Lines", "JSON Lines"}},
    {Ui::ExportMarkdown, {"Markdown list", "Markdown 列表", "Markdown 清單"}},
    {Ui::ExportPost, {"The open post as Markdown", "打开的文章（Markdown）", "開啟的文章（Markdown）"}},
    {Ui::ExportNoPost, {"Open a post to export it", "先打开一篇文章才能导出", "先開啟一篇文章才能匯出"}},
    {Ui::ExportHeading, {"Folio: {0} posts", "Folio：{0} 篇文章", "Folio：{0} 篇文章"}},
    {Ui::ExportDone, {"Downloaded {0}", "已下载 {0}", "已下載 {0}"}},

    {Ui::SavedSearches, {"Saved searches", "已存搜索", "已存搜尋"}},
    {Ui::NoSavedSearches, {"None yet: name this view below to keep its search, filters and order.",
                           "还没有：在下面给当前视图起个名字，即可保存其搜索、筛选和排序。",
                           "還沒有：在下面為目前的檢視命名，即可保存它的搜尋、篩選和排序。"}},
    {Ui::SearchName, {"name of this search", "这个搜索的名称", "這個搜尋的名稱"}},
    {Ui::SaveSearch, {"Save this search", "保存这个搜索", "儲存這個搜尋"}},
    {Ui::SearchSaved, {"Saved \"{0}\"", "已保存“{0}”", "已儲存「{0}」"}},
    {Ui::SaveSearchFailed, {"Give the search a name first", "请先给搜索起个名字", "請先為搜尋命名"}},
    {Ui::DeleteSearch, {"Delete", "删除", "刪除"}},

    {Ui::Statistics, {"Statistics", "统计", "統計"}},
    {Ui::StatisticsTip, {"Posts per source over time, each source's share and its top tags, for this list",
                         "当前列表中各来源的文章数随时间变化、所占比例和常用标签",
                         "目前清單中各來源的文章數隨時間變化、所佔比例和常用標籤"}},
    {Ui::StatsTitle, {"{0} posts from {1} sources", "{0} 篇文章，来自 {1} 个来源", "{0} 篇文章，來自 {1} 個來源"}},
    {Ui::StatsOverTime, {"Posts per source over time", "各来源的文章数（按时间）", "各來源的文章數（依時間）"}},
    {Ui::StatsShare, {"Share of this list", "在当前列表中的占比", "在目前清單中的佔比"}},
    {Ui::StatsTopTags, {"Top tags per source", "各来源的常用标签", "各來源的常用標籤"}},
    {Ui::StatsOther, {"{0} other sources", "其他 {0} 个来源", "其他 {0} 個來源"}},
    {Ui::StatsNoSource, {"no source", "无来源", "無來源"}},
    {Ui::StatsEmpty, {"No posts in this list", "当前列表没有文章", "目前清單沒有文章"}},
    {Ui::StatsUndated, {"{0} undated posts are in no month", "{0} 篇没有日期的文章不计入任何月份", "{0} 篇沒有日期的文章不計入任何月份"}},
    {Ui::StatsBarTip, {"{0}, {1}: {2} posts", "{0}，{1}：{2} 篇", "{0}，{1}：{2} 篇"}},
    {Ui::StatsClose, {"Back to the post", "返回文章", "返回文章"}},
    {Ui::AlsoIn, {"Also in:", "其他版本：", "其他版本："}},
    {Ui::AlsoInTip, {"The same story: {0}", "同一篇报道：{0}", "同一篇報導：{0}"}},
    {Ui::CompareWith, {"Compare", "对比", "對照"}},
    {Ui::CompareTip, {"Mark the text this copy has and that copy lacks, and list what only that copy has",
                      "标出本文有而那个版本没有的文字，并列出只有那个版本才有的文字",
                      "標出本文有而那個版本沒有的文字，並列出只有那個版本才有的文字"}},
    {Ui::CompareOff, {"Stop comparing", "停止对比", "停止對照"}},
    {Ui::CompareLoading, {"loading the other copy...", "正在加载另一版本…", "正在載入另一版本…"}},
    {Ui::CompareSummary, {"Marked: {0} passages only in this copy; {1} only in the other",
                          "已标出本文独有的 {0} 处；另一版本独有 {1} 处", "已標出本文獨有的 {0} 處；另一版本獨有 {1} 處"}},
    {Ui::CompareSame, {"The two copies have the same text", "两个版本正文相同", "兩個版本內文相同"}},
    {Ui::CompareOnlyThere, {"Only in {0}:", "仅见于 {0}：", "僅見於 {0}："}},
    {Ui::CompareTooDifferent, {"The copies differ too much to align; the differing middle is marked whole",
                               "两个版本差异太大，无法逐字对齐；已整段标出不同部分", "兩個版本差異太大，無法逐字對齊；已整段標出不同部分"}},
    {Ui::FoldCopies, {"One row per story", "同一报道只显示一条", "同一報導只顯示一則"}},
    {Ui::FoldCopiesTip, {"Fold copies of the same story (other outlets, edited versions) into one row with a count",
                         "把同一报道的多个版本（其他媒体转载、修改版）合并为一行并显示数目",
                         "把同一報導的多個版本（其他媒體轉載、修改版）合併為一列並顯示數目"}},
    {Ui::RowCopies, {"+{0} copies", "+{0} 个版本", "+{0} 個版本"}},

    {Ui::ShortcutsTitle, {"Keyboard shortcuts", "键盘快捷键", "鍵盤快速鍵"}},
    {Ui::KeySearch, {"search", "搜索", "搜尋"}},
    {Ui::KeyClearSearch, {"clear the search", "清空搜索", "清除搜尋"}},
    {Ui::KeysNextPost, {"j / Down / ]", "j / 下方向键 / ]", "j / 下方向鍵 / ]"}},
    {Ui::KeyNextPost, {"next post", "下一篇", "下一篇"}},
    {Ui::KeysPreviousPost, {"k / Up / [", "k / 上方向键 / [", "k / 上方向鍵 / ["}},
    {Ui::KeyPreviousPost, {"previous post", "上一篇", "上一篇"}},
    {Ui::KeyNextMatch, {"next match in the post", "文中下一处匹配", "文中下一個相符處"}},
    {Ui::KeyPreviousMatch, {"previous match", "上一处匹配", "上一個相符處"}},
    {Ui::KeyBookmark, {"bookmark the post", "给文章加书签", "將文章加入書籤"}},
    {Ui::KeyCopy, {"copy the post", "复制文章", "複製文章"}},
    {Ui::KeyTextSize, {"text size", "文字大小", "文字大小"}},
    {Ui::KeysTimelineDrag, {"timeline: drag", "时间轴：拖动", "時間軸：拖曳"}},
    {Ui::KeyTimelineDrag, {"filter to a date range", "筛选一段日期", "篩選一段日期"}},
    {Ui::KeysTimelineClick, {"timeline: click a bar", "时间轴：点击柱条", "時間軸：點一下長條"}},
    {Ui::KeyTimelineClick, {"filter to its day, week or month", "筛选那一天、那一周或那个月", "篩選那一天、那一週或那個月"}},
    {Ui::KeysTimelineZoom, {"timeline: wheel, - / +", "时间轴：滚轮、- / +", "時間軸：滾輪、- / +"}},
    {Ui::KeyTimelineZoom, {"zoom", "缩放", "縮放"}},
    {Ui::KeysTimelinePan, {"timeline: Shift+drag, right-drag, Shift+wheel, < / >", "时间轴：Shift+拖动、右键拖动、Shift+滚轮、< / >",
                           "時間軸：Shift+拖曳、右鍵拖曳、Shift+滾輪、< / >"}},
    {Ui::KeyTimelinePan, {"pan", "平移", "平移"}},
    {Ui::KeysFacet, {"facet value, reader tag", "筛选值、文章的标签", "篩選值、文章的標籤"}},
    {Ui::KeyFacet, {"filter by it (values of one facet: any; facets: all)", "按它筛选（同一类任选其一，不同类须同时满足）",
                    "依它篩選（同一類任選其一，不同類須同時符合）"}},
    {Ui::KeyThisList, {"this list", "显示这个列表", "顯示這份清單"}},

    {Ui::PageImageLoading, {"Loading the image…", "正在加载图片…", "正在載入圖片…"}},
    {Ui::PageImageLoadingAlt, {"{0} (loading…)", "{0}（正在加载…）", "{0}（載入中…）"}},
    {Ui::PageImageNotHttp, {"This image cannot be shown (not an http or https address).", "无法显示这张图片（不是 http 或 https 网址）。",
                            "無法顯示這張圖片（不是 http 或 https 網址）。"}},
    {Ui::PageImageFailed, {"The image could not be loaded (offline, moved, or blocked by its site). Click to close.",
                           "图片无法加载（离线、已移走或被其网站拦截）。点击关闭。",
                           "圖片無法載入（離線、已移走或遭其網站封鎖）。點一下關閉。"}},
    {Ui::PageUntitled, {"Untitled", "无标题", "無標題"}},

    {Ui::OfflineTip, {"Keep this archive offline: its size, download, pause or remove", "离线保存这个文章库：查看大小、下载、暂停或删除",
                      "離線保存這個文章庫：查看大小、下載、暫停或移除"}},
    {Ui::OfflineButton, {"Offline", "离线", "離線"}},
    {Ui::OfflineButtonPercent, {"Offline {0}%", "离线 {0}%", "離線 {0}%"}},
    {Ui::OfflineButtonPaused, {"Offline (paused)", "离线（已暂停）", "離線（已暫停）"}},
    {Ui::OfflineButtonSaved, {"Saved offline", "已离线保存", "已離線保存"}},
    {Ui::OfflineButtonStopped, {"Offline (stopped)", "离线（已停止）", "離線（已停止）"}},
    {Ui::OfflineTitle, {"Keep this archive offline", "离线保存这个文章库", "離線保存這個文章庫"}},
    {Ui::OfflinePause, {"Pause", "暂停", "暫停"}},
    {Ui::OfflineResume, {"Resume", "继续", "繼續"}},
    {Ui::OfflineRemove, {"Remove offline copy", "删除离线副本", "移除離線副本"}},
    {Ui::OfflineClose, {"Close", "关闭", "關閉"}},
    {Ui::OfflineSize, {"This archive is {0}: the viewer and {1} data files. Without a copy, this browser keeps only the viewer and what you have read.",
                       "这个文章库共 {0}：阅读器和 {1} 个数据文件。不保存副本时，浏览器只保留阅读器和你读过的内容。",
                       "這個文章庫共 {0}：閱讀器和 {1} 個資料檔案。不保存副本時，瀏覽器只保留閱讀器和你讀過的內容。"}},
    {Ui::OfflineStorage, {"This browser lets this site store up to {0}; it uses {1} now. {2}", "浏览器允许这个网站最多存储 {0}，目前已用 {1}。{2}",
                          "瀏覽器允許這個網站最多儲存 {0}，目前已用 {1}。{2}"}},
    {Ui::OfflinePersisted, {"Kept until you remove it.", "会一直保留，直到你删除。", "會一直保留，直到你移除。"}},
    {Ui::OfflineMayClear, {"The browser may clear it when space runs low.", "空间不足时，浏览器可能会清除它。",
                           "空間不足時，瀏覽器可能會清除它。"}},
    {Ui::OfflineNone, {"No offline copy.", "没有离线副本。", "沒有離線副本。"}},
    {Ui::OfflineChecking, {"Checking the offline copy…", "正在检查离线副本…", "正在檢查離線副本…"}},
    {Ui::OfflineDownloading, {"Downloading: {0}%, {1} of {2} ({3} of {4} files).", "正在下载：{0}%，{1} / {2}（{3} / {4} 个文件）。",
                              "正在下載：{0}%，{1} / {2}（{3} / {4} 個檔案）。"}},
    {Ui::OfflinePaused, {"Paused.", "已暂停。", "已暫停。"}},
    {Ui::OfflinePausedAt, {"Paused at {0}%, {1} of {2}.", "已暂停在 {0}%，{1} / {2}。", "已暫停在 {0}%，{1} / {2}。"}},
    {Ui::OfflineComplete, {"The whole archive is saved in this browser ({0}): it opens, searches and shows every post offline.",
                           "整个文章库已保存在这个浏览器中（{0}）：离线也能打开、搜索和阅读每篇文章。",
                           "整個文章庫已保存在這個瀏覽器中（{0}）：離線也能開啟、搜尋和閱讀每篇文章。"}},
    {Ui::OfflineStopped, {"The offline copy stopped: {0}", "离线副本已停止：{0}", "離線副本已停止：{0}"}},
    {Ui::OfflineNoSpace, {"The browser grants {0} more to this site, less than the archive needs.",
                          "浏览器只能再给这个网站 {0}，不够存放这个文章库。", "瀏覽器只能再給這個網站 {0}，不夠存放這個文章庫。"}},
};
static_assert(std::size(kRows) == kUiTextCount, "every Ui id has one row");

constexpr bool rows_in_order() {
    for (std::size_t i = 0; i < std::size(kRows); ++i)
        if (kRows[i].id != static_cast<Ui>(i)) return false;
    return true;
}
static_assert(rows_in_order(), "kRows is in the order of Ui, so ui_text indexes it");

constexpr const char* kCodes[kUiLanguageCount] = {"en", "zh-Hans", "zh-Hant"};

// Lowercase ASCII with '_' read as '-' (navigator.languages is BCP 47, but settings may not be).
std::string normalise_tag(std::string_view tag) {
    std::string out;
    for (char ch : tag) out += ch == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

// Subtags after the primary language: a script (hans/hant) decides, else the region.
std::optional<UiLanguage> chinese_for(const std::string& tag, bool traditional_default) {
    bool traditional = traditional_default;
    std::size_t at = tag.find('-');
    while (at != std::string::npos) {
        const std::size_t next = tag.find('-', at + 1);
        const std::string sub = tag.substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1);
        if (sub == "hans") return UiLanguage::ZhHans;
        if (sub == "hant") return UiLanguage::ZhHant;
        if (sub == "tw" || sub == "hk" || sub == "mo") traditional = true;
        else if (sub == "cn" || sub == "sg" || sub == "my") traditional = false;
        at = next;
    }
    return traditional ? UiLanguage::ZhHant : UiLanguage::ZhHans;
}

std::optional<UiLanguage> language_of_tag(std::string_view raw) {
    const std::string tag = normalise_tag(raw);
    const std::string primary = tag.substr(0, tag.find('-'));
    if (primary == "en") return UiLanguage::En;
    if (primary == "zh") return chinese_for(tag, false);
    if (primary == "yue") return chinese_for(tag, true);  // Cantonese is mostly written in Traditional
    return std::nullopt;
}

}  // namespace

const char* ui_text(UiLanguage lang, Ui id) {
    const auto i = static_cast<std::size_t>(id);
    const auto l = static_cast<std::size_t>(lang);
    if (i >= kUiTextCount || l >= kUiLanguageCount) return "";
    return kRows[i].text[l];
}

std::string ui_format(std::string_view pattern, std::initializer_list<std::string_view> args) {
    std::string out;
    out.reserve(pattern.size() + 16);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const std::size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string_view::npos;
        if (close != std::string_view::npos && close == i + 2 && pattern[i + 1] >= '0' && pattern[i + 1] <= '9') {
            const auto n = static_cast<std::size_t>(pattern[i + 1] - '0');
            if (n < args.size()) {
                out += *(args.begin() + n);
                i = close;
                continue;
            }
        }
        out += pattern[i];
    }
    return out;
}

const char* ui_language_code(UiLanguage lang) {
    const auto l = static_cast<std::size_t>(lang);
    return l < kUiLanguageCount ? kCodes[l] : kCodes[0];
}

std::optional<UiLanguage> ui_language_from_code(std::string_view code) {
    for (std::size_t l = 0; l < kUiLanguageCount; ++l)
        if (code == kCodes[l]) return static_cast<UiLanguage>(l);
    return std::nullopt;
}

UiLanguage ui_language_for(std::string_view languages) {
    std::size_t from = 0;
    while (from <= languages.size()) {
        std::size_t to = languages.find(',', from);
        if (to == std::string_view::npos) to = languages.size();
        std::string_view tag = languages.substr(from, to - from);
        while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
        while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
        if (const auto lang = language_of_tag(tag)) return *lang;
        from = to + 1;
    }
    return UiLanguage::En;
}

std::set<char32_t> ui_text_codepoints() {
    std::set<char32_t> out;
    for (const UiRow& row : kRows)
        for (const char* text : row.text) add_codepoints(out, text);
    add_codepoints(out, "年月日");  // dates in Chinese (folio/date.h format_*_in)
    return out;
}

}  // namespace folio
