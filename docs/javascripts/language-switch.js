// The language switcher leads to the page being read, at the section being read, in
// the other language.
//
// The switcher sits in the header, which Material's instant navigation keeps from page
// to page: its links, written at build time for the page first loaded, would go on
// pointing to that page. Every page has its counterpart at the same path under the
// other language's folder (/l04_batch_momentum/ and /en/l04_batch_momentum/) with the
// same section ids, so the links are rewritten from the address at each new page.
// Following one loads the other language's page afresh: its header, search index and
// Material's own words are that language's.
(function () {
  var data = document.getElementById("__languages");
  if (!data) return;
  var languages = JSON.parse(data.textContent);
  if (!languages.page) return; // the 404 pages' switcher leads to the home pages
  // base is relative to the page first loaded: resolve it now, once
  var root = new URL(languages.base.replace(/\/*$/, "/"), location.href);

  function folder(lang) {
    return new URL(languages.links[lang].replace(/^\//, ""), root).href;
  }

  // The address of the page being read, in `lang`: same path, same anchor.
  function counterpart(lang) {
    var here = folder(languages.current);
    var rest = location.href.startsWith(here) ? location.href.slice(here.length) : "";
    return folder(lang) + rest;
  }

  function update() {
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      var lang = link.getAttribute("hreflang");
      if (!(lang in languages.links)) return;
      link.href = counterpart(lang);
      if (!link.dataset.courseLanguage) {
        link.dataset.courseLanguage = lang;
        link.addEventListener("click", function (event) {
          // a full load, never instant navigation: the whole page changes language
          event.preventDefault();
          event.stopPropagation();
          location.assign(counterpart(lang));
        });
      }
    });
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(update);
  } else {
    document.addEventListener("DOMContentLoaded", update);
  }
  // the anchor follows the reader (anchor-tracking.js): show the links as they are now
  document.addEventListener("pointerover", function (event) {
    if (event.target.closest && event.target.closest(".md-select")) update();
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-select")) update();
  });
})();
