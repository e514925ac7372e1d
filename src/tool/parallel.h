#pragma once
// The tool's threads for work split into independent items (shards, segments, fonts).
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace folio {

inline unsigned worker_count() { return std::max(1u, std::min(std::thread::hardware_concurrency(), 8u)); }

// Runs body(0..count-1) on up to worker_count() threads (the caller's among them); items are
// taken in order, so the first ones start first.
inline void parallel_for(std::size_t count, const std::function<void(std::size_t)>& body) {
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < count; i = next++) body(i);
    };
    std::vector<std::thread> threads;
    for (std::size_t t = 1; t < std::min<std::size_t>(worker_count(), count); ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
}

}  // namespace folio
