// "Read answers aloud" for the chat (plain script): defines window.workbrainAudio.
//
//   workbrainAudio.isReadAloud()        -> the user's choice, kept in this browser's localStorage
//   workbrainAudio.setReadAloud(on)     -> stores it; turning it off stops what is playing
//   workbrainAudio.enqueue(url)         -> plays url after the ones already queued (answers arrive sentence by sentence)
//   workbrainAudio.clear()              -> stops playback and forgets the queue
//   workbrainAudio.played               -> urls started so far, in order (for the page's own tests and diagnostics)
(function () {
    "use strict";

    const KEY = "workbrain.readAloud";
    const queue = [];
    const seen = new Set();
    let current = null;

    function isReadAloud() {
        try {
            return window.localStorage.getItem(KEY) === "1";
        } catch (e) {
            return false;
        }
    }

    function setReadAloud(on) {
        try {
            window.localStorage.setItem(KEY, on ? "1" : "0");
        } catch (e) {
            // Private mode without storage: the choice lasts for this page only.
        }
        if (!on) {
            clear();
        }
    }

    function playNext() {
        if (current || queue.length === 0) {
            return;
        }
        const url = queue.shift();
        const audio = new Audio(url);
        current = audio;
        const next = () => {
            if (current === audio) {
                current = null;
                playNext();
            }
        };
        audio.addEventListener("ended", next);
        audio.addEventListener("error", next);
        api.played.push(url);
        audio.play().catch(next);
    }

    function enqueue(url) {
        if (!url || seen.has(url)) {
            return;
        }
        seen.add(url);
        queue.push(url);
        playNext();
    }

    function clear() {
        queue.length = 0;
        if (current) {
            current.pause();
            current = null;
        }
    }

    const api = { isReadAloud: isReadAloud, setReadAloud: setReadAloud, enqueue: enqueue, clear: clear, played: [] };
    window.workbrainAudio = api;
})();
