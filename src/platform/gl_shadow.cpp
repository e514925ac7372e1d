// The scissor box and blend state as last set through gl_shadow.h (only the ImGui backend sets them),
// read from WebGL once.
#include <GLES3/gl3.h>

#include <algorithm>
#include <iterator>

namespace {

struct Shadow {
    bool known = false;
    GLint scissor[4] = {};
    GLint blend[6] = {};  // equation rgb, alpha; func src rgb, dst rgb, src alpha, dst alpha
};
Shadow g_shadow;

constexpr GLenum kBlendNames[6] = {GL_BLEND_EQUATION_RGB, GL_BLEND_EQUATION_ALPHA, GL_BLEND_SRC_RGB,
                                   GL_BLEND_DST_RGB,      GL_BLEND_SRC_ALPHA,      GL_BLEND_DST_ALPHA};

void learn() {
    if (g_shadow.known) return;
    glGetIntegerv(GL_SCISSOR_BOX, g_shadow.scissor);
    for (int i = 0; i < 6; ++i) glGetIntegerv(kBlendNames[i], &g_shadow.blend[i]);
    g_shadow.known = true;
}

}  // namespace

extern "C" {

void folio_gl_get_integerv(GLenum pname, GLint* data) {
    const auto blend = std::find(std::begin(kBlendNames), std::end(kBlendNames), pname);
    if (pname != GL_SCISSOR_BOX && blend == std::end(kBlendNames)) return glGetIntegerv(pname, data);
    learn();
    if (pname == GL_SCISSOR_BOX) std::copy(std::begin(g_shadow.scissor), std::end(g_shadow.scissor), data);
    else *data = g_shadow.blend[blend - std::begin(kBlendNames)];
}

void folio_gl_scissor(GLint x, GLint y, GLsizei width, GLsizei height) {
    learn();
    const GLint box[4] = {x, y, width, height};
    std::copy(std::begin(box), std::end(box), g_shadow.scissor);
    glScissor(x, y, width, height);
}

void folio_gl_blend_equation_separate(GLenum rgb, GLenum alpha) {
    learn();
    g_shadow.blend[0] = static_cast<GLint>(rgb);
    g_shadow.blend[1] = static_cast<GLint>(alpha);
    glBlendEquationSeparate(rgb, alpha);
}

void folio_gl_blend_equation(GLenum mode) { folio_gl_blend_equation_separate(mode, mode); }

void folio_gl_blend_func_separate(GLenum src_rgb, GLenum dst_rgb, GLenum src_alpha, GLenum dst_alpha) {
    learn();
    const GLenum func[4] = {src_rgb, dst_rgb, src_alpha, dst_alpha};
    std::copy(std::begin(func), std::end(func), g_shadow.blend + 2);
    glBlendFuncSeparate(src_rgb, dst_rgb, src_alpha, dst_alpha);
}

}  // extern "C"
