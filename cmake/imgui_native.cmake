# Native side: Dear ImGui without backends (no window, no GPU), for the viewer on the null platform
# (src/platform/*_null.cpp), from the same Debian source package tools/bootstrap.sh unpacks.
set(IMGUI_DIR "${FOLIO_DEPS_DIR}/imgui")
if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "${IMGUI_DIR}/imgui.cpp is missing: run tools/bootstrap.sh first")
endif()
add_library(imgui STATIC
  "${IMGUI_DIR}/imgui.cpp" "${IMGUI_DIR}/imgui_draw.cpp" "${IMGUI_DIR}/imgui_tables.cpp"
  "${IMGUI_DIR}/imgui_widgets.cpp")
target_include_directories(imgui SYSTEM PUBLIC "${IMGUI_DIR}")
# As in the web build (cmake/web.cmake): 32-bit ImWchar for code points beyond the BMP.
target_compile_definitions(imgui PUBLIC IMGUI_USE_WCHAR32 IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
# Its bitwise ORs of public and private flag enums are deprecated in C++20 (the project's standard).
target_compile_options(imgui PRIVATE -Wno-deprecated-enum-enum-conversion)
