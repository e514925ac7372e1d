#include <gtest/gtest.h>

#include <cctype>

#include "folio/view_hash.h"

using namespace folio;

namespace {

ViewState full_view() {
    ViewState v;
    v.post_id = "0a1b2c3d4e5f";
    v.query = "台风 \"a & b\" -x tag:香港 100%=#?";
    v.filters.selected[static_cast<std::size_t>(Facet::Tag)] = {"香港", "a&b=c"};
    v.filters.selected[static_cast<std::size_t>(Facet::Category)] = {"news"};
    v.filters.selected[static_cast<std::size_t>(Facet::Author)] = {"Jane Doe"};
    v.filters.selected[static_cast<std::size_t>(Facet::Source)] = {"bbc.com"};
    v.filters.days = DayRange{*parse_day_number("2020-01-01"), *parse_day_number("2020-03-31")};
    v.sort = SortKey::Title;
    v.ascending = true;
    v.newest_first = true;
    v.fold_copies = true;
    return v;
}

}  // namespace

TEST(ViewHash, DefaultViewIsEmpty) {
    EXPECT_EQ(format_view_hash(ViewState{}), "");
    EXPECT_EQ(parse_view_hash(""), ViewState{});
    EXPECT_EQ(parse_view_hash("#"), ViewState{});
}

TEST(ViewHash, RoundTripsEveryField) {
    const ViewState v = full_view();
    const std::string hash = format_view_hash(v);
    EXPECT_EQ(hash.front(), '#');
    // Only unreserved characters and the separators appear: safe in any URL, any browser.
    for (char c : hash.substr(1)) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || std::string("-._~%&=").find(c) != std::string::npos) << c;
    EXPECT_EQ(parse_view_hash(hash), v);
    EXPECT_EQ(parse_view_hash(hash.substr(1)), v);  // without the '#'
}

TEST(ViewHash, ReadableShape) {
    ViewState v;
    v.post_id = "abc";
    v.query = "台风";
    v.filters.days = DayRange{*parse_day_number("2021-05-07"), *parse_day_number("2021-05-07")};
    EXPECT_EQ(format_view_hash(v), "#post=abc&q=%E5%8F%B0%E9%A3%8E&days=2021-05-07");
}

TEST(ViewHash, AcceptsRawUtf8AndPlus) {
    const ViewState v = parse_view_hash("#q=台风+c++&tag=香港");
    EXPECT_EQ(v.query, "台风+c++");
    EXPECT_EQ(v.filters.selected[0], std::vector<std::string>{"香港"});
}

TEST(ViewHash, IgnoresUnknownAndMalformedParts) {
    const ViewState v = parse_view_hash(
        "#zzz=1&post&=x&q=%ZZ&q=ok&tag=&tag=a&tag=a&days=2020-02-30&sort=bogus&order=up&results=all&copies=some&&&author=%C3%28");
    EXPECT_EQ(v.post_id, "");
    EXPECT_EQ(v.query, "ok");                                        // the bad escape is skipped, the good one kept
    EXPECT_EQ(v.filters.selected[0], std::vector<std::string>{"a"});  // empty and duplicate values dropped
    EXPECT_FALSE(v.filters.days);                                     // no 30 February
    EXPECT_EQ(v.sort, SortKey::Date);
    EXPECT_FALSE(v.ascending);
    EXPECT_FALSE(v.newest_first);
    EXPECT_FALSE(v.fold_copies);
    EXPECT_TRUE(v.filters.selected[2].empty());  // invalid UTF-8 after decoding
}

TEST(ViewHash, RejectsBadBytes) {
    EXPECT_FALSE(percent_decode("%"));
    EXPECT_FALSE(percent_decode("%4"));
    EXPECT_FALSE(percent_decode("%00"));         // NUL
    EXPECT_FALSE(percent_decode("%C0%AF"));      // overlong '/'
    EXPECT_FALSE(percent_decode("%ED%A0%80"));   // a surrogate
    EXPECT_FALSE(percent_decode("%F4%90%80%80"));  // past U+10FFFF
    EXPECT_FALSE(percent_decode("%E5%8F"));      // truncated
    EXPECT_EQ(*percent_decode("%e5%8f%b0"), "台");
    EXPECT_EQ(*percent_decode("a%20b"), "a b");
}

TEST(ViewHash, Days) {
    EXPECT_EQ(*parse_day_number("1970-01-01"), 0);
    EXPECT_EQ(*parse_day_number("2021-05-07"), 18754);
    EXPECT_EQ(format_day_number(18754), "2021-05-07");
    EXPECT_EQ(*parse_day_number("2020-02-29"), *parse_day_number("2020-03-01") - 1);
    for (const char* bad : {"2021-5-07", "2021-13-01", "0000-01-01", "2021-00-10", "99999-01-01", "2021-05-07x", "１２３４-05-07", "2019-02-29"})
        EXPECT_FALSE(parse_day_number(bad)) << bad;
    EXPECT_FALSE(parse_view_hash("days=2021-05-07..2021-05-01").filters.days);  // backwards
    const auto one = parse_view_hash("days=2021-05-07").filters.days;
    ASSERT_TRUE(one);
    EXPECT_EQ(one->first, one->last);
    // A range whose ends cannot be written as dates is left out rather than written wrong.
    ViewState far;
    far.filters.days = DayRange{-1000000, 5000000};
    EXPECT_EQ(format_view_hash(far), "");
}

TEST(ViewHash, HostileInputNeverCrashesAndIsBounded) {
    std::string many = "#";
    for (int i = 0; i < 1000; ++i) many += "tag=t" + std::to_string(i) + "&";
    EXPECT_EQ(parse_view_hash(many).filters.selected[0].size(), kMaxHashValues);
    EXPECT_EQ(parse_view_hash(std::string(kMaxHashBytes + 1, 'a')), ViewState{});
    std::string junk;
    for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 131 + 7) & 0xFF);
    (void)parse_view_hash(junk);
    EXPECT_EQ(parse_view_hash("#q=%"), ViewState{});
}

TEST(ViewHash, OnThisDayRoundTrips) {
    ViewState v;
    v.filters.on_day = MonthDay{3, 5};
    EXPECT_EQ(format_view_hash(v), "#onthisday=03-05");
    EXPECT_EQ(parse_view_hash("#onthisday=03-05"), v);
    v.filters.on_day = MonthDay{2, 29};  // any year's leap day
    EXPECT_EQ(parse_view_hash(format_view_hash(v)), v);
    const ViewState full = full_view();
    ViewState with = full;
    with.filters.on_day = MonthDay{12, 31};
    EXPECT_EQ(parse_view_hash(format_view_hash(with)), with);
    EXPECT_NE(with, full);
}

TEST(ViewHash, OnThisDayIgnoresBadDays) {
    for (const char* bad : {"#onthisday=02-30", "#onthisday=13-01", "#onthisday=00-10", "#onthisday=04-31", "#onthisday=3-5",
                            "#onthisday=03-5x", "#onthisday=03/05", "#onthisday=", "#onthisday=-3-05", "#onthisday=2024-03-05"})
        EXPECT_FALSE(parse_view_hash(bad).filters.on_day) << bad;
    EXPECT_EQ(format_month_day(MonthDay{1, 9}), "01-09");
}
