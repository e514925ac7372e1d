#!/usr/bin/env python3
"""Lists C++ functions longer than a limit (default 100 lines) in the given files or folders.

usage: tools/long_functions.py [--max N] PATH...   (folders are searched for *.cpp, *.h, *.hpp, *.cc)
Prints "file:line: name: N lines" per offender, longest first; exits 1 if there is any.

Brace matching on the text with comments, strings and character literals blanked out: a function
is a `{ ... }` at namespace or class level whose header (the text since the previous `;`, `{` or
`}`) has a parameter list. Lambdas and local classes count toward the function holding them. A
function's length runs from the first line of its header to its closing brace. An EM_JS block
counts as a function (its JavaScript body is the function's body).
"""
import argparse
import os
import re
import sys

SOURCE_EXTENSIONS = (".cpp", ".cc", ".h", ".hpp")
CONTROL = re.compile(r"^\s*(if|for|while|switch|catch|do|else)\b")
SCOPE = re.compile(r"\b(namespace|class|struct|union|enum)\b")


def blank_comments_and_strings(text):
    """The text with comments and literals replaced by spaces, newlines kept (so lines still count)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "R" and text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'R"([^()\\\s]{0,16})\(', text[i:])
            if not m:
                out.append(c)
                i += 1
                continue
            end = text.find(")" + m.group(1) + '"', i + m.end())
            j = n if end < 0 else end + len(m.group(1)) + 2
            out.append('""' + re.sub(r"[^\n]", " ", text[i + 2:j]))
            i = j
        elif c == '"' or (c == "'" and not (i > 0 and text[i - 1].isalnum())):  # 1'000'000 is a number
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j - 1]) + c)
            i = j
        else:
            out.append(c)
            i += 1
    # Preprocessor lines (with their continuations) are not code for this purpose.
    return re.sub(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", lambda m: re.sub(r"[^\n]", " ", m.group(0)), "".join(out),
                  flags=re.M)


def function_name(header):
    """The name before the parameter list of a header such as `int Foo::bar(int x) const`."""
    flat = " ".join(header.split())
    if flat.startswith("EM_JS("):
        parts = flat[len("EM_JS("):].split(",")
        return "EM_JS " + parts[1].strip() if len(parts) > 1 else "EM_JS"
    m = re.search(r"(operator\s*\S+?|~?[A-Za-z_]\w*(?:::~?[A-Za-z_]\w*)*)\s*\(", flat)
    return m.group(1) if m else flat[:60]


def is_function_header(header):
    flat = " ".join(header.split())
    if "(" not in flat or CONTROL.match(flat):
        return False
    before_paren = flat[:flat.index("(")]
    if "=" in before_paren and "operator" not in before_paren:  # `T x = f(...) {` is not a definition
        return False
    if SCOPE.search(before_paren) and not flat.startswith("template"):
        return False
    return True


def long_functions(path, limit):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = blank_comments_and_strings(f.read())
    found = []
    stack = []  # per open brace: (is_function, start line, name)
    header_start = 0  # offset where the current header begins
    line = 1
    for i, c in enumerate(text):
        if c == "\n":
            line += 1
        elif c in ";{}":
            if c == "{":
                inside_function = any(is_fn for is_fn, _, _ in stack)
                header = text[header_start:i]
                is_fn = not inside_function and is_function_header(header)
                stripped_lead = len(header) - len(header.lstrip())
                first = line - text[header_start + stripped_lead:i].count("\n")
                stack.append((is_fn, first, function_name(header) if is_fn else ""))
            elif c == "}" and stack:
                is_fn, first, name = stack.pop()
                if is_fn and line - first + 1 > limit:
                    found.append((line - first + 1, path, first, name))
            header_start = i + 1
    return found


def source_files(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for name in sorted(files):
                    if name.endswith(SOURCE_EXTENSIONS):
                        yield os.path.join(root, name)
        else:
            yield p


def main():
    parser = argparse.ArgumentParser(description="List C++ functions longer than --max lines.")
    parser.add_argument("--max", type=int, default=100, help="longest allowed function, in lines (100)")
    parser.add_argument("paths", nargs="+", help="files or folders")
    args = parser.parse_args()
    found = []
    for path in source_files(args.paths):
        found += long_functions(path, args.max)
    for lines, path, first, name in sorted(found, key=lambda f: (-f[0], f[1], f[2])):
        print(f"{path}:{first}: {name}: {lines} lines")
    if found:
        print(f"{len(found)} function(s) over {args.max} lines", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
