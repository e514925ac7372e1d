#!/usr/bin/env python3
"""Writes an archive of stories told several times, with the truth, for related coverage (issue 19).

    tools/gen_copies.py OUT_DIR --stories N --seed S

Each story is a base article (3-8 paragraphs of tools/gen_archive.py's text) and 0-3 copies, each
edited as copies are: a new title, a paragraph dropped or added, a few characters changed, the
paragraphs' spacing or punctuation changed, another outlet's address and a date 0-5 days later.
A third of the stories also get a control: a post on the same topic (same topic words and tags)
by the same outlet, with other text apart from one quoted sentence of the base. Controls are not
copies. Writes OUT_DIR/_posts/*.md and OUT_DIR/truth.json:
    {"stories": [[path of the base, paths of its copies...], ...], "controls": [[control, base], ...]}
"""
import argparse
import datetime
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_archive import Generator, SITES  # noqa: E402


def front(title, date, site, slug, tags):
    return (f'---\ntitle: "{title}"\ndate: {date:%Y-%m-%d %H:%M:%S} +0800\nfrom: https://{site}/{slug}\n'
            f"tags: [ {', '.join(tags)} ]\n---\n\n")


def edit_copy(gen, r, style, paragraphs):
    """A copy of the paragraphs with the edits copies have; returns (paragraphs, what was done)."""
    out, done = list(paragraphs), []
    if len(out) >= 4 and r.random() < 0.4:
        del out[r.randrange(len(out))]
        done.append("dropped a paragraph")
    if r.random() < 0.4:
        out.insert(r.randrange(len(out) + 1), gen.paragraph(style))
        done.append("added a paragraph")
    if r.random() < 0.7:
        k = r.randrange(len(out))
        chars = list(out[k])
        for _ in range(r.randrange(1, 6)):
            chars[r.randrange(len(chars))] = r.choice("的一是在不了有和人这中大为上个国我以要他")
        out[k] = "".join(chars)
        done.append("changed characters")
    if r.random() < 0.3:
        out = [p.replace("，", ", ").replace("。", ". ") for p in out]
        done.append("changed punctuation")
    return out, done


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--stories", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    gen = Generator(args.seed)
    r = random.Random(f"folio-copies/{args.seed}")
    posts_dir = os.path.join(args.out_dir, "_posts")
    os.makedirs(posts_dir, exist_ok=True)
    truth = {"stories": [], "controls": []}
    start = datetime.datetime(2021, 1, 1, 8, 0)
    for s in range(args.stories):
        gen.seed_post(s)
        style = gen.style()
        style["english"] = False  # Chinese stories; gen_archive's English posts are its own case
        paragraphs = [gen.paragraph(style) for _ in range(r.randrange(3, 9))]
        tags = r.sample(style["topic_words"], min(3, len(style["topic_words"])))
        date = start + datetime.timedelta(days=s * 2, minutes=r.randrange(600))
        site = r.choice(SITES)
        names = [f"{date:%Y-%m-%d}-story{s}-base.md"]
        with open(os.path.join(posts_dir, names[0]), "w", encoding="utf-8") as f:
            f.write(front(gen.title(style), date, site, f"story{s}", tags) + "\n\n".join(paragraphs) + "\n")
        for c in range(r.choice([0, 1, 1, 2, 2, 3])):
            copy, _ = edit_copy(gen, r, style, paragraphs)
            when = date + datetime.timedelta(days=r.randrange(0, 6), minutes=r.randrange(600))
            title = gen.title(style) if r.random() < 0.5 else gen.title(style)[:8] + "（转载）"
            name = f"{when:%Y-%m-%d}-story{s}-copy{c}.md"
            with open(os.path.join(posts_dir, name), "w", encoding="utf-8") as f:
                f.write(front(title, when, r.choice([x for x in SITES if x != site]), f"s{s}c{c}", tags) + "\n\n".join(copy) + "\n")
            names.append(name)
        truth["stories"].append(names)
        if s % 3 == 0:  # a follow-up on the same topic, quoting one sentence of the base
            quote = paragraphs[0].split("。")[0] + "。"
            body = [gen.paragraph(style) for _ in range(r.randrange(3, 9))]
            body.insert(1, "此前报道称：" + quote)
            when = date + datetime.timedelta(days=1)
            name = f"{when:%Y-%m-%d}-story{s}-control.md"
            with open(os.path.join(posts_dir, name), "w", encoding="utf-8") as f:
                f.write(front(gen.title(style), when, site, f"story{s}-more", tags) + "\n\n".join(body) + "\n")
            truth["controls"].append([name, names[0]])
    with open(os.path.join(args.out_dir, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
    print(f"{sum(len(s) for s in truth['stories']) + len(truth['controls'])} posts, {args.stories} stories, "
          f"{len(truth['controls'])} controls in {args.out_dir}")


if __name__ == "__main__":
    main()
