// WorkBrain chat page helpers: keyboard sending (IME-safe), code highlighting, sticky auto-scroll.
(function () {
  "use strict";
  const inputs = new WeakMap();
  const observed = new WeakSet();

  // Enter sends, Shift+Enter is a new line, and Enter while an input method is composing (pinyin candidates
  // on screen) only confirms the candidate. keyCode 229 covers browsers that end composition before keydown.
  // Text pasted at or above options.pasteAsDocument characters is uploaded as a text document and attached instead of
  // filling the input (as the best chat apps do): the message stays short and the text reaches document_qa whole.
  function pasteAsDocument(textarea, dotNetRef, options) {
    return (e) => {
      const text = e.clipboardData ? e.clipboardData.getData("text/plain") : "";
      if (!options || !options.pasteAsDocument || text.length < options.pasteAsDocument) return;
      e.preventDefault();
      const form = new FormData();
      form.append("file", new File([text], "pasted-text.txt", { type: "text/plain" }));
      textarea.dataset.pasting = "1";
      fetch(options.uploadUrl, { method: "POST", headers: { [options.uploadHeader]: "1" }, body: form, credentials: "same-origin" })
        .then((r) => r.text())
        .then((body) => {
          try { JSON.parse(body); } catch { body = JSON.stringify({ error: "The pasted text could not be uploaded." }); }
          return dotNetRef.invokeMethodAsync("OnPastedDocument", body);
        })
        .catch(() => dotNetRef.invokeMethodAsync("OnPastedDocument", JSON.stringify({ error: "The pasted text could not be uploaded." })))
        .finally(() => { delete textarea.dataset.pasting; });
    };
  }

  function attachInput(textarea, dotNetRef, options) {
    if (!textarea || inputs.has(textarea)) return;
    let composing = false;
    const onStart = () => { composing = true; };
    const onEnd = () => { setTimeout(() => { composing = false; }, 0); };
    const onKey = (e) => {
      if (e.key !== "Enter" || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
      if (composing || e.isComposing || e.keyCode === 229) return;
      e.preventDefault();
      const value = textarea.value;
      if (value.trim().length === 0) return;
      dotNetRef.invokeMethodAsync("SubmitFromKeyboard", value);
    };
    const onInput = () => autosize(textarea);
    const onPaste = pasteAsDocument(textarea, dotNetRef, options);
    textarea.addEventListener("paste", onPaste);
    textarea.addEventListener("compositionstart", onStart);
    textarea.addEventListener("compositionend", onEnd);
    textarea.addEventListener("keydown", onKey);
    textarea.addEventListener("input", onInput);
    textarea.dataset.ready = "1";
    inputs.set(textarea, () => {
      textarea.removeEventListener("paste", onPaste);
      textarea.removeEventListener("compositionstart", onStart);
      textarea.removeEventListener("compositionend", onEnd);
      textarea.removeEventListener("keydown", onKey);
      textarea.removeEventListener("input", onInput);
    });
  }

  function detachInput(textarea) {
    const off = textarea && inputs.get(textarea);
    if (off) { off(); inputs.delete(textarea); }
  }

  function autosize(textarea) {
    textarea.style.height = "auto";
    textarea.style.height = Math.min(textarea.scrollHeight, 240) + "px";
  }

  // Highlight code and keep the view at the bottom while the user has not scrolled up; batched per frame.
  // With dotNetRef, long chats page: when the top (or, after older pages were loaded, the bottom) of the list
  // comes near, the page loads the next page of messages; the message at the edge keeps its place on screen.
  function enhance(container, dotNetRef) {
    if (!container || observed.has(container)) return;
    observed.add(container);
    let frame = 0;
    let stick = true;
    const paging = dotNetRef ? pager(container, dotNetRef) : null;
    container.addEventListener("scroll", () => {
      stick = container.scrollHeight - container.scrollTop - container.clientHeight < 80
        && !container.querySelector("[data-page-sentinel=later]");
    }, { passive: true });
    const update = () => {
      frame = 0;
      container.querySelectorAll("pre code").forEach((code) => {
        if (code.dataset.hl === code.textContent.length.toString()) return;
        if (window.workbrainHighlight) window.workbrainHighlight(code);
        code.dataset.hl = code.textContent.length.toString();
      });
      if (paging && paging.restore()) {
        // a page was just loaded: the anchor message decides the scroll position
      } else if (stick) {
        container.scrollTop = container.scrollHeight;
      }
      if (paging) paging.observe();
    };
    new MutationObserver(() => { if (!frame) frame = requestAnimationFrame(update); })
      .observe(container, { childList: true, subtree: true, characterData: true });
    update();
  }

  function pager(container, dotNetRef) {
    const watched = new WeakSet();
    let busy = false;
    let anchor = null;
    const methods = { earlier: "LoadEarlierFromScroll", later: "LoadLaterFromScroll" };
    const restore = () => {
      if (!anchor || !anchor.el.isConnected) return false;
      const delta = anchor.el.getBoundingClientRect().top - anchor.top;
      if (delta !== 0) container.scrollTop += delta;
      return true;
    };
    const load = async (direction) => {
      if (busy || !methods[direction]) return;
      busy = true;
      const messages = container.querySelectorAll("[data-testid=message]");
      const el = direction === "earlier" ? messages[0] : messages[messages.length - 1];
      anchor = el ? { el, top: el.getBoundingClientRect().top } : null;
      try {
        await dotNetRef.invokeMethodAsync(methods[direction]);
      } catch (e) {
        console.warn("workbrain: loading messages failed", e);
      }
      requestAnimationFrame(() => {
        restore();
        anchor = null;
        busy = false;
        // A sentinel still in reach (a short page) does not change intersection state: observe it afresh.
        container.querySelectorAll("[data-page-sentinel]").forEach((s) => { io.unobserve(s); io.observe(s); });
      });
    };
    const io = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) load(entry.target.dataset.pageSentinel);
      }
    }, { root: container, rootMargin: "600px 0px" });
    const observe = () => {
      container.querySelectorAll("[data-page-sentinel]").forEach((s) => {
        if (watched.has(s)) return;
        watched.add(s);
        io.observe(s);
      });
    };
    return { restore, observe };
  }

  // The user sent something: show the newest message (the scroll event then keeps the view stuck to the bottom).
  function scrollToEnd(container) {
    if (container) container.scrollTop = container.scrollHeight;
  }

  window.workbrainChat = { attachInput, detachInput, enhance, scrollToEnd };
})();
