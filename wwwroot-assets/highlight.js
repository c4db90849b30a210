// A small syntax highlighter for code blocks in answers: comments, strings, numbers and keywords of the
// common languages. It works on textContent and builds spans, so model output is never parsed as HTML.
(function () {
  "use strict";
  const keywords = new Set((
    "abstract and as async await base bool break byte case catch char class const continue def default del delegate do " +
    "double elif else enum event except explicit export extends false final finally float fn for foreach from func function " +
    "go if impl implements import in int interface internal is lambda let long loop match mod module namespace new nil none " +
    "None not null object operator or out override package pass private protected pub public raise readonly record ref return " +
    "sealed select self short static string struct super switch this throw throws trait true True False try type typeof uint " +
    "use using var virtual void volatile where while with yield SELECT FROM WHERE INSERT UPDATE DELETE JOIN ON GROUP BY ORDER " +
    "echo fi then done esac"
  ).split(" "));
  const token = /(\/\/[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`|\b\d+(?:\.\d+)?\b|\b[A-Za-z_][A-Za-z0-9_]*\b)/g;

  function classify(text, lang) {
    const c = text[0];
    if (text.startsWith("//") || text.startsWith("/*")) return "hl-c";
    if (c === "#") return /^(python|py|bash|sh|shell|ruby|rb|yaml|yml|r|perl|toml|ini|dockerfile)$/.test(lang) ? "hl-c" : null;
    if (c === '"' || c === "'" || c === "`") return "hl-s";
    if (c >= "0" && c <= "9") return "hl-n";
    return keywords.has(text) ? "hl-k" : null;
  }

  window.workbrainHighlight = function (code) {
    const lang = ((code.className.match(/language-([\w+#-]+)/) || [])[1] || "").toLowerCase();
    const source = code.textContent;
    const out = document.createDocumentFragment();
    let last = 0;
    source.replace(token, (match, _g, offset) => {
      const cls = classify(match, lang);
      if (!cls) return match;
      if (offset > last) out.appendChild(document.createTextNode(source.slice(last, offset)));
      const span = document.createElement("span");
      span.className = cls;
      span.textContent = match;
      out.appendChild(span);
      last = offset + match.length;
      return match;
    });
    if (last < source.length) out.appendChild(document.createTextNode(source.slice(last)));
    code.textContent = "";
    code.appendChild(out);
    code.classList.add("highlighted");
  };
})();
