/* "Citer ce passage": words selected in the numbered paragraphs of an analysis page get a
   button under the selection's end; it copies them in quotation marks, then the cite box's
   reference with § N and the paragraph's address. The strings and the live region that
   announces the copy are in the cite box (#quote-status, overrides/partials/cite-box.html).
   Nothing runs before a selection exists but three listeners.
   Keyboard: the button goes just after the last selected paragraph, so Tab from a selection
   made with the keyboard (caret browsing) or the mouse reaches it after the paragraph's own
   links. Focus is never moved to it: Shift+arrows would no longer extend the selection. */
(function () {
  "use strict";

  var status = document.getElementById("quote-status");
  var box = document.getElementById("cite-reference");
  if (!status || !box || !window.getSelection) return;
  var strings = status.dataset;
  var button = null, passage = null, down = false, timer = 0;
  var letter = /[\p{L}\p{N}]/u;

  function normal(text) { // HTML whitespace only: French no-break spaces stay
    return text.replace(/[ \t\n\r\f]+/g, " ").trim();
  }

  function numbered(node) { // the numbered paragraph holding a text node, or null
    var p = node.parentElement.closest("p");
    return p && p.firstElementChild && p.firstElementChild.matches(".paragraph-number") ? p : null;
  }

  function cut(node, offset) { // is a word cut at this point of a text node?
    return node.nodeType === 3 && letter.test(node.data.charAt(offset - 1)) && letter.test(node.data.charAt(offset));
  }

  // The selected text of the paragraphs; null when some selected text is outside them.
  function read(range) {
    var root = range.commonAncestorContainer, first = null, last = null, parts = [], node;
    var walker = document.createTreeWalker(root.nodeType === 3 ? root.parentNode : root, NodeFilter.SHOW_TEXT);
    while ((node = walker.nextNode())) {
      if (!range.intersectsNode(node) || (button && button.contains(node))) continue;
      var text = node.data.slice(node === range.startContainer ? range.startOffset : 0,
        node === range.endContainer ? range.endOffset : undefined);
      if (!text.trim()) continue;
      var p = numbered(node);
      if (!p) return null;
      if (node.parentElement.closest(".paragraph-number, .footnote-ref")) continue;
      if (p !== last) parts.push("");
      parts[parts.length - 1] += text;
      first = first || p;
      last = p;
    }
    return last && {
      first: first, last: last, text: parts.map(normal).join(" "),
      cut: [cut(range.startContainer, range.startOffset), cut(range.endContainer, range.endOffset)]
    };
  }

  function update() {
    clearTimeout(timer);
    var selection = getSelection();
    passage = !down && selection.rangeCount && !selection.isCollapsed ? read(selection.getRangeAt(0)) : null;
    if (!passage) {
      if (button) button.hidden = true;
      return;
    }
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "quote-button";
      button.lang = document.documentElement.lang; // the text may be in the other language
      button.textContent = strings.button;
      // Mouse and touch keep the selection (and the focus) where they are; the click comes.
      button.addEventListener("pointerdown", function (event) { event.preventDefault(); });
      button.addEventListener("click", copy);
      addEventListener("resize", schedule);
    }
    if (button.previousElementSibling !== passage.last) passage.last.after(button);
    button.hidden = false;
    place(selection.getRangeAt(0).getClientRects());
  }

  // Under the selection's end, centred on it, inside the screen. On a phone the system's menu
  // is above the selection and its handles hang under it: a larger gap for coarse pointers.
  function place(rects) {
    var start = rects[0], end = rects[rects.length - 1];
    if (!end) return;
    var gap = matchMedia("(pointer: coarse)").matches ? 28 : 6;
    button.style.left = button.style.top = "0px";
    var origin = button.getBoundingClientRect();
    var top = end.bottom + gap;
    if (top + origin.height > innerHeight && start.top - gap - origin.height >= 0) top = start.top - gap - origin.height;
    var width = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(end.right - origin.width / 2, width - origin.width - 8));
    button.style.left = left - origin.left + "px";
    button.style.top = top - origin.top + "px";
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  }

  function copy() {
    if (!passage) return;
    var from = passage.first.firstElementChild.dataset.number;
    var to = passage.last.firstElementChild.dataset.number;
    var reference = box.cloneNode(true), links = reference.querySelectorAll("a");
    var link = links[links.length - 1]; // the page's address
    var url = link.href.split("#")[0] + "#" + passage.first.id;
    link.before(strings.paragraph.replace("{n}", from === to ? from : from + "–" + to) + ". ");
    link.textContent = url;
    // Where text fragments are followed, the link leads to the words themselves (whole words
    // only); the plain text keeps the short address, which a printed report can show.
    var words = passage.text.split(" ").slice(passage.cut[0] ? 1 : 0, passage.cut[1] ? -1 : undefined);
    if ("fragmentDirective" in document && words.length) {
      var part = function (list) { return encodeURIComponent(list.join(" ")).replace(/-/g, "%2D"); };
      url += ":~:text=" + (words.length > 8 ? part(words.slice(0, 4)) + "," + part(words.slice(-4)) : part(words));
    }
    link.href = url;
    var quoted = strings.open + passage.text + strings.close;
    var escaped = document.createElement("p");
    escaped.textContent = quoted;
    var text = quoted + "\n" + normal(reference.textContent);
    var html = escaped.outerHTML + "<p>" + normal(reference.innerHTML) + "</p>";
    var done = function () { say(strings.copied); };
    var byCommand = function () { say(command(text, html) ? strings.copied : strings.failed); };
    var clipboard = navigator.clipboard || {};
    var plain = function () {
      return clipboard.writeText ? clipboard.writeText(text).then(done, byCommand) : byCommand();
    };
    if (clipboard.write && window.ClipboardItem) {
      clipboard.write([new ClipboardItem({
        "text/plain": new Blob([text], { type: "text/plain" }),
        "text/html": new Blob([html], { type: "text/html" })
      })]).then(done, plain);
    } else {
      plain();
    }
  }

  // Older browsers: the copy command, whose event takes both types.
  function command(text, html) {
    var copied = false;
    var put = function (event) {
      event.clipboardData.setData("text/plain", text);
      event.clipboardData.setData("text/html", html);
      event.preventDefault();
      copied = true;
    };
    document.addEventListener("copy", put);
    try { document.execCommand("copy"); } catch (error) { /* not copied */ }
    document.removeEventListener("copy", put);
    return copied;
  }

  function say(message) {
    status.textContent = "";
    setTimeout(function () { status.textContent = message; }, 100); // a change, so read each time
    if (window.alert$) window.alert$.next(message); // Material's "copied" bubble, for the eyes
  }

  document.addEventListener("selectionchange", schedule);
  // No button while the mouse drags out a selection; at once when it lets go.
  document.addEventListener("pointerdown", function (event) {
    down = event.pointerType === "mouse" && event.button === 0 && !(button && button.contains(event.target));
  });
  document.addEventListener("pointerup", function (event) {
    if (button && button.contains(event.target)) return; // its click is coming
    down = false;
    update();
  });
})();
