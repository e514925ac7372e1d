#pragma once
// Native only: builds the search folding table (folio/search_fold.h) from utf8proc and OpenCC.
#include <set>

#include "folio/result.h"
#include "folio/search_fold.h"

namespace folio {

// Folds every code point the archive uses, plus Latin-1 Supplement..Latin Extended-B
// (U+00C0-U+024F), CJK punctuation (U+3000-U+303F), half/full-width forms (U+FF00-U+FFEF) and
// every traditional character OpenCC knows: NFKC + case folding (+ marks stripped for
// alphabetic scripts), then traditional -> simplified per character. Only changes are stored.
// Fails if OpenCC's t2s configuration cannot be opened.
Result<FoldTable> build_fold_table(const std::set<char32_t>& archive_codepoints);

}  // namespace folio
