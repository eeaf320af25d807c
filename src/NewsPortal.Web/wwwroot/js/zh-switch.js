// 繁/简: converts the page's text to Traditional or to Simplified characters with OpenCC's tables
// (zh-tables.json, loaded on first use: longest phrase first, else character by character) and
// remembers the reader's choice for the next pages. Without a choice pages show what the sources wrote.
(() => {
  "use strict";
  const storageKey = "newsportal.zh";
  const button = document.getElementById("zh-switch");
  if (!button) return;
  let tables;

  async function load() {
    if (!tables) {
      const response = await fetch(button.dataset.tables);
      if (!response.ok) throw new Error(`zh tables: ${response.status}`);
      tables = await response.json();
    }
    return tables;
  }

  function converter(table) {
    const longest = Object.keys(table.phrases).reduce((n, k) => Math.max(n, k.length), 1);
    return text => {
      let out = "";
      for (let i = 0; i < text.length;) {
        let matched = false;
        for (let n = Math.min(longest, text.length - i); n > 1; n--) {
          const phrase = table.phrases[text.substr(i, n)];
          if (phrase !== undefined) {
            out += phrase;
            i += n;
            matched = true;
            break;
          }
        }
        if (!matched) {
          const c = text[i];
          out += table.chars[c] ?? c;
          i++;
        }
      }
      return out;
    };
  }

  function convertPage(convert) {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: node => node.parentElement.closest("script, style, textarea, [data-no-convert]")
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    });
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      const converted = convert(node.nodeValue);
      if (converted !== node.nodeValue) node.nodeValue = converted;
    }
    document.title = convert(document.title);
  }

  async function apply(mode) {
    convertPage(converter((await load())[mode]));
    document.documentElement.lang = mode === "hant" ? "zh-Hant" : "zh-Hans";
    button.dataset.mode = mode;
    button.textContent = mode === "hant" ? "简" : "繁";
    button.setAttribute("aria-label", mode === "hant" ? "转为简体" : "轉為繁體");
  }

  button.addEventListener("click", async () => {
    const mode = button.dataset.mode === "hant" ? "hans" : "hant";
    localStorage.setItem(storageKey, mode);
    await apply(mode);
  });
  const saved = localStorage.getItem(storageKey);
  if (saved === "hant" || saved === "hans") apply(saved);
})();
