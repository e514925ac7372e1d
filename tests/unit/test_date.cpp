#include <gtest/gtest.h>

#include "folio/date.h"
#include "folio/ingest.h"

using namespace folio;

TEST(Date, CivilRoundTrip) {
    for (std::int64_t days : {-719468LL, -1LL, 0LL, 11016LL, 18754LL, 2932896LL}) {
        const CivilTime t = civil_from_unix(days * 86400);
        EXPECT_EQ(days_from_civil(t.year, t.month, t.day), days);
    }
    EXPECT_EQ(format_iso8601(0, 0), "1970-01-01T00:00:00+00:00");
}

TEST(Date, ParsesEveryShapeSeenInArchives) {
    auto z = parse_date("2021-05-07T01:38:21.612Z");
    ASSERT_TRUE(z);
    EXPECT_EQ(format_iso8601(z->seconds, z->offset_minutes), "2021-05-07T01:38:21+00:00");

    auto nanos = parse_date("2020-07-28 09:11:07.000000000 +08:00");
    ASSERT_TRUE(nanos);
    EXPECT_EQ(nanos->offset_minutes, 480);
    EXPECT_EQ(format_iso8601(nanos->seconds, nanos->offset_minutes), "2020-07-28T09:11:07+08:00");
    EXPECT_EQ(format_iso8601(nanos->seconds, 0), "2020-07-28T01:11:07+00:00");

    auto plus = parse_date("2019-10-31T07:58:40+00:00");
    ASSERT_TRUE(plus);
    EXPECT_EQ(format_iso8601(plus->seconds, plus->offset_minutes), "2019-10-31T07:58:40+00:00");

    auto day = parse_date("2015-12-26");
    ASSERT_TRUE(day);
    EXPECT_EQ(format_iso8601(day->seconds, day->offset_minutes), "2015-12-26T00:00:00+00:00");

    auto compact = parse_date("2019-04-21 10:47 -0530");
    ASSERT_TRUE(compact);
    EXPECT_EQ(compact->offset_minutes, -330);
}

TEST(Date, RejectsWhatIsNotADate) {
    for (const char* bad : {"", "yesterday", "2021-13-01", "2021-02-30", "2021-05-07T25:00:00Z", "99999-01-01",
                            "2021-05-07 junk", "2021-05", "0999-01-01"})
        EXPECT_FALSE(parse_date(bad)) << bad;
}

TEST(Date, FromJekyllFileName) {
    auto d = date_from_filename("2021-05-07-习近平通话古特雷斯.md");
    ASSERT_TRUE(d);
    EXPECT_EQ(format_day(d->seconds, 0), "2021-05-07");
    EXPECT_FALSE(date_from_filename("48213_市图书馆.md"));
}

TEST(Date, Rfc2822AsRssWritesIt) {
    auto d = parse_date("Thu, 18 Jun 2020 00:51:28 +0000");
    ASSERT_TRUE(d);
    EXPECT_EQ(format_iso8601(d->seconds, d->offset_minutes), "2020-06-18T00:51:28+00:00");
    auto e = parse_date("5 Jan 2021 09:00 +0800");
    ASSERT_TRUE(e);
    EXPECT_EQ(format_iso8601(e->seconds, e->offset_minutes), "2021-01-05T09:00:00+08:00");
    EXPECT_TRUE(parse_date("Tue, 02 Feb 2021 10:00:00 GMT"));
    EXPECT_FALSE(parse_date("Thu, 31 Feb 2020 00:51:28 +0000"));
    EXPECT_FALSE(parse_date("18 Foo 2020 00:51:28"));
}
