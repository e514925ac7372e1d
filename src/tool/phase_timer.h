#pragma once
// Per-phase wall and CPU time of `folio build`, printed to stderr when FOLIO_TIMINGS is set (for
// tools/bench.sh). CPU time is the whole process's, so it stays meaningful on a loaded machine. A
// second line gives the peak resident memory at the end of each phase (VmHWM: the process's peak so
// far, so a phase that raised it shows a larger figure than the one before).
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace folio {

class PhaseTimer {
public:
    PhaseTimer() : enabled_(std::getenv("FOLIO_TIMINGS") != nullptr) { now(wall_, cpu_); }
    // Ends the phase that started at the last mark and names it.
    void mark(const char* phase) {
        if (!enabled_) return;
        double wall = 0, cpu = 0;
        now(wall, cpu);
        char buf[96];
        std::snprintf(buf, sizeof buf, "%s%s %.3f/%.3f", line_.empty() ? "" : ", ", phase, wall - wall_, cpu - cpu_);
        line_ += buf;
        std::snprintf(buf, sizeof buf, "%s%s %.0f", rss_line_.empty() ? "" : ", ", phase, peak_mib());
        rss_line_ += buf;
        total_wall_ += wall - wall_;
        total_cpu_ += cpu - cpu_;
        wall_ = wall;
        cpu_ = cpu;
    }
    // Prints the phases so far (run_build calls it once, at the end).
    void print() const {
        if (enabled_ && !line_.empty())
            std::fprintf(stderr, "folio: timings (wall/cpu s): %s, total %.3f/%.3f\nfolio: peak RSS by phase (MiB): %s\n",
                         line_.c_str(), total_wall_, total_cpu_, rss_line_.c_str());
    }

private:
    // The process's peak resident set so far (VmHWM in /proc/self/status), in MiB; 0 where there is none.
    static double peak_mib() {
        std::FILE* f = std::fopen("/proc/self/status", "r");
        if (!f) return 0;
        char line[256];
        double kib = 0;
        while (std::fgets(line, sizeof line, f))
            if (std::sscanf(line, "VmHWM: %lf kB", &kib) == 1) break;
        std::fclose(f);
        return kib / 1024;
    }
    static void now(double& wall, double& cpu) {
        timespec t{};
        clock_gettime(CLOCK_MONOTONIC, &t);
        wall = static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
        cpu = static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
    }
    bool enabled_;
    double wall_ = 0, cpu_ = 0, total_wall_ = 0, total_cpu_ = 0;
    std::string line_, rss_line_;
};

}  // namespace folio
