#include "folio/text_layer.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "folio/hash.h"

namespace folio {
namespace {

double rounded(float v) { return std::round(static_cast<double>(v) * 100.0) / 100.0; }

}  // namespace

LayerRange layer_range(float scroll_y, float view_height) {
    const float screen = std::max(view_height, 1.0f);
    const float step = screen * 0.5f;
    const float at = std::floor(std::max(scroll_y, 0.0f) / step) * step;  // scroll_y, held for half a screen
    return {at - screen, at + 2.0f * screen + step};
}

std::string layer_json(const std::vector<LayerLine>& lines, std::size_t face) {
    using json = nlohmann::json;
    json out = json::array();
    for (const LayerLine& l : lines)
        out.push_back({l.text, rounded(l.x), rounded(l.y), rounded(l.width), rounded(l.size), rounded(l.pitch), l.hard ? 1 : 0,
                       rounded(l.baseline)});
    return json{{"face", face}, {"lines", std::move(out)}}.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool ChangeGate::changed(std::string_view value) {
    const std::uint64_t h = mix64(fnv1a64(value));
    if (sent && h == last) return false;
    last = h;
    sent = true;
    ++passed;
    return true;
}

}  // namespace folio
