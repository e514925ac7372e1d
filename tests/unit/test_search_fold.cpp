#include <gtest/gtest.h>

#include "fold_table.h"
#include "folio/search_fold.h"
#include "search_test_table.h"

using namespace folio;

namespace {

std::string fold(std::string_view s, const FoldTable& t) { return fold_to_utf8(s, t); }

}  // namespace

TEST(SearchFold, HandTableFoldsWidthCaseDiacriticsAndScript) {
    const FoldTable t = small_fold_table();
    EXPECT_EQ(fold("ＡＢＣ１２", t), "abc12");
    EXPECT_EQ(fold("Café", t), "cafe");
    EXPECT_EQ(fold("Cafe\u0301", t), "cafe");  // decomposed mark dropped
    EXPECT_EQ(fold("習近平", t), "习近平");
    EXPECT_EQ(fold("①號", t), "1號");  // absent from the table: identity
    EXPECT_EQ(fold("HELLO", FoldTable{}), "hello");  // ASCII case needs no table
}

// The flat BMP index (index_fold_table) folds exactly as the map alone: one code point to none,
// one or several, ASCII case, and code points past the BMP (a table entry there, or none).
TEST(SearchFold, TheFlatIndexFoldsAsTheMap) {
    FoldTable indexed = small_fold_table();
    indexed.map.emplace(U'\U00020001', U"x");
    index_fold_table(indexed);
    FoldTable plain = indexed;
    plain.bmp.clear();
    plain.pool.clear();
    const std::string text = "ABC ａé\u0301ﬁ 習近平 𠀁𠀂 😀 Ω① end";
    const Folded a = fold_text(text, indexed), b = fold_text(text, plain);
    EXPECT_EQ(a.text, b.text);
    EXPECT_EQ(a.offsets, b.offsets);
    EXPECT_EQ(to_utf8(a.text), "abc ae" "fi 习近平 x\U00020002 😀 ω1 end");
}

TEST(SearchFold, OffsetsPointIntoTheSource) {
    const FoldTable t = small_fold_table();
    const std::string src = "ﬁＡ習";
    const Folded f = fold_text(src, t);
    ASSERT_EQ(f.text, U"fia习");
    EXPECT_EQ(f.offsets, (std::vector<std::uint32_t>{0, 0, 3, 6, 9}));
    EXPECT_EQ(f.source_range(0, 1), (std::pair<std::uint32_t, std::uint32_t>{0, 3}));  // "f" of "ﬁ"
    EXPECT_EQ(f.source_range(1, 3), (std::pair<std::uint32_t, std::uint32_t>{0, 6}));
    EXPECT_EQ(f.source_range(3, 4), (std::pair<std::uint32_t, std::uint32_t>{6, 9}));
}

TEST(SearchFold, TableRoundTripsAndRejectsGarbage) {
    const FoldTable t = small_fold_table();
    const std::string bytes = encode_fold_table(t);
    auto back = decode_fold_table(bytes);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->map, t.map);
    EXPECT_EQ(encode_fold_table(*back), bytes);
    for (std::size_t n = 0; n < bytes.size(); ++n) EXPECT_FALSE(decode_fold_table(bytes.substr(0, n)).ok()) << n;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        std::string bad = bytes;
        bad[i] = static_cast<char>(bad[i] ^ 0x5A);
        EXPECT_FALSE(decode_fold_table(bad).ok()) << i;
    }
    EXPECT_FALSE(decode_fold_table("not a table at all").ok());
}

TEST(SearchFold, TokenizerSplitsCjkRunsAndWords) {
    const std::u32string text = U"covid-19疫苗 援助，ok ㄱ한국어 café";
    const auto tokens = tokenize_folded(text);
    std::vector<std::u32string> pieces;
    for (const auto& tk : tokens) pieces.push_back(text.substr(tk.begin, tk.end - tk.begin));
    EXPECT_EQ(pieces, (std::vector<std::u32string>{U"covid", U"19", U"疫", U"苗", U"援", U"助", U"ok", U"ㄱ", U"한",
                                                   U"국", U"어", U"café"}));
    EXPECT_EQ(tokens[2].run, tokens[3].run);  // 疫苗 one run
    EXPECT_NE(tokens[3].run, tokens[4].run);  // space splits runs
    EXPECT_EQ(tokens[0].kind, TokenKind::Word);
    EXPECT_EQ(tokens[2].kind, TokenKind::Cjk);
}

TEST(SearchFoldTable, RealDataFromUtf8procAndOpenCC) {
    auto built = build_fold_table({U'①', U'㍿', U'Ω', U'ß', U'İ', U'が', U'ｶ'});
    ASSERT_TRUE(built.ok()) << built.error().message;
    const FoldTable& t = *built;
    EXPECT_EQ(fold("ＡＢＣ１２", t), "abc12");
    EXPECT_EQ(fold("Café CAFÉ ÀÉÎÕÜ", t), "cafe cafe aeiou");
    EXPECT_EQ(fold("習近平 臺灣 國際廣播電臺", t), "习近平 台湾 国际广播电台");
    EXPECT_EQ(fold("①", t), "1");
    EXPECT_EQ(fold("㍿", t), "株式会社");
    EXPECT_EQ(fold("ß", t), "ss");
    EXPECT_EQ(fold("Ω", t), "ω");
    EXPECT_EQ(fold("が", t), "が");  // kana keep their voicing marks
    EXPECT_EQ(fold("ｶ", t), "カ");  // half-width katakana
    EXPECT_EQ(fold("，。「」", t), ",。「」");
    EXPECT_EQ(fold("简体字", t), "简体字");  // simplified text is left alone
    // Only differences are stored, and the table survives encoding.
    for (const auto& [cp, folded] : t.map) EXPECT_NE(folded, std::u32string(1, cp));
    auto back = decode_fold_table(encode_fold_table(t));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->map.size(), t.map.size());
}
