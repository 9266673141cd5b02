// Typeset the math of every page with the vendored KaTeX (no CDN).
//
// Markdown pages: pymdownx.arithmatex (generic) leaves \( \) and \[ \] inside
// .arithmatex elements. Notebook pages: nbconvert leaves the notebook's raw $ and
// $$ in the HTML, so the $ delimiters are needed too. auto-render skips <pre> and
// <code>, so code and shell prompts are never mistaken for math.
//
// document$ (Material) emits on the first load and again after every instant
// navigation, so math stays typeset when moving between pages.
(function () {
  var options = {
    delimiters: [
      { left: "$$", right: "$$", display: true },
      { left: "\\[", right: "\\]", display: true },
      { left: "$", right: "$", display: false },
      { left: "\\(", right: "\\)", display: false },
    ],
    ignoredClasses: ["no-math"],
    throwOnError: false,
  };
  function typeset(root) {
    if (typeof renderMathInElement === "function") {
      renderMathInElement(root || document.body, options);
    }
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(function (doc) {
      typeset(doc.body);
    });
  } else {
    document.addEventListener("DOMContentLoaded", function () {
      typeset(document.body);
    });
  }
})();
