"""The HTML that mammoth gives, as a small tree (the standard library's html.parser)."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class Node:
    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag: str, attrs: dict, children: list | None = None):
        self.tag = tag
        self.attrs = attrs
        self.children: list = [] if children is None else children

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


_VOID = {"img", "br", "hr", "input"}


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {key: value or "" for key, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {key: value or "" for key, value in attrs}))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def text_of(node) -> str:
    if isinstance(node, str):
        return node
    return "".join(text_of(child) for child in node.children)


def has_text(tree: Node) -> bool:
    return bool(re.sub(r"[\s\u200b\ufeff]+", "", text_of(tree)))


def walk(node):
    yield node
    if isinstance(node, Node):
        for child in node.children:
            yield from walk(child)
