#include "build_cache.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <unordered_map>

#include "folio/hash.h"
#include "parallel.h"
#include "site_output.h"

namespace folio {
namespace {

constexpr std::string_view kMagic = "FOLIOCACHE8\n", kPieceMagic = "FOLIOPIECE7\n",
                           kBlocksMagic = "FOLIOBLOCKS7\n";

// The cache's checksum: the standard library's string hash, several times faster than FNV over
// hundreds of megabytes. It is only read back by the folio that wrote it (another build that
// hashes differently sees damage and reads every file).
std::uint64_t checksum(std::string_view bytes) { return std::hash<std::string_view>{}(bytes); }

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
}

void write_blocks(Writer& w, const std::vector<Block>& blocks) {
    w.u(blocks.size());
    for (const Block& b : blocks) {
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
    return p;
}

std::vector<Block> read_blocks(Reader& r) {
    std::vector<Block> blocks(static_cast<std::size_t>(r.count()));
    for (Block& b : blocks) {
        const std::uint64_t kind = r.u();
        if (kind > static_cast<std::uint64_t>(BlockKind::Rule)) {
            r.fail();
            return blocks;
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
    return blocks;
}

void write_counted(Writer& w, const ChunkCodepoints& c) {
    w.u(c.used.size());
    char32_t last = 0;
    for (char32_t cp : c.used) w.u(cp - last), last = cp;
    w.s(std::string(c.scripts.begin(), c.scripts.end()));
    w.u(c.uses.size());
    for (const auto& face : c.uses) {
        w.u(face.size());
        last = 0;
        for (const auto& [cp, n] : face) w.u(cp - last), w.u(n), last = cp;
    }
    w.u(c.rare.size());
    for (const auto& [cp, paths] : c.rare) w.u(cp), w.strings(paths);
    std::string sketches;  // per post: valid, then its bins little-endian
    for (const Sketch& s : c.sketches) {
        sketches += static_cast<char>(s.valid);
        for (const std::uint16_t bin : s.bins) sketches += static_cast<char>(bin & 0xFF), sketches += static_cast<char>(bin >> 8);
    }
    w.s(sketches);
}

void read_counted(Reader& r, ChunkCodepoints& c) {
    c.used.resize(static_cast<std::size_t>(r.count()));
    std::uint64_t at = 0;
    for (char32_t& cp : c.used) cp = static_cast<char32_t>(at += r.u());
    const std::string scripts = r.s();
    c.scripts.assign(scripts.begin(), scripts.end());
    c.uses.resize(static_cast<std::size_t>(r.count()));
    for (auto& face : c.uses) {
        face.resize(static_cast<std::size_t>(r.count()));
        at = 0;
        for (auto& [cp, n] : face) cp = static_cast<char32_t>(at += r.u()), n = r.u();
    }
    c.rare.resize(static_cast<std::size_t>(r.count()));
    for (auto& [cp, paths] : c.rare) cp = static_cast<char32_t>(r.u()), paths = r.strings();
    const std::string sketches = r.s();
    constexpr std::size_t kSketchBytes = 1 + 2 * kSketchBins;
    if (sketches.size() % kSketchBytes != 0) r.fail();
    c.sketches.resize(sketches.size() / kSketchBytes);
    for (std::size_t p = 0; p < c.sketches.size(); ++p) {
        const auto* bytes = reinterpret_cast<const unsigned char*>(sketches.data() + p * kSketchBytes);
        c.sketches[p].valid = bytes[0] != 0;
        for (std::size_t k = 0; k < kSketchBins; ++k)
            c.sketches[p].bins[k] = static_cast<std::uint16_t>(bytes[1 + 2 * k] | bytes[2 + 2 * k] << 8);
    }
    bool in_range = c.used.empty() || c.used.back() < 0x110000;
    for (const auto& face : c.uses) in_range = in_range && (face.empty() || face.back().first < 0x110000);
    for (const auto& [cp, paths] : c.rare) in_range = in_range && cp < 0x110000;
    if (!in_range) r.fail();
}

}  // namespace

std::filesystem::path build_cache_path(const std::filesystem::path& site_dir) {
    const std::filesystem::path out = std::filesystem::absolute(site_dir).lexically_normal();
    const std::filesystem::path target = out.filename().empty() ? out.parent_path() : out;
    return target.parent_path() / (target.filename().string() + ".folio-cache");
}

CachePlan plan_cache_pieces(const std::vector<FileStamp>& files, const std::vector<Post>& posts,
                            const std::vector<std::pair<std::uint32_t, std::uint32_t>>& chunks,
                            const IngestReport& report, std::int64_t trust_before_ns, const std::string& fingerprint) {
    std::unordered_map<std::string_view, std::size_t> chunk_of;  // post path -> its chunk
    chunk_of.reserve(posts.size());
    for (std::size_t c = 0; c < chunks.size(); ++c)
        for (std::uint32_t i = chunks[c].first; i < chunks[c].first + chunks[c].second; ++i) chunk_of.emplace(posts[i].path, c);
    std::unordered_map<std::string_view, const SkippedFile*> skip_of;
    for (const auto& sk : report.skipped) skip_of.emplace(sk.path, &sk);
    // The files of each piece (the last one: files that gave no post), in path order.
    CachePlan plan;
    plan.groups.resize(chunks.size() + 1);
    for (const auto& f : files) {
        const auto chunk = chunk_of.find(f.path);
        if (chunk == chunk_of.end()) {
            const auto skip = skip_of.find(f.path);
            if (skip != skip_of.end() && skip->second->reason != "duplicate") plan.groups.back().push_back(&f);
            continue;
        }
        plan.groups[chunk->second].push_back(&f);
    }
    // Each name hashes the fingerprint and "\npath hash size mtime" per file, chained (no text made).
    for (const auto& group : plan.groups) {
        std::uint64_t key = fnv1a64(fingerprint);
        for (const FileStamp* f : group) {
            key = fnv1a64(f->path, fnv1a64("\n", key));
            const auto hash = hex64_digits(f->hash);
            key = fnv1a64({hash.data(), hash.size()}, fnv1a64(" ", key));
            char digits[24];  // size, then modification time, in decimal as std::to_string wrote them (without its allocation)
            const char* end = std::to_chars(digits, digits + sizeof digits, f->size).ptr;
            key = fnv1a64({digits, static_cast<std::size_t>(end - digits)}, fnv1a64(" ", key));
            end = std::to_chars(digits, digits + sizeof digits, f->mtime_ns < trust_before_ns ? f->mtime_ns : 0).ptr;
            key = fnv1a64({digits, static_cast<std::size_t>(end - digits)}, fnv1a64(" ", key));
        }
        plan.names.push_back("files-" + hex64(key) + ".bin");
    }
    return plan;
}

std::string blocks_file_name(const std::string& piece) { return "blocks-" + piece.substr(6); }

CacheSources::CacheSources(const std::vector<Post>& posts, const IngestReport& report) {
    for (const auto& p : posts) post_of.emplace(p.path, &p);
    for (const auto& sk : report.skipped) skip_of.emplace(sk.path, &sk);
    for (const auto& warning : report.warnings) warnings_of[warning.path].push_back(&warning);
}

PieceBytes encode_cache_piece(const CachePlan& plan, std::size_t k, const std::vector<Post>& posts,
                              const CacheSources& sources, std::int64_t trust_before_ns, const ChunkCodepoints& counted) {
    const auto& group = plan.groups[k];
    const auto& post_of = sources.post_of;
    std::unordered_map<std::string_view, const std::vector<Block>*> blocks_of;
    for (const auto& p : posts) blocks_of.emplace(p.path, &p.blocks);
    const auto& skip_of = sources.skip_of;
    Writer w, blocks;
    w.out = kPieceMagic;
    blocks.out = kBlocksMagic;
    w.u(group.size());
    for (const FileStamp* f : group) {
        const auto post = post_of.find(f->path);
        const auto skip = skip_of.find(f->path);
        w.s(f->path);
        w.u(f->hash);
        w.u(f->size);
        w.u(static_cast<std::uint64_t>(f->mtime_ns < trust_before_ns ? f->mtime_ns : 0));
        w.s(post == post_of.end() ? skip->second->reason : "");
        w.s(post == post_of.end() ? skip->second->detail : "");
        w.u(post == post_of.end() ? 0 : f->content_hash);
        const auto found = sources.warnings_of.find(f->path);
        const std::size_t n = found == sources.warnings_of.end() ? 0 : found->second.size();
        w.u(n);
        for (std::size_t i = 0; i < n; ++i)
            w.s(found->second[i]->path), w.s(found->second[i]->kind), w.s(found->second[i]->message);
        w.u(post != post_of.end() ? 1 : 0);
        if (post == post_of.end()) continue;
        write_post(w, *post->second);
        const auto own = blocks_of.find(f->path);
        write_blocks(blocks, own == blocks_of.end() ? post->second->blocks : *own->second);
    }
    write_counted(w, counted);
    put_u64(w.out, checksum(w.out));
    put_u64(blocks.out, checksum(blocks.out));
    return {std::move(w.out), std::move(blocks.out)};
}

std::string encode_cache_head(const BuildCache& cache) {
    Writer w;
    w.out = kMagic;
    w.s(cache.fingerprint);
    w.u(cache.manifest_hash);
    for (const auto* keys : {&cache.body_keys, &cache.segment_keys}) {
        w.u(keys->size());
        for (auto k : *keys) w.u(k);
    }
    w.u(cache.body_packs.size());
    for (const auto& packs : cache.body_packs) {
        w.u(packs.size());
        for (const auto& p : packs) w.s(p.file), w.u(p.bytes), w.u(p.count);
    }
    w.u(cache.font_keys.size());
    for (const auto& [key, file] : cache.font_keys) w.u(key), w.s(file);
    w.u(cache.fold_key);
    w.u(cache.dictionary_key);
    w.strings(cache.pieces);
    put_u64(w.out, checksum(w.out));
    return std::move(w.out);
}

namespace {

// The bytes between the magic and the checksum, when both are right.
std::optional<std::string_view> checked_body(std::string_view bytes, std::string_view magic) {
    if (bytes.size() < magic.size() + 8 || bytes.substr(0, magic.size()) != magic) return std::nullopt;
    const std::string_view body = bytes.substr(0, bytes.size() - 8);
    std::uint64_t stored = 0;
    for (int i = 0; i < 8; ++i)
        stored |= std::uint64_t{static_cast<unsigned char>(bytes[body.size() + static_cast<std::size_t>(i)])} << (8 * i);
    if (checksum(body) != stored) return std::nullopt;
    return body.substr(magic.size());
}

}  // namespace

Result<BuildCache> decode_cache_head(std::string_view bytes) {
    const auto body = checked_body(bytes, kMagic);
    if (!body) return Error{"the build cache is damaged or of another version"};
    Reader r(*body);
    BuildCache cache;
    cache.fingerprint = r.s();
    cache.manifest_hash = r.u();
    for (auto* keys : {&cache.body_keys, &cache.segment_keys}) {
        keys->resize(static_cast<std::size_t>(r.count()));
        for (auto& k : *keys) k = r.u();
    }
    cache.body_packs.resize(static_cast<std::size_t>(r.count()));
    for (auto& packs : cache.body_packs) {
        packs.resize(static_cast<std::size_t>(r.count()));
        for (auto& p : packs) p.file = r.s(), p.bytes = r.u(), p.count = static_cast<std::uint32_t>(r.u());
    }
    cache.font_keys.resize(static_cast<std::size_t>(r.count()));
    for (auto& [key, file] : cache.font_keys) key = r.u(), file = r.s();
    cache.fold_key = r.u();
    cache.dictionary_key = r.u();
    cache.pieces = r.strings();
    for (const auto& name : cache.pieces)
        if (name.find('/') != std::string::npos || name.rfind("files-", 0) != 0) r.fail();
    if (!r.ok() || !r.at_end()) return Error{"the build cache is damaged"};
    return cache;
}

Status decode_cache_piece(std::string_view bytes, std::uint32_t piece, CacheEntries& out,
                          ChunkCodepoints& counted) {
    const auto body = checked_body(bytes, kPieceMagic);
    if (!body) return Error{"a piece of the build cache is damaged or of another version"};
    Reader r(*body);
    const std::uint64_t files = r.count();
    std::uint32_t slot = 0;
    for (std::uint64_t i = 0; i < files && r.ok(); ++i) {
        std::string path = r.s();
        BuildCache::Entry e;
        e.hash = r.u();
        e.size = r.u();
        e.mtime_ns = static_cast<std::int64_t>(r.u());
        e.result.skip_reason = r.s();
        e.result.skip_detail = r.s();
        e.result.content_hash = r.u();
        e.result.warnings.resize(static_cast<std::size_t>(r.count()));
        for (auto& warning : e.result.warnings) warning.path = r.s(), warning.kind = r.s(), warning.message = r.s();
        e.piece = piece;
        if (r.u()) {
            e.result.post = read_post_record(r);
            e.slot = slot++;
        }
        out.emplace(std::move(path), std::move(e));
    }
    read_counted(r, counted);
    if (!r.ok() || !r.at_end()) return Error{"a piece of the build cache is damaged"};
    return Ok{};
}

std::string encode_blocks(const std::vector<Block>& blocks) {
    Writer w;
    write_blocks(w, blocks);
    return std::move(w.out);
}

Result<std::vector<Block>> decode_blocks(std::string_view bytes) {
    Reader r(bytes);
    std::vector<Block> blocks = read_blocks(r);
    if (!r.ok() || !r.at_end()) return Error{"the build's spill file is damaged"};
    return blocks;
}

Result<std::vector<std::vector<Block>>> decode_cache_blocks(std::string_view bytes) {
    const auto body = checked_body(bytes, kBlocksMagic);
    if (!body) return Error{"a piece of the build cache is damaged or of another version"};
    Reader r(*body);
    std::vector<std::vector<Block>> out;
    while (r.ok() && !r.at_end()) out.push_back(read_blocks(r));
    if (!r.ok()) return Error{"a piece of the build cache is damaged"};
    return out;
}

Result<BuildCache> read_build_cache(const std::filesystem::path& cache_dir) {
    auto head_bytes = read_file_bytes(cache_dir / "head.bin");
    if (!head_bytes) return head_bytes.error();
    auto cache = decode_cache_head(*head_bytes);
    if (!cache) return cache;
    std::vector<CacheEntries> parts(cache->pieces.size());
    std::vector<ChunkCodepoints> counted(cache->pieces.size());
    std::vector<Status> read(cache->pieces.size(), Ok{});
    parallel_for(cache->pieces.size(), [&](std::size_t k) {
        auto bytes = read_file_bytes(cache_dir / cache->pieces[k]);
        read[k] = bytes ? decode_cache_piece(*bytes, static_cast<std::uint32_t>(k), parts[k], counted[k]) : Status(bytes.error());
    });
    std::size_t entries = 0;
    for (const auto& part : parts) entries += part.size();
    cache->files.reserve(entries);
    for (std::size_t k = 0; k < parts.size(); ++k) {
        if (!read[k]) return read[k].error();
        cache->files.merge(parts[k]);  // relinks the nodes made on the threads, with their hashes
        cache->codepoints.emplace(cache->pieces[k], std::move(counted[k]));
    }
    return cache;
}

Result<std::vector<std::vector<Block>>> read_cache_blocks(const std::filesystem::path& cache_dir, const std::string& piece) {
    auto bytes = read_file_bytes(cache_dir / blocks_file_name(piece));
    if (!bytes) return bytes.error();
    return decode_cache_blocks(*bytes);
}

Result<std::filesystem::path> stage_cache_pieces(const std::filesystem::path& cache_dir, const CachePlan& plan,
                                                 const std::vector<std::string>& previous_pieces,
                                                 const std::function<Result<PieceBytes>(std::size_t)>& encode) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path staged = cache_dir.parent_path() / ("." + cache_dir.filename().string() + "-" + std::to_string(::getpid()) + "-new");
    fs::remove_all(staged, ec);
    if (!fs::create_directories(staged, ec)) return Error{"cannot create " + staged.string() + ": " + ec.message()};
    std::vector<std::string> failed(plan.names.size());
    parallel_for(plan.names.size(), [&](std::size_t k) {
        const std::string& name = plan.names[k];
        std::error_code link_ec;
        if (std::find(previous_pieces.begin(), previous_pieces.end(), name) != previous_pieces.end()) {
            for (const std::string& file : {name, blocks_file_name(name)}) {
                link_ec.clear();
                fs::create_hard_link(cache_dir / file, staged / file, link_ec);
                if (link_ec) fs::copy_file(cache_dir / file, staged / file, link_ec);
                if (link_ec) failed[k] = "cannot keep the build cache piece " + file;
            }
            return;
        }
        const auto bytes = encode(k);
        if (!bytes) failed[k] = bytes.error().message;
        else if (auto st = write_file_atomic(staged / name, bytes->files); !st) failed[k] = st.error().message;
        else if (auto st2 = write_file_atomic(staged / blocks_file_name(name), bytes->blocks); !st2) failed[k] = st2.error().message;
    });
    for (const auto& message : failed)
        if (!message.empty()) {
            fs::remove_all(staged, ec);
            return Error{message};
        }
    return staged;
}

Status commit_build_cache(const std::filesystem::path& staged, const BuildCache& cache,
                          const std::filesystem::path& cache_dir) {
    std::error_code ec;
    if (auto st = write_file_atomic(staged / "head.bin", encode_cache_head(cache)); !st) {
        std::filesystem::remove_all(staged, ec);
        return st.error();
    }
    std::filesystem::remove_all(cache_dir, ec);
    std::filesystem::rename(staged, cache_dir, ec);
    if (!ec) return Ok{};
    const std::string message = ec.message();
    std::filesystem::remove_all(staged, ec);
    return Error{"cannot move the build cache into place: " + message};
}

}  // namespace folio
