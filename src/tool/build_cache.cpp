#include "build_cache.h"

#include "folio/hash.h"

namespace folio {
namespace {

constexpr std::string_view kMagic = "FOLIOCACHE3\n";

void put_u64(std::string& out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

class Writer {
public:
    std::string out;
    void u(std::uint64_t v) {
        while (v >= 0x80) {
            out += static_cast<char>((v & 0x7F) | 0x80);
            v >>= 7;
        }
        out += static_cast<char>(v);
    }
    void s(const std::string& v) {
        u(v.size());
        out += v;
    }
    void strings(const std::vector<std::string>& v) {
        u(v.size());
        for (const auto& x : v) s(x);
    }
};

// Bounds-checked reads; after the first failure every read fails and ok() says so.
class Reader {
public:
    explicit Reader(std::string_view in) : in_(in) {}
    bool ok() const { return ok_; }
    bool at_end() const { return pos_ == in_.size(); }
    std::uint64_t u() {
        std::uint64_t v = 0;
        for (int shift = 0; ok_ && shift < 64 && pos_ < in_.size(); shift += 7) {
            const auto b = static_cast<unsigned char>(in_[pos_++]);
            v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
            if (!(b & 0x80)) return v;
        }
        ok_ = false;
        return 0;
    }
    std::uint64_t count() {  // a count of items of at least one byte each
        const std::uint64_t n = u();
        if (n > in_.size() - pos_) ok_ = false;
        return ok_ ? n : 0;
    }
    std::string s() {
        const std::uint64_t n = count();
        if (!ok_) return {};
        std::string v(in_.substr(pos_, static_cast<std::size_t>(n)));
        pos_ += static_cast<std::size_t>(n);
        return v;
    }
    void fail() { ok_ = false; }
    std::vector<std::string> strings() {
        std::vector<std::string> v(static_cast<std::size_t>(count()));
        for (auto& x : v) x = s();
        return v;
    }

private:
    std::string_view in_;
    std::size_t pos_ = 0;
    bool ok_ = true;
};

void write_post(Writer& w, const Post& p) {
    w.s(p.id);
    w.s(p.path);
    w.s(p.title);
    w.u(p.date ? 1 : 0);
    if (p.date) w.u(static_cast<std::uint64_t>(*p.date));
    w.u(static_cast<std::uint64_t>(static_cast<std::int64_t>(p.utc_offset_minutes)));
    w.s(p.author);
    w.s(p.source_url);
    w.strings(p.tags);
    w.strings(p.categories);
    w.u(p.extra.size());
    for (const auto& [k, v] : p.extra) w.s(k), w.s(v);
    w.u(p.blocks.size());
    for (const Block& b : p.blocks) {
        w.u(static_cast<std::uint64_t>(b.kind));
        w.u(b.level);
        w.u(b.quote);
        w.u(b.number);
        w.s(b.text);
        w.s(b.url);
        w.u(b.links.size());
        for (const auto& l : b.links) w.u(l.begin), w.u(l.end), w.s(l.href);
    }
}

Post read_post_record(Reader& r) {
    Post p;
    p.id = r.s();
    p.path = r.s();
    p.title = r.s();
    if (r.u()) p.date = static_cast<std::int64_t>(r.u());
    p.utc_offset_minutes = static_cast<std::int32_t>(static_cast<std::int64_t>(r.u()));
    p.author = r.s();
    p.source_url = r.s();
    p.tags = r.strings();
    p.categories = r.strings();
    p.extra.resize(static_cast<std::size_t>(r.count()));
    for (auto& [k, v] : p.extra) k = r.s(), v = r.s();
    p.blocks.resize(static_cast<std::size_t>(r.count()));
    for (Block& b : p.blocks) {
        const std::uint64_t kind = r.u();
        if (kind > static_cast<std::uint64_t>(BlockKind::Rule)) {
            r.fail();
            return p;
        }
        b.kind = static_cast<BlockKind>(kind);
        b.level = static_cast<std::uint8_t>(r.u());
        b.quote = static_cast<std::uint8_t>(r.u());
        b.number = static_cast<std::uint32_t>(r.u());
        b.text = r.s();
        b.url = r.s();
        b.links.resize(static_cast<std::size_t>(r.count()));
        for (auto& l : b.links) {
            l.begin = static_cast<std::uint32_t>(r.u());
            l.end = static_cast<std::uint32_t>(r.u());
            l.href = r.s();
        }
    }
    return p;
}

}  // namespace

std::filesystem::path build_cache_path(const std::filesystem::path& site_dir) {
    const std::filesystem::path out = std::filesystem::absolute(site_dir).lexically_normal();
    const std::filesystem::path target = out.filename().empty() ? out.parent_path() : out;
    return target.parent_path() / (target.filename().string() + ".folio-cache");
}

std::string encode_cache_files(const std::vector<FileStamp>& files, const std::vector<Post>& posts,
                               const IngestReport& report, std::int64_t trust_before_ns) {
    std::map<std::string_view, const Post*> post_of;
    for (const auto& p : posts) post_of.emplace(p.path, &p);
    std::map<std::string_view, const SkippedFile*> skip_of;
    for (const auto& sk : report.skipped) skip_of.emplace(sk.path, &sk);
    std::map<std::string_view, std::vector<const Warning*>> warnings_of;
    for (const auto& warning : report.warnings) warnings_of[warning.path].push_back(&warning);
    Writer w;
    std::size_t count = 0;
    for (const auto& [path, hash, size, mtime_ns] : files) {
        const auto post = post_of.find(path);
        const auto skip = skip_of.find(path);
        if (post == post_of.end() && (skip == skip_of.end() || skip->second->reason == "duplicate")) continue;
        ++count;
        w.s(path);
        w.u(hash);
        w.u(size);
        w.u(static_cast<std::uint64_t>(mtime_ns < trust_before_ns ? mtime_ns : 0));
        w.s(post == post_of.end() ? skip->second->reason : "");
        w.s(post == post_of.end() ? skip->second->detail : "");
        const auto& warnings = warnings_of[path];
        w.u(warnings.size());
        for (const Warning* warning : warnings) w.s(warning->path), w.s(warning->kind), w.s(warning->message);
        w.u(post != post_of.end() ? 1 : 0);
        if (post != post_of.end()) write_post(w, *post->second);
    }
    Writer head;
    head.u(count);
    return head.out + w.out;
}

std::string encode_build_cache(const BuildCache& cache, const std::string& files_section) {
    Writer w;
    w.out = kMagic;
    w.s(cache.fingerprint);
    w.u(cache.manifest_hash);
    for (const auto* keys : {&cache.body_keys, &cache.segment_keys}) {
        w.u(keys->size());
        for (auto k : *keys) w.u(k);
    }
    w.u(cache.font_keys.size());
    for (const auto& [key, file] : cache.font_keys) w.u(key), w.s(file);
    w.out += files_section;
    put_u64(w.out, fnv1a64(w.out));
    return std::move(w.out);
}

Result<BuildCache> decode_build_cache(std::string_view bytes) {
    if (bytes.size() < kMagic.size() + 8 || bytes.substr(0, kMagic.size()) != kMagic)
        return Error{"not a build cache of this version"};
    const std::string_view body = bytes.substr(0, bytes.size() - 8);
    std::uint64_t stored = 0;
    for (int i = 0; i < 8; ++i)
        stored |= std::uint64_t{static_cast<unsigned char>(bytes[body.size() + static_cast<std::size_t>(i)])} << (8 * i);
    if (fnv1a64(body) != stored) return Error{"the build cache is damaged"};
    Reader r(body.substr(kMagic.size()));
    BuildCache cache;
    cache.fingerprint = r.s();
    cache.manifest_hash = r.u();
    for (auto* keys : {&cache.body_keys, &cache.segment_keys}) {
        keys->resize(static_cast<std::size_t>(r.count()));
        for (auto& k : *keys) k = r.u();
    }
    cache.font_keys.resize(static_cast<std::size_t>(r.count()));
    for (auto& [key, file] : cache.font_keys) key = r.u(), file = r.s();
    const std::uint64_t files = r.count();
    for (std::uint64_t i = 0; i < files && r.ok(); ++i) {
        std::string path = r.s();
        BuildCache::Entry e;
        e.hash = r.u();
        e.size = r.u();
        e.mtime_ns = static_cast<std::int64_t>(r.u());
        e.result.skip_reason = r.s();
        e.result.skip_detail = r.s();
        e.result.warnings.resize(static_cast<std::size_t>(r.count()));
        for (auto& warning : e.result.warnings) warning.path = r.s(), warning.kind = r.s(), warning.message = r.s();
        if (r.u()) e.result.post = read_post_record(r);
        cache.files.emplace(std::move(path), std::move(e));
    }
    if (!r.ok() || !r.at_end()) return Error{"the build cache is damaged"};
    return cache;
}

}  // namespace folio
