// The viewer on the null platform: whole frames (app_frame, as the browser runs them) over the demo
// site on disk, with keys, text and clicks fed to Dear ImGui between frames, checked through the
// state the page's tests read (app_state_json). The site is built by the app.site fixture
// (tests/app/build_site.cmake).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include <set>

#include "app.h"
#include "page.h"
#include "platform.h"
#include "platform_null.h"
#include "text_bridge.h"
#include "folio/date.h"
#include "folio/marks.h"
#include "folio/utf8.h"

namespace folio {
namespace {

using json = nlohmann::json;

const std::string kWork = FOLIO_APP_SITE;
const std::string kSite = kWork + "/site";

json read_json(const std::string& path) {
    std::ifstream in(path);
    return json::parse(std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
}

// One viewer, as a fresh page opens it: a new App on a fresh null platform over the demo site.
class Viewer : public ::testing::Test {
protected:
    void SetUp() override { open(kSite); }
    void TearDown() override { platform_shutdown(); }

    // As main_web.cpp's main(): the platform, then the theme the page asks for.
    void open(const std::string& site) {
        null_set_site_root(site);
        ASSERT_TRUE(platform_init("Folio"));
        app = std::make_unique<App>();
        theme_apply(*app, page_theme_dark());
        language_start(*app);
        app->offline_offered = page_offers_offline();
    }

    void frame() { app_frame(*app); }
    json state() { return json::parse(app_state_json(*app)); }

    // Runs frames until `done` holds for the state (false after max_frames).
    bool frames_until(const std::function<bool(const json&)>& done, int max_frames = 600) {
        for (int i = 0; i < max_frames; ++i) {
            frame();
            if (done(state())) return true;
        }
        return false;
    }

    // Frames as the page draws them after something happened: one, then the next only when the last
    // asked for one or something woke the page (a fetch answered between frames, text handed over:
    // null_take_wake). Returns the frames drawn before the viewer slept, -1 if not within max_frames.
    int frames_until_asleep(int max_frames = 600) {
        bool more = true;
        for (int n = 0; n < max_frames; ++n) {
            null_fetch_deliver();
            const bool woken = null_take_wake();
            if (!more && !woken) return n;
            more = app_frame(*app, woken);
        }
        return -1;
    }

    // Every post and the search index in, the list drawn.
    void load() {
        ASSERT_TRUE(frames_until([](const json& s) {
            return s["load"] == "ready" && s["search"]["index"] == "ready" && !s["rows"].empty();
        })) << state().dump(1);
    }

    // Every post in (a page opened on a link waits for them), without waiting for the list.
    void load_until_ready() {
        ASSERT_TRUE(frames_until([](const json& s) { return s["load"] == "ready" && s["search"]["index"] == "ready"; })) << state().dump(1);
        frame();
        frame();
    }

    // A key pressed in one frame and released in the next (index: the platform's kKey*).
    void press(int key, bool shift = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeysDown[key] = true;
        io.KeyShift = shift;
        frame();
        io.KeysDown[key] = false;
        io.KeyShift = false;
        frame();
    }

    // Typed text: through the page's text bridge while a text field holds it, else as the canvas's
    // key events bring it (ImGui's input characters).
    void type(const std::string& text) {
        if (text_bridge_owner() != 0) null_text_commit(text);
        else ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
        frame();
    }

    // A left click at (x, y): the pointer moves there, presses, releases, a frame each.
    void click(float x, float y) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(x, y);
        frame();
        io.MouseDown[0] = true;
        frame();
        io.MouseDown[0] = false;
        frame();
    }
    // The named control as the last frame drew it (false, and a failure, when it was not drawn).
    [[nodiscard]] bool click_control(const std::string& name) {
        json s = state();
        // Where it stays: a popup opened last frame is laid out unseen, then placed once its size is known.
        for (int k = 0; k < 6; ++k) {
            frame();
            const json next = state();
            const bool still = s["controls"].contains(name) && next["controls"].contains(name) && next["controls"][name] == s["controls"][name];
            s = next;
            if (still) break;
        }
        if (!s["controls"].contains(name)) {
            ADD_FAILURE() << "no control " << name << " in " << s["controls"].dump();
            return false;
        }
        click_box(s["controls"][name]);
        return true;
    }
    void click_box(const json& box) {
        click((box[0].get<float>() + box[2].get<float>()) * 0.5f, (box[1].get<float>() + box[3].get<float>()) * 0.5f);
    }

    // '/' focuses the search box (the key, and its character as the canvas gets it), then the query
    // is typed; results may still be on their way.
    void search_for_now(const std::string& query) {
        ImGui::GetIO().AddInputCharacter('/');
        press(kKeySlash);
        ASSERT_TRUE(frames_until([](const json& s) { return s["search"]["editing"] == true; }, 10));
        type(query);
    }
    // The same, and the results in.
    void search_for(const std::string& query) {
        search_for_now(query);
        ASSERT_TRUE(frames_until([&](const json& s) {
            return s["search"]["query"] == query && s["search"]["active"] == true && s["search"]["waiting"] == false &&
                   s["browse"]["matching"] == s["search"]["total"];
        })) << state()["search"].dump(1);
    }

    std::unique_ptr<App> app;
};

TEST_F(Viewer, LoadsTheSiteFromDiskAndListsItNewestFirst) {
    load();
    const json s = state();
    const json manifest = read_json(kSite + "/data/manifest.json");
    EXPECT_EQ(s["error"], "");
    EXPECT_GT(s["posts"].get<int>(), 30);
    EXPECT_EQ(s["posts"], s["manifest_posts"]);
    EXPECT_EQ(s["browse"]["matching"], s["posts"]);
    EXPECT_TRUE(s["font_loaded"]);
    EXPECT_GT(s["font"]["glyphs"].get<int>(), 500);  // the site's CJK subset, not only ImGui's ASCII
    // The rows drawn are the list's first posts, newest first, each below the one before.
    const json& rows = s["rows"];
    ASSERT_GE(rows.size(), 5u);
    const json& first_ids = s["browse"]["first_ids"];  // the list's first 20
    for (std::size_t r = 0; r < rows.size() && r < first_ids.size(); ++r) {
        EXPECT_EQ(rows[r]["id"], first_ids[r]);
        if (r > 0) {
            EXPECT_GT(rows[r]["y0"].get<float>(), rows[r - 1]["y0"].get<float>());
        }
    }
    EXPECT_EQ(rows[0]["title"], "夏末台风路径偏北，周末风雨明显");  // assets/demo/_posts/2024-08-30-夏末台风路径.md
}

TEST_F(Viewer, TypedQueryListsWhatFolioSearchFinds) {
    load();
    search_for("台风");
    const json s = state();
    const json oracle = read_json(kWork + "/search-typhoon.json");
    std::vector<std::string> expected;
    for (const auto& hit : oracle["hits"]) expected.push_back(hit["id"]);
    ASSERT_GE(expected.size(), 3u);  // simplified and traditional spellings: 台风, 颱風, 台風
    EXPECT_EQ(s["search"]["total"], oracle["total"]);
    EXPECT_EQ(s["search"]["results"].get<std::vector<std::string>>(), expected);
    // The list shows them in the engine's order, and the address holds the query.
    const auto first = s["browse"]["first_ids"].get<std::vector<std::string>>();
    EXPECT_EQ(first, std::vector<std::string>(expected.begin(), expected.begin() + static_cast<long>(first.size())));
    EXPECT_NE(s["hash"].get<std::string>().find("q="), std::string::npos) << s["hash"];
    // Esc empties the box: every post again.
    press(kKeyEscape);
    ASSERT_TRUE(frames_until([](const json& st) { return st["search"]["active"] == false; }, 10));
    EXPECT_EQ(state()["browse"]["matching"], state()["posts"]);
}

TEST_F(Viewer, ClickOnAFacetValueFiltersTheListAndAgainClearsIt) {
    load();
    const json s = state();
    // The first category drawn, and the count the sidebar shows for it.
    json row;
    for (const auto& r : s["browse"]["facet_rows"])
        if (r["facet"] == "category") { row = r; break; }
    ASSERT_FALSE(row.is_null()) << s["browse"]["facet_rows"].dump();
    const std::string name = row["name"];
    int count = 0;
    for (const auto& v : s["browse"]["facets"]["category"]["values"])
        if (v[0] == name) count = v[1];
    ASSERT_GT(count, 0);
    ASSERT_LT(count, s["posts"].get<int>());
    click_box(row["box"]);
    ASSERT_TRUE(frames_until([&](const json& st) { return st["browse"]["matching"] == count; }, 3))
        << state()["browse"]["filters"].dump();
    const json after = state();
    EXPECT_EQ(after["browse"]["filters"]["category"], json::array({name}));
    EXPECT_NE(after["hash"].get<std::string>().find("category="), std::string::npos) << after["hash"];
    // The same value, where it is drawn now, turns the filter off.
    for (const auto& r : after["browse"]["facet_rows"])
        if (r["facet"] == "category" && r["name"] == name) row = r;
    click_box(row["box"]);
    ASSERT_TRUE(frames_until([&](const json& st) { return st["browse"]["matching"] == s["posts"]; }, 3))
        << state()["browse"]["filters"].dump();
    EXPECT_EQ(state()["browse"]["filters"]["category"], json::array());
}

// The page's parallel DOM: the reader's lines and the controls go to the page only when they changed,
// and an element the page activates presses its item in the next frame, as a click does.
TEST_F(Viewer, TextLayerAndControlsGoToThePageOnlyWhenChanged) {
    load();
    ASSERT_TRUE(frames_until([](const json& s) { return s["reader"].is_object() && s["reader"]["loaded"] == true; }));
    ASSERT_GE(frames_until_asleep(), 0);
    const std::string title = state()["reader"]["title"];
    ASSERT_FALSE(null_page().layers.empty());
    const json layer = json::parse(null_page().layers.back());
    ASSERT_FALSE(layer["lines"].empty());
    EXPECT_EQ(layer["lines"][0][0], title) << layer.dump();  // the title, then the body's lines
    std::string text;
    for (const auto& l : layer["lines"]) text += l[0].get<std::string>() + (l[6] == 1 ? "\n" : "");
    const std::string start = state()["reader"]["text"].get<std::string>().substr(0, 12);
    EXPECT_NE(text.find(start), std::string::npos) << text;
    const json nodes = json::parse(null_page().semantics.back());
    std::set<std::string> roles;
    for (const auto& n : nodes) roles.insert(n["r"].get<std::string>());
    EXPECT_EQ(roles, (std::set<std::string>{"button", "checkbox", "option", "searchbox", "status"}));
    // Frames that change nothing send nothing.
    const auto sent = std::make_tuple(null_page().layers.size(), null_page().semantics.size(), null_page().places.size());
    for (int i = 0; i < 5; ++i) frame();
    EXPECT_EQ(sent, std::make_tuple(null_page().layers.size(), null_page().semantics.size(), null_page().places.size()));
    // The page activates a facet value's checkbox: the filter goes through the view, as a click's does.
    std::string key;
    for (const auto& n : nodes)
        if (n["r"] == "checkbox" && n.value("g", "") == "filters") { key = n["k"]; break; }
    ASSERT_FALSE(key.empty());
    const std::string value = key.substr(key.find(':') + 1);
    semantics_activate(*app, key.c_str());
    ASSERT_TRUE(frames_until([&](const json& s) {
        const json& f = s["browse"]["filters"][key.substr(0, key.find(':'))];
        return std::find(f.begin(), f.end(), value) != f.end();
    }, 3)) << key;
    // The DOM focus on an element draws its ring: the picture changes, and the state says which.
    semantics_focus(*app, "next");
    frame();
    EXPECT_EQ(state()["layer"]["focused"], "next");
}

TEST_F(Viewer, JAndKStepTheListAndTheReaderShowsThePost) {
    load();
    const auto ids = state()["browse"]["first_ids"].get<std::vector<std::string>>();
    ASSERT_GE(ids.size(), 3u);
    press(kKeyJ);
    const std::string first = state()["selected"].is_null() ? "" : state()["selected"].get<std::string>();
    ASSERT_FALSE(first.empty());
    const auto row_of = [&](const std::string& id) { return std::find(ids.begin(), ids.end(), id) - ids.begin(); };
    const auto start = row_of(first);
    ASSERT_LT(start, static_cast<long>(ids.size()) - 1);
    press(kKeyJ);
    EXPECT_EQ(state()["selected"], ids[static_cast<std::size_t>(start + 1)]);
    press(kKeyDown);
    const std::string third = ids[static_cast<std::size_t>(start + 2)];
    EXPECT_EQ(state()["selected"], third);
    press(kKeyK);
    EXPECT_EQ(state()["selected"], ids[static_cast<std::size_t>(start + 1)]);
    press(kKeyJ);
    // The reader loads the post's body file and shows it; the address names the post.
    ASSERT_TRUE(frames_until([](const json& s) { return s["reader"].is_object() && s["reader"]["loaded"] == true; }));
    const json s = state();
    EXPECT_EQ(s["selected"], third);
    EXPECT_EQ(s["reader"]["title"], s["rows"][static_cast<std::size_t>(start + 2)]["title"]);
    EXPECT_GT(s["reader"]["blocks"].get<int>(), 0);
    EXPECT_FALSE(s["reader"]["text"].get<std::string>().empty());
    EXPECT_NE(s["hash"].get<std::string>().find("post=" + third), std::string::npos) << s["hash"];
}

TEST_F(Viewer, LinkInTheAddressOpensItsViewAndBackReturns) {
    const json oracle = read_json(kWork + "/search-typhoon.json");
    ASSERT_GE(oracle["hits"].size(), 2u);
    const std::string linked = oracle["hits"][1]["id"];
    null_page().history = {"#post=" + linked + "&q=%E5%8F%B0%E9%A3%8E"};  // q=台风
    ASSERT_TRUE(frames_until([](const json& s) {
        return s["reader"].is_object() && s["reader"]["loaded"] == true && s["search"]["active"] == true &&
               s["search"]["waiting"] == false && s["browse"]["matching"] == s["search"]["total"];
    })) << state().dump(1);
    json s = state();
    EXPECT_EQ(s["selected"], linked);
    EXPECT_EQ(s["search"]["query"], "台风");
    EXPECT_EQ(s["search"]["total"], oracle["total"]);
    EXPECT_GT(s["reader"]["matches"].get<int>(), 0);  // the query is marked in the post
    // j is a navigation: a new history entry naming the next post; back (the page's hash event) returns.
    press(kKeyJ);
    s = state();
    ASSERT_NE(s["selected"], linked);
    ASSERT_EQ(null_page().history.size(), 2u);
    EXPECT_NE(null_page().history.back().find(s["selected"].get<std::string>()), std::string::npos);
    null_page().history.pop_back();
    view_hash_changed(*app, null_page().history.back().c_str());
    ASSERT_TRUE(frames_until([&](const json& st) { return st["selected"] == linked; }, 3)) << state()["hash"];
    EXPECT_EQ(state()["search"]["query"], "台风");
}

TEST_F(Viewer, BookmarkKeyStoresTheMarkInThePage) {
    load();
    press(kKeyJ);
    const std::string id = state()["selected"];
    press(kKeyB);
    const json s = state();
    EXPECT_EQ(s["bookmarks"], json::array({id}));
    EXPECT_TRUE(s["reader"]["bookmarked"]);
    EXPECT_NE(null_page().marks.find(id), std::string::npos) << null_page().marks;
    press(kKeyB);
    EXPECT_EQ(state()["bookmarks"], json::array());
}

TEST_F(Viewer, QuestionMarkTogglesTheShortcutList) {
    load();
    ImGui::GetIO().AddInputCharacter('?');
    press(kKeySlash, true);
    EXPECT_TRUE(state()["shortcuts"]);
    EXPECT_FALSE(state()["search"]["editing"]);  // Shift+/ is not the search key
    press(kKeySlash, true);
    EXPECT_FALSE(state()["shortcuts"]);
}

TEST_F(Viewer, NarrowWindowShowsOnePaneAndATapOpensThePost) {
    null_set_display_size(400.0f, 800.0f);
    load();
    json s = state();
    EXPECT_TRUE(s["browse"]["layout"]["narrow"]);
    EXPECT_EQ(s["browse"]["layout"]["pane"], "list");
    const json row = s["rows"][1];
    click((row["x0"].get<float>() + row["x1"].get<float>()) * 0.5f, (row["y0"].get<float>() + row["y1"].get<float>()) * 0.5f);
    ASSERT_TRUE(frames_until([](const json& st) { return st["browse"]["layout"]["pane"] == "reader"; }, 3));
    EXPECT_EQ(state()["selected"], row["id"]);
}

// The interface language: from the browser's preferred languages, the stored choice over them, and
// the toolbar's switch, which stores it and sets <html lang>; the panels draw the table's words.
TEST_F(Viewer, InterfaceLanguageFollowsTheBrowserAndTheSwitch) {
    platform_shutdown();
    for (const auto& [languages, code] : std::vector<std::pair<std::string, std::string>>{
             {"zh-TW,zh,en", "zh-Hant"}, {"zh-CN,en", "zh-Hans"}, {"en-US,zh-CN", "en"}, {"fr,de", "en"}}) {
        open(kSite);
        null_page().languages = languages;
        language_start(*app);
        EXPECT_EQ(null_page().html_lang, code) << languages;
        load();
        EXPECT_EQ(state()["ui_language"], code) << languages;
        platform_shutdown();
    }
    open(kSite);
    null_page().languages = "zh-CN";
    language_start(*app);
    load();
    ASSERT_EQ(state()["ui_language"], "zh-Hans");
    click_box(state()["controls"]["language"]);
    ASSERT_TRUE(frames_until([](const json& s) { return s["controls"].contains("language_zh-Hant"); }, 5));
    click_box(state()["controls"]["language_zh-Hant"]);
    ASSERT_TRUE(frames_until([](const json& s) { return s["ui_language"] == "zh-Hant"; }, 5));
    EXPECT_EQ(null_page().stored_language, "zh-Hant");
    EXPECT_EQ(null_page().html_lang, "zh-Hant");
    EXPECT_EQ(ui(*app, Ui::KeySearch), std::string("搜尋"));
    // A new page on the same site: the stored choice wins over the browser's languages.
    const std::string stored = null_page().stored_language;
    platform_shutdown();
    open(kSite);
    null_page().languages = "en-US";
    null_page().stored_language = stored;
    language_start(*app);
    EXPECT_EQ(app->lang, UiLanguage::ZhHant);
}

// Every character of every UI string, in every language, is drawn by the site's own fonts (the
// build puts them in every subset), not by the browser nor as the replacement mark.
TEST_F(Viewer, SiteFontsDrawEveryUiStringInEveryLanguage) {
    load();
    std::string all;
    for (std::size_t l = 0; l < kUiLanguageCount; ++l)
        for (std::size_t k = 0; k < kUiTextCount; ++k) all += ui_text(static_cast<UiLanguage>(l), static_cast<Ui>(k));
    const json r = json::parse(draw_check_json(*app, all));
    EXPECT_EQ(r["missing"], json::array()) << r.dump();
    EXPECT_EQ(state()["font"]["browser"]["drawn"], 0);  // none of it came from the browser's fonts
}

// Phones: the list is cards (the title on up to two lines, then date and source), and every top bar
// control lies inside the window.
TEST_F(Viewer, NarrowListIsCardsAndTheTopBarFits) {
    null_set_display_size(390.0f, 844.0f);
    null_page().languages = "zh-CN";
    language_start(*app);
    load();
    json s = state();
    EXPECT_TRUE(s["browse"]["layout"]["cards"]);
    ASSERT_FALSE(s["rows"].empty());
    for (const json& row : s["rows"]) {
        ASSERT_TRUE(row.contains("card")) << row.dump();
        const json lines = row["card"]["lines"];
        EXPECT_GE(lines.size(), 1u);
        EXPECT_LE(lines.size(), 2u);
        std::string joined;
        for (const json& l : lines) joined += l.get<std::string>();
        const std::string title = row["title"];
        // The lines are the title (a long one cut with "…"), and the meta line holds the date.
        EXPECT_EQ(joined.substr(0, std::min<std::size_t>(joined.size(), 6)), title.substr(0, std::min<std::size_t>(joined.size(), 6)));
        EXPECT_NE(row["card"]["meta"].get<std::string>().find("年"), std::string::npos) << row.dump();
        EXPECT_GT(row["y1"].get<float>() - row["y0"].get<float>(), ImGui::GetTextLineHeight() * 2.5f);
    }
    for (const char* name : {"newest_first", "theme", "bookmarks", "language", "open_filters", "count", "sort", "direction"}) {
        ASSERT_TRUE(s["controls"].contains(name)) << name;
        const json box = s["controls"][name];
        EXPECT_GE(box[0].get<float>(), 0.0f) << name;
        EXPECT_LE(box[2].get<float>(), 390.0f) << name << " " << box.dump();
        EXPECT_LE(box[3].get<float>(), 844.0f) << name;
    }
    search_for("台风");
    s = state();
    ASSERT_TRUE(s["controls"].contains("hit_count"));
    EXPECT_LE(s["controls"]["hit_count"][2].get<float>(), 390.0f);
}

// A laptop-wide window: typing a query puts the count beside the box, and neither the box nor the
// toolbar (at the right edge) moves or wraps to a second line.
TEST_F(Viewer, TheTopRowKeepsItsPlaceWhileSearching) {
    null_set_display_size(1100.0f, 800.0f);
    load();
    const json before = state();
    search_for("台风");
    const json after = state();
    EXPECT_EQ(after["search"]["box"], before["search"]["box"]);
    for (const char* name : {"newest_first", "theme", "bookmarks", "export_list", "stats", "language"}) {
        ASSERT_TRUE(after["controls"].contains(name)) << name;
        EXPECT_EQ(after["controls"][name], before["controls"][name]) << name;
    }
    const json& count = after["controls"]["hit_count"];
    EXPECT_EQ(count[1], after["controls"]["theme"][1]) << count.dump();  // on the same row
    EXPECT_LE(count[2].get<float>(), after["controls"]["theme"][0].get<float>());
    EXPECT_LE(after["controls"]["language"][2].get<float>(), 1100.0f);
}

// A button that appears in the toolbar (the offline control, once the page knows it is served over
// http) takes its place in the frame it appears: the row does not wrap for a frame, so the list
// under it stays where the reader is about to click.
TEST_F(Viewer, AButtonAppearingInTheToolbarWrapsNothing) {
    null_set_display_size(1280.0f, 800.0f);
    load();
    ASSERT_TRUE(app->offline_label.empty());
    const json before = state();
    app->offline_label = "Offline";
    frame();
    const json after = state();
    ASSERT_TRUE(after["controls"].contains("offline"));
    EXPECT_EQ(after["controls"]["offline"][1], before["controls"]["theme"][1]) << after["controls"].dump();
    EXPECT_EQ(after["controls"]["language"], before["controls"]["language"]);  // still at the right edge
    EXPECT_EQ(after["controls"]["timeline"], before["controls"]["timeline"]);
    EXPECT_EQ(after["rows"][2], before["rows"][2]);
}

// The list's sort controls keep their place while the count beside them changes (metadata arriving,
// a query narrowing the list) and when the direction button's word changes.
TEST_F(Viewer, TheSortControlsStayPutWhileTheCountChanges) {
    null_set_display_size(1280.0f, 800.0f);
    load();
    ASSERT_GE(frames_until_asleep(), 0);
    const json all = state();
    search_for("台风");
    ASSERT_GE(frames_until_asleep(), 0);
    const json narrowed = state();
    const auto& a = all["controls"];
    const auto& b = narrowed["controls"];
    ASSERT_NE(a["count"][2], b["count"][2]) << "the count's text should have changed width";
    EXPECT_EQ(a["sort"], b["sort"]);
    EXPECT_EQ(a["direction"], b["direction"]);
    EXPECT_GT(b["sort"][0].get<float>(), b["count"][2].get<float>());  // beside the count, not over it
}

// The facets' filter boxes are as wide on the first frame that lists posts as once everything is in
// (the column's scroll bar appearing used to narrow them).
TEST_F(Viewer, TheFacetColumnKeepsItsWidthAsItFillsIn) {
    platform_shutdown();
    null_set_display_size(1280.0f, 800.0f);
    open(kSite);
    ASSERT_TRUE(frames_until([](const json& s) { return !s["rows"].empty() && s["controls"].contains("filter_tag"); }));
    const json first = state();
    load();
    ASSERT_GE(frames_until_asleep(), 0);
    const json after = state();
    EXPECT_EQ(first["controls"]["filter_tag"], after["controls"]["filter_tag"]);
}

// Over http(s) the "Offline" control is in its place from the first frame the list shows, before
// the page's offline script says how the copy stands, and that word moves nothing.
TEST_F(Viewer, TheOfflineControlIsInPlaceFromTheFirstFrame) {
    platform_shutdown();
    null_page().offers_offline = true;
    open(kSite);
    ASSERT_TRUE(frames_until([](const json& s) { return !s["rows"].empty(); }));
    const json first = state();
    ASSERT_TRUE(first["controls"].contains("offline")) << first["controls"].dump();
    EXPECT_EQ(first["offline"], "");  // the page's script has not run yet
    load();
    app->offline_label = "Offline";  // what folio-offline.js says of a site not kept
    frame();
    const json after = state();
    for (const char* name : {"theme", "bookmarks", "export_list", "stats", "offline", "language"})
        EXPECT_EQ(after["controls"][name], first["controls"][name]) << name;
    EXPECT_EQ(after["rows"][2]["y0"], first["rows"][2]["y0"]);  // (its width follows the list's scroll bar)
}

// A toolbar menu opens under its button, right edges aligned, and stays there once the viewer sleeps.
TEST_F(Viewer, AToolbarMenuOpensUnderItsButton) {
    load();
    ASSERT_GE(frames_until_asleep(), 0);
    ASSERT_TRUE(click_control("bookmarks"));
    ASSERT_GE(frames_until_asleep(), 0);
    const json asleep = state();
    ASSERT_TRUE(asleep["controls"].contains("export")) << asleep["controls"].dump();
    frame();  // one more, though none was asked for: nothing moves
    const json& bookmarks = asleep["controls"]["bookmarks"];
    EXPECT_EQ(state()["controls"]["export"], asleep["controls"]["export"]);
    EXPECT_NEAR(asleep["controls"]["export"][2].get<float>(), bookmarks[2].get<float>(), 12.0f) << asleep["controls"].dump();
    EXPECT_GT(asleep["controls"]["export"][1].get<float>(), bookmarks[3].get<float>());
}

// Frames on demand: once everything is in and nothing moves, the viewer asks for no more frames;
// a key wakes it and it acts on the key; the answer to a fetch, arriving while it sleeps, wakes it.
TEST_F(Viewer, SleepsWhenStillAndWakesForAKeyAndForAFetchAnswered) {
    load();
    const int settling = frames_until_asleep();
    ASSERT_GE(settling, 0) << "the viewer never stopped asking for frames: " << state()["font"].dump();
    const json asleep = state();
    EXPECT_FALSE(asleep["frames"]["awake"]);
    EXPECT_FALSE(null_take_wake());        // asleep, nothing wakes it,
    EXPECT_FALSE(app_frame(*app, false));  // and a frame drawn anyway asks for no other
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[kKeyJ] = true;
    EXPECT_TRUE(app_frame(*app, true));  // the page's key listener woke it
    io.KeysDown[kKeyJ] = false;
    const int after_key = frames_until_asleep();
    EXPECT_GE(after_key, kSettleFrames);
    EXPECT_LT(after_key, 60);
    EXPECT_NE(state()["selected_index"], asleep["selected_index"]);
    // A query whose index shards arrive late (a slow network): the viewer sleeps while it waits.
    null_fetch_hold(true);
    search_for_now("台风");
    ASSERT_GE(frames_until_asleep(), 0);
    json s = state();
    EXPECT_TRUE(s["search"]["waiting"]) << s["search"].dump();
    EXPECT_FALSE(s["frames"]["awake"]);
    null_fetch_hold(false);
    EXPECT_GT(frames_until_asleep(), 0);
    s = state();
    EXPECT_FALSE(s["search"]["waiting"]) << "the shards' answer did not wake the viewer";
    EXPECT_GT(s["search"]["total"].get<int>(), 0);
    EXPECT_EQ(s["browse"]["matching"], s["search"]["total"]);
    EXPECT_GT(s["frames"]["sleeps"].get<int>(), asleep["frames"]["sleeps"].get<int>() + 1);
}

// A quick bake's glyphs that are not on screen are drawn between frames, by idle work that draws no
// frame; the viewer sleeps meanwhile, and afterwards every glyph the fonts promise is in the atlas.
TEST_F(Viewer, GlyphsOffScreenAreFilledWithoutFrames) {
    app->font.quick_glyphs = 100;  // a quick bake, whatever the fixture's size
    load();
    ASSERT_GE(frames_until_asleep(), 0);
    const json asleep = state();
    ASSERT_GT(asleep["font"]["blank"].get<int>(), 0) << asleep["font"].dump();
    int slices = 1;
    while (app_idle(*app)) ++slices;
    const json filled = state();
    EXPECT_EQ(filled["font"]["blank"], 0);
    EXPECT_EQ(filled["frames"]["drawn"], asleep["frames"]["drawn"]);
    EXPECT_FALSE(null_take_wake());
    EXPECT_FALSE(app_idle(*app));
    for (const json& face : json::parse(glyph_check_json(*app))) EXPECT_EQ(face["missing"], 0) << face.dump();
    std::printf("    %d slices of idle work filled %d glyphs\n", slices, asleep["font"]["blank"].get<int>());
}

// A mouse button held down keeps frames coming without new input (a drag may be under way); text
// handed over by the page's input wakes the viewer.
TEST_F(Viewer, AHeldButtonKeepsDrawingAndTextWakes) {
    load();
    ASSERT_GE(frames_until_asleep(), 0);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(900.0f, 500.0f);
    io.MouseDown[0] = true;
    for (int i = 0; i < 30; ++i) EXPECT_TRUE(app_frame(*app, i == 0)) << "frame " << i;
    io.MouseDown[0] = false;
    ASSERT_GE(frames_until_asleep(), 0);
    null_text_commit("x");
    EXPECT_TRUE(null_take_wake());
}

// Characters no site font has are drawn with the browser's fonts: drawCheck names those that stay the
// replacement mark, from the lookup the renderer does; emoji are drawn untinted (in colour).
TEST_F(Viewer, CharactersNoSiteFontHasAreDrawnByTheBrowser) {
    null_set_browser_fonts({0x1F4CC, 0x0E44, 0x0E17, 0x0E22, 0x1F1FA, 0x1F1F8}, {0xFE0F});
    load();
    // Typed into the search box, 📌 is on screen: the frames go on until the browser has drawn it.
    search_for_now("\U0001F4CC");
    ASSERT_GE(frames_until_asleep(), 0);
    EXPECT_EQ(state()["font"]["browser"]["drawn"], 1) << state()["font"].dump();
    EXPECT_NE(app->font.imgui_faces[0]->FindGlyphNoFallback(0x1F4CC), nullptr);
    press(kKeyEscape);  // the query goes, and 📌 leaves the screen
    ASSERT_GE(frames_until_asleep(), 0);
    json r = json::parse(draw_check_json(*app, "a\U0001F4CC\U0001F600\U0001F1FA\U0001F1F8\u0E44\u0E17\u0E22\uFE0F\u0378"));
    EXPECT_EQ(r["missing"], json({0x378, 0x1F600}));  // the browser has neither (as the null platform's fonts go)
    for (const ImFont* face : app->font.imgui_faces) {  // every face lacks them: each has the browser's glyph
        const ImFontGlyph* pin = face->FindGlyphNoFallback(0x1F4CC);
        ASSERT_NE(pin, nullptr);
        EXPECT_TRUE(pin->Colored && pin->Visible);
        const ImFontGlyph* thai = face->FindGlyphNoFallback(0x0E44);
        ASSERT_NE(thai, nullptr);
        EXPECT_FALSE(thai->Colored);
        const ImFontGlyph* selector = face->FindGlyphNoFallback(0xFE0F);  // drawn as nothing
        ASSERT_NE(selector, nullptr);
        EXPECT_FALSE(selector->Visible);
        EXPECT_EQ(selector->AdvanceX, 0.0f);
        EXPECT_EQ(face->FindGlyph(0x1F600), face->FallbackGlyph);
    }
    json browser = state()["font"]["browser"];
    EXPECT_EQ(browser["drawn"], 6);  // 📌 among them, drawn once
    EXPECT_EQ(browser["blank"], 1);
    EXPECT_EQ(browser["missing"], 2);
    EXPECT_TRUE(browser["colour"]);
    // More than the cells hold at once: those beyond wait (U+FFFD), and take cells whose glyphs left the screen.
    const int cells = browser["cells"];
    std::set<char32_t> many;
    std::string first, second;
    for (int k = 0; k < cells + 40; ++k) {
        many.insert(static_cast<char32_t>(0x10A0 + k));  // Georgian and beyond: in no font of the demo
        utf8_append(k < cells ? first : second, static_cast<char32_t>(0x10A0 + k));
    }
    null_set_browser_fonts(many, {});
    frame();  // the first check's characters leave the screen
    r = json::parse(draw_check_json(*app, first + second));
    EXPECT_EQ(r["missing"].size(), 40u) << r.dump();
    frame();  // the screen shows the post again: the check's characters are off screen
    r = json::parse(draw_check_json(*app, second));
    EXPECT_TRUE(r["missing"].empty()) << r.dump();
    EXPECT_EQ(state()["font"]["browser"]["drawn"], cells);
}

// Issue 19's tools on the demo site (two posts on 14 February: 2020 and 2022; two on 31 October 2019).

std::int32_t civil_day(int y, int m, int d) { return static_cast<std::int32_t>(days_from_civil(y, m, d)); }

// The posts of the list whose day (in their own offset) is mm-dd, counted from the catalog.
int posts_on(const App& app, int month, int day) {
    int n = 0;
    for (std::size_t i = 0; i < app.catalog.size(); ++i)
        if (app.catalog.has_date[i]) {
            const CivilTime t = civil_from_unix(app.catalog.dates[i] + app.catalog.utc_offsets[i] * 60);
            n += t.month == month && t.day == day;
        }
    return n;
}

TEST_F(Viewer, OnThisDayFiltersTodayInEveryYearWithCountsPerYear) {
    null_page().today = civil_day(2031, 2, 14);  // the browser's date: any year
    load();
    ASSERT_EQ(posts_on(*app, 2, 14), 2);
    ASSERT_TRUE(click_control("onthisday"));
    ASSERT_TRUE(frames_until([](const json& st) { return st["controls"].contains("onthisday_today"); }, 3)) << state()["controls"].dump();  // its popup, once laid out
    ASSERT_TRUE(click_control("onthisday_today"));
    ASSERT_TRUE(frames_until([](const json& st) { return st["browse"]["matching"] == 2; }, 5)) << state()["browse"]["filters"].dump();
    json s = state();
    EXPECT_EQ(s["browse"]["filters"]["on_this_day"], "02-14");
    EXPECT_EQ(s["browse"]["filters"]["on_this_day_years"], json::parse("[[2020,1],[2022,1]]"));
    EXPECT_NE(s["hash"].get<std::string>().find("onthisday=02-14"), std::string::npos) << s["hash"];
    // A year's button keeps that year alone; again lets it go.
    frame();
    ASSERT_TRUE(click_control("onthisday_year_2022"));
    ASSERT_TRUE(frames_until([](const json& st) { return st["browse"]["matching"] == 1; }, 5));
    EXPECT_EQ(state()["browse"]["filters"]["days"], json::parse(R"(["2022-01-01","2022-12-31"])"));
    EXPECT_EQ(state()["browse"]["filters"]["on_this_day_years"].size(), 2u);  // the other years stay on offer
    ASSERT_TRUE(click_control("onthisday_year_2022"));
    ASSERT_TRUE(frames_until([](const json& st) { return st["browse"]["matching"] == 2; }, 5));
    // The page layer names the control and the years.
    const std::string nodes = null_page().semantics.back();
    EXPECT_NE(nodes.find("\"onthisday\""), std::string::npos);
    EXPECT_NE(nodes.find("\"onthisday_year_2020\""), std::string::npos);
}

TEST_F(Viewer, OnThisDayForAnyDayFromTheCalendarAndFromALink) {
    null_page().today = civil_day(2031, 2, 14);
    load();
    ASSERT_TRUE(click_control("onthisday"));
    for (int k = 0; k < 8; ++k) ASSERT_TRUE(click_control("onthisday_month_next"));  // February to October
    ASSERT_TRUE(click_control("onthisday_day_31"));
    ASSERT_TRUE(frames_until([](const json& st) { return st["browse"]["filters"]["on_this_day"] == "10-31"; }, 5));
    const int want = posts_on(*app, 10, 31);
    ASSERT_TRUE(frames_until([&](const json& st) { return st["browse"]["matching"] == want; }, 5));
    EXPECT_EQ(state()["browse"]["filters"]["on_this_day_years"], json::parse("[[2019,2]]"));
    // A day with no post says so, and the list is empty.
    platform_shutdown();
    null_page().history = {"#onthisday=12-25"};
    open(kSite);
    load_until_ready();
    EXPECT_EQ(state()["browse"]["filters"]["on_this_day"], "12-25");
    EXPECT_EQ(state()["browse"]["matching"], posts_on(*app, 12, 25));
}

TEST_F(Viewer, ExportMakesTheListAndTheOpenPostAsFiles) {
    load();
    search_for("台风");
    const int total = state()["search"]["total"];
    ASSERT_GE(total, 3);
    ASSERT_TRUE(click_control("export_list"));
    ASSERT_TRUE(click_control("export_csv"));
    ASSERT_EQ(null_page().downloads.size(), 1u);
    const NullDownload csv = null_page().downloads.back();
    EXPECT_EQ(csv.name.substr(csv.name.size() - 4), ".csv");
    EXPECT_EQ(csv.mime.substr(0, 8), "text/csv");
    EXPECT_EQ(csv.bytes.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_EQ(static_cast<int>(std::count(csv.bytes.begin(), csv.bytes.end(), '\n')), total + 1);  // header + a row a post
    const std::string first = state()["browse"]["first_ids"][0];
    EXPECT_NE(csv.bytes.find("http://127.0.0.1/archive/#post=" + first), std::string::npos);
    ASSERT_TRUE(click_control("export_list"));
    ASSERT_TRUE(click_control("export_jsonl"));
    ASSERT_EQ(null_page().downloads.size(), 2u);
    const std::string& lines = null_page().downloads.back().bytes;
    EXPECT_EQ(static_cast<int>(std::count(lines.begin(), lines.end(), '\n')), total);
    EXPECT_EQ(json::parse(lines.substr(0, lines.find('\n')))["viewer_url"], "http://127.0.0.1/archive/#post=" + first);
    // The open post as Markdown: its title as the heading.
    ASSERT_TRUE(frames_until([](const json& st) { return st["reader"]["loaded"] == true; }));
    ASSERT_TRUE(click_control("export_list"));
    ASSERT_TRUE(click_control("export_post"));
    ASSERT_EQ(null_page().downloads.size(), 3u);
    const std::string title = state()["reader"]["title"];
    EXPECT_EQ(null_page().downloads.back().bytes.substr(0, title.size() + 2), "# " + title);
    EXPECT_NE(state()["marks_message"].get<std::string>().find(".md"), std::string::npos);
}

TEST_F(Viewer, SavedSearchesAreStoredWithTheBookmarksAndOpenTheirView) {
    load();
    search_for("台风");
    const std::string before = state()["hash"];
    ASSERT_FALSE(state()["browse"]["facet_rows"].empty());
    click_box(state()["browse"]["facet_rows"][0]["box"]);  // and a filter
    ASSERT_TRUE(frames_until([&](const json& st) { return st["hash"] != before; }, 10));
    const json saved_filters = state()["browse"]["filters"];
    const int saved_matching = state()["browse"]["matching"];
    ASSERT_TRUE(click_control("bookmarks"));
    ASSERT_TRUE(click_control("search_name"));
    type("風 typhoons");
    ASSERT_TRUE(click_control("save_search"));
    json s = state();
    ASSERT_EQ(s["saved_searches"].size(), 1u) << s["marks_message"];
    EXPECT_EQ(s["saved_searches"][0]["name"], "風 typhoons");
    // Stored for the site, in the bookmarks' JSON (what Export writes).
    const auto stored = parse_marks(null_page().marks);
    ASSERT_TRUE(stored);
    ASSERT_EQ(stored->searches.size(), 1u);
    EXPECT_EQ(stored->searches[0].view, s["saved_searches"][0]["view"]);
    EXPECT_EQ(stored->searches[0].view.find("post="), std::string::npos);
    // Away from it, then back with one click.
    press(kKeyEscape);
    filters_clear(*app);
    ASSERT_TRUE(frames_until([](const json& st) { return st["browse"]["matching"] == st["posts"]; }, 10));
    ASSERT_TRUE(click_control("bookmarks"));  // closes the menu left open by the save (a click outside it)
    if (!state()["controls"].contains("saved_0")) {
        ASSERT_TRUE(click_control("bookmarks"));
    }
    ASSERT_TRUE(click_control("saved_0"));
    ASSERT_TRUE(frames_until([&](const json& st) { return st["search"]["query"] == "台风" && st["browse"]["matching"] == saved_matching; }));
    EXPECT_EQ(state()["browse"]["filters"], saved_filters);
    // A new page reads it back.
    const std::string marks = null_page().marks;
    platform_shutdown();
    null_page().marks = marks;
    open(kSite);
    load();
    EXPECT_EQ(state()["saved_searches"].size(), 1u);
}

TEST_F(Viewer, StatisticsFollowTheList) {
    load();
    ASSERT_TRUE(click_control("stats"));
    ASSERT_TRUE(frames_until([](const json& st) { return st["stats"]["open"] == true && st["stats"]["for_generation"] == st["stats"]["browse_generation"]; }, 5));
    json s = state();
    EXPECT_EQ(s["stats"]["total"], s["browse"]["matching"]);
    int sum = 0;
    for (const auto& series : s["stats"]["series"]) sum += series["count"].get<int>();
    EXPECT_EQ(sum, s["stats"]["total"]);
    EXPECT_TRUE(s["controls"].contains("stats_bars"));
    // Each source's count is the source facet's.
    for (const auto& series : s["stats"]["series"])
        if (series["source"].is_string() && series["source"] != "(other)")
            for (const auto& v : s["browse"]["facets"]["source"]["values"])
                if (v[0] == series["source"]) {
                    EXPECT_EQ(v[1], series["count"]) << series["source"];
                }
    // A source's name filters by it; the statistics follow.
    const std::string top = s["stats"]["series"][0]["source"];
    const int top_count = s["stats"]["series"][0]["count"];
    ASSERT_TRUE(click_control("stats_source_0"));
    ASSERT_TRUE(frames_until([&](const json& st) { return st["stats"]["total"] == top_count && st["browse"]["matching"] == top_count; }, 5));
    EXPECT_EQ(state()["browse"]["filters"]["source"], json::array({top}));
    EXPECT_EQ(state()["stats"]["series"].size(), 1u);
    // Back to the post.
    ASSERT_TRUE(click_control("stats_close"));
    EXPECT_EQ(state()["stats"]["open"], false);
    EXPECT_NE(null_page().semantics.back().find("\"stats\""), std::string::npos);
}

TEST_F(Viewer, SiteWithoutAManifestSaysSo) {
    platform_shutdown();
    open(kWork + "/no-such-site");
    ASSERT_TRUE(frames_until([](const json& s) { return s["load"] == "error"; }, 10)) << state().dump(1);
    const std::string error = state()["error"];
    EXPECT_NE(error.find("404"), std::string::npos) << error;
    EXPECT_NE(error.find("manifest"), std::string::npos) << error;
}

}  // namespace
}  // namespace folio
