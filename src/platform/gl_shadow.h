#pragma once
// Force-included into Dear ImGui's OpenGL3 backend (cmake/web.cmake). The backend saves the GL state
// before drawing and restores it after; in Chromium, reading the scissor box or the blend state is a
// round trip that waits for the GPU process to finish everything queued (about 60 ms a frame under
// software GL), and the page's fetches wait with it. Those reads come from these shadows instead.
#include <GLES3/gl3.h>

extern "C" {
void folio_gl_get_integerv(GLenum pname, GLint* data);
void folio_gl_scissor(GLint x, GLint y, GLsizei width, GLsizei height);
void folio_gl_blend_equation(GLenum mode);
void folio_gl_blend_equation_separate(GLenum rgb, GLenum alpha);
void folio_gl_blend_func_separate(GLenum src_rgb, GLenum dst_rgb, GLenum src_alpha, GLenum dst_alpha);
}

#define glGetIntegerv folio_gl_get_integerv
#define glScissor folio_gl_scissor
#define glBlendEquation folio_gl_blend_equation
#define glBlendEquationSeparate folio_gl_blend_equation_separate
#define glBlendFuncSeparate folio_gl_blend_func_separate
