// SDL2 + WebGL2 in the browser (Emscripten).
#include <SDL.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>

#include <GLES3/gl3.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "folio/glyph_plan.h"
#include "platform.h"
#include "text_bridge.h"

// Settings kept by window.folioPrefs (web/folio-shell.js, whose index lists these EM_JS blocks).
// NOTE: free the returned string with free(); null when the page keeps no such setting.
EM_JS(char*, folio_js_load_setting, (const char* key), {
    const v = window.folioPrefs ? window.folioPrefs.load(UTF8ToString(key)) : null;
    return v === null || v === undefined ? 0 : allocateUTF8(v);
});
EM_JS(void, folio_js_save_setting, (const char* key, const char* value), {
    if (window.folioPrefs) window.folioPrefs.save(UTF8ToString(key), UTF8ToString(value));
});
// Frames on demand (window.folioFrames): the page's scheduler calls _folio_platform_frame, and
// _folio_platform_idle while no frame is due.
EM_JS(void, folio_js_frames_start, (), {
    window.folioFrames.start((woken) => _folio_platform_frame(woken ? 1 : 0) !== 0, () => _folio_platform_idle() !== 0);
});
EM_JS(void, folio_js_wake, (), {
    if (window.folioFrames) window.folioFrames.wake();
});
// A character as the browser draws it (window.folioGlyphs): out[0..6] = drawable, colour, x0, y0, w, h,
// advance * 64; returns its w * h RGBA texels in memory from malloc, or null when there are none.
// NOTE: free the returned block with free().
EM_JS(unsigned char*, folio_js_browser_glyph, (int cp, float pixels, int side, int* out), {
    const r = window.folioGlyphs ? window.folioGlyphs.draw(cp, pixels, side) : { drawable: false };
    const v = [r.drawable ? 1 : 0, r.colour ? 1 : 0, r.x0 | 0, r.y0 | 0, r.w | 0, r.h | 0, Math.round((r.advance || 0) * 64)];
    for (let i = 0; i < 7; i++) HEAP32[(out >> 2) + i] = v[i];
    if (!r.drawable || !r.rgba || !r.rgba.length) return 0;
    const ptr = _malloc(r.rgba.length);
    HEAPU8.set(r.rgba, ptr);
    return ptr;
});

namespace folio {
namespace {

struct Platform {
    SDL_Window* window = nullptr;
    SDL_GLContext gl = nullptr;
    GLuint font_texture = 0;
    int font_width = 0, font_height = 0;
    bool font_rgba = false;  // the atlas texture was turned into RGBA for colour glyphs
    bool texture_changed = false;  // the atlas changed since the last frame drawn: the next one must draw
    std::vector<SDL_Event> carried_events;  // input held back to the next frame
    bool (*frame)(bool woken) = nullptr;    // the app's frame (platform_run)
    bool (*idle)() = nullptr;               // its work between frames
};
Platform g_platform;

GLuint compile(GLenum type, const char* source) {
    const GLuint shader = glCreateShader(type);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    return shader;
}

// Copies the luminance + alpha atlas into a new RGBA texture on the GPU (a full-screen triangle that
// fetches each texel; the CPU copy is long gone) and uses that from now on.
void atlas_to_rgba() {
    Platform& p = g_platform;
    const GLuint program = glCreateProgram();
    const GLuint vs = compile(GL_VERTEX_SHADER, "#version 300 es\n"
        "void main() { vec2 c = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));"
        " gl_Position = vec4(c * 2.0 - 1.0, 0.0, 1.0); }");
    const GLuint fs = compile(GL_FRAGMENT_SHADER, "#version 300 es\nprecision highp float; uniform sampler2D la; out vec4 o;"
        " void main() { o = vec4(1.0, 1.0, 1.0, texelFetch(la, ivec2(gl_FragCoord.xy), 0).a); }");
    glAttachShader(program, vs);
    glAttachShader(program, fs);
    glLinkProgram(program);
    GLuint rgba = 0, fbo = 0;
    glGenTextures(1, &rgba);
    glBindTexture(GL_TEXTURE_2D, rgba);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, p.font_width, p.font_height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glGenFramebuffers(1, &fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, rgba, 0);
    glViewport(0, 0, p.font_width, p.font_height);
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glUseProgram(program);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, p.font_texture);
    glUniform1i(glGetUniformLocation(program, "la"), 0);
    glBindVertexArray(0);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glUseProgram(0);
    glDeleteFramebuffers(1, &fbo);
    glDeleteProgram(program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    glDeleteTextures(1, &p.font_texture);
    p.font_texture = rgba;
    p.font_rgba = true;
    ImGui::GetIO().Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(rgba)));
}

// Fills the bound luminance + alpha texture with blank texels (white, alpha 0: filtering at a glyph's
// edge blends with white) on the GPU's side: one band is sent, then copied down the texture.
void blank_texture(int width, int height) {
    const int band = std::min(height, 64);
    const std::vector<std::uint16_t> blank(static_cast<std::size_t>(width) * static_cast<std::size_t>(band), 0x00FF);
    GLuint buffer = 0;
    glGenBuffers(1, &buffer);
    glBindBuffer(GL_PIXEL_UNPACK_BUFFER, buffer);
    glBufferData(GL_PIXEL_UNPACK_BUFFER, static_cast<GLsizeiptr>(blank.size() * 2), blank.data(), GL_STATIC_DRAW);
    for (int y = 0; y < height; y += band)  // from the buffer: the last argument is an offset into it
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, y, width, std::min(band, height - y), GL_LUMINANCE_ALPHA, GL_UNSIGNED_BYTE, nullptr);
    glBindBuffer(GL_PIXEL_UNPACK_BUFFER, 0);
    glDeleteBuffers(1, &buffer);
}

}  // namespace
}  // namespace folio

extern "C" EMSCRIPTEN_KEEPALIVE int folio_platform_frame(int woken) {
    return folio::g_platform.frame && folio::g_platform.frame(woken != 0) ? 1 : 0;
}
extern "C" EMSCRIPTEN_KEEPALIVE int folio_platform_idle() { return folio::g_platform.idle && folio::g_platform.idle() ? 1 : 0; }

namespace folio {

bool platform_init(const char* title) {
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) return false;
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    // The canvas is sized by CSS; SDL follows it because the window is resizable.
    const auto flags = static_cast<SDL_WindowFlags>(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    g_platform.window = SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 720, flags);
    if (!g_platform.window) return false;
    g_platform.gl = SDL_GL_CreateContext(g_platform.window);
    if (!g_platform.gl) return false;
    SDL_GL_SetSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no file system in the browser
    io.ConfigInputTextCursorBlink = false;  // frames are drawn on demand: a blinking caret would keep them coming
    ImGui_ImplSDL2_InitForOpenGL(g_platform.window, g_platform.gl);
    // The system clipboard: copy goes through the bridge; paste arrives as text through it.
    io.SetClipboardTextFn = [](void*, const char* text) { text_bridge_copy(text); };
    io.GetClipboardTextFn = [](void*) -> const char* { return ""; };
    ImGui_ImplOpenGL3_Init("#version 300 es");
    return true;
}

void platform_run(bool (*frame)(bool woken), bool (*idle)()) {
    g_platform.frame = frame;
    g_platform.idle = idle;
    folio_js_frames_start();
}

void platform_wake() { folio_js_wake(); }

bool platform_input_waiting() { return !g_platform.carried_events.empty(); }

bool platform_begin_frame() {
    // Dear ImGui 1.86 samples key state once per frame, so a key pressed and released between two
    // frames would be lost: each key changes state at most once per frame, and events from the
    // second change on wait (in order) for the next frame.
    std::vector<SDL_Event> events = std::move(g_platform.carried_events);
    g_platform.carried_events.clear();
    SDL_Event event;
    while (SDL_PollEvent(&event)) events.push_back(event);
    std::vector<SDL_Scancode> changed;
    for (std::size_t i = 0; i < events.size(); ++i) {
        SDL_Event& e = events[i];
        if (e.type == SDL_KEYDOWN || e.type == SDL_KEYUP) {
            const SDL_Scancode code = e.key.keysym.scancode;
            if (std::find(changed.begin(), changed.end(), code) != changed.end()) {
                g_platform.carried_events.assign(events.begin() + static_cast<std::ptrdiff_t>(i), events.end());
                break;
            }
            if (!(e.type == SDL_KEYDOWN && e.key.repeat)) changed.push_back(code);
        }
        if (e.type == SDL_USEREVENT && e.user.code == kTextCommitEvent) {  // text from the bridge, in its place
            text_bridge_text_due();
            text_bridge_flush();
            continue;
        }
        ImGui_ImplSDL2_ProcessEvent(&e);
        if (e.type == SDL_KEYDOWN || e.type == SDL_KEYUP) {
            // The backend reads SDL's current modifiers, which are wrong for events held back
            // a frame; each key event carries its own.
            ImGuiIO& io = ImGui::GetIO();
            const Uint16 mod = e.key.keysym.mod;
            io.KeyCtrl = (mod & KMOD_CTRL) != 0;
            io.KeyShift = (mod & KMOD_SHIFT) != 0;
            io.KeyAlt = (mod & KMOD_ALT) != 0;
            io.KeySuper = (mod & KMOD_GUI) != 0;
        }
        if (e.type == SDL_QUIT) return false;
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    // Text whose marker came while Ctrl was down (a paste) goes in once it is up.
    text_bridge_flush();
    return true;
}

void platform_end_frame() { ImGui::Render(); }

bool platform_present(float r, float g, float b, bool picture_changed) {
    if (!picture_changed && !g_platform.texture_changed) return false;
    g_platform.texture_changed = false;
    int w = 0, h = 0;
    SDL_GL_GetDrawableSize(g_platform.window, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(r, g, b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    SDL_GL_SwapWindow(g_platform.window);
    return true;
}

PlatformInfo platform_info() {
    PlatformInfo info;
    info.device_pixel_ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
    return info;
}

AtlasStats platform_upload_font_atlas() {
    AtlasStats stats;
    ImGuiIO& io = ImGui::GetIO();
    const double t0 = emscripten_get_now();
    unsigned char* alpha = nullptr;
    io.Fonts->GetTexDataAsAlpha8(&alpha, &stats.width, &stats.height);  // builds the atlas if needed
    const double t1 = emscripten_get_now();
    ImGui_ImplOpenGL3_DestroyFontsTexture();  // the backend's RGBA texture, if it made one
    if (g_platform.font_texture) glDeleteTextures(1, &g_platform.font_texture);
    glGenTextures(1, &g_platform.font_texture);
    glBindTexture(GL_TEXTURE_2D, g_platform.font_texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_LUMINANCE_ALPHA, stats.width, stats.height, 0, GL_LUMINANCE_ALPHA,
                 GL_UNSIGNED_BYTE, nullptr);
    blank_texture(stats.width, stats.height);
    // Luminance is always 1 so ImGui's shader (colour * texel) sees white glyphs with coverage alpha:
    // each texel one 16-bit store, luminance in the low byte (WebAssembly is little-endian).
    std::vector<std::uint16_t> la;
    for (const AtlasBlock& block : atlas_content_blocks(alpha, stats.width, stats.height)) {
        la.resize(static_cast<std::size_t>(block.w) * static_cast<std::size_t>(block.h));
        for (int y = 0; y < block.h; ++y) {
            const unsigned char* from = alpha + static_cast<std::size_t>(block.y + y) * static_cast<std::size_t>(stats.width) +
                                        static_cast<std::size_t>(block.x);
            std::uint16_t* to = la.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(block.w);
            for (int x = 0; x < block.w; ++x) to[x] = static_cast<std::uint16_t>(from[x] << 8 | 0xFF);
        }
        glTexSubImage2D(GL_TEXTURE_2D, 0, block.x, block.y, block.w, block.h, GL_LUMINANCE_ALPHA, GL_UNSIGNED_BYTE, la.data());
        stats.uploaded_texels += la.size();
    }
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(g_platform.font_texture)));
    io.Fonts->ClearTexData();
    g_platform.font_width = stats.width;
    g_platform.font_height = stats.height;
    g_platform.font_rgba = false;
    g_platform.texture_changed = true;
    stats.upload_ms = emscripten_get_now() - t1;
    stats.build_ms = t1 - t0;
    stats.gpu_bytes = static_cast<std::size_t>(stats.width) * static_cast<std::size_t>(stats.height) * 2;
    for (const ImFont* font : io.Fonts->Fonts) stats.glyphs += font->Glyphs.Size;
    return stats;
}

void platform_update_font_atlas(int x, int y, int w, int h, const unsigned char* alpha) {
    const std::size_t texels = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    if (g_platform.font_rgba) {  // white, with the coverage as alpha
        std::vector<unsigned char> rgba(texels * 4, 255);
        for (std::size_t i = 0; i < texels; ++i) rgba[4 * i + 3] = alpha[i];
        platform_update_font_atlas_rgba(x, y, w, h, rgba.data());
        return;
    }
    std::vector<unsigned char> la(texels * 2, 255);
    for (std::size_t i = 0; i < texels; ++i) la[2 * i + 1] = alpha[i];
    glBindTexture(GL_TEXTURE_2D, g_platform.font_texture);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexSubImage2D(GL_TEXTURE_2D, 0, x, y, w, h, GL_LUMINANCE_ALPHA, GL_UNSIGNED_BYTE, la.data());
    g_platform.texture_changed = true;
}

void platform_update_font_atlas_rgba(int x, int y, int w, int h, const unsigned char* rgba) {
    if (!g_platform.font_rgba) atlas_to_rgba();
    glBindTexture(GL_TEXTURE_2D, g_platform.font_texture);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexSubImage2D(GL_TEXTURE_2D, 0, x, y, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    g_platform.texture_changed = true;
}

BrowserGlyphImage platform_browser_glyph(char32_t cp, float pixels, int side) {
    int out[7] = {};
    unsigned char* texels = folio_js_browser_glyph(static_cast<int>(cp), pixels, side, out);
    BrowserGlyphImage image;
    image.drawable = out[0] != 0;
    image.colour = out[1] != 0;
    image.x0 = out[2];
    image.y0 = out[3];
    image.w = texels ? out[4] : 0;
    image.h = texels ? out[5] : 0;
    image.advance = static_cast<float>(out[6]) / 64.0f;
    if (texels) image.rgba.assign(texels, texels + static_cast<std::size_t>(image.w) * static_cast<std::size_t>(image.h) * 4);
    std::free(texels);
    return image;
}

std::string platform_load_setting(const char* key) {
    char* value = folio_js_load_setting(key);
    if (!value) return {};
    std::string out(value);
    std::free(value);
    return out;
}

void platform_save_setting(const char* key, const std::string& value) { folio_js_save_setting(key, value.c_str()); }

double platform_now_ms() { return emscripten_get_now(); }

double platform_heap_bytes() { return EM_ASM_DOUBLE({ return HEAPU8.length; }); }

void platform_shutdown() {
    if (g_platform.font_texture) glDeleteTextures(1, &g_platform.font_texture);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_GL_DeleteContext(g_platform.gl);
    SDL_DestroyWindow(g_platform.window);
    SDL_Quit();
}

}  // namespace folio
