// Recompute time of browse() after a filter change on a synthetic catalog (not a test):
//   build/native-ci/tests/folio_bench_browse [posts]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <utility>
#include <cmath>
#include <functional>
#include <random>

#include "folio/browse.h"

using namespace folio;

namespace {

double cpu_ms() { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// Median wall and CPU time of f; CPU time is what counts on a busy machine.
std::pair<double, double> median_ms(const std::function<void()>& f, int runs = 15) {
    std::vector<double> wall, cpu;
    for (int k = 0; k < runs; ++k) {
        const auto a = std::chrono::steady_clock::now();
        const double c = cpu_ms();
        f();
        cpu.push_back(cpu_ms() - c);
        wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count());
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    return {wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
    std::mt19937 rng(1);
    Manifest m;
    for (int k = 0; k < 5000; ++k) m.tags.push_back("tag" + std::to_string(k));
    for (int k = 0; k < 60; ++k) m.categories.push_back("cat" + std::to_string(k));
    for (int k = 0; k < 800; ++k) m.authors.push_back("author" + std::to_string(k));
    for (int k = 0; k < 120; ++k) m.sites.push_back("site" + std::to_string(k) + ".com");
    Catalog c;
    std::int64_t t = 1700000000;
    // Zipf-like value choice: a few values are very common, most are rare.
    const auto pick = [&](std::size_t size) { return static_cast<std::uint32_t>(std::pow(static_cast<double>(rng() % 10000) / 10000.0, 3.0) * static_cast<double>(size)); };
    for (std::size_t i = 0; i < n; ++i) {
        t -= static_cast<std::int64_t>(rng() % 3000);
        c.ids.push_back("p" + std::to_string(i));
        c.paths.push_back(c.ids.back());
        c.titles.push_back("title " + std::to_string(rng() % 100000));
        c.source_urls.emplace_back();
        c.dates.push_back(t);
        c.has_date.push_back(1);
        c.utc_offsets.push_back(480);
        c.authors.push_back(static_cast<std::int32_t>(pick(m.authors.size())));
        c.sites.push_back(static_cast<std::int32_t>(pick(m.sites.size())));
        c.faces.push_back(0);
        std::vector<std::uint32_t> tags;
        for (int k = 0, e = static_cast<int>(rng() % 5); k < e; ++k) tags.push_back(pick(m.tags.size()));
        std::sort(tags.begin(), tags.end());
        tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
        c.tags.push_back(tags);
        c.categories.push_back({pick(m.categories.size())});
        c.extra_json.emplace_back("{}");
    }
    const auto a = std::chrono::steady_clock::now();
    const BrowseIndex x = build_browse_index(c, m);
    const double index_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count();
    std::printf("posts %zu, tags %zu, days %d..%d; index built once in %.1f ms\n", n, m.tags.size(), x.first_day, x.last_day, index_ms);

    std::vector<std::size_t> hits;  // a broad query's results
    for (std::size_t i = 0; i < n; ++i) if (rng() % 3 == 0) hits.push_back(i);
    std::shuffle(hits.begin(), hits.end(), rng);
    Filters none, one, many;
    one.selected[0] = {m.tags[0]};
    many.selected[0] = {m.tags[0], m.tags[1], m.tags[7]};
    many.selected[2] = {m.authors[0], m.authors[3]};
    many.selected[3] = {m.sites[0]};
    many.days = DayRange{x.first_day + 100, x.last_day - 100};
    struct Case { const char* name; const Filters* f; const std::vector<std::size_t>* base; SortKey sort; bool keep; };
    const Case cases[] = {
        {"no filter, by date", &none, nullptr, SortKey::Date, false},
        {"one tag, by date", &one, nullptr, SortKey::Date, false},
        {"3 tags + 2 authors + site + days", &many, nullptr, SortKey::Date, false},
        {"one tag, by title", &one, nullptr, SortKey::Title, false},
        {"one tag over 1/3 as search hits, ranked", &one, &hits, SortKey::Date, true},
    };
    for (const Case& k : cases) {
        std::size_t rows = 0;
        const auto [wall, cpu] = median_ms([&] { rows = browse(x, c, m, *k.f, k.base, k.sort, false, k.keep).posts.size(); });
        std::printf("  %-42s %8zu rows  %7.2f ms wall, %7.2f ms CPU (medians of 15)\n", k.name, rows, wall, cpu);
    }
    std::size_t bars = 0;
    const auto [bars_wall, bars_cpu] = median_ms([&] { bars = timeline_bars(x.day_counts_all, x.first_day, x.first_day, x.last_day, TimeBucket::Day).size(); });
    std::printf("  %-42s %8zu bars  %7.2f ms wall, %7.2f ms CPU\n", "timeline bars, whole span by day", bars, bars_wall, bars_cpu);
    return 0;
}
