# Emscripten side: Dear ImGui and SDL2 from the Debian source packages unpacked by tools/bootstrap.sh.
set(IMGUI_DIR "${FOLIO_DEPS_DIR}/imgui")
set(SDL2_SRC "${FOLIO_DEPS_DIR}/sdl2")
set(SDL2_BUILD "${FOLIO_DEPS_DIR}/sdl2-wasm")
foreach(required "${IMGUI_DIR}/imgui.cpp" "${SDL2_BUILD}/libSDL2.a")
  if(NOT EXISTS "${required}")
    message(FATAL_ERROR "${required} is missing: run tools/bootstrap.sh first")
  endif()
endforeach()

add_library(sdl2_wasm STATIC IMPORTED)
set_target_properties(sdl2_wasm PROPERTIES IMPORTED_LOCATION "${SDL2_BUILD}/libSDL2.a")
# SDL2's headers must win over Emscripten's bundled SDL 1.2 headers.
target_include_directories(sdl2_wasm SYSTEM BEFORE INTERFACE
  "${SDL2_BUILD}/include-config-release" "${SDL2_BUILD}/include" "${SDL2_SRC}/include")

add_library(imgui STATIC
  "${IMGUI_DIR}/imgui.cpp" "${IMGUI_DIR}/imgui_draw.cpp" "${IMGUI_DIR}/imgui_tables.cpp"
  "${IMGUI_DIR}/imgui_widgets.cpp"
  "${IMGUI_DIR}/backends/imgui_impl_sdl.cpp" "${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp"
  "${CMAKE_SOURCE_DIR}/src/platform/gl_shadow.cpp")
# The backend's state reads that would wait for the GPU come from shadows (src/platform/gl_shadow.h).
set_source_files_properties("${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp" PROPERTIES
  COMPILE_OPTIONS "-include;${CMAKE_SOURCE_DIR}/src/platform/gl_shadow.h")
target_include_directories(imgui SYSTEM PUBLIC "${IMGUI_DIR}" "${IMGUI_DIR}/backends")
# 32-bit ImWchar so code points beyond the BMP (extension-B ideographs) can be baked.
target_compile_definitions(imgui PUBLIC IMGUI_USE_WCHAR32 IMGUI_IMPL_OPENGL_ES3 IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
target_link_libraries(imgui PUBLIC sdl2_wasm)

# emcc's JS optimizer needs Debian's node modules (acorn) on NODE_PATH at link time.
set_property(GLOBAL PROPERTY RULE_LAUNCH_LINK "${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs")

function(configure_wasm_target target)
  set_target_properties(${target} PROPERTIES SUFFIX ".js")
  target_link_options(${target} PRIVATE
    -sALLOW_MEMORY_GROWTH=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
    -sENVIRONMENT=web -sEXIT_RUNTIME=0 -sMODULARIZE=0
    # No file system: the viewer fetches its data; without it app.js is 50 KB (a fifth) smaller.
    -sFILESYSTEM=0
    "-sEXPORTED_FUNCTIONS=['_main','_malloc','_free']"
    "-sEXPORTED_RUNTIME_METHODS=['UTF8ToString','stringToUTF8','lengthBytesUTF8']")
endfunction()
