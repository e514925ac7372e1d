// Drawing on demand: what each frame tells folio/frame_pace.h. Work the update phase still has
// comes from each module (*_busy); what the panels do in their next frame (a scroll, a focus)
// shows in the picture or settles within the frames drawn after every change.
#include "app.h"
#include "imgui_internal.h"  // a window's hidden frames
#include "platform.h"

namespace folio {
namespace {

// The frame's draw data and clear colour, hashed: vertices, indices and commands (the texture's
// content is not in it: glyphs drawn into the atlas count as font work, and the platform draws again).
std::uint64_t picture_of(const ImDrawData* data, const ImVec4& clear) {
    const float colour[3] = {clear.x, clear.y, clear.z};
    std::uint64_t h = picture_hash(kPictureSeed, colour, sizeof colour);
    if (!data || !data->Valid) return h;
    const float size[4] = {data->DisplaySize.x, data->DisplaySize.y, data->FramebufferScale.x, data->FramebufferScale.y};
    h = picture_hash(h, size, sizeof size);
    for (int i = 0; i < data->CmdListsCount; ++i) {
        const ImDrawList& list = *data->CmdLists[i];
        h = picture_hash(h, list.VtxBuffer.Data, static_cast<std::size_t>(list.VtxBuffer.size_in_bytes()));
        h = picture_hash(h, list.IdxBuffer.Data, static_cast<std::size_t>(list.IdxBuffer.size_in_bytes()));
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            const float clip[4] = {cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w};
            const std::uint64_t rest[4] = {reinterpret_cast<std::uintptr_t>(cmd.TextureId), cmd.VtxOffset, cmd.IdxOffset, cmd.ElemCount};
            h = picture_hash(picture_hash(h, clip, sizeof clip), rest, sizeof rest);
        }
    }
    return h;
}

// A window that appeared this frame (a popup) is laid out hidden until its size is known: it shows
// only in the next frame, which must come though this one drew nothing new.
bool window_appearing() {
    for (const ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (w->Active && (w->Flags & ImGuiWindowFlags_Popup) && w->HiddenFramesCannotSkipItems > 0) return true;
    return false;
}

bool update_busy(const App& app) {
    return app_input_pending(app) || loader_busy(app) || bodies_busy(app) || related_busy(app) ||
           browse_busy(app) || fonts_busy(app, platform_info().device_pixel_ratio) || window_appearing();
}

}  // namespace

bool app_idle(App& app) { return fonts_idle(app); }

bool app_input_pending(const App& app) { return platform_input_waiting() || !app.view.queued.empty(); }

bool app_picture_changed(App& app, const ImVec4& clear) {
    const std::uint64_t picture = picture_of(ImGui::GetDrawData(), clear);
    const bool changed = picture != app.picture;
    app.picture = picture;
    return changed;
}

bool app_pace(App& app, bool woken, bool changed) {
    FrameSignals s;
    s.woken = woken;
    s.busy = update_busy(app);
    s.held = ImGui::IsAnyMouseDown();
    s.changed = changed;
    return frame_pace_next(app.pace, s);
}

}  // namespace folio
