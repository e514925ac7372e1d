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
