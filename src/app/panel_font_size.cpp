// The text size control in the top bar: A- / the size / A+; the size opens a slider.
#include <cstdio>

#include "app.h"

namespace folio {

void panel_font_size(App& app) {
    FontState& f = app.font;
    if (ImGui::SmallButton("A-")) font_size_step(f, -1);
    sem_item(app, "smaller", SemRole::Button, "Smaller text");
    ImGui::SameLine();
    char label[32];
    std::snprintf(label, sizeof label, "%.0f px##size", static_cast<double>(f.size_css_px));
    if (ImGui::SmallButton(label)) ImGui::OpenPopup("text size");
    sem_item(app, "text_size", SemRole::Button, "Text size " + std::to_string(static_cast<int>(f.size_css_px)) + " pixels");
    ImGui::SameLine();
    if (ImGui::SmallButton("A+")) font_size_step(f, 1);
    sem_item(app, "larger", SemRole::Button, "Larger text");
    if (ImGui::BeginPopup("text size")) {
        // Applied on release: every size is a new atlas.
        if (!ImGui::IsAnyItemActive()) f.slider_size = static_cast<int>(f.size_css_px);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.0f);
        ImGui::SliderInt("##slider", &f.slider_size, 11, 35, "%d px");
        if (ImGui::IsItemDeactivatedAfterEdit()) font_size_set(f, static_cast<float>(f.slider_size));
        ImGui::SameLine();
        if (ImGui::SmallButton(ui(app, Ui::SizeReset))) font_size_set(f, kDefaultFontSize);
        ImGui::EndPopup();
    }
}

}  // namespace folio
