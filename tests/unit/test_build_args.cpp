// Every option of `folio build` is either in the build cache's fingerprint or listed as not
// needing to be (commands.h), and the fingerprint moves with exactly the first kind.
#include <gtest/gtest.h>

#include <cstddef>
#include <set>
#include <string>
#include <tuple>

#include "commands.h"

namespace folio {
namespace {

// Converts to any field's type, so T{AnyField{}, ...} compiles for as many of them as T has fields.
struct AnyField {
    template <class T>
    operator T() const;
};

template <class T, class... Fields>
constexpr std::size_t field_count() {
    if constexpr (requires { T{Fields{}..., AnyField{}}; }) return field_count<T, Fields..., AnyField>();
    else return sizeof...(Fields);
}

constexpr std::size_t kListed =
    std::tuple_size_v<decltype(kFingerprintedArgs)> + std::tuple_size_v<decltype(kUnfingerprintedArgs)>;
static_assert(kListed == field_count<BuildArgs>(),
              "a BuildArgs field is in neither kFingerprintedArgs nor kUnfingerprintedArgs (commands.h): say "
              "whether the build cache's fingerprint must hold it");

// One different value per field type the options use.
void change(std::string& v) { v += "x"; }
void change(bool& v) { v = !v; }
void change(double& v) { v += 1; }
void change(std::uint32_t& v) { v += 1; }
void change(std::uint64_t& v) { v += 1; }
void change(std::vector<std::string>& v) { v.push_back(".x"); }

// Where a field lives in the struct, to tell the fields apart.
template <class Field>
std::size_t offset_of(Field BuildArgs::*field) {
    static const BuildArgs args;
    return static_cast<std::size_t>(reinterpret_cast<const char*>(&(args.*field)) -
                                    reinterpret_cast<const char*>(&args));
}

// Calls f(field, position in its list) for every field of a list.
template <class List, class F>
void for_each_field(const List& list, F&& f) {
    std::apply([&](auto... field) {
        std::size_t i = 0;
        (f(field, i++), ...);
    }, list);
}

TEST(BuildArgs, EveryFieldIsListedOnce) {
    std::set<std::size_t> offsets;
    for_each_field(kFingerprintedArgs, [&](auto field, std::size_t) { offsets.insert(offset_of(field)); });
    for_each_field(kUnfingerprintedArgs, [&](auto field, std::size_t) { offsets.insert(offset_of(field)); });
    EXPECT_EQ(offsets.size(), kListed) << "a field is listed twice, so another one is missing";
}

TEST(BuildArgs, FingerprintHoldsEveryOptionThatChangesStoredFiles) {
    const BuildArgs defaults;
    const std::string before = cache_fingerprint(defaults);
    for_each_field(kFingerprintedArgs, [&](auto field, std::size_t i) {
        BuildArgs changed = defaults;
        change(changed.*field);
        EXPECT_NE(cache_fingerprint(changed), before)
            << "kFingerprintedArgs[" << i << "] is left out of cache_fingerprint (src/tool/cmd_build.cpp)";
    });
}

TEST(BuildArgs, FingerprintIgnoresOptionsTheCacheDoesNotDependOn) {
    const BuildArgs defaults;
    const std::string before = cache_fingerprint(defaults);
    for_each_field(kUnfingerprintedArgs, [&](auto field, std::size_t i) {
        BuildArgs changed = defaults;
        change(changed.*field);
        EXPECT_EQ(cache_fingerprint(changed), before)
            << "kUnfingerprintedArgs[" << i << "] changes the fingerprint: list it in kFingerprintedArgs";
    });
}

TEST(BuildArgs, FingerprintReadsExtensionsAsTheBuildDoes) {
    BuildArgs dotted, bare;
    dotted.extensions = {".md"};
    bare.extensions = {"md"};
    EXPECT_EQ(cache_fingerprint(dotted), cache_fingerprint(bare));
}

}  // namespace
}  // namespace folio
