// Answers read aloud (plain script): defines window.workbrainAudio and drives the answers' compact players.
//
//   workbrainAudio.isReadAloud()        -> the user's choice, kept in this browser's localStorage
//   workbrainAudio.setReadAloud(on)     -> stores it; turning it off stops what is playing
//   workbrainAudio.enqueue(url)         -> plays url after the ones already queued (answers arrive sentence by sentence)
//   workbrainAudio.clear()              -> stops playback and forgets the queue
//   workbrainAudio.played               -> urls started so far, in order (for the page's own tests and diagnostics)
//
// A player (.audio-player, see AudioPlayer.razor) lists its clips as <i data-src data-duration>; its play button
// plays them in order from where it stands, its speed button cycles the rate (kept for next time), and its bar
// shows the progress across all of them, also while read-aloud is playing them as they stream in.
(function () {
  "use strict";

  const KEY = "workbrain.readAloud";
  const RATE_KEY = "workbrain.audioRate";
  const RATES = [1, 1.25, 1.5, 2, 0.75];
  const queue = [];
  const seen = new Set();
  let current = null;
  let currentUrl = null;
  let rate = Number(read(RATE_KEY)) || 1;

  function read(key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } }
  function write(key, value) { try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ } }

  function isReadAloud() { return read(KEY) === "1"; }

  function setReadAloud(on) {
    write(KEY, on ? "1" : "0");
    if (!on) clear();
  }

  function playNext() {
    if (current || queue.length === 0) { paint(); return; }
    const url = queue.shift();
    const audio = new Audio(url);
    audio.playbackRate = rate;
    current = audio;
    currentUrl = url;
    const next = () => {
      if (current === audio) {
        current = null;
        currentUrl = null;
        playNext();
      }
    };
    audio.addEventListener("ended", next);
    audio.addEventListener("error", next);
    audio.addEventListener("timeupdate", paint);
    audio.addEventListener("play", paint);
    audio.addEventListener("pause", paint);
    api.played.push(url);
    audio.play().catch(next);
    paint();
  }

  function enqueue(url) {
    if (!url || seen.has(url)) return;
    seen.add(url);
    queue.push(url);
    playNext();
  }

  function clear() {
    queue.length = 0;
    if (current) current.pause();
    current = null;
    currentUrl = null;
    paint();
  }

  function clipsOf(player) {
    return Array.from(player.querySelectorAll(".ap-clips i")).map((i) => ({ src: i.dataset.src, duration: Number(i.dataset.duration) || 0 }));
  }

  function resolve(src) { return new URL(src, document.baseURI).href; }

  // The player that holds what is playing now, and how far along its clips that is (0..1).
  function progressOf(player) {
    const clips = clipsOf(player);
    if (!currentUrl || clips.length === 0) return null;
    const here = resolve(currentUrl);
    const index = clips.findIndex((c) => resolve(c.src) === here);
    if (index < 0) return null;
    const total = clips.reduce((sum, c) => sum + c.duration, 0);
    const before = clips.slice(0, index).reduce((sum, c) => sum + c.duration, 0);
    const t = current ? current.currentTime : 0;
    if (total > 0) return Math.min(1, (before + t) / total);
    const d = current && current.duration > 0 ? t / current.duration : 0;
    return (index + d) / clips.length;
  }

  function paint() {
    document.querySelectorAll(".audio-player").forEach((player) => {
      const p = progressOf(player);
      const playing = p !== null && current && !current.paused;
      player.dataset.state = playing ? "playing" : p !== null ? "paused" : "idle";
      const fill = player.querySelector(".ap-fill");
      if (fill) fill.style.width = ((p ?? 0) * 100).toFixed(1) + "%";
      const speed = player.querySelector(".ap-speed");
      if (speed) speed.textContent = rate + "×";
    });
  }

  function toggle(player) {
    if (progressOf(player) !== null && current) {
      if (current.paused) current.play().catch(() => {}); else current.pause();
      return;
    }
    // Start this answer from its first clip (or the one after the last finished): it replaces any other.
    queue.length = 0;
    if (current) current.pause();
    current = null;
    currentUrl = null;
    clipsOf(player).forEach((c) => { seen.add(c.src); queue.push(c.src); });
    playNext();
  }

  function cycleRate() {
    rate = RATES[(RATES.indexOf(rate) + 1) % RATES.length] || 1;
    write(RATE_KEY, String(rate));
    if (current) current.playbackRate = rate;
    paint();
  }

  document.addEventListener("click", (e) => {
    const control = e.target.closest && e.target.closest("[data-player]");
    if (!control) return;
    const player = control.closest(".audio-player");
    if (!player) return;
    if (control.dataset.player === "toggle") toggle(player);
    else if (control.dataset.player === "speed") cycleRate();
  });

  // New players arrive as answers stream in: give them the current state.
  let scheduled = false;
  new MutationObserver(() => {
    if (scheduled || !document.querySelector(".audio-player")) return;
    scheduled = true;
    requestAnimationFrame(() => { scheduled = false; paint(); });
  }).observe(document.body, { childList: true, subtree: true });

  const api = { isReadAloud, setReadAloud, enqueue, clear, played: [] };
  window.workbrainAudio = api;
})();
