// App-wide helpers (plain script, no inline handlers so a strict CSP works): defines window.workbrainUi.
//
//   workbrainUi.setTheme(cookie, "dark"|"light")  -> remembers the choice for a year; the server paints it first next time
//   workbrainUi.isNarrow()                       -> true on a phone-sized screen (the drawer then closes after a choice)
//   workbrainUi.timeZone()                       -> the browser's IANA time zone ("Asia/Shanghai"); dates are shown in it
//   clicks on [data-copy] copy the text of the code block or answer they belong to
//   clicks on [data-seek="SECONDS"] seek the player of their timeline (.media-timeline video/audio) there and play
(function () {
  "use strict";

  function setTheme(cookie, value) {
    document.cookie = cookie + "=" + value + "; path=/; max-age=31536000; samesite=lax";
    document.documentElement.classList.toggle("theme-dark", value === "dark");
    document.documentElement.classList.toggle("theme-light", value === "light");
  }

  function isNarrow() {
    return window.matchMedia("(max-width: 959.98px)").matches;
  }

  function copy(text, button) {
    const done = () => {
      button.classList.add("copied");
      setTimeout(() => button.classList.remove("copied"), 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, () => fallbackCopy(text, done));
    } else {
      fallbackCopy(text, done);
    }
  }

  // Plain http on a LAN has no clipboard API: a hidden textarea and execCommand still work there.
  function fallbackCopy(text, done) {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); done(); } catch (e) { /* nothing to copy to */ }
    area.remove();
  }

  document.addEventListener("click", (e) => {
    const button = e.target.closest && e.target.closest("[data-copy]");
    if (!button) return;
    if (button.dataset.copy === "code") {
      const code = button.closest(".code-block")?.querySelector("code");
      if (code) copy(code.textContent, button);
    } else if (button.dataset.copy === "message") {
      const message = button.closest(".message");
      const text = message ? Array.from(message.querySelectorAll(".markdown")).map((m) => m.innerText).join("\n\n") : "";
      copy(text, button);
    }
  });

  document.addEventListener("click", (e) => {
    const button = e.target.closest && e.target.closest("[data-seek]");
    if (!button) return;
    const player = button.closest(".media-timeline")?.querySelector("video, audio");
    if (!player) return;
    player.currentTime = Number(button.dataset.seek) || 0;
    const playing = player.play();
    if (playing && playing.catch) playing.catch(() => { /* autoplay refused: the position is set anyway */ });
  });

  function timeZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
    } catch (e) {
      return null;
    }
  }

  // The interactive circuit has rendered this page: its buttons answer from now on (what browser tests wait for
  // instead of a fixed time after the prerendered page appears).
  function markInteractive() {
    document.documentElement.setAttribute("data-interactive", "");
  }

  window.workbrainUi = { setTheme, isNarrow, timeZone, markInteractive };
})();
