// The address bar names the section the reader is in, on the page the reader is on.
//
// Material's own anchor tracking (the navigation.tracking feature) writes the active
// anchor of the table of contents into the URL a quarter second after scrolling.
// With instant navigation that table can still be the previous page's: the next
// page's address then carries an anchor of the page just left (l05_adaptive_lr/
// #momentum_descent), and a copied link points to the wrong place. So the feature
// is off in mkdocs.yml and this script does the same job from the document as it
// is when the timer fires:
//
// - after scrolling stops, the hash becomes the id of the last h2-h6 heading that
//   has reached the top of the content (no hash above the first one);
// - a timer started on one page never writes on the next (instant navigation
//   replaces the document without unloading this script);
// - on arriving at a page, a hash that names no element of it is dropped.
(function () {
  var HEADINGS = ["h2", "h3", "h4", "h5", "h6"]
    .map(function (tag) { return ".md-content " + tag + "[id]"; })
    .join(", ");
  var DELAY = 250; // ms after the last scroll event, as Material waits
  var page = 0; // counts the documents shown: instant navigation increments it
  var timer = null;

  function headerHeight() {
    var header = document.querySelector(".md-header");
    return header ? header.getBoundingClientRect().height : 0;
  }

  // A heading is reached once it is where following a link to it puts it: under
  // the header, its scroll margin below (so #mse names the mse heading, not the one before).
  function reached(heading, header) {
    var margin = parseFloat(getComputedStyle(heading).scrollMarginTop) || 0;
    return heading.getBoundingClientRect().top <= header + margin + 2;
  }

  function activeHeading() {
    var header = headerHeight();
    var active = null;
    var headings = document.querySelectorAll(HEADINGS);
    for (var i = 0; i < headings.length; i++) {
      if (!reached(headings[i], header)) break;
      active = headings[i];
    }
    return active;
  }

  function currentId() {
    try {
      return decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return location.hash.slice(1);
    }
  }

  function setHash(id) {
    if (currentId() === id) return;
    var url = new URL(location.href);
    url.hash = id ? "#" + encodeURIComponent(id) : "";
    history.replaceState(history.state, "", url.href);
  }

  function track() {
    var active = activeHeading();
    setHash(active ? active.id : "");
  }

  function onScroll() {
    var scheduledOn = page;
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (scheduledOn === page) track();
    }, DELAY);
  }

  function onNewDocument() {
    page += 1;
    clearTimeout(timer);
    var id = currentId();
    if (id && !document.getElementById(id)) setHash("");
  }

  window.addEventListener("scroll", onScroll, { passive: true });
  if (typeof document$ !== "undefined") {
    document$.subscribe(onNewDocument);
  } else {
    document.addEventListener("DOMContentLoaded", onNewDocument);
  }
})();
