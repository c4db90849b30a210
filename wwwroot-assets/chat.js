// WorkBrain chat page helpers: keyboard sending (IME-safe), code highlighting, sticky auto-scroll.
(function () {
  "use strict";
  const inputs = new WeakMap();
  const observed = new WeakSet();

  // Enter sends, Shift+Enter is a new line, and Enter while an input method is composing (pinyin candidates
  // on screen) only confirms the candidate. keyCode 229 covers browsers that end composition before keydown.
  function attachInput(textarea, dotNetRef) {
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
    textarea.addEventListener("compositionstart", onStart);
    textarea.addEventListener("compositionend", onEnd);
    textarea.addEventListener("keydown", onKey);
    textarea.addEventListener("input", onInput);
    textarea.dataset.ready = "1";
    inputs.set(textarea, () => {
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
  function enhance(container) {
    if (!container || observed.has(container)) return;
    observed.add(container);
    let frame = 0;
    let stick = true;
    container.addEventListener("scroll", () => {
      stick = container.scrollHeight - container.scrollTop - container.clientHeight < 80;
    }, { passive: true });
    const update = () => {
      frame = 0;
      container.querySelectorAll("pre code").forEach((code) => {
        if (code.dataset.hl === code.textContent.length.toString()) return;
        if (window.workbrainHighlight) window.workbrainHighlight(code);
        code.dataset.hl = code.textContent.length.toString();
      });
      if (stick) container.scrollTop = container.scrollHeight;
    };
    new MutationObserver(() => { if (!frame) frame = requestAnimationFrame(update); })
      .observe(container, { childList: true, subtree: true, characterData: true });
    update();
  }

  function copyText(button) {
    const message = button.closest(".message");
    const text = message ? Array.from(message.querySelectorAll(".markdown")).map((m) => m.innerText).join("\n\n") : "";
    if (navigator.clipboard) navigator.clipboard.writeText(text);
  }

  window.workbrainChat = { attachInput, detachInput, enhance, copyText };
})();
