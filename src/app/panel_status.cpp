// Full-window loading progress and load errors.
#include "app.h"

namespace folio {
namespace {

const char* phase_label(const App& app) {
    switch (app.loader.phase) {
        case LoadPhase::Manifest: return ui(app, Ui::LoadingManifest);
        case LoadPhase::Metadata: return ui(app, Ui::LoadingMetadata);
        case LoadPhase::Font: return ui(app, Ui::LoadingFont);
        default: return "";
    }
}

}  // namespace

void panel_status(App& app) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("##status", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    const float width = std::min(560.0f, vp->WorkSize.x - 40.0f);
    ImGui::SetCursorPos(ImVec2((vp->WorkSize.x - width) * 0.5f, vp->WorkSize.y * 0.35f));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextUnformatted("Folio");
    ImGui::Spacing();
    if (app.loader.phase == LoadPhase::Failed) {
        ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
        ImGui::TextWrapped("%s", ui(app, Ui::OpenFailed, {app.loader.error}).c_str());
        ImGui::PopStyleColor();
        ImGui::Spacing();
        ImGui::TextWrapped("%s", ui(app, Ui::RebuildHint));
    } else {
        ImGui::TextUnformatted(phase_label(app));
        const float progress = loader_progress(app);
        if (progress < 0.0f) {
            // Unknown total: an indeterminate bar that sweeps.
            const float t = static_cast<float>(ImGui::GetTime());
            ImGui::ProgressBar(t - static_cast<float>(static_cast<int>(t)), ImVec2(width, 0), "");
        } else {
            char label[32];
            std::snprintf(label, sizeof label, "%d%%", static_cast<int>(progress * 100.0f));
            ImGui::ProgressBar(progress, ImVec2(width, 0), label);
        }
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::End();
}

}  // namespace folio
