// Browser voice recorder for the chat (plain script, no modules): defines window.workbrainRecorder.
//
//   workbrainRecorder.isSupported()            -> true when getUserMedia and MediaRecorder exist (and the page is secure)
//   workbrainRecorder.start(dotNetRef, options) -> Promise; asks for the microphone and starts recording
//       options.uploadUrl  where the recording is POSTed (multipart form field "file") when it stops (required)
//       options.headers    extra request headers, e.g. an antiforgery token (optional)
//       options.maxSeconds stop automatically after this many seconds (optional, default 120)
//   workbrainRecorder.stop()   -> Promise; stops, uploads, then calls dotNetRef.OnRecorded(responseText)
//   workbrainRecorder.cancel() -> stops and discards the recording (no upload, no callback)
//
// Callbacks on the .NET object (all [JSInvokable]):
//   OnLevel(double level)        input level 0..1, about ten times a second while recording
//   OnRecorded(string json)      the upload endpoint's response body
//   OnRecorderError(string msg)  a message the user can read (no microphone, permission denied, upload failed…)
// Push-to-talk and toggle are UI modes: the page calls start() on press / first click and stop() on release / second click.
(function () {
    "use strict";

    const MIME_TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/mp4"];
    const LEVEL_INTERVAL_MS = 100;

    let session = null;

    function isSupported() {
        return !!(window.isSecureContext !== false
            && navigator.mediaDevices && typeof navigator.mediaDevices.getUserMedia === "function"
            && typeof window.MediaRecorder === "function");
    }

    function pickMimeType() {
        if (typeof MediaRecorder.isTypeSupported !== "function") {
            return "";
        }
        return MIME_TYPES.find(t => MediaRecorder.isTypeSupported(t)) || "";
    }

    function fileNameFor(mimeType) {
        if (mimeType.startsWith("audio/ogg")) {
            return "recording.ogg";
        }
        if (mimeType.startsWith("audio/mp4")) {
            return "recording.m4a";
        }
        return "recording.webm";
    }

    function describe(error) {
        if (!error) {
            return "Recording failed.";
        }
        switch (error.name) {
            case "NotAllowedError":
            case "SecurityError":
                return "Microphone access was denied. Allow the microphone for this site and try again.";
            case "NotFoundError":
            case "OverconstrainedError":
                return "No microphone was found.";
            case "NotReadableError":
                return "The microphone is in use by another application.";
            default:
                return error.message || String(error);
        }
    }

    async function notify(dotNetRef, method, arg) {
        try {
            await dotNetRef.invokeMethodAsync(method, arg);
        } catch (e) {
            // The component may have been disposed (page left); nothing else to tell.
            console.debug("workbrainRecorder: " + method + " not delivered", e);
        }
    }

    function startLevelMeter(s) {
        const AudioContextType = window.AudioContext || window.webkitAudioContext;
        if (!AudioContextType) {
            return;
        }
        s.audioContext = new AudioContextType();
        const source = s.audioContext.createMediaStreamSource(s.stream);
        const analyser = s.audioContext.createAnalyser();
        analyser.fftSize = 1024;
        source.connect(analyser);
        const samples = new Float32Array(analyser.fftSize);
        s.levelTimer = setInterval(() => {
            analyser.getFloatTimeDomainData(samples);
            let sum = 0;
            for (let i = 0; i < samples.length; i++) {
                sum += samples[i] * samples[i];
            }
            const rms = Math.sqrt(sum / samples.length);
            // -60 dBFS and below shows as 0, 0 dBFS as 1.
            const db = rms > 0 ? 20 * Math.log10(rms) : -100;
            const level = Math.min(1, Math.max(0, (db + 60) / 60));
            notify(s.dotNetRef, "OnLevel", level);
        }, LEVEL_INTERVAL_MS);
    }

    function release(s) {
        if (s.levelTimer) {
            clearInterval(s.levelTimer);
            s.levelTimer = null;
        }
        if (s.maxTimer) {
            clearTimeout(s.maxTimer);
            s.maxTimer = null;
        }
        if (s.stream) {
            s.stream.getTracks().forEach(t => t.stop());
        }
        if (s.audioContext && s.audioContext.state !== "closed") {
            s.audioContext.close().catch(() => { });
        }
        if (session === s) {
            session = null;
        }
    }

    async function upload(s, blob) {
        if (!blob || blob.size === 0) {
            await notify(s.dotNetRef, "OnRecorderError", "Nothing was recorded.");
            return;
        }
        const form = new FormData();
        form.append("file", blob, fileNameFor(blob.type || s.mimeType));
        let response;
        try {
            response = await fetch(s.options.uploadUrl, {
                method: "POST",
                body: form,
                headers: s.options.headers || {},
                credentials: "same-origin",
            });
        } catch (e) {
            await notify(s.dotNetRef, "OnRecorderError", "The recording could not be uploaded: " + describe(e));
            return;
        }
        const text = await response.text();
        if (!response.ok) {
            const detail = text && text.length < 300 ? ": " + text : ".";
            await notify(s.dotNetRef, "OnRecorderError", `The recording could not be uploaded (${response.status})${detail}`);
            return;
        }
        await notify(s.dotNetRef, "OnRecorded", text);
    }

    async function start(dotNetRef, options) {
        if (!dotNetRef) {
            throw new Error("workbrainRecorder.start needs a DotNetObjectReference.");
        }
        options = options || {};
        if (!isSupported()) {
            await notify(dotNetRef, "OnRecorderError", "This browser cannot record audio (it needs a secure https page, getUserMedia and MediaRecorder).");
            return false;
        }
        if (!options.uploadUrl) {
            await notify(dotNetRef, "OnRecorderError", "No upload address was given for the recording.");
            return false;
        }
        if (session) {
            cancel();
        }
        const s = { dotNetRef: dotNetRef, options: options, chunks: [], cancelled: false };
        session = s;
        try {
            s.stream = await navigator.mediaDevices.getUserMedia({
                audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
            });
        } catch (e) {
            release(s);
            await notify(dotNetRef, "OnRecorderError", describe(e));
            return false;
        }
        if (s.cancelled) {
            release(s);
            return false;
        }

        s.mimeType = pickMimeType();
        try {
            s.recorder = s.mimeType ? new MediaRecorder(s.stream, { mimeType: s.mimeType }) : new MediaRecorder(s.stream);
        } catch (e) {
            release(s);
            await notify(dotNetRef, "OnRecorderError", describe(e));
            return false;
        }
        s.mimeType = s.recorder.mimeType || s.mimeType || "audio/webm";
        s.recorder.ondataavailable = e => {
            if (e.data && e.data.size > 0) {
                s.chunks.push(e.data);
            }
        };
        s.stopped = new Promise(resolve => {
            s.recorder.onstop = async () => {
                release(s);
                if (!s.cancelled) {
                    await upload(s, new Blob(s.chunks, { type: s.mimeType }));
                }
                resolve();
            };
        });
        s.recorder.onerror = e => {
            notify(dotNetRef, "OnRecorderError", describe(e.error));
            s.cancelled = true;
            stopRecorder(s);
        };

        startLevelMeter(s);
        const maxSeconds = Number(options.maxSeconds) > 0 ? Number(options.maxSeconds) : 120;
        s.maxTimer = setTimeout(() => stopRecorder(s), maxSeconds * 1000);
        s.recorder.start(250);
        return true;
    }

    function stopRecorder(s) {
        if (s.recorder && s.recorder.state !== "inactive") {
            s.recorder.stop();
        } else {
            release(s);
        }
    }

    async function stop() {
        const s = session;
        if (!s) {
            return;
        }
        if (!s.recorder) {
            // Still waiting for microphone permission: give up on this recording.
            s.cancelled = true;
            release(s);
            return;
        }
        stopRecorder(s);
        await s.stopped;
    }

    function cancel() {
        const s = session;
        if (!s) {
            return;
        }
        s.cancelled = true;
        stopRecorder(s);
    }

    window.workbrainRecorder = { start: start, stop: stop, cancel: cancel, isSupported: isSupported };
})();
